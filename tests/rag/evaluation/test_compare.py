"""`rag eval --compare` and `--report` on a small corpus, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import small_docs
from tests.rag.test_cli import rag


def _setup(tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    for d in small_docs():
        (docs / f"{d.id}.txt").write_text(f"{d.title}\n\n{d.text}\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "question": "Quels légumes entrent dans la ratatouille ?",
         "answers": ["aubergines"], "doc_ids": ["cuisine"], "lang": "fr"},
        {"id": "2", "question": "Which airport closed because of the volcano?",
         "answers": ["Catania"], "doc_ids": ["volcan"], "lang": "en"},
        {"id": "3", "question": "Et le stade ?", "answers": ["Vélodrome"], "doc_ids": ["foot"],
         "lang": "fr", "history": [
             {"role": "user", "content": "Qui a gagné le match de football à Marseille ?"},
             {"role": "assistant", "content": "Le club de Marseille [1]."}]},
        {"id": "4", "question": "Qui a gagné la coupe du monde 2030 ?", "answers": [],
         "doc_ids": [], "lang": "fr", "answerable": False},
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert rag("ingest", str(docs), env=env).returncode == 0
    return env, docs, gold


def test_compare_table_report_and_untouched_index(tmp_path: Path) -> None:
    env, docs, gold = _setup(tmp_path)
    before = sorted(p.name for p in (tmp_path / "idx").iterdir())
    out = rag("eval", "--gold", str(gold), "--compare", "--chunkings", "64/8,128/24",
              "--corpus", str(docs), "--report", str(tmp_path / "rep"), "--json", env=env)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    configs = [r["config"] for r in res["retrieval"]]
    for name in ("hybrid 128/24", "dense 128/24", "bm25 128/24", "hybrid 64/8",
                 "follow-ups, rewrite on", "follow-ups, rewrite off"):
        assert name in configs
    on = next(r for r in res["retrieval"] if r["config"] == "follow-ups, rewrite on")
    off = next(r for r in res["retrieval"] if r["config"] == "follow-ups, rewrite off")
    assert on["recall@1"] >= off["recall@1"]
    ans = res["answers"]["extractive"]
    assert ans["n"] == 4 and 0 <= ans["answer_match"] <= 1
    assert set(ans) >= {"citation_precision", "citation_coverage", "abstention_unanswerable",
                        "abstention_answerable", "latency_p50_ms", "latency_p95_ms", "by_lang"}
    report = (tmp_path / "rep" / "report.md").read_text()
    assert "| hybrid 64/8 |" in report and "## Answers" in report
    png = (tmp_path / "rep" / "recall_at_k.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    lines = (tmp_path / "rep" / "results.jsonl").read_text().splitlines()
    assert {json.loads(ln)["config"] for ln in lines} >= {"hybrid 128/24", "answers extractive"}
    # Temporary indexes for other chunkings never touch the user's index.
    assert sorted(p.name for p in (tmp_path / "idx").iterdir()) == before


def test_answers_eval_and_bad_compare_args(tmp_path: Path) -> None:
    env, _, gold = _setup(tmp_path)
    out = rag("eval", "--gold", str(gold), "--answers", "--json", env=env)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["backend"] == "extractive" and res["n"] == 4
    assert res["abstention_unanswerable"] == 1.0 and res["citation_coverage"] == 1.0
    bad = rag("eval", "--gold", str(gold), "--compare", "--chunkings", "12/x", env=env)
    assert bad.returncode == 1 and "TOKENS/OVERLAP" in bad.stderr
