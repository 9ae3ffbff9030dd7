"""A real embedder wrapped to count what it is asked: calls, texts and characters.

Cost tests assert on these counts (work done per request), not on time.
"""
from __future__ import annotations

from collections.abc import Sequence

from rag.embedders.base import Embedder, Vectors


class CountingEmbedder:
    """Delegates to the real embedder; counts each call, the texts and their characters."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.calls = 0
        self.chars = 0
        self.texts: list[str] = []
        self.name, self.dim, self.max_tokens = inner.name, inner.dim, inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        self.texts.extend(texts)
        self.chars += sum(len(t) for t in texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> Vectors:
        self.calls += 1
        self.chars += len(text)
        return self.inner.embed_query(text)
