"""The eval reports quote gold questions, documents and answers: inert, one line each."""

from __future__ import annotations

from typing import Any

from rag.evaluation.reports import _worst, answer_markdown

HOSTILE = "Qui ?\n# Pwned\n<img src=x onerror=alert(1)> [lien](http://x) `code`"


def _retrieval() -> dict[str, Any]:
    return {"questions": [{
        "id": "q`1\n# id", "lang": "fr", "question": HOSTILE, "query": HOSTILE + " ?",
        "doc_ids": ["a"], "mrr@10": 0.0, "recall@10": 0.0,
        "retrieved": [{"doc_id": "b", "chunk_id": "b`#0", "text": HOSTILE}]}]}


def _answers() -> dict[str, Any]:
    q = {"id": "q`1", "lang": "fr", "question": HOSTILE, "gold": ["<b>x</b>"],
         "answer": HOSTILE, "abstained": False, "answerable": True, "match": False,
         "claims_n": 1, "claims_supported": 0, "answer_lang": "fr",
         "claims": [{"text": HOSTILE, "supported": False, "reason": "missing",
                     "citations": [1]}]}
    return {"questions": [q], "n": 1, "backend": "extractive"}


def test_the_worst_questions_add_no_line_nor_markup() -> None:
    """A gold question with newlines or HTML (gold files can come from users' thumbs-down)
    was written into report.md as it was (twenty-fifth review, F5)."""
    md = _worst(_retrieval())
    assert "\n# " not in md and "<img" not in md and "&lt;img" in md
    assert "`q'1 # id`" not in md  # the id is bold text, flattened and inert
    assert "`b'#0`" in md  # a backtick of its own does not close the code span
    assert "[lien](" not in md


def test_the_worst_answers_add_no_line_nor_markup() -> None:
    md = answer_markdown("gold.jsonl", _answers())
    assert "\n# Pwned" not in md and "<img" not in md and "<b>" not in md
    assert "`q'1`" in md


def test_a_worst_answer_keeps_the_space_before_its_gold() -> None:
    """Flattening the gold part dropped its leading space: "Et la Biélorussie ?(gold: ...)"."""
    res = _answers()
    res["questions"][0].update(question="Et la Biélorussie ?", gold=["groupe de travail"])
    assert "Et la Biélorussie ? (gold: groupe de travail)" in answer_markdown("g.jsonl", res)
