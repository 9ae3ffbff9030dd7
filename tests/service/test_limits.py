"""Request limits follow the settings over HTTP (RAG_MAX_QUERY_CHARS, RAG_MAX_HISTORY_MESSAGES,
RAG_MAX_MESSAGE_CHARS): a real server started with small limits refuses one character or one
message past each with a message naming it (422 on /ask and /search, OpenAI's 400 on /v1/*), and
answers at the limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.service.conftest import Service

QUERY, HISTORY, MESSAGE, SEARCH_K = 60, 2, 50, 6  # answers retrieve RAG_ANSWER_K (5)
QUESTION = "Quand la fusée Ariane 6 a-t-elle décollé de Kourou ?"


def _at(n: int, text: str = QUESTION) -> str:
    """`text` padded with spaces inside to exactly `n` characters (nothing to strip)."""
    assert len(text) <= n
    head, _, tail = text.rpartition(" ")
    return head + " " * (n - len(text) + 1) + tail


def _refused(r: httpx.Response, status: int, *words: str) -> None:
    assert r.status_code == status, r.text
    error = r.json()["error"]
    message = error["message"] if isinstance(error, dict) else error
    for w in words:
        assert w in message, (w, message)


def _service(small_service: Callable[..., Service]) -> Service:
    return small_service(max_query_chars=QUERY, max_history_messages=HISTORY,
                         max_message_chars=MESSAGE, max_k=SEARCH_K)


def test_question_and_search_follow_max_query_chars(small_service: Callable[..., Service]
                                                    ) -> None:
    c = _service(small_service).client
    for route in ("/ask", "/ask/stream"):
        assert c.post(route, json={"question": _at(QUERY)}).status_code == 200
        _refused(c.post(route, json={"question": _at(QUERY + 1)}), 422, "question", str(QUERY))
    assert c.get("/search", params={"q": _at(QUERY)}).status_code == 200
    _refused(c.get("/search", params={"q": _at(QUERY + 1)}), 422, "q", str(QUERY))
    assert c.get("/search", params={"q": QUESTION, "k": SEARCH_K}).status_code == 200
    _refused(c.get("/search", params={"q": QUESTION, "k": SEARCH_K + 1}), 422, "k",
             str(SEARCH_K))
    schema = c.get("/openapi.json").json()
    assert schema["components"]["schemas"]["AskRequest"]["properties"]["question"][
        "maxLength"] == QUERY


def test_history_follows_its_settings(small_service: Callable[..., Service]) -> None:
    c = _service(small_service).client

    def ask(history: list[dict[str, Any]]) -> httpx.Response:
        return c.post("/ask", json={"question": QUESTION, "history": history})

    turn = {"role": "user", "content": "x" * MESSAGE}
    assert ask([turn] * HISTORY).status_code == 200
    _refused(ask([turn] * (HISTORY + 1)), 422, "history", str(HISTORY))
    _refused(ask([{"role": "user", "content": "x" * (MESSAGE + 1)}]), 422, "history",
             str(MESSAGE))


def test_chat_and_completions_follow_the_same_settings(small_service: Callable[..., Service]
                                                       ) -> None:
    c = _service(small_service).client

    def chat(messages: list[dict[str, Any]]) -> httpx.Response:
        return c.post("/v1/chat/completions", json={"model": "rag", "messages": messages})

    question = {"role": "user", "content": _at(QUERY)}
    turn = {"role": "user", "content": "x" * MESSAGE}
    assert chat([question]).status_code == 200
    _refused(chat([{"role": "user", "content": _at(QUERY + 1)}]), 400, str(QUERY))
    assert chat([turn] * HISTORY + [question]).status_code == 200
    _refused(chat([turn] * (HISTORY + 1) + [question]), 400, str(HISTORY))
    _refused(chat([{"role": "assistant", "content": "x" * (MESSAGE + 1)}, question]), 400,
             str(MESSAGE))
    _refused(chat([{"role": "system", "content": "x" * (MESSAGE + 1)}, question]), 400,
             str(MESSAGE))
    assert c.post("/v1/completions", json={"prompt": _at(QUERY)}).status_code == 200
    _refused(c.post("/v1/completions", json={"prompt": _at(QUERY + 1)}), 400, str(QUERY))


def test_limits_count_the_text_the_embedder_reads(small_service: Callable[..., Service]
                                                  ) -> None:
    """The embedder reads NFKC, where "\\ufdfa" is 18 characters: 2,000 of them passed the
    2,000-character limit and took 26 s of CPU to embed. Each limit counts the longer form."""
    svc = small_service()
    c = svc.client
    long_q, short_q = "\ufdfa" * 200, "\ufdfa" * 100  # 3,600 and 1,800 characters in NFKC
    chat = {"model": "rag", "messages": [{"role": "user", "content": long_q}]}
    r = c.post("/ask", json={"question": long_q})
    assert r.status_code == 422 and r.json()["error"].startswith("question:"), r.text
    assert c.get("/search", params={"q": long_q}).status_code == 422
    r = c.post("/v1/chat/completions", json=chat)
    assert r.status_code == 400 and "3600 characters" in r.json()["error"]["message"], r.text
    assert c.post("/v1/completions", json={"model": "rag", "prompt": long_q}).status_code == 400
    r = c.post("/ask", json={"question": "Et lui ?", "history": [
        {"role": "user", "content": "\ufdfa" * 500}]})
    assert r.status_code == 422, r.text  # 9,000 characters: over the 8,000 of a message
    assert c.post("/ask", json={"question": short_q}).status_code == 200
    assert c.get("/search", params={"q": short_q}).status_code == 200


def test_model_name_is_bounded(small_service: Callable[..., Service]) -> None:
    """`model` is echoed in the answer and in every chunk of a stream: a 1.9 MB name made a
    34 MB stream. Past 256 characters it is refused, naming the field and the limit."""
    c = small_service().client
    messages = [{"role": "user", "content": QUESTION}]
    for model, status in (("m" * 256, 200), ("m" * 257, 422), ("m" * 1_900_000, 422)):
        for route, body in (("/v1/chat/completions", {"messages": messages}),
                            ("/v1/chat/completions", {"messages": messages, "stream": True}),
                            ("/v1/completions", {"prompt": QUESTION})):
            r = c.post(route, json={**body, "model": model})
            assert r.status_code == status, (route, body, r.text[:300])
            assert len(r.content) < 40_000, (route, len(r.content))
            if status == 200:
                assert f'"model":"{model}"' in r.text.replace(" ", ""), route
            else:
                error = r.json()["error"]
                assert error["param"] == "model", error
                assert error["message"] == "model: String should have at most 256 characters"
