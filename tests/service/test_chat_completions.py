"""The service's own OpenAI-compatible endpoint, extractive backend, over a real server."""

from __future__ import annotations

import re
from typing import Any

from tests.service.conftest import FR_TROOPS, NO_ANSWER_EN, Service, parse_openai_sse

SOURCES = re.compile(r"\n\nSources:\n((?:\[\d+\] .+ \(\S+\)\n?)+)$")


def _chat(svc: Service, messages: list[dict[str, Any]], **extra: Any) -> Any:
    return svc.client.post("/v1/chat/completions",
                           json={"model": "rag", "messages": messages, **extra})


def _check_sources(content: str, citations: list[dict[str, Any]]) -> str:
    """The content ends with one `[n] title (doc_id)` line per citation; returns the answer."""
    m = SOURCES.search(content)
    assert m, content
    lines = m.group(1).strip().split("\n")
    assert lines == [f"[{c['n']}] {c['title']} ({c['doc_id']})" for c in citations]
    answer = content[: m.start()]
    assert set(int(n) for n in re.findall(r"\[(\d+)\]", answer)) == \
        {c["n"] for c in citations}
    return answer


def test_chat_completion(corpus_service: Service) -> None:
    r = _chat(corpus_service, [{"role": "system", "content": "Réponds en français."},
                               {"role": "user", "content": FR_TROOPS}])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "chat.completion"
    assert body["model"] == "rag"
    assert body["id"].startswith("chatcmpl-")
    choice = body["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    content = choice["message"]["content"]
    assert "[1]" in content and "Sources:" in content
    citations = body["citations"]
    assert isinstance(citations, list) and citations
    answer = _check_sources(content, citations)
    assert "3 000" in answer
    # the same answer as /ask
    plain = corpus_service.client.post("/ask", json={"question": FR_TROOPS}).json()
    assert answer == plain["answer"]
    assert [c["chunk_id"] for c in citations] == [c["chunk_id"] for c in plain["citations"]]


def test_chat_completion_content_parts(corpus_service: Service) -> None:
    r = _chat(corpus_service, [{"role": "user", "content": [
        {"type": "text", "text": FR_TROOPS}]}])
    assert r.status_code == 200, r.text
    assert "3 000" in r.json()["choices"][0]["message"]["content"]


def test_chat_completion_stream(corpus_service: Service) -> None:
    r = _chat(corpus_service, [{"role": "user", "content": FR_TROOPS}], stream=True)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/event-stream")
    chunks = parse_openai_sse(r.text)
    assert chunks[-1] == "[DONE]"
    data = chunks[:-1]
    assert len(data) >= 3
    assert all(c["object"] == "chat.completion.chunk" for c in data)
    assert len({c["id"] for c in data}) == 1
    assert data[0]["choices"][0]["delta"].get("role") == "assistant"
    finals = [c for c in data if c["choices"][0]["finish_reason"] is not None]
    assert finals == [data[-1]], "only the last chunk finishes"
    assert data[-1]["choices"][0]["finish_reason"] == "stop"
    citations = data[-1]["citations"]
    assert citations
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in data)
    answer = _check_sources(content, citations)

    plain = _chat(corpus_service, [{"role": "user", "content": FR_TROOPS}]).json()
    # a marker streamed in its own piece must not leave a double space before it
    assert "  [" not in content, content
    assert content == plain["choices"][0]["message"]["content"]
    assert answer.startswith("Des soldats") or "3 000" in answer
    assert [c["chunk_id"] for c in citations] == [c["chunk_id"] for c in plain["citations"]]


def test_chat_follow_up_rewrites_the_question(corpus_service: Service) -> None:
    first = _chat(corpus_service, [{"role": "user", "content": FR_TROOPS}]).json()
    r = _chat(corpus_service, [
        {"role": "user", "content": FR_TROOPS},
        {"role": "assistant", "content": first["choices"][0]["message"]["content"]},
        {"role": "user", "content": "Et l’Arménie ?"},
    ])
    assert r.status_code == 200, r.text
    body = r.json()
    content = body["choices"][0]["message"]["content"]
    assert body["citations"]
    answer = _check_sources(content, body["citations"])
    assert "Arménie" in answer
    # alone, the elliptic question finds nothing to answer from
    alone = _chat(corpus_service, [{"role": "user", "content": "Et l’Arménie ?"}]).json()
    assert alone["choices"][0]["message"]["content"] != content


def test_chat_off_topic_abstains(corpus_service: Service) -> None:
    body = _chat(corpus_service, [{"role": "user", "content": "How do I bake bread?"}]).json()
    assert body["abstained"] is True
    assert body["citations"] == []
    assert body["choices"][0]["message"]["content"] == NO_ANSWER_EN


def test_chat_rejects_bad_conversations(corpus_service: Service) -> None:
    for messages in (
        [{"role": "user", "content": FR_TROOPS}, {"role": "assistant", "content": "Oui."}],
        [{"role": "system", "content": "Tu es utile."}],
        [{"role": "user", "content": "   "}],
    ):
        for stream in (False, True):
            r = _chat(corpus_service, messages, stream=stream)
            assert r.status_code == 400, (messages, r.text)
            assert "user message" in r.json()["error"]["message"]  # OpenAI's error shape
    r = _chat(corpus_service, [{"role": "user", "content": "x" * 2001}])
    assert r.status_code == 400 and "2000" in r.json()["error"]["message"]
    r = _chat(corpus_service, [])
    assert r.status_code == 422 and "messages" in r.json()["error"]["message"]
    assert r.json()["error"]["param"] == "messages"
    r = _chat(corpus_service, [{"role": "wizard", "content": FR_TROOPS}])
    assert r.status_code == 422 and "role" in r.json()["error"]["message"]
    r = corpus_service.client.post("/v1/chat/completions", content=b"{}",
                                   headers={"content-type": "text/plain"})
    assert r.status_code == 415 and isinstance(r.json()["error"]["message"], str)


def test_models(corpus_service: Service) -> None:
    r = corpus_service.client.get("/v1/models")
    assert r.status_code == 200
    body = r.json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == ["rag"]
    # an unknown id is quoted cut short, not echoed whole
    r = corpus_service.client.get("/v1/models/" + "m" * 10_000)
    assert r.status_code == 404 and len(r.text) < 400 and "mmm" in r.text
