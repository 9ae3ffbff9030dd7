"""Does the best-sentence signal let off-topic questions through? Which form keeps its gains?
Replayed on the pickles of collect_signals.py (results in results_sentences.md).

    python evals/study/sentence_gate.py ART.pkl ART_INDEX PIAF.pkl PIAF_INDEX \
        evals/study/offtopic.jsonl

The indexes must hold their sentences (`sentences.sqlite` with `chunk_sentences` rows: an
index built before the sentence store has none, and the signal is then silently a no-op).
Variants of the cross-language weight w (RAG_SENTENCE_WEIGHT_CROSS): the mix
(1 - w) chunk + w sentence; the lift (1 - w) chunk + w max(chunk, sentence), which
rag/retrieval.py now uses; either only when the question's best chunk cosine reaches tau, or
only when BM25 knows at least one of its terms (coverage > 0, also shipped). Off-topic rows
(`offtopic.jsonl`, 30 English and 20 French questions nothing in the articles is about): the
best sentence cosine among the 4 passages an answer gets, which the extractive refusal gate
compares with MIN_DENSE_CROSS (0.76). The gate itself (evidence filters, focus rules) is
checked with evals/study/answers_dev.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adaptive import DEPTH, Method, Row, metrics, ranked, table, top
from sentence_signal import load_sets_with_sentences, sentence_scores

GATE_CROSS = 0.76


def dense_list(data: dict[str, Any], row: Row, w: float, tau: float | None,
               known: bool = False, lift: bool = False, same: float = 0.0
               ) -> list[tuple[int, float]]:
    from adaptive import _coverage

    chunk = data["vecs"] @ row["qvec"]
    if row["detected"] == "fr":
        w = same
    if tau is not None and float(chunk.max()) < tau:
        w = 0.0
    if known and _coverage(row) <= 0:
        w = 0.0
    ids = [c for c, _ in top(chunk, DEPTH, False)]
    sent = sentence_scores(data, row)
    if lift:  # a sentence only lifts its chunk: (1 - w) chunk + w max(chunk, sentence)
        sent = np.maximum(sent, chunk)
    mixed = [(i, float((1 - w) * chunk[i] + w * sent[i])) for i in ids]
    return sorted(mixed, key=lambda kv: (-kv[1], kv[0]))


def hybrid(w: float, tau: float | None = None, known: bool = False, lift: bool = False,
           same: float = 0.0) -> Method:
    from adaptive import _coverage

    from rag.config import Settings
    from rag.retrieval import FusionPart, fuse_lists

    settings = Settings()

    def f(data: dict[str, Any], row: Row) -> list[int]:
        parts = [FusionPart("dense", settings.dense_weight, dense_list(data, row, w, tau, known,
                                                                      lift, same)),
                 FusionPart("bm25", settings.bm25_weight, top(row["bm25"], DEPTH, True), 0.0,
                            len(data["ids"]), _coverage(row))]
        return ranked(fuse_lists(row["query"], parts, settings, DEPTH))
    return f


def offtopic_rows(data: dict[str, Any], path: Path) -> list[Row]:
    """Off-topic questions as pickle rows (no gold), embedded and BM25-scored like the others."""
    from rag.answering.language import detect_language
    from rag.config import Settings
    from rag.embedders import make_embedder
    from rag.ingest import Ingestor
    from rag.store import IndexStore
    from rag.text import tokenize

    s = Settings(index_dir=Path(data["index"]))
    emb = make_embedder(s)
    store = IndexStore.open(s)
    bm25 = store.load(Ingestor(s, emb, store).identity).bm25
    rows = []
    for line in path.read_text().splitlines():
        g = json.loads(line)
        q = g["question"]
        toks = tokenize(q, s.bm25_stemmer)
        rows.append({"id": g["id"], "lang": g["lang"], "query": q, "detected": detect_language(q),
                     "qvec": np.asarray(emb.embed_query(q), dtype=np.float32).ravel(),
                     "bm25": bm25.scores(toks),
                     "terms": [(t, bm25.idf(t), t in bm25._vocab) for t in toks]})
    return rows


def gate_view(data: dict[str, Any], row: Row, m: Method) -> float:
    """Best sentence cosine among the method's top 4 chunks."""
    sent = sentence_scores(data, row)
    return max(float(sent[c]) for c in m(data, row)[:4])


