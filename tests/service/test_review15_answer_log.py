"""One client asking in a loop no longer turns other people's answers out of the answer log,
over a real server (review 15, F3).

The log keeps the newest 10,000 answers (3 here) for votes: one address asking 33 times a
second, under the default rate limit, replaced all of them in about 5 minutes, and every other
user's vote was then a 404 ("unknown, or logged too long ago"). Past the cap, the oldest
answers of the client holding the most now go, a client being who the rate limit counts (the
API key's fingerprint and the address, or the address alone), on every answering route; and
`rag_answers_evicted_total` counts them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.settings import ServiceSettings
from tests.conftest import small_docs
from tests.service.conftest import serve

QUESTION = "Quel volcan est entré en éruption ?"
USER = "user-key-123"
ADMIN = "admin-key-456"


@contextmanager
def _server(tmp_path: Path, embedder: E5Embedder, cap: int, **settings: Any
            ) -> Iterator[str]:
    """A server whose answer log keeps `cap` answers (10,000 by default)."""
    config = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "no-corpus",
                             rate_limit_per_minute=0, **settings)
    engine = Engine(config, embedder=embedder, auto_build=False)
    assert engine.ingest_documents(small_docs()).added == len(small_docs())
    app = create_app(config, engine)
    app.state.answers.store.max_answers = cap
    with serve(app) as url:
        yield url


@contextmanager
def _from(url: str, address: str, key: str | None = None) -> Iterator[httpx.Client]:
    """A client whose connections come from `address` (any 127.x.y.z is this machine's)."""
    headers = {"authorization": f"Bearer {key}"} if key else {}
    with httpx.Client(base_url=url, transport=httpx.HTTPTransport(local_address=address),
                      headers=headers, timeout=60.0) as c:
        yield c


def _ask(c: httpx.Client, route: str) -> str:
    """An answer's id from one of the four answering routes (the stream read to its end)."""
    if route == "/ask":
        r = c.post("/ask", json={"question": QUESTION})
    elif route == "/ask/stream":
        r = c.post("/ask/stream", json={"question": QUESTION})
        assert r.status_code == 200, r.text
        m = re.search(r'event: done\ndata: .*"answer_id": "([0-9a-f]+)"', r.text)
        assert m, r.text
        return m.group(1)
    elif route == "/v1/completions":
        r = c.post("/v1/completions", json={"model": "rag", "prompt": QUESTION})
    else:
        r = c.post("/v1/chat/completions", json={
            "model": "rag", "messages": [{"role": "user", "content": QUESTION}]})
    assert r.status_code == 200, r.text
    return str(r.json()["answer_id"])


def _vote(c: httpx.Client, aid: str) -> int:
    return c.post("/feedback", json={"answer_id": aid, "rating": "up"}).status_code


def _evicted(c: httpx.Client) -> float:
    m = re.search(r"^rag_answers_evicted_total (\S+)$", c.get("/metrics").text, re.M)
    assert m, "no rag_answers_evicted_total"
    return float(m.group(1))


ROUTES = ("/ask", "/ask/stream", "/v1/completions", "/v1/chat/completions")


def test_a_client_asking_in_a_loop_pushes_out_only_its_own_answers(
        tmp_path: Path, embedder: E5Embedder) -> None:
    with _server(tmp_path, embedder, cap=3) as url, _from(url, "127.0.0.1") as alice, \
            _from(url, "127.0.0.2") as flood:
        assert _evicted(alice) == 0.0
        mine = _ask(alice, "/ask")
        theirs = [_ask(flood, ROUTES[i % len(ROUTES)]) for i in range(8)]  # every route
        assert _evicted(alice) == 6.0
        assert _vote(alice, mine) == 201  # was a 404: the flood had pushed it out
        assert [_vote(flood, a) for a in theirs] == [404] * 6 + [201] * 2


def test_with_keys_each_address_spending_a_key_is_a_client(
        tmp_path: Path, embedder: E5Embedder) -> None:
    """A widget's key is public: the visitors spending it from their own addresses keep their
    answers while one of them loops, as the rate limit counts them apart."""
    with _server(tmp_path, embedder, cap=3, api_keys=USER, admin_keys=ADMIN) as url, \
            _from(url, "127.0.0.3", USER) as visitor, _from(url, "127.0.0.4", USER) as flood, \
            _from(url, "127.0.0.5", ADMIN) as admin:
        mine = _ask(visitor, "/ask/stream")
        for route in ROUTES:
            _ask(flood, route)
        assert _vote(visitor, mine) == 201
        assert _evicted(admin) == 2.0  # (the metrics need an admin key: review 40, F3)
