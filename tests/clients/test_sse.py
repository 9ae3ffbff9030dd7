"""httpx-sse on /ask/stream: the events a browser or script reads (README, "Server-Sent
Events").

The contract checked on every stream: from the first token on, the numbers in the text
received so far are exactly those of the last `citations` event, and `done` agrees with both.
The generative cases use the scripted OpenAI-compatible upstream of
tests/service/test_openai_backend.py, so the model can cite passages out of rank order.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from httpx_sse import connect_sse

from tests.service.conftest import FR_TROOPS, Service
from tests.service.test_openai_backend import SCRIPT, last_prompt, last_then_first

MARKER = re.compile(r"\[(\d+)\]")


def _events(svc: Service, question: str) -> list[tuple[str, Any]]:
    with httpx.Client(base_url=svc.url, timeout=60) as client, connect_sse(
            client, "POST", "/ask/stream", json={"question": question}) as source:
        assert source.response.status_code == 200
        assert source.response.headers["content-type"].startswith("text/event-stream")
        return [(e.event, json.loads(e.data)) for e in source.iter_sse()]


def _check_contract(events: list[tuple[str, Any]]) -> tuple[str, dict[int, str]]:
    """The streamed text and the last list (number -> chunk id), checked as a client reads
    them: every token's numbers are listed, every listed number is in the text."""
    names = [n for n, _ in events]
    assert names[0] == "citations" and events[0][1]["cited"] is False, names
    assert names[-1] == "done" and set(names) == {"citations", "token", "done"}, names
    listed = {c["n"]: c["chunk_id"] for c in events[0][1]["citations"]}
    text = ""
    for name, data in events:
        if name == "citations":
            listed = {c["n"]: c["chunk_id"] for c in data["citations"]}
        elif name == "token":
            text += data["text"]
            assert {int(n) for n in MARKER.findall(text)} == set(listed), (text, listed)
    done = events[-1][1]
    assert text == done["answer"]
    assert {c["n"]: c["chunk_id"] for c in done["citations"]} == listed
    return text, listed


def test_ask_stream_with_httpx_sse(corpus_service: Service) -> None:
    events = _events(corpus_service, FR_TROOPS)
    text, listed = _check_contract(events)
    done = events[-1][1]
    assert done["citations"] and done["query"] == FR_TROOPS and "[1]" in text
    retrieved = {c["chunk_id"] for c in events[0][1]["citations"]}
    assert set(listed.values()) <= retrieved


def test_numbers_are_final_as_they_stream(openai_service: Any) -> None:
    """A model citing passages out of rank order: its first citation is [1] from the first
    token on, not the rank it had in the prompt."""
    svc: Service = openai_service()
    SCRIPT["answer"] = last_then_first
    events = _events(svc, FR_TROOPS)
    p = last_prompt()
    last, first = p.numbers[-1], p.numbers[0]
    assert last != 1
    text, listed = _check_contract(events)
    assert text == f"{p.cite(last, marker=1)} {p.cite(first, marker=2)}"
    retrieved = events[0][1]["citations"]
    assert listed == {1: retrieved[last - 1]["chunk_id"], 2: retrieved[first - 1]["chunk_id"]}
    tokens = [d["text"] for n, d in events if n == "token"]
    assert tokens[0] == p.cite(last, marker=1)


def test_abstention_lists_no_passage(openai_service: Any) -> None:
    svc: Service = openai_service()
    SCRIPT["answer"] = lambda p: ["NOT_", "IN_SOURCES"]
    # A question the evidence gate lets through on weak evidence (nothing says how many
    # protesters died that night): the model's refusal stands (over firm evidence, as
    # for FR_TROOPS, the extractive answer is given instead; tests/rag/answering/test_gate.py).
    events = _events(svc, "Combien de manifestants ont été tués dans la nuit ?")
    assert events[0][1]["citations"]  # the passages retrieved, before the model read them
    _check_contract(events)
    first_token = [n for n, _ in events].index("token")
    assert events[first_token - 1] == ("citations", {"citations": [], "cited": True})
    assert events[-1][1]["abstained"] is True and events[-1][1]["citations"] == []


def test_ask_stream_error_before_the_stream_is_plain_json(corpus_service: Service) -> None:
    with httpx.Client(base_url=corpus_service.url, timeout=60) as client, connect_sse(
            client, "POST", "/ask/stream", json={"question": ""}) as source:
        assert source.response.status_code == 422
        source.response.read()
        assert isinstance(source.response.json()["error"], str)
