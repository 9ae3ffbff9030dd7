"""The evidence a generative model reads: the best sentences, not whole passages.

On a 2-core CPU a small model reads about 50-100 prompt tokens a second, so the passages, not
the fixed instructions (cached by llama.cpp), set the time to first token. The model gets the
question's best evidence sentences within a total character budget, grouped under their
passage's number and kept in the passage's order; a passage none of whose sentences made the
cut is left out (its number is simply absent), so citations still point to the right passage.
A "[3]" in a source comes out as "(3)", never as a marker the model could copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.evidence import Evidence, EvidenceSentence
from rag.answering.inert import neutralise_markers


def evidence_texts(ev: Evidence, budget: int, per_passage: int = 0,
                   first: Sequence[EvidenceSentence] = ()) -> list[str]:
    """One text per passage ("" for a passage left out), about `budget` characters in all;
    `budget` 0 keeps passages whole. `per_passage` caps one passage's share (0 = no cap).
    `first` (the sentences the extractive writer would quote: they hold what is asked, about
    whom it is asked) are kept whatever their rank, then the best of the rest fill the budget:
    a model that never sees "Il s'agit de sa première action militaire" cannot say it."""
    whole = [" ".join(h.chunk.text.split()) for h in ev.passages]
    if budget <= 0:
        return [neutralise_markers(t) for t in whole]
    keep: dict[int, list[EvidenceSentence]] = {}
    used = 0
    room = {i: per_passage or budget for i in range(1, len(ev.passages) + 1)}
    taken: set[tuple[int, int]] = set()
    for s in first:
        size = len(" ".join(s.text.split())) + 1
        keep.setdefault(s.passage, []).append(s)
        taken.add((s.passage, s.index))
        room[s.passage] -= size
        used += size
    for s in ev.sentences:  # best first
        if not s.usable or (s.passage, s.index) in taken or used >= budget:
            continue
        size = len(" ".join(s.text.split())) + 1
        if size > room[s.passage] or (used and used + size > budget):
            continue
        keep.setdefault(s.passage, []).append(s)
        room[s.passage] -= size
        used += size
        if used >= budget:
            break
    out = []
    for i in range(1, len(ev.passages) + 1):
        chosen = sorted(keep.get(i, []), key=lambda s: s.index)
        parts: list[str] = []
        last = -2
        for s in chosen:
            if parts and s.index != last + 1:
                parts.append("…")
            parts.append(" ".join(s.text.split()))
            last = s.index
        out.append(neutralise_markers(" ".join(parts)))
    return out
