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


def recall_curve(gold: GoldQuestion, hits: Sequence[Hit], depth: int = 10) -> list[float]:
    """recall@1..depth, for the report's curves."""
    wanted = set(gold.doc_ids)
    docs = [h.chunk.doc_id for h in hits]
    return [len({d for d in docs[:c] if d in wanted}) / len(wanted) for c in range(1, depth + 1)]


def retrieval_query(gold: GoldQuestion, rewrite: bool = True) -> str:
    """The query a follow-up is searched with: rewritten with its history, or as asked."""
    history = gold.extra.get("history") or []
    if not rewrite or not history:
        return gold.question
    from rag.answering.rewrite import Rewriter

    return Rewriter(None).standalone(gold.question, history)


METRICS = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "answer_hit@5")


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) if rows else 0.0 for k in METRICS}


def evaluate_retrieval(
    gold: Sequence[GoldQuestion],
    search: Callable[[str, int], list[Hit]],
    k: int = 10,
    retriever: str = "hybrid",
    progress: Callable[[int], None] | None = None,
    rewrite: bool = True,
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
        query = retrieval_query(g, rewrite)
        hits = search(query, depth)
        m = question_metrics(g, hits)
        rows.append(m)
        by_lang.setdefault(g.lang, []).append(m)
        per_question.append({"id": g.id, "lang": g.lang, "question": g.question,
                             "query": query, "doc_ids": g.doc_ids, **m,
                             "curve": recall_curve(g, hits),
                             "retrieved": [{"chunk_id": h.chunk.id, "doc_id": h.chunk.doc_id,
                                            "text": h.chunk.text[:300]} for h in hits[:k]]})
        if progress:
            progress(1)
    curves = [q["curve"] for q in per_question]
    return {
        "n": len(rows),
        "unanswerable_skipped": sum(1 for g in gold if not g.answerable),
        "recall_curve": [round(sum(c[i] for c in curves) / len(curves), 4) if curves else 0.0
                         for i in range(10)],
        "retriever": retriever,
        "k": k,
        **_mean(rows),
        "by_lang": {lang: {"n": len(r), **_mean(r)} for lang, r in sorted(by_lang.items())},
        "questions": per_question,
    }


def token_f1(prediction: str, answers: Sequence[str]) -> float:
    """Best SQuAD-style token F1 against any gold answer (folded, markers removed)."""
    pred = normalise_answer(re.sub(r"\[\d+\]", " ", prediction)).split()
    best = 0.0
    for a in answers:
        gold = normalise_answer(a).split()
        if not pred or not gold:
            continue
        common = sum(min(pred.count(t), gold.count(t)) for t in set(gold))
        if common:
            p, r = common / len(pred), common / len(gold)
            best = max(best, 2 * p * r / (p + r))
    return best


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def _answer_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    answered = [r for r in answerable if not r["abstained"]]
    cits = [c for r in rows if not r["abstained"] for c in r["citation_ok"]]
    lat = [r["ms"] for r in rows]

    def share(num: int, den: int) -> float:
        return round(num / den, 4) if den else 0.0

    return {
        "n": len(rows),
        "answer_match": share(sum(r["match"] for r in answerable), len(answerable)),
        "answer_match_cited": share(sum(r["match"] and r["cited_gold"] for r in answerable),
                                    len(answerable)),
        "token_f1": round(sum(r["f1"] for r in answerable) / len(answerable), 4)
        if answerable else 0.0,
        "citation_precision": share(sum(cits), len(cits)),
        "citation_coverage": share(sum(1 for r in answered if r["n_citations"]), len(answered)),
        "abstention_unanswerable": share(sum(r["abstained"] for r in unanswerable),
                                         len(unanswerable)),
        "abstention_answerable": share(sum(r["abstained"] for r in answerable), len(answerable)),
        "latency_p50_ms": round(_percentile(lat, 0.5), 1),
        "latency_p95_ms": round(_percentile(lat, 0.95), 1),
        "first_token_p50_ms": round(_percentile(
            [r["first_token_ms"] for r in rows if r.get("first_token_ms")], 0.5), 1),
        "fallbacks": sum(1 for r in rows if r.get("fallback")),
    }


def evaluate_answers(
    gold: Sequence[GoldQuestion],
    ask: Callable[[GoldQuestion], Any],
    backend: str,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Run the full answer path per question. A citation is correct when its passage holds a
    gold answer or comes from a gold document."""
    import time

    rows: list[dict[str, Any]] = []
    for g in gold:
        t0 = time.perf_counter()
        answer = ask(g)
        ms = (time.perf_counter() - t0) * 1000
        cit_ok = [contains_answer(c.hit.chunk.text, g.answers) or c.hit.chunk.doc_id in g.doc_ids
                  for c in answer.citations]
        match = (not answer.abstained) and bool(g.answers) and contains_answer(answer.answer,
                                                                               g.answers)
        rows.append({
            "id": g.id, "lang": g.lang, "answerable": g.answerable, "ms": ms,
            "abstained": answer.abstained, "match": match,
            "f1": 0.0 if answer.abstained else token_f1(answer.answer, g.answers),
            "citation_ok": cit_ok, "n_citations": len(answer.citations),
            "cited_gold": any(cit_ok), "answer": answer.answer,
            "citations": [c.hit.chunk.id for c in answer.citations],
            "fallback": getattr(answer, "fallback", False),
            "first_token_ms": getattr(answer, "timings_ms", {}).get("first_token"),
        })
        if progress:
            progress(1)
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_lang.setdefault(r["lang"], []).append(r)
    return {"backend": backend, **_answer_summary(rows),
            "by_lang": {lang: _answer_summary(rs) for lang, rs in sorted(by_lang.items())},
            "questions": rows}
