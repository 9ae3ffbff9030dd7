"""Context from the chunk's own document, replayed on the pickles of collect_signals.py.

    python evals/study/neighbours.py ART.pkl PIAF.pkl

A question often matches words on both sides of a chunk boundary, or a document whose other
chunks say what the question is about. Variants change each retriever's scores over every
chunk before the usual top-`depth` and the shipped fusion (rag.retrieval.fuse_lists):
- `nb L`: score + L x the better of its two neighbours in the same document (chunk rows are
  consecutive per document in both indexes);
- `doc L`: (1 - L) x score + L x the best score of its document;
applied to the dense cosines, to BM25, or to both.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adaptive import DEPTH, Method, Row, _coverage, load_sets, ranked, table, top

_CACHE: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}


def layout(data: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index of the previous / next chunk in the same document (-1: none), document number."""
    if id(data) not in _CACHE:
        doc = data["doc"]
        n = len(doc)
        prev = np.array([i - 1 if i and doc[i - 1] == doc[i] else -1 for i in range(n)])
        nxt = np.array([i + 1 if i + 1 < n and doc[i + 1] == doc[i] else -1 for i in range(n)])
        names = {d: k for k, d in enumerate(dict.fromkeys(doc))}
        _CACHE[id(data)] = (prev, nxt, np.array([names[d] for d in doc]))
    return _CACHE[id(data)]


def transform(data: dict[str, Any], s: np.ndarray, kind: str, lam: float) -> np.ndarray:
    prev, nxt, dno = layout(data)
    if kind == "nb":
        pad = np.append(s, s.min())  # index -1 reads the minimum
        return s + lam * np.maximum(pad[prev], pad[nxt])
    best = np.full(dno.max() + 1, -np.inf)
    np.maximum.at(best, dno, s)
    return (1 - lam) * s + lam * best[dno]


def variant(kind: str | None, lam: float, on: str) -> Method:
    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists

    settings = Settings()

    def f(data: dict[str, Any], row: Row) -> list[int]:
        d = data["vecs"] @ row["qvec"]
        b = row["bm25"]
        if kind and on in ("dense", "both"):
            d = transform(data, d, kind, lam)
        if kind and on in ("bm25", "both"):
            b = np.where(b > 0, transform(data, b, kind, lam), 0.0)
        parts = [FusionPart("dense", settings.dense_weight, top(d, DEPTH, False)),
                 FusionPart("bm25", settings.bm25_weight, top(b, DEPTH, True), 0.0,
                            len(data["ids"]), _coverage(row))]
        return ranked(fuse_lists(row["query"], parts, settings, DEPTH))
    return f


if __name__ == "__main__":
    sets = load_sets(Path(sys.argv[1]), Path(sys.argv[2]))
    methods: dict[str, Method] = {"adaptive (default)": variant(None, 0.0, "dense")}
    for kind in ("nb", "doc"):
        for on in ("dense", "bm25", "both"):
            for lam in (0.1, 0.2, 0.3):
                methods[f"{kind} {lam} on {on}"] = variant(kind, lam, on)
    for split in ("tune", "heldout"):
        print(f"\n### {split} split: R@1 / R@5 / MRR@10\n")
        print("\n".join(table(sets, methods, split)))
