"""What bounds the fusion: per-question oracles over the lists it fuses, on the pickles of
collect_signals.py.

    python evals/study/bounds.py ART.pkl PIAF.pkl

- `best of dense / BM25 / fused`: each question scored by whichever of the three ranks its
  document best (an oracle choice of retriever per query: no weighting of these two lists can
  beat it question by question);
- `in either top 50`: the share of questions whose document is among the candidates fusion
  sees at all (depth 50 per list): the ceiling for any reranking of these candidates.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adaptive import DEPTH, bm25_only, dense_only, load_sets, metrics, shipped, top

if __name__ == "__main__":
    sets = load_sets(Path(sys.argv[1]), Path(sys.argv[2]))
    fused = shipped()
    print("| set | split | n | adaptive R@1 / R@5 / MRR | best of three R@1 / R@5 / MRR "
          "| in either top 50 |\n|---|---|---|---|---|---|")
    for name, (data, rows) in sets.items():
        for split in ("tune", "heldout"):
            rs = [r for r in rows if r["split"] == split]
            got, best, pool = [], [], 0
            for r in rs:
                ms = [metrics(data, r, m(data, r)) for m in (fused, dense_only, bm25_only)]
                got.append(ms[0])
                best.append(max(ms, key=lambda m: (m[2], m[1], m[0])))
                cands = {c for c, _ in top(data["vecs"] @ r["qvec"], DEPTH, False)}
                cands |= {c for c, _ in top(r["bm25"], DEPTH, True)}
                pool += bool({data["doc"][c] for c in cands} & set(r["doc_ids"]))
            n = len(rs)
            a = [sum(g[i] for g in got) / n for i in range(3)]
            b = [sum(g[i] for g in best) / n for i in range(3)]
            print(f"| {name} | {split} | {n} | {a[0]:.2f} / {a[1]:.2f} / {a[2]:.3f} | "
                  f"{b[0]:.2f} / {b[1]:.2f} / {b[2]:.3f} | {pool / n:.3f} |")
