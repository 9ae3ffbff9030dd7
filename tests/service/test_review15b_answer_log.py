"""The answer log over a real server after review 15b (N2, N3).

N2: per-client eviction (review 15, F3) let many identities push everyone else out: with a cap
of 200, 250 addresses of one answer each evicted a lone user's only answer, and its vote was a
404. An answer younger than RAG_ANSWER_LOG_MIN_AGE (an hour) is no longer evicted by other
clients while the log holds less than 10 x its cap, and the log counts an IPv6 client by its
/48 (a free tunnel-broker /48 held 65,536 /64s, each a client of its own).
N3: the log stored each client's address (`ip:127.0.0.5`) or key fingerprint beside its
questions; it now stores a keyed hash of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.feedback import FILENAME
from service.app import create_app
from service.security import client_bucket, client_identity, fingerprint
from service.server import proxy_options
from service.settings import ServiceSettings
from tests.conftest import small_docs
from tests.service.conftest import serve
from tests.service.test_review15_answer_log import _evicted, _from, _vote

QUESTION = "Quel volcan est entré en éruption ?"
USER = "user-key-123"


@contextmanager
def _server(tmp_path: Path, embedder: E5Embedder, cap: int, **settings: Any
            ) -> Iterator[tuple[str, ServiceSettings, Any]]:
    """A server whose answer log keeps `cap` answers (10,000 by default); its URL, settings
    and answer log (rag.feedback.FeedbackStore)."""
    config = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "no-corpus",
                             rate_limit_per_minute=0, **settings)
    engine = Engine(config, embedder=embedder, auto_build=False)
    assert engine.ingest_documents(small_docs()).added == len(small_docs())
    app = create_app(config, engine)
    store = app.state.answers.store
    store.max_answers = cap
    with serve(app, **proxy_options(config)) as url:
        yield url, config, store


def _ask(c: httpx.Client, **headers: str) -> str:
    r = c.post("/ask", json={"question": QUESTION}, headers=headers)
    assert r.status_code == 200, r.text
    return str(r.json()["answer_id"])


def test_many_addresses_no_longer_push_out_a_lone_users_answer(
        tmp_path: Path, embedder: E5Embedder) -> None:
    with _server(tmp_path, embedder, cap=3) as (url, _, store), \
            _from(url, "127.0.0.1") as lone:
        mine = _ask(lone)
        others = []
        for i in range(12):  # 12 addresses of one answer each, 4 x the cap
            with _from(url, f"127.0.3.{i + 1}") as c:
                others.append(_ask(c))
        assert _vote(lone, mine) == 201  # was a 404: the oldest one-answer client went
        assert _evicted(lone) == 0.0 and store.count_answers() == 13


def test_the_minimum_age_is_rag_answer_log_min_age(
        tmp_path: Path, embedder: E5Embedder, monkeypatch: Any) -> None:
    """0 is the rule of review 15 alone: the same run evicts the lone user's answer."""
    assert ServiceSettings().answer_log_min_age == 3600
    monkeypatch.setenv("RAG_ANSWER_LOG_MIN_AGE", "0")
    assert ServiceSettings().answer_log_min_age == 0
    with _server(tmp_path, embedder, cap=3) as (url, config, store), \
            _from(url, "127.0.0.1") as lone:
        assert store.min_age == config.answer_log_min_age == 0
        mine = _ask(lone)
        for i in range(3):
            with _from(url, f"127.0.3.{i + 1}") as c:
                _ask(c)
        assert _vote(lone, mine) == 404
        assert _evicted(lone) == 1.0 and store.count_answers() == 3


def test_an_ipv6_client_is_one_client_per_48_in_the_answer_log(
        tmp_path: Path, embedder: E5Embedder) -> None:
    """Behind a trusted proxy, answers from eight /64s of one /48 count as one client: it
    loses its own oldest answers past the cap, and the lone user's answer stays. Counted per
    /64, each would be a client of its own, kept an hour: the log would hold 9."""
    assert client_bucket("2001:db8:1:7::5") == "ip:2001:db8:1:7::/64"  # the rate limit's
    assert client_bucket("2001:db8:1:7::5", 48) == "ip:2001:db8:1::/48"
    assert client_bucket("::ffff:192.0.2.1", 48) == "ip:192.0.2.1"
    with _server(tmp_path, embedder, cap=3, trusted_proxies=["127.0.0.1"]) as (
            url, _, store), httpx.Client(base_url=url, timeout=60.0) as c:
        mine = _ask(c, **{"x-forwarded-for": "2001:db8:9::1"})
        for i in range(8):
            _ask(c, **{"x-forwarded-for": f"2001:db8:1:{i}::1"})
        assert store.count_answers() == 3
        assert store.count_answers(client_identity(None, "ip:2001:db8:1::/48")) == 2
        vote = c.post("/feedback", json={"answer_id": mine, "rating": "up"},
                      headers={"x-forwarded-for": "2001:db8:9::1"})
        assert vote.status_code == 201, vote.text


def test_the_log_holds_no_address_or_key_fingerprint(
        tmp_path: Path, embedder: E5Embedder) -> None:
    key = fingerprint(USER.encode())
    with _server(tmp_path, embedder, cap=10, api_keys=USER) as (url, config, store), \
            _from(url, "127.0.0.5", USER) as c:
        _ask(c)
        _ask(c)
        assert store.count_answers(client_identity(f"key:{key}", "ip:127.0.0.5")) == 2
        files = list(config.index_dir.glob(FILENAME + "*"))
        on_disk = b"".join(p.read_bytes() for p in files)
        assert QUESTION.encode() in on_disk  # what the log is for is there...
        assert b"127.0.0.5" not in on_disk and key.encode() not in on_disk  # ...not who
