"""Dev loop for evidence selection and refusals: the extractive answer path on gold/dev files.

    python evals/study/answers_dev.py --index DIR FILE.jsonl... [--split tune|heldout|all] [-v]

Prints answer match, cited-gold, abstention both ways, per language; -v lists the misses.
Sentence embeddings are cached for the run (the pipeline reads them from the index).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from rag.answering.pipeline import DENSE_BEST_POOL, with_dense_best
from rag.answering.sentence_vectors import CachedSentenceVectors
from rag.config import Settings
from rag.embedders import make_embedder
from rag.evaluation.evals import contains_answer
from rag.ingest import Ingestor
from rag.retrieval import Searcher
from rag.store import IndexStore


def split_of(row: dict[str, Any]) -> str:
    if "split" in row:
        return str(row["split"])
    h = int(hashlib.sha1(str(row["id"]).encode()).hexdigest(), 16)
    return "heldout" if h % 3 == 0 else "tune"


def gate_features(ev: Any) -> dict[str, float]:
    """What the refusal decision may look at, for calibration."""
    cands = ev.answers()
    best = cands[0] if cands else None
    usable = [s for s in ev.sentences if s.usable]
    return {
        "n_cands": float(len(cands)),
        "best_cov": best.coverage if best else 0.0,
        "best_dense": best.dense if best else 0.0,
        "best_focus": best.focus if best else 0.0,
        "max_cov": max((s.coverage for s in usable), default=0.0),
        "max_dense": max((s.dense for s in usable), default=0.0),
        "asks": float(bool(ev.question.asks)),
        "n_focus": float(len(ev.question.focus)),
        "cross": float(ev.cross_lingual),
        "mean_dense": (sum(s.dense for s in usable) / len(usable)) if usable else 0.0,
        "hit_dense": max((h.scores.get("dense", 0.0) for h in ev.passages), default=0.0),
        "q_words": float(len(ev.question.text.split())),
    }


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--split", default="all")
    p.add_argument("-v", action="store_true")
    p.add_argument("--rows", action="store_true", help="print 'ROW id status' per question")
    p.add_argument("--k", type=int, default=Settings().answer_k)
    p.add_argument("--old", action="store_true", help="the landed ExtractiveWriter instead")
    p.add_argument("--corpus", default="articles", help="rows of this corpus only")
    p.add_argument("--dump", type=Path, help="write each question's gate features (JSONL)")
    p.add_argument("--min-dense", type=float, default=None, help="default: the writer's")
    p.add_argument("--min-dense-cross", type=float, default=None)
    args = p.parse_args()
    settings = Settings(index_dir=args.index)
    embedder = make_embedder(settings)
    snap = Ingestor(settings, embedder, IndexStore.open(settings)).load()
    searcher = Searcher(snap, embedder, settings)
    vectors = CachedSentenceVectors(embedder, path=args.index / "sentences.sqlite")
    from rag.answering import extractive
    from rag.answering.evidence import gather_evidence
    from rag.answering.extractive import ExtractiveWriter

    writer = ExtractiveWriter(
        extractive.MIN_DENSE if args.min_dense is None else args.min_dense,
        extractive.MIN_DENSE_CROSS if args.min_dense_cross is None else args.min_dense_cross)

    stats: dict[str, dict[str, int]] = {}
    for f in args.files:
        for line in f.read_text().splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if args.split != "all" and split_of(row) != args.split:
                continue
            if row.get("history") or row.get("corpus", args.corpus) != args.corpus:
                continue
            q = row["question"]
            # (as the service answers a request that sets no k: `--k` stands for RAG_ANSWER_K)
            hits = with_dense_best(searcher.search(q, args.k + DENSE_BEST_POOL), args.k)
            ev = gather_evidence(q, hits, searcher._embed(q), vectors, snap.bm25.idf,
                                 settings.bm25_stemmer)
            ans = writer.compose(ev)
            if args.dump:
                feats = gate_features(ev)
                with args.dump.open("a") as fh:
                    fh.write(json.dumps({"id": row["id"], "lang": row["lang"],
                                         "answerable": row.get("answerable", True),
                                         "split": split_of(row), "file": f.stem,
                                         "match": bool(ans) and row.get("answerable", True)
                                         and contains_answer(ans.text, row["answers"]),
                                         **feats}) + "\n")
            key = f"{f.stem}:{row['lang']}"
            st = stats.setdefault(key, {"ans": 0, "match": 0, "cited": 0, "wrong_decl": 0,
                                        "unans": 0, "declined": 0})
            if row.get("answerable", True):
                st["ans"] += 1
                if ans is None:
                    st["wrong_decl"] += 1
                    ok = False
                else:
                    ok = contains_answer(ans.text, row["answers"])
                    st["match"] += ok
                    st["cited"] += ok and any(contains_answer(hits[n - 1].chunk.text,
                                                              row["answers"])
                                              for n in ans.cited)
                if args.rows:
                    status = "declined" if ans is None else "match" if ok else "miss"
                    print(f"ROW {f.stem}:{row['lang']}:{row['id']} {status}", file=sys.stderr)
                if args.v and not ok:
                    print(f"MISS {row['id']} {q}\n   gold={row['answers']}\n   "
                          f"got={ans.text if ans else 'DECLINED'}\n   "
                          f"focus={ev.question.focus} asks={ev.question.asks}", file=sys.stderr)
            else:
                st["unans"] += 1
                st["declined"] += ans is None
                if args.rows:
                    status = "trap-declined" if ans is None else "trap-answered"
                    print(f"ROW {f.stem}:{row['lang']}:{row['id']} {status}", file=sys.stderr)
                if args.v and ans is not None:
                    print(f"ANSWERED-UNANS {row['id']} {q}\n   got={ans.text}\n   "
                          f"focus={ev.question.focus} asks={ev.question.asks}", file=sys.stderr)
    print(f"{'set':28} {'n':>4} {'match':>6} {'cited':>6} {'wrongdecl':>9} {'unans':>5} "
          f"{'declined':>8}")
    for key, st in sorted(stats.items()):
        n = st["ans"] or 1
        u = st["unans"] or 1
        print(f"{key:28} {st['ans']:>4} {st['match'] / n:6.3f} "
              f"{st['cited'] / max(st['match'], 1):6.3f} {st['wrong_decl'] / n:9.3f} "
              f"{st['unans']:>5} {st['declined'] / u:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
