"""Hidden numbers and dates stay hidden through range filters, over a real server (review 15,
F2). With RAG_FILTER_KEYS unset (the default), `{"doc_id": "hr-memo", "salary": {"gte": N}}`
read a JSON document's hidden `salary` by bisection in 30 requests, and its `review_date` in
16. A range now takes only the built-in keys (`date`, and `page_count`, which the loaders
write); another key takes ranges once listed in RAG_FILTER_KEYS. Equality on any metadata
key, and the "unknown key" answer, are as they were."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from tests.service.conftest import Service

MEMO = {"id": "hr-memo", "text": "Internal memo about the annual review of staff salaries.",
        "salary": 73512, "review_date": "2023-04-17T09:30", "date": "2023-04-01",
        "page_count": 3}
OTHER = {"id": "note", "text": "A note about the annual review of the staff canteen menu.",
         "date": "2022-01-06", "page_count": 12}
QUESTION = "What does the memo say about the annual review?"
NEEDS_LISTING = ("a range (gte, gt, lte, lt) on this key needs it listed in RAG_FILTER_KEYS; "
                 "without that setting ranges take only doc_id, title, date, page_count; "
                 "match other keys with a value or a list of values")


def _serve(small_service: Callable[..., Service], **settings: Any) -> Service:
    svc = small_service(ingest=False, **settings)
    r = svc.client.post("/documents", params={"async": "false"},
                        json={"documents": [MEMO, OTHER]})
    assert r.status_code == 200 and r.json()["added"] == 2, r.text
    return svc


def _search(c: httpx.Client, filters: object) -> httpx.Response:
    return c.get("/search", params={"q": "annual review", "k": 4,
                                    "filters": json.dumps(filters)})


def _found(c: httpx.Client, filters: object) -> set[str]:
    r = _search(c, filters)
    assert r.status_code == 200, r.text
    return {h["doc_id"] for h in r.json()["hits"]}


def _routes(c: httpx.Client, filters: object) -> list[httpx.Response]:
    chat = {"messages": [{"role": "user", "content": QUESTION}], "filters": filters}
    return [_search(c, filters),
            c.post("/ask", json={"question": QUESTION, "filters": filters}),
            c.post("/ask/stream", json={"question": QUESTION, "filters": filters}),
            c.post("/v1/chat/completions", json=chat),
            c.post("/v1/completions", json={"prompt": QUESTION, "filters": filters})]


def _error(r: httpx.Response) -> str:
    body = r.json()["error"]
    return str(body["message"] if isinstance(body, dict) else body)


def test_the_bisection_of_the_review_is_refused_on_every_route(
        small_service: Callable[..., Service]) -> None:
    c = _serve(small_service).client
    for key, bound in (("salary", {"gte": 36757}), ("review_date", {"gte": "2035-01-01"}),
                       ("nowhere", {"gte": 1})):  # a key no document has reads the same
        for r in _routes(c, {"doc_id": "hr-memo", key: bound}):
            assert r.status_code == 400, (key, r.request.url, r.text[:300])
            assert _error(r) == f"filter {key!r}: {NEEDS_LISTING}", r.text[:300]


def test_equality_built_in_ranges_and_the_unknown_key_answer_still_work(
        small_service: Callable[..., Service]) -> None:
    c = _serve(small_service).client
    assert _found(c, {"salary": 73512}) == {"hr-memo"}
    assert _found(c, {"salary": [1, 2]}) == set()
    assert _found(c, {"date": {"gte": "2023-01-01"}}) == {"hr-memo"}
    assert _found(c, {"page_count": {"gt": 5}}) == {"note"}
    assert _found(c, {"page_count": {"gte": 1}, "date": {"lt": "2023-12-31"}}) == {
        "hr-memo", "note"}
    r = _search(c, {"nowhere": 1})
    assert r.status_code == 400 and _error(r).startswith(
        "filters: unknown key 'nowhere': no document has it; "), r.text


def test_keys_listed_in_rag_filter_keys_keep_their_ranges(
        small_service: Callable[..., Service]) -> None:
    c = _serve(small_service, filter_keys=["salary", "review_date"]).client
    assert _found(c, {"salary": {"gte": 73512}}) == {"hr-memo"}
    assert _found(c, {"salary": {"gt": 73512}}) == set()
    assert _found(c, {"review_date": {"gte": "2023-04-17", "lt": "2023-04-18"}}) == {"hr-memo"}
    r = _search(c, {"page_count": {"gte": 1}})  # not listed: not filterable at all, as before
    assert r.status_code == 400 and "is not filterable" in _error(r), r.text
