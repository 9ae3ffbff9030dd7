"""The CLI says what HTTP says (issue 15 item 6): `search --json` has `query` like GET
/search, `--per-question` prints without `--json`, `eval --answers` headers are whole."""

from __future__ import annotations

import json
from pathlib import Path

from tests.rag.test_cli import docs_dir, rag  # noqa: F401  (fixture)


def _gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "q-ratatouille", "question": "Quel légume violet entre dans la ratatouille ?",
             "answers": ["aubergines"], "doc_ids": ["cuisine"], "lang": "fr"},
            {"id": "q-volcan", "question": "Which airport closed because of the volcano?",
             "answers": ["Catania"], "doc_ids": ["volcan"], "lang": "en"}]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return gold


def test_search_json_and_per_question_and_answer_headers(tmp_path: Path,
                                                         docs_dir: Path) -> None:  # noqa: F811
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert rag("ingest", str(docs_dir), env=env).returncode == 0
    found = json.loads(rag("search", "ratatouille", "--k", "1", "--json", env=env).stdout)
    assert list(found) == ["query", "retriever", "k", "hits", "took_ms"]  # GET /search's keys
    assert found["query"] == "ratatouille"

    gold = _gold(tmp_path)
    plain = rag("eval", "--gold", str(gold), "--retriever", "dense", env=env).stdout
    per = rag("eval", "--gold", str(gold), "--retriever", "dense", "--per-question",
              env=env).stdout
    assert "q-ratatouille" not in plain and "q-ratatouille" in per and "q-volcan" in per

    answers = rag("eval", "--gold", str(gold), "--answers", "--llm", "extractive",
                  "--per-question", env=env)
    assert answers.returncode == 0, answers.stderr
    lines = answers.stdout.splitlines()  # one row per metric: every name whole
    for name in ("abstention_unanswerable", "abstention_answerable", "citation_precision"):
        assert any(line.startswith(f"{name} ") for line in lines), answers.stdout
    assert "q-volcan" in answers.stdout
