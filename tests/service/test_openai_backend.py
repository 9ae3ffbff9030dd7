"""The `openai` backend against a scripted OpenAI-compatible server on loopback.

The scripted server is the only fake: a tiny http.server app whose behaviour each test sets
in `SCRIPT`; it records every request it receives in `SEEN`. What it answers is written from
the prompt it receives (`SCRIPT["answer"]`, a function of the parsed `Prompt`), so a test can
copy a sentence of a passage the model was given, cite the wrong passage, or invent a claim,
without depending on retrieval order. Everything else is real: the uvicorn service, the e5
model, the corpus index, the claim verifier and the httpx client of the backend.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.sentences import split_sentences
from tests.service.conftest import (
    FR_TROOPS,
    NO_ANSWER_FR,
    Service,
    article_text,
    check_cited_answer,
    free_port,
    http_server,
    norm,
    parse_openai_sse,
    parse_sse,
    running_service,
)

SCRIPT: dict[str, Any] = {}
SEEN: list[dict[str, Any]] = []
LINE = re.compile(r"^\[(\d+)\] (?:\((.*?)\) )?(.*)$")  # "[n] (title) text", title optional
END = re.compile(r"[.!?…]+[»\"”’)]*$")
INVENTED = "Le Kazakhstan a remporté la Coupe du monde de football en 1998"
# asks for no figure, date or name: any passage's first sentence may answer it (a copied
# sentence without a figure does not answer FR_TROOPS, and the extractive answer replaces it)
FR_WHY = "Pourquoi la Russie a-t-elle envoyé des soldats au Kazakhstan ?"
USAGE = {"prompt_tokens": 1234, "completion_tokens": 56, "total_tokens": 1290}  # the upstream's


@dataclass
class Prompt:
    """The numbered passages of the last user message: number -> (title or "", evidence)."""

    lines: dict[int, tuple[str, str]]

    @classmethod
    def of(cls, body: Any) -> Prompt:
        if not isinstance(body, dict) or not body.get("messages"):
            return cls({})
        content = body["messages"][-1]["content"]
        return cls({int(m.group(1)): (m.group(2) or "", m.group(3))
                    for line in content.split("\n") if (m := LINE.match(line))})

    @property
    def numbers(self) -> list[int]:
        return sorted(self.lines)

    def sentence(self, n: int) -> str:
        """The first evidence sentence of passage n, as the prompt gives it."""
        run = self.lines[n][1].split(" … ")[0]
        return split_sentences(run)[0].text.strip()

    def cite(self, n: int, marker: int | None = None) -> str:
        """That sentence copied, citing [marker] (default: n) before its final punctuation."""
        s = self.sentence(n)
        m = END.search(s)
        cut = m.start() if m else len(s)
        return f"{s[:cut].rstrip()} [{n if marker is None else marker}]{s[cut:] or '.'}"

    def other(self, n: int) -> int:
        """Another passage than n (chunks do not overlap, so it does not hold n's sentence)."""
        return next(i for i in self.numbers if i != n)


def last_then_first(p: Prompt) -> list[str]:
    """The last passage given cited first, then the first one (citation order is not rank
    order), in word pieces; the closing marker is split across pieces ("[", "1", "].")."""
    last, first = p.numbers[-1], p.numbers[0]
    words = [w + " " for w in f"{p.cite(last)} {p.cite(first)}".split(" ")]
    end = words.pop().rstrip()
    assert end.startswith("["), end
    return [*words, "[", end[1:-2], end[-2:]]


def copy_first(p: Prompt) -> str:
    """The default answer: the first sentence of the first passage given, citing it."""
    return p.cite(p.numbers[0])


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

    @staticmethod
    def _pieces(body: Any) -> list[str]:
        """The streamed pieces: `SCRIPT["answer"]` applied to the prompt (a str is one piece)."""
        out = SCRIPT.get("answer", copy_first)(Prompt.of(body))
        return [out] if isinstance(out, str) else list(out)

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
            if "gate" in SCRIPT:  # held until the test lets it go (bounded)
                SCRIPT["gate"].wait(timeout=8)
            if mode == "error":
                self._send(SCRIPT["status"], json.dumps(SCRIPT["payload"]).encode())
            elif mode == "echo-auth":  # a hostile upstream repeats the credential it was sent
                auth = str(self.headers.get("authorization"))
                self._send(401, json.dumps({"error": {"message": (
                    f"echoed: authorization={auth}; token {auth.split()[-1]} refused")}}).encode())
            elif mode == "garbage":
                self._send(SCRIPT.get("status", 200), SCRIPT["body"],
                           SCRIPT.get("ctype", "application/json"))
            elif not stream:
                content = SCRIPT.get("complete") or "".join(self._pieces(body))
                self._send(200, json.dumps({
                    "id": "cmpl-1", "object": "chat.completion", "model": "scripted",
                    "choices": [{"index": 0, "finish_reason": "stop", "message": {
                        "role": "assistant", "content": content}}], "usage": USAGE}).encode())
            elif mode == "eof":  # a close-delimited body that stops early, cleanly
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                for piece in self._pieces(body)[:2]:
                    self.wfile.write(self._event({"content": piece}))
                self.wfile.flush()
                self.close_connection = True
            else:  # chunked SSE, optionally cut after two pieces
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self._chunk(self._event({"role": "assistant", "content": ""}))
                pieces = self._pieces(body)
                if mode == "trickle":  # a line end every 0.3 s, SCRIPT["trickle"] s, no end
                    end = time.monotonic() + SCRIPT["trickle"]
                    while time.monotonic() < end:
                        self._chunk(b"\n")
                        time.sleep(0.3)
                    self.wfile.write(b"0\r\n\r\n")
                    return
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
                if (body.get("stream_options") or {}).get("include_usage"):
                    usage = {"id": "cmpl-1", "object": "chat.completion.chunk",
                             "model": "scripted", "choices": [], "usage": USAGE}
                    self._chunk(f"data: {json.dumps(usage)}\n\n".encode())
                self._chunk(b"data: [DONE]\n\n")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the service gave up on us (timeout): expected


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with http_server(ScriptedOpenAI) as url:
        yield url + "/v1"


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
    if "gate" in SCRIPT:  # a failed test must not leave a handler held
        SCRIPT["gate"].set()
    for cm in reversed(stack):
        cm.__exit__(None, None, None)
    SCRIPT.clear()


def last_prompt() -> Prompt:
    """The passages of the last streamed (answer) request the scripted server received."""
    answers = [s for s in SEEN if s["body"] and s["body"].get("stream")]
    assert answers, "the model was never asked for an answer"
    return Prompt.of(answers[-1]["body"])


def is_prompt_passage(p: Prompt, n: int, citation: dict[str, Any]) -> bool:
    """Prompt passage n is the cited passage: same title (shortened in the prompt) and only
    sentences of that passage (the evidence, '…' between runs that are not adjacent)."""
    title, text = p.lines[n]
    if title and not norm(citation["title"]).startswith(title.rstrip("…").strip()):
        return False
    return all(part.strip() in norm(citation["text"]) for part in text.split("…")
               if part.strip())


def check_support(body: dict[str, Any]) -> None:
    """Each citation names the sentence that supports it, an exact span of its document
    inside the cited passage."""
    for c in body["citations"]:
        s = c["support"]
        assert s is not None, c
        assert article_text(c["doc_id"])[s["start"]:s["end"]] == s["text"], c["chunk_id"]
        assert c["start"] <= s["start"] < s["end"] <= c["end"], c["chunk_id"]
        assert 0 < s["score"] <= 1.0001


def _healthy_after(svc: Service) -> None:
    r = svc.client.get("/search", params={"q": "soldats russes", "k": 2})
    assert r.status_code == 200 and len(r.json()["hits"]) == 2
    h = svc.client.get("/health")
    assert h.status_code == 200 and h.json()["backend"] == "openai"


# ---- answers ------------------------------------------------------------------------------


def test_answer_is_renumbered_to_the_cited_passage(openai_service: Any) -> None:
    """A sentence copied from the second passage given, citing it, is kept word for word,
    renumbered [1], and its citation names the sentence that supports it."""
    svc: Service = openai_service()
    SCRIPT["answer"] = lambda p: p.cite(p.numbers[1])
    r = svc.client.post("/ask", json={"question": FR_WHY})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["backend"] == "openai"
    p = last_prompt()
    n = p.numbers[1]
    assert body["answer"] == p.cite(n, marker=1)
    assert body["abstained"] is False and body["fallback"] is False
    assert len(body["citations"]) == 1
    check_cited_answer(body)
    check_support(body)
    assert norm(body["citations"][0]["support"]["text"]) == p.sentence(n)
    # the model's [n] is passage n of the prompt, now citation 1
    assert is_prompt_passage(p, n, body["citations"][0])

    assert len(SEEN) == 1
    req = SEEN[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "scripted"
    assert req["body"]["stream"] is True
    assert req["body"]["messages"][0]["role"] == "system"
    assert "NOT_IN_SOURCES" in req["body"]["messages"][0]["content"]
    assert req["body"]["messages"][-1]["content"].endswith(
        f"\n\nQuestion: {FR_WHY}\nRéponds en français.")
    assert "authorization" not in {k.lower() for k in req["headers"]}
    # answer_k passages numbered from 1; one none of whose sentences was chosen is left out
    assert len(p.numbers) >= 2 and set(p.numbers) <= {1, 2, 3, 4}
    assert "generation" in body["timings_ms"]


def test_claim_citing_the_wrong_passage_is_recited(openai_service: Any) -> None:
    svc: Service = openai_service()

    def wrong(p: Prompt) -> str:
        n = p.numbers[0]
        return p.cite(n, marker=p.other(n))

    SCRIPT["answer"] = wrong
    body = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    p = last_prompt()
    n = p.numbers[0]
    assert body["answer"] == p.cite(n, marker=1)
    assert body["fallback"] is False and body["abstained"] is False
    assert len(body["citations"]) == 1
    assert is_prompt_passage(p, n, body["citations"][0])
    assert not is_prompt_passage(p, p.other(n), body["citations"][0])
    check_cited_answer(body)
    check_support(body)


def test_unsupported_claim_is_dropped(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["answer"] = lambda p: f"{INVENTED} [{p.numbers[0]}]. {p.cite(p.numbers[1])}"
    body = svc.client.post("/ask", json={"question": FR_WHY}).json()
    p = last_prompt()
    assert body["answer"] == p.cite(p.numbers[1], marker=1)
    assert "Coupe du monde" not in body["answer"]
    assert body["fallback"] is False and body["abstained"] is False
    assert len(body["citations"]) == 1
    assert is_prompt_passage(p, p.numbers[1], body["citations"][0])
    check_cited_answer(body)
    check_support(body)


def test_invalid_markers_are_dropped(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["answer"] = lambda p: f"{INVENTED} [9]. {p.cite(p.numbers[0])}"
    body = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    p = last_prompt()
    assert body["answer"] == p.cite(p.numbers[0], marker=1)
    assert "[9]" not in body["answer"]
    assert len(body["citations"]) == 1
    assert body["citations"][0]["n"] == 1
    assert is_prompt_passage(p, p.numbers[0], body["citations"][0])
    assert body["fallback"] is False and body["abstained"] is False
    check_support(body)


@pytest.mark.parametrize("answer", [
    pytest.param("Je pense que oui.", id="uncited"),
    pytest.param(f"{INVENTED} [9]. La Biélorussie a envoyé 40 000 hommes [1].",
                 id="unsupported"),
])
def test_unsupported_answer_falls_back_to_extractive(openai_service: Any, answer: str) -> None:
    svc: Service = openai_service()
    SCRIPT["answer"] = lambda p: answer
    body = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    assert len(SEEN) == 1  # the model was asked; nothing it said holds up
    assert body["backend"] == "openai"
    assert body["fallback"] is True
    assert body["abstained"] is False
    assert "Je pense que oui" not in body["answer"]
    assert "Coupe du monde" not in body["answer"] and "40 000" not in body["answer"]
    assert "3 000" in body["answer"]
    assert body["citations"]
    check_cited_answer(body)
    check_support(body)


def test_not_in_sources_on_firm_evidence_gives_the_extractive_answer(
        openai_service: Any) -> None:
    """The evidence gate decides: a model that finds nothing where a sentence firmly answers
    is overruled by the extractive answer (rag.answering.pipeline.FIRM_EVIDENCE)."""
    svc: Service = openai_service()
    SCRIPT["answer"] = lambda p: ["NOT_", "IN_SOURCES"]
    body = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    assert body["abstained"] is False and body["fallback"] is True
    assert "3 000" in body["answer"] and body["citations"]
    check_cited_answer(body)

    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    events = parse_sse(r.text)
    tokens = "".join(d["text"] for n, d in events if n == "token")
    assert "NOT_" not in tokens, "the sentinel must never reach the client"
    assert tokens == body["answer"]
    assert events[-1][0] == "done" and events[-1][1]["abstained"] is False


def test_off_topic_question_never_reaches_the_model(openai_service: Any) -> None:
    svc: Service = openai_service()
    body = svc.client.post("/ask", json={"question": "Quelle est la recette de la ratatouille ?"}
                           ).json()
    assert body["abstained"] is True and body["citations"] == []
    assert body["answer"] == NO_ANSWER_FR
    assert SEEN == []


def _two_sentences(p: Prompt) -> list[str]:
    """Two copied sentences of two passages, streamed in small pieces, one [n] marker split
    across pieces."""
    a = p.numbers[0]
    text = f"{p.cite(a)} {p.cite(p.other(a))}"
    words = [w + " " for w in text.split(" ")]
    words[-1] = words[-1].rstrip()
    last = words.pop()  # "[n]." -> "[", "n", "]."
    assert last.startswith("["), last
    return [*words, "[", last[1:-2], last[-2:]]


def test_stream_tokens_then_done(openai_service: Any) -> None:
    """Text is shown a verified sentence at a time, already renumbered by first use, each
    sentence citing a new passage after a `citations` event that lists it; `done` agrees."""
    svc: Service = openai_service()
    SCRIPT["answer"] = _two_sentences
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 200, r.text
    events = parse_sse(r.text)
    names = [n for n, _ in events]
    assert names == ["citations", "citations", "token", "citations", "token", "done"]
    passages = events[0][1]["citations"]
    assert events[0][1]["cited"] is False and events[1][1]["cited"] is True
    p = last_prompt()
    a = p.numbers[0]
    b = p.other(a)
    tokens = [d["text"] for n, d in events if n == "token"]
    assert tokens == [p.cite(a, marker=1), " " + p.cite(b, marker=2)]
    assert [c["chunk_id"] for c in events[1][1]["citations"]] == [passages[a - 1]["chunk_id"]]
    assert [c["chunk_id"] for c in events[3][1]["citations"]] == [
        passages[a - 1]["chunk_id"], passages[b - 1]["chunk_id"]]
    done = events[-1][1]
    assert done["answer"] == f"{p.cite(a, marker=1)} {p.cite(b, marker=2)}"
    assert [c["chunk_id"] for c in done["citations"]] == [passages[a - 1]["chunk_id"],
                                                          passages[b - 1]["chunk_id"]]
    assert done["abstained"] is False and done["fallback"] is False
    check_support(done)
    assert "first_token" in done["timings_ms"]


def test_chat_completions_stream_renumbers_split_markers(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["answer"] = _two_sentences
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "stream": True, "messages": [{"role": "user", "content": FR_TROOPS}]})
    assert r.status_code == 200, r.text
    chunks = parse_openai_sse(r.text)
    assert chunks[-1] == "[DONE]"
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks[:-1])
    cits = chunks[-2]["citations"]
    assert [c["n"] for c in cits] == [1, 2]
    p = last_prompt()
    a = p.numbers[0]
    answer = f"{p.cite(a, marker=1)} {p.cite(p.other(a), marker=2)}"
    assert content.startswith(f"{answer}\n\nSources:\n[1] ")
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"


def test_follow_up_is_rewritten_by_the_model(openai_service: Any) -> None:
    svc: Service = openai_service()
    rewritten = "Combien de personnes l’Arménie a-t-elle envoyées au Kazakhstan ?"
    SCRIPT["complete"] = rewritten
    body = svc.client.post("/ask", json={"question": "Et l’Arménie ?", "history": [
        {"role": "user", "content": FR_TROOPS},
        {"role": "assistant", "content": "La Russie a envoyé 3 000 personnes [1]."},
    ]}).json()
    assert body["query"] == rewritten
    assert [s["body"]["stream"] for s in SEEN] == [False, True]
    assert "Et l’Arménie ?" in SEEN[0]["body"]["messages"][-1]["content"]
    assert f"\n\nQuestion: {rewritten}\n" in SEEN[1]["body"]["messages"][-1]["content"]
    p = last_prompt()
    assert body["answer"] == p.cite(p.numbers[0], marker=1)
    assert len(body["citations"]) == 1
    check_support(body)


# ---- failures -----------------------------------------------------------------------------


UPSTREAM_SECRET = ("model exploded in /srv/models/llama.gguf; key sk-live-4f2a; retry at "
                   "http://10.1.2.3:8080/v1")


def test_upstream_error_is_a_502_without_its_message(openai_service: Any,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    """The upstream's own error text (its paths, URLs, part of a key) goes to the server log,
    never to the client: `/ask`, `/ask/stream` and a streamed chat say which status it gave."""
    svc: Service = openai_service()
    SCRIPT.update(mode="error", status=500, payload={"error": {"message": UPSTREAM_SECRET}})
    with caplog.at_level(logging.ERROR, logger="rag.service"):
        r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 502, r.text
    assert r.json()["error"] == "LLM server answered 500"
    assert "model exploded" in caplog.text  # the operator still reads it

    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 200  # the passages were already sent when the model failed
    events = parse_sse(r.text)
    assert events[0][0] == "citations"
    assert events[-1][0] == "error"
    assert events[-1][1] == {"error": "LLM server answered 500", "status": 502}
    assert "done" not in [n for n, _ in events]

    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "stream": True, "messages": [{"role": "user", "content": FR_TROOPS}]})
    assert r.status_code == 200 and "LLM server answered 500" in r.text
    for leaked in ("/srv/models", "sk-live", "10.1.2.3", "exploded"):
        assert leaked not in r.text
    _healthy_after(svc)

    # the generation slot was released: a good answer still comes (slots=1)
    SCRIPT.clear()
    ok = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    assert ok.status_code == 200 and ok.json()["answer"].endswith("[1].")


def test_an_upstream_echoing_the_api_key_never_puts_it_in_the_log(
        openai_service: Any, caplog: pytest.LogCaptureFixture) -> None:
    """An upstream that repeated the Authorization header in its error put RAG_LLM_API_KEY
    in the server log: the key, and any bearer token, are redacted from its message."""
    key = "sk-test-7Hq2Zp9WkLm4vX"
    svc: Service = openai_service(llm_api_key=key)
    SCRIPT.update(mode="echo-auth")
    with caplog.at_level(logging.DEBUG):
        r = svc.client.post("/ask", json={"question": FR_TROOPS})
        stream = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert SEEN[-1]["headers"]["Authorization"] == f"Bearer {key}"  # it was sent
    assert r.status_code == 502 and r.json()["error"] == "LLM server answered 401", r.text
    assert "LLM server answered 401" in stream.text
    logged = caplog.text
    assert "echoed: authorization=Bearer <redacted>; token <redacted> refused" in logged, logged
    for text in (logged, r.text, stream.text):
        assert key not in text and key[:12] not in text


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


DEEP = b"[" * 200_000  # within the reply and line bounds; past json's recursion limit


@pytest.mark.parametrize(("status", "body", "error"), [
    # the rewrite's failure is not logged (the question is then rewritten by rules), and
    # the streamed answer that follows finds no `data:` line
    (200, DEEP, "LLM stream ended before the answer was complete"),
    (200, b"data: " + DEEP + b"\n\n", "LLM server sent an invalid stream chunk"),
    (500, DEEP, "LLM server answered 500"),
], ids=["reply", "stream-line", "error-body"])
def test_deeply_nested_json_from_the_upstream_is_a_502(
        openai_service: Any, caplog: pytest.LogCaptureFixture, status: int, body: bytes,
        error: str) -> None:
    """Fourteenth review, F2: `json.loads` raised RecursionError on 200,000 `[`, which no
    handler of the backend took: `/ask` and `/v1/chat/completions` were a 500 with a 14 KB
    traceback, and `/ask/stream` ended after `citations` with neither `error` nor `done`."""
    svc: Service = openai_service()
    SCRIPT.update(mode="garbage", status=status, body=body)
    with caplog.at_level(logging.ERROR):
        r = svc.client.post("/ask", json={"question": FR_TROOPS})
        assert r.status_code == 502, r.text
        # a follow-up is first rewritten by a whole (not streamed) reply: `complete()`
        follow = svc.client.post("/ask", json={"question": "Et l’Arménie ?", "history": [
            {"role": "user", "content": FR_TROOPS},
            {"role": "assistant", "content": "La Russie a envoyé 3 000 personnes [1]."}]})
        assert follow.status_code == 502, follow.text
        assert SEEN[-2]["body"]["stream"] is False  # (the rewrite was asked)
        stream = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
        chat = svc.client.post("/v1/chat/completions", json={
            "model": "rag", "messages": [{"role": "user", "content": FR_TROOPS}]})
    events = parse_sse(stream.text)
    assert events[0][0] == "citations" and events[-1][0] == "error", events
    assert events[-1][1]["status"] == 502
    assert "done" not in [n for n, _ in events]
    assert chat.status_code == 502, chat.text
    if status == 500:
        assert r.json()["error"] == error and chat.json()["error"]["message"] == error
    else:
        assert error in caplog.text  # the client is told its kind only ("the LLM ...")
    assert "RecursionError" not in caplog.text and "Traceback" not in caplog.text
    _healthy_after(svc)


@pytest.mark.parametrize("mode", ["cut", "eof"])
def test_stream_cut_midway_ends_with_an_error_event(openai_service: Any, mode: str) -> None:
    svc: Service = openai_service()
    # a verified sentence, then the start of a second one: the stream is cut within it
    SCRIPT.update(mode=mode, answer=lambda p: [p.cite(p.numbers[0]) + " ", "La suite ",
                                               f"de la réponse [{p.numbers[0]}]."])
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
    tokens = [d["text"] for n, d in events if n == "token"]
    p = last_prompt()
    assert tokens == [p.cite(p.numbers[0])]  # what was verified before the cut, no more
    # the same failure on the plain endpoint is a 502, not a half answer
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 502, r.text
    _healthy_after(svc)


def test_stall_mid_stream_is_a_timeout(openai_service: Any) -> None:
    svc: Service = openai_service(llm_timeout=1)
    SCRIPT.update(mode="stall", stall=2.5,
                  answer=lambda p: ["La Russie ", "a envoyé ", "3 000 [2]."])
    t0 = time.perf_counter()
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS}, timeout=10)
    assert time.perf_counter() - t0 < 6
    events = parse_sse(r.text)
    assert events[-1][0] == "error", events
    assert events[-1][1]["status"] == 504
    r = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)
    assert r.status_code == 504, r.text
    _healthy_after(svc)


