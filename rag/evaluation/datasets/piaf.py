"""PIAF v1.0 (SQuAD v1 format) to `corpus.jsonl` + `gold.jsonl`: an external French benchmark.

Every paragraph becomes one document (`piaf-AAA-PP`), so each paragraph is both a passage and a
distractor for the others. Many PIAF questions were written next to their paragraph and mean
nothing in open retrieval ("Combien d'employeurs ?"), so only self-contained questions are kept.
A question is kept when, checking in this order (the first failure is the reason counted):

1. offset: `context[answer_start:answer_start + len(text)] == text` (two PIAF entries fail);
2. length: at least 5 words (whitespace-separated tokens holding a letter or digit);
3. anchor: a digit anywhere, or a proper noun: a token (split on spaces and apostrophes, so
   "l'UNESCO" gives "UNESCO") other than the first whose first letter is upper case;
4. deixis: no demonstrative pointing at the paragraph: no "cet", "cette", "ces", "celui-ci" and
   the like, and no "ce" used as a determiner (any "ce" not followed by qui/que/qu'/quoi/dont,
   so "qu'est-ce que" and "ce qui" stay allowed but "ce poème", "ce dernier" do not);
5. duplicates: a question text asked on two different paragraphs is dropped (its gold is
   ambiguous); one asked several times on the same paragraph is kept once, first occurrence.

The kept questions are ordered by the sha1 of their PIAF id and the first `--max-questions` are
written (0 keeps all): a deterministic sample, and a larger N gives a superset in the same order.
Titles lose their HTML markup (19 PIAF titles hold `<i>`, `<span>`...) and underscores.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SOURCE = "piaf-v1.0"
PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SRC = PROJECT_ROOT.parent / "shared" / "datasets" / "piaf-v1.0" / "piaf-v1.0.json"
DEFAULT_OUT = PROJECT_ROOT / "evals" / "piaf"
DEFAULT_MAX_QUESTIONS = 400
MIN_WORDS = 5
REASONS = ("offset", "short", "no_anchor", "deictic", "duplicate")

_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
_TOKEN_SPLIT = re.compile(r"[\s'’]+")
_DEMONSTRATIVES = frozenset({"cet", "cette", "ces"})
_DEMONSTRATIVE_PRONOUN = re.compile(r"^(celui|celle|ceux|celles)-(ci|là)$")
_CE_PRONOUN_NEXT = frozenset({"qui", "que", "qu", "quoi", "dont"})


class PiafError(Exception):
    """An unusable source file: reported in one line, never a traceback."""


@dataclass(frozen=True, slots=True)
class Entry:
    qa_id: str
    question: str
    answer: str
    doc_id: str


@dataclass(slots=True)
class Result:
    paragraphs: int
    questions: int
    kept: int
    written: int
    dropped: dict[str, int]

    def summary(self, out: Path) -> str:
        why = ", ".join(f"{k} {self.dropped.get(k, 0)}" for k in REASONS)
        return (f"piaf: {self.paragraphs} paragraphs, {self.questions} questions, {self.kept} "
                f"kept after filters (dropped: {why}), {self.written} written to {out}")


def clean_title(title: str) -> str:
    """Wikipedia titles as shown, without the markup PIAF kept ("<i>Looney Tunes</i>")."""
    text = html.unescape(_TAG.sub("", title)).replace("_", " ")
    return _SPACES.sub(" ", text).strip()


def _tokens(question: str) -> list[str]:
    """Tokens split on spaces and apostrophes, leading punctuation removed, empty ones dropped."""
    out = []
    for raw in _TOKEN_SPLIT.split(question):
        tok = raw.lstrip("«»\"“”‘([{-—–.,;:!?¿¡ ")
        if any(ch.isalnum() for ch in tok):
            out.append(tok)
    return out


def word_count(question: str) -> int:
    return sum(1 for w in question.split() if any(ch.isalnum() for ch in w))


def has_anchor(question: str) -> bool:
    """A digit or a capitalised non-initial token: something a search can latch onto."""
    if any(ch.isdigit() for ch in question):
        return True
    return any(next(ch for ch in tok if ch.isalpha() or ch.isdigit()).isupper()
               for tok in _tokens(question)[1:])


def is_deictic(question: str) -> bool:
    """True when a demonstrative points at the unseen paragraph ("cette période", "ce poème")."""
    toks = [t.lower().rstrip("?!.,;:»\"”)") for t in _tokens(question)]
    for i, tok in enumerate(toks):
        if tok in _DEMONSTRATIVES or _DEMONSTRATIVE_PRONOUN.match(tok):
            return True
        if tok == "ce" and i + 1 < len(toks) and toks[i + 1] not in _CE_PRONOUN_NEXT:
            return True
    return False


def filter_reason(question: str) -> str | None:
    """The first self-containedness rule the question breaks (offset and duplicates aside)."""
    if word_count(question) < MIN_WORDS:
        return "short"
    if not has_anchor(question):
        return "no_anchor"
    if is_deictic(question):
        return "deictic"
    return None


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _load(src: Path) -> list[dict[str, Any]]:
    try:
        raw = json.loads(src.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PiafError(f"source not found: {src}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PiafError(f"cannot read {src}: {exc}") from None
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, list):
        raise PiafError(f"{src}: not SQuAD format (no `data` list)")
    return data


def convert(src: Path, out: Path, max_questions: int = DEFAULT_MAX_QUESTIONS) -> Result:
    """Write `out/corpus.jsonl` and `out/gold.jsonl`; same input, same bytes."""
    articles = _load(src)
    docs: list[dict[str, str]] = []
    entries: list[Entry] = []
    dropped = dict.fromkeys(REASONS, 0)
    try:
        for a, article in enumerate(articles):
            title = clean_title(str(article.get("title", "")))
            for p, para in enumerate(article["paragraphs"]):
                doc_id = f"piaf-{a:03d}-{p:02d}"
                context: str = para["context"]
                docs.append({"id": doc_id, "title": title, "text": context, "source": SOURCE})
                for qa in para["qas"]:
                    ans = qa["answers"][0]
                    text, start = ans["text"], int(ans["answer_start"])
                    if context[start:start + len(text)] != text:
                        dropped["offset"] += 1
                        continue
                    entries.append(Entry(str(qa["id"]), qa["question"].strip(), text, doc_id))
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise PiafError(f"{src}: unexpected SQuAD structure ({exc!r})") from None
    n_questions = len(entries) + dropped["offset"]

    paragraphs_of: dict[str, set[str]] = {}
    for e in entries:
        paragraphs_of.setdefault(e.question, set()).add(e.doc_id)
    kept: list[Entry] = []
    seen: set[str] = set()
    for e in entries:
        reason = filter_reason(e.question)
        if reason is None and (len(paragraphs_of[e.question]) > 1 or e.question in seen):
            reason = "duplicate"
        if reason is not None:
            dropped[reason] += 1
            continue
        seen.add(e.question)
        kept.append(e)

    ordered = sorted(kept, key=lambda e: (_sha1(e.qa_id), e.qa_id))
    chosen = ordered[:max_questions] if max_questions > 0 else ordered
    out.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out / "corpus.jsonl", docs)
    _write_jsonl(out / "gold.jsonl", [
        {"id": e.qa_id, "question": e.question, "answers": [e.answer], "doc_ids": [e.doc_id],
         "lang": "fr", "answerable": True, "type": "piaf"} for e in chosen
    ])
    return Result(len(docs), n_questions, len(kept), len(chosen), dropped)


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Written to a temporary name then renamed, so a reader never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m rag.evaluation.datasets.piaf",
                                description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--src", type=Path, default=DEFAULT_SRC, help="PIAF v1.0 JSON file")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT,
                   help="output directory (default: evals/piaf in the project)")
    p.add_argument("--max-questions", type=int, default=DEFAULT_MAX_QUESTIONS,
                   help="questions written, a sha1-ordered sample (0: all; default 400)")
    args = p.parse_args(argv)
    if args.max_questions < 0:
        p.error("--max-questions must be 0 or more")
    try:
        result = convert(args.src, args.out, args.max_questions)
    except PiafError as exc:
        print(f"piaf: error: {exc}", file=sys.stderr)
        return 1
    print(result.summary(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
