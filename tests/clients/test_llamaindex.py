"""LlamaIndex's OpenAILike against /v1: chat and the legacy completions API (no
`is_chat_model=True` needed now that /v1/completions exists); citations on `.raw`."""

from __future__ import annotations

import pytest

# LlamaIndex pins openai<3 while the dev extra's clients need the current SDK, so it lives in
# its own extra (`pip install -e '.[llamaindex]'`): `make test` (CI) runs this module in a venv
# of its own, .venv-llamaindex, after the main suite; in the main venv it is skipped.
pytest.importorskip("llama_index.llms.openai_like",
                    reason="needs the `llamaindex` extra: `make test` runs it in .venv-llamaindex")

from llama_index.core.llms import ChatMessage
from llama_index.llms.openai_like import OpenAILike  # type: ignore[import-untyped]

from tests.service.conftest import FR_TROOPS, Service


def _llm(svc: Service, chat: bool) -> OpenAILike:
    # README "LlamaIndex" copies this.
    return OpenAILike(model="rag", api_base=f"{svc.url}/v1", api_key="unused",
                      is_chat_model=chat, max_retries=0, timeout=60)


def test_chat_model(corpus_service: Service) -> None:
    resp = _llm(corpus_service, True).chat([ChatMessage(role="user", content=FR_TROOPS)])
    assert "[1]" in (resp.message.content or "")
    assert resp.raw is not None and resp.raw.citations[0]["n"] == 1


def test_completion_model(corpus_service: Service) -> None:
    resp = _llm(corpus_service, False).complete(FR_TROOPS)
    assert "[1]" in resp.text
    assert resp.raw is not None and resp.raw.citations[0]["n"] == 1


def test_streamed_chat(corpus_service: Service) -> None:
    chunks = list(_llm(corpus_service, True).stream_chat(
        [ChatMessage(role="user", content=FR_TROOPS)]))
    last = chunks[-1] if chunks else None
    assert last is not None and "[1]" in (last.message.content or "")
