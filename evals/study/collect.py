"""Collect dense and bm25 candidate lists (depth 50) per question for an index; pickle."""
import pickle
import sys
from pathlib import Path

from rag.config import Settings
from rag.embedders import make_embedder
from rag.evaluation.evals import load_gold, retrieval_query
from rag.ingest import Ingestor
from rag.retrieval import Searcher
from rag.store import IndexStore

idx, gold_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
s = Settings(index_dir=Path(idx))
emb = make_embedder(s)
store = IndexStore.open(s)
snap = store.load(Ingestor(s, emb, store).identity)
se = Searcher(snap, emb, s)
gold = load_gold(Path(gold_path))
rows = []
for g in gold:
    if not g.answerable:
        continue
    q = retrieval_query(g, True)
    d = se.retrievers["dense"].candidates(q, 50)
    b = se.retrievers["bm25"].candidates(q, 50)
    ids = {c for c, _ in d} | {c for c, _ in b}
    ch = snap.chunks(list(ids))
    info = {c: (ch[c].doc_id, ch[c].text) for c in ids}
    rows.append({"id": g.id, "lang": g.lang, "doc_ids": g.doc_ids, "answers": g.answers,
                 "dense": d, "bm25": b, "info": info})
with open(out, "wb") as f:
    pickle.dump(rows, f)
print(len(rows))
