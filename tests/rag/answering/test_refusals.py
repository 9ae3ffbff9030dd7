"""A refusal asked and none told (refusals.py; blind53 b53_016)."""

from __future__ import annotations

import pytest

from rag.answering.refusals import refusal_asked
from tests.rag.answering.test_traps_study53 import _answered


@pytest.mark.parametrize(("question", "lure"), [
    ("Quel État membre de l’OTSC a refusé de participer à la mission au Kazakhstan ?",
     "Tous les membres de l’OTSC ont envoyé du personnel pour la mission au Kazakhstan."),
    ("Which CSTO member declined to send troops to Kazakhstan?",
     "Tous les membres de l’OTSC ont envoyé des troupes au Kazakhstan."),
    ("Which CSTO member boycotted the Moscow summit?",
     "Tous les membres de l’OTSC ont participé au sommet de Moscou."),
])
def test_refusal_untold_declined(question: str, lure: str) -> None:
    assert not _answered(question, lure)


@pytest.mark.parametrize(("question", "text"), [
    ("Quel État membre de l’OTSC a refusé de participer à la mission ?",
     "L’Ouzbékistan a refusé de participer à la mission de l’OTSC."),
    ("Which CSTO member declined to send troops to Kazakhstan?",
     "L’Ouzbékistan, membre de l’OTSC, n’a pas envoyé de troupes au Kazakhstan."),
    ("Which CSTO member boycotted the Moscow summit?",
     "Le Kirghizistan, membre de l’OTSC, a boycotté le sommet de Moscou."),
    ("Which country voted against the resolution?",
     "Only Syria voted against the resolution."),
    ("Why does Du Bosc refuse to leave Caen?",
     "Du Bosc refuse de quitter Caen car il veut défendre la ville."),
])
def test_refusal_told_answered(question: str, text: str) -> None:
    assert _answered(question, text)


@pytest.mark.parametrize(("question", "asked"), [
    ("Why did the number of deaths decline in 2021?", False),  # a number declines
    ("Which member did not refuse to take part?", False),
    ("Who rejected the offer?", True),
    ("Combien d’États se sont abstenus ?", True),
])
def test_refusal_asked(question: str, asked: bool) -> None:
    assert refusal_asked(question) is asked


def test_refusal_as_a_purpose_is_not_taken_as_given() -> None:
    assert not refusal_asked("Quels termes le secrétaire général de l’OTSC a-t-il employés pour "
                             "rejeter l’idée que les soldats se battraient ?")
    assert not refusal_asked("What words did he use to reject the idea?")
