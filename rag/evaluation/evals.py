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
from rag.local_files import read_file_text
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
        lines = read_file_text(path).splitlines()
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
        except RecursionError:  # "[" x 100,000 (twenty-fifth review, F3)
            raise RagError(f"{path}:{n}: JSON nested too deeply") from None
        except ValueError:  # an integer of more digits than Python reads
            raise RagError(f"{path}:{n}: malformed JSON (a number too long)") from None
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


# The retrieval metrics, in the order every table shows them (CLI, compare, reports).
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


# ---- claims and citations (ALCE-style, with our verifier as the judge) ----------------------

# judge(claim text, cited passage numbers) -> do these passages, concatenated, support it?
Judge = Callable[[str, tuple[int, ...]], bool]


def alce_claim(text: str, cites: Sequence[int], n_passages: int, judge: Judge
               ) -> tuple[bool, list[bool]]:
    """ALCE's citation recall and precision for one claim (Gao et al. 2023, `eval.py`).

    Recalled: it cites something, every citation exists, and the cited passages concatenated
    support it. Each citation is precise when the claim is recalled and either that passage
    alone supports it or the other cited passages without it do not (it was needed); a single
    citation of a recalled claim is precise. A claim that is not recalled has no precise one.
    """
    ref = tuple(dict.fromkeys(cites))
    if not ref or any(not 1 <= n <= n_passages for n in ref) or not judge(text, ref):
        return False, [False] * len(ref)
    if len(ref) == 1:
        return True, [True]
    return True, [judge(text, (n,)) or not judge(text, tuple(x for x in ref if x != n))
                  for n in ref]


def answer_citation_scores(claims: Sequence[tuple[str, Sequence[int]]], n_passages: int,
                           judge: Judge) -> dict[str, Any]:
    """One answer's ALCE scores: recall = recalled claims / claims, precision = precise
    citations / citations (0 without citations, as in ALCE)."""
    recalled, precise, cited = 0, 0, 0
    per: list[dict[str, Any]] = []
    for text, cites in claims:
        ok, prec = alce_claim(text, cites, n_passages, judge)
        recalled += ok
        precise += sum(prec)
        cited += len(prec)
        per.append({"recalled": ok, "precise": prec})
    return {"recall": recalled / len(claims) if claims else 0.0,
            "precision": precise / cited if cited else 0.0,
            "citations": cited, "claims": per}


def verifier_judge(verifier: Any, passages: Sequence[Any],
                   known: dict[tuple[str, tuple[int, ...]], bool] | None = None) -> Judge:
    """A Judge over `verify.Passage`s: the cited passages are joined into one passage (titles
    joined as its title) and the claim, citing it, goes through `verifier.verify`. `known`
    seeds the memo with verdicts already computed (a one-citation claim from the answer's own
    verification)."""
    from rag.answering.verify import Passage

    memo = dict(known or {})

    def judge(text: str, cites: tuple[int, ...]) -> bool:
        key = (text, tuple(sorted(cites)))
        if key not in memo:
            chosen = [passages[n - 1] for n in key[1]]
            joined = Passage("\n\n".join(p.text for p in chosen),
                             " ; ".join(p.title for p in chosen if p.title))
            claims = verifier.verify(f"{text} [1]", [joined], recite=False).claims
            memo[key] = bool(claims) and all(c.supported for c in claims)
        return memo[key]

    return judge


def answer_language(answer: str, question_lang: str) -> str:
    """The answer's language as `rag.answering.language` reads it, markers and «quotations»
    of the source removed (a tie counts as the question's language)."""
    from rag.answering.citations import strip_markers
    from rag.answering.language import answer_language as language

    return language(strip_markers(answer), question_lang)


