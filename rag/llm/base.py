"""The LLM protocol: chat messages in, text (whole or streamed) out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, TypedDict

from rag.errors import RagError


class Message(TypedDict):
    role: str
    content: str


class LLMError(RagError):
    """The model backend failed; the service answers 502 with this message."""

    status = 502


class LLMTimeout(LLMError):
    """The model backend did not answer in time; the service answers 504."""

    status = 504


class LLM(Protocol):
    @property
    def name(self) -> str: ...

    def complete(self, messages: Sequence[Message], max_tokens: int) -> str: ...

    def stream(self, messages: Sequence[Message], max_tokens: int) -> Iterator[str]:
        """Text pieces as the model produces them; closing the iterator stops generation."""
        ...
