"""langchain-openai's ChatOpenAI against /v1: invoke, stream, and the citations.

ChatOpenAI keeps only the standard fields of a response (its docs: non-standard fields "are
not extracted"); the `Sources:` list is in the text, and the structured citations and the
rewritten query survive through the small subclass below (README "LangChain")."""

from __future__ import annotations

from typing import Any

from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_openai import ChatOpenAI

from tests.service.conftest import FR_TROOPS, Service


class RagChatOpenAI(ChatOpenAI):
    """ChatOpenAI that keeps the service's `citations`, `abstained` and `query` in
    `response_metadata` (README "LangChain" copies this class)."""

    def _create_chat_result(self, response: Any, generation_info: dict[str, Any] | None = None
                            ) -> ChatResult:
        result = super()._create_chat_result(response, generation_info)
        data = response if isinstance(response, dict) else response.model_dump()
        for key in ("citations", "abstained", "query"):
            if key in data:
                result.generations[0].message.response_metadata[key] = data[key]
        return result

    def _convert_chunk_to_generation_chunk(self, chunk: dict[str, Any], *args: Any,
                                           **kwargs: Any) -> ChatGenerationChunk | None:
        gen = super()._convert_chunk_to_generation_chunk(chunk, *args, **kwargs)
        if gen is not None:
            for key in ("citations", "abstained", "query"):
                if key in chunk:
                    gen.message.response_metadata[key] = chunk[key]
        return gen


def _llm(svc: Service, cls: type[ChatOpenAI] = RagChatOpenAI) -> ChatOpenAI:
    return cls(base_url=f"{svc.url}/v1", api_key="unused", model="rag",  # type: ignore[arg-type]
               max_retries=0)


def test_invoke_keeps_citations(corpus_service: Service) -> None:
    msg = _llm(corpus_service).invoke(FR_TROOPS)
    assert "[1]" in str(msg.content) and "Sources:" in str(msg.content)
    cites = msg.response_metadata["citations"]
    assert cites[0]["n"] == 1 and cites[0]["doc_id"]
    assert msg.response_metadata["query"] == FR_TROOPS
    assert msg.usage_metadata is not None and msg.usage_metadata["output_tokens"] > 0
    # the stock class drops them: the text's Sources list is all it keeps
    plain = _llm(corpus_service, ChatOpenAI).invoke(FR_TROOPS)
    assert "citations" not in plain.response_metadata and "Sources:" in str(plain.content)


def test_stream_keeps_citations(corpus_service: Service) -> None:
    total = None
    for chunk in _llm(corpus_service).stream(FR_TROOPS):
        total = chunk if total is None else total + chunk
    assert total is not None and "[1]" in str(total.content)
    assert total.response_metadata["citations"][0]["n"] == 1
