"""The tune/held-out split used by the fusion study: one rule for every set.

Within one file, the ids are sorted by their sha1 and every third one (ranks 0, 3, 6, ...) is
held out: exactly a third, whatever the luck of the hash on a few dozen ids. The new dev files
carry it as `"split"`; gold.jsonl and the regenerated PIAF gold get it from the same rule. PIAF
gold is itself in sha1 order of the same ids and the English PIAF set is its first 300, so a
PIAF question and its translation always fall on the same side.

    python evals/study/splits.py FILE...   # (re)writes `split` into each JSONL file in place
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def splits(ids: list[str]) -> dict[str, str]:
    order = sorted(ids, key=lambda q: (hashlib.sha1(q.encode("utf-8")).hexdigest(), q))
    return {q: "heldout" if i % 3 == 0 else "tune" for i, q in enumerate(order)}


def mark(path: Path) -> tuple[int, int]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    of = splits([str(r["id"]) for r in rows])
    for r in rows:
        r["split"] = of[str(r["id"])]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return len(rows), sum(r["split"] == "heldout" for r in rows)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        n, held = mark(Path(name))
        print(f"{name}: {n} questions, {held} held out")
