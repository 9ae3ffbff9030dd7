"""Answer metrics (issue 12 item 5): ALCE citation recall/precision on hand-made verdicts, the
supported-claim rate, answer language and abstention per language with the real verifier, and
`rag eval --answers` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from rag.answering.citations import Citation
from rag.answering.extractive import NO_ANSWER
from rag.answering.pipeline import Answer
from rag.answering.verify import Passage, Verifier
from rag.chunking import Chunk
from rag.embedders.e5 import E5Embedder
from rag.evaluation.evals import (
    GoldQuestion,
    alce_claim,
    answer_citation_scores,
    answer_language,
    evaluate_answers,
    verifier_judge,
)
from rag.retrieval import Hit
from tests.rag.test_cli import docs_dir, rag  # noqa: F401  (fixture)


def _table(supported: set[tuple[str, tuple[int, ...]]]):  # type: ignore[no-untyped-def]
    """A judge from a table of (claim, cited passages) that hold: the verdicts are the input."""
    return lambda text, cites: (text, tuple(sorted(cites))) in supported


def test_alce_recall_and_precision_of_one_claim() -> None:
    judge = _table({("a", (1,)), ("a", (1, 2)), ("b", (1, 2)), ("c", (2,)), ("c", (1, 2)),
                    ("c", (2, 3)), ("c", (1, 2, 3))})
    assert alce_claim("a", [], 3, judge) == (False, [])  # no citation: not recalled
    assert alce_claim("a", [4], 3, judge) == (False, [False])  # no such passage
    assert alce_claim("a", [1], 3, judge) == (True, [True])
    assert alce_claim("b", [1], 3, judge) == (False, [False])
    # [1] supports alone; [2] does not, and without it [1] still does: [2] is not needed
    assert alce_claim("a", [1, 2], 3, judge) == (True, [True, False])
    # neither alone, both together: each is needed, each is precise
    assert alce_claim("b", [1, 2], 3, judge) == (True, [True, True])
    assert alce_claim("b", [2, 1, 2], 3, judge) == (True, [True, True])  # repeats count once
    # [2] alone supports; [1] and [3] are each removable (the rest still holds)
    assert alce_claim("c", [1, 2, 3], 3, judge) == (True, [False, True, False])
    assert alce_claim("d", [1, 2], 3, judge) == (False, [False, False])  # joint fails


def test_alce_scores_of_one_answer() -> None:
    judge = _table({("a", (1,)), ("a", (1, 2)), ("b", (2,))})
    # a [1][2] recalled, [2] not needed; b [2] recalled; c uncited; d [1] not supported
    s = answer_citation_scores([("a", (1, 2)), ("b", (2,)), ("c", ()), ("d", (1,))], 2, judge)
    assert s["recall"] == 2 / 4
    assert s["precision"] == 2 / 4 and s["citations"] == 4
    assert [c["recalled"] for c in s["claims"]] == [True, True, False, False]
    assert answer_citation_scores([("c", ())], 2, judge)["precision"] == 0.0  # as in ALCE
    assert answer_citation_scores([], 2, judge) == {"recall": 0.0, "precision": 0.0,
                                                     "citations": 0, "claims": []}


def test_answer_language_reads_the_text_without_markers() -> None:
    assert answer_language("La Russie a envoyé 3 000 soldats [1].", "en") == "fr"
    assert answer_language("Russia sent 3,000 troops to Kazakhstan [1].", "fr") == "en"
    assert answer_language("3 000 [1]", "en") == "en"  # nothing to tell: the question's


TROOPS = Passage("La Russie a envoyé quelque 3 000 soldats au Kazakhstan, selon l'agence RIA.",
                 "Kazakhstan")
WEATHER = Passage("Il a neigé à Almaty pendant toute la journée de vendredi.", "Météo")


def test_verifier_judge_joins_the_cited_passages(embedder: E5Embedder) -> None:
    judge = verifier_judge(Verifier(embedder), [TROOPS, WEATHER])
    claim = "La Russie a envoyé 3 000 soldats au Kazakhstan."
    assert judge(claim, (1,)) and judge(claim, (1, 2)) and not judge(claim, (2,))
    assert not judge("La Chine a envoyé 500 soldats au Kazakhstan.", (1, 2))


def _answer(text: str, passages: list[Passage], abstained: bool = False) -> Answer:
    hits = [Hit(Chunk(f"d{i}", 0, p.text, 0, len(p.text), p.title), 1.0)
            for i, p in enumerate(passages, 1)]
    return Answer(text, [Citation(i, h) for i, h in enumerate(hits, 1)], abstained,
                  "extractive", "", hits)


def test_claims_language_and_abstention_per_language(embedder: E5Embedder) -> None:
    gold = [
        GoldQuestion("fr1", "Combien de soldats la Russie a-t-elle envoyés ?", ["3 000"],
                     ["d1"], "fr"),
        GoldQuestion("en1", "How many troops did Russia send?", ["3 000"], ["d1"], "en"),
        GoldQuestion("fr2", "Quel âge a Tokaïev ?", [], [], "fr", answerable=False),
        GoldQuestion("en2", "How old is Tokayev?", [], [], "en", answerable=False),
        GoldQuestion("fr3", "Qui a neigé ?", ["Almaty"], ["d2"], "fr"),
    ]
    answers = {
        # one claim supported, one invented; the second cites a passage that is not needed
        "fr1": _answer("La Russie a envoyé 3 000 soldats au Kazakhstan [1][2]. "
                       "La Chine a envoyé 500 soldats [1].", [TROOPS, WEATHER]),
        # supported, but in French for an English question
        "en1": _answer("La Russie a envoyé 3 000 soldats au Kazakhstan [1].", [TROOPS]),
        "fr2": _answer(NO_ANSWER["fr"], [], abstained=True),
        "en2": _answer("Russia sent 3 000 troops to Kazakhstan [1].", [TROOPS]),
        "fr3": _answer(NO_ANSWER["fr"], [], abstained=True),
    }
    res = evaluate_answers(gold, lambda g: answers[g.id], "extractive",
                           verifier=Verifier(embedder))
    fr, en = res["by_lang"]["fr"], res["by_lang"]["en"]
    # fr: only fr1 speaks; 1 of 2 claims; ALCE recall 1/2, precision: [1] yes, [2] no, [1] no
    assert (fr["claims"], fr["supported_claim_rate"]) == (2, 0.5)
    assert fr["alce_citation_recall"] == 0.5 and fr["alce_citation_precision"] == round(1 / 3, 4)
    assert fr["language_accuracy"] == 1.0
    assert (fr["n_unanswerable"], fr["abstention_unanswerable"]) == (1, 1.0)
    assert (fr["n_answerable"], fr["abstention_answerable"]) == (2, 0.5)
    # en: en1 and en2 speak, both supported; en1 is in French; en2 answered an unanswerable
    assert (en["claims"], en["supported_claim_rate"]) == (2, 1.0)
    assert en["alce_citation_recall"] == 1.0 and en["alce_citation_precision"] == 1.0
    assert en["language_accuracy"] == 0.5
    assert en["abstention_unanswerable"] == 0.0 and en["abstention_answerable"] == 0.0
    assert res["claims"] == 4 and res["supported_claim_rate"] == 0.75
    assert res["alce_citation_recall"] == round((0.5 + 1 + 1) / 3, 4)
    row = next(q for q in res["questions"] if q["id"] == "fr1")
    assert [c["supported"] for c in row["claims"]] == [True, False]
    assert row["claims"][0]["precise"] == [True, False]
    assert next(q for q in res["questions"] if q["id"] == "en1")["answer_lang"] == "fr"
    # without a verifier the claim metrics are absent, not zero
    plain = evaluate_answers(gold, lambda g: answers[g.id], "extractive")
    assert plain["supported_claim_rate"] is None and plain["language_accuracy"] == round(2 / 3, 4)


def test_cli_answer_eval_table_json_and_report(tmp_path: Path,
                                               docs_dir: Path) -> None:  # noqa: F811
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert rag("ingest", str(docs_dir), env=env).returncode == 0
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "q-ratatouille", "question": "Quel légume violet entre dans la ratatouille ?",
             "answers": ["aubergines"], "doc_ids": ["cuisine"], "lang": "fr"},
            {"id": "q-volcan", "question": "Which airport closed because of the volcano?",
             "answers": ["Catania"], "doc_ids": ["volcan"], "lang": "en"},
            {"id": "q-none", "question": "Qui a gagné la coupe du monde 2030 ?", "answers": [],
             "doc_ids": [], "lang": "fr", "answerable": False}]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report = tmp_path / "report"
    out = rag("eval", "--gold", str(gold), "--answers", "--llm", "extractive", "--json",
              "--per-question", "--report", str(report), env=env)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    keys = ("supported_claim_rate", "alce_citation_recall", "alce_citation_precision",
            "language_accuracy", "abstention_unanswerable", "abstention_answerable")
    for m in (res, res["by_lang"]["fr"], res["by_lang"]["en"]):
        for key in keys:
            assert key in m, key
    assert res["supported_claim_rate"] is not None and res["claims"] >= 1
    assert {q["id"] for q in res["questions"]} == {"q-ratatouille", "q-volcan", "q-none"}
    assert all("claims" in q or q["abstained"] for q in res["questions"])
    md = (report / "extractive-gold.md").read_text()
    assert "| supported_claim_rate |" in md and "## Worst answers" in md
    assert next(q for q in res["questions"] if q["id"] == "q-volcan")["gold"] == ["Catania"]
    assert json.loads((report / "extractive-gold.json").read_text())["questions"]

    text = rag("eval", "--gold", str(gold), "--answers", "--llm", "extractive", env=env)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[1].split() == ["metric", "all", "en", "fr"]
    for key in keys:  # whole names, one row each, a value per language
        assert len(next(ln for ln in lines if ln.startswith(key + " ")).split()) == 4, key
