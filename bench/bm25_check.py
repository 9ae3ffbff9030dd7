"""BM25 top-k before/after: the previous `BM25Index.top` (np.add.at into a dense array of all
rows, argpartition over all rows) against the current one (sparse top-k over the touched
rows), side by side on the same index and questions, with a check that the results agree.

    python bench/bm25_check.py [--quick] [--sizes 100000,1000000] [--out DIR]

Agreement: the scores are identical arrays, and so are the ids ranked strictly above the k-th
score; at the k-th score the old code kept an arbitrary subset of tied rows (argpartition),
the new one keeps the lowest ids (ties broken by id), so only those may differ.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import _util as u
import numpy as np


def old_top(index: Any, tokens: list[str], k: int) -> tuple[Any, Any]:
    """The implementation before the change, verbatim."""
    if not len(index) or k <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    scores = index.scores(tokens)
    k = min(k, len(scores))
    cand = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    cand = cand[scores[cand] > 0]
    order = cand[np.lexsort((cand, -scores[cand]))]
    return index.ids[order], scores[order]


def compare(label: str, index: Any, queries: list[list[str]], depth: int) -> dict[str, Any]:
    mismatches = 0
    for q in queries:
        a_ids, a_s = old_top(index, q, depth)
        b_ids, b_s = index.top(q, depth)
        if not np.array_equal(a_s, b_s):
            mismatches += 1
            continue
        if len(a_s):
            above = a_s > a_s[-1]
            if not np.array_equal(a_ids[above], b_ids[above]):
                mismatches += 1
    old: list[float] = []
    new: list[float] = []
    def run_old(q: list[str]) -> object:
        return old_top(index, q, depth)

    def run_new(q: list[str]) -> object:
        return index.top(q, depth)

    for q in queries:  # interleaved, best of 3 per question
        for fn, acc in ((run_old, old), (run_new, new)):
            best = float("inf")
            for _ in range(3):
                t = time.perf_counter()
                fn(q)
                best = min(best, time.perf_counter() - t)
            acc.append(best * 1000)
    return {"index": label, "rows": len(index), "queries": len(queries),
            "mismatches": mismatches, "old_ms": u.summary_ms(old), "new_ms": u.summary_ms(new),
            "speedup_p50": round(u.pct(old, 50) / max(u.pct(new, 50), 1e-9), 2)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--sizes", default=None, help="synthetic sizes (default 100000,1000000; "
                   "quick 20000)")
    p.add_argument("--out", default=None)
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    u.say(f"BM25 before/after ({mode}), loadavg {info['loadavg']}")
    from rag.bm25 import BM25Index
    from rag.config import Settings
    from rag.dense import DenseConfig
    from rag.text import tokenize

    s = Settings()
    embedder = u.make_embedder()
    queries = [tokenize(q, s.bm25_stemmer) for q in u.questions(50 if args.quick else 300)]
    targets: list[tuple[str, Path]] = []
    for name in (["articles-quick"] if args.quick else ["articles", "piaf"]):
        if name != "piaf" or u.piaf_corpus() is not None:
            targets.append((name, u.cached_index(name, embedder)))
    for n in [int(x) for x in (args.sizes or ("20000" if args.quick else "100000,1000000"))
              .split(",") if x]:
        cfg = DenseConfig(s.ivf_threshold, s.ivf_nprobe)
        if n < cfg.ivf_threshold:
            cfg = DenseConfig(min(cfg.ivf_threshold, n // 2), cfg.nprobe)
        targets.append((f"synth-{n // 1000}k", u.synthetic_index(n, args.quick, embedder, cfg)))
    rows = []
    for label, idx in targets:
        manifest = json.loads((idx / "manifest.json").read_text())
        bm25 = BM25Index.load(idx / manifest["files"]["bm25"]["path"])
        rows.append(compare(label, bm25, queries, max(s.k, s.fusion_depth)))
        del bm25
    u.table(["index", "rows", "queries", "mismatches", "old p50 ms", "new p50 ms", "old p95 ms",
             "new p95 ms", "speedup p50"],
            [[r["index"], r["rows"], r["queries"], r["mismatches"], r["old_ms"]["p50"],
              r["new_ms"]["p50"], r["old_ms"]["p95"], r["new_ms"]["p95"], r["speedup_p50"]]
             for r in rows],
            title=f"BM25 top-{max(s.k, s.fusion_depth)}, previous vs current (best of 3 per "
                  f"question, interleaved; loadavg {u.loadavg()})")
    suffix = "-quick" if args.quick else ""
    u.write_json(out, f"bm25_check{suffix}", {"meta": info, "rows": rows})
    return 1 if any(r["mismatches"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