def test_trickling_upstream_is_cut_at_the_deadline(openai_service: Any) -> None:
    """Loopback review, F1: a line end every 2 s held /ask for 30 s with a 5 s timeout (it
    bounded each read). RAG_LLM_DEADLINE bounds the whole call: a 504 as for any upstream
    timeout, and an `error` event with status 504 in a stream."""
    svc: Service = openai_service(llm_timeout=1, llm_deadline=1.5)
    SCRIPT.update(mode="trickle", trickle=8)
    t0 = time.perf_counter()
    r = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=15)
    took = time.perf_counter() - t0
    assert r.status_code == 504, r.text
    assert "timed out" in r.json()["error"]
    assert took < 4, took
    t0 = time.perf_counter()
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS}, timeout=15)
    assert time.perf_counter() - t0 < 4
    events = parse_sse(r.text)
    assert events[-1][0] == "error", events
    assert events[-1][1]["status"] == 504
    _healthy_after(svc)


def _one_generating(svc: Service) -> tuple[dict[str, Any], threading.Thread]:
    """A slow /ask started in a thread, once it reached the model, which holds it until the
    test sets `SCRIPT["gate"]` (a fixed delay let a loaded CI machine finish the first one
    before the second reached the gate): its response lands under "r" once the thread ends."""
    SCRIPT.update(gate=threading.Event())
    first: dict[str, Any] = {}

    def slow() -> None:
        first["r"] = svc.client.post("/ask", json={"question": FR_TROOPS}, timeout=10)

    t = threading.Thread(target=slow)
    t.start()
    deadline = time.monotonic() + 5
    while not SEEN and time.monotonic() < deadline:  # the first one is generating
        time.sleep(0.01)
    assert SEEN, "the first request never reached the model"
    return first, t


