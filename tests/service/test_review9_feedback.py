"""Votes per client are bounded, and evicted votes are counted, over a real server (review 9, F4).

The log keeps the newest 20,000 votes; anyone who may ask gets answer ids and may cast 10 votes
on each, so about 22,000 requests from one address replaced every real vote. Each client (API
key and address, as the rate limit counts them) now casts at most RAG_FEEDBACK_PER_HOUR votes
an hour (429 with Retry-After past it), and `rag_feedback_evicted_total` counts what the log
pushes out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.settings import ServiceSettings
from tests.conftest import small_docs
from tests.service.conftest import Service, serve

QUESTIONS = ("Quel volcan est entré en éruption ?", "D'où la fusée Ariane 6 a-t-elle décollé ?")
USER, ADMIN = "user-key-123", "admin-key-456"


def _h(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


@contextmanager
def _from(url: str, address: str) -> Iterator[httpx.Client]:
    """A client whose connections come from `address` (any 127.x.y.z is this machine's)."""
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=url, transport=transport, timeout=30.0) as c:
        yield c


def _metric(text: str, name: str) -> float:
    m = re.search(rf"^{name} (\S+)$", text, re.M)
    assert m, text
    return float(m.group(1))


def test_each_client_casts_at_most_its_votes_an_hour(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(api_keys=USER, admin_keys=ADMIN, feedback_per_hour=3)
    c = svc.client
    aids = [c.post("/ask", json={"question": q}, headers=_h(USER)).json()["answer_id"]
            for q in QUESTIONS]

    def vote(client: httpx.Client, aid: str, key: str = USER) -> httpx.Response:
        return client.post("/feedback", json={"answer_id": aid, "rating": "down"},
                           headers=_h(key))

    # refused votes are not the client's: an unknown answer, a malformed body
    assert vote(c, "0" * 32).status_code == 404
    assert c.post("/feedback", json={"answer_id": aids[0], "rating": "meh"},
                  headers=_h(USER)).status_code == 422
    codes = [vote(c, aids[i % 2]).status_code for i in range(3)]
    assert codes == [201, 201, 201]
    r = vote(c, aids[1])  # across answers too: the attack spread 10 votes over each of 2,000
    assert r.status_code == 429, r.text
    assert r.headers["retry-after"] == "1200"  # one vote back every 3600/3 seconds
    assert r.json()["error"] == ("too many votes from this client (at most 3 an hour); "
                                 "retry later")
    assert vote(c, "0" * 32).status_code == 429  # nothing to learn past it either

    # another key, or the same key from another address, is another client
    assert vote(c, aids[1], ADMIN).status_code == 201
    with _from(svc.url, "127.0.0.2") as other:
        assert vote(other, aids[1]).status_code == 201
    listed = c.get("/feedback", headers=_h(ADMIN)).json()["feedback"]
    assert len(listed) == 5


def test_without_keys_the_client_is_its_address(small_service: Callable[..., Service]) -> None:
    svc = small_service(feedback_per_hour=2)
    aid = svc.client.post("/ask", json={"question": QUESTIONS[0]}).json()["answer_id"]
    vote = {"answer_id": aid, "rating": "up"}
    assert [svc.client.post("/feedback", json=vote).status_code for _ in range(3)] == [
        201, 201, 429]
    with _from(svc.url, "127.0.0.3") as other:
        assert other.post("/feedback", json=vote).status_code == 201
        r = other.post("/feedback", json=vote)
        assert r.status_code == 201
        r = other.post("/feedback", json=vote)
        assert r.status_code == 429 and r.headers["retry-after"] == "1800"


def test_the_limit_is_a_setting_with_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ServiceSettings().feedback_per_hour == 60
    monkeypatch.setenv("RAG_FEEDBACK_PER_HOUR", "0")  # 0 = no limit
    assert ServiceSettings().feedback_per_hour == 0


def test_no_limit_when_set_to_zero(small_service: Callable[..., Service]) -> None:
    from rag.feedback import MAX_VOTES_PER_ANSWER

    svc = small_service(feedback_per_hour=0)
    aid = svc.client.post("/ask", json={"question": QUESTIONS[0]}).json()["answer_id"]
    codes = [svc.client.post("/feedback", json={"answer_id": aid, "rating": "up"}).status_code
             for _ in range(MAX_VOTES_PER_ANSWER + 1)]
    assert codes == [201] * MAX_VOTES_PER_ANSWER + [409]  # only the per-answer bound


def test_evicted_votes_are_counted(tmp_path: Path, embedder: E5Embedder) -> None:
    """A log at its limit (3 here, 20,000 by default) drops its oldest vote for each new one:
    `/metrics` counts them, so an operator sees genuine votes being pushed out."""
    settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "no-corpus",
                               rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    assert engine.ingest_documents(small_docs()).added == len(small_docs())
    app = create_app(settings, engine)
    app.state.answers.store.max_feedback = 3
    with serve(app) as url, httpx.Client(base_url=url, timeout=30.0) as c:
        assert _metric(c.get("/metrics").text, "rag_feedback_evicted_total") == 0.0
        aid = c.post("/ask", json={"question": QUESTIONS[0]}).json()["answer_id"]
        fids = [c.post("/feedback", json={"answer_id": aid, "rating": "up"}).json()
                ["feedback_id"] for _ in range(5)]
        assert _metric(c.get("/metrics").text, "rag_feedback_evicted_total") == 2.0
        kept = [f["feedback_id"] for f in c.get("/feedback").json()["feedback"]]
        assert kept == fids[:1:-1]


def test_the_quota_refills_over_the_hour_and_its_memory_is_bounded() -> None:
    from service.routes.feedback import VoteQuota

    q = VoteQuota(60, max_clients=100)
    assert all(q.take("a", now=0.0) == 0.0 for _ in range(60))
    assert q.take("a", now=0.0) == pytest.approx(60.0)
    assert q.take("a", now=30.0) == pytest.approx(30.0)
    assert q.take("a", now=60.0) == 0.0 and q.take("a", now=60.0) > 0
    q.give_back("a", now=60.0)  # a vote the log refused
    assert q.take("a", now=60.0) == 0.0
    for i in range(1000):  # a thousand addresses voting once: at most 100 buckets kept
        assert q.take(f"ip:10.0.{i // 256}.{i % 256}", now=100.0 + i) == 0.0
        assert len(q._buckets) <= 100
    assert q.take("a", now=100.0 + 1000) == 0.0  # forgotten when idlest: a fresh bucket
