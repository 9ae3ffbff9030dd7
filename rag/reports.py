"""Eval reports: a markdown table, the worst questions, recall@k curves (PNG), per-question JSONL.

`results.jsonl` holds one line per question and configuration (hits, answer), so two runs can
be diffed line by line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RETRIEVAL_COLS = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "answer_hit@5")
ANSWER_COLS = ("answer_match", "answer_match_cited", "token_f1", "citation_precision",
               "citation_coverage", "abstention_unanswerable", "abstention_answerable",
               "latency_p50_ms", "latency_p95_ms")


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
        out.append(f"- **{q['id']}** ({q['lang']}) {q['question']}  \n"
                   f"  gold: {', '.join(q['doc_ids'])}; MRR@10 {q['mrr@10']:.2f}")
        if q.get("query") and q["query"] != q["question"]:
            out.append(f"  searched as: {q['query']}")
        for h in q["retrieved"][:3]:
            snippet = " ".join(h["text"].split())[:160]
            mark = "✓" if h["doc_id"] in q["doc_ids"] else "✗"
            out.append(f"  - {mark} `{h['chunk_id']}` {snippet}")
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
        f"# Eval report: `{gold_path}`",
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