def test_busy_generator_refuses_quickly_with_503(openai_service: Any) -> None:
    svc: Service = openai_service(generation_slots=1, generation_queue=0, llm_timeout=10)
    first, t = _one_generating(svc)
    t0 = time.perf_counter()
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 503, r.text
    assert "busy" in r.json()["error"]
    assert time.perf_counter() - t0 < 1.0
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 503 and "busy" in r.json()["error"]  # before the stream starts
    assert r.headers["retry-after"]
    SCRIPT["gate"].set()
    t.join()
    assert first["r"].status_code == 200, first["r"].text
    assert len(SEEN) == 1
    SCRIPT.clear()
    assert svc.client.post("/ask", json={"question": FR_TROOPS}).status_code == 200


def test_one_client_holds_only_its_share_of_the_generator(openai_service: Any) -> None:
    """One slot and three waiting places: one client holds one of the four (a quarter), so a
    second address still gets its answer, after the first one's (twenty-seventh review F1:
    nine open streams from one address took every place and everyone else got a 503)."""
    svc: Service = openai_service(generation_slots=1, generation_queue=3, llm_timeout=10)
    first, t = _one_generating(svc)
    r = svc.client.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 503 and "this client" in r.json()["error"], r.text
    r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
    assert r.status_code == 503 and "this client" in r.json()["error"], r.text
    other = httpx.Client(base_url=svc.url, timeout=15,
                         transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    threading.Timer(0.5, SCRIPT["gate"].set).start()  # it waits its turn, then is answered
    with other:
        r = other.post("/ask", json={"question": FR_TROOPS})
    assert r.status_code == 200, r.text
    t.join()
    assert first["r"].status_code == 200, first["r"].text
    SCRIPT.clear()
    assert svc.client.post("/ask", json={"question": FR_TROOPS}).status_code == 200


def test_api_key_is_sent_as_bearer(openai_service: Any) -> None:
    svc: Service = openai_service(llm_api_key="sk-test")
    assert svc.client.post("/ask", json={"question": FR_TROOPS}).status_code == 200
    assert SEEN and SEEN[-1]["headers"].get("Authorization") == "Bearer sk-test"
    assert "sk-test" not in json.dumps(svc.client.get("/health").json())


# ---- client parameters and token usage ------------------------------------------------------


def _answer_bodies() -> list[dict[str, Any]]:
    """What the scripted server was sent for answers (streamed), oldest first."""
    return [s["body"] for s in SEEN if s["body"] and s["body"].get("stream")]


def test_temperature_reaches_the_upstream(openai_service: Any) -> None:
    svc: Service = openai_service()
    msgs = [{"role": "user", "content": FR_TROOPS}]
    for body, sent in [({"temperature": 0.7}, 0.7), ({"temperature": 0, "stream": True}, 0),
                       ({}, 0.1)]:  # none asked: the backend's configured one
        r = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": msgs,
                                                          **body})
        assert r.status_code == 200, r.text
        assert _answer_bodies()[-1]["temperature"] == sent, body
    r = svc.client.post("/v1/completions", json={"model": "rag", "prompt": FR_TROOPS,
                                                 "temperature": 1.5})
    assert r.status_code == 200, r.text
    assert _answer_bodies()[-1]["temperature"] == 1.5


