"""Peer comparison, side by side in one process: our pipeline against LangChain's FAISS vector
store with the same embedder and the same chunks, and our BM25 against rank_bm25 on the same
tokens.

    python bench/peer.py [--quick] [--no-100k] [--out DIR]

Needs `pip install langchain-community rank_bm25` (versions are printed and recorded).
- Ingest: ours = `Ingestor.run` (chunk, embed, BM25 tokens, SQLite + FAISS + BM25 commit) on
  the loaded documents; theirs = the same chunker, then `FAISS.from_texts` over the very texts
  we embed (`embedding_text`), with `E5Embedder` wrapped as a LangChain `Embeddings`.
- Query: per question, interleaved: ours `Searcher.search(q, 5)` (hybrid, and dense only) with
  the query-embedding cache cleared, theirs `similarity_search_with_score(q, k=5)`; ours with
  the cache warm is shown too. At the synthetic 100k scale both stores hold the same synthetic
  vectors (no embedding at ingest), so only query latency is compared there.
- BM25: build time and top-50 query time, ours (`BM25Index`, bm25s scores) against
  `rank_bm25.BM25Okapi` (k1=1.5, b=0.75), with the overlap of their top-10.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import _util as u
import numpy as np


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def lc_embeddings(embedder: Any) -> Any:
    from langchain_core.embeddings import Embeddings

    class E5LangChain(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            out: list[list[float]] = embedder.embed_passages(texts).tolist()
            return out

        def embed_query(self, text: str) -> list[float]:
            out: list[float] = embedder.embed_query(text).tolist()
            return out

    return E5LangChain()


def lc_store_from_texts(texts: list[str], emb: Any) -> Any:
    from langchain_community.vectorstores import FAISS
    from langchain_community.vectorstores.utils import DistanceStrategy

    return FAISS.from_texts(texts, emb, distance_strategy=DistanceStrategy.MAX_INNER_PRODUCT)


def compare_queries(searcher: Any, lc: Any, queries: list[str]) -> dict[str, Any]:
    t: dict[str, list[float]] = {"ours_hybrid": [], "ours_dense": [], "ours_hybrid_cached": [],
                                 "langchain": []}
    for q in queries[:2]:
        searcher.search(q, 5)
        lc.similarity_search_with_score(q, k=5)
    for q in queries:
        searcher._embed.cache_clear()
        t0 = time.perf_counter()
        searcher.search(q, 5)
        t1 = time.perf_counter()
        searcher.search(q, 5)
        t2 = time.perf_counter()
        searcher._embed.cache_clear()
        t3 = time.perf_counter()
        searcher.search(q, 5, "dense")
        t4 = time.perf_counter()
        lc.similarity_search_with_score(q, k=5)
        t5 = time.perf_counter()
        t["ours_hybrid"].append((t1 - t0) * 1000)
        t["ours_hybrid_cached"].append((t2 - t1) * 1000)
        t["ours_dense"].append((t4 - t3) * 1000)
        t["langchain"].append((t5 - t4) * 1000)
    res: dict[str, Any] = {k: u.summary_ms(v) for k, v in t.items()}
    theirs = res["langchain"]["p50"]
    res["ratio_hybrid"] = round(res["ours_hybrid"]["p50"] / theirs, 3)
    res["ratio_dense"] = round(res["ours_dense"]["p50"] / theirs, 3)
    return res


def ingest_compare(name: str, embedder: Any, lc_emb: Any, work: Path, rounds_n: int
                   ) -> dict[str, Any]:
    from rag.chunking import embedding_text
    from rag.config import Settings
    from rag.ingest import Ingestor, make_chunker
    from rag.loaders import load_paths
    from rag.store import IndexStore

    docs = load_paths(u.corpus_paths(name)).documents
    index = work / f"ours-{name}"
    settings = Settings(index_dir=index)
    rounds = []
    n, lc = 0, None
    for r in range(rounds_n):
        order = "ours-first" if r % 2 == 0 else "theirs-first"
        times: dict[str, float] = {}
        for who in (("ours", "theirs") if order == "ours-first" else ("theirs", "ours")):
            gc.collect()
            t0 = time.perf_counter()
            if who == "ours":
                shutil.rmtree(index, ignore_errors=True)
                report, _ = Ingestor(settings, embedder, IndexStore.open(settings)).run(docs)
                n = report.chunks
            else:
                chunker = make_chunker(settings, embedder)
                texts = [embedding_text(c, settings.embed_title) for d in docs
                         for c in chunker.split(d)]
                lc = lc_store_from_texts(texts, lc_emb)
                n = len(texts)
            times[who] = time.perf_counter() - t0
            u.say(f"  {name} ingest {who}: {times[who]:.2f} s for {n} chunks")
        rounds.append(times)
    ours = statistics.median(r["ours"] for r in rounds)
    theirs = statistics.median(r["theirs"] for r in rounds)
    return {"corpus": name, "chunks": n, "ours_s": round(ours, 3), "theirs_s": round(theirs, 3),
            "rounds": rounds, "ratio": round(ours / theirs, 3), "index": str(index), "lc": lc}


def bm25_compare(label: str, token_lists: list[list[str]], queries: list[list[str]]
                 ) -> dict[str, Any]:
    from rank_bm25 import BM25Okapi

    from rag.bm25 import BM25Index

    ids = np.arange(1, len(token_lists) + 1, dtype=np.int64)
    t0 = time.perf_counter()
    ours = BM25Index.build(token_lists, ids)
    t1 = time.perf_counter()
    theirs = BM25Okapi(token_lists, k1=1.5, b=0.75)
    t2 = time.perf_counter()
    lo: list[float] = []
    lt: list[float] = []
    overlap: list[float] = []
    for q in queries:
        a = time.perf_counter()
        mine = ours.top(q, 50)[0]
        b = time.perf_counter()
        s = theirs.get_scores(q)
        k = min(50, len(s))
        top = np.argpartition(-s, k - 1)[:k]
        top = top[np.argsort(-s[top], kind="stable")]
        c = time.perf_counter()
        lo.append((b - a) * 1000)
        lt.append((c - b) * 1000)
        if len(mine):
            overlap.append(len(set(mine[:10].tolist()) & set((top[:10] + 1).tolist()))
                           / min(10, len(mine)))
    res = {"label": label, "docs": len(token_lists), "queries": len(queries),
           "build_ours_s": round(t1 - t0, 3), "build_theirs_s": round(t2 - t1, 3),
           "query_ours_ms": u.summary_ms(lo), "query_theirs_ms": u.summary_ms(lt),
           "top10_overlap": round(float(np.mean(overlap)), 3) if overlap else None}
    res["query_ratio"] = round(res["query_ours_ms"]["p50"] / res["query_theirs_ms"]["p50"], 4)
    return res


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--no-100k", action="store_true")
    p.add_argument("--corpus", default=None, help="comma-separated: articles, piaf (default "
                   "both; quick: articles-quick)")
    p.add_argument("--out", default=None)
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    info["versions"] = {k: _version(k) for k in ("langchain-community", "langchain-core",
                                                 "faiss-cpu", "rank-bm25", "bm25s")}
    u.say(f"peer benchmark ({mode}), loadavg {info['loadavg']}, {info['versions']}")
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # langchain-community sunset
    try:
        import rank_bm25  # noqa: F401
        from langchain_community.vectorstores import FAISS
        from langchain_community.vectorstores.utils import DistanceStrategy
    except ImportError as exc:
        print(f"peer benchmark skipped: {exc} (pip install langchain-community rank_bm25)")
        u.write_json(out, f"peer{'-quick' if args.quick else ''}",
                     {"meta": info, "skipped": str(exc)})
        return 0

    from rag.text import tokenize

    embedder = u.make_embedder()
    lc_emb = lc_embeddings(embedder)
    names = (args.corpus or ("articles-quick" if args.quick else "articles,piaf")).split(",")
    if "piaf" in names and u.piaf_corpus() is None:
        names.remove("piaf")
    nq = 10 if args.quick else 100
    queries = u.questions(nq, with_piaf=not args.quick)
    ingests: list[dict[str, Any]] = []
    query_rows: list[dict[str, Any]] = []
    bm25_rows: list[dict[str, Any]] = []
    qtoks = [tokenize(q) for q in queries]
    with tempfile.TemporaryDirectory(prefix="rag-bench-peer-") as tmp:
        for name in names:
            ing = ingest_compare(name, embedder, lc_emb, Path(tmp),
                                 1 if args.quick or name == "piaf" else 3)
            lc = ing.pop("lc")
            searcher = u.open_searcher(Path(ing.pop("index")), embedder)
            ingests.append(ing)
            row = compare_queries(searcher, lc, queries)
            row.update(label=name, chunks=ing["chunks"])
            query_rows.append(row)
            _, tokens, _ = u.stored_rows(searcher.snapshot.store.root)
            bm25_rows.append(bm25_compare(name, [t.split() for t in tokens], qtoks))
            del searcher, lc
            gc.collect()
        if not args.quick and not args.no_100k:
            n = 100_000
            idx = u.synthetic_index(n, False, embedder)
            texts, tokens, vecs = u.stored_rows(idx)
            lc = FAISS.from_embeddings(list(zip(texts, vecs.tolist(), strict=True)), lc_emb,
                                       distance_strategy=DistanceStrategy.MAX_INNER_PRODUCT)
            del vecs
            searcher = u.open_searcher(idx, embedder)
            row = compare_queries(searcher, lc, queries[:60])
            row.update(label="synth-100k", chunks=n)
            query_rows.append(row)
            del searcher, lc
            gc.collect()
            bm25_rows.append(bm25_compare("synth-100k (replicated text)",
                                          [t.split() for t in tokens], qtoks[:20]))

    u.table(["corpus", "chunks", "ours s", "langchain s", "ours/theirs", "rounds (ours/theirs)"],
            [[r["corpus"], r["chunks"], r["ours_s"], r["theirs_s"], r["ratio"],
              " ".join(f"{x['ours']:.1f}/{x['theirs']:.1f}" for x in r["rounds"])]
             for r in ingests],
            title=f"ingest, ours vs LangChain FAISS (same embedder, same chunks; median of 3 "
                  f"alternating rounds, 1 for PIAF and in quick mode; loadavg {u.loadavg()})")
    print("  ours also writes SQLite, BM25 and the manifest (fsync'd); theirs keeps FAISS in "
          "memory")
    u.table(["index", "chunks", "ours hybrid p50", "ours dense p50", "langchain p50",
             "hybrid/lc", "dense/lc", "ours cached p50"],
            [[r["label"], r["chunks"], r["ours_hybrid"]["p50"], r["ours_dense"]["p50"],
              r["langchain"]["p50"], r["ratio_hybrid"], r["ratio_dense"],
              r["ours_hybrid_cached"]["p50"]] for r in query_rows],
            title="query latency ms (query embedding included, cache cleared; "
                  "'cached' = our embedding cache warm)")
    u.table(["tokens of", "docs", "build ours s", "build rank_bm25 s", "query ours p50 ms",
             "query rank_bm25 p50 ms", "ours/theirs", "top-10 overlap"],
            [[r["label"], r["docs"], r["build_ours_s"], r["build_theirs_s"],
              r["query_ours_ms"]["p50"], r["query_theirs_ms"]["p50"], r["query_ratio"],
              r["top10_overlap"]] for r in bm25_rows],
            title="BM25, ours (bm25s lucene scores, sparse top-k) vs rank_bm25 BM25Okapi")
    suffix = "-quick" if args.quick else ""
    u.write_json(out, f"peer{suffix}", {"meta": info, "ingest": ingests, "query": query_rows,
                                        "bm25": bm25_rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
