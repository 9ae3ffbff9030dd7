"""Security review 49, F2: the query-embedding cache (rag/retrieval.py) was shared by every
client, so one could tell by timing whether another had just asked an exact question
(`/search` 2.5 ms when someone had, 27.6 ms when not). It is keyed by who asks now (the
client as the rate limit counts it: API key and address) and the text: another client's
question is embedded again, a client's own repeats still skip the model. Real server,
clients on two loopback addresses; the cache's own counters tell a hit from a miss."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rag.retrieval import QueryCache
from tests.service.conftest import Service
from tests.service.test_review15_answer_log import _from

QUESTION = "Quel volcan est entré en éruption en Islande ?"
OTHER = "Combien de personnes ont été évacuées près du volcan ?"
KEY = "widget-public-key"  # a widget's key is public: each address is a client of its own


@pytest.mark.parametrize("side_by_side", [False, True], ids=["one-thread", "side-by-side"])
def test_one_client_cannot_tell_what_another_asked_from_the_query_cache(
        small_service: Callable[..., Service], side_by_side: bool) -> None:
    svc = small_service(api_keys=KEY, admin_keys="admin-key-1",
                        parallel_retrieval_min_chunks=0 if side_by_side else 10**9)
    cache = svc.engine.searcher()._embed
    assert isinstance(cache, QueryCache)

    def misses_of(c: object, route: str, question: str) -> int:
        before = cache.cache_info().misses
        if route == "/search":
            r = c.get("/search", params={"q": question, "k": 3})  # type: ignore[attr-defined]
        else:
            r = c.post(route, json={"question": question})  # type: ignore[attr-defined]
        assert r.status_code == 200, r.text
        return int(cache.cache_info().misses - before)

    with _from(svc.url, "127.0.0.2", KEY) as a, _from(svc.url, "127.0.0.3", KEY) as b:
        assert misses_of(a, "/search", QUESTION) == 1
        assert misses_of(a, "/search", QUESTION) == 0  # its own repeat: cached
        assert misses_of(b, "/search", QUESTION) == 1  # another client: embedded again
        assert misses_of(b, "/search", QUESTION) == 0
        # an answer (streamed or not) embeds in its client's cache too
        for route in ("/ask/stream", "/ask"):
            question = f"{OTHER} ({route})"
            misses_of(a, route, question)
            assert misses_of(a, "/search", question) == 0, route
            assert misses_of(b, "/search", question) == 1, route
