"""LLM backends behind one protocol, picked by `RAG_LLM`: extractive needs none."""

from __future__ import annotations

from rag.config import Settings
from rag.errors import RagError
from rag.llm.base import LLM, LLMError, LLMTimeout, Message

__all__ = ["LLM", "LLMError", "LLMTimeout", "Message", "make_llm"]


def make_llm(settings: Settings) -> LLM | None:
    """The generative backend named by settings, loaded once by the caller; None = extractive."""
    if settings.llm == "extractive":
        return None
    if settings.llm == "openai":
        from rag.llm.openai_compat import OpenAICompatibleLLM

        if not settings.llm_model:
            raise RagError("RAG_LLM=openai needs RAG_LLM_MODEL (the model name on the server)")
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return OpenAICompatibleLLM(settings.llm_base_url, settings.llm_model, key,
                                   settings.llm_timeout, deadline=settings.llm_deadline)
    if settings.llm == "local":
        from rag.llm.local import LocalLlamaCpp, resolve_model

        path = resolve_model(settings.llm_model, settings.model_cache_dir)
        return LocalLlamaCpp(path, settings.llm_threads, settings.llm_ctx)
    raise RagError(f"unknown RAG_LLM {settings.llm!r}: use extractive, local or openai")
