"""A bound asked that the sources give only the other way (traps_study57 t57_029/030: "the
minimum amount of aid" over "jusqu'à 61 millions de dollars")."""

from __future__ import annotations

import pytest

from rag.answering.bound_asked import bound_asked, only_other_bound
from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered

AID = ("En 2020, les agences américaines ont transféré jusqu’à 61 millions de dollars d’aide "
       "étrangère au Kazakhstan, selon les chiffres officiels.")
KILLED = "Au moins 13 agents des forces de l’ordre ont été tués et au moins 353 blessés."


@pytest.mark.parametrize("question", [
    "What was the minimum amount of foreign aid that US agencies transferred to Kazakhstan in "
    "2020?",
    "Quel est le montant minimum d’aide étrangère que les agences américaines ont transféré au "
    "Kazakhstan en 2020 ?",
])
def test_a_minimum_is_not_answered_by_a_ceiling(question: str) -> None:
    assert analyse_question(question).bound == "min"
    assert not _answered(question, AID)
    # a figure given plainly answers it
    assert _answered(question, AID.replace("jusqu’à ", ""))


def test_a_maximum_is_not_answered_by_a_floor() -> None:
    assert bound_asked("Quel a été le nombre maximal de policiers tués ?") == "max"
    assert only_other_bound("max", KILLED)
    assert not only_other_bound("max", KILLED.replace("au moins 353", "353"))
    assert not only_other_bound("min", KILLED)  # "au moins" answers a minimum


def test_no_bound_asked() -> None:
    assert bound_asked("How much aid did US agencies transfer in 2020?") == ""
    assert bound_asked("What were the minimum and maximum figures?") == ""
    assert analyse_question("How much aid did US agencies transfer in 2020?").bound == ""
    assert _answered("How much aid did US agencies transfer to Kazakhstan in 2020?", AID)
    # a year bounds nothing
    assert not only_other_bound("min", "Jusqu'en 2020, les agences ont transféré 61 millions.")


@pytest.mark.parametrize(("bound", "sentence"), [
    # diff review 54: words that bound no figure of theirs
    ("min", "Under the agreement, 3 000 Russian troops were deployed."),
    ("min", "Up to now, 3 000 troops have been deployed."),
    ("max", "Over the weekend, 3 000 troops were deployed."),
    ("max", "More than half of the 3 000 troops were deployed."),
    ("max", "Plus de la moitié des 3 000 soldats ont été déployés."),
    ("min", "Jusqu’à vendredi, 3 000 soldats étaient déployés."),
    ("min", "Ils étaient 2 500 en tout, selon la charte de 2002."),
    # a spaced count between 1 800 and 2 099 is no year
    ("min", "Au moins 2 000 soldats, et jusqu’à 3 000 selon Moscou, ont été déployés."),
])
def test_a_bound_reads_only_its_own_figure(bound: str, sentence: str) -> None:
    assert not only_other_bound(bound, sentence)
