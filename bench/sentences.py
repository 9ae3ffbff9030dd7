"""What sentence embeddings at ingest cost (`RAG_SENTENCE_INDEX`), and what the best-sentence
retrieval signal adds to a query.

    python bench/sentences.py [--quick] [--piaf-docs 120] [--repeat 1] [--sizes 100000,1000000]

Ingest, per corpus, side by side and interleaved (`--repeat` rounds), in this process with the
model loaded: `Ingestor.run` into a new index with `sentence_index` off, then on; its own
`seconds` (chunk, embed, commit, and with the setting on: split, embed and store sentences)
and the process's CPU seconds over the call (all threads: steadier than wall time on a loaded
machine), the ratios on/off, sentences stored, and the files' sizes (sentences.sqlite beside
the rest).
Corpora: the five articles, and the first `--piaf-docs` paragraphs of evals/piaf/corpus.jsonl
(quick: the articles cut to 1500 characters, 20 PIAF paragraphs).

Query, per size: a synthetic sentences.sqlite of that many chunks (2 or 3 sentences each, 2.4
on average as in the articles; synthetic float16 vectors, real layout and indexes), and
`SentenceStore.best` over 50 candidate chunk ids (the fusion depth) drawn at random per query,
p50/p95 in ms: the whole extra cost of the signal on top of a dense search. At 100k (and the
quick size) the same is timed through `Searcher.search(..., "dense")` on bench/_util.py's
synthetic index, with the signal off and on for an English question (the default applies it
to questions in another language than the index only). The file's size per chunk is reported;
resident memory does not grow with it (SQLite reads the candidates' pages on demand).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import _util as u

PIAF_CORPUS = u.ROOT / "evals" / "piaf" / "corpus.jsonl"
DEPTH = 50


def _size_mb(root: Path, names: tuple[str, ...] | None = None) -> float:
    files = [f for f in root.iterdir() if f.is_file()
             and (names is None or f.name.split("-")[0] in names or f.name in names)]
    return round(sum(f.stat().st_size for f in files) / 2**20, 3)


def _corpora(quick: bool, piaf_docs: int, tmp: Path) -> dict[str, list[Path]]:
    out = {"articles": [u.quick_articles() if quick else u.ARTICLES]}
    n = 20 if quick else piaf_docs
    if n > 0 and PIAF_CORPUS.is_file():
        lines = PIAF_CORPUS.read_text(encoding="utf-8").splitlines()[:n]
        sub = tmp / "piaf-subset.jsonl"
        sub.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out[f"piaf ({n} paragraphs)"] = [sub]
    return out


def ingest_rows(quick: bool, piaf_docs: int, repeat: int, embedder: Any) -> list[dict[str, Any]]:
    from rag.config import Settings
    from rag.ingest import Ingestor
    from rag.loaders import load_paths
    from rag.sentence_store import SentenceStore
    from rag.store import IndexStore

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-sentences-") as t:
        tmp = Path(t)
        for name, paths in _corpora(quick, piaf_docs, tmp).items():
            docs = load_paths(paths).documents
            secs: dict[bool, list[float]] = {False: [], True: []}
            cpu: dict[bool, list[float]] = {False: [], True: []}
            info: dict[str, Any] = {}
            for r in range(repeat):
                for on in (False, True):
                    root = tmp / f"idx-{r}-{int(on)}"
                    s = Settings(index_dir=root, sentence_index=on)
                    c0 = time.process_time()
                    report, _ = Ingestor(s, embedder, IndexStore(root)).run(docs)
                    cpu[on].append(time.process_time() - c0)
                    secs[on].append(report.seconds)
                    info["chunks"] = report.chunks
                    if on:
                        store = SentenceStore(root, embedder.name)
                        info["sentences"], info["sentence_vectors"] = store.counts()
                        store.close()
                        info["sentences_mb"] = _size_mb(root, ("sentences.sqlite",))
                        info["index_mb"] = round(_size_mb(root) - info["sentences_mb"], 3)
                    shutil.rmtree(root)
            off, on_ = min(secs[False]), min(secs[True])
            c_off, c_on = min(cpu[False]), min(cpu[True])
            rows.append({"corpus": name, "documents": len(docs), **info,
                         "off_s": round(off, 2), "on_s": round(on_, 2),
                         "ratio": round(on_ / off, 2) if off else None,
                         "off_cpu_s": round(c_off, 2), "on_cpu_s": round(c_on, 2),
                         "cpu_ratio": round(c_on / c_off, 2) if c_off else None})
            u.say(f"ingest {name}: off {off:.1f} s ({c_off:.1f} s CPU), "
                  f"on {on_:.1f} s ({c_on:.1f} s CPU)")
    return rows


def synthetic_sentences(root: Path, n_chunks: int, dim: int, embedder_name: str,
                        first_id: int = 1) -> int:
    """sentences.sqlite for chunk ids first_id..first_id+n-1: 2 or 3 sentences each."""
    import numpy as np

    from rag.sentence_store import SentenceStore

    SentenceStore(root, embedder_name).close()  # the schema
    db = sqlite3.connect(root / "sentences.sqlite")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    rng = np.random.default_rng(11)
    total = 0
    step = 50_000
    for c0 in range(0, n_chunks, step):
        m = min(step, n_chunks - c0)
        per = rng.choice([2, 2, 2, 3, 3], size=m)  # 2.4 on average
        count = int(per.sum())
        vecs = rng.standard_normal((count, dim)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        blobs = vecs.astype(np.float16)
        rows, vrows, k = [], [], 0
        for i in range(m):
            cid = first_id + c0 + i
            for j in range(int(per[i])):
                key = hashlib.sha1(f"{cid}-{j}".encode()).digest()
                rows.append((cid, j, f"synth-{(cid - 1) // 10:07d}", 0, 1, key))
                vrows.append((key, blobs[k].tobytes()))
                k += 1
        db.execute("BEGIN")
        db.executemany("INSERT INTO sentence_vectors VALUES (?, ?)", vrows)
        db.executemany("INSERT INTO chunk_sentences VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        total += count
    db.close()
    return total


def query_rows(sizes: list[int], quick: bool, nq: int, embedder: Any) -> list[dict[str, Any]]:
    import numpy as np

    from rag.config import Settings
    from rag.sentence_store import SentenceStore

    rows: list[dict[str, Any]] = []
    queries = u.questions(nq, with_piaf=False)
    qvecs = [embedder.embed_query(q) for q in queries]
    rng = np.random.default_rng(3)
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-sent-{n}-", dir=u.CACHE) as t:
            root = Path(t)
            t0 = time.perf_counter()
            sentences = synthetic_sentences(root, n, embedder.dim, embedder.name)
            build_s = time.perf_counter() - t0
            store = SentenceStore(root, embedder.name, create=False)
            cands = [rng.integers(1, n + 1, DEPTH).tolist() for _ in qvecs]
            pairs = list(zip(cands, qvecs, strict=True))
            rss0 = _rss_mb()
            best_ms = u.time_each(lambda p, st=store: st.best(p[0], p[1]), pairs)
            row: dict[str, Any] = {
                "chunks": n, "sentences": sentences, "build_s": round(build_s, 1),
                "file_mb": round((root / "sentences.sqlite").stat().st_size / 2**20, 1),
                "bytes_per_chunk": round((root / "sentences.sqlite").stat().st_size / n),
                "best_of_50": u.summary_ms(best_ms),
                "rss_growth_mb": round(_rss_mb() - rss0, 1),  # while answering the queries
            }
            store.close()
            if n <= 100_000:
                row |= searcher_row(n, quick, root, queries, embedder, Settings())
            rows.append(row)
            u.say(f"sentence signal at {n} chunks: {row['best_of_50']}")
    return rows


def searcher_row(n: int, quick: bool, sentences_root: Path, queries: list[str],
                 embedder: Any, s: Any) -> dict[str, Any]:
    """Dense search on the synthetic index of n chunks, the signal off and on."""
    from rag.config import Settings
    from rag.dense import DenseConfig
    from rag.ingest import Ingestor
    from rag.retrieval import Searcher
    from rag.store import IndexStore

    cfg = DenseConfig(s.ivf_threshold, s.ivf_nprobe)
    if n < cfg.ivf_threshold:
        cfg = DenseConfig(n // 2, cfg.nprobe)
    src = u.synthetic_index(n, quick, embedder, cfg)
    with tempfile.TemporaryDirectory(prefix="bench-sent-idx-", dir=u.CACHE) as t:
        root = Path(t) / "idx"
        shutil.copytree(src, root)
        shutil.copy2(sentences_root / "sentences.sqlite", root / "sentences.sqlite")
        english = [q for q in queries if _english(q)] or queries
        out: dict[str, Any] = {}
        for label, w in (("dense_signal_off", 0.0), ("dense_signal_on", s.sentence_weight_cross)):
            settings = Settings(index_dir=root, sentence_weight_cross=w)
            store = IndexStore(root, cfg)
            snap = store.load(Ingestor(settings, embedder, store).identity)
            searcher = Searcher(snap, embedder, settings)
            for q in english:
                searcher.embed_query(q)  # cached: retrieval alone is timed
            out[label] = u.summary_ms(u.time_each(
                lambda q, se=searcher: se.search(q, s.k, "dense"), english))
            store.close()
        return out


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _english(q: str) -> bool:
    from rag.answering.language import detect_language

    return detect_language(q) == "en"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small corpora, 20k chunks")
    p.add_argument("--piaf-docs", type=int, default=120, help="PIAF paragraphs to ingest")
    p.add_argument("--repeat", type=int, default=1, help="interleaved ingest rounds (min kept)")
    p.add_argument("--sizes", default=None, help="chunks for the query part (default "
                   "100000,1000000; quick 20000)")
    p.add_argument("--queries", type=int, default=None, help="questions (default 100; quick 20)")
    p.add_argument("--skip-ingest", action="store_true")
    p.add_argument("--out", default=None, help="results folder (default bench/results)")
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    sizes = [int(x) for x in (args.sizes or ("20000" if args.quick else "100000,1000000"))
             .split(",")]
    nq = args.queries or (20 if args.quick else 100)
    embedder = u.make_embedder()
    ingest = [] if args.skip_ingest else ingest_rows(args.quick, args.piaf_docs, args.repeat,
                                                      embedder)
    query = query_rows(sizes, args.quick, nq, embedder)
    if ingest:
        u.table(["corpus", "docs", "chunks", "sentences", "vectors", "off s", "on s", "ratio",
                 "CPU off s", "CPU on s", "CPU ratio", "index MB", "sentences MB"],
                [[r["corpus"], r["documents"], r["chunks"], r["sentences"],
                  r["sentence_vectors"], r["off_s"], r["on_s"], r["ratio"], r["off_cpu_s"],
                  r["on_cpu_s"], r["cpu_ratio"], r["index_mb"], r["sentences_mb"]]
                 for r in ingest],
                "ingest with sentence_index off / on")
    u.table(["chunks", "sentences", "file MB", "B/chunk", "best-of-50 p50", "p95", "RSS +MB",
             "dense off p50", "dense on p50"],
            [[r["chunks"], r["sentences"], r["file_mb"], r["bytes_per_chunk"],
              r["best_of_50"]["p50"], r["best_of_50"]["p95"], r["rss_growth_mb"],
              r.get("dense_signal_off", {}).get("p50", "-"),
              r.get("dense_signal_on", {}).get("p50", "-")] for r in query],
            "best-sentence signal per query")
    u.write_json(out, f"sentences{'-quick' if args.quick else ''}",
                 {"meta": info, "ingest": ingest, "query": query})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
