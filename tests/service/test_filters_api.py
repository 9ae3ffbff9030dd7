"""Metadata filters on every retrieval route, over a real server: one JSON shape in bodies and
in GET /search's `filters` query parameter; bad filters are a 400 with a message."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest

from tests.conftest import small_docs
from tests.service.conftest import Service, parse_openai_sse, parse_sse

DATES = {"astro": "2022-01-05", "cuisine": "2022-01-06", "foot": "2022-01-07",
         "volcan": "2022-01-08"}
ROCKET = "D'où la fusée Ariane 6 a-t-elle décollé ?"


@pytest.fixture
def svc(small_service: Callable[..., Service]) -> Service:
    s = small_service(ingest=False)
    docs = [dataclasses.replace(d, metadata={"date": DATES[d.id], "lang": "en" if
                                             d.id == "volcan" else "fr"}) for d in small_docs()]
    assert s.engine.ingest_documents(docs).added == len(docs)
    return s


def _search(svc: Service, filters: object, k: int = 4) -> list[str]:
    r = svc.client.get("/search", params={"q": ROCKET, "k": k, "filters": json.dumps(filters)})
    assert r.status_code == 200, r.text
    return [h["doc_id"] for h in r.json()["hits"]]


def test_search_query_parameter(svc: Service) -> None:
    assert _search(svc, {}, 1) == ["astro"]
    assert _search(svc, {"doc_id": ["foot", "volcan"]}, 2) in (["foot", "volcan"],
                                                               ["volcan", "foot"])
    assert sorted(_search(svc, {"date": {"gte": "2022-01-06", "lt": "2022-01-08"}})) == [
        "cuisine", "foot"]
    assert _search(svc, {"lang": "en"}) == ["volcan"]
    assert sorted(_search(svc, {"lang": "fr", "date": {"lte": "2022-01-06"}})) == [
        "astro", "cuisine"]


def _cited(body: dict[str, object]) -> set[str]:
    return {c["doc_id"] for c in body["citations"]}  # type: ignore[attr-defined,index]


def test_ask_and_stream_are_restricted(svc: Service) -> None:
    c = svc.client
    assert "astro" in _cited(c.post("/ask", json={"question": ROCKET}).json())
    r = c.post("/ask", json={"question": ROCKET, "filters": {"doc_id": ["foot"]}})
    assert r.status_code == 200, r.text
    assert _cited(r.json()) <= {"foot"}
    r = c.post("/ask/stream", json={"question": ROCKET, "filters": {"date": {"gte": "2022-01-07"}}})
    assert r.status_code == 200, r.text
    events = parse_sse(r.text)
    done = [d for name, d in events if name == "done"]
    assert done and _cited(done[0]) <= {"foot", "volcan"}
    first = events[0][1]["citations"]
    assert {p["doc_id"] for p in first} <= {"foot", "volcan"}


def test_chat_completions_restricted(svc: Service) -> None:
    msgs = [{"role": "user", "content": ROCKET}]
    r = svc.client.post("/v1/chat/completions", json={"messages": msgs})
    assert "astro" in _cited(r.json())
    r = svc.client.post("/v1/chat/completions",
                        json={"messages": msgs, "filters": {"doc_id": "cuisine"}})
    assert r.status_code == 200, r.text
    assert _cited(r.json()) <= {"cuisine"}
    r = svc.client.post("/v1/chat/completions",
                        json={"messages": msgs, "stream": True, "filters": {"doc_id": "cuisine"}})
    assert r.status_code == 200, r.text
    last = [c for c in parse_openai_sse(r.text) if isinstance(c, dict) and "citations" in c]
    assert last and _cited(last[-1]) <= {"cuisine"}


BAD = [({"colour": "red"}, "unknown key 'colour'"),
       ({"date": {"gte": "2022-1-6"}}, "malformed date"),
       ({"date": {"after": "2022-01-06"}}, "range keys")]


@pytest.mark.parametrize(("filters", "message"), BAD)
def test_bad_filters_are_400(svc: Service, filters: dict[str, object], message: str) -> None:
    c = svc.client
    responses = [
        c.get("/search", params={"q": ROCKET, "filters": json.dumps(filters)}),
        c.post("/ask", json={"question": ROCKET, "filters": filters}),
        c.post("/ask/stream", json={"question": ROCKET, "filters": filters}),
    ]
    for r in responses:
        assert r.status_code == 400, r.text
        assert message in r.json()["error"]
    r = c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": ROCKET}],
                                             "filters": filters})
    assert r.status_code == 400, r.text
    assert message in r.text


def test_search_filters_not_json_is_400(svc: Service) -> None:
    r = svc.client.get("/search", params={"q": ROCKET, "filters": "{doc_id: 1"})
    assert r.status_code == 400
    assert "not valid JSON" in r.json()["error"]


def test_unknown_key_answer_stays_small_over_many_metadata_keys(
        small_service: Callable[..., Service]) -> None:
    """Documents bringing 2,400 metadata keys (100-character names): a filter on an unknown
    key is a small 400 naming the built-in keys only (review 9: never a metadata key)."""
    s = small_service(ingest=False)
    docs = [dataclasses.replace(d, metadata={f"{d.id}_{i:03d}_{'k' * 90}": i for i in range(600)})
            for d in small_docs()]
    assert s.engine.ingest_documents(docs).added == len(docs)
    c = s.client
    responses = [
        c.get("/search", params={"q": ROCKET, "filters": json.dumps({"nope": 1})}),
        c.post("/ask", json={"question": ROCKET, "filters": {"nope": 1}}),
        c.post("/ask/stream", json={"question": ROCKET, "filters": {"nope": 1}}),
        c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": ROCKET}],
                                             "filters": {"nope": 1}}),
    ]
    for r in responses:
        assert r.status_code == 400, r.text[:300]
        assert len(r.content) < 4000, len(r.content)
        assert ("unknown key 'nope': no document has it; built-in keys: doc_id, source, "
                "title, date") in r.text, r.text[:300]
        assert "astro_000_" not in r.text


def test_filters_nested_too_deeply_is_400(svc: Service) -> None:
    deep = '{"lang": ' + "[" * 1990 + "]" * 1990 + "}"  # within the parameter's 4,000 chars
    r = svc.client.get("/search", params={"q": ROCKET, "filters": deep})
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "filters: not valid JSON (nested too deeply)"
