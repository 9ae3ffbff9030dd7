"""A claim or a question's premise that gives a French sentence's deed to another party, across
languages (rag/answering/subjects.py): blind_pairs8 v8_059, blind_pairs9 v9_094,
traps_study53 t53_044."""

from __future__ import annotations

import pytest

from rag.answering.subjects import premise_exchanged, subject_exchanged

AIRPORT = ("Jeudi soir, les militaires avaient repris le contrôle du principal aéroport, saisi "
           "plus tôt par les manifestants, mais les combats se poursuivaient entre le "
           "personnel de sécurité et les manifestants sur la place principale d’Almaty, selon "
           "Reuters.")
GUARANTEES = ("Moscou cherche à obtenir des garanties de sécurité de la part de l’OTAN, ce qui "
              "limiterait essentiellement les capacités de défense de l’alliance militaire "
              "occidentale en Europe orientale.")


@pytest.mark.parametrize(("claim", "sentence"), [
    ("By Thursday evening, protesters had retaken the main airport, which the military had "
     "seized earlier.", AIRPORT),
    ("NATO is seeking security guarantees from Moscow that would limit Russia's defence "
     "capabilities in Eastern Europe.", GUARANTEES),
])
def test_the_deed_given_to_the_other_party(claim: str, sentence: str) -> None:
    assert subject_exchanged(claim, "en", sentence, "fr")


@pytest.mark.parametrize(("claim", "sentence"), [
    ("By Thursday evening, the military had retaken the main airport, which protesters had "
     "seized earlier.", AIRPORT),
    ("On Thursday evening, soldiers retook the main airport.", AIRPORT),
    ("Moscow is seeking security guarantees from NATO.", GUARANTEES),
    ("Russia is seeking security guarantees from NATO.", GUARANTEES),
    ("La Russie a envoyé 3 000 soldats.", "La Russie a envoyé quelque 3 000 personnes."),
])
def test_the_deed_given_to_its_own_party(claim: str, sentence: str) -> None:
    lang = "fr" if claim.startswith("La ") else "en"
    assert not subject_exchanged(claim, lang, sentence, "fr")


def test_a_question_whose_premise_gives_the_deed_to_the_wrong_party() -> None:
    assert premise_exchanged("Why did protesters retake Almaty's main airport from the army "
                             "on Thursday evening?", "en", [AIRPORT])
    assert premise_exchanged("When did protesters retake the airport from the military?", "en",
                             [AIRPORT])


@pytest.mark.parametrize("question", [
    "Why did the military retake Almaty's main airport?",
    "Why did Moscow seek security guarantees from NATO?",
    "Who retook the airport?",  # no premise of a subject's deed
    "When did protesters retake the airport?",  # no other party named to have done it
])
def test_a_question_whose_premise_holds(question: str) -> None:
    assert not premise_exchanged(question, "en", [AIRPORT, GUARANTEES])


def test_one_sentence_giving_the_deed_to_the_subject_is_enough() -> None:
    assert not premise_exchanged(
        "Why did Russia send troops?", "en",
        ["L’Arménie, le Kirghizistan et le Tadjikistan ont envoyé entre 100 et 200 personnes.",
         "La Russie a envoyé quelque 3 000 personnes, selon l’agence RIA."])


def test_words_said_are_no_deed() -> None:
    """b16_022: the ministry's words, in a sentence whose "a déclaré" follows its spokesman."""
    assert not premise_exchanged(
        "How did the Russian foreign ministry say Kazakhstan's problems should be resolved?",
        "en", ["Le ministère russe des Affaires étrangères privilégie le dialogue, a déclaré "
               "la porte-parole Maria Zakharova au Kazakhstan."])


@pytest.mark.parametrize(("claim", "sentence"), [
    # a passive: who it was done to stands before the verb (v31_016)
    ("Washington condemned the move while Beijing backed it.",
     "Une initiative dénoncée par les États-Unis mais soutenue par la Chine."),
    # a party in a complement is no subject (v9_071)
    ("Russian and allied troops are deploying in Kazakhstan.",
     "Des troupes russes et de pays alliés de Moscou se déploient pour aider le Kazakhstan."),
    # "According to ..., rioters stormed": the opening names no subject; "d'Almaty" is a
    # complement of the airport (v8_042)
    ("According to unconfirmed earlier reports, rioters stormed and seized Almaty airport.",
     "Selon des informations non confirmées, l’aéroport d’Almaty aurait été pris d’assaut et "
     "saisi par les émeutiers."),
])
def test_no_subject_read_where_none_stands(claim: str, sentence: str) -> None:
    assert not subject_exchanged(claim, "en", sentence, "fr")


@pytest.mark.parametrize(("question", "sentence"), [
    # (diff review 51) "dismiss" is "limogé" (by Tokaïev: a passive), not "démissionné"
    ("Why did Tokayev dismiss Karim Massimov?",
     "Karim Massimov a été limogé par Tokaïev, puis le gouvernement a démissionné."),
    # what befell the protesters is no deed of theirs
    ("Why did soldiers kill protesters?", "Des dizaines de manifestants sont morts."),
    # a relative clause closes before the verb
    ("Why did Russia send troops to the CSTO?",
     "La Russie, qui dirige l’OTSC, a envoyé des troupes."),
    # the last of "entre X et Y" is no subject
    ("When did protesters start clashing with police?",
     "Les affrontements entre les manifestants et la police ont commencé mercredi."),
])
def test_ordinary_premises_hold(question: str, sentence: str) -> None:
    assert not premise_exchanged(question, "en", [sentence])
