"""Passages cut down to the sentences that matter before they reach a generative model.

On a 2-core CPU a small model reads about 100 prompt tokens a second, so the passages, not
the fixed instructions (cached by llama.cpp), set the time to first token. Each passage keeps
its sentences that best cover the question, in their original order, within a character
budget; the citations still point to the whole passage. A "[3]" in a source comes out as
"(3)", never as a marker the model could copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.extractive import ExtractiveWriter, split_sentences
from rag.answering.inert import neutralise_markers
from rag.retrieval import Hit

ELLIPSIS = " … "


def compact_passages(question: str, passages: Sequence[Hit], writer: ExtractiveWriter,
                     budget: int, cross_lingual: bool = False) -> list[str]:
    """One text per passage, at most about `budget` characters; 0 keeps passages whole."""
    return [neutralise_markers(t) for t in _compact(question, passages, writer, budget,
                                                    cross_lingual)]


def _compact(question: str, passages: Sequence[Hit], writer: ExtractiveWriter,
             budget: int, cross_lingual: bool) -> list[str]:
    texts = [" ".join(h.chunk.text.split()) for h in passages]
    if budget <= 0:
        return texts
    ranked = writer.rank_sentences(question, passages, cross_lingual)
    by_passage: dict[int, list[str]] = {}
    for s in ranked:  # best first within each passage
        by_passage.setdefault(s.passage, []).append(s.text)
    out = []
    for i, (hit, whole) in enumerate(zip(passages, texts, strict=True), 1):
        if len(whole) <= budget:
            out.append(whole)
            continue
        order = split_sentences(hit.chunk.text)
        keep: set[str] = set()
        used = 0
        for sent in by_passage.get(i, order):
            size = len(" ".join(sent.split()))
            if keep and used + size > budget:
                continue
            keep.add(sent)
            used += size
            if used >= budget:
                break
        parts: list[str] = []
        skipped = False
        for sent in order:
            if sent in keep:
                if skipped and parts:
                    parts.append("…")
                parts.append(" ".join(sent.split()))
                skipped = False
            else:
                skipped = True
        text = " ".join(parts)
        if len(text) > budget + 200:  # one very long sentence: cut at a word boundary
            cut = text.rfind(" ", 0, budget)
            text = text[: cut if cut > 0 else budget] + " …"
        out.append(text)
    return out
