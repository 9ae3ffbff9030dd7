"""Every Server-Sent Event is whole to any line splitter: U+2028, U+2029 and U+0085 from a
document (Python's str.splitlines() breaks on them, JavaScript's line terminators include the
first two) travel escaped inside the JSON, so each `data:` line is one JSON value. A real server
over a real index whose document holds them in its title and text."""

from __future__ import annotations

import json
from collections.abc import Callable

from rag.documents import Document
from service.streaming import sse
from tests.conftest import small_docs
from tests.service.conftest import Service

BREAKS = "\x85\u2028\u2029"
TITLE = "Ariane\u20286\x85lancement\u2029Kourou"
TEXT = ("La fusée Ariane 6 a décollé de Kourou\u2028en Guyane avec un satellite météo.\u2029"
        "Le lancement\x85a eu lieu de nuit.")
ROCKET = "D'où la fusée Ariane 6 a-t-elle décollé ?"


def _events(body: str) -> list[tuple[str | None, object]]:
    """The stream read with str.splitlines(): `event:`/`data:` lines, events split by blank
    lines; every `data:` line must be one JSON value (or OpenAI's `[DONE]`)."""
    out: list[tuple[str | None, object]] = []
    name: str | None = None
    for line in body.splitlines():
        if not line:
            name = None
            continue
        field, sep, value = line.partition(": ")
        assert sep and field in ("event", "data"), f"a broken line: {line!r}"
        if field == "event":
            name = value
        else:
            out.append((name, value if value == "[DONE]" else json.loads(value)))
    return out


def test_sse_escapes_the_line_breaks_json_leaves() -> None:
    data = {"text": f"a{BREAKS}b\n\r\x0b\x0c\x1c\x1d\x1e"}
    event = sse("token", data)
    assert not set(BREAKS) & set(event)
    assert event.splitlines() == event.split("\n")[:3]  # "event: ...", "data: ...", ""
    assert json.loads(event.splitlines()[1].removeprefix("data: ")) == data


def test_streams_stay_whole_with_line_breaks_in_documents(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    docs = [Document("astro", TEXT, TITLE), *small_docs()[1:]]
    assert svc.engine.ingest_documents(docs).added == len(docs)
    c = svc.client

    r = c.post("/ask/stream", json={"question": ROCKET})
    assert r.status_code == 200, r.text
    events = _events(r.text)
    names = [n for n, _ in events]
    assert names[0] == "citations" and names[-1] == "done", names
    first = events[0][1]
    assert isinstance(first, dict)
    passage = next(p for p in first["citations"] if p["doc_id"] == "astro")
    assert passage["title"] == TITLE and passage["text"] == TEXT  # given back exactly

    r = c.post("/v1/chat/completions", json={
        "stream": True, "messages": [{"role": "user", "content": ROCKET}]})
    assert r.status_code == 200, r.text
    chunks = _events(r.text)
    assert chunks[-1] == (None, "[DONE]")
    text = "".join(ch["choices"][0]["delta"].get("content", "")  # type: ignore[index]
                   for _, ch in chunks[:-1] if ch["choices"])  # type: ignore[index]
    assert "Sources:" in text and "(astro)" in text, text
