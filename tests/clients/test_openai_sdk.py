"""The `openai` SDK against /v1: answers, streams, errors it can read, models."""

from __future__ import annotations

import openai
import pytest

from tests.service.conftest import FR_TROOPS, Service


def _client(svc: Service) -> openai.OpenAI:
    # README "OpenAI SDK" copies this.
    return openai.OpenAI(base_url=f"{svc.url}/v1", api_key="unused", max_retries=0)


def test_chat_completion_has_citations_query_and_counted_usage(
        corpus_service: Service) -> None:
    client = _client(corpus_service)
    completion = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}])
    text = completion.choices[0].message.content or ""
    assert "[1]" in text and "Sources:" in text
    extra = completion.model_extra or {}
    assert extra["citations"][0]["n"] == 1 and extra["citations"][0]["doc_id"]
    assert extra["query"] == FR_TROOPS
    usage = completion.usage
    assert usage is not None and usage.completion_tokens > 0 and usage.prompt_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert (usage.model_extra or {})["counted_by"] == "whitespace"  # extractive backend


def test_max_tokens_and_stop_are_honoured(corpus_service: Service) -> None:
    client = _client(corpus_service)
    full = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}])
    short = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}], max_tokens=3)
    assert short.choices[0].finish_reason == "length"
    body = (short.choices[0].message.content or "").split("\n\nSources:")[0]
    assert len(body.split()) <= 3 and body
    answer = (full.choices[0].message.content or "").split("\n\nSources:")[0]
    word = answer.split()[2]
    stopped = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}], stop=[word])
    assert word not in (stopped.choices[0].message.content or "").split("\n\nSources:")[0]


@pytest.mark.parametrize(("kwargs", "param"), [
    ({"n": 2}, "n"),
    ({"tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}],
      "tool_choice": "required"}, "tool_choice"),
    ({"response_format": {"type": "json_object"}}, "response_format"),
    ({"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {}}}},
     "response_format"),
    ({"temperature": 5}, "temperature"),
    ({"logprobs": True}, "logprobs"),
    ({"max_tokens": 0}, "max_tokens"),
])
def test_unsupported_parameters_are_a_400_naming_them(corpus_service: Service,
                                                       kwargs: dict[str, object],
                                                       param: str) -> None:
    client = _client(corpus_service)
    with pytest.raises(openai.BadRequestError) as err:
        client.chat.completions.create(
            model="rag", messages=[{"role": "user", "content": FR_TROOPS}], **kwargs)  # type: ignore[call-overload]
    assert err.value.param == param
    # the SDK prefixes "Error code: 400 - " to the server's message; `body` is ours alone
    assert isinstance(err.value.body, dict) and param in err.value.body["message"]
    assert err.value.message.endswith(err.value.body["message"])


def test_error_message_is_ours(corpus_service: Service) -> None:
    client = _client(corpus_service)
    with pytest.raises(openai.BadRequestError) as err:
        client.chat.completions.create(model="rag", messages=[
            {"role": "assistant", "content": "hello"}])
    assert err.value.message.endswith("the last message must be a non-empty user message")
    assert isinstance(err.value.body, dict)
    assert err.value.body["message"] == "the last message must be a non-empty user message"
    assert err.value.type == "invalid_request_error"


def test_models_list_and_retrieve(corpus_service: Service) -> None:
    client = _client(corpus_service)
    assert [m.id for m in client.models.list()] == ["rag"]
    assert client.models.retrieve("rag").id == "rag"
    with pytest.raises(openai.NotFoundError) as err:
        client.models.retrieve("gpt-4o")
    assert "gpt-4o" in err.value.message and err.value.code == "model_not_found"


def test_streamed_chat(corpus_service: Service) -> None:
    client = _client(corpus_service)
    stream = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}], stream=True)
    parts, last = [], None
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            parts.append(chunk.choices[0].delta.content)
        last = chunk
    assert "[1]" in "".join(parts)
    assert last is not None and (last.model_extra or {}).get("citations")


def test_legacy_completions(corpus_service: Service) -> None:
    client = _client(corpus_service)
    done = client.completions.create(model="rag", prompt=FR_TROOPS)
    assert "[1]" in done.choices[0].text
    assert (done.model_extra or {})["citations"]
    with pytest.raises(openai.BadRequestError) as err:
        client.completions.create(model="rag", prompt=["a", "b"])
    assert err.value.param == "prompt"


def test_stream_honours_max_tokens_and_reports_usage(corpus_service: Service) -> None:
    client = _client(corpus_service)
    stream = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}], stream=True,
        max_tokens=4, stream_options={"include_usage": True})
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert len(text.split("\n\nSources:")[0].split()) <= 4
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert finishes[-1] == "length"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens > 0


def test_system_message_asking_for_english_is_honoured(corpus_service: Service) -> None:
    client = _client(corpus_service)
    plain = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}])
    english = client.chat.completions.create(model="rag", messages=[
        {"role": "system", "content": "You are helpful. Always answer in English."},
        {"role": "user", "content": FR_TROOPS}])
    assert not (plain.choices[0].message.content or "").startswith("According to the sources")
    assert (english.choices[0].message.content or "").startswith("According to the sources")
    off = client.chat.completions.create(model="rag", messages=[
        {"role": "system", "content": "Answer in English."},
        {"role": "user", "content": "Quelle est la recette du pain ?"}])
    assert off.choices[0].message.content == "The available sources do not answer this question."


def test_refusals_before_routing_are_in_openai_shape_on_v1(corpus_service: Service) -> None:
    r = corpus_service.client.request("PUT", "/v1/chat/completions")  # the guard's 405
    assert r.status_code == 405
    assert r.json()["error"]["message"] == "method not allowed"
    r = corpus_service.client.get("/v1/models", headers={"host": "evil.example"})
    assert r.status_code in (400, 421) and isinstance(r.json()["error"]["message"], str)
    r = corpus_service.client.request("PUT", "/ask")
    assert r.json() == {"error": "method not allowed"}
