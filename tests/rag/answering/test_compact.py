"""Passages compacted for generative backends keep the answer and stay within budget."""

from __future__ import annotations

from rag.answering.compact import compact_passages
from rag.answering.extractive import ExtractiveWriter
from rag.answering.prompt import answer_messages
from rag.retrieval import Searcher

TROOPS_FR = "Combien de soldats la Russie a-t-elle envoyés ?"


def _writer(searcher: Searcher) -> ExtractiveWriter:
    return ExtractiveWriter(searcher.snapshot.bm25.idf, "french", 0.2)


def test_compacted_passages_keep_the_answer_within_budget(corpus_searcher: Searcher) -> None:
    hits = corpus_searcher.search(TROOPS_FR, 4)
    whole = compact_passages(TROOPS_FR, hits, _writer(corpus_searcher), 0)
    assert whole == [" ".join(h.chunk.text.split()) for h in hits]
    short = compact_passages(TROOPS_FR, hits, _writer(corpus_searcher), 250)
    assert len(short) == len(hits)
    assert sum(map(len, short)) < sum(map(len, whole))
    for text, full in zip(short, whole, strict=True):
        assert len(text) <= 250 + 200
        # Only sentences of the passage itself, in its order.
        for piece in (p.strip() for p in text.split("…")):
            assert not piece or piece in full
    assert any("3 000 personnes" in t for t in short)


def test_prompt_uses_compacted_texts_and_numbers_every_passage(
        corpus_searcher: Searcher) -> None:
    hits = corpus_searcher.search(TROOPS_FR, 4)
    texts = compact_passages(TROOPS_FR, hits, _writer(corpus_searcher), 250)
    user = answer_messages(TROOPS_FR, hits, texts)[-1]["content"]
    for i, t in enumerate(texts, 1):
        assert f"[{i}] (" in user and t[:40] in user
    assert user.endswith(f"Question: {TROOPS_FR}")
    assert len(user) < len(answer_messages(TROOPS_FR, hits)[-1]["content"])
