"""Who did what to whom: a claim that swaps the parties of its source's deed (verify.swapped),
with the real e5 model where the verdict is checked end to end."""

from __future__ import annotations

import pytest

from rag.answering.countries import bodies_at
from rag.answering.verify import Verifier, parties, swapped
from rag.embedders.e5 import E5Embedder

WARNED = ("Jeudi 6 janvier, le plus haut diplomate de l’Union européenne a mis en garde la "
          "Russie contre une intervention militaire au Kazakhstan voisin, où des manifestants "
          "réclament un changement de gouvernement.")
ASKED = ("Le président kazakh a demandé l’aide de l’Organisation du traité de sécurité "
         "collective (OTSC), dirigée par la Russie, dans le contexte des violents troubles qui "
         "secouent le pays.")
MOSCOW = ("Moscou a par ailleurs dénoncé les commentaires «grossiers» du secrétaire d’État "
          "américain Antony Blinken, qui avait prévenu vendredi qu’il serait «très difficile» "
          "pour le Kazakhstan d’obtenir le retrait des troupes russes.")


@pytest.fixture(scope="module")
def verifier(embedder: E5Embedder) -> Verifier:
    return Verifier(embedder)


def test_agent_and_patient_exchanged_across_languages() -> None:
    assert swapped("On Thursday, 6 January, Russia's top diplomat warned the European Union "
                   "against a military intervention in Kazakhstan.", WARNED)
    assert not swapped("On Thursday, 6 January, the EU's top diplomat warned Russia against a "
                       "military intervention in Kazakhstan.", WARNED)
    # "Russia-led" and "dirigée par la Russie" qualify the CSTO: they are not a party
    assert swapped("The Russia-led CSTO asked Kazakhstan's president for help.", ASKED)
    assert not swapped("Kazakhstan's president asked the Russia-led CSTO for help.", ASKED)


def test_agent_and_patient_exchanged_in_one_language() -> None:
    assert swapped("Antony Blinken a dénoncé les commentaires « grossiers » de Moscou.", MOSCOW)
    assert not swapped("Moscou a dénoncé les commentaires « grossiers » d’Antony Blinken.",
                       MOSCOW)


def test_passive_agents_exchanged() -> None:
    source = "Une initiative dénoncée par les États-Unis mais soutenue par la Chine."
    assert swapped("L’arrivée des troupes russes a été dénoncée par la Chine mais soutenue par "
                   "les États-Unis.", source)
    assert not swapped("L’arrivée des troupes russes a été dénoncée par les États-Unis mais "
                       "soutenue par la Chine.", source)


def test_a_role_given_to_another_country() -> None:
    source = ("La Russie pense que les troubles ont été provoqués par des forces extérieures, "
              "a déclaré l’ambassadeur de Russie aux États-Unis, Anatoly Antonov.")
    assert swapped("Selon l’ambassadeur des États-Unis en Russie, les troubles ont été "
                   "provoqués par des forces extérieures.", source)
    assert not swapped("Selon l’ambassadeur de Russie aux États-Unis, les troubles ont été "
                       "provoqués par des forces extérieures.", source)


def test_speakers_places_and_things_of_a_party_are_not_swaps() -> None:
    psaki = ("Toutefois, les troubles au Kazakhstan et l’implication de la Russie dans la "
             "répression des manifestations n’affecteront pas les plans des discussions de "
             "l’OTAN avec la Russie, a déclaré jeudi à la presse Jen Psaki, porte-parole de la "
             "Maison Blanche.")
    assert not swapped("White House press secretary Jen Psaki said the unrest in Kazakhstan "
                       "would not affect plans for NATO talks with Russia.", psaki)
    belarus = ("La Biélorussie a déployé un groupe de travail vendredi, le transportant par "
               "avion dans le pays via la Russie.")
    assert not swapped("La Biélorussie a fait venir son détachement par avion en passant par "
                       "la Russie.", belarus)
    massimov = ("L’appel de l’ex-président Noursoultan Nazarbaïev intervient alors qu’un de ses "
                "alliés proches, Karim Massimov, ancien Premier ministre, a été arrêté pour "
                "trahison.")
    assert not swapped("Karim Massimov, ancien Premier ministre et proche allié de Nazarbaïev, "
                       "a été arrêté pour trahison.", massimov)
    # what the agent said names the other party far from it: not whom the deed was done to
    assert not swapped("It was on Friday that Blinken warned it would be very hard for "
                       "Kazakhstan to get Russian troops to leave.", MOSCOW)


def test_parties_merge_names_written_together() -> None:
    (agent, other) = parties(MOSCOW)  # the relative clause after ", qui" is left out
    assert agent.keys == {"RU"} and agent.tag == "plain"
    assert {"US", "p:blin"} <= other.keys
    assert bodies_at("l’aide de l’UE et de l’OTSC") == [(12, 14, "EU"), (23, 27, "CSTO")]


def test_swapped_parties_refused_with_reason_agent(verifier: Verifier) -> None:
    (claim,) = verifier.verify("On Thursday, 6 January, Russia's top diplomat warned the "
                               "European Union against a military intervention in Kazakhstan "
                               "[1].", [WARNED]).claims
    assert not claim.supported and claim.reason == "agent"
    (claim,) = verifier.verify("On Thursday, 6 January, the European Union's top diplomat "
                               "warned Russia against a military intervention in Kazakhstan "
                               "[1].", [WARNED]).claims
    assert claim.supported
