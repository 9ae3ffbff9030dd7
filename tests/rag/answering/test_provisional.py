"""A definitive figure asked is not answered by a figure given so far (t57_001/002)."""

from __future__ import annotations

import pytest

from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered

SO_FAR = ("Au moins 13 agents des forces de l’ordre ont été tués et 353 blessés dans le chaos, "
          "selon les médias officiels.")
ALREADY = ("Cette crise a déjà fait des dizaines de morts et au moins un millier de blessés dont "
           "douze tués chez les forces de l’ordre.")
FINAL = "Selon le bilan définitif, 14 agents des forces de l’ordre ont été tués."


@pytest.mark.parametrize("q", [
    "What is the definitive number of law-enforcement officers killed during the unrest?",
    "Quel est le nombre définitif de membres des forces de l’ordre tués pendant les troubles ?",
    "What is the final number of law-enforcement officers killed?",
])
def test_a_definitive_figure_is_not_one_so_far(q: str) -> None:
    assert analyse_question(q).final
    assert not _answered(q, SO_FAR)
    assert not _answered(q, ALREADY)
    assert _answered(q, FINAL)


def test_without_definitive_the_figure_so_far_answers() -> None:
    q = "Combien de membres des forces de l’ordre ont été tués pendant les troubles ?"
    assert not analyse_question(q).final
    assert _answered(q, SO_FAR)
    # a final ranking or salary is no count asked for good
    assert not analyse_question("What is the final salary of Leavitt?").final
