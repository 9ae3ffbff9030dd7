"""Filters on metadata keys a JSON path cannot spell, over a real server: a key holding `"`,
`\\` or a control character is stored escaped in the document's JSON, and SQLite's path
syntax has no escape (`$."a""b"` is a path error), so before (sixth review, F5) a filter on
such a key silently matched nothing; it now matches as any other key does."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest

from tests.conftest import small_docs
from tests.service.conftest import Service

KEYS = ['a"b', 'q"', "k\\", "\\\"", "tab\tkey", "x.y", "$", "c[0]", "é t'é"]
DAYS = {"astro": "2022-01-05", "cuisine": "2022-01-06", "foot": "2022-01-07",
        "volcan": "2022-01-08"}


def _serve(small_service: Callable[..., Service], **settings: object) -> Service:
    s = small_service(ingest=False, **settings)
    docs = [dataclasses.replace(d, metadata={k: f"{d.id}-{i}" for i, k in enumerate(KEYS)}
                                | {f"{k}@": DAYS[d.id] for k in KEYS}  # ranges take dates
                                | {"n": len(d.id)}) for d in small_docs()]
    assert s.engine.ingest_documents(docs).added == len(docs)
    return s


@pytest.fixture
def svc(small_service: Callable[..., Service]) -> Service:
    return _serve(small_service)


def _search(svc: Service, filters: object) -> list[str]:
    r = svc.client.get("/search", params={"q": "fusée Ariane volcan", "k": 4,
                                          "filters": json.dumps(filters)})
    assert r.status_code == 200, r.text
    return sorted(h["doc_id"] for h in r.json()["hits"])


@pytest.mark.parametrize("i", range(len(KEYS)), ids=[repr(k) for k in KEYS])
def test_any_metadata_key_can_be_filtered_on(svc: Service, i: int) -> None:
    key = KEYS[i]
    assert _search(svc, {key: f"foot-{i}"}) == ["foot"]
    assert _search(svc, {key: [f"astro-{i}", f"volcan-{i}", "autre"]}) == ["astro", "volcan"]
    assert _search(svc, {key: "autre"}) == []
    # a range on a metadata key needs RAG_FILTER_KEYS (review 15, F2; the next test)
    r = svc.client.get("/search", params={"q": "fusée", "filters": json.dumps(
        {f"{key}@": {"gte": "2022-01-07"}})})
    assert r.status_code == 400 and "needs it listed in RAG_FILTER_KEYS" in r.text, r.text
    r = svc.client.post("/ask", json={"question": "D'où la fusée a-t-elle décollé ?",
                                      "filters": {key: f"astro-{i}"}})
    assert r.status_code == 200, r.text
    assert {c["doc_id"] for c in r.json()["citations"]} <= {"astro"}


def test_listed_keys_take_ranges_whatever_their_spelling(
        small_service: Callable[..., Service]) -> None:
    listed = _serve(small_service, filter_keys=[*KEYS, *(f"{k}@" for k in KEYS), "n"])
    for i, key in enumerate(KEYS):
        assert _search(listed, {f"{key}@": {"gte": "2022-01-07"}}) == ["foot", "volcan"], key
        assert _search(listed, {f"{key}@": {"lte": "2022-01-07"}, "n": {"lt": 6}}) == [
            "astro", "foot"], key
        assert _search(listed, {key: f"foot-{i}"}) == ["foot"], key
        r = listed.client.get("/search", params={"q": "fusée", "filters": json.dumps(
            {key: {"gte": f"foot-{i}"}})})  # text is no range bound (review 9)
        assert r.status_code == 400 and "a range takes numbers or ISO dates" in r.text, r.text


def test_configured_filter_keys_hide_which_other_keys_exist(
        small_service: Callable[..., Service]) -> None:
    """RAG_FILTER_KEYS: only the built-in keys and these filter; any other is the same 400
    whether documents hold it (`url` below) or not, and the configured key works."""
    svc = small_service(ingest=False, filter_keys=["lang"])
    docs = [dataclasses.replace(d, metadata={"url": f"https://x.test/{d.id}?sig=s3cret",
                                             "lang": "fr" if d.id == "foot" else "en"})
            for d in small_docs()]
    assert svc.engine.ingest_documents(docs).added == len(docs)
    texts = []
    for key in ("url", "nowhere"):
        r = svc.client.get("/search", params={"q": "fusée", "filters": json.dumps(
            {key: "https://x.test/foot?sig=s3cret"})})
        assert r.status_code == 400, r.text
        texts.append(r.json()["error"].replace(repr(key), "KEY"))
    assert texts[0] == texts[1] and "is not filterable" in texts[0], texts
    assert _search(svc, {"lang": "fr"}) == ["foot"]
