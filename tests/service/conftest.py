"""A real uvicorn server per fixture, on a free loopback port, over real indexes and the e5 model.

`corpus_service` serves a copy of the session corpus index (five French articles about
Kazakhstan, January 2022) with the extractive backend; tests using it only read.
`small_service(...)` builds a fresh index of `small_docs()` per test, for tests that write.
"""

from __future__ import annotations

import functools
import json
import re
import select
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.loaders import load_paths
from service.app import create_app
from service.settings import ServiceSettings
from tests.conftest import ARTICLES, small_docs

FR_TROOPS = "Combien de soldats la Russie a-t-elle envoyés ?"
NO_ANSWER_FR = "Les sources disponibles ne permettent pas de répondre à cette question."
NO_ANSWER_EN = "The available sources do not answer this question."


def busy_documents(n: int = 100) -> dict[str, Any]:
    """A `POST /documents` body of `n` reports, about two chunks each: with
    `embed_batch_size=4`, dozens of batches to embed, so the ingest worker stays busy."""
    return {"documents": [
        {"id": f"rapport{i:03d}", "title": f"Rapport {i}",
         "text": " ".join(f"Le rapport {i} note que la station {j} a mesuré {i * j + 7} "
                          "millimètres de pluie pendant la semaine." for j in range(12))}
        for i in range(n)]}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Service:
    url: str
    engine: Engine
    settings: Settings
    client: httpx.Client


@contextmanager
def serve(app: FastAPI, port: int | None = None, timeout: float = 30.0,
          **options: Any) -> Iterator[str]:
    """Run `app` under a real uvicorn server in a thread (on `port` if given); yield its URL.
    `options` go to uvicorn.Config (`service.server.proxy_options(settings)`: whose
    X-Forwarded-For is believed, as `rag serve` does)."""
    port = port or free_port()
    # A test's client may sit idle past uvicorn's 5 s keep-alive while the service works (a
    # slow ingest under CI load): the server closing that idle connection just as the client
    # reuses it failed ci61 ("Server disconnected without sending a response").
    options.setdefault("timeout_keep_alive", 120)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", timeout_graceful_shutdown=2,
                                           **options))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the uvicorn server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        assert not thread.is_alive(), "the uvicorn server did not stop"


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threaded HTTP server on a free loopback port (a scripted upstream); yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def send_chat_stream(handler: BaseHTTPRequestHandler, pieces: Sequence[str]) -> None:
    """Answer a scripted upstream's request with an OpenAI chat-completions stream: one
    `delta` chunk per piece, a `stop` chunk, then `[DONE]`."""
    handler.send_response(200)
    handler.send_header("content-type", "text/event-stream")
    handler.end_headers()
    for piece, finish in (*[(p, None) for p in pieces], ("", "stop")):
        chunk = {"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": finish}]}
        handler.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
    handler.wfile.write(b"data: [DONE]\n\n")
    handler.wfile.flush()


@contextmanager
def running_service(settings: Settings, engine: Engine) -> Iterator[Service]:
    app = create_app(settings, engine)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30.0) as client:
        yield Service(url, engine, settings, client)


@pytest.fixture(scope="session")
def corpus_copy(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session corpus index: engines open it, the original stays untouched."""
    dest = tmp_path_factory.mktemp("service-corpus") / "index"
    shutil.copytree(corpus_dir, dest)
    return dest


@pytest.fixture(scope="session")
def corpus_service(corpus_copy: Path, embedder: E5Embedder) -> Iterator[Service]:
    settings = Settings(index_dir=corpus_copy)
    engine = Engine(settings, embedder=embedder)
    with running_service(settings, engine) as svc:
        yield svc


@pytest.fixture
def small_service(tmp_path: Path, embedder: E5Embedder) -> Iterator[Callable[..., Service]]:
    """Factory: a server over a fresh index of `small_docs()` (none with `ingest=False`);
    other keyword arguments go to Settings."""
    stack: list[Any] = []

    def make(*, ingest: bool = True, **overrides: Any) -> Service:
        index = tmp_path / f"index-{len(stack)}"
        overrides.setdefault("rate_limit_per_minute", 0)  # tests hammer; limits have own tests
        settings = ServiceSettings(index_dir=index, corpus_dir=tmp_path / "no-corpus", **overrides)
        engine = Engine(settings, embedder=embedder, auto_build=False)
        if ingest:
            report = engine.ingest_documents(small_docs())
            assert report.added == len(small_docs())
        cm = running_service(settings, engine)
        svc = cm.__enter__()
        stack.append(cm)
        return svc

    yield make
    for cm in reversed(stack):
        cm.__exit__(None, None, None)


# ---- helpers --------------------------------------------------------------------------------


def read_response(sock: socket.socket, timeout: float = 15) -> tuple[int, bytes, bytes]:
    """Status, lower-cased head and body of the one HTTP response `sock` gets (then closed or
    not), for tests that hold raw connections."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":", 1)[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:")))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, body
        body += chunk
    return int(head.split(b" ", 2)[1]), head.lower(), body


