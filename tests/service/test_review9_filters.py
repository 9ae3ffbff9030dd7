"""Hidden metadata stays hidden through filters, over a real server (review 9, F3).

No route returns a document's metadata, yet a reader recovered a fetched page's post-redirect
`url` (a signed query string) in 385 requests: the unknown-key error named the key, then
`{"doc_id": d, "url": {"gte": prefix + c}}` binary-searched it a character at a time. Ranges now
take numbers or ISO dates only and never compare stored text that is not a date; the error
for an unknown key names the built-in keys only."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import small_docs
from tests.service.conftest import Service

SECRET = "http://127.0.0.1:18960/internal/report?sig=Zk93xQ7"
HIDDEN = {"url": SECRET, "owner_email": "alice@example.org", "ref": "2022-01-06 sig=Zk93xQ7",
          "published": "2022-01-06T10:00:00+02:00", "pages_read": 12}
ROCKET = "D'où la fusée Ariane 6 a-t-elle décollé ?"


def _serve(small_service: Callable[..., Service], **settings: object) -> Service:
    s = small_service(ingest=False, **settings)
    docs = [dataclasses.replace(d, metadata=HIDDEN if d.id == "astro" else {"lang": "fr"})
            for d in small_docs()]
    assert s.engine.ingest_documents(docs).added == len(docs)
    return s


@pytest.fixture
def svc(small_service: Callable[..., Service]) -> Service:
    return _serve(small_service)


@pytest.fixture
def listed(small_service: Callable[..., Service]) -> Service:
    """The hidden keys listed in RAG_FILTER_KEYS: without it a range on a metadata key is
    refused outright (review 15, F2; tests/service/test_review15_filters.py)."""
    return _serve(small_service, filter_keys=[*HIDDEN, "lang"])


def _search(c: httpx.Client, filters: object) -> httpx.Response:
    return c.get("/search", params={"q": ROCKET, "k": 4, "filters": json.dumps(filters)})


def _routes(c: httpx.Client, filters: object) -> list[httpx.Response]:
    chat: dict[str, Any] = {"messages": [{"role": "user", "content": ROCKET}],
                            "filters": filters}
    return [_search(c, filters),
            c.post("/ask", json={"question": ROCKET, "filters": filters}),
            c.post("/ask/stream", json={"question": ROCKET, "filters": filters}),
            c.post("/v1/chat/completions", json=chat),
            c.post("/v1/completions", json={"prompt": ROCKET, "filters": filters})]


def _error(r: httpx.Response) -> str:
    body = r.json()["error"]
    return str(body["message"] if isinstance(body, dict) else body)


def test_the_binary_search_of_the_review_finds_nothing(listed: Service) -> None:
    """The review's extraction (run/extract_meta.py), step by step: its first range probe is
    now a 400 on every route, and the same probes with dates find no text."""
    c = listed.client
    for probe in ({"doc_id": "astro", "url": {"gte": "h"}},
                  {"doc_id": "astro", "url": {"gte": SECRET[:-1]}},
                  {"owner_email": {"lt": "b"}}, {"title": {"gte": "L"}},
                  {"doc_id": {"gt": "a"}}):
        for r in _routes(c, probe):
            assert r.status_code == 400, (probe, r.request.url, r.text[:300])
            assert "a range takes numbers or ISO dates" in _error(r), r.text[:300]
    # a date bound is taken, but compares only stored ISO dates: text never matches, even
    # text that begins like a date
    for key in ("url", "owner_email", "ref"):
        for op, bound in (("gte", "0001-01-01"), ("lt", "9999-12-31T23:59Z"),
                          ("gte", "2022-01-06"), ("lte", "2022-01-06T23:59")):
            r = _search(c, {key: {op: bound}})
            assert r.status_code == 200 and r.json()["hits"] == [], (key, op, bound, r.text)
    # equality still confirms a whole guess (as any filter on a value must), never a prefix
    assert {h["doc_id"] for h in _search(c, {"url": SECRET}).json()["hits"]} == {"astro"}
    assert _search(c, {"url": SECRET[:-1]}).json()["hits"] == []


def test_dates_and_numbers_keep_their_ranges(listed: Service) -> None:
    def found(filters: object) -> set[str]:
        r = _search(listed.client, filters)
        assert r.status_code == 200, r.text
        return {h["doc_id"] for h in r.json()["hits"]}

    assert found({"published": {"gte": "2022-01-06"}}) == {"astro"}
    assert found({"published": {"gte": "2022-01-06T07:59Z", "lt": "2022-01-07"}}) == {"astro"}
    assert found({"published": {"gt": "2022-01-06T08:00Z"}}) == set()  # 10:00+02:00 is 08:00Z
    assert found({"pages_read": {"gte": 10, "lt": 13}}) == {"astro"}
    assert found({"pages_read": {"gt": 12}}) == set()


def test_an_unknown_key_names_no_metadata_key(svc: Service) -> None:
    """The error named every metadata key (`known: doc_id, source, title, date, url`), and a
    close guess got a "did you mean": both told a stranger what to probe."""
    for guess in ("zzz", "email", "urls", "owner_mail", "publish"):
        for r in _routes(svc.client, {guess: 1}):
            assert r.status_code == 400, r.text[:300]
            msg = _error(r)
            assert msg.startswith(f"filters: unknown key {guess!r}: no document has it; "), msg
            assert "built-in keys: doc_id, source, title, date" in msg, msg
            rest = msg.split("no document has it; ", 1)[1]  # past the echoed guess
            for hidden in HIDDEN:
                assert hidden not in rest, (hidden, msg)
    r = _search(svc.client, {"titel": "x"})
    assert r.status_code == 400 and "did you mean 'title'?" in _error(r)