if __name__ == "__main__":
    art, art_idx, piaf, piaf_idx, off = (Path(a) for a in sys.argv[1:6])
    sets = load_sets_with_sentences(art, art_idx, piaf, piaf_idx)
    a = sets["gold FR"][0]
    methods: dict[str, Method] = {"w=0 (default)": hybrid(0.0)}
    for w in (0.2, 0.3):
        methods[f"w={w} cross"] = hybrid(w)
        for tau in (0.78, 0.80, 0.82):
            methods[f"w={w} cross, best chunk >= {tau}"] = hybrid(w, tau)
        methods[f"w={w} cross, BM25 coverage > 0"] = hybrid(w, known=True)
    for w in (0.2, 0.3, 0.5):
        methods[f"lift w={w} cross"] = hybrid(w, lift=True)
        methods[f"lift w={w} cross, BM25 coverage > 0"] = hybrid(w, known=True, lift=True)
    for split in ("tune", "heldout"):
        print(f"\n### {split} split: R@1 / R@5 / MRR@10\n")
        print("\n".join(table(sets, methods, split)))
    chosen = {"before (w=0)": hybrid(0.0),
              "after (lift w=0.3 cross, coverage > 0)": hybrid(0.3, known=True, lift=True)}
    print("\n### chosen, all questions (both splits): R@1 / R@5 / MRR@10\n")
    print("\n".join(table(sets, chosen, None)))
    pooled = {"French (gold FR + PIAF FR)": ["gold FR", "PIAF FR"],
              "English (gold EN + dev EN + PIAF EN)": ["gold EN", "dev EN", "PIAF EN"]}
    for split in ("tune", "heldout", None):
        print(f"\n### chosen, per language, {split or 'all'} (pooled): R@1 / R@5 / MRR@10\n")
        print("| method | " + " | ".join(pooled) + " |\n|---|---|---|")
        for label, m in chosen.items():
            cells = []
            for names in pooled.values():
                got = [metrics(sets[n][0], r, m(sets[n][0], r)) for n in names
                       for r in sets[n][1] if split is None or r["split"] == split]
                tot = [sum(g[i] for g in got) / len(got) for i in range(3)]
                cells.append(f"{tot[0]:.2f} / {tot[1]:.2f} / {tot[2]:.3f} (n={len(got)})")
            print(f"| {label} | " + " | ".join(cells) + " |")
    rows = offtopic_rows(a, off)
    print("\n### off-topic questions over the articles: best sentence cosine in the top 4\n")
    en = [r for r in rows if r["detected"] != "fr"]
    print(f"{len(en)} questions not detected as French; gate across languages {GATE_CROSS}\n")
    print("| method | over the gate | questions over it |\n|---|---|---|")
    for label, m in methods.items():
        over = [r for r in en if gate_view(a, r, m) >= GATE_CROSS]
        print(f"| {label} | {len(over)} | " + "; ".join(r["query"] for r in over) + " |")
    chunk_best = sorted(float((a["vecs"] @ r["qvec"]).max()) for r in en)
    print("\noff-topic best chunk cosine:", " ".join(f"{c:.3f}" for c in chunk_best))
    for name in ("gold EN", "dev EN", "PIAF EN"):
        d, rs = sets[name]
        cb = np.array([float((d["vecs"] @ r["qvec"]).max()) for r in rs])
        print(f"{name} best chunk cosine: min {cb.min():.3f}, p10 {np.quantile(cb, .1):.3f}, "
              f"median {np.median(cb):.3f}; below 0.78: {(cb < .78).sum()}, below 0.80: "
              f"{(cb < .80).sum()} of {len(cb)}")
