"""Query latency by index size, in process: query embedding, dense search, BM25, fusion and the
whole `Searcher.search()` (cached and uncached query embedding), p50/p95, plus IVF recall@10
against exact search at the synthetic scales, and a PNG plot of latency against size.

    python bench/query.py [--quick] [--sizes 100000,1000000] [--queries 200] [--out DIR]

Sizes: the articles (real index), PIAF (real index, full mode), then synthetic scales (full:
100k and 1M; quick: 20k with IVF forced). Synthetic indexes are real stores written by
IndexStore.commit: chunk texts and BM25 tokens are real chunks replicated in turn, vectors are
synthetic (blends of two real passage vectors plus noise, see bench/_util.py:synth_vectors);
FAISS is built by rag.dense.build with the project's DenseConfig. Queries are real questions
(evals/gold.jsonl, then PIAF's).
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path
from typing import Any

import _util as u
import numpy as np


class _Fixed:
    """A retriever that returns precomputed candidates: times the fusion alone."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lists: dict[str, list[tuple[int, float]]] = {}

    def candidates(self, query: str, depth: int) -> list[tuple[int, float]]:
        return self.lists[query][:depth]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_size(label: str, n_note: str, searcher: Any, queries: list[str], embedder: Any
                 ) -> dict[str, Any]:
    from rag.retrieval import HybridRetriever

    s = searcher.settings
    depth = max(s.k, s.fusion_depth)
    dense, bm25 = searcher.retrievers["dense"], searcher.retrievers["bm25"]
    fd, fb = _Fixed("dense"), _Fixed("bm25")
    fusion = HybridRetriever(fd, fb, s)  # type: ignore[arg-type]
    t: dict[str, list[float]] = {k: [] for k in ("embed", "search_uncached", "search_cached",
                                                 "dense", "bm25", "fusion")}
    for q in queries[:3]:  # warm-up
        searcher.search(q, s.k)
    for q in queries:
        te = time.perf_counter()
        searcher.embedder.embed_query(q)  # the query embedding alone
        t["embed"].append((time.perf_counter() - te) * 1000)
        searcher._embed.cache_clear()  # uncached: the whole call, query embedding included
        t0 = time.perf_counter()
        searcher.search(q, s.k)
        t1 = time.perf_counter()
        searcher.search(q, s.k)  # cached: retrieval cost apart from the query embedding
        t2 = time.perf_counter()
        fd.lists[q] = dense.candidates(q, depth)
        t3 = time.perf_counter()
        fb.lists[q] = bm25.candidates(q, depth)
        t4 = time.perf_counter()
        fused = fusion.fuse(q, depth)
        sorted(fused.items(), key=lambda kv: (-kv[1][0], kv[0]))[: s.k]
        t5 = time.perf_counter()
        for key, a, b in (("search_uncached", t0, t1), ("search_cached", t1, t2),
                          ("dense", t2, t3), ("bm25", t3, t4), ("fusion", t4, t5)):
            t[key].append((b - a) * 1000)
    snap = searcher.snapshot
    row: dict[str, Any] = {
        "label": label, "chunks": snap.n_chunks, "note": n_note,
        "dense_index": type(snap.dense).__name__,
        **{k: u.summary_ms(v) for k, v in t.items()},
        "rss_mb": round(rss_mb(), 1),
    }
    return row


def recall_sweep(index: Any, real: Any, n: int, qvecs: Any, nprobes: list[int]
                 ) -> list[dict[str, Any]]:
    """recall@10 of the IVF index against exact inner-product search over the same vectors,
    and single-query latency, for several nprobe values."""
    import faiss

    exact = faiss.IndexFlatIP(real.shape[1])
    step = 200_000
    for i in range(0, n, step):  # regenerate the synthetic vectors block by block
        exact.add(u.synth_vectors(real, n, start=i, stop=min(n, i + step)))
    _, truth = exact.search(qvecs, 10)
    del exact
    gc.collect()
    truth_ids = truth + 1  # store ids start at 1 and follow insertion order
    old = index.nprobe
    out = []
    for nprobe in nprobes:
        index.nprobe = nprobe
        _, got = index.search(qvecs, 10)
        rec = float(np.mean([len(set(g) & set(t)) / 10 for g, t in
                             zip(got.tolist(), truth_ids.tolist(), strict=True)]))
        lat = u.time_each(lambda v: index.search(v.reshape(1, -1), 50), list(qvecs[:100]))
        out.append({"nprobe": nprobe, "recall@10": round(rec, 4),
                    "search_ms": u.summary_ms(lat)})
    index.nprobe = old
    return out


