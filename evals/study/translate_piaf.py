"""English PIAF dev set: the first N PIAF questions (deterministic sha1 order) translated once
with the local model, so fusion can be measured on English questions over French paragraphs.

    python -m rag.evaluation.datasets.piaf # writes evals/piaf/gold.jsonl (git-ignored)
    OMP_WAIT_POLICY=PASSIVE .venv/bin/python evals/study/translate_piaf.py [--n 300]

Writes evals/piaf_en/gold.jsonl: same ids, answers and doc_ids as the French gold (the answers
are French spans of the French paragraph), `lang: "en"`, `question_fr` keeps the original.
Resumable: ids already in the output are skipped, so a killed run continues where it stopped.
Hand fixes after the run are listed in evals/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rag.config import Settings  # noqa: E402
from rag.llm.base import Message  # noqa: E402
from rag.llm.local import LocalLlamaCpp, resolve_model  # noqa: E402

# Without the "Do not answer" line and the two worked examples, the 1.5B model answered about
# half of the questions instead of translating them (often with an invented answer).
SYSTEM = ("You are a translator. Translate the French question the user gives into an English "
          "question. Do not answer it. Output only the translated question, ending with a "
          "question mark.")
SHOTS = (("Quelle est la capitale de la Bolivie ?", "What is the capital of Bolivia?"),
         ("En quelle année Jean Moulin est-il mort ?", "In what year did Jean Moulin die?"))


def messages(question: str) -> list[Message]:
    out: list[Message] = [{"role": "system", "content": SYSTEM}]
    for fr, en in SHOTS:
        out += [{"role": "user", "content": f"Translate to English: {fr}"},
                {"role": "assistant", "content": en}]
    out.append({"role": "user", "content": f"Translate to English: {question}"})
    return out


# Read by hand: a sample of 20 (the first 20 of the file); these were wrong or garbled and are
# replaced when the file is written (`--fix-only` applies them to an existing file).
HAND_FIXES = {
    "p140295218200936": "What is the diminutive of Poppy Pomfresh?",
    "p140295203613864": "Which title did FC Internazionale Milano win the year after its second "
                        "Italian championship title?",
    "p140295223313824": "What is meant by the Saint Leger diversion?",
    "p140295219023304": "On what date was the delegation of elected officials from Mayotte "
                        "received at Matignon?",
}


def apply_fixes(path: Path) -> int:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    n = 0
    for r in rows:
        fixed = HAND_FIXES.get(r["id"])
        if fixed and r["question"] != fixed:
            r["question"], r["hand_fixed"] = fixed, True
            n += 1
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return n


def clean(text: str) -> str:
    """First non-empty line, quotes and a 'Translation:' prefix stripped."""
    line = next((s.strip() for s in text.splitlines() if s.strip()), "")
    for prefix in ("English:", "Translation:", "English translation:"):
        if line.lower().startswith(prefix.lower()):
            line = line[len(prefix):].strip()
    return line.strip('"“”«» ').strip()


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--src", type=Path, default=ROOT / "evals" / "piaf" / "gold.jsonl")
    p.add_argument("--out", type=Path, default=ROOT / "evals" / "piaf_en" / "gold.jsonl")
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--fix-only", action="store_true", help="only apply HAND_FIXES")
    args = p.parse_args()
    if args.fix_only:
        print(f"{apply_fixes(args.out)} hand fixes applied")
        return 0
    rows = [json.loads(line) for line in args.src.read_text(encoding="utf-8").splitlines()
            if line.strip()][:args.n]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    done: set[str] = set()
    if args.out.exists():
        done = {json.loads(line)["id"] for line in args.out.read_text(encoding="utf-8")
                .splitlines() if line.strip()}
    settings = Settings(llm="local", llm_threads=2)
    llm = LocalLlamaCpp(resolve_model(settings.llm_model, settings.model_cache_dir),
                        settings.llm_threads, 1024)
    t0 = time.time()
    with args.out.open("a", encoding="utf-8") as f:
        for i, row in enumerate(rows):
            if row["id"] in done:
                continue
            out = llm.complete(messages(row["question"]), 64)
            en = {**row, "question": clean(out) or row["question"], "lang": "en",
                  "question_fr": row["question"], "type": "piaf_en"}
            f.write(json.dumps(en, ensure_ascii=False) + "\n")
            f.flush()
            print(f"{i + 1}/{len(rows)} {time.time() - t0:.0f}s {en['question']}", flush=True)
    print(f"{apply_fixes(args.out)} hand fixes applied")
    return 0


if __name__ == "__main__":
    sys.exit(main())
