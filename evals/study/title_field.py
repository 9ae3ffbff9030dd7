import pickle
import sqlite3
import sys

import numpy as np

sys.path.insert(0, "/work/main")
sys.path.insert(0, "/tmp/fx")
from fuse_lib import cc, run

from rag.bm25 import BM25Index
from rag.text import tokenize


def build(idx):
    con = sqlite3.connect(f"{idx}/store.sqlite")
    rows = con.execute("SELECT c.id, c.text, d.title, c.doc_id FROM chunks c "
                       "JOIN documents d USING (doc_id) ORDER BY c.id").fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    body = BM25Index.build([tokenize(r[1], "french") for r in rows], ids)
    title = BM25Index.build([tokenize(r[2], "french") for r in rows], ids)
    both = BM25Index.build([tokenize(r[2] + "\n" + r[1], "french") for r in rows], ids)
    info = {r[0]: (r[3], r[1]) for r in rows}
    return body, title, both, info, ids

def bm25f(body, title, ids, q, beta, depth=50):
    t = tokenize(q, "french")
    s = body.scores(t) + beta * title.scores(t)
    order = np.argsort(-s, kind="stable")[:depth]
    return [(int(ids[i]), float(s[i])) for i in order if s[i] > 0]

for name, idx, pk in (("gold", "/tmp/idxA_fx", "gold_A"), ("piaf", "/tmp/piaf_idx_A", "piaf_A")):
    body, title, both, info, ids = build(idx)
    with open(f"/tmp/fx/{pk}.pkl", "rb") as f:
        rows = pickle.load(f)
    qs = {}
    gold_path = "/work/main/evals/gold.jsonl" if name == "gold" else "/tmp/piaf/gold.jsonl"
    from rag.evaluation.evals import load_gold, retrieval_query
    for g in load_gold(gold_path):
        qs[g.id] = retrieval_query(g, True)
    for beta in (0.0, 0.25, 0.5, 1.0, "both"):
        rr = []
        for r in rows:
            r = dict(r)
            q = qs[r["id"]]
            if beta == "both":
                t = tokenize(q, "french")
                s = both.scores(t)
                order = np.argsort(-s, kind="stable")[:50]
                r["bm25"] = [(int(ids[i]), float(s[i])) for i in order if s[i] > 0]
            else:
                r["bm25"] = bm25f(body, title, ids, q, beta)
            r["info"] = info
            rr.append(r)
        mb = run(rr, lambda r: [c for c, _ in r["bm25"]])
        mh = run(rr, lambda r: cc(r, .5, "z", floor=True))
        print(name, beta, "bm25", mb.round(3), "hybrid-z", mh.round(3))
    if name == "gold":
        q = "Combien de soldats la Russie a-t-elle envoyés ?"
        for beta in (0.25, 0.5, 1.0):
            print(beta, [info[c][0][:3] + str(c) for c, _ in bm25f(body, title, ids, q, beta)[:6]])
