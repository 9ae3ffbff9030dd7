"""Review 10b, over real servers: a request's lists are refused on their length while the body
is parsed, before pydantic builds their items on the event loop (N2); /verify's passage titles
count in its total (N4).

Before: 130,000 `{"role": "tool"}` chat messages (2 MiB) were each built and validated on the
event loop (~0.3 s of CPU) before the 20-instruction bound refused them in a worker thread;
72,000 empty /ask history messages likewise (~0.2 s). Two such requests a second kept every
route's latency near a second. Measured as test_review9_loop measures: a real uvicorn server in
this process, /health asked while the request runs."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from service import schemas
from service.routes.verify import MAX_TOTAL_CHARS
from service.schemas import (
    INSTRUCTION_MESSAGES,
    MAX_CHAT_MESSAGES,
    MAX_CONTENT_PARTS,
    MAX_CONTENT_VALUES,
    MAX_HISTORY_MESSAGES,
)
from tests.service.conftest import Service
from tests.service.test_review9_loop import SAW, Watched

BODY = 2 * 1024 * 1024 - 300  # within the 2 MiB body limit


def _many(prefix: str, item: str, suffix: str) -> tuple[bytes, int]:
    """A JSON body of as many `item`s as fit in BODY, and their number."""
    n = (BODY - len(prefix) - len(suffix)) // (len(item) + 1)
    return (prefix + ",".join([item] * n) + suffix).encode(), n


def _loop_clock(svc: Service) -> int:
    """The CPU clock of the server's event-loop thread (`serve` names it uvicorn-PORT): the
    work measured is the loop's own, not that of whatever else this test process runs (a
    process-wide clock read 0.9 s once in CI for a request whose loop spent 0.05 s)."""
    name = f"uvicorn-{urlsplit(svc.url).port}"
    (thread,) = [t for t in threading.enumerate() if t.name == name]
    assert thread.ident is not None
    return time.pthread_getcpuclockid(thread.ident)


def _timed(svc: Service, path: str, body: bytes) -> tuple[httpx.Response, float, float]:
    """POST `body` (sent as is) while another thread asks /health every 50 ms: the response,
    the CPU the server's event loop spent on it and the slowest /health."""
    clock = _loop_clock(svc)
    worst = [0.0]
    stop = threading.Event()

    def probe() -> None:
        with httpx.Client(base_url=svc.url, timeout=10.0) as c:
            while not stop.is_set():
                t0 = time.perf_counter()
                assert c.get("/health").status_code == 200
                worst[0] = max(worst[0], time.perf_counter() - t0)
                # (every 50 ms: each probe costs the loop CPU too, and a loaded machine makes
                # the request longer, so more probes would be counted as the request's)
                time.sleep(0.05)

    with httpx.Client(base_url=svc.url, timeout=30.0) as c:
        c.get("/health")  # a warm connection
        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        time.sleep(0.05)
        t0 = time.clock_gettime(clock)
        r = c.post(path, content=body, headers={"content-type": "application/json"})
        cpu = time.clock_gettime(clock) - t0
        time.sleep(0.05)
        stop.set()
        prober.join(10)
    return r, cpu, worst[0]


@pytest.mark.parametrize("path", ["/v1/chat/completions", "/ask", "/ask/stream"])
def test_many_tiny_messages_are_refused_on_their_number_while_parsed(
        small_service: Callable[..., Service], path: str) -> None:
    """130,000 tiny chat messages, or 72,000 empty history messages: refused by the schema's
    cap on the list, without building its items (the event loop's CPU for 2 MiB received and
    parsed, well under 0.15 s; it was ~0.4 s), and /health answers meanwhile. (Since review
    28 a body holds at most 25,000 arrays and objects, service/json_body.py: the messages
    here carry 90 characters each to fill 2 MiB within it.)"""
    svc = small_service(ingest=False)
    tool = json.dumps({"role": "tool", "content": "x" * 90})
    user = json.dumps({"role": "user", "content": "x" * 90})
    if path.startswith("/v1/"):
        body, n = _many('{"model":"rag","messages":[', tool,
                        ',{"role":"user","content":"q"}]}')
        field, cap, n = "messages", MAX_CHAT_MESSAGES, n + 1
    else:
        body, n = _many('{"question":"x","history":[', user, "]}")
        field, cap = "history", MAX_HISTORY_MESSAGES
    assert n > 15_000
    r, cpu, worst = _timed(svc, path, body)
    assert cpu < 0.15, cpu
    assert worst < 0.5, worst  # wall time: loose (the CPU bound is the test)
    assert r.status_code == 422, r.text[:300]
    message = (f"{field}: List should have at most {cap} items after validation, not {n}")
    got = r.json()["error"]
    assert (got["message"] if isinstance(got, dict) else got) == message


