"""Tenth review, over real servers: text is measured off the event loop, each text once, and a
chat request's messages are bounded in number before any is measured. Watched as in
test_review9_loop: a wrapper where the routes call the counting notes each call's thread.

Before: /verify counted its answer and passages (NFKC) in the body's validators, on the event
loop: 20,000 U+0F73 (then quadratic to normalise) and four passages held every route 0.7 s.
/v1/chat/completions counted any number of system messages (170 of 4,000 U+0F73: 8.5 s of
CPU a request) and searched them on the loop (`_system`: 0.2 s for 2 MiB). /v1/completions
counted its prompt twice on the loop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

import rag.unicode_safe
from rag.documents import embedded_chars
from service import schemas
from service.app import create_app
from service.routes import openai
from service.schemas import INSTRUCTION_MESSAGES
from service.settings import ServiceSettings
from tests.service.conftest import Service
from tests.service.test_review9_loop import MESSAGE, SAW, Watched, health_while_parked

II = "\u0f73"  # TIBETAN VOWEL SIGN II: class 0, two marks once decomposed


def test_verify_measures_its_text_in_a_worker_thread(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """The answer and every passage are counted (NFKC) in a worker thread, each once: /health
    answers while they are. The answer over its limit as the embedder reads it ends the
    counting (the passages were counted too, with no total to check)."""
    svc = small_service(ingest=False)
    watched = Watched(park=True)
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    answer = "La Russie a envoyé 3 000 soldats [1]."
    passages = ["La Russie a envoyé quelque 3 000 personnes.", "Des soldats sont arrivés."]
    r = health_while_parked(svc, watched, lambda: svc.client.post(
        "/verify", json={"answer": answer, "passages": passages, "recite": False}))
    assert r.status_code == 200, r.text
    assert watched.on_loop() == [], watched.calls
    # counted for the bounds once each (the embedder's groups count the sentences later)
    assert watched.lengths()[:3] == [len(answer), *map(len, passages)], watched.lengths()
    watched.calls.clear()
    r = svc.client.post("/verify", json={"answer": II * 20_000, "passages": [II * 10_000] * 2})
    assert r.status_code == 422, r.text
    read = embedded_chars(II * 20_000)  # 40,000 marks and the joiners that keep them in runs
    assert r.json()["error"] == (f"answer: the answer is {read} characters long as the "
                                 "embedder reads it (NFKC); the limit is 20000")
    assert watched.lengths() == [20_000] and watched.on_loop() == [], watched.calls


def test_chat_system_messages_are_bounded_before_they_are_measured(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """At most INSTRUCTION_MESSAGES system, developer and tool messages, refused on their
    number; and a message too long as sent is refused before any is normalised."""
    svc = small_service(ingest=False)
    watched = Watched()
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    question = "Combien de soldats ?"

    def chat(messages: list[dict[str, Any]]) -> Any:
        return svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": [
            *messages, {"role": "user", "content": question}]})

    many = [{"role": role, "content": II * 3000}  # 6,200 as the embedder reads them
            for role in ("system", "tool", "developer")] * 7  # 21
    r = chat(many)
    assert r.status_code == 400, r.text[:300]
    assert r.json()["error"]["message"] == (f"21 system, developer and tool messages; the "
                                            f"limit is {INSTRUCTION_MESSAGES}")
    assert watched.lengths() == [len(question)], watched.lengths()
    watched.calls.clear()
    r = chat([*many[:19], {"role": "system", "content": "x" * (MESSAGE + 1)}])
    assert r.status_code == 400, r.text[:300]
    assert r.json()["error"]["message"] == (f"a message is {MESSAGE + 1} characters long; "
                                            f"the limit is {MESSAGE}")
    assert watched.lengths() == [len(question)], watched.lengths()  # refused as sent
    watched.calls.clear()
    r = chat([*many[:19], {"role": "system", "content": SAW * 445}])  # 8,010 in NFKC
    assert r.status_code == 400 and "8010 characters" in r.json()["error"]["message"], r.text
    assert watched.on_loop() == [] and watched.lengths().count(3000) == 19, watched.lengths()


def test_chat_instructions_are_read_in_a_worker_thread(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """`_system` joins and searches the system messages ("answer in English"): in the worker
    thread that measures them, not on the event loop."""
    svc = small_service()
    threads: list[str] = []
    read = openai._system

    def watched(body: Any) -> tuple[str, str | None]:
        threads.append(threading.current_thread().name)
        return read(body)

    monkeypatch.setattr(openai, "_system", watched)
    r = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": [
        {"role": "system", "content": "in in " * 1300 + "Answer in English."},
        {"role": "user", "content": "Où se trouve l'Etna ?"}]})
    assert r.status_code == 200, r.text[:300]
    assert threads and not any(t.startswith("uvicorn") for t in threads), threads


def test_a_prompt_is_measured_once_in_a_worker_thread(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    svc = small_service(ingest=False)
    watched = Watched()
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    r = svc.client.post("/v1/completions", json={"model": "rag", "prompt": SAW * 200})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["message"] == "the prompt is 3600 characters long; the limit is 2000"
    assert watched.lengths() == [200] and watched.on_loop() == [], watched.calls


def test_the_stream_safe_table_is_built_with_the_app(tmp_path: Any) -> None:
    """Built lazily, the first request to count text paid ~0.2 s for it, maybe in a validator
    on the event loop (F3): the app builds it when it is made."""
    rag.unicode_safe._table.cache_clear()
    create_app(ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus"))
    assert rag.unicode_safe._table.cache_info().currsize == 1
