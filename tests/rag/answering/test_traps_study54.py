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
    ("What were Xi Jinping's exact words of condolence to Tokayev?", "verbatim"),
    ("Quels mots Nazarbaïev a-t-il lui-même prononcés dans son appel ?", "verbatim"),
    ("On average, how many people did the police detain per day during the riots?", "rate"),
    ("How much US aid per Kazakh inhabitant did American agencies transfer in 2020?", "rate"),
    ("Combien d’ONG actives le Kazakhstan compte-t-il pour 1 000 habitants ?", "rate"),
    ("Quel poste Kassym-Jomart Tokaïev occupait-il avant de devenir président ?",
     "prior_office"),
    ("What position did Massimov hold before his arrest?", "prior_office"),
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
    # (diff review 51)
    "Were the protests related to the fuel price increase?",
    "Is the Kazakh language related to Turkish?",
    "Quelle formation politique a remporté les élections ?",
    "Where did the scientists study the virus?",
    "To what degree did the sanctions hurt the economy?",
    "How many soldiers did Russia send a day after Tokayev's request?",
    "How many people were arrested in a week of unrest?",
    "Combien pèse en moyenne un éléphant d'Afrique ?",
    "Quels mots français viennent du gaulois ?",
])
def test_ordinary_questions_ask_none(question: str) -> None:
    assert particular_asked(question) == ""


@pytest.mark.parametrize(("kind", "text"), [
    ("education", "Néanmoins, la diplomatie multilatérale de la Suisse et sa longue expérience "
                  "sont des facteurs importants."),  # "diplomatie" is no diploma
    ("kinship", "Nazarbaïev a appelé la population à soutenir le gouvernement, a déclaré son "
                "porte-parole."),  # French "son" is no son
    ("kinship", "Massimov, un de ses alliés proches, a été arrêté."),  # allies, not kin
    ("verbatim", "Xi a exprimé ses sincères condoléances au président kazakh."),
    ("rate", "La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours."),
    ("prior_office", "Le président Tokayev a invité les troupes d’une alliance d’anciens États "
                     "soviétiques."),  # former states are no office
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
    ("prior_office", "Karim Massimov, ancien Premier ministre, a été arrêté pour trahison."),
    ("prior_office", "He had been foreign minister since 2007."),
])
def test_a_sentence_that_states_one(kind: str, text: str) -> None:
    assert particular_told(kind, text)


def test_the_sentence_before_does_not_state_it_for_this_one() -> None:
    """Someone's words quoted in the sentence before are not those of the one asked."""
    text = ("«La situation est grave», a déclaré le porte-parole. Xi a exprimé ses sincères "
            "condoléances au président kazakh Tokayev.")
    assert not _kind_of("What were Xi Jinping's exact words of condolence to Tokayev?", text,
                        "condoléances")


def test_a_body_that_acts_as_one_is_the_subject_of_a_yes_no_deed() -> None:
    """t54_015: "Did the Kazakh government cancel ...?" asks a reversal ("annulé"), which the
    government's "concessions" or a report on the price rise do not tell."""
    from rag.answering.yes_no import deed_told, yes_no_verb
    verb, lang = yes_no_verb("Did the Kazakh government cancel the fuel price increase?")
    assert (verb, lang) == ("cancel", "en")
    assert not deed_told(verb, lang, "Et plus encore, le rapport cite Peskov sur la hausse du "
                                     "prix du carburant.", "fr")
    assert deed_told(verb, lang, "Tous les vols ont été annulés.", "fr")
    assert yes_no_verb("Did the protests spread to Almaty?") == ("spread", "en")


def test_a_pronoun_sentence_is_told_by_the_one_before() -> None:
    """Diff review 51: "Elle a présidé le Sénat" goes on about the daughter the sentence
    before names."""
    text = ("Dariga Nazarbaïeva est la fille aînée de Noursoultan Nazarbaïev. Elle a présidé "
            "le Sénat jusqu'en 2020.")
    assert _kind_of("Quel membre de la famille de Nazarbaïev a présidé le Sénat ?", text,
                    "Elle a présidé")
