"""Ingest throughput: the raw embedder against `rag ingest` end to end, on the same texts.

    python bench/ingest.py [--quick] [--corpus articles,piaf] [--repeat 2] [--out DIR]

For each corpus, side by side and interleaved (`--repeat` rounds):
- raw: `E5Embedder.embed_passages` over exactly the texts ingest embeds (the chunker's chunks
  through `rag.chunking.embedding_text`), in batches of RAG_EMBED_BATCH_SIZE, with the same
  thread count (RAG_EMBED_THREADS), in this process after the model is loaded;
- first ingest: `rag ingest CORPUS --index NEW --json` in a subprocess; its own `seconds`
  (load, chunk, embed, commit; the model load and imports excluded) and the wall time from
  spawn to exit (everything), chunks/s, and the peak RSS of the process (wait4 ru_maxrss);
- second ingest of the unchanged corpus into the same index (nothing to embed).
Quick mode: the five articles cut to their first 1500 characters.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _util as u


def chunk_texts(paths: list[Path], embedder: Any) -> tuple[list[str], float, int]:
    from rag.chunking import embedding_text
    from rag.config import Settings
    from rag.ingest import make_chunker
    from rag.loaders import load_paths

    s = Settings()
    docs = load_paths(paths).documents
    chunker = make_chunker(s, embedder)
    t0 = time.perf_counter()
    chunks = [c for d in docs for c in chunker.split(d)]
    chunk_s = time.perf_counter() - t0
    return [embedding_text(c, s.embed_title) for c in chunks], chunk_s, len(docs)


def raw_pass(embedder: Any, texts: list[str], batch: int) -> float:
    t0 = time.perf_counter()
    for i in range(0, len(texts), batch):
        embedder.embed_passages(texts[i : i + batch])
    return time.perf_counter() - t0


def ingest_cmd(paths: list[Path], index: Path) -> list[str]:
    return [sys.executable, "-m", "rag.cli", "ingest", *map(str, paths), "--index", str(index),
            "--json"]


def run_ingest(paths: list[Path], index: Path) -> dict[str, Any]:
    rc, wall, peak, out, err = u.run_measured(ingest_cmd(paths, index), u.rag_env(), 3600)
    if rc != 0:
        raise SystemExit(f"rag ingest failed ({rc}): {err[-2000:]}")
    rep = json.loads(out.strip().splitlines()[-1])
    return {"seconds": rep["seconds"], "wall_s": round(wall, 3), "chunks": rep["chunks"],
            "unchanged": rep["unchanged"], "peak_rss_mb": round(peak, 1)}


def bench_corpus(name: str, embedder: Any, repeat: int, work: Path) -> dict[str, Any]:
    from rag.config import Settings

    s = Settings()
    paths = u.corpus_paths(name)
    texts, chunk_s, n_docs = chunk_texts(paths, embedder)
    n = len(texts)
    u.say(f"{name}: {n_docs} documents, {n} chunks; chunking alone took {chunk_s:.2f} s")
    raw_pass(embedder, texts[:4], s.embed_batch_size)  # warm-up
    raws: list[float] = []
    firsts: list[dict[str, Any]] = []
    seconds: list[dict[str, Any]] = []
    for r in range(repeat):
        index = work / f"{name}-{r}"
        if r % 2 == 0:  # alternate which goes first, against drifting load
            raws.append(raw_pass(embedder, texts, s.embed_batch_size))
            firsts.append(run_ingest(paths, index))
        else:
            firsts.append(run_ingest(paths, index))
            raws.append(raw_pass(embedder, texts, s.embed_batch_size))
        u.say(f"  round {r + 1}: raw {n / raws[-1]:.2f} passages/s")
        if firsts[-1]["chunks"] != n:
            raise SystemExit(f"ingest embedded {firsts[-1]['chunks']} chunks, expected {n}")
        u.say(f"  round {r + 1}: ingest {n / firsts[-1]['seconds']:.2f} chunks/s "
              f"(wall {firsts[-1]['wall_s']:.1f} s)")
        seconds.append(run_ingest(paths, index))
        shutil.rmtree(index, ignore_errors=True)
    raw_s = statistics.median(raws)
    first_s = statistics.median(f["seconds"] for f in firsts)
    first_wall = statistics.median(f["wall_s"] for f in firsts)
    second_s = statistics.median(x["seconds"] for x in seconds)
    second_wall = statistics.median(x["wall_s"] for x in seconds)
    return {
        "corpus": name, "documents": n_docs, "chunks": n, "rounds": repeat,
        "threads": s.embed_threads, "batch": s.embed_batch_size,
        "raw_s": [round(x, 3) for x in raws], "raw_passages_per_s": round(n / raw_s, 2),
        "chunking_s": round(chunk_s, 3),
        "ingest": firsts, "ingest_chunks_per_s": round(n / first_s, 2),
        "ingest_chunks_per_s_wall": round(n / first_wall, 2),
        "ingest_vs_raw": round(raw_s / first_s, 3),
        "ingest_vs_raw_wall": round(raw_s / first_wall, 3),
        "reingest": seconds, "reingest_speedup": round(first_s / max(second_s, 1e-9), 1),
        "reingest_speedup_wall": round(first_wall / max(second_wall, 1e-9), 1),
        "peak_rss_mb": max(f["peak_rss_mb"] for f in firsts),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--corpus", default=None,
                   help="comma-separated: articles, piaf (default: articles,piaf; quick: "
                        "articles-quick)")
    p.add_argument("--repeat", type=int, default=None, help="interleaved rounds (default 2, "
                   "1 for PIAF and in quick mode)")
    p.add_argument("--out", default=None)
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    u.say(f"ingest benchmark ({mode}), loadavg {info['loadavg']}")
    names = (args.corpus or ("articles-quick" if args.quick else "articles,piaf")).split(",")
    if "piaf" in names and u.piaf_corpus() is None:
        names.remove("piaf")
    embedder = u.make_embedder()
    results = []
    with tempfile.TemporaryDirectory(prefix="rag-bench-ingest-") as tmp:
        for name in names:
            repeat = args.repeat or (1 if args.quick or name == "piaf" else 2)
            results.append(bench_corpus(name, embedder, repeat, Path(tmp)))
    u.table(["corpus", "chunks", "raw p/s", "ingest c/s", "ratio", "ingest c/s (wall)",
             "ratio (wall)", "re-ingest s", "re-ingest x", "re-ingest x (wall)", "peak MB"],
            [[r["corpus"], r["chunks"], r["raw_passages_per_s"], r["ingest_chunks_per_s"],
              r["ingest_vs_raw"], r["ingest_chunks_per_s_wall"], r["ingest_vs_raw_wall"],
              statistics.median(x["seconds"] for x in r["reingest"]), r["reingest_speedup"],
              r["reingest_speedup_wall"], r["peak_rss_mb"]] for r in results],
            title=f"ingest (targets: ratio >= 0.9, re-ingest >= 50x; loadavg {u.loadavg()})")
    print("  ratio = ingest chunks/s / raw passages/s on the same texts; (wall) counts the "
          "whole `rag ingest` process, imports and model load included")
    suffix = "-quick" if args.quick else ""
    u.write_json(out, f"ingest{suffix}", {"meta": info, "corpora": results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