def test_the_caps_are_the_most_the_settings_allow(
        small_service: Callable[..., Service]) -> None:
    """The schema's caps never refuse what the settings allow: the history at its ceiling
    (RAG_MAX_HISTORY_MESSAGES=200), 20 instructions and the question. The app's own bounds
    still apply after (a 400 here past 20 history messages), and /openapi.json shows them."""
    svc = small_service(max_history_messages=MAX_HISTORY_MESSAGES)
    assert MAX_CHAT_MESSAGES == MAX_HISTORY_MESSAGES + INSTRUCTION_MESSAGES + 1
    history = [{"role": r, "content": "Bonjour."} for r in ("user", "assistant")] * 100
    system = [{"role": "system", "content": "Réponds en français."}] * INSTRUCTION_MESSAGES
    question = {"role": "user", "content": "Combien de soldats ?"}
    r = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": [
        *system, *history, question]})
    assert r.status_code == 200, r.text[:300]
    r = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": [
        *system, *history, question, question]})
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"]["message"] == ("messages: List should have at most "
                                            f"{MAX_CHAT_MESSAGES} items after validation, "
                                            f"not {MAX_CHAT_MESSAGES + 1}")
    r = svc.client.post("/ask", json={"question": "Et lui ?", "history": history})
    assert r.status_code == 200, r.text[:300]
    schema = svc.client.get("/openapi.json").json()["components"]["schemas"]
    assert schema["AskRequest"]["properties"]["history"]["maxItems"] == MAX_HISTORY_MESSAGES
    assert schema["ChatRequest"]["properties"]["messages"]["maxItems"] == MAX_CHAT_MESSAGES

    default = small_service(ingest=False)  # RAG_MAX_HISTORY_MESSAGES=20
    r = default.client.post("/v1/chat/completions", json={"model": "rag", "messages": [
        *history[:22], question]})
    assert r.status_code == 400, r.text[:300]
    assert r.json()["error"]["message"] == ("22 earlier user and assistant messages; the limit "
                                            "is 20")
    schema = default.client.get("/openapi.json").json()["components"]["schemas"]
    assert schema["ChatRequest"]["properties"]["messages"]["maxItems"] == 20 + 20 + 1


def test_content_parts_are_counted_before_they_are_built(
        small_service: Callable[..., Service]) -> None:
    """A message's content parts (65 tool messages of 1,999 parts filled 2 MiB and were all
    built and walked on the loop): at most MAX_CONTENT_PARTS, holding at most
    MAX_CONTENT_VALUES values in all, each refused with its own 422."""
    svc = small_service()
    text = {"type": "text", "text": "Combien"}
    question = {"role": "user", "content": [text] * MAX_CONTENT_PARTS}

    def chat(*messages: dict[str, Any]) -> httpx.Response:
        return svc.client.post("/v1/chat/completions", json={"model": "rag",
                                                              "messages": list(messages)})

    assert chat(question).status_code == 200
    r = chat({"role": "tool", "content": [text] * (MAX_CONTENT_PARTS + 1)}, question)
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"]["message"] == (f"messages.0.content: {MAX_CONTENT_PARTS + 1} "
                                            f"content parts; the limit is {MAX_CONTENT_PARTS} "
                                            "a message")
    junk = {"type": "image_url", "image_url": {"url": "x", "x": [0] * MAX_CONTENT_VALUES}}
    r = chat({"role": "tool", "content": [junk]}, question)
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"]["message"] == (f"messages.0.content: the content parts hold more "
                                            f"than {MAX_CONTENT_VALUES} values; send text "
                                            "parts (and a few images)")
    lone = json.dumps({"model": "rag", "messages": [
        {"role": "tool", "content": [{"type": "text", "text": "a \udfff"}]}, question]})
    r = svc.client.post("/v1/chat/completions", content=lone,
                        headers={"content-type": "application/json"})
    assert r.status_code == 422 and "lone surrogate" in r.text, r.text[:300]
    r = chat({"role": "tool", "content": [{"type": "text", "text": {"a": 1}}]}, question)
    assert r.status_code == 422 and "must be a string" in r.text, r.text[:300]
    # the whole 2 MiB of parts: refused at the first message's parts
    part = json.dumps({"type": "text", "text": "Combien " * 120})  # (review 28: few objects)
    msg = '{"role":"tool","content":[' + ",".join([part] * 1999) + "]}"
    body, _ = _many('{"model":"rag","messages":[', msg, ',{"role":"user","content":"q"}]}')
    r, cpu, worst = _timed(svc, "/v1/chat/completions", body)
    assert r.status_code == 422 and "1999 content parts" in r.text, r.text[:300]
    assert cpu < 0.15 and worst < 0.5, (cpu, worst)


