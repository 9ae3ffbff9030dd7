import pickle
import sys

import numpy as np

sys.path.insert(0, "/work/main")
from rag.evaluation.evals import contains_answer


def metrics(row, ranked):
    docs = [row["info"][c][0] for c in ranked[:10]]
    wanted = set(row["doc_ids"])
    r5 = len({d for d in docs[:5] if d in wanted}) / len(wanted)
    first = next((i for i, d in enumerate(docs, 1) if d in wanted), None)
    mrr = 1 / first if first else 0
    r1 = len({d for d in docs[:1] if d in wanted}) / len(wanted)
    ah = float(any(contains_answer(row["info"][c][1], row["answers"]) for c in ranked[:5]))
    return np.array([r1, r5, mrr, ah])

def rrf(row, wd=1.0, wb=1.0, k=60, depth=50):
    f = {}
    for lst, w in ((row["dense"][:depth], wd), (row["bm25"][:depth], wb)):
        for r, (c, _) in enumerate(lst, 1):
            f[c] = f.get(c, 0) + w / (k + r)
    return sorted(f, key=lambda c: (-f[c], c))

def norm(lst, how):
    if not lst:
        return {}
    s = np.array([x for _, x in lst], float)
    if how == "minmax":
        lo, hi = s.min(), s.max()
        n = (s - lo) / (hi - lo) if hi > lo else np.ones_like(s)
    elif how == "max":
        n = s / s.max() if s.max() > 0 else s
    elif how == "z":
        n = (s - s.mean()) / (s.std() + 1e-9)
    return {c: float(v) for (c, _), v in zip(lst, n, strict=True)}

def cc(row, a=0.5, how="minmax", depth=50, floor=None):
    d, b = norm(row["dense"][:depth], how), norm(row["bm25"][:depth], how)
    fd = min(d.values()) if (floor and d) else 0.0
    fb = min(b.values()) if (floor and b) else 0.0
    ids = set(d) | set(b)
    f = {c: a * d.get(c, fd) + (1 - a) * b.get(c, fb) for c in ids}
    return sorted(f, key=lambda c: (-f[c], c))

def run(rows, fn):
    return np.mean([metrics(r, fn(r)) for r in rows], axis=0)

def _load(name):
    with open(f"/tmp/fx/{name}.pkl", "rb") as f:
        return pickle.load(f)


sets = {n: _load(n) for n in ("gold_A", "gold_E", "piaf_A", "piaf_E")}
variants = {
  "dense": lambda r: [c for c, _ in r["dense"]],
  "bm25": lambda r: [c for c, _ in r["bm25"]],
  "rrf60 1/1": lambda r: rrf(r),
  "rrf60 1/.5": lambda r: rrf(r, 1, .5),
  "rrf60 1/.7": lambda r: rrf(r, 1, .7),
  "rrf20 1/1": lambda r: rrf(r, k=20),
  "rrf10 1/1": lambda r: rrf(r, k=10),
}
for a in (0.3, 0.4, 0.5, 0.6, 0.7):
    variants[f"cc-minmax a={a}"] = lambda r, a=a: cc(r, a, "minmax")
    variants[f"cc-z a={a}"] = lambda r, a=a: cc(r, a, "z", floor=True)
for name, fn in variants.items():
    out = [name.ljust(18)]
    for sn, rows in sets.items():
        m = run(rows, fn)
        out.append(f"{sn}: R@1 {m[0]:.3f} R@5 {m[1]:.3f} MRR {m[2]:.3f} AH5 {m[3]:.3f}")
    print(" | ".join(out))
print("--- by lang / depth")
for sn in ("gold_A", "gold_E"):
    rows = sets[sn]
    for lang in ("fr", "en"):
        rs = [r for r in rows if r["lang"] == lang]
        for name, fn in (("rrf60", rrf), ("cc-z .5", lambda r: cc(r, .5, "z", floor=True)),
                         ("dense", variants["dense"]), ("bm25", variants["bm25"])):
            m = run(rs, fn)
            print(sn, lang, len(rs), name, m.round(3))
for depth in (20, 30, 50):
    for sn in ("gold_E", "piaf_E"):
        print(depth, sn,
              run(sets[sn], lambda r, d=depth: cc(r, .5, "z", depth=d, floor=True)).round(3))
