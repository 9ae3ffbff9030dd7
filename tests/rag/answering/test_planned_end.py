"""The day something ended, where the sources give only the term it was set to run until
(traps_study57 t57_015/016)."""

from __future__ import annotations

import pytest

from rag.answering.planned_end import end_asked, only_planned_end
from tests.rag.answering.test_traps_study53 import _answered

DECLARED = ("Le président kazakh Kassym-Jomart Tokayev a déclaré l’état d’urgence jusqu’au 19 "
            "janvier en raison des troubles civils dans le pays.")


@pytest.mark.parametrize("question", [
    "On what date was Kazakhstan's state of emergency actually lifted?",
    "À quelle date l’état d’urgence a-t-il effectivement été levé au Kazakhstan ?",
    "When was the state of emergency in Kazakhstan lifted?",
])
def test_a_term_set_is_no_end(question: str) -> None:
    assert end_asked(question)
    assert not _answered(question, DECLARED)
    # the day it was lifted answers
    assert _answered(question, "L’état d’urgence décrété par Tokayev a été levé le 12 janvier "
                               "au Kazakhstan.")


def test_an_end_told_or_no_end_asked() -> None:
    assert not only_planned_end("La manifestation a duré jusqu’au 5 janvier.")
    assert only_planned_end("A curfew was imposed until January 19.")
    assert not only_planned_end("A curfew was imposed until January 19 and lifted on 12 "
                                "January.")
    assert not end_asked("When did Tokayev declare the state of emergency?")
    assert _answered("Until what date was the state of emergency declared?", DECLARED)
    assert _answered("Jusqu’à quand l’état d’urgence a-t-il été décrété ?", DECLARED)
