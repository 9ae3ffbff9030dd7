"""The `openai` backend reads what it asked for, not what an upstream chooses to send
(rag/llm/openai_compat.py), against a scripted OpenAI-compatible server on loopback.

Thirteenth review, F5: `max_tokens` was sent and never enforced. A stream was read to its
end (1,000 sentences all verified, the generation slot held 11 s), a stream line or a whole
reply was buffered however long, and an error body was read whole. And the answer pipeline
(rag/answering/pipeline.py) joined every piece again for each piece until the first text that
is not blank: 80,000 blank pieces took 15 s.

Nor what pace it chooses (loopback review, F1): `RAG_LLM_TIMEOUT` bounded each read only, so
a blank line every 2 s held an answer as long as the upstream liked; blank lines were not
counted against the stream's line budget and a stream had no byte bound (64 KiB of line ends
a write was read for 242 MB, 30 s of CPU).

Nor how it packs it: a gzip reply (asked for none) was inflated by httpx without a bound
before any byte bound counted it.
"""

from __future__ import annotations

import functools
import gzip
import json
import threading
import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.llm import make_llm
from rag.llm.base import LLM, LLMError, LLMTimeout
from rag.llm.openai_compat import (
    CHARS_PER_TOKEN,
    MAX_LINE_BYTES,
    PIECES_PER_TOKEN,
    OpenAICompatibleLLM,
    sse_lines,
)
from service.errors import public_message
from tests.conftest import small_docs
from tests.cpu import cpu_spent
from tests.service.conftest import http_server

SCRIPT: dict[str, Any] = {}
OUTCOME: dict[str, Any] = {}
DONE = threading.Event()
FLOOD_BYTES = 64 * 1024 * 1024  # what a flooding upstream sends at most
MESSAGES = [{"role": "user", "content": "Combien ?"}]


