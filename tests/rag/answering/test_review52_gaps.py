"""Trap forms the fifty-second session's diff review found the new rules missed: each a trap
over its lure (declined) and the same question over a sentence that answers it (answered).
The lures were answered before the fifty-third session's fixes."""

from __future__ import annotations

import pytest

from rag.answering.holds import without_dateline
from tests.rag.answering.test_traps_study53 import _answered

_CASES = [
    # particulars "landing": the inverted pronoun ("se sont-ils posés")
    ("Où les avions russes se sont-ils posés ?",
     "Les avions russes sont partis de la base d'Ivanovo.",
     "Les avions russes se sont posés à Almaty."),
    # question._FIRST_ASKED: a noun between "la première" and "à"
    ("Qui a été la première femme à diriger le Sénat ?",
     "Marie Dupont dirige le Sénat depuis 2020.",
     "Marie Dupont fut la première femme à diriger le Sénat."),
    # levels.LEVEL_ASKED: one unit's price ("How much was a gallon")
    ("How much was a gallon of gas before the protests?",
     "Les prix ont augmenté d'environ 1 $ par gallon.",
     "A gallon of gas was $2.50 before the protests."),
    # question._SUPERLATIVE_ASKED: after a possessor, and the French adjective after its noun
    ("What was the protesters' main demand?",
     "Among the protesters' demands was the resignation of the government.",
     "The protesters' main demand was lower gas prices."),
    ("Quelle était la revendication principale des manifestants ?",
     "Les manifestants réclamaient notamment la démission du gouvernement.",
     "La revendication principale des manifestants était la baisse du prix du gaz."),
    # presupposed.deeds_asked: a simple past ("did Kazakhstan request") the sources deny
    ("What help did Kazakhstan request from Russia?",
     "Le Kazakhstan n'avait pas demandé l'aide de la Russie.",
     "Le Kazakhstan a demandé l'aide militaire de la Russie."),
]


@pytest.mark.parametrize(("question", "lure", "answer"), _CASES)
def test_trap_declined(question: str, lure: str, answer: str) -> None:
    assert not _answered(question, lure)


@pytest.mark.parametrize(("question", "lure", "answer"), _CASES)
def test_control_answered(question: str, lure: str, answer: str) -> None:
    assert _answered(question, answer)


@pytest.mark.parametrize(("text", "rest"), [
    ("Paris (AFP) - Des manifestations ont eu lieu.", "Des manifestations ont eu lieu."),
    ("Nour-Soultan, 6 janvier (AFP) – Les prix montent.", "Les prix montent."),
    ("Saint-Pétersbourg (Reuters) – Le port est fermé.", "Le port est fermé."),
    ("ALMATY, 7 janvier (Reuters) - Des tirs.", "Des tirs."),
    # (no agency in brackets, or no place: no dateline)
    ("Tokaïev (photo) - il a dit.", "Tokaïev (photo) - il a dit."),
    ("Le président (AFP) - il a dit.", "Le président (AFP) - il a dit."),
])
def test_title_case_dateline(text: str, rest: str) -> None:
    assert without_dateline(text) == rest
