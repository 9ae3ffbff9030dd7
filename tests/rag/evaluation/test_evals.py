"""Eval metrics on hand-made rankings, and the project's gold set checked against the articles."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rag.chunking import Chunk
from rag.errors import RagError
from rag.evaluation.evals import (
    GoldQuestion,
    contains_answer,
    evaluate_retrieval,
    load_gold,
    normalise_answer,
    question_metrics,
)
from rag.loaders import load_paths
from rag.retrieval import Hit
from tests.conftest import ARTICLES, ROOT

GOLD = ROOT / "evals" / "gold.jsonl"


def _hits(*docs: str, text: str = "") -> list[Hit]:
    return [Hit(Chunk(d, i, text or f"passage {i}", 0, 1), 1.0 / (i + 1))
            for i, d in enumerate(docs)]


def test_doc_level_metrics() -> None:
    g = GoldQuestion("q", "?", ["3 000"], ["a", "b"], "fr")
    m = question_metrics(g, _hits("x", "a", "a", "y", "b"))
    assert m["recall@1"] == 0.0
    assert m["recall@5"] == 1.0 and m["recall@10"] == 1.0
    assert m["mrr@10"] == 0.5
    dcg = 1 / math.log2(3) + 1 / math.log2(6)  # a counted once at rank 2, b at rank 5
    assert m["ndcg@10"] == pytest.approx(dcg / (1 + 1 / math.log2(3)))
    assert m["answer_hit@5"] == 0.0
    assert question_metrics(g, _hits("a", text="environ 3000 soldats"))["answer_hit@5"] == 1.0


def test_answer_matching_folds_case_accents_and_numbers() -> None:
    assert normalise_answer("  Kassym-Jomart TOKAÏEV ") == "kassym-jomart tokaiev"
    assert contains_answer("La Russie a envoyé 3\u00a0000 soldats", ["3000"])
    assert contains_answer("l’OTSC", ["l'otsc"])
    assert not contains_answer("30 000 soldats", ["3 000 soldats"])
    assert not contains_answer("anything", [])


def test_unanswerable_questions_are_not_scored() -> None:
    gold = [GoldQuestion("1", "a?", ["x"], ["a"], "fr"),
            GoldQuestion("2", "b?", [], [], "en", answerable=False)]
    res = evaluate_retrieval(gold, lambda q, k: _hits("a"), k=10)
    assert res["n"] == 1 and res["unanswerable_skipped"] == 1 and res["recall@1"] == 1.0
    assert set(res["by_lang"]) == {"fr"}


def test_bad_gold_files(tmp_path: Path) -> None:
    cases = {
        '{"question": ""}': "non-empty",
        '{"question": "q?", "answers": "x", "doc_ids": ["a"]}': "list of strings",
        '{"question": "q?"}': "needs `doc_ids`",
        '[1, 2]': "JSON object",
        '{"id": 1, "question": "q?", "doc_ids": ["a"]}\n{"id": 1, "question": "r?", '
        '"doc_ids": ["a"]}': "duplicate id",
    }
    for body, message in cases.items():
        f = tmp_path / "g.jsonl"
        f.write_text(body + "\n")
        with pytest.raises(RagError, match=message):
            load_gold(f)
    with pytest.raises(RagError, match="not found"):
        load_gold(tmp_path / "absent.jsonl")


def test_project_gold_set_is_sound() -> None:
    gold = load_gold(GOLD)
    texts = {d.id: normalise_answer(d.text) for d in load_paths([ARTICLES]).documents}
    assert len(gold) >= 60
    assert sum(1 for g in gold if not g.answerable) >= 8
    assert {g.lang for g in gold} == {"fr", "en"}
    for g in gold:
        if not g.answerable:
            assert not g.answers and not g.doc_ids, g.id
            continue
        assert g.answers, g.id
        for doc_id in g.doc_ids:
            assert doc_id in texts, (g.id, doc_id)
            assert any(normalise_answer(a) in texts[doc_id] for a in g.answers), (g.id, doc_id)


@pytest.mark.parametrize(("line", "said"), [
    ("[" * 100_000, "JSON nested too deeply"),
    ('{"id": ' + "7" * 5_000 + ', "question": "q?"}', "malformed JSON"),
])
def test_a_gold_line_python_cannot_read_is_a_clear_error(tmp_path: Path, line: str,
                                                         said: str) -> None:
    """A RecursionError and the digit limit's ValueError came out as tracebacks (twenty-fifth
    review, F3)."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"question": "ok?", "doc_ids": ["a"]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(RagError, match=f"gold.jsonl:2: {said}"):
        load_gold(gold)
