"""A count of years asked is a length of time: a date and a count of something else give none
(t62_005/006)."""

from __future__ import annotations

import pytest

from rag.answering.time_counts import asks_time_count, length_of_time_told
from tests.rag.answering.test_traps_study53 import _answered

CORNERS = ("Le programme American Corners a été annoncé par le département d’État américain en "
           "2021 pour promouvoir les valeurs, la culture et les études américaines dans les dix "
           "plus grandes villes du Kazakhstan, dont Almaty, Pavlodar et Karaganda.")


@pytest.mark.parametrize("q", [
    "For how many years is the American Corners programme announced by the State Department "
    "for Kazakhstan set to run?",
    "Sur combien d'années le programme American Corners annoncé par le département d'État "
    "pour le Kazakhstan doit-il se dérouler ?",
])
def test_a_date_and_a_count_of_cities_give_no_years(q: str) -> None:
    assert not _answered(q, CORNERS)
    assert _answered(q, CORNERS.replace("en 2021", "en 2021 pour une durée de cinq ans"))


def test_what_gives_a_length_of_time() -> None:
    assert asks_time_count(("year",), "How many years ...?")
    assert asks_time_count(("jour",), "Combien de jours ...?")
    assert not asks_time_count(("soldie",), "How many soldiers ...?")
    # ("journalists" starts like "jour": review 59)
    assert not asks_time_count(("day", "jour", "journa"), "How many foreign journalists ...?")
    for told in ("pendant dix ans", "de 1991 à 2019", "du 2 au 11 janvier", "depuis 1991",
                 "for three weeks", "un an plus tard"):
        assert length_of_time_told(told), told
    for none in ("annoncé en 2021", "les dix plus grandes villes", "an increase of 10%"):
        assert not length_of_time_told(none), none
