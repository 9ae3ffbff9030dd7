"""A departure asked and none told (traps_study57 t57_017/018: "Which countries have left the
CSTO?" over the list of its members)."""

from __future__ import annotations

import pytest

from rag.answering.departures import departure_asked
from tests.rag.answering.test_traps_study53 import _answered

MEMBERS = ("Le bloc de sécurité, composé de six anciens États soviétiques – Arménie, "
           "Biélorussie, Kazakhstan, Kirghizistan, Russie et Tadjikistan – a été formé en 1992, "
           "à la suite de l’effondrement de l’Union soviétique.")


@pytest.mark.parametrize("question", [
    "Which countries have left the CSTO since it was formed in 1992?",
    "Quels pays ont quitté l’OTSC depuis sa création en 1992 ?",
    "Combien de pays se sont retirés de l’OTSC ?",
])
def test_a_departure_no_sentence_tells(question: str) -> None:
    assert departure_asked(question)
    assert not _answered(question, MEMBERS)
    # a sentence that tells one answers
    assert _answered(question, "Depuis sa création en 1992, trois pays ont quitté l’OTSC : "
                               "l’Azerbaïdjan, la Géorgie et l’Ouzbékistan.")


@pytest.mark.parametrize("question", [
    "How many soldiers were left in Almaty?",  # what remains
    "What is left of the airport?",
    "Which countries did not leave the CSTO?",  # asked in the negative
    "Quand les troupes ont-elles quitté le Kazakhstan ?",  # a date asked: read elsewhere
    "Which countries are members of the CSTO?",
])
def test_no_departure_taken_as_given(question: str) -> None:
    assert not departure_asked(question)
