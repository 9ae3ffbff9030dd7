"""Retrieval evals against a gold JSONL: doc-level recall, MRR, nDCG and answer hits."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.errors import RagError
from rag.retrieval import Hit
from rag.text import fold

CUTOFFS = (1, 5, 10)


@dataclass(frozen=True, slots=True)
class GoldQuestion:
    id: str
    question: str
    answers: list[str]
    doc_ids: list[str]
    lang: str
    answerable: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def load_gold(path: Path) -> list[GoldQuestion]:
    """Parse a gold file; any malformed line is an error naming the line (evals must be exact)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise RagError(f"gold file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RagError(f"cannot read gold file {path}: {exc}") from None
    out: list[GoldQuestion] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RagError(f"{path}:{n}: malformed JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise RagError(f"{path}:{n}: expected a JSON object")
        q = obj.get("question")
        if not isinstance(q, str) or not q.strip():
            raise RagError(f"{path}:{n}: `question` must be a non-empty string")
        qid = str(obj.get("id", f"line{n}"))
        if qid in seen:
            raise RagError(f"{path}:{n}: duplicate id {qid!r}")
        seen.add(qid)
        answers, doc_ids = obj.get("answers", []), obj.get("doc_ids", [])
        for name, val in (("answers", answers), ("doc_ids", doc_ids)):
            if not isinstance(val, list) or not all(isinstance(v, str) for v in val):
                raise RagError(f"{path}:{n}: `{name}` must be a list of strings")
        answerable = obj.get("answerable", True)
        if not isinstance(answerable, bool):
            raise RagError(f"{path}:{n}: `answerable` must be true or false")
        if answerable and not doc_ids:
            raise RagError(f"{path}:{n}: an answerable question needs `doc_ids`")
        known = {"id", "question", "answers", "doc_ids", "lang", "answerable"}
        out.append(GoldQuestion(qid, q, answers, doc_ids, str(obj.get("lang", "und")),
                                answerable, {k: v for k, v in obj.items() if k not in known}))
    if not out:
        raise RagError(f"gold file {path} holds no questions")
    return out


_SPACES = re.compile(r"\s+")


def normalise_answer(text: str) -> str:
    """Case, accents, apostrophes, spacing and digit groups folded: '3 000' == '3000'."""
    return _SPACES.sub(" ", fold(text).replace("’", "'")).strip()


def contains_answer(text: str, answers: Sequence[str]) -> bool:
    norm = normalise_answer(text)
    return any(normalise_answer(a) in norm for a in answers if a.strip())


def question_metrics(gold: GoldQuestion, hits: Sequence[Hit]) -> dict[str, float]:
    docs = [h.chunk.doc_id for h in hits]
    wanted = set(gold.doc_ids)
    m: dict[str, float] = {}
    for c in CUTOFFS:
        found = {d for d in docs[:c] if d in wanted}
        m[f"recall@{c}"] = len(found) / len(wanted)
    first = next((i for i, d in enumerate(docs[:10], 1) if d in wanted), None)
    m["mrr@10"] = 1.0 / first if first else 0.0
    dcg, seen = 0.0, set()
    for i, d in enumerate(docs[:10], 1):
        if d in wanted and d not in seen:
            seen.add(d)
            dcg += 1.0 / math.log2(i + 1)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(wanted), 10) + 1))
    m["ndcg@10"] = dcg / ideal
    m["answer_hit@5"] = float(any(contains_answer(h.chunk.text, gold.answers) for h in hits[:5]))
    return m


METRICS = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "answer_hit@5")


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) if rows else 0.0 for k in METRICS}


def evaluate_retrieval(
    gold: Sequence[GoldQuestion],
    search: Callable[[str, int], list[Hit]],
    k: int = 10,
    retriever: str = "hybrid",
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Run every answerable question; unanswerable ones are counted but not scored."""
    depth = max(k, max(CUTOFFS))
    rows: list[dict[str, float]] = []
    by_lang: dict[str, list[dict[str, float]]] = {}
    per_question: list[dict[str, Any]] = []
    for g in gold:
        if not g.answerable:
            if progress:
                progress(1)
            continue
        hits = search(g.question, depth)
        m = question_metrics(g, hits)
        rows.append(m)
        by_lang.setdefault(g.lang, []).append(m)
        per_question.append({"id": g.id, "lang": g.lang, **m,
                             "retrieved": [h.chunk.id for h in hits[:k]]})
        if progress:
            progress(1)
    return {
        "n": len(rows),
        "unanswerable_skipped": sum(1 for g in gold if not g.answerable),
        "retriever": retriever,
        "k": k,
        **_mean(rows),
        "by_lang": {lang: {"n": len(r), **_mean(r)} for lang, r in sorted(by_lang.items())},
        "questions": per_question,
    }
