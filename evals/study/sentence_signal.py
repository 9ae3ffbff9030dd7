"""Best-sentence similarity as a retrieval signal, replayed on the pickles of collect_signals.py.

    python evals/study/sentence_signal.py ART.pkl ART_INDEX PIAF.pkl PIAF_INDEX

Each index's `sentences.sqlite` (written at ingest, `RAG_SENTENCE_INDEX`) gives every chunk's
sentence vectors; a chunk's sentence score is its best sentence's cosine with the query. The
variants change the dense list the way rag/retrieval.py does: FAISS's top `depth` by chunk
cosine, then each candidate's score becomes a mix (1 - w) * chunk + w * best sentence, the max
of the two, or a boost chunk + b * max(0, best - chunk) (a sentence only lifts its chunk),
for every question or only for those not in the index's language
(French); optionally BM25's candidates join the dense list with the same score.
rag/retrieval.py implemented the mix (now the lift of sentence_gate.py), off by default: see
results_sentences.md. Dense-only
and the shipped adaptive fusion are reported, per set and split (tune to choose, held-out to
check), as R@1 / R@5 / MRR@10.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adaptive import DEPTH, Method, Row, load_sets, ranked, run, table, top


def load_sets_with_sentences(art: Path, art_idx: Path, piaf: Path, piaf_idx: Path
                             ) -> dict[str, Any]:
    """`adaptive.load_sets` (three article sets, two PIAF ones) with each collection's sentences
    attached once from its index."""
    sets = load_sets(art, piaf)
    seen: set[int] = set()
    for (data, _), idx in zip(sets.values(), [art_idx] * 3 + [piaf_idx] * 2, strict=True):
        if id(data) not in seen:
            attach_sentences(data, idx)
            seen.add(id(data))
    return sets


def attach_sentences(data: dict[str, Any], index: Path) -> None:
    """data["svecs"]: all sentence vectors; data["sowner"]: the chunk position of each."""
    pos = {cid: i for i, cid in enumerate(data["ids"])}
    db = sqlite3.connect(index / "sentences.sqlite")
    rows = db.execute("SELECT c.chunk, v.vector FROM chunk_sentences c JOIN sentence_vectors v "
                      "ON v.key = c.key ORDER BY c.chunk, c.idx").fetchall()
    owners = np.array([pos[c] for c, _ in rows if c in pos], dtype=np.int64)
    vecs = np.stack([np.frombuffer(v, dtype=np.float16) for c, v in rows if c in pos])
    data["svecs"], data["sowner"] = vecs.astype(np.float32), owners
    missing = len(data["ids"]) - len(set(owners.tolist()))
    print(f"{index}: {len(rows)} sentences, {missing} chunks without any", flush=True)


def sentence_scores(data: dict[str, Any], row: Row) -> np.ndarray:
    """Best sentence cosine per chunk (chunks without sentences: their own cosine)."""
    key = "_sbest"
    if key not in row:
        chunk = data["vecs"] @ row["qvec"]
        cos = data["svecs"] @ row["qvec"]
        best = np.full(len(data["ids"]), -2.0, dtype=np.float32)
        np.maximum.at(best, data["sowner"], cos)
        row[key] = np.where(best > -2.0, best, chunk)
    return row[key]  # type: ignore[no-any-return]


def mixed(data: dict[str, Any], row: Row, w: float | str, ids: list[int]
          ) -> list[tuple[int, float]]:
    chunk = data["vecs"] @ row["qvec"]
    sent = sentence_scores(data, row)
    out = []
    for i in ids:
        if w == "max":
            s = max(chunk[i], sent[i])
        elif isinstance(w, str) and w.startswith("boost"):  # only a better sentence lifts
            b = float(w[5:])
            s = (1 - b) * chunk[i] + b * max(chunk[i], sent[i])
        else:
            s = (1 - float(w)) * chunk[i] + float(w) * sent[i]
        out.append((i, float(s)))
    return sorted(out, key=lambda kv: -kv[1])


def dense_list(data: dict[str, Any], row: Row, w: float | str, with_bm25: bool,
               cross_only: bool = False) -> list[tuple[int, float]]:
    chunk = data["vecs"] @ row["qvec"]
    if cross_only and row["detected"] == "fr":  # the indexes' language
        w = 0.0
    ids = [c for c, _ in top(chunk, DEPTH, False)]
    if with_bm25:
        ids += [c for c, _ in top(row["bm25"], DEPTH, True) if c not in set(ids)]
    return mixed(data, row, w, ids)


def dense_only(w: float | str, cross_only: bool = False) -> Method:
    def f(data: dict[str, Any], row: Row) -> list[int]:
        return [c for c, _ in dense_list(data, row, w, False, cross_only)[:10]]
    return f


def hybrid(w: float | str, with_bm25: bool = False, cross_only: bool = False) -> Method:
    from adaptive import _coverage

    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists

    settings = Settings()

    def f(data: dict[str, Any], row: Row) -> list[int]:
        parts = [FusionPart("dense", settings.dense_weight, dense_list(data, row, w, with_bm25,
                                                           cross_only)),
                 FusionPart("bm25", settings.bm25_weight, top(row["bm25"], DEPTH, True), 0.0,
                            len(data["ids"]), _coverage(row))]
        return ranked(fuse_lists(row["query"], parts, settings, DEPTH))
    return f


if __name__ == "__main__":
    art, art_idx, piaf, piaf_idx = (Path(a) for a in sys.argv[1:5])
    sets = load_sets_with_sentences(art, art_idx, piaf, piaf_idx)
    weights: list[float | str] = [0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, "max"]
    boosts: list[float | str] = ["boost0.3", "boost0.5"]
    dense_methods = {f"dense, mix w={w}": dense_only(w) for w in weights}
    dense_methods |= {f"dense, mix w={w} cross-language only": dense_only(w, cross_only=True)
                      for w in (0.2, 0.3)}
    dense_methods |= {f"dense, {b} cross-language only": dense_only(b, cross_only=True)
                      for b in boosts}
    hybrid_methods = {f"hybrid, mix w={w}": hybrid(w) for w in weights}
    hybrid_methods |= {f"hybrid + BM25 cands, mix w={w}": hybrid(w, True) for w in (0.2, 0.5)}
    hybrid_methods |= {f"hybrid, mix w={w} cross-language only": hybrid(w, cross_only=True)
                       for w in (0.2, 0.3, 0.5)}
    hybrid_methods |= {f"hybrid, {b} cross-language only": hybrid(b, cross_only=True)
                       for b in boosts}
    for split in ("tune", "heldout"):
        print(f"\n### {split} split: R@1 / R@5 / MRR@10\n")
        print("\n".join(table(sets, dense_methods | hybrid_methods, split)))
    chosen = {"hybrid, before (w=0)": hybrid(0.0),
              "hybrid, after (mix w=0.2, cross-language only)": hybrid(0.2, cross_only=True),
              "dense, before (w=0)": dense_only(0.0),
              "dense, after (mix w=0.2, cross-language only)": dense_only(0.2,
                                                                         cross_only=True)}
    pooled = {"French (gold FR + PIAF FR)": ["gold FR", "PIAF FR"],
              "English (gold EN + dev EN + PIAF EN)": ["gold EN", "dev EN", "PIAF EN"]}
    for split in ("tune", "heldout"):
        print(f"\n### per language, {split} split (questions pooled): R@1 / R@5 / MRR@10\n")
        print("| method | " + " | ".join(pooled) + " |\n|---|---|---|")
        for label, m in chosen.items():
            cells = []
            for names in pooled.values():
                got = [(run(sets[n][0], [r], m), 1) for n in names for r in sets[n][1]
                       if r["split"] == split]
                tot = [sum(g[0][i] for g in got) / len(got) for i in range(3)]
                cells.append(f"{tot[0]:.2f} / {tot[1]:.2f} / {tot[2]:.3f} (n={len(got)})")
            print(f"| {label} | " + " | ".join(cells) + " |")