def test_usage_is_the_upstreams_count(openai_service: Any) -> None:
    svc: Service = openai_service()
    msgs = [{"role": "user", "content": FR_TROOPS}]
    expected = {**USAGE, "counted_by": "upstream"}
    body = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": msgs}
                           ).json()
    assert body["usage"] == expected
    assert _answer_bodies()[-1]["stream_options"] == {"include_usage": True}
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "messages": msgs, "stream": True,
        "stream_options": {"include_usage": True}})
    chunks = parse_openai_sse(r.text)
    assert chunks[-1] == "[DONE]" and chunks[-2]["choices"] == []
    assert chunks[-2]["usage"] == expected
    body = svc.client.post("/v1/completions", json={"model": "rag", "prompt": FR_TROOPS}).json()
    assert body["usage"] == expected


def test_an_upstream_count_out_of_range_is_not_taken(openai_service: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A 4,300-digit `usage` count broke the streamed answer's last chunk (no usage, no
    [DONE], two tracebacks; fourteenth review re-check, N1): a count past 10**9 is no
    upstream's, and the service counts itself."""
    import tests.service.test_openai_backend as module

    huge = 10 ** 4000
    monkeypatch.setattr(module, "USAGE", {"prompt_tokens": huge, "completion_tokens": 5,
                                          "total_tokens": huge + 5})
    svc: Service = openai_service()
    msgs = [{"role": "user", "content": FR_TROOPS}]
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "messages": msgs, "stream": True,
        "stream_options": {"include_usage": True}})
    chunks = parse_openai_sse(r.text)
    assert chunks[-1] == "[DONE]"
    usage = chunks[-2]["usage"]
    assert usage["counted_by"] != "upstream" and usage["prompt_tokens"] < 10 ** 9
    body = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": msgs}
                           ).json()
    assert body["usage"]["counted_by"] != "upstream"


def test_chat_stream_sends_a_fallback_answer_once(openai_service: Any) -> None:
    """The model's text fails verification: the extractive answer streams in its place, once,
    numbered as its sources list."""
    svc: Service = openai_service()
    SCRIPT["answer"] = lambda p: "Je pense que oui."
    plain = svc.client.post("/ask", json={"question": FR_TROOPS}).json()
    assert plain["fallback"] is True and plain["citations"]
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "stream": True, "messages": [{"role": "user", "content": FR_TROOPS}]})
    chunks = parse_openai_sse(r.text)
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks[:-1]
                      if c["choices"])
    answer, sources = content.split("\n\nSources:\n")
    assert answer == plain["answer"]
    assert [line.split("]")[0] + "]" for line in sources.splitlines()] == [
        f"[{c['n']}]" for c in plain["citations"]]
    assert [c["chunk_id"] for c in chunks[-2]["citations"]] == [
        c["chunk_id"] for c in plain["citations"]]
