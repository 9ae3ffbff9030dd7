"""Pairs of evals/verifier/blind_pairs39.jsonl (studied from the forty-eighth session)."""

from __future__ import annotations

import pytest

from rag.answering.bodies import role_bodies
from rag.answering.countries import role_nations
from rag.answering.verify import Verifier
from tests.rag.answering.test_verify import one

ANTONOV = ("La Russie pense que les troubles civils au Kazakhstan ont été provoqués par des "
           "forces extérieures, a déclaré l’ambassadeur de Russie aux États-Unis, Anatoly "
           "Antonov.")
STANCES = ("Un contingent de troupes russes est arrivé jeudi au Kazakhstan pour appuyer le "
           "pouvoir en place. Une initiative dénoncée par les États-Unis mais soutenue par la "
           "Chine.")


def test_an_english_possessive_gives_the_role_its_country() -> None:
    ambassador = ("ambass",)
    assert role_nations("Anatoly Antonov, the United States’ ambassador to Russia",
                        ambassador) == {"US"}
    assert role_nations("Russia’s ambassador to the United States", ambassador) == {"RU"}
    assert role_nations("Russia's ambassador said", ambassador) == {"RU"}
    assert role_nations("l’ambassadeur d’Allemagne", ambassador) == {"DE"}  # elided, as before


@pytest.mark.parametrize(("claim", "supported"), [
    # v39_019: the ambassador of the US to Russia is not Russia's to the US
    ("Anatoly Antonov, the United States’ ambassador to Russia, said Russia believes the "
     "unrest in Kazakhstan was instigated by outside forces.", False),
    ("Anatoly Antonov, Russia’s ambassador to the United States, said Russia believes the "
     "unrest in Kazakhstan was instigated by outside forces.", True),
])
def test_whose_ambassador(verifier: Verifier, claim: str, supported: bool) -> None:
    assert one(verifier, claim + " [1]", ANTONOV)[0] is supported


@pytest.mark.parametrize(("claim", "supported"), [
    # v39_023: the stances are given in the next sentence, the deed in the first
    ("Jeudi, des troupes russes sont arrivées au Kazakhstan pour appuyer le pouvoir, une "
     "initiative saluée par Washington mais critiquée par Pékin.", False),
    ("Jeudi, des troupes russes sont arrivées au Kazakhstan pour appuyer le pouvoir, une "
     "initiative critiquée par Washington mais saluée par Pékin.", True),
])
def test_stances_given_in_the_next_sentence(verifier: Verifier, claim: str,
                                            supported: bool) -> None:
    assert one(verifier, claim + " [1]", STANCES)[0] is supported


@pytest.mark.parametrize(("text", "codes"), [
    ("What did NATO's secretary general say about the CSTO deployment?", {"NATO"}),
    ("Qu'a déclaré le secrétaire général de l'ONU au sujet de l'intervention ?", {"UN"}),
    ("Le secrétaire général de l’OTSC, Stanislav Zas, a qualifié", {"CSTO"}),
    ("the UN secretary-general said", {"UN"}),
    ("le porte-parole de l’Union européenne", {"EU"}),
    # "un" is an article, "la Commission" no body of the list, "du bloc" names none
    ("un porte-parole de la présidence", set()),
    ("le président de la Commission", set()),
    ("selon le secrétaire général du bloc, Stanislav Zas", set()),
])
def test_the_body_a_title_belongs_to(text: str, codes: set[str]) -> None:
    assert role_bodies(text) == codes


def test_a_title_given_to_another_body_is_a_swap(verifier: Verifier) -> None:
    zas = ("Le secrétaire général de l’OTSC, Stanislav Zas, a qualifié de « stupidité "
           "totale » les suggestions selon lesquelles les troupes agiraient comme des occupants.")
    assert one(verifier, "NATO Secretary General Stanislav Zas called suggestions that the "
               "troops would act as occupiers total stupidity [1].", zas)[0] is False
    assert one(verifier, "CSTO Secretary General Stanislav Zas called suggestions that the "
               "troops would act as occupiers total stupidity [1].", zas)[0] is True


def test_a_next_sentence_of_its_own_gives_no_stance_to_check(verifier: Verifier) -> None:
    """Diff review: only a next sentence that qualifies this one ("Une initiative dénoncée
    par ...") is read for the stances; one with a verb of its own tells another matter."""
    passage = ("Le président chinois Xi Jinping a exprimé son appui à l’intervention de l’OTSC "
               "au Kazakhstan. La Chine a en revanche dénoncé les sanctions occidentales contre "
               "la Russie.")
    assert one(verifier, "La Chine a soutenu l’intervention de l’OTSC au Kazakhstan [1].",
               passage)[0] is True