def claim_metrics(answer: str, passages: Sequence[Any], verifier: Any) -> dict[str, Any]:
    """Every claim of `answer` checked against the passages it cites (1-based, as numbered in
    the answer), plus ALCE recall and precision for the answer."""
    result = verifier.verify(answer, passages, recite=False)
    known = {(c.text, c.citations): c.supported for c in result.claims
             if len(set(c.citations)) == 1 and 1 <= c.citations[0] <= len(passages)}
    judge = verifier_judge(verifier, passages, known)
    alce = answer_citation_scores([(c.text, c.citations) for c in result.claims],
                                  len(passages), judge)
    claims = [{"text": c.text, "citations": list(c.citations), "supported": c.supported,
               "reason": c.reason, "score": round(c.score, 4), **a}
              for c, a in zip(result.claims, alce["claims"], strict=True)]
    return {"claims": claims, "claims_n": len(claims),
            "claims_supported": sum(c["supported"] for c in claims),
            "alce_recall": round(alce["recall"], 4), "alce_precision": round(alce["precision"], 4),
            "alce_citations": alce["citations"]}


def _answer_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    answered = [r for r in answerable if not r["abstained"]]
    cits = [c for r in rows if not r["abstained"] for c in r["citation_ok"]]
    lat = [r["ms"] for r in rows]
    spoke = [r for r in rows if not r["abstained"]]  # every answer that is not a refusal
    checked = [r for r in spoke if r.get("claims_n") is not None]
    scored = [r for r in checked if r["claims_n"]]

    def share(num: int, den: int) -> float:
        return round(num / den, 4) if den else 0.0

    def mean(key: str) -> float | None:
        return round(sum(r[key] for r in scored) / len(scored), 4) if scored else None

    claims_n = sum(r["claims_n"] for r in checked)
    return {
        "n": len(rows),
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
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
        "claims": claims_n if checked else None,
        "supported_claim_rate": share(sum(r["claims_supported"] for r in checked), claims_n)
        if checked else None,
        "alce_citation_recall": mean("alce_recall") if checked else None,
        "alce_citation_precision": mean("alce_precision") if checked else None,
        "language_accuracy": share(sum(r["lang_ok"] for r in spoke), len(spoke)),
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
    verifier: Any = None,
) -> dict[str, Any]:
    """Run the full answer path per question. A citation is correct when its passage holds a
    gold answer or comes from a gold document. With a `verify.Verifier`, each answer's claims
    are checked against the passages they cite (supported-claim rate, ALCE citation recall and
    precision); without one those metrics are None. Refusals are not scored for claims or
    language."""
    import time

    from rag.answering.language import detect_language

    rows: list[dict[str, Any]] = []
    for g in gold:
        t0 = time.perf_counter()
        answer = ask(g)
        ms = (time.perf_counter() - t0) * 1000
        qlang = g.lang if g.lang in ("fr", "en") else detect_language(g.question)
        alang = answer_language(answer.answer, qlang)
        checks: dict[str, Any] = {"claims_n": None}
        if verifier is not None and not answer.abstained:
            from rag.answering.verify import Passage

            by_n = {c.n: c.hit.chunk for c in answer.citations}
            passages = [Passage(by_n[n].text, by_n[n].title) if n in by_n else Passage("")
                        for n in range(1, max(by_n, default=0) + 1)]
            checks = claim_metrics(answer.answer, passages, verifier)
        cit_ok = [contains_answer(c.hit.chunk.text, g.answers) or c.hit.chunk.doc_id in g.doc_ids
                  for c in answer.citations]
        match = (not answer.abstained) and bool(g.answers) and contains_answer(answer.answer,
                                                                               g.answers)
        rows.append({
            "id": g.id, "lang": g.lang, "question": g.question, "answerable": g.answerable,
            "gold": g.answers, "ms": ms,
            "abstained": answer.abstained, "match": match,
            "f1": 0.0 if answer.abstained else token_f1(answer.answer, g.answers),
            "citation_ok": cit_ok, "n_citations": len(answer.citations),
            "cited_gold": any(cit_ok), "answer": answer.answer,
            "citations": [c.hit.chunk.id for c in answer.citations],
            "fallback": getattr(answer, "fallback", False),
            "first_token_ms": getattr(answer, "timings_ms", {}).get("first_token"),
            "answer_lang": alang, "lang_ok": alang == qlang, **checks,
        })
        if progress:
            progress(1)
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_lang.setdefault(r["lang"], []).append(r)
    return {"backend": backend, **_answer_summary(rows),
            "by_lang": {lang: _answer_summary(rs) for lang, rs in sorted(by_lang.items())},
            "questions": rows}
