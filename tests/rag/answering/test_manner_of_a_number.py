"""A question asking how a number changed is no count asked: "Par quel moyen le nombre de
communes a-t-il été réduit en Norvège ?" (PIAF) is answered by "ce processus de fusion",
with no figure; "combien" and "how many" still ask one."""

from __future__ import annotations

import pytest

from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered


@pytest.mark.parametrize(("q", "number"), [
    ("Par quel moyen le nombre de communes a-t-il été réduit en Norvège ?", False),
    ("How did the number of protesters grow so fast?", False),
    ("Comment le nombre de morts a-t-il évolué ?", False),
    ("Combien de communes compte la Norvège ?", True),
    ("How many communes does Norway have?", True),
    ("Quel est le nombre de communes en Norvège ?", True),
])
def test_how_of_a_number_asks_no_count(q: str, number: bool) -> None:
    assert ("number" in analyse_question(q).asks) is number


def test_a_manner_is_answered_without_a_figure() -> None:
    assert _answered("Par quel moyen le nombre de communes a-t-il été réduit en Norvège ?",
                     "Le nombre de communes en Norvège a été réduit par un vaste processus de "
                     "fusion.")