def _chunk(content: str | None, finish: str | None = None) -> bytes:
    delta = {} if content is None else {"content": content}
    payload = {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n"


class Flooding(BaseHTTPRequestHandler):
    """Answers as `SCRIPT["mode"]` says, whatever `max_tokens` asked; records in OUTCOME
    whether all it meant to send went out (the reader may stop it), then sets DONE."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _head(self, status: int, ctype: str, length: int | None = None,
              encoding: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if encoding is not None:
            self.send_header("Content-Encoding", encoding)
        if length is not None:
            self.send_header("Content-Length", str(length))
        # Said even with a length: the handler closes after each reply, and a client that
        # pooled the connection could send its next request down a socket about to close.
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _pour(self, blocks: Iterator[bytes]) -> None:
        sent = 0
        try:
            for block in blocks:
                self.wfile.write(block)
                sent += len(block)
            OUTCOME["complete"] = True
        except (BrokenPipeError, ConnectionResetError):
            OUTCOME["complete"] = False
        OUTCOME["sent"] = sent

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        OUTCOME["max_tokens"] = body["max_tokens"]
        mode = SCRIPT["mode"]
        try:
            if mode == "pieces":  # `piece` without end (up to FLOOD_BYTES), a thousand a write
                self._head(200, "text/event-stream")
                block = _chunk(SCRIPT["piece"]) * 1000
                self._pour(iter([block] * (FLOOD_BYTES // len(block))))
            elif mode == "line":  # one stream line that never ends
                self._head(200, "text/event-stream")
                start = b'data: {"choices": [{"delta": {"content": "'
                self._pour(iter([start] + [b"a" * 65536] * (FLOOD_BYTES // 65536)))
            elif mode == "reply":  # a whole reply of `chars` characters
                out = json.dumps({"choices": [{"index": 0, "finish_reason": "stop", "message": {
                    "role": "assistant", "content": "a" * SCRIPT["chars"]}}]}).encode()
                self._head(200, "application/json", len(out))
                self._pour(iter([out[i:i + 65536] for i in range(0, len(out), 65536)]))
            elif mode == "error":  # a 500 whose body goes on and on
                self._head(500, "text/plain")
                self._pour(iter([b"overloaded " * 6000] * (FLOOD_BYTES // 66000)))
            elif mode == "raw":  # SCRIPT["body"] as it is, with SCRIPT["status"]
                out = SCRIPT["body"]
                self._head(SCRIPT.get("status", 200), SCRIPT.get("ctype", "application/json"),
                           len(out), SCRIPT.get("encoding"))
                self._pour(iter([out]))
            elif mode == "trickle":  # SCRIPT["drip"] every SCRIPT["every"] s, SCRIPT["for"] s
                self._head(200, SCRIPT["ctype"])
                self._pour(_drip(SCRIPT["drip"], SCRIPT["every"], SCRIPT["for"]))
            elif mode == "line-ends":  # 64 KiB of "\n" a write, SCRIPT["bytes"] in all
                self._head(200, "text/event-stream")
                self._pour(iter([b"\n" * 65536] * (SCRIPT["bytes"] // 65536)))
            elif mode == "comments":  # SSE comment lines of 1 MiB less a byte, without end
                self._head(200, "text/event-stream")
                line = b":" + b"x" * (MAX_LINE_BYTES - 2) + b"\n"
                self._pour(iter([line] * (FLOOD_BYTES // len(line))))
            elif mode == "blank-then-answer":  # SCRIPT["blanks"] blank pieces, then the answer
                pieces = [SCRIPT["blank"]] * SCRIPT["blanks"] + [SCRIPT["answer"]]
                out = b"".join(_chunk(p) for p in pieces) + _chunk(None, "stop")
                out += b"data: [DONE]\n\n"
                self._head(200, "text/event-stream", len(out))
                self._pour(iter([out]))
        finally:
            DONE.set()


def _drip(drop: bytes, every: float, seconds: float) -> Iterator[bytes]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        yield drop
        time.sleep(every)


@pytest.fixture
def upstream() -> Iterator[str]:
    SCRIPT.clear()
    OUTCOME.clear()
    DONE.clear()
    with http_server(Flooding) as url:
        yield url


def _outcome() -> dict[str, Any]:
    """What the upstream did, once it is done (it stops when the reader hangs up)."""
    assert DONE.wait(60), "the upstream is still sending"
    return OUTCOME


@pytest.mark.parametrize("piece", [" ", "mot "], ids=["blank", "words"])
def test_a_stream_past_max_tokens_is_cut_and_the_upstream_stopped(upstream: str,
                                                                  piece: str) -> None:
    SCRIPT.update(mode="pieces", piece=piece)
    llm = OpenAICompatibleLLM(upstream, "scripted", timeout=30)
    pieces = list(llm.stream(MESSAGES, 16))  # ends quietly, as for `finish_reason: length`
    assert 0 < len(pieces) <= PIECES_PER_TOKEN * 16 + 64
    assert len("".join(pieces)) <= CHARS_PER_TOKEN * 16
    outcome = _outcome()
    assert outcome["max_tokens"] == 16 and outcome["complete"] is False, outcome


def test_characters_past_max_tokens_are_cut(upstream: str) -> None:
    SCRIPT.update(mode="pieces", piece="x" * 1000)
    llm = OpenAICompatibleLLM(upstream, "scripted", timeout=30)
    text = "".join(llm.stream(MESSAGES, 20))
    assert text == "x" * (CHARS_PER_TOKEN * 20)


def test_a_stream_line_without_end_is_refused(upstream: str) -> None:
    SCRIPT.update(mode="line")
    llm = OpenAICompatibleLLM(upstream, "scripted", timeout=30)
    with pytest.raises(LLMError, match=f"stream line over {MAX_LINE_BYTES} bytes"):
        list(llm.stream(MESSAGES, 300))
    outcome = _outcome()
    assert outcome["complete"] is False and outcome["sent"] < FLOOD_BYTES, outcome


def test_a_whole_reply_over_its_bound_is_refused(upstream: str) -> None:
    llm = OpenAICompatibleLLM(upstream, "scripted", timeout=30)
    SCRIPT.update(mode="reply", chars=CHARS_PER_TOKEN * 300)  # what 300 tokens may hold
    assert llm.complete(MESSAGES, 300) == "a" * (CHARS_PER_TOKEN * 300)
    assert _outcome()["complete"] is True
    DONE.clear()
    SCRIPT.update(chars=20 * 1024 * 1024)
    with pytest.raises(LLMError, match="sent a reply over"):
        llm.complete(MESSAGES, 300)
    assert _outcome()["complete"] is False


def test_an_error_body_is_read_for_its_start_only(upstream: str) -> None:
    SCRIPT.update(mode="error")
    llm = OpenAICompatibleLLM(upstream, "scripted", timeout=30)
    for call in (lambda: llm.complete(MESSAGES, 50), lambda: list(llm.stream(MESSAGES, 50))):
        DONE.clear()
        with pytest.raises(LLMError, match="LLM server answered 500: overloaded overloaded"):
            call()
        assert _outcome()["complete"] is False


DEEP = b"[" * 200_000  # 200 KB: within every byte bound, past json's recursion limit


def test_deeply_nested_json_from_the_upstream_is_an_llm_error(upstream: str) -> None:
    """Fourteenth review, F2: `json.loads` raises RecursionError on such JSON, which is no
    ValueError; it escaped `complete()`, the stream's chunks and the error body's message
    (a 500 and a traceback in the service, a stream cut without an `error` event)."""
    llm = OpenAICompatibleLLM(upstream, "scripted", timeout=30)
    SCRIPT.update(mode="raw", body=DEEP)
    with pytest.raises(LLMError, match="not a chat completion"):
        llm.complete(MESSAGES, 300)
    SCRIPT.update(body=b"data: " + DEEP + b"\n\n", ctype="text/event-stream")
    with pytest.raises(LLMError, match="invalid stream chunk"):
        list(llm.stream(MESSAGES, 300))
    SCRIPT.update(body=DEEP, status=500, ctype="application/json")
    for call in (lambda: llm.complete(MESSAGES, 50), lambda: list(llm.stream(MESSAGES, 50))):
        with pytest.raises(LLMError, match=r"LLM server answered 500: \[\[\[") as caught:
            call()
        assert len(str(caught.value)) < 400  # the message is cut, as any error body's is


def test_sse_lines_split_every_line_end_and_bound_a_line() -> None:
    chunks = [b"data: a\r\n", b"\r\ndata: b", b"c\n\ndata: d\r", b"\ndata: e"]
    assert [x for x in sse_lines(chunks) if x] == ["data: a", "data: bc", "data: d", "data: e"]
    assert list(sse_lines([b"x" * 10, b"\n"], max_line=10)) == ["x" * 10]
    with pytest.raises(LLMError, match="stream line over 10 bytes"):
        list(sse_lines([b"x" * 6, b"x" * 6, b"\n"], max_line=10))
    with pytest.raises(LLMError, match="stream line over 10 bytes"):
        list(sse_lines([b"ok\n" + b"x" * 11 + b"\n"], max_line=10))


def test_blank_pieces_before_the_answer_are_read_in_linear_time(
        upstream: str, tmp_path: Path, embedder: E5Embedder) -> None:
    """The pipeline keeps what was written so far as it comes: 16,000 blank pieces (what
    4,096 tokens may stream) took 0.9 s of this thread's CPU, re-joined for each piece; now
    under 0.1 s. Measured on the second answer (the first loads what answers need)."""
    settings = Settings(index_dir=tmp_path / "index", llm="openai", llm_model="scripted",
                        llm_max_tokens=4096)
    engine = Engine(settings, embedder=embedder, auto_build=False,
                    llm=OpenAICompatibleLLM(upstream, "scripted", timeout=30))
    engine.ingest_documents(small_docs())
    answer = "La fusée Ariane 6 a décollé de Kourou en Guyane [1]."
    SCRIPT.update(mode="blank-then-answer", blank=" \n  ", blanks=0, answer=answer)
    question = "D'où la fusée Ariane 6 a-t-elle décollé ?"
    assert engine.ask(question).answer.startswith("La fusée Ariane 6")
    SCRIPT.update(blanks=16_000)
    t0 = time.thread_time()
    got = engine.ask(question)
    spent = time.thread_time() - t0
    assert got.answer.startswith("La fusée Ariane 6"), got.answer
    assert spent < 0.4, f"{spent:.2f} s of CPU"


def _llm(upstream: str, **settings: Any) -> LLM:
    """The backend as the service makes it (`make_llm`), from `settings`."""
    llm = make_llm(Settings(llm="openai", llm_model="scripted", llm_base_url=upstream,
                            **settings))
    assert llm is not None
    return llm


@pytest.mark.parametrize("streamed", [True, False], ids=["stream", "whole"])
def test_a_trickling_upstream_is_cut_at_the_deadline(upstream: str, streamed: bool) -> None:
    """A line end (or a JSON space) every 0.3 s never lets a 1 s read timeout fire: the
    call was held until the upstream stopped, 6 s here (30 s in the review's repro). Now
    RAG_LLM_DEADLINE ends it: an LLMTimeout, the connection closed."""
    SCRIPT.update(mode="trickle", every=0.3, **{"for": 6.0}, drip=b"\n" if streamed else b" ",
                  ctype="text/event-stream" if streamed else "application/json")
    llm = _llm(upstream, llm_timeout=1, llm_deadline=1.5)
    t0 = time.monotonic()
    with pytest.raises(LLMTimeout, match=r"timed out \(no whole answer in 1\.5 s\)"):
        if streamed:
            list(llm.stream(MESSAGES, 300))
        else:
            llm.complete(MESSAGES, 300)
    took = time.monotonic() - t0
    assert 1.4 < took < 3, f"{took:.1f} s"
    assert _outcome()["complete"] is False  # hung up on, not read to its end


def test_every_line_counts_against_the_line_budget_blank_ones_too(upstream: str) -> None:
    """A stream may send 8 lines a token asked for (a chunk and the blank line after it, 4
    chunks a token), plus 128: blank lines were not counted, so an upstream sending only
    line ends was read for as long as it sent them."""
    answer = _chunk("Réponse.") + _chunk(None, "stop") + b"data: [DONE]\n\n"
    llm = _llm(upstream)
    SCRIPT.update(mode="raw", body=b"\n" * 100 + answer, ctype="text/event-stream")
    assert list(llm.stream(MESSAGES, 16)) == ["Réponse."]  # a few keep-alive line ends: read
    SCRIPT.update(body=b"\n" * (2 * PIECES_PER_TOKEN * 16 + 129) + answer)
    assert list(llm.stream(MESSAGES, 16)) == []  # cut, as for its length


def test_a_flood_of_line_ends_is_cut_at_once(upstream: str) -> None:
    """64 KiB of "\n" a write (16 MiB here, 242 MB in 30 s in the review's repro) was read
    to its end, splitting every line, before the stream failed for having no end."""
    SCRIPT.update(mode="line-ends", bytes=16 * 1024 * 1024)
    llm = _llm(upstream)
    t0, cpu = time.monotonic(), time.thread_time()
    assert list(llm.stream(MESSAGES, 300)) == []  # cut, as for its length
    assert time.thread_time() - cpu < 0.5 and time.monotonic() - t0 < 2
    assert _outcome()["complete"] is False


def test_a_stream_is_cut_at_its_byte_bound(upstream: str) -> None:
    """Lines of 1 MiB each (SSE comments, within the line bound) fit the line budget 2,528
    times for 300 tokens: the stream's bytes are bounded too (1 MiB and 4 KiB a token)."""
    SCRIPT.update(mode="comments")
    llm = _llm(upstream)
    t0 = time.monotonic()
    assert list(llm.stream(MESSAGES, 300)) == []  # cut, as for its length
    assert time.monotonic() - t0 < 2
    outcome = _outcome()
    assert outcome["complete"] is False and outcome["sent"] < FLOOD_BYTES // 2, outcome


def test_the_deadline_is_never_shorter_than_the_read_timeout(upstream: str) -> None:
    """RAG_LLM_DEADLINE below RAG_LLM_TIMEOUT would cut a call the read timeout allows:
    the deadline is then the timeout (a 2 s trickle answered within a 3 s timeout)."""
    SCRIPT.update(mode="trickle", every=0.3, **{"for": 2.0}, drip=b" ",
                  ctype="application/json")
    llm = _llm(upstream, llm_timeout=3, llm_deadline=1)
    with pytest.raises(LLMError, match="not a chat completion"):  # read to its end
        llm.complete(MESSAGES, 300)


@functools.cache
def _bomb() -> bytes:
    """50 MB of zeros gzipped: about 50 KB."""
    return gzip.compress(b"\0" * (50 * 1024 * 1024), 9)


@pytest.mark.parametrize("status", [200, 500])
@pytest.mark.parametrize("streamed", [True, False], ids=["stream", "whole"])
def test_a_compressed_reply_is_refused_unread(upstream: str, streamed: bool,
                                              status: int) -> None:
    """`Accept-Encoding: identity` is asked, but httpx inflated a gzip reply all the same,
    each network chunk whole, before the byte bounds counted it: this 50 KB bomb became
    50 MB in memory at once (a whole reply was then refused for its size, a stream cut
    quietly). A reply with a Content-Encoding is an LLMError, its body never inflated."""
    assert len(_bomb()) < 100 * 1024
    SCRIPT.update(mode="raw", body=_bomb(), encoding="gzip", status=status,
                  ctype="text/event-stream" if streamed else "application/json")
    llm = _llm(upstream)
    who = "the LLM server sent" if status == 200 else "LLM server answered 500 with"
    tracemalloc.start()
    try:
        with cpu_spent() as spent, pytest.raises(
                LLMError, match=f"^{who} a compressed reply though none was asked: "
                                "Content-Encoding: gzip$") as caught:
            if streamed:
                list(llm.stream(MESSAGES, 300))
            else:
                llm.complete(MESSAGES, 300)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, f"{peak / 2**20:.1f} MiB"  # 50 MiB and more inflated
    # a client is told the kind, not the upstream's header (a 502, service/errors.py)
    assert public_message(caught.value) == f"{who} a compressed reply though none was asked"
    assert spent.seconds < 0.5, f"{spent.seconds:.2f} s of CPU"


def test_an_identity_encoding_is_read_as_no_encoding(upstream: str) -> None:
    """`Content-Encoding: identity` (what was asked) is no compression: the reply is read."""
    body = json.dumps({"choices": [{"index": 0, "finish_reason": "stop", "message": {
        "role": "assistant", "content": "Réponse."}}]}).encode()
    SCRIPT.update(mode="raw", body=body, encoding="identity")
    assert _llm(upstream).complete(MESSAGES, 300) == "Réponse."
    stream = _chunk("Réponse.") + _chunk(None, "stop") + b"data: [DONE]\n\n"
    SCRIPT.update(body=stream, ctype="text/event-stream")
    assert list(_llm(upstream).stream(MESSAGES, 300)) == ["Réponse."]
