"""Verifier miss of blind_pairs49 (studied in the fifty-eighth session): cause and effect
exchanged where the sentence's cause is what a reaction answers, one word ("les troubles ont
éclaté en réaction au limogeage du gouvernement" over "a limogé le gouvernement ... en réponse
aux troubles", v49_018)."""

from __future__ import annotations

import pytest

from rag.answering.verify import Verifier

TOKAYEV = ("Le successeur trié sur le volet de Nazarbayev, le président Kassym-Jomart Tokayev, a "
           "initialement limogé le gouvernement du pays en début de semaine en réponse aux "
           "troubles.")
POLICE = "La police a arrêté 200 personnes en représailles aux pillages, a indiqué le ministère."
TOWN_HALL = ("Les manifestants ont incendié la mairie en réaction à la répression, et le "
             "gouvernement a démissionné.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


@pytest.mark.parametrize(("claim", "passage"), [
    ("Ce sont les troubles qui ont éclaté en réaction au limogeage du gouvernement, décidé en "
     "début de semaine par le président Kassym-Jomart Tokayev.", TOKAYEV),
    ("Les troubles ont éclaté en réaction au limogeage du gouvernement par Tokayev.", TOKAYEV),
    ("The unrest broke out in response to Tokayev's dismissal of the government.", TOKAYEV),
    ("Les pillages ont eu lieu en représailles à l'arrestation de 200 personnes par la police.",
     POLICE),
])
def test_a_reaction_turned_into_its_cause(verifier: Verifier, claim: str, passage: str) -> None:
    assert not _supported(verifier, claim, passage)


@pytest.mark.parametrize(("claim", "passage"), [
    ("Tokayev a limogé le gouvernement en réponse aux troubles.", TOKAYEV),
    ("En réponse aux troubles, le président Tokayev a limogé le gouvernement en début de "
     "semaine.", TOKAYEV),
    ("President Tokayev dismissed the government early in the week in response to the unrest.",
     TOKAYEV),
    ("Les troubles ont conduit Tokayev à limoger le gouvernement en début de semaine.", TOKAYEV),
    ("En représailles aux pillages, la police a arrêté 200 personnes.", POLICE),
    ("Police arrested 200 people in retaliation for the looting, the ministry said.", POLICE),
    ("Le gouvernement a démissionné après que des manifestants ont incendié la mairie en "
     "réaction à la répression.", TOWN_HALL),
    ("Protesters set fire to the town hall in reaction to the crackdown.", TOWN_HALL),
])
def test_the_reaction_told_as_it_was(verifier: Verifier, claim: str, passage: str) -> None:
    assert _supported(verifier, claim, passage)
