"""Fusion variants replayed on the pickles of collect_signals.py (numpy, seconds per variant).

    python evals/study/adaptive.py ART.pkl PIAF.pkl   # prints the study's table

The replay follows rag/retrieval.py: each retriever's top `depth` candidates, fused, chunk
ranks turned into doc ids, recall@1/@5 and MRR@10 as rag/evaluation/evals.py counts them.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DEPTH = 50
Row = dict[str, Any]


def top(scores: np.ndarray, depth: int, positive: bool) -> list[tuple[int, float]]:
    order = np.argsort(-scores, kind="stable")[:depth]
    return [(int(i), float(scores[i])) for i in order if not positive or scores[i] > 0]


def dense_scores(data: dict[str, Any], row: Row, prf: tuple[int, float] | None = None
                 ) -> np.ndarray:
    """Cosines; with prf=(m, beta) the query moves towards its m best chunks' mean first."""
    q = row["qvec"]
    s = data["vecs"] @ q
    if prf:
        m, beta = prf
        best = np.argsort(-s)[:m]
        q2 = q + beta * data["vecs"][best].mean(axis=0)
        s = data["vecs"] @ (q2 / np.linalg.norm(q2))
    return s


def metrics(data: dict[str, Any], row: Row, ranked: list[int]) -> tuple[float, float, float]:
    docs = [data["doc"][i] for i in ranked[:10]]
    wanted = set(row["doc_ids"])
    r1 = len({d for d in docs[:1] if d in wanted}) / len(wanted)
    r5 = len({d for d in docs[:5] if d in wanted}) / len(wanted)
    first = next((i for i, d in enumerate(docs, 1) if d in wanted), None)
    return r1, r5, (1.0 / first if first else 0.0)


Method = Callable[[dict[str, Any], Row], list[int]]


def run(data: dict[str, Any], rows: list[Row], method: Method) -> tuple[float, float, float]:
    m = [metrics(data, r, method(data, r)) for r in rows]
    return tuple(round(sum(x[i] for x in m) / len(m), 3) for i in range(3))  # type: ignore


def ranked(fused: dict[int, float]) -> list[int]:
    return [c for c, _ in sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))][:10]


def dense_only(data: dict[str, Any], row: Row) -> list[int]:
    return [c for c, _ in top(dense_scores(data, row), 10, False)]


def bm25_only(data: dict[str, Any], row: Row) -> list[int]:
    return [c for c, _ in top(row["bm25"], 10, True)]


def rrf(k: int = 60) -> Method:
    def f(data: dict[str, Any], row: Row) -> list[int]:
        out: dict[int, float] = {}
        for cands in (top(dense_scores(data, row), DEPTH, False), top(row["bm25"], DEPTH, True)):
            for r, (c, _) in enumerate(cands, 1):
                out[c] = out.get(c, 0.0) + 1.0 / (k + r)
        return ranked(out)
    return f


def zscore_legacy(wd: float = 1.0, wb: float = 1.0) -> Method:
    """Today's default (before this study): each list z-scored on its own candidates."""
    def f(data: dict[str, Any], row: Row) -> list[int]:
        contribs = []
        for cands, w in ((top(dense_scores(data, row), DEPTH, False), wd),
                         (top(row["bm25"], DEPTH, True), wb)):
            if not cands:
                contribs.append(({}, 0.0))
                continue
            vals = [s for _, s in cands]
            mean = sum(vals) / len(vals)
            sd = (sum((v - mean) ** 2 for v in vals) / len(vals)) ** 0.5
            if sd <= 1e-12:
                contribs.append(({c: 0.0 for c, _ in cands}, 0.0))
                continue
            contribs.append(({c: w * (s - mean) / sd for c, s in cands},
                             w * (min(vals) - mean) / sd))
        ids = set().union(*[c for c, _ in contribs])
        return ranked({i: sum(c.get(i, fl) for c, fl in contribs) for i in ids})
    return f


def shipped(**kw: Any) -> Method:
    """rag/retrieval.py's own fusion (fuse_lists), with settings overridden by kw."""
    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists

    prf = kw.pop("prf", None)  # (m, beta): pseudo-relevance feedback on the dense query
    settings = Settings(**kw)

    def f(data: dict[str, Any], row: Row) -> list[int]:
        coverage = _coverage(row)
        parts = [FusionPart("dense", settings.dense_weight,
                            top(dense_scores(data, row, prf), DEPTH, False)),
                 FusionPart("bm25", settings.bm25_weight, top(row["bm25"], DEPTH, True), 0.0,
                            len(data["ids"]), coverage)]
        fused = fuse_lists(row["query"], parts, settings, DEPTH)
        return ranked({c: v for c, v in fused.items()})
    return f


def _coverage(row: Row) -> float:
    total = sum(idf for _, idf, _ in row["terms"])
    return sum(idf for _, idf, known in row["terms"] if known) / total if total else 0.0


_TITLES: dict[int, Any] = {}


