"""People counted by status or nationality across languages: a figure of people in general
counts no citizens or foreigners (t62_003, t62_039)."""

from __future__ import annotations

import pytest

from rag.answering.status_groups import asks_status_group, status_group_told
from tests.rag.answering.test_traps_study53 import _answered

EVACUATED = "How many Russian citizens did Russia evacuate from Kazakhstan during the unrest?"
FOREIGN = "How many foreign nationals were among the people killed in the unrest in Kazakhstan?"


@pytest.mark.parametrize(("q", "lure", "told"), [
    (EVACUATED, "La Russie a envoyé quelque 3 000 personnes, selon l’agence de presse russe RIA.",
     "La Russie a évacué 1 200 Russes du Kazakhstan pendant les troubles."),
    (EVACUATED, "La Russie a envoyé quelque 3 000 personnes, selon l’agence de presse russe RIA.",
     "La Russie a évacué 1 200 citoyens russes du Kazakhstan pendant les troubles."),
    (FOREIGN, "Au moins 13 agents des forces de l’ordre ont été tués et 353 blessés dans les "
     "troubles au Kazakhstan.",
     "Parmi les 225 personnes tuées lors des troubles au Kazakhstan figuraient 4 ressortissants "
     "étrangers."),
])
def test_people_in_general_are_no_citizens(q: str, lure: str, told: str) -> None:
    assert not _answered(q, lure)
    assert _answered(q, told)


def test_what_counts_as_status() -> None:
    assert asks_status_group(("citize",)) and asks_status_group(("nation",), FOREIGN)
    # ("How many nations ...?" counts countries: review 59)
    assert not asks_status_group(("nation",), "How many nations took part?")
    assert not asks_status_group(("person",)) and not asks_status_group(("soldie",))
    assert status_group_told("Almaty compte 2 millions d’habitants.")
    assert status_group_told("Des centaines d’Américains ont quitté le pays.")
    assert not status_group_told("La Russie a envoyé 3 000 personnes.")
