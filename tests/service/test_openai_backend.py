"""The `openai` backend against a scripted OpenAI-compatible server on loopback.

The scripted server is the only fake: a tiny http.server app whose behaviour each test sets
in `SCRIPT`; it records every request it receives in `SEEN`. Everything else is real: the
uvicorn service, the e5 model, the corpus index and the httpx client of the backend.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from tests.service.conftest import (
    FR_TROOPS,
    NO_ANSWER_FR,
    Service,
    check_cited_answer,
    free_port,
    norm,
    parse_openai_sse,
    parse_sse,
    running_service,
)

SCRIPT: dict[str, Any] = {}
SEEN: list[dict[str, Any]] = []
ANSWER = "La Russie a envoyé 3 000 personnes [2]."


class ScriptedOpenAI(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    # ---- writing helpers ----

    def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    @staticmethod
    def _event(delta: dict[str, Any], finish: str | None = None) -> bytes:
        payload = {"id": "cmpl-1", "object": "chat.completion.chunk", "model": "scripted",
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()

    def _pieces(self) -> list[str]:
        return list(SCRIPT.get("chunks") or [SCRIPT.get("content", ANSWER)])

    # ---- behaviours ----

    def do_GET(self) -> None:
        self._send(200, b'{"object": "list", "data": [{"id": "scripted"}]}')

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        SEEN.append({"path": self.path, "headers": dict(self.headers.items()), "body": body})
        stream = bool(body and body.get("stream"))
        mode = SCRIPT.get("mode", "answer")
        try:
            time.sleep(SCRIPT.get("delay", 0))
            if mode == "error":
                self._send(SCRIPT["status"], json.dumps(SCRIPT["payload"]).encode())
            elif mode == "garbage":
                self._send(200, SCRIPT["body"], SCRIPT.get("ctype", "application/json"))
            elif not stream:
                content = SCRIPT.get("complete", SCRIPT.get("content", ANSWER))
                self._send(200, json.dumps({
                    "id": "cmpl-1", "object": "chat.completion", "model": "scripted",
                    "choices": [{"index": 0, "finish_reason": "stop", "message": {
                        "role": "assistant", "content": content}}]}).encode())
            elif mode == "eof":  # a close-delimited body that stops early, cleanly
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                for piece in self._pieces()[:2]:
                    self.wfile.write(self._event({"content": piece}))
                self.wfile.flush()
                self.close_connection = True
            else:  # chunked SSE, optionally cut after two pieces
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self._chunk(self._event({"role": "assistant", "content": ""}))
                pieces = self._pieces()
                if mode == "cut":
                    for piece in pieces[:2]:
                        self._chunk(self._event({"content": piece}))
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                for i, piece in enumerate(pieces):
                    if mode == "stall" and i == 2:
                        time.sleep(SCRIPT["stall"])
                    self._chunk(self._event({"content": piece}))
                self._chunk(self._event({}, "stop"))
                self._chunk(b"data: [DONE]\n\n")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the service gave up on us (timeout): expected


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ScriptedOpenAI)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def openai_service(upstream: str, corpus_copy: Path, embedder: E5Embedder
                   ) -> Iterator[Callable[..., Service]]:
    """Factory: the service with the openai backend pointed at the scripted server."""
    SCRIPT.clear()
    SEEN.clear()
    stack: list[Any] = []

    def make(**overrides: Any) -> Service:
        fields: dict[str, Any] = {"index_dir": corpus_copy, "llm": "openai",
                                  "llm_base_url": upstream, "llm_model": "scripted",
                                  "llm_timeout": 2, **overrides}
        settings = Settings(**fields)
        engine = Engine(settings, embedder=embedder)
        cm = running_service(settings, engine)
        svc = cm.__enter__()
        stack.append(cm)
        return svc

    yield make
    for cm in reversed(stack):
        cm.__exit__(None, None, None)
    SCRIPT.clear()


PASSAGE = re.compile(r"^\[(\d+)\] ")


def prompt_passages(request: dict[str, Any]) -> dict[int, str]:
    """The numbered passage lines of the last user message the scripted server received."""
    body = request["body"]
    last = body["messages"][-1]
    assert last["role"] == "user"
    lines = last["content"].split("\n")
    return {int(m.group(1)): line for line in lines if (m := PASSAGE.match(line))}


def prompt_line(n: int, citation: dict[str, Any]) -> str:
    """The prompt line for passage n, checked against the cited passage: its number, its
    title (shortened) and only sentences of that passage (compacted, '…' between them)."""
    return f"[{n}] {norm(citation['title'])[:20]}|{norm(citation['text'])}"


def same_passage(line: str, expected: str) -> bool:
    head, text = expected.split("|", 1)
    number, title_start = head.split(" ", 1)
    if not line.startswith(f"{number} ({title_start}"):
        return False
    body = line.split(") ", 1)[1]
    return all(p.strip() in text for p in body.split("…") if p.strip())


def _healthy_after(svc: Service) -> None:
    r = svc.client.get("/search", params={"q": "soldats russes", "k": 2})
    assert r.status_code == 200 and len(r.json()["hits"]) == 2
    h = svc.client.get("/health")
    assert h.status_code == 200 and h.json()["backend"] == "openai"


# ---- answers ------------------------------------------------------------------------------


def test_answer_is_renumbered_to_the_cited_passage(openai_service: Any) -> None:
    svc: Service = openai_service()
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["backend"] == "openai"
    assert body["answer"] == "La Russie a envoyé 3 000 personnes [1]."
    assert body["abstained"] is False and body["fallback"] is False
    assert len(body["citations"]) == 1
    check_cited_answer(body)

    assert len(SEEN) == 1
    req = SEEN[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "scripted"
    assert req["body"]["stream"] is True
    assert req["body"]["messages"][0]["role"] == "system"
    assert "NOT_IN_SOURCES" in req["body"]["messages"][0]["content"]
    assert req["body"]["messages"][-1]["content"].endswith(f"Question: {FR_TROOPS}")
    assert "authorization" not in {k.lower() for k in req["headers"]}
    passages = prompt_passages(req)
    assert sorted(passages) == [1, 2, 3, 4]  # answer_k passages, numbered from 1
    # the model's [2] is the second passage of the prompt, now citation 1
    assert same_passage(passages[2], prompt_line(2, body["citations"][0]))
    assert "generation" in body["timings_ms"]


def test_invalid_markers_are_dropped(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["content"] = "Fact A [9]. Fact B [1]."
    body = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    assert body["answer"] == "Fact A. Fact B [1]."
    assert len(body["citations"]) == 1
    assert body["citations"][0]["n"] == 1
    assert same_passage(prompt_passages(SEEN[-1])[1], prompt_line(1, body["citations"][0]))
    assert body["fallback"] is False and body["abstained"] is False


def test_uncited_answer_falls_back_to_extractive(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["content"] = "Je pense que oui."
    body = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    assert body["backend"] == "openai"
    assert body["fallback"] is True
    assert body["abstained"] is False
    assert "Je pense que oui" not in body["answer"]
    assert "3 000" in body["answer"]
    assert body["citations"]
    check_cited_answer(body)


def test_not_in_sources_abstains(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["chunks"] = ["NOT_", "IN_SOURCES"]
    body = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    assert body["abstained"] is True
    assert body["answer"] == NO_ANSWER_FR
    assert body["citations"] == []
    assert body["fallback"] is False

    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    events = parse_sse(r.text)
    tokens = "".join(d["text"] for n, d in events if n == "token")
    assert "NOT_" not in tokens, "the sentinel must never reach the client"
    assert tokens == NO_ANSWER_FR
    assert events[-1][0] == "done" and events[-1][1]["abstained"] is True


def test_off_topic_question_never_reaches_the_model(openai_service: Any) -> None:
    svc: Service = openai_service()
    body = svc.client.post("/ask", json={"question": "Quelle est la recette de la ratatouille ?"}
                           ).json()
    assert body["abstained"] is True and body["citations"] == []
    assert body["answer"] == NO_ANSWER_FR
    assert SEEN == []


def test_stream_tokens_then_done(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["chunks"] = ["La Russie ", "a envoyé ", "quelque 3 000 ", "personnes [", "2", "]."]
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 200, r.text
    events = parse_sse(r.text)
    names = [n for n, _ in events]
    assert names[0] == "citations" and names[-1] == "done"
    assert names.count("token") >= 2 and set(names[1:-1]) == {"token"}
    passages = events[0][1]["citations"]
    tokens = "".join(d["text"] for n, d in events if n == "token")
    assert tokens == "La Russie a envoyé quelque 3 000 personnes [2]."
    done = events[-1][1]
    assert done["answer"] == "La Russie a envoyé quelque 3 000 personnes [1]."
    assert [c["chunk_id"] for c in done["citations"]] == [passages[1]["chunk_id"]]
    assert done["abstained"] is False and done["fallback"] is False
    assert "first_token" in done["timings_ms"]


def test_chat_completions_stream_renumbers_split_markers(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["chunks"] = ["La Russie ", "a envoyé ", "quelque 3 000 ", "personnes [", "2", "]."]
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "stream": True, "messages": [{"role": "user", "content": FR_TROOPS}]})
    assert r.status_code == 200, r.text
    chunks = parse_openai_sse(r.text)
    assert chunks[-1] == "[DONE]"
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks[:-1])
    cits = chunks[-2]["citations"]
    assert len(cits) == 1 and cits[0]["n"] == 1
    assert "[2]" not in content
    assert content.startswith("La Russie a envoyé quelque 3 000 personnes [1].\n\nSources:\n[1] ")
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"


def test_follow_up_is_rewritten_by_the_model(openai_service: Any) -> None:
    svc: Service = openai_service()
    rewritten = "Combien de soldats la Biélorussie a-t-elle envoyés au Kazakhstan ?"
    SCRIPT["complete"] = rewritten
    SCRIPT["content"] = "La Biélorussie a déployé un groupe de travail [1]."
    body = svc.client.post("/ask", json={"question": "Et la Biélorussie ?", "history": [
        {"role": "user", "content": FR_TROOPS},
        {"role": "assistant", "content": "La Russie a envoyé 3 000 personnes [1]."},
    ]}).json()
    assert body["query"] == rewritten
    assert [s["body"]["stream"] for s in SEEN] == [False, True]
    assert "Et la Biélorussie ?" in SEEN[0]["body"]["messages"][-1]["content"]
    assert SEEN[1]["body"]["messages"][-1]["content"].endswith(f"Question: {rewritten}")
    assert body["answer"] == "La Biélorussie a déployé un groupe de travail [1]."
    assert len(body["citations"]) == 1


# ---- failures -----------------------------------------------------------------------------


def test_upstream_error_is_a_502_with_its_message(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT.update(mode="error", status=500, payload={"error": {"message": "model exploded"}})
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 502, r.text
    assert "model exploded" in r.json()["error"]

    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 200  # the passages were already sent when the model failed
    events = parse_sse(r.text)
    assert events[0][0] == "citations"
    assert events[-1][0] == "error"
    assert events[-1][1]["status"] == 502 and "model exploded" in events[-1][1]["error"]
    assert "done" not in [n for n, _ in events]
    _healthy_after(svc)

    # the generation slot was released: a good answer still comes (slots=1)
    SCRIPT.clear()
    ok = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    assert ok.status_code == 200 and ok.json()["answer"].endswith("[1].")


def test_slow_upstream_times_out_with_504(openai_service: Any) -> None:
    svc: Service = openai_service(llm_timeout=1)
    SCRIPT.update(delay=3)
    t0 = time.perf_counter()
    r = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    took = time.perf_counter() - t0
    assert r.status_code == 504, r.text
    assert "timed out" in r.json()["error"]
    assert took < 6, took
    _healthy_after(svc)


def test_upstream_down_is_a_quick_502(openai_service: Any) -> None:
    svc: Service = openai_service(llm_base_url=f"http://127.0.0.1:{free_port()}/v1")
    t0 = time.perf_counter()
    r = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    assert r.status_code == 502, r.text
    assert "cannot reach" in r.json()["error"]
    assert time.perf_counter() - t0 < 3
    _healthy_after(svc)


@pytest.mark.parametrize("body", [b"not json", b"data: not json\n\n"], ids=["text", "sse"])
def test_garbage_upstream_is_a_502(openai_service: Any, body: bytes) -> None:
    svc: Service = openai_service()
    SCRIPT.update(mode="garbage", body=body)
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 502, r.text
    assert r.json()["error"].strip()
    _healthy_after(svc)


@pytest.mark.parametrize("mode", ["cut", "eof"])
def test_stream_cut_midway_ends_with_an_error_event(openai_service: Any, mode: str) -> None:
    svc: Service = openai_service()
    SCRIPT.update(mode=mode, chunks=["La Russie ", "a envoyé ", "3 000 personnes [2]."])
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 200
    events = parse_sse(r.text)
    names = [n for n, _ in events]
    assert names[0] == "citations"
    assert names[-1] == "error", names
    assert "done" not in names
    assert events[-1][1]["status"] == 502
    reason = {"cut": "was cut", "eof": "ended before the answer was complete"}[mode]
    assert reason in events[-1][1]["error"], events[-1][1]
    tokens = "".join(d["text"] for n, d in events if n == "token")
    assert tokens == "La Russie a envoyé "
    # the same failure on the plain endpoint is a 502, not a half answer
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 502, r.text
    _healthy_after(svc)


def test_stall_mid_stream_is_a_timeout(openai_service: Any) -> None:
    svc: Service = openai_service(llm_timeout=1)
    SCRIPT.update(mode="stall", stall=2.5, chunks=["La Russie ", "a envoyé ", "3 000 [2]."])
    t0 = time.perf_counter()
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS}, timeout=10)
    assert time.perf_counter() - t0 < 6
    events = parse_sse(r.text)
    assert events[-1][0] == "error", events
    assert events[-1][1]["status"] == 504
    r = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    assert r.status_code == 504, r.text
    _healthy_after(svc)


def test_busy_generator_refuses_quickly_with_503(openai_service: Any) -> None:
    svc: Service = openai_service(generation_slots=1, generation_queue=0, llm_timeout=5)
    SCRIPT.update(delay=1.5)
    first: dict[str, Any] = {}

    def slow() -> None:
        first["r"] = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)

    t = threading.Thread(target=slow)
    t.start()
    deadline = time.monotonic() + 5
    while not SEEN and time.monotonic() < deadline:  # the first one is generating
        time.sleep(0.01)
    assert SEEN, "the first request never reached the model"
    t0 = time.perf_counter()
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 503, r.text
    assert "busy" in r.json()["error"]
    assert time.perf_counter() - t0 < 1.0
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 503 and "busy" in r.json()["error"]  # before the stream starts
    assert r.headers["retry-after"]
    t.join()
    assert first["r"].status_code == 200, first["r"].text
    assert len(SEEN) == 1
    SCRIPT.clear()
    assert svc.client.post("/ask", json={"question": FR_TROOPS}).status_code == 200


def test_api_key_is_sent_as_bearer(openai_service: Any) -> None:
    svc: Service = openai_service(llm_api_key="sk-test")
    assert svc.client.post("/ask", json={"question": FR_TROOPS}).status_code == 200
    assert SEEN and SEEN[-1]["headers"].get("Authorization") == "Bearer sk-test"
    assert "sk-test" not in json.dumps(svc.client.get("/health").json())
