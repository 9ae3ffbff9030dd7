"""BM25's k1 and b (rag/bm25.py builds with 1.5 / 0.75, never tuned here), replayed on the
pickles of collect_signals.py through the shipped adaptive fusion.

    python evals/study/bm25_params.py ART.pkl PIAF.pkl

Each index's chunk texts are re-tokenized as at ingest (rag.text.tokenize, French stemmer,
no title) and BM25 rebuilt per (k1, b); the query terms are the pickle's. The (1.5, 0.75)
row must equal the shipped figures (a check that the rebuild matches the index).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adaptive import DEPTH, Method, Row, _coverage, load_sets, ranked, table, top

_BUILT: dict[tuple[int, float, float], Any] = {}


def bm25_of(data: dict[str, Any], k1: float, b: float) -> Any:
    from rag.bm25 import BM25Index
    from rag.text import tokenize

    key = (id(data), k1, b)
    if key not in _BUILT:
        toks = data.setdefault("_toks", [tokenize(t, "french") for t in data["text"]])
        _BUILT[key] = BM25Index.build(toks, np.arange(len(toks), dtype=np.int64), k1, b)
    return _BUILT[key]


def variant(k1: float, b: float) -> Method:
    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists

    settings = Settings()

    def f(data: dict[str, Any], row: Row) -> list[int]:
        scores = bm25_of(data, k1, b).scores([t for t, _, _ in row["terms"]])
        parts = [FusionPart("dense", 1.0, top(data["vecs"] @ row["qvec"], DEPTH, False)),
                 FusionPart("bm25", 1.0, top(scores, DEPTH, True), 0.0, len(data["ids"]),
                            _coverage(row))]
        return ranked(fuse_lists(row["query"], parts, settings, DEPTH))
    return f


if __name__ == "__main__":
    sets = load_sets(Path(sys.argv[1]), Path(sys.argv[2]))
    methods = {f"k1 {k1}, b {b}": variant(k1, b)
               for k1 in (0.9, 1.2, 1.5, 2.0) for b in (0.4, 0.6, 0.75, 0.9)}
    for split in ("tune", "heldout"):
        print(f"\n### {split} split: R@1 / R@5 / MRR@10\n")
        print("\n".join(table(sets, methods, split)))
