"""A count asked "in total" is not answered by an order of size (b55_026)."""

from __future__ import annotations

import pytest

from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered

DOZENS = ("Une crise qui a déjà fait des dizaines de morts chez les manifestants et au moins "
          "un millier de blessés.")
FORCE = "La force de maintien de la paix de l'OTSC compte environ 2 600 militaires."


@pytest.mark.parametrize("q", [
    "Combien de manifestants ont été tués au total pendant les émeutes ?",
    "How many protesters were killed in total?",
    "Combien de manifestants sont morts en tout ?",
    "What was the total number of protesters killed?",
])
def test_a_total_is_not_an_order_of_size(q: str) -> None:
    assert analyse_question(q).total
    assert not _answered(q, DOZENS)


def test_without_total_the_order_of_size_answers() -> None:
    assert not analyse_question("Combien de manifestants ont été tués ?").total
    assert _answered("Combien de manifestants ont été tués pendant les émeutes ?", DOZENS)


def test_a_total_given_as_a_figure_answers() -> None:
    assert _answered("Combien de militaires compte au total la force de l'OTSC ?", FORCE)
    assert _answered("How many soldiers make up the CSTO force in total?", FORCE)
