"""The sentence embedding cache: each sentence embedded once, real e5 vectors."""

from __future__ import annotations

from rag.answering.sentence_vectors import CachedSentenceVectors
from rag.embedders.e5 import E5Embedder


def test_cached_vectors_embed_each_sentence_once(embedder: E5Embedder) -> None:
    calls: list[int] = []

    class Counting:
        dim = embedder.dim

        def embed_passages(self, texts: list[str]):  # type: ignore[no-untyped-def]
            calls.append(len(texts))
            return embedder.embed_passages(texts)

    cache = CachedSentenceVectors(Counting())  # type: ignore[arg-type]
    a = cache(["Une phrase.", "Une autre phrase."])
    b = cache(["Une autre phrase.", "Une phrase.", "Une troisième."])
    assert calls == [2, 1]
    assert (a[0] == b[1]).all() and (a[1] == b[0]).all()
