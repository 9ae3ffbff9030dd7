"""Eval reports: a markdown table, the worst questions, recall@k curves (PNG), per-question JSONL.

`results.jsonl` holds one line per question and configuration (hits, answer), so two runs can
be diffed line by line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.answering.inert import inert
from rag.evaluation.evals import METRICS as RETRIEVAL_COLS

ANSWER_COLS = ("answer_match", "answer_match_cited", "token_f1", "citation_precision",
               "citation_coverage", "abstention_unanswerable", "abstention_answerable",
               "latency_p50_ms", "latency_p95_ms")


# `rag eval --answers`: one row per metric (text table and markdown report alike).
ANSWER_TABLE = ("answer_match", "answer_match_cited", "token_f1", "citation_precision",
                "citation_coverage", "claims", "supported_claim_rate", "alce_citation_recall",
                "alce_citation_precision", "language_accuracy", "n_unanswerable",
                "abstention_unanswerable", "n_answerable", "abstention_answerable",
                "latency_p50_ms", "latency_p95_ms", "first_token_p50_ms", "fallbacks")
ANSWER_NOTES = {
    "answer_match": "a gold answer string is in the answer (answerable questions)",
    "answer_match_cited": "... and a cited passage holds it or is from a gold document",
    "citation_precision": "cited passages holding a gold answer or from a gold document",
    "citation_coverage": "answers (answerable, not declined) with at least one citation",
    "claims": "claims (answer sentences, cut at inner markers) checked",
    "supported_claim_rate": "claims the verifier finds supported by the passage(s) they cite",
    "alce_citation_recall": "ALCE: per answer, claims supported by their cited passages "
                            "joined; mean over answers",
    "alce_citation_precision": "ALCE: per answer, citations that support alone or are needed; "
                               "mean over answers",
    "language_accuracy": "answers (not declined) in the question's language",
    "abstention_unanswerable": "unanswerable questions declined (higher is better)",
    "abstention_answerable": "answerable questions declined (lower is better)",
}


def retrieval_table(rows: Sequence[dict[str, Any]]) -> str:
    head = "| config | " + " | ".join(RETRIEVAL_COLS) + " |"
    sep = "|---" * (len(RETRIEVAL_COLS) + 1) + "|"
    body = [f"| {r['config']} | " + " | ".join(f"{r[c]:.3f}" for c in RETRIEVAL_COLS) + " |"
            for r in rows]
    return "\n".join([head, sep, *body])


def answer_table(answers: dict[str, dict[str, Any]]) -> str:
    head = "| backend | lang | n | " + " | ".join(ANSWER_COLS) + " |"
    sep = "|---" * (len(ANSWER_COLS) + 3) + "|"
    body = []
    for backend, res in answers.items():
        for lang, m in [("all", res), *res.get("by_lang", {}).items()]:
            body.append(f"| {backend} | {lang} | {m['n']} | "
                        + " | ".join(f"{m[c]}" for c in ANSWER_COLS) + " |")
    return "\n".join([head, sep, *body])


def _worst(res: dict[str, Any], n: int = 10) -> str:
    qs = sorted(res.get("questions", []), key=lambda q: (q["mrr@10"], q["recall@10"], q["id"]))
    out = []
    for q in qs[:n]:
        if q["mrr@10"] >= 1.0:
            break
        out.append(f"- **{_flat(q['id'])}** ({_flat(q['lang'])}) {_flat(q['question'])}  \n"
                   f"  gold: {_flat(', '.join(q['doc_ids']))}; MRR@10 {q['mrr@10']:.2f}")
        if q.get("query") and q["query"] != q["question"]:
            out.append(f"  searched as: {_flat(q['query'])}")
        for h in q["retrieved"][:3]:
            snippet = _flat(" ".join(h["text"].split())[:160])
            mark = "✓" if h["doc_id"] in q["doc_ids"] else "✗"
            out.append(f"  - {mark} {_code(h['chunk_id'])} {snippet}")
    return "\n".join(out) or "(every question has its gold document first)"


def write_chart(path: Path, curves: dict[str, list[float]], title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=110)
    for name, curve in curves.items():
        ax.plot(range(1, len(curve) + 1), curve, marker="o", label=name)
    ax.set_xlabel("k (chunks retrieved)")
    ax.set_ylabel("recall@k (documents)")
    ax.set_title(title)
    ax.set_ylim(0, 1.02)
    ax.set_xticks(range(1, 11))
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_report(out: Path, gold_path: str, rows: Sequence[dict[str, Any]],
                 retrieval: dict[str, dict[str, Any]], answers: dict[str, dict[str, Any]],
                 default_config: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    curves = {name: res["recall_curve"] for name, res in retrieval.items()
              if name.endswith(default_config.split(" ", 1)[-1]) and "follow" not in name}
    chart = out / "recall_at_k.png"
    write_chart(chart, curves, f"recall@k, {Path(gold_path).name}")
    default = retrieval.get(default_config) or next(iter(retrieval.values()))
    n = default["n"]
    parts = [
        f"# Eval report: {_code(gold_path)}",
        "",
        f"{n} answerable questions scored for retrieval "
        f"({default['unanswerable_skipped']} unanswerable ones only count for answers). "
        "Doc-level metrics: a retrieved chunk of a gold document is a hit, a document counts "
        "once; chunk positions give the ranks.",
        "",
        "## Retrieval",
        "",
        retrieval_table(rows),
        "",
        "![recall@k](recall_at_k.png)",
        "",
    ]
    if answers:
        parts += ["## Answers", "", answer_table(answers), ""]
    parts += [f"## Worst questions ({default_config})", "", _worst(default), ""]
    report = out / "report.md"
    report.write_text("\n".join(parts), encoding="utf-8")
    results = out / "results.jsonl"
    with results.open("w", encoding="utf-8") as f:
        for name, res in retrieval.items():
            for q in res.get("questions", []):
                f.write(json.dumps({"config": name, **q}, ensure_ascii=False) + "\n")
        for backend, res in answers.items():
            for q in res.get("questions", []):
                f.write(json.dumps({"config": f"answers {backend}", **q},
                                   ensure_ascii=False) + "\n")
    return [report, chart, results]


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _short(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return _flat(text if len(text) <= n else text[: n - 1] + "…")


def _flat(text: str) -> str:
    """Text from a gold file, a document or an answer, on one line and inert: a question with
    newlines, "<img ...>" or "# Heading" (gold files can come from users' feedback) neither
    adds a line nor markup to the report (twenty-fifth review, F5)."""
    return inert(" ".join(str(text).split()))


def _code(text: str) -> str:
    """An id as a code span, which a backtick of its own cannot close."""
    return "`" + " ".join(str(text).replace("`", "'").split()) + "`"


def worst_answers(res: dict[str, Any], n: int = 15) -> dict[str, list[dict[str, Any]]]:
    """The answers to read first: answerable ones without the gold answer (wrongly declined
    first, then by share of supported claims), unanswerable ones answered anyway, and the
    claims the verifier rejects."""
    qs = res.get("questions", [])

    def rate(q: dict[str, Any]) -> float:
        return q["claims_supported"] / q["claims_n"] if q.get("claims_n") else 0.0

    missed = sorted((q for q in qs if q["answerable"] and not q["match"]),
                    key=lambda q: (not q["abstained"], rate(q), q["id"]))
    answered = [q for q in qs if not q["answerable"] and not q["abstained"]]
    unsupported = [(q, c) for q in qs for c in q.get("claims") or [] if not c["supported"]]
    wrong_lang = [q for q in qs if not q["abstained"] and not q.get("lang_ok", True)]
    return {"missed": missed[:n], "answered_unanswerable": answered[:n],
            "unsupported_claims": [{"id": q["id"], "lang": q["lang"], **c}
                                   for q, c in unsupported[:n]],
            "wrong_language": wrong_lang[:n]}


def answer_markdown(gold_path: str, res: dict[str, Any]) -> str:
    """A `rag eval --answers` report: metrics by language, then the worst answers."""
    langs = [("all", res), *res.get("by_lang", {}).items()]
    head = "| metric | " + " | ".join(lang.upper() if lang != "all" else lang
                                       for lang, _ in langs) + " | meaning |"
    rows = [head, "|---" * (len(langs) + 2) + "|",
            "| n | " + " | ".join(str(m["n"]) for _, m in langs) + " | questions |"]
    for c in ANSWER_TABLE:
        rows.append(f"| {c} | " + " | ".join(_fmt(m.get(c)) for _, m in langs)
                    + f" | {ANSWER_NOTES.get(c, '')} |")
    worst = worst_answers(res)
    parts = [f"# `rag eval --answers`, backend `{res['backend']}`, {_code(gold_path)}", "",
             f"{res['n']} questions ({res.get('n_answerable', 0)} answerable, "
             f"{res.get('n_unanswerable', 0)} unanswerable). Claims are judged by the answer "
             "path's own verifier (`rag/answering/verify.py`, as `POST /verify`); declined "
             "answers are not scored for claims or language.", "", *rows, ""]

    def answer_line(q: dict[str, Any]) -> str:
        state = " declined" if q["abstained"] else (
            f" ({q['claims_supported']}/{q['claims_n']} claims supported)"
            if q.get("claims_n") else "")
        gold = f" {_flat('(gold: ' + '; '.join(q['gold']) + ')')}" if q.get("gold") else ""
        return (f"- {_code(q['id'])} ({_flat(q['lang'])}){state}: "
                f"{_short(q.get('question', ''), 120)}{gold}  \n  → {_short(q['answer'])}")

    parts += ["## Worst answers (answerable, no gold answer in the answer)", ""]
    parts += [answer_line(q) for q in worst["missed"]] or ["(none)"]
    parts += ["", "## Unanswerable questions answered anyway", ""]
    parts += [answer_line(q) for q in worst["answered_unanswerable"]] or ["(none)"]
    parts += ["", "## Claims the verifier does not support", ""]
    parts += [f"- {_code(c['id'])} ({_flat(c['lang'])}) {c['reason']}, cites {c['citations']}: "
              f"{_short(c['text'], 180)}" for c in worst["unsupported_claims"]] or ["(none)"]
    parts += ["", "## Answers not in the question's language", ""]
    parts += [f"- {_code(q['id'])} ({_flat(q['lang'])} → {q.get('answer_lang')}): "
              f"{_short(q['answer'], 160)}"
              for q in worst["wrong_language"]] or ["(none)"]
    return "\n".join(parts) + "\n"


def write_answer_report(out: Path, gold_path: str, res: dict[str, Any]) -> list[Path]:
    """`BACKEND-GOLD.md` (metrics, worst answers) and `BACKEND-GOLD.json` (everything, one
    row per question) in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{res['backend']}-{Path(gold_path).stem}"
    md, js = out / f"{stem}.md", out / f"{stem}.json"
    md.write_text(answer_markdown(gold_path, res), encoding="utf-8")
    js.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [md, js]
