"""The `rag` command as a user runs it: a real process, real files, exit codes and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, small_docs


def rag(*args: str, env: dict[str, str] | None = None, timeout: int = 300
        ) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    full_env.update(env or {}, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], env=full_env,
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture()
def docs_dir(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    for doc in small_docs()[:3]:
        (d / f"{doc.id}.txt").write_text(f"{doc.title}\n\n{doc.text}\n", encoding="utf-8")
    (d / "sub" / "volcan.md").write_text("# Etna erupts\n\n" + small_docs()[3].text)
    (d / "broken.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")
    return d


def _one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("rag: error: ") and "Traceback" not in proc.stderr
    return lines[0]


def test_ingest_search_list_delete(tmp_path: Path, docs_dir: Path) -> None:
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    out = rag("ingest", str(docs_dir), env=env)
    assert out.returncode == 0, out.stderr
    assert "4 documents (4 new, 0 updated, 0 unchanged)" in out.stdout
    assert "2 skipped" in out.stdout and "chunks/s" in out.stdout
    assert "broken.txt" in out.stderr and "notes.pdf" in out.stderr

    again = rag("ingest", str(docs_dir), "--json", env=env)
    summary = json.loads(again.stdout)
    assert summary["unchanged"] == 4 and summary["chunks"] == 0

    found = rag("search", "Où la fusée a-t-elle décollé ?", "--k", "2", "--json", env=env)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert hits[0]["doc_id"] == "astro" and "Kourou" in hits[0]["text"]
    assert set(hits[0]) >= {"chunk_id", "doc_id", "title", "start", "end", "text", "score",
                            "ranks"}

    text_out = rag("search", "Etna volcano", "--retriever", "bm25", env=env)
    assert "[1] volcan" in text_out.stdout and "Etna erupts" in text_out.stdout

    listed = json.loads(rag("list", "--json", env=env).stdout)
    assert {d["doc_id"]: d["title"] for d in listed}["volcan"] == "Etna erupts"
    human = rag("list", env=env).stdout
    assert "4 documents" in human

    gone = rag("delete", "foot", env=env)
    assert gone.returncode == 0 and "deleted foot" in gone.stdout
    assert "foot" not in rag("list", env=env).stdout
    line = _one_error_line(rag("delete", "foot", env=env))
    assert "not in the index: foot" in line


def test_errors_are_one_line(tmp_path: Path) -> None:
    env = {"RAG_INDEX_DIR": str(tmp_path / "missing")}
    assert "no index" in _one_error_line(rag("search", "question", env=env))
    assert "no index" in _one_error_line(rag("list", env=env))
    assert "no document" in _one_error_line(rag("ingest", str(tmp_path / "nothing"), env=env))
    bad_gold = tmp_path / "gold.jsonl"
    bad_gold.write_text('{"id": "a", "question": "ok", "doc_ids": ["x"]}\n{oops\n')
    assert "gold.jsonl:2" in _one_error_line(rag("eval", "--gold", str(bad_gold), env=env))
    bad_setting = rag("search", "q", env={**env, "RAG_CHUNK_TOKENS": "many"})
    assert "RAG_CHUNK_TOKENS" in _one_error_line(bad_setting)
    usage = rag("search", "q", "--retriever", "colbert", env=env)
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


def test_search_builds_missing_index_from_corpus(tmp_path: Path, docs_dir: Path) -> None:
    env = {"RAG_INDEX_DIR": str(tmp_path / "auto"), "RAG_CORPUS_DIR": str(docs_dir)}
    out = rag("search", "ratatouille", "--json", env=env)
    assert out.returncode == 0, out.stderr
    assert "building it from" in out.stderr
    assert json.loads(out.stdout)["hits"][0]["doc_id"] == "cuisine"
    second = rag("search", "ratatouille", "--json", env=env)
    assert "building" not in second.stderr


def test_eval_json_metrics(tmp_path: Path, docs_dir: Path) -> None:
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert rag("ingest", str(docs_dir), env=env).returncode == 0
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "question": "Quel légume violet entre dans la ratatouille ?",
         "answers": ["aubergines"], "doc_ids": ["cuisine"], "lang": "fr"},
        {"id": "2", "question": "Which airport closed because of the volcano?",
         "answers": ["Catania"], "doc_ids": ["volcan"], "lang": "en"},
        {"id": "3", "question": "Qui a gagné la coupe du monde 2030 ?", "answers": [],
         "doc_ids": [], "lang": "fr", "answerable": False},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = rag("eval", "--gold", str(gold), "--retriever", "dense", "--json", env=env)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["n"] == 2 and res["retriever"] == "dense" and res["k"] == 10
    for key in ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "answer_hit@5"):
        assert 0.0 <= res[key] <= 1.0
    assert res["recall@10"] == 1.0 and res["answer_hit@5"] == 1.0
    assert set(res["by_lang"]) == {"fr", "en"} and res["by_lang"]["en"]["n"] == 1
    table = rag("eval", "--gold", str(gold), env=env)
    assert all(name in table.stdout for name in ("hybrid", "dense", "bm25"))