def only_one_answered(held: Sequence[socket.socket], what: str
                      ) -> tuple[select.poll, socket.socket]:
    """The one of `held` connections the server answers (within 15 s), and the poller still
    watching the others; `what` says what it means when none or several are answered."""
    poller = select.poll()
    for s in held:
        poller.register(s, select.POLLIN | select.POLLHUP | select.POLLERR)
    ready = poller.poll(15_000)
    assert len(ready) == 1, ready or what
    answered = next(s for s in held if s.fileno() == ready[0][0])
    poller.unregister(answered)
    return poller, answered


def parse_sse(text: str) -> list[tuple[str, Any]]:
    """Named Server-Sent Events: blocks separated by blank lines, `event:` and `data:` lines."""
    events: list[tuple[str, Any]] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        name, data = None, []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[len("event:"):].strip()
            elif line.startswith("data:"):
                data.append(line[len("data:"):].strip())
        assert name is not None, f"SSE block without an event name: {block!r}"
        assert data, f"SSE block without data: {block!r}"
        events.append((name, json.loads("\n".join(data))))
    return events


def parse_openai_sse(text: str) -> list[Any]:
    """OpenAI-style stream: `data: {json}` blocks, ending with `data: [DONE]` (kept as a str)."""
    out: list[Any] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        assert block.startswith("data:"), f"not a data block: {block!r}"
        payload = block[len("data:"):].strip()
        out.append(payload if payload == "[DONE]" else json.loads(payload))
    return out


@functools.cache
def _stored_articles() -> dict[str, str]:
    return {d.id: d.text for d in load_paths([ARTICLES]).documents}


def article_text(doc_id: str) -> str:
    """The shipped article as stored: the loader's text (site furniture dropped), which is
    what citation offsets point into."""
    texts = _stored_articles()
    assert doc_id in texts, f"citation of an unknown document {doc_id!r}"
    return texts[doc_id]


MARKER = re.compile(r"\[(\d+)\]")
MARKER_WITH_SPACE = re.compile(r"\s?\[\d+\]")


def norm(text: str) -> str:
    return " ".join(text.split())


def strip_markers(text: str) -> str:
    return norm(MARKER_WITH_SPACE.sub("", text))


def check_cited_answer(body: dict[str, Any]) -> list[int]:
    """Every marker maps to one citation, no citation is unused, numbering follows first use,
    and each citation is an exact span of its source article. Returns the markers in order."""
    markers = [int(n) for n in MARKER.findall(body["answer"])]
    cits = body["citations"]
    assert markers, body["answer"]
    ns = [c["n"] for c in cits]
    assert len(ns) == len(set(ns)), f"duplicate citation numbers {ns}"
    assert set(markers) == set(ns), f"markers {markers} vs citations {ns}"
    first_use = list(dict.fromkeys(markers))
    assert first_use == list(range(1, len(cits) + 1)), f"not numbered by first use: {markers}"
    assert ns == sorted(ns)
    for c in cits:
        text = article_text(c["doc_id"])
        assert 0 <= c["start"] < c["end"] <= len(text)
        assert text[c["start"]:c["end"]] == c["text"], c["chunk_id"]
        assert c["chunk_id"].startswith(c["doc_id"] + "#")
    return markers
