"""BM25's weight by how far its top hit leads (raw score, relative): when BM25's best two are
close, its order is a coin toss that the z-score still counts in full. Replayed on the
pickles of collect_signals.py through the shipped adaptive fusion.

    python evals/study/bm25_lead.py ART.pkl PIAF.pkl

weight x max(floor, min(1, lead / g0)), lead = (top1 - top2) / top1 (a single hit: lead 1).
Motivation (PIAF FR tune): where dense alone beats the fusion (33 of 266 questions) BM25's
mean lead is 0.14, against 0.30 where the fusion is at least as good.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adaptive import DEPTH, Method, Row, _coverage, load_sets, ranked, table, top


def variant(g0: float | None, floor: float, cross_only: bool = False) -> Method:
    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists

    settings = Settings()

    def f(data: dict[str, Any], row: Row) -> list[int]:
        b = top(row["bm25"], DEPTH, True)
        w = 1.0
        if g0 is not None and b and not (cross_only and row["detected"] == "fr"):
            lead = 1.0 if len(b) == 1 else (b[0][1] - b[1][1]) / b[0][1]
            w = max(floor, min(1.0, lead / g0))
        parts = [FusionPart("dense", 1.0, top(data["vecs"] @ row["qvec"], DEPTH, False)),
                 FusionPart("bm25", w, b, 0.0, len(data["ids"]), _coverage(row))]
        return ranked(fuse_lists(row["query"], parts, settings, DEPTH))
    return f


if __name__ == "__main__":
    sets = load_sets(Path(sys.argv[1]), Path(sys.argv[2]))
    methods = {"adaptive (default)": variant(None, 1.0)}
    for g0 in (0.1, 0.2, 0.3):
        for floor in (0.3, 0.5, 0.7):
            methods[f"lead / {g0}, floor {floor}"] = variant(g0, floor)
            methods[f"lead / {g0}, floor {floor}, cross-language only"] = variant(g0, floor,
                                                                                 True)
    for split in ("tune", "heldout"):
        print(f"\n### {split} split: R@1 / R@5 / MRR@10\n")
        print("\n".join(table(sets, methods, split)))