def plot(rows: list[dict[str, Any]], alt: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r["chunks"] for r in rows]
    fig, ax = plt.subplots(figsize=(7.5, 4.5), dpi=110)
    for key, name in (("search_uncached", "search() uncached"),
                      ("embed", "query embedding"),
                      ("search_cached", "search() cached embedding"),
                      ("dense", "dense (FAISS)"), ("bm25", "BM25"), ("fusion", "fusion")):
        ax.plot(xs, [r[key]["p50"] for r in rows], marker="o", label=name)
    if alt:
        ax.plot([r["chunks"] for r in alt], [r["search_cached"]["p50"] for r in alt],
                marker="x", linestyle="--", color="tab:green",
                label=f"search() cached, nprobe {alt[0]['nprobe']}")
        ax.plot([r["chunks"] for r in alt], [r["dense"]["p50"] for r in alt], marker="x",
                linestyle="--", color="tab:red", label=f"dense, nprobe {alt[0]['nprobe']}")
    for r in rows:
        ax.annotate(r["label"], (r["chunks"], r["search_uncached"]["p50"]),
                    textcoords="offset points", xytext=(0, 6), fontsize=7, ha="center")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("chunks in the index")
    ax.set_ylabel("p50 latency (ms)")
    ax.set_title("Query latency by index size (in process, 2 cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes, for CI")
    p.add_argument("--sizes", default=None,
                   help="synthetic sizes, comma-separated (default 100000,1000000; quick 20000)")
    p.add_argument("--queries", type=int, default=None, help="questions per size")
    p.add_argument("--no-piaf", action="store_true", help="skip the PIAF index")
    p.add_argument("--compare-nprobe", type=int, default=None,
                   help="also measure the IVF sizes at this nprobe, side by side (e.g. 32, "
                        "the default before 2026-11-23)")
    p.add_argument("--out", default=None, help="results folder (default bench/results)")
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    u.say(f"query benchmark ({mode}), loadavg {info['loadavg']}")

    from rag.config import Settings
    from rag.dense import DenseConfig

    settings = Settings()
    sizes = [int(x) for x in (args.sizes or ("20000" if args.quick else "100000,1000000"))
             .split(",") if x]
    nq = args.queries or (20 if args.quick else 200)
    embedder = u.make_embedder()
    queries = u.questions(nq, with_piaf=not args.quick)

    rows: list[dict[str, Any]] = []
    alt_rows: list[dict[str, Any]] = []
    recalls: list[dict[str, Any]] = []
    reals = ["articles-quick"] if args.quick else ["articles"]
    if not args.quick and not args.no_piaf and u.piaf_corpus() is not None:
        reals.append("piaf")
    for name in reals:
        idx = u.cached_index(name, embedder)
        searcher = u.open_searcher(idx, embedder)
        u.say(f"{name}: {searcher.snapshot.n_chunks} chunks")
        rows.append(measure_size(name, "real index", searcher, queries, embedder))
        del searcher
        gc.collect()

    texts, _, real = u.real_rows(args.quick, embedder)
    qvecs = np.vstack([embedder.embed_query(q) for q in queries]).astype(np.float32)
    for n in sizes:
        cfg = DenseConfig(settings.ivf_threshold, settings.ivf_nprobe)
        note = (f"synthetic: {len(texts)} real chunks' text/BM25 tokens replicated, "
                "vectors = blends of real passage vectors + noise")
        if n < cfg.ivf_threshold:
            cfg = DenseConfig(min(cfg.ivf_threshold, n // 2), cfg.nprobe)
            note += f"; IVF forced (threshold {cfg.ivf_threshold})"
        t0 = time.perf_counter()
        idx = u.synthetic_index(n, args.quick, embedder, cfg)
        gc.collect()
        before = rss_mb()
        t1 = time.perf_counter()
        searcher = u.open_searcher(idx, embedder)
        load_s = time.perf_counter() - t1
        u.say(f"synthetic {n}: ready in {time.perf_counter() - t0:.1f} s (load {load_s:.1f} s)")
        row = measure_size(f"synth-{n // 1000}k", note, searcher, queries, embedder)
        row["load_s"] = round(load_s, 2)
        row["searcher_rss_mb"] = round(rss_mb() - before, 1)
        row["nprobe"] = getattr(searcher.snapshot.dense, "nprobe", None)
        rows.append(row)
        dense = searcher.snapshot.dense
        other = args.compare_nprobe
        if hasattr(dense, "nprobe") and other and other != dense.nprobe:  # side by side
            dense.nprobe = other
            alt = measure_size(f"synth-{n // 1000}k", note, searcher, queries, embedder)
            alt["nprobe"] = other
            alt_rows.append(alt)
            dense.nprobe = settings.ivf_nprobe
        if hasattr(dense, "nprobe"):
            nprobes = sorted({8, 16, 32, 64, 96, 128, settings.ivf_nprobe, DenseConfig().nprobe})
            sweep = recall_sweep(dense, real, n, qvecs, nprobes)
            recalls.append({"chunks": n, "nlist": int(dense.nlist), "default_nprobe":
                            settings.ivf_nprobe, "sweep": sweep})
        del searcher, dense
        gc.collect()

    cols = ("embed", "dense", "bm25", "fusion", "search_cached", "search_uncached")
    for r in rows:
        r["uncached_over_embed_p50"] = round(r["search_uncached"]["p50"] / r["embed"]["p50"], 3)
    for r in alt_rows:
        r["uncached_over_embed_p50"] = round(r["search_uncached"]["p50"] / r["embed"]["p50"], 3)
    u.table(["size", "chunks", "faiss", "nprobe"] + [f"{c} p50/p95" for c in cols]
            + ["uncached/embed"],
            [[r["label"], r["chunks"], r["dense_index"].replace("Index", ""),
              r.get("nprobe") or "-"]
             + [f"{r[c]['p50']:.2f}/{r[c]['p95']:.2f}" for c in cols]
             + [r["uncached_over_embed_p50"]] for r in rows + alt_rows],
            title=f"query latency, ms ({nq} questions, loadavg {u.loadavg()})")
    for r in rows:
        if "note" in r and r["note"] != "real index":
            print(f"  {r['label']}: {r['note']}")
    for rec in recalls:
        u.table(["nprobe", "recall@10", "search p50 ms", "search p95 ms"],
                [[s["nprobe"], s["recall@10"], s["search_ms"]["p50"], s["search_ms"]["p95"]]
                 for s in rec["sweep"]],
                title=f"IVF recall@10 vs exact search, {rec['chunks']} chunks, nlist "
                      f"{rec['nlist']} (default nprobe {rec['default_nprobe']}; target >= 0.98)")
    checks = {}
    for r in rows + alt_rows:
        limit = 2.0 if r["chunks"] <= 150_000 else 5.0
        key = r["label"] + (f" nprobe {r['nprobe']}" if r.get("nprobe") else "")
        checks[key] = {"retrieval_p50_ms": r["search_cached"]["p50"], "target_ms": limit,
                       "met": r["search_cached"]["p50"] <= limit}
    suffix = "-quick" if args.quick else ""
    plot(rows, alt_rows, out / f"query_latency{suffix}.png")
    u.write_json(out, f"query{suffix}", {"meta": info, "questions": nq, "sizes": rows,
                                         "sizes_tuned_nprobe": alt_rows,
                                         "ivf_recall": recalls, "targets": checks})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
