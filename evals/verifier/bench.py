"""Benchmark the claim verifier on evals/verifier/pairs.jsonl; calibrate its threshold.

Each pair is one claim citing one passage (`claim [1]`). Reported per split (tune, heldout)
and claim language, and per kind of claim: the share of false claims caught and the share of
true claims flagged (false alarms). `--sweep` prints both for a range of thresholds on the
tuning split, the threshold is then chosen there and only read on heldout. `--pairing query`
embeds claims with e5's "query: " prefix instead of "passage: " (for the comparison in
evals/README.md).

    .venv/bin/python -m evals.verifier.bench [--threshold T] [--sweep] [--json] [--errors]
        [--pairs evals/verifier/blind_pairs.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.answering.verify import DEFAULT_THRESHOLD, Passage, Verifier, _Sentences
from rag.embedders.base import Vectors

PAIRS = Path(__file__).with_name("pairs.jsonl")


class _QueryClaims(Verifier):
    """Claims embedded as e5 queries (one call each), passage sentences as passages."""

    def _embed(self, claims: Sequence[str], described: Sequence[_Sentences]) -> Vectors:
        super()._embed([], described)
        return np.stack([self.embedder.embed_query(c) for c in claims]) if claims else \
            np.zeros((0, self.embedder.dim), np.float32)


def run(pairs: list[dict[str, Any]], pairing: str, threshold: float = -1.0
        ) -> list[dict[str, Any]]:
    """Verify every pair: reason and score. With no threshold (-1) to sweep thresholds after;
    else at the verifier's own, as `rag verify` judges: a sentence whose meaning falls short
    of it is where two sentences together are tried, so judging with none and cutting after
    flagged claims that two sentences support (blind_pairs31 v31_014)."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from rag.embedders.e5 import E5Embedder

    embedder = E5Embedder(threads=int(os.environ.get("RAG_EMBED_THREADS", "2")))
    cls = _QueryClaims if pairing == "query" else Verifier
    verifier = cls(embedder, threshold=threshold)
    cache: dict[str, Vectors] = {}
    out = []
    for p in pairs:
        passage = Passage(p["passage"], p["title"])
        if p["passage"] not in cache:
            cache[p["passage"]] = verifier.embed_sentences(passage)
        res = verifier.verify(p["claim"] + " [1]", [passage], [cache[p["passage"]]],
                              recite=False)
        claims = res.claims
        ok = all(c.reason == "supported" for c in claims)
        score = min((c.score for c in claims), default=0.0)
        out.append({**p, "ok": ok, "score": score,
                    "reason": next((c.reason for c in claims if c.reason != "supported"),
                                   "supported"),
                    "missing": [m for c in claims if c.evidence for m in c.evidence.missing],
                    "evidence": claims[0].evidence.text if claims and claims[0].evidence
                    else None})
    return out


def rates(rows: list[dict[str, Any]], t: float) -> dict[str, Any]:
    true = [r for r in rows if r["label"]]
    false = [r for r in rows if not r["label"]]
    flagged = sum(1 for r in true if not (r["ok"] and r["score"] >= t))
    caught = sum(1 for r in false if not (r["ok"] and r["score"] >= t))
    return {"true": len(true), "false": len(false),
            "caught": round(caught / len(false), 3) if false else None,
            "false_alarms": round(flagged / len(true), 3) if true else None}


def report(rows: list[dict[str, Any]], t: float) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        for key in (r["split"], f"{r['split']}/{r['lang']}", "all"):
            groups[key].append(r)
    kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        kinds[r["kind"]].append(r)
    for r in rows:
        kinds[f"{r['split']}/{r['kind']}"].append(r)
    return {"threshold": t, "groups": {k: rates(v, t) for k, v in sorted(groups.items())},
            "caught_by_kind": {k: rates(v, t)["caught"] for k, v in sorted(kinds.items())
                               if not v[0]["label"]},
            "flagged_by_kind": {k: rates(v, t)["false_alarms"] for k, v in sorted(kinds.items())
                                if v[0]["label"]}}


def _rate(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--pairing", choices=["passage", "query"], default="passage")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--errors", action="store_true", help="print misclassified pairs")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pairs", type=Path, default=PAIRS,
                    help="pairs file (blind_pairs.jsonl: hand-written, held out, no split)")
    args = ap.parse_args(argv)
    pairs = [{"split": "blind", "title": "", **json.loads(x)}
             for x in args.pairs.read_text(encoding="utf-8").splitlines() if x]
    t0 = time.perf_counter()
    rows = run(pairs, args.pairing, args.threshold)
    secs = time.perf_counter() - t0
    if args.sweep:  # (judged again with no threshold, to cut at each; the report stays the
        # verifier's own judgement above)
        swept = run(pairs, args.pairing, -1.0)
        tune = [r for r in swept if r["split"] == "tune"]
        split = "tune" if tune else "all"  # (a blind file has no split: all of it)
        for t in np.arange(0.70, 0.95, 0.01):
            r = rates(tune or swept, float(t))
            print(f"t={t:.2f} {split} caught={_rate(r['caught'])} "
                  f"false_alarms={_rate(r['false_alarms'])}")
    rep = report(rows, args.threshold)
    rep["pairs"] = len(rows)
    rep["seconds"] = round(secs, 1)
    if args.json:
        print(json.dumps(rep, indent=1))
    else:
        print(f"threshold {args.threshold}, pairing {args.pairing}, {len(rows)} pairs, "
              f"{secs:.0f} s")
        print(f"{'group':<14} {'true':>5} {'false':>5} {'caught':>7} {'false alarms':>12}")
        for k, v in rep["groups"].items():
            print(f"{k:<14} {v['true']:>5} {v['false']:>5} {v['caught']!s:>7} "
                  f"{v['false_alarms']!s:>12}")
        for what, key in (("caught", "caught_by_kind"), ("false alarms", "flagged_by_kind")):
            for split in ("", *sorted({f"{r['split']}/" for r in rows})):
                print(f"{what} by kind{' (' + split[:-1] + ')' if split else ''}:",
                      {k.removeprefix(split): v for k, v in rep[key].items()
                       if (k.startswith(split) if split else "/" not in k)})
    if args.errors:
        for r in rows:
            wrong = (r["ok"] and r["score"] >= args.threshold) != r["label"]
            if wrong:
                print(f"\n{r['id']} {r['split']} {r['kind']} label={r['label']} "
                      f"reason={r['reason']} score={r['score']:.3f} missing={r['missing']}\n"
                      f"  claim: {r['claim']}\n  evid:  {r['evidence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
