"""Agents of passive verbs exchanged between a claim and its sentence."""

from __future__ import annotations

from rag.answering.passive_agents import agents_exchanged, first_of_other
from rag.answering.verify import Verifier, _agent_key, _party_keys
from tests.rag.answering.test_verify import one

SENTENCE = ("Un contingent de troupes russes est arrivé jeudi au Kazakhstan pour appuyer le "
            "pouvoir en place, une initiative dénoncée par les États-Unis mais soutenue par la "
            "Chine.")


def _none(_: str) -> frozenset[str]:
    return frozenset()


def test_the_agents_of_two_verbs_exchanged() -> None:
    assert agents_exchanged("Une initiative saluée par les États-Unis mais dénoncée par la "
                            "Chine.", SENTENCE, _agent_key, _none)
    # the same agents behind the same verbs, in another order or other names of theirs
    assert not agents_exchanged("Soutenue par Pékin mais dénoncée par Washington, "
                                "l’initiative ...", SENTENCE, _agent_key, _none)
    # a verb the sentence does not give to anyone says nothing
    assert not agents_exchanged("Une initiative saluée par la Chine.", SENTENCE, _agent_key,
                                _none)


def test_a_claim_giving_the_denouncing_to_the_other_party(verifier: Verifier) -> None:
    ok, why = one(verifier, "L’arrivée jeudi des troupes russes pour appuyer le pouvoir kazakh "
                            "a été saluée par les États-Unis mais dénoncée par la Chine [1].",
                  SENTENCE)
    assert not ok and why == "agent"
    ok, why = one(verifier, "The deployment was backed by the United States and denounced by "
                            "China [1].", SENTENCE)
    assert not ok
    assert one(verifier, "L’arrivée jeudi des troupes russes pour appuyer le pouvoir kazakh a "
                         "été dénoncée par les États-Unis mais soutenue par la Chine [1].",
               SENTENCE)[0]


FIRST = ("Des soldats et du matériel russes ont été les premiers à arriver au Kazakhstan jeudi. "
         "La Biélorussie a déployé un groupe de travail vendredi, le transportant par avion "
         "dans le pays via la Russie.")


def test_who_came_first(verifier: Verifier) -> None:
    """blind_pairs12 v13_022: Belarus deployed on Friday; the Russians were first."""
    ok, _ = one(verifier, "La Biélorussie a été la première à déployer ses forces au "
                          "Kazakhstan, jeudi, en les acheminant par avion via la Russie [1].",
                FIRST)
    assert not ok
    assert one(verifier, "Les soldats russes ont été les premiers à arriver au Kazakhstan, "
                         "jeudi [1].", FIRST)[0]
    ok, _ = one(verifier, "Belarus was the first to send troops to Kazakhstan [1].", FIRST)
    assert not ok


def test_closing_review_misfires_of_agents_and_firsts() -> None:
    """Agents joined by "et", a person by the surname, one language's five letters; a person
    and a country's president may be one; every "the first to" is read."""
    assert not agents_exchanged("Le traité, signé par l’Allemagne, ...", "Le traité, signé par "
                                "la France et l’Allemagne, a été salué par l’Allemagne.",
                                _agent_key, _none)
    assert not agents_exchanged("The plan was backed by Putin.", "The plan, backed by Vladimir "
                                "Putin, was praised by Putin.", _agent_key, _none)
    assert not first_of_other("Kassym-Jomart Tokaïev a été le premier à dénoncer les troubles.",
                              "Le président kazakh a été le premier à dénoncer les troubles.",
                              _party_keys)
    assert not first_of_other("Le Kazakhstan a été le premier pays à demander l’aide.",
                              "La Russie a été la première à répondre, mais le Kazakhstan a été "
                              "le premier pays à demander l’aide de l’OTSC.", _party_keys)
