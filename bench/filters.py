"""Filtered retrieval latency: `Searcher.search(..., filters=)` with no filter, a filter keeping
half the chunks and one keeping 1%, per retriever, p50/p95, plus the cost of resolving a filter
(SQL + BM25 row mask, once per snapshot and filter, then cached) and the hits returned.

    python bench/filters.py [--quick] [--size 100000] [--queries 100] [--exact] [--out DIR]

The index is bench/_util.py's synthetic one (real chunk texts and BM25 tokens replicated,
synthetic vectors, documents of 10 chunks named synth-0000000...); filters are doc_id ranges
(`{"doc_id": {"lt": "synth-0005000"}}`), the same SQL path as any metadata key. Queries are
real questions with their embedding cached, so the numbers are retrieval alone. FAISS is IVF
(the default from 50k chunks; forced at quick's 20k), or flat with --exact.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import _util as u


def _filters(n_docs: int) -> dict[str, dict[str, Any] | None]:
    return {"none": None,
            "50%": {"doc_id": {"lt": f"synth-{n_docs // 2:07d}"}},
            "1%": {"doc_id": {"lt": f"synth-{max(1, n_docs // 100):07d}"}}}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="20k chunks, for CI")
    p.add_argument("--size", type=int, default=None, help="chunks (default 100000; quick 20000)")
    p.add_argument("--queries", type=int, default=None, help="questions (default 100; quick 20)")
    p.add_argument("--exact", action="store_true", help="exact FAISS search (flat) at any size")
    p.add_argument("--out", default=None, help="results folder (default bench/results)")
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    n = args.size or (20_000 if args.quick else 100_000)
    nq = args.queries or (20 if args.quick else 100)

    from rag.config import Settings
    from rag.dense import DenseConfig

    s = Settings()
    cfg = DenseConfig(s.ivf_threshold, s.ivf_nprobe)
    if args.exact:
        cfg = DenseConfig(n + 1, cfg.nprobe)
    elif n < cfg.ivf_threshold:
        cfg = DenseConfig(n // 2, cfg.nprobe)
    embedder = u.make_embedder()
    queries = u.questions(nq, with_piaf=False)
    idx = u.synthetic_index(n, args.quick, embedder, cfg)
    searcher = u.open_searcher(idx, embedder)
    snap = searcher.snapshot
    for q in queries:  # cache the query embeddings: retrieval alone is timed
        searcher.embed_query(q)
    k = s.k
    rows: list[dict[str, Any]] = []
    n_docs = -(-n // u.SYNTH_CHUNKS_PER_DOC)
    for label, f in _filters(n_docs).items():
        resolve_ms = None
        kept = n
        if f is not None:
            t0 = time.perf_counter()
            allowed = snap.allowed(f)
            resolve_ms = round((time.perf_counter() - t0) * 1000, 2)
            assert allowed is not None
            kept = allowed.count
        for retriever in ("hybrid", "dense", "bm25"):
            counts: list[int] = []

            def run(q: str, retriever: str = retriever, f: Any = f,
                    counts: list[int] = counts) -> None:
                counts.append(len(searcher.search(q, k, retriever, f)))

            ms = u.time_each(run, queries)
            counts = counts[-len(queries):]
            rows.append({"filter": label, "retriever": retriever, "kept_chunks": kept,
                         "resolve_ms": resolve_ms, "latency_ms": u.summary_ms(ms),
                         "mean_hits": round(sum(counts) / len(counts), 2),
                         "queries_with_k_hits": sum(c == k for c in counts)})
        u.say(f"{label}: done")
    u.table(["filter", "kept", "resolve ms", "retriever", "p50 ms", "p95 ms", "mean hits"],
            [[r["filter"], r["kept_chunks"], r["resolve_ms"] or "-", r["retriever"],
              f"{r['latency_ms']['p50']:.2f}", f"{r['latency_ms']['p95']:.2f}", r["mean_hits"]]
             for r in rows],
            f"filtered search, {n} chunks ({type(snap.dense).__name__}), k={k}, {nq} queries")
    name = "filters" + ("-exact" if args.exact else "") + ("-quick" if args.quick else "")
    u.write_json(out, name, {"meta": info, "chunks": n, "k": k, "queries": nq,
                             "dense_index": type(snap.dense).__name__, "rows": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
