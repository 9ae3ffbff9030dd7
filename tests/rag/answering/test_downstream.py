"""A why-question answered by what its deed caused (rag/answering/downstream.py,
traps_study54 t54_014)."""

from __future__ import annotations

import pytest

from rag.answering.downstream import deed_only_as_cause, why_deed
from rag.answering.evidence import gather_evidence
from rag.answering.extractive import choose
from rag.retrieval import Hit
from rag.store import Chunk

_QUESTION = "Pourquoi l’État kazakh a-t-il supprimé ses subventions au gaz liquéfié ?"
_LURE = ("Le début de l’année 2022 a été marqué par des émeutes, vraisemblablement causées par "
         "une multiplication par deux du prix du gaz liquéfié après la suppression des "
         "subventions de l’État.")


def _answer(question: str, text: str) -> list[str]:
    hit = Hit(Chunk("d0", 0, text, 0, len(text), "Kazakhstan"), 1.0)
    ev = gather_evidence(question, [hit], None, None, lambda term: 1.0, "french")
    return [s.text for s in choose(ev, 0.0, 0.0)]


def test_the_deed_read_from_the_question() -> None:
    assert why_deed(_QUESTION) == "suppr"
    assert why_deed("Quand l’État a-t-il supprimé ses subventions ?") == ""  # no why


def test_the_deed_named_only_as_a_cause_of_something_else() -> None:
    assert deed_only_as_cause("suppr", _LURE)
    assert not deed_only_as_cause("suppr", "L’État a supprimé ses subventions pour réduire "
                                           "le déficit budgétaire.")


def test_what_the_deed_caused_does_not_answer_why() -> None:
    assert _answer(_QUESTION, _LURE + " Des manifestations ont commencé à Zhanaozen.") == []


@pytest.mark.parametrize("reason", [
    "L’État a supprimé ses subventions au gaz liquéfié pour réduire le déficit budgétaire.",
    "L’État a supprimé ses subventions au gaz liquéfié, car leur coût devenait insoutenable.",
])
def test_a_sentence_that_gives_the_reason_answers(reason: str) -> None:
    assert _answer(_QUESTION, _LURE + " " + reason) == [reason]
