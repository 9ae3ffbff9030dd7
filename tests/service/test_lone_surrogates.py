"""A lone surrogate escape (`"\\udfff"`, legal JSON, no character) in any text a request
carries is a 422 naming the field, as it already was for `question`, never a 500: it reached
SQLite through a filter, and the tokenizer through history, chat messages and prompts, which
cannot encode it. Real server, real index; the raw bytes are sent as a client would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from rag import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.filters import FilterError
from tests.conftest import small_docs
from tests.service.conftest import Service

ROCKET = "D'où la fusée Ariane 6 a-t-elle décollé ?"
Q = json.dumps(ROCKET)[1:-1]


@pytest.fixture
def svc(small_service: Callable[..., Service]) -> Service:
    return small_service()


def _post(svc: Service, path: str, raw: str) -> tuple[int, str]:
    """POST `raw` (the question where it says @Q) as the JSON body, escapes as written."""
    r = svc.client.post(path, content=raw.replace("@Q", Q).encode(),
                        headers={"content-type": "application/json"})
    return r.status_code, r.text


@pytest.mark.parametrize(("path", "raw", "where"), [
    ("/ask", '{"question": "@Q", "filters": {"doc_id": "\\ud800"}}', "filters"),
    ("/ask", '{"question": "@Q", "filters": {"doc_id": ["astro", "\\udc00"]}}', "filters"),
    ("/ask", '{"question": "@Q", "filters": {"\\udfff": 1}}', "filters"),
    ("/ask", '{"question": "@Q", "history": [{"role": "user", "content": "\\udfff"}]}',
     "history.0.content"),
    ("/ask/stream", '{"question": "@Q", "history": [{"role": "assistant", "content": '
     '"Kourou \\ud83d"}]}', "history.0.content"),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "@Q \\udfff"}]}',
     "messages.0.content"),
    ("/v1/chat/completions", '{"messages": [{"role": "system", "content": "\\udfff"}, '
     '{"role": "user", "content": "@Q"}]}', "messages.0.content"),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": [{"type": "text", '
     '"text": "@Q \\udfff"}]}]}', "messages.0.content"),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "@Q"}], '
     '"filters": {"doc_id": "\\ud800"}}', "filters"),
    ("/v1/completions", '{"prompt": "@Q \\udfff"}', "prompt"),
    ("/v1/completions", '{"prompt": ["@Q \\udfff"]}', "prompt"),
])
def test_lone_surrogates_are_a_422(svc: Service, path: str, raw: str, where: str) -> None:
    status, text = _post(svc, path, raw)
    assert status == 422, text
    body = json.loads(text)
    if path.startswith("/v1/"):  # OpenAI's shape, the field named in `param`
        assert body["error"]["param"] == where, body
        message = body["error"]["message"]
    else:
        message = body["error"]
    assert message.startswith(f"{where}: "), message
    assert "lone surrogate" in message and "valid Unicode" in message, message


def test_search_filters_with_a_lone_surrogate_are_a_422(svc: Service) -> None:
    for filters in ('{"doc_id": "\\udfff"}', '{"doc_id": {"gte": "\\ud800"}}'):
        r = svc.client.get(f"/search?q={quote(ROCKET)}&filters={quote(filters)}")
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error.startswith("query.filters: the text holds a lone surrogate"), error
    # what is not about surrogates is the filter parser's, as before
    r = svc.client.get(f"/search?q={quote(ROCKET)}&filters={quote('{nope')}")
    assert r.status_code == 400 and "not valid JSON" in r.json()["error"], r.text


def test_good_text_still_answers(svc: Service) -> None:
    """A surrogate pair escaped in JSON (an emoji) is one character: accepted everywhere."""
    for path, raw in [
        ("/ask", '{"question": "@Q", "filters": {"doc_id": ["astro", "\\ud83d\\ude80"]}, '
         '"history": [{"role": "user", "content": "fus\\u00e9e \\ud83d\\ude80"}]}'),
        ("/v1/chat/completions",
         '{"messages": [{"role": "user", "content": "@Q \\ud83d\\ude80"}]}'),
        ("/v1/completions", '{"prompt": "@Q \\ud83d\\ude80"}'),
    ]:
        status, text = _post(svc, path, raw)
        assert status == 200, (path, text)
    r = svc.client.get(f"/search?q={quote(ROCKET)}&filters="
                       + quote('{"doc_id": ["astro", "\\ud83d\\ude80"]}'))
    assert r.status_code == 200 and [h["doc_id"] for h in r.json()["hits"]] == ["astro"], r.text


def test_the_store_refuses_them_too(tmp_path: Path, embedder: E5Embedder) -> None:
    """Below the service (the library, the CLI's --filter): a FilterError, not SQLite's
    UnicodeEncodeError."""
    engine = Engine(Settings(index_dir=tmp_path / "index"), embedder=embedder, auto_build=False)
    engine.ingest_documents(small_docs())
    with pytest.raises(FilterError, match="lone surrogate"):
        engine.search(ROCKET, 3, filters={"doc_id": ["astro", "\udfff"]})
    assert [h.chunk.doc_id for h in engine.search(ROCKET, 3, filters={"doc_id": "astro"})] \
        == ["astro"]
