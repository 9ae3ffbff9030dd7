"""Traps of evals/traps_study54.jsonl (a study set): someone's schooling, a family tie,
someone's own words or a rate asked, over sentences about the same people that state none of
them; and the controls that do."""

from __future__ import annotations

import pytest

from rag.answering.particulars import particular_asked, particular_told
from tests.rag.answering.test_traps_study50 import _kind_of


@pytest.mark.parametrize(("question", "kind"), [
    ("Where did Earl Rasmussen study, and what degree does he hold?", "education"),
    ("Quelles études l’ambassadeur russe Anatoly Antonov a-t-il suivies ?", "education"),
    ("Où Marie Dumoulin a-t-elle étudié ?", "education"),
    ("Karim Massimov est-il un membre de la famille de Noursoultan Nazarbaïev ?", "kinship"),
    ("Is Karim Massimov related to Nazarbayev?", "kinship"),
    ("What were Xi Jinping's exact words of condolence to Tokayev?", "verbatim"),
    ("Quels mots Nazarbaïev a-t-il lui-même prononcés dans son appel ?", "verbatim"),
    ("On average, how many people did the police detain per day during the riots?", "rate"),
    ("How much US aid per Kazakh inhabitant did American agencies transfer in 2020?", "rate"),
    ("Combien d’ONG actives le Kazakhstan compte-t-il pour 1 000 habitants ?", "rate"),
])
def test_the_particular_is_read_from_the_question(question: str, kind: str) -> None:
    assert particular_asked(question) == kind


@pytest.mark.parametrize("question", [
    "What did the study find?",
    "How many people were killed in a single day?",
    "How many people did the police detain?",
    "Combien d'ONG actives le Kazakhstan compte-t-il ?",
    "Qui est Karim Massimov ?",
    "What did Xi Jinping say to Tokayev?",
])
def test_ordinary_questions_ask_none(question: str) -> None:
    assert particular_asked(question) == ""


@pytest.mark.parametrize(("kind", "text"), [
    ("education", "Néanmoins, la diplomatie multilatérale de la Suisse et sa longue expérience "
                  "sont des facteurs importants."),  # "diplomatie" is no diploma
    ("kinship", "Nazarbaïev a appelé la population à soutenir le gouvernement, a déclaré son "
                "porte-parole."),  # French "son" is no son
    ("verbatim", "Xi a exprimé ses sincères condoléances au président kazakh."),
    ("rate", "La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours."),
])
def test_a_sentence_that_states_none(kind: str, text: str) -> None:
    assert not particular_told(kind, text)


@pytest.mark.parametrize(("kind", "text"), [
    ("education", "Il est diplômé de l'Institut d'État des relations internationales de Moscou."),
    ("education", "He studied law at Harvard University."),
    ("kinship", "Dariga Nazarbaïeva, fille aînée de l'ancien président, a quitté le Sénat."),
    ("verbatim", "«Nous partagerons votre douleur», a écrit Xi."),
    ("rate", "Quelque 300 personnes étaient arrêtées chaque jour."),
    ("rate", "Le pays compte 2 ONG pour 1 000 habitants."),
])
def test_a_sentence_that_states_one(kind: str, text: str) -> None:
    assert particular_told(kind, text)


def test_the_sentence_before_does_not_state_it_for_this_one() -> None:
    """Someone's words quoted in the sentence before are not those of the one asked."""
    text = ("«La situation est grave», a déclaré le porte-parole. Xi a exprimé ses sincères "
            "condoléances au président kazakh Tokayev.")
    assert not _kind_of("What were Xi Jinping's exact words of condolence to Tokayev?", text,
                        "condoléances")
