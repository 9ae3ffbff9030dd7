"""`/v1/completions` honours `filters` as `/v1/chat/completions` does (review 7, F5).

It used to accept the field (extra fields are allowed) and drop it: a filter naming no document
was answered from every document. Real uvicorn server, the `openai` SDK (`extra_body`)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
import pytest

from tests.service.conftest import FR_TROOPS, Service


def _client(svc: Service) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{svc.url}/v1", api_key="unused", max_retries=0)


def _troops_doc(svc: Service) -> tuple[str, str]:
    """The document that says how many soldiers Russia sent, and another one."""
    answer = svc.engine.ask(FR_TROOPS)
    cited = answer.citations[0].hit.chunk.doc_id
    other = next(d.doc_id for d in svc.engine.store.list_documents() if d.doc_id != cited)
    return cited, other


def test_completions_apply_filters(corpus_service: Service) -> None:
    client = _client(corpus_service)
    nowhere = {"filters": {"doc_id": ["no-such-doc"]}}
    done = client.completions.create(model="rag", prompt=FR_TROOPS, extra_body=nowhere)
    extra = done.model_extra or {}
    assert extra["abstained"] is True and extra["citations"] == [], done.choices[0].text
    chat = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}], extra_body=nowhere)
    assert (chat.model_extra or {})["abstained"] is True  # the same as chat

    cited, other = _troops_doc(corpus_service)
    only = client.completions.create(model="rag", prompt=FR_TROOPS,
                                     extra_body={"filters": {"doc_id": [cited]}})
    citations = (only.model_extra or {})["citations"]
    assert citations and {c["doc_id"] for c in citations} == {cited}
    elsewhere = client.completions.create(model="rag", prompt=FR_TROOPS,
                                          extra_body={"filters": {"doc_id": [other]}})
    assert {c["doc_id"] for c in (elsewhere.model_extra or {})["citations"]} <= {other}


@pytest.mark.parametrize("filters", [
    "doc_id",                              # not an object: 422
    {"doc_id": ["\udfff"]},                # a lone surrogate: 422
    {"colour": "red"},                     # an unknown key: 400
    {"date": {"gte": "6 janvier"}},        # a malformed date: 400
])
def test_bad_filters_get_the_errors_chat_gives(corpus_service: Service,
                                               filters: Any) -> None:
    def post(path: str, body: dict[str, Any]) -> httpx.Response:  # JSON escapes "\udfff"
        return corpus_service.client.post(path, content=json.dumps(body),
                                          headers={"content-type": "application/json"})

    chat = post("/v1/chat/completions", {
        "model": "rag", "messages": [{"role": "user", "content": FR_TROOPS}],
        "filters": filters})
    completion = post("/v1/completions", {"model": "rag", "prompt": FR_TROOPS,
                                          "filters": filters})
    assert chat.status_code in (400, 422), chat.text
    assert completion.status_code == chat.status_code, completion.text
    assert completion.json() == chat.json()
    if filters == {"doc_id": ["\udfff"]}:
        return  # the SDK's JSON encoder cannot send it
    with pytest.raises(openai.APIStatusError) as err:
        _client(corpus_service).completions.create(model="rag", prompt=FR_TROOPS,
                                                   extra_body={"filters": filters})
    assert err.value.status_code == chat.status_code


def test_openapi_documents_filters_on_completions(corpus_service: Service) -> None:
    """Generated clients read the schema: `filters` is a declared field of both requests."""
    schemas = corpus_service.client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("CompletionRequest", "ChatRequest"):
        assert "filters" in schemas[name]["properties"], name
