"""On a server with API keys, filters take the built-in keys only unless RAG_FILTER_KEYS lists
others (review 15b, N1).

Review 15 refused ranges on hidden keys, but a list ("one of", up to 1,000 values) is a
set-membership test: a JSON document's hidden `salary` 73512 was read in 84 requests, a `dob`
in 41, by anyone holding a key that may search (the widget's public one included); and a key no
document has was a 400 while a key some document has was a 200, so which keys exist could be
read too. With RAG_API_KEYS set and RAG_FILTER_KEYS unset, filters now take doc_id, source,
title, date and page_count only, and any other key is one 400 naming RAG_FILTER_KEYS, alike
whether documents hold it. Start-up says so in one warning line. A server without keys (local
use) keeps its filters on any metadata key."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from service.settings import ServiceSettings
from tests.service.conftest import Service
from tests.service.test_review15_filters import _error, _found, _routes, _search

USER, ADMIN = "widget-key-123", "admin-key-456"
MEMO = {"id": "hr-memo", "title": "HR memo", "salary": 73512, "dob": "1984-11-02",
        "text": "Internal memo about the annual review of staff salaries.",
        "date": "2023-04-01", "page_count": 3}
OTHER = {"id": "note", "title": "Canteen note", "date": "2022-01-06", "page_count": 12,
         "text": "A note about the annual review of the staff canteen menu."}
BUILT_IN = ["doc_id", "source", "title", "date", "page_count"]
WARNING = "RAG_API_KEYS is set without RAG_FILTER_KEYS"


def _serve(small_service: Callable[..., Service], **settings: Any) -> httpx.Client:
    """A server holding MEMO and OTHER; its client sends the search key when keys are set."""
    svc = small_service(ingest=False, **settings)
    c = svc.client
    admin = {"authorization": f"Bearer {ADMIN}"} if "api_keys" in settings else {}
    r = c.post("/documents", params={"async": "false"}, headers=admin,
               json={"documents": [MEMO, OTHER]})
    assert r.status_code == 200 and r.json()["added"] == 2, r.text
    if "api_keys" in settings:
        c.headers["authorization"] = f"Bearer {USER}"
    return c


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if WARNING in r.getMessage()]


def test_with_api_keys_a_list_on_a_hidden_key_is_refused_on_every_route(
        small_service: Callable[..., Service], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="rag.service")
    c = _serve(small_service, api_keys=USER, admin_keys=ADMIN)
    salaries = list(range(73300, 73700))  # one step of the review's search (GET: 4,000 chars)
    messages = set()
    for key, value in (("salary", salaries), ("salary", 73512), ("dob", ["1984-11-02"]),
                       ("nowhere", salaries), ("nowhere", 1)):
        for r in _routes(c, {"doc_id": "hr-memo", key: value}):
            assert r.status_code == 400, (key, r.request.url, r.text[:300])
            messages.add(_error(r).replace(repr(key), "KEY"))
    # one message, whether a document holds the key or not: no key-existence oracle either
    assert messages == {
        "filters: key KEY is not filterable; filterable keys: doc_id, source, title, date, "
        "page_count (another metadata key needs listing in RAG_FILTER_KEYS)"}, messages
    assert _warnings(caplog) == [  # once, at start-up
        f"{WARNING}: filters take only the built-in keys (doc_id, source, title, date, "
        "page_count); custom metadata keys are not filterable until listed in "
        "RAG_FILTER_KEYS"]


def test_with_api_keys_the_built_in_keys_still_filter(
        small_service: Callable[..., Service]) -> None:
    c = _serve(small_service, api_keys=USER, admin_keys=ADMIN)
    assert _found(c, {"doc_id": ["hr-memo", "x"]}) == {"hr-memo"}
    assert _found(c, {"title": "Canteen note"}) == {"note"}
    assert _found(c, {"date": {"gte": "2023-01-01"}}) == {"hr-memo"}
    assert _found(c, {"page_count": {"gt": 5}}) == {"note"}
    assert _found(c, {"page_count": [3, 4], "date": "2023-04-01"}) == {"hr-memo"}
    r = _search(c, {"source": {"gte": "a"}})
    assert r.status_code == 400 and "not a range" in _error(r), r.text


def test_keys_listed_in_rag_filter_keys_filter_on_a_keyed_server(
        small_service: Callable[..., Service], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="rag.service")
    c = _serve(small_service, api_keys=USER, admin_keys=ADMIN, filter_keys=["salary"])
    assert _warnings(caplog) == []
    assert _found(c, {"salary": [73512, 1]}) == {"hr-memo"}
    assert _found(c, {"salary": {"gte": 70000}}) == {"hr-memo"}
    r = _search(c, {"dob": "1984-11-02"})
    assert r.status_code == 400 and "needs listing in RAG_FILTER_KEYS" in _error(r), r.text


def test_without_keys_filters_take_any_metadata_key_as_before(
        small_service: Callable[..., Service], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="rag.service")
    c = _serve(small_service)
    assert _warnings(caplog) == []
    assert _found(c, {"salary": [73512, 1], "dob": "1984-11-02"}) == {"hr-memo"}


def test_the_default_is_read_once_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ServiceSettings().filter_keys is None
    assert ServiceSettings(admin_keys="a").filter_keys is None  # no key that only searches
    assert ServiceSettings(api_keys=" , ").filter_keys is None  # no key at all
    keyed = ServiceSettings(api_keys="k")
    assert keyed.filter_keys == BUILT_IN and keyed.filter_keys_defaulted
    monkeypatch.setenv("RAG_API_KEYS", "k1,k2")
    assert ServiceSettings().filter_keys == BUILT_IN
    monkeypatch.setenv("RAG_FILTER_KEYS", '["lang"]')
    listed = ServiceSettings()
    assert listed.filter_keys == ["lang"] and not listed.filter_keys_defaulted
    monkeypatch.setenv("RAG_FILTER_KEYS", "[]")  # listed as none: doc_id, source, title, date
    assert ServiceSettings().filter_keys == [] and not ServiceSettings().filter_keys_defaulted