def test_a_list_of_prompts_is_refused_unread(small_service: Callable[..., Service]) -> None:
    """/v1/completions answers one prompt: a long list is a 422 on its length (700,000 empty
    strings were built and walked first), a short one still the 400 naming the rule."""
    svc = small_service(ingest=False)
    body, n = _many('{"model":"rag","prompt":[', '""', "]}")
    r, cpu, _ = _timed(svc, "/v1/completions", body)
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"]["message"] == (f"prompt: {n} prompts; this server answers one "
                                            "prompt per request (a string or a list of one)")
    assert cpu < 0.15, cpu
    r = svc.client.post("/v1/completions", json={"model": "rag", "prompt": ["a", "b"]})
    assert r.status_code == 400 and "one question per request" in r.text, r.text[:300]


def test_verify_titles_count_in_the_total(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """/verify's titles were outside every text bound (50 of 1,000 characters, 1,000
    U+FDFA each 18,000 in NFKC): they count in the total, as sent on the loop, then as the
    embedder reads them, in the worker thread."""
    svc = small_service(ingest=False)
    answer = "La Russie a envoyé 3 000 soldats [1]."
    passage = "La Russie a envoyé quelque 3 000 personnes, selon l'agence RIA."
    text = "x" * 700  # 50 passages of 700 and 50 titles of 1,000: 85,000 together
    r = svc.client.post("/verify", json={"answer": answer, "passages": [
        {"text": text, "title": "t" * 1000}] * 50})
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"] == (f"passages: the answer and passages (titles included) hold "
                                 f"{len(answer) + 85_000} characters together; the limit is "
                                 f"{MAX_TOTAL_CHARS}")
    r = svc.client.post("/verify", json={"answer": answer, "passages": [
        {"text": passage, "title": "t" * 1001}]})
    assert r.status_code == 422 and "at most 1000 characters" in r.text, r.text[:300]
    watched = Watched()
    monkeypatch.setattr(schemas, "embedded_chars", watched)
    titles = [SAW * 1000, SAW * 1000, SAW * 300]  # 41,400 characters in NFKC, 2,300 as sent
    r = svc.client.post("/verify", json={"answer": answer, "passages": [
        {"text": passage, "title": t} for t in titles]})
    assert r.status_code == 422, r.text[:300]
    total = len(answer) + 3 * len(passage) + 18 * 2300
    assert r.json()["error"] == (f"passages: the answer and passages (titles included) hold "
                                 f"{total} characters together as the embedder reads them "
                                 f"(NFKC); the limit is {MAX_TOTAL_CHARS}")
    assert watched.on_loop() == [] and sorted(watched.lengths())[-3:] == [300, 1000, 1000]
    r = svc.client.post("/verify", json={"answer": answer, "passages": [
        {"text": passage, "title": "Agence RIA"}], "recite": False})
    assert r.status_code == 200, r.text[:300]
