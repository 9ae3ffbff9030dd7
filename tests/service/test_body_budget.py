"""The bodies that requests in flight hold share one byte budget (service/guards.py,
`BodyBudget`, RAG_MAX_BODY_BYTES_IN_FLIGHT): past it a request is a 503 with Retry-After,
under it requests are served, and what a request counted is given back when it ends, answered
or its client gone.

Fourteenth review, F3: JSON bodies (`/ask`, `/verify`, `/v1/*`...) are buffered whole before
they are parsed, each bounded (2 MiB) but not how many at once: 300 held `/ask` bodies took the
server from 103 to 728 MB, and RAG_MAX_CONNECTIONS of them could hold 2 GB. Real uvicorn server
on loopback; the budget's count is read from the app (`app.state.body_budget`).
"""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.guards import BODY_FREE_BYTES, BodyBudget
from service.settings import ServiceSettings
from tests.conftest import small_docs
from tests.service.conftest import read_response, serve

BUDGET = 1_000_000
HELD = 300_000  # bytes each held body has sent (of more it declares)
QUESTION = "D'où la fusée Ariane 6 a-t-elle décollé ?"


@contextmanager
def _server(tmp_path: Path, embedder: E5Embedder) -> Iterator[tuple[BodyBudget, str]]:
    settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                               rate_limit_per_minute=0, max_body_bytes_in_flight=BUDGET)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    engine.ingest_documents(small_docs())
    app = create_app(settings, engine)
    with serve(app) as url:
        yield app.state.body_budget, url


