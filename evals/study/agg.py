"""Aggregate the ROW lines of evals/study/sets.sh logs, or compare two tags row by row.

    python evals/study/agg.py TAG [TAG2]     # TAG2: list the rows whose status changed
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path


def rows(tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for log in sorted(Path("/tmp/rows").glob(f"{tag}.*.log")):
        kind = log.name.split(".")[-2]
        for line in log.read_text().splitlines():
            if line.startswith("ROW "):
                _, key, status = line.split()
                out[f"{kind}|{key}"] = status
    return out


def group(key: str) -> str:
    kind, rest = key.split("|")
    stem, lang, _ = rest.split(":")
    if kind == "held":
        return f"held:{lang}"
    if re.fullmatch(r"blind\d*_articles", stem):
        return f"study:{lang}"
    return f"{stem}:{lang}" if kind == "art" else f"piaf-{stem}:{lang}"


def main() -> None:
    a = rows(sys.argv[1])
    if len(sys.argv) > 2:
        b = rows(sys.argv[2])
        for k in sorted(set(a) & set(b)):
            if a[k] != b[k]:
                print(f"{k:50} {a[k]:9} -> {b[k]}")
        return
    st: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for k, s in a.items():
        st[group(k)][s] += 1
    print(f"{'group':24} {'match':>9} {'miss':>5} {'wdecl':>5} | {'traps declined':>14}")
    for g in sorted(st):
        c = st[g]
        ans = c["match"] + c["miss"] + c["declined"]
        unans = c["trap-declined"] + c["trap-answered"]
        line = f"{g:24} {c['match']:>4}/{ans:<4} {c['miss']:>5} {c['declined']:>5} | "
        print(line + (f"{c['trap-declined']:>4}/{unans}" if unans else ""))


if __name__ == "__main__":
    main()
