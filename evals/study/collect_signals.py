"""Everything the fusion study needs per question, saved once so variants cost seconds.

    python evals/study/collect_signals.py INDEX_DIR OUT.pkl GOLD.jsonl[:NAME] ...

Per index: every chunk's id, doc id, title, text and vector. Per question: the query vector,
the BM25 score of every chunk, the query's BM25 terms with their idf and whether the index
knows them, the detected language, gold doc ids and split (evals/study/splits.py). Dense scores
of any variant (pseudo-relevance feedback too) are then `vectors @ query`.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evals" / "study"))

from splits import splits  # noqa: E402

from rag.answering.language import detect_language  # noqa: E402
from rag.config import Settings  # noqa: E402
from rag.embedders import make_embedder  # noqa: E402
from rag.evaluation.evals import load_gold, retrieval_query  # noqa: E402
from rag.ingest import Ingestor  # noqa: E402
from rag.store import IndexStore  # noqa: E402
from rag.text import tokenize  # noqa: E402


def main() -> int:
    idx, out, golds = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
    s = Settings(index_dir=idx)
    emb = make_embedder(s)
    store = IndexStore.open(s)
    snap = store.load(Ingestor(s, emb, store).identity)
    bm25 = snap.bm25
    ids = [int(i) for i in bm25.ids]
    chunks = snap.chunks(ids)
    vecs = np.stack([snap.dense.reconstruct(i) for i in ids]).astype(np.float32)
    data = {"index": str(idx), "ids": ids, "doc": [chunks[i].doc_id for i in ids],
            "title": [chunks[i].title for i in ids], "text": [chunks[i].text for i in ids],
            "vecs": vecs, "sets": {}}
    for spec in golds:
        path, _, name = spec.partition(":")
        gold = load_gold(Path(path))
        of = splits([g.id for g in gold])
        rows = []
        for g in gold:
            if not g.answerable:
                continue
            q = retrieval_query(g, True)
            toks = tokenize(q, s.bm25_stemmer)
            rows.append({
                "id": g.id, "lang": g.lang, "type": g.extra.get("type"), "split": of[g.id],
                "query": q, "doc_ids": g.doc_ids, "answers": g.answers,
                "detected": detect_language(q), "qvec": np.asarray(emb.embed_query(q),
                                                                   dtype=np.float32).ravel(),
                "bm25": bm25.scores(toks), "terms": [(t, bm25.idf(t), t in bm25._vocab)
                                                     for t in toks],
            })
        data["sets"][name or Path(path).stem] = rows
        print(name or path, len(rows), flush=True)
    with out.open("wb") as f:
        pickle.dump(data, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