def _held_ask(port: int, sent: int, path: str = "/ask", source: str = "127.0.0.1"
              ) -> socket.socket:
    """A POST whose body has sent `sent` bytes of the more it declares, from `source` (any
    127.x address: each is a client of its own)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=15, source_address=(source, 0))
    body = (b'{"question": "' + b"a" * sent)[:sent]
    s.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
              f"application/json\r\nContent-Length: {sent + 1000}\r\n\r\n".encode() + body)
    return s


def _until(check: Callable[[], bool], what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


_response = read_response


def _padded(question: str, size: int) -> bytes:
    """An /ask body of `size` bytes: the question, then blanks (valid JSON)."""
    body = json.dumps({"question": question}).encode()
    return body + b" " * (size - len(body))


def test_bodies_past_the_shared_budget_are_refused_and_it_is_given_back(
        tmp_path: Path, embedder: E5Embedder) -> None:
    with _server(tmp_path, embedder) as (budget, url), \
            httpx.Client(base_url=url, timeout=30) as client:
        port = int(url.rsplit(":", 1)[1])
        each = HELD - BODY_FREE_BYTES  # what a held body counts
        # 4: 937,856 bytes, from 4 clients (one may hold a quarter of the budget)
        held = [_held_ask(port, HELD, source=f"127.0.0.{2 + i}") for i in range(BUDGET // each)]
        try:
            _until(lambda: budget.held == len(held) * each,
                   f"the held bodies were not counted ({budget.held})")
            room = BUDGET - budget.held
            # one more body, all of whose bytes are read when it passes the budget (by one)
            with _held_ask(port, BODY_FREE_BYTES + room + 1, source="127.0.0.9") as over:
                poller = select.poll()
                poller.register(over, select.POLLIN | select.POLLHUP | select.POLLERR)
                assert poller.poll(15_000), "a body past the budget was read"
                status, head, body = _response(over)
            assert status == 503, body
            assert b"retry-after:" in head and b"connection: close" in head, head
            assert "RAG_MAX_BODY_BYTES_IN_FLIGHT" in json.loads(body)["error"], body
            _until(lambda: budget.held == len(held) * each, "the refused body kept its count")
            # under the budget, requests are served: a question is under the free bytes, and
            # a body that fits in what is left is counted, then given back
            ask = client.post("/ask", json={"question": QUESTION})
            assert ask.status_code == 200, ask.text
            fits = client.post("/ask", content=_padded(QUESTION, BODY_FREE_BYTES + room - 1),
                               headers={"content-type": "application/json"})
            assert fits.status_code == 200, fits.text
            _until(lambda: budget.held == len(held) * each, "an answered body kept its count")
            with _held_ask(port, BODY_FREE_BYTES + room + 1, "/v1/chat/completions",
                           source="127.0.0.9") as v1:
                status, head, body = _response(v1)
            assert status == 503, body  # any route's body counts; in OpenAI's error shape
            assert "RAG_MAX_BODY_BYTES_IN_FLIGHT" in json.loads(body)["error"]["message"]
        finally:
            for s in held:
                s.close()  # clients that leave mid-body give their count back
        _until(lambda: budget.held == 0, f"gone clients kept {budget.held} bytes counted")
        # alone, a body over the whole budget is taken (within RAG_MAX_REQUEST_BYTES)
        alone = client.post("/ask", content=_padded(QUESTION, BUDGET + 500_000),
                            headers={"content-type": "application/json"})
        assert alone.status_code == 200, alone.text
        _until(lambda: budget.held == 0, "an answered body kept its count")
        assert client.get("/metrics").text.count('rag_refused_total{reason="body_budget"} 2.0')


def test_one_client_holds_a_share_of_the_budget(tmp_path: Path, embedder: E5Embedder) -> None:
    """139 slow connections of one client (the widget's public key is enough) filled the
    budget, and every other client's body over the free bytes was a 503 (re-check N2): one
    client now holds a quarter of it at most, its own lone request aside."""
    with _server(tmp_path, embedder) as (budget, url):
        port = int(url.rsplit(":", 1)[1])
        share = BUDGET // BodyBudget.CLIENT_SHARE
        size = BODY_FREE_BYTES + share // 2 + 1000  # two of them pass a client's share
        first = _held_ask(port, size, source="127.0.0.20")
        try:
            _until(lambda: budget.held == size - BODY_FREE_BYTES, "the first body not counted")
            with _held_ask(port, size, source="127.0.0.20") as second:
                status, _, body = _response(second)
            assert status == 503, body  # the same client, past its share
            with _held_ask(port, size, source="127.0.0.21"):
                _until(lambda: budget.held == 2 * (size - BODY_FREE_BYTES),
                       f"another client's body was not taken ({budget.held})")
                assert budget.by_client == {"ip:127.0.0.20": size - BODY_FREE_BYTES,
                                            "ip:127.0.0.21": size - BODY_FREE_BYTES}
        finally:
            first.close()
        _until(lambda: budget.held == 0 and not budget.by_client,
               f"gone clients kept {budget.held} bytes counted")
    # alone, one client's request is taken past its share (within the whole budget's rule)
    lone = BodyBudget(100)
    assert lone.take(60, 0, "a") and not lone.take(60, 0, "a") and lone.take(20, 0, "b")
    lone.give(60, "a")
    lone.give(20, "b")
    assert lone.held == 0 and lone.by_client == {}


def test_uploads_are_not_counted_and_zero_is_no_budget() -> None:
    """`POST /documents` reads its bodies through its own gate (two at a time)."""
    from service.guards import budgeted

    assert not budgeted("POST", "/documents") and not budgeted("POST", "/documents/upload")
    assert budgeted("POST", "/ask") and budgeted("POST", "/v1/chat/completions")
    unbounded = BodyBudget(0)
    assert unbounded.take(10**12, 0) and unbounded.take(10**12, 0)
    bounded = BodyBudget(100)
    assert bounded.take(60, 0) and bounded.held == 60
    assert not bounded.take(60, 0) and bounded.held == 60  # another request holds 60
    assert bounded.take(60, 60) and bounded.held == 120  # its own 60 only: alone, taken
    bounded.give(120)
    assert bounded.held == 0
