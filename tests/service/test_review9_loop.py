"""A question's and messages' text is measured (NFKC, `embedded_chars`) off the event loop, or,
on it, only up to the limit it is held to (ninth review, F1). Real uvicorn servers in this
process: the counting is watched by a wrapper installed where the routes call it, which notes
the thread of each call; the server's event loop runs in the thread named `uvicorn-<port>`
(conftest.serve).

Before: `/v1/chat/completions` and `/v1/completions` normalised a 690,000-"\\ufdfa" question
twice before refusing it (1.2 to 1.5 s of the loop), `/ask` once (0.6 s) and every history
message past the 20 allowed, and chat every system message on the loop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from rag.documents import embedded_chars
from service import schemas
from service.routes.verify import MAX_TOTAL_CHARS
from tests.service.conftest import Service

SAW = "\ufdfa"  # 18 characters in NFKC
QUERY = 2000  # RAG_MAX_QUERY_CHARS
MESSAGE = 8000  # RAG_MAX_MESSAGE_CHARS
WITHIN = SAW * 444  # 7,992 characters in NFKC: within a message's 8,000


class Watched:
    """`embedded_chars` noting each call's length and thread. With `park`, the first call
    waits (at most 30 s) until `release` is set, so the test can ask the server something
    while a request is being measured."""

    def __init__(self, fn: Callable[..., int] = embedded_chars, park: bool = False) -> None:
        self.fn = fn
        self.park = park
        self.calls: list[tuple[int, str]] = []
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self, text: str, *args: Any, **kwargs: Any) -> int:
        self.calls.append((len(text), threading.current_thread().name))
        if self.park and not self.entered.is_set():
            self.entered.set()
            self.release.wait(30)
        return self.fn(text, *args, **kwargs)

    def lengths(self) -> list[int]:
        return [n for n, _ in self.calls]

    def on_loop(self) -> list[int]:
        return [n for n, thread in self.calls if thread.startswith("uvicorn")]


def health_while_parked(svc: Service, watched: Watched, send: Callable[[], httpx.Response]
                         ) -> httpx.Response:
    """Send a request in a thread; once it is being measured (the first call, parked), GET
    /health: it must answer, which it cannot while the event loop does the measuring."""
    answer: list[httpx.Response] = []
    sender = threading.Thread(target=lambda: answer.append(send()), daemon=True)
    sender.start()
    try:
        assert watched.entered.wait(60), "the request was never measured"
        with httpx.Client(base_url=svc.url, timeout=5.0) as other:
            try:
                health = other.get("/health")
            except httpx.TimeoutException:
                pytest.fail("/health did not answer while the request's text was measured")
            assert health.status_code == 200, health.text
    finally:
        watched.release.set()
        sender.join(120)
    assert answer, "the request did not finish"
    return answer[0]


# ---- F1: questions and messages -----------------------------------------------------------


def test_a_question_past_its_limit_as_sent_is_never_normalised(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """2 MiB of "\\ufdfa" as a question, a prompt or `q`: refused on the length as sent (the
    embedder's count is never below it), normalising nothing longer than the limit."""
    svc = small_service(ingest=False)
    watched = Watched()
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    huge = SAW * 690_000  # 2,070,000 bytes as UTF-8: within the 2 MiB body
    c = svc.client
    r = c.post("/v1/chat/completions", json={"model": "rag", "messages": [
        {"role": "user", "content": huge}]})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["message"] == ("the question is 690000 characters long; the "
                                            f"limit is {QUERY}")
    r = c.post("/v1/completions", json={"model": "rag", "prompt": huge})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["message"] == ("the prompt is 690000 characters long; the limit "
                                            f"is {QUERY}")
    assert r.json()["error"]["param"] == "prompt"
    r = c.post("/ask", json={"question": huge})
    assert r.status_code == 422 and r.json()["error"].startswith("question:"), r.text[:300]
    assert c.get("/search", params={"q": "x" * (QUERY + 1)}).status_code == 422
    assert max(watched.lengths(), default=0) <= QUERY, watched.lengths()
    # within the limit as sent, the embedder's count still decides (3,600 in NFKC)
    r = c.post("/v1/chat/completions", json={"model": "rag", "messages": [
        {"role": "user", "content": SAW * 200}]})
    assert r.status_code == 400 and "3600 characters" in r.json()["error"]["message"], r.text


def test_history_is_counted_before_its_messages_are_measured(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    svc = small_service(ingest=False)
    watched = Watched()
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    question = "Et lui ?"
    history = [{"role": "user", "content": WITHIN}] * 21  # one past RAG_MAX_HISTORY_MESSAGES
    r = svc.client.post("/ask", json={"question": question, "history": history})
    assert r.status_code == 422, r.text[:300]
    assert [d["loc"] for d in r.json()["details"]] == [["body", "history"]], r.text[:300]
    r = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": [
        *history, {"role": "user", "content": question}]})
    assert r.status_code == 400, r.text[:300]
    assert r.json()["error"]["message"] == ("21 earlier user and assistant messages; the limit "
                                            "is 20")
    assert watched.lengths() == [len(question)] * 2  # the question only, once each


def test_messages_are_measured_in_a_worker_thread(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """System messages: 19 of 7,992 characters in NFKC each (20 at most since the tenth
    review; 300 were all measured), then one too long. They are measured in a worker thread,
    and /health answers meanwhile; the first message over the limit is named, measured
    once."""
    svc = small_service(ingest=False)
    watched = Watched(park=True)
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    messages = [*[{"role": "system", "content": WITHIN}] * 19,
                {"role": "system", "content": SAW * 445},  # 8,010 in NFKC
                {"role": "user", "content": "Combien de soldats ?"}]
    r = health_while_parked(svc, watched, lambda: svc.client.post(
        "/v1/chat/completions", json={"model": "rag", "messages": messages}))
    assert r.status_code == 400, r.text[:300]
    assert r.json()["error"]["message"] == ("a message is 8010 characters long; the limit is "
                                            f"{MESSAGE}")
    assert watched.on_loop() == [], watched.on_loop()
    assert watched.lengths().count(len(WITHIN)) == 19  # each once
    # POST /ask's history, within its count, likewise
    watched.calls.clear()
    history = [*[{"role": "user", "content": WITHIN}] * 19,
               {"role": "assistant", "content": SAW * 445}]
    r = svc.client.post("/ask", json={"question": "Et lui ?", "history": history})
    assert r.status_code == 422, r.text[:300]
    assert [d["loc"] for d in r.json()["details"]] == [["body", "history", "19", "content"]]
    assert watched.on_loop() == [], watched.on_loop()


def test_verify_refuses_on_the_length_sent_before_normalising(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """50 passages each within its 20,000 characters in NFKC, 55,550 characters in all as
    sent: refused on that, before any passage is normalised (1 M characters could be)."""
    svc = small_service(ingest=False)
    watched = Watched()
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    answer = "La Russie a envoyé 3 000 soldats [1]."
    r = svc.client.post("/verify", json={"answer": answer, "passages": [SAW * 1111] * 50})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == (f"passages: the answer and passages hold {len(answer) + 55_550} "
                                 f"characters together; the limit is {MAX_TOTAL_CHARS}")
    assert watched.lengths() == [], watched.lengths()  # nothing (tenth review: in a thread)