def title_field(weight: float) -> Method:
    """A third list: BM25 over each chunk's document title alone, at its own weight."""
    from rag.bm25 import BM25Index
    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists
    from rag.text import tokenize

    settings = Settings()

    def f(data: dict[str, Any], row: Row) -> list[int]:
        if id(data) not in _TITLES:
            ids = np.arange(len(data["ids"]), dtype=np.int64)
            _TITLES[id(data)] = BM25Index.build([tokenize(t, "french") for t in data["title"]],
                                                ids)
        titles = _TITLES[id(data)].scores([t for t, _, _ in row["terms"]])
        n, cov = len(data["ids"]), _coverage(row)
        parts = [FusionPart("dense", 1.0, top(dense_scores(data, row), DEPTH, False)),
                 FusionPart("bm25", 1.0, top(row["bm25"], DEPTH, True), 0.0, n, cov),
                 FusionPart("bm25", weight, top(titles, DEPTH, True), 0.0, n, cov)]
        return ranked(fuse_lists(row["query"], parts, settings, DEPTH))
    return f


def peaked(alpha: float) -> Method:
    """Each list's weight times (its top-1 lead over the second, in sds) ** alpha."""
    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists

    settings = Settings()

    def lead(c: list[tuple[int, float]]) -> float:
        if len(c) < 2:
            return 1.0
        v = np.array([s for _, s in c])
        return max(1e-3, float((v[0] - v[1]) / (v.std() or 1.0)))

    def f(data: dict[str, Any], row: Row) -> list[int]:
        d = top(dense_scores(data, row), DEPTH, False)
        b = top(row["bm25"], DEPTH, True)
        parts = [FusionPart("dense", lead(d) ** alpha, d),
                 FusionPart("bm25", lead(b) ** alpha, b, 0.0, len(data["ids"]), _coverage(row))]
        return ranked(fuse_lists(row["query"], parts, settings, DEPTH))
    return f


def table(sets: dict[str, tuple[dict[str, Any], list[Row]]], methods: dict[str, Method],
          split: str | None) -> list[str]:
    names = list(sets)
    out = ["| method | " + " | ".join(names) + " | mean MRR |",
           "|---|" + "---|" * (len(names) + 1)]
    for label, m in methods.items():
        cells, mrrs = [], []
        for n in names:
            data, rows = sets[n]
            rows = [r for r in rows if split is None or r["split"] == split]
            r1, r5, mrr = run(data, rows, m)
            mrrs.append(mrr)
            cells.append(f"{r1:.2f} / {r5:.2f} / {mrr:.3f}")
        out.append(f"| {label} | " + " | ".join(cells) + f" | {sum(mrrs) / len(mrrs):.3f} |")
    return out


def load_sets(art: Path, piaf: Path) -> dict[str, tuple[dict[str, Any], list[Row]]]:
    a = pickle.loads(art.read_bytes())
    p = pickle.loads(piaf.read_bytes())
    g = a["sets"]["gold"]
    return {
        "gold FR": (a, [r for r in g if r["lang"] == "fr"]),
        "gold EN": (a, [r for r in g if r["lang"] == "en"]),
        "dev EN": (a, a["sets"]["dev_en"]),
        "PIAF FR": (p, p["sets"]["piaf"]),
        "PIAF EN": (p, p["sets"]["piaf_en"]),
    }


def n_of(sets: dict[str, tuple[dict[str, Any], list[Row]]]) -> str:
    return ", ".join(f"{n} {sum(r['split'] == 'tune' for r in rows)}+"
                     f"{sum(r['split'] == 'heldout' for r in rows)}"
                     for n, (_, rows) in sets.items())


if __name__ == "__main__":
    sets = load_sets(Path(sys.argv[1]), Path(sys.argv[2]))
    main_methods: dict[str, Method] = {
        "z-score 1/1 (old default)": zscore_legacy(),
        "z-score, BM25 weight 0.3": zscore_legacy(1.0, 0.3),
        "dense only": dense_only,
        "bm25 only": bm25_only,
        "RRF k=60": rrf(60),
        "adaptive (new default)": shipped(),
    }
    knobs: dict[str, Method] = {
        "adaptive": shipped(),
        "  without the language factor (foreign 1.0)": shipped(bm25_foreign_weight=1.0),
        "  foreign 0.3": shipped(bm25_foreign_weight=0.3),
        "  foreign 0.7": shipped(bm25_foreign_weight=0.7),
        "  without coverage (power 0)": shipped(bm25_coverage_power=0.0),
        "  coverage power 2": shipped(bm25_coverage_power=2.0),
        "  + dense PRF (3 chunks, 0.2)": shipped(prf=(3, 0.2)),
        "  + dense PRF (5 chunks, 0.2)": shipped(prf=(5, 0.2)),
        "  + title field 0.1": title_field(0.1),
        "  + title field 0.25": title_field(0.25),
        "  + peakedness weights (alpha 0.5)": peaked(0.5),
    }
    print("questions (tune + held-out):", n_of(sets))
    for split in ("tune", "heldout"):
        print(f"\n### {split} split: R@1 / R@5 / MRR@10\n")
        print("\n".join(table(sets, main_methods, split)))
    print("\n### knobs and cheap signals, tune split: R@1 / R@5 / MRR@10\n")
    print("\n".join(table(sets, knobs, "tune")))
