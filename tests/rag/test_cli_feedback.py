"""`rag feedback list` and `rag eval --from-feedback` over a real answer log, as run by a user."""

from __future__ import annotations

import json
from pathlib import Path

from rag.evaluation.evals import load_gold
from rag.feedback import FeedbackStore
from tests.rag.test_cli import _one_error_line, rag

CITES = [{"n": 1, "doc_id": "volcan", "chunk_id": "volcan#0", "text": "The Etna volcano..."}]


def _log(index: Path) -> tuple[str, str]:
    """Two rated answers as the service logs them: one thumbs-down with an expected answer."""
    store = FeedbackStore.beside(index)
    store.record_answer("a1", "Quel volcan est entré en éruption ?", "Quel volcan ?",
                        "La fusée Ariane 6 [1].", CITES, "extractive", {"route": "/ask"})
    store.record_answer("a2", "Où a décollé Ariane 6 ?", "Où a décollé Ariane 6 ?",
                        "À Kourou [1].", CITES, "extractive", {"route": "/ask"})
    down = store.add_feedback("a1", "down", "hors sujet", "L'Etna, en Sicile.")
    up = store.add_feedback("a2", "up")
    store.close()
    return down, up


def test_feedback_list_shows_votes_newest_first(tmp_path: Path) -> None:
    index = tmp_path / "index"
    down, up = _log(index)
    proc = rag("feedback", "list", "--json", "--index", str(index))
    assert proc.returncode == 0, proc.stderr
    assert [f["feedback_id"] for f in json.loads(proc.stdout)] == [up, down]
    proc = rag("feedback", "list", "--rating", "down", "--index", str(index))
    assert proc.returncode == 0, proc.stderr
    assert "down" in proc.stdout and "Quel volcan est entré en éruption ?" in proc.stdout
    assert "comment: hors sujet" in proc.stdout and "expected: L'Etna, en Sicile." in proc.stdout
    assert "Ariane 6 ?" not in proc.stdout
    assert "no feedback log at" in _one_error_line(
        rag("feedback", "list", "--index", str(tmp_path / "typo")))


def test_eval_from_feedback_writes_reviewable_gold_lines(tmp_path: Path) -> None:
    index = tmp_path / "index"
    down, _ = _log(index)
    out = tmp_path / "candidates.jsonl"
    proc = rag("eval", "--from-feedback", str(out), "--index", str(index))
    assert proc.returncode == 0, proc.stderr
    assert "1 candidate gold lines" in proc.stderr and "Review" in proc.stderr
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["feedback_id"] == down and line["question"] == "Quel volcan est entré en éruption ?"
    assert line["answers"] == ["L'Etna, en Sicile."] and line["doc_ids"] == ["volcan"]
    assert line["comment"] == "hors sujet" and line["original_answer"] == "La fusée Ariane 6 [1]."
    (gold,) = load_gold(out)  # reviewed as is, it is a valid gold file
    assert gold.question == line["question"] and gold.answerable

    out.write_text("kept\n", encoding="utf-8")
    err = _one_error_line(rag("eval", "--from-feedback", str(out), "--index", str(index)))
    assert "--force" in err and out.read_text(encoding="utf-8") == "kept\n"
    proc = rag("eval", "--from-feedback", str(out), "--force", "--index", str(index))
    assert proc.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["id"]
    assert "--gold" in _one_error_line(rag("eval", "--index", str(index)))
