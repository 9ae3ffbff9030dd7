"""Yes or no before the quote, for a plain yes/no question whose sentence tells the verb asked
(blind54 b54_009: "Did Armenia confirm ...?" answered by the quote alone)."""

from __future__ import annotations

import pytest

from rag.answering.evidence import gather_evidence
from rag.answering.extractive import ExtractiveWriter
from rag.answering.polarity import polarity
from rag.answering.question import analyse_question
from rag.retrieval import Hit
from rag.store import Chunk

CONFIRMED = ("Toutefois, l’Arménie, qui assure actuellement la présidence de l’OTSC, a confirmé "
             "ce matin sa participation à cette opération de stabilisation.")
NOT_REACTED = ("Pour l’heure, en ce jeudi matin, les Occidentaux n’ont pas réagi à l’annonce "
               "russe et à l’arrivée des premières troupes.")


def _said(question: str, sentence: str, lang: str = "fr", passage: str = "") -> str | None:
    q = analyse_question(question)
    return polarity(question, q.polar, sentence, lang, q.focus, passage or sentence)


def _answer(question: str, text: str) -> str:
    hit = Hit(Chunk("d0", 0, text, 0, len(text), "Kazakhstan"), 1.0)
    ev = gather_evidence(question, [hit], None, None, lambda term: 1.0, "french")
    composed = ExtractiveWriter(0.0, 0.0).compose(ev)
    assert composed is not None
    return composed.text


def test_a_plain_yes_across_languages_is_said_and_cited() -> None:
    q = "Did Armenia confirm that it would take part in the CSTO stabilisation operation?"
    assert _said(q, CONFIRMED) == "yes"
    assert _answer(q, CONFIRMED).startswith("Yes [1]. According to the sources")
    fr = "L’Arménie a-t-elle confirmé sa participation à l’opération ?"
    assert _said(fr, CONFIRMED) == "yes"
    assert _answer(fr, CONFIRMED).startswith("Oui [1]. Toutefois")


def test_a_negation_on_the_verb_says_no() -> None:
    assert _said("Had Western capitals responded to the Russian announcement by Thursday "
                 "morning?", NOT_REACTED) is None  # ("Western capitals": no name it holds)
    assert _said("Les Occidentaux ont-ils réagi à l’annonce russe ?", NOT_REACTED) == "no"
    assert _said("Did Armenia confirm its participation?",
                 "L’Arménie n’a pas confirmé sa participation à l’opération.") == "no"


CONFIRM = "Did Armenia confirm its participation?"
CONFIRME = "L’Arménie a-t-elle confirmé sa participation à l’opération ?"


@pytest.mark.parametrize(("question", "sentence", "passage"), [
    # diff review 54's wrong yes: another party, another object, in another clause
    ("Did China send troops to Kazakhstan?",
     "La Russie a envoyé des troupes au Kazakhstan, voisin de la Chine.", ""),
    ("La Biélorussie a-t-elle confirmé sa participation à l’opération ?",
     "L’Arménie a confirmé ce matin sa participation à l’opération, aux côtés de la "
     "Biélorussie et du Tadjikistan.", ""),
    ("Tokaïev a-t-il limogé Nazarbaïev ?",
     "Tokaïev a limogé le gouvernement mercredi, et Nazarbaïev a conservé la présidence du "
     "Conseil de sécurité.", ""),
    ("Did Kazakhstan accept the EU's offer?",
     "Le Kazakhstan a accepté l’aide de l’OTSC mais a ignoré l’offre de l’UE.", ""),
    # a plan, a future, an obligation
    (CONFIRM, "L’Arménie confirmera demain sa participation à l’opération.", ""),
    (CONFIRM, "L’Arménie doit encore confirmer sa participation à l’opération.", ""),
    (CONFIRM, "L’Arménie va confirmer sa participation à l’opération.", ""),
    (CONFIRM, "L’Arménie a prévu de confirmer sa participation à l’opération.", ""),
    (CONFIRM, "Armenia is expected to confirm its participation.", ""),
    (CONFIRM, "Armenia plans to confirm its participation.", ""),
    # a failure, a demand, an accusation
    (CONFIRM, "Armenia failed to confirm its participation.", ""),
    (CONFIRM, "Armenia has yet to confirm its participation.", ""),
    (CONFIRM, "Moscou a demandé à l’Arménie de confirmer sa participation.", ""),
    ("Did Russia send troops to Kazakhstan?",
     "Les États-Unis accusent la Russie d’avoir envoyé des troupes au Kazakhstan.", ""),
    ("Did Russia send troops to Kazakhstan?",
     "La Russie a été accusée d’avoir envoyé des troupes au Kazakhstan.", ""),
    # reported, false, ironic; a denial next door
    ("Did Nazarbayev leave the country?",
     "Il est faux de dire que Nazarbaïev a quitté le pays.", ""),
    ("Did Nazarbayev leave the country?",
     "Nazarbaïev a quitté le pays, a faussement affirmé une chaîne Telegram.", ""),
    (CONFIRM, "Le Kremlin a affirmé que l’Arménie avait confirmé sa participation.", ""),
    (CONFIRM, "Des médias russes ont affirmé que l’Arménie avait confirmé sa participation.",
     "Des médias russes ont affirmé que l’Arménie avait confirmé sa participation. Erevan "
     "a aussitôt démenti."),
    (CONFIRM, "L’Arménie a confirmé sa participation à l’opération.",
     "L’Arménie a confirmé sa participation à l’opération. Erevan a aussitôt démenti."),
    # a noun, a passive
    (CONFIRM, "La confirmation de la participation de l’Arménie est attendue lundi.", ""),
    ("Les manifestants ont-ils attaqué l’aéroport ?",
     "Les manifestants ont été attaqués par la police près de l’aéroport.", ""),
    # diff review 54's wrong no: "ne ... que", litotes, another clause's or party's negation
    (CONFIRM, "L’Arménie n’a confirmé qu’hier soir sa participation à l’opération.", ""),
    (CONFIRM, "L’Arménie n’a pas tardé à confirmer sa participation à l’opération.", ""),
    (CONFIRM, "It is not surprising that Armenia confirmed its participation.", ""),
    (CONFIRM, "Personne ne doute que l’Arménie a confirmé sa participation.", ""),
    (CONFIRM, "Armenia not only confirmed its participation but also sent 70 soldiers.", ""),
    (CONFIRM, "La Biélorussie n’a pas confirmé sa participation, contrairement à l’Arménie.",
     ""),
])
def test_no_wrong_yes_or_no(question: str, sentence: str, passage: str) -> None:
    assert _said(question, sentence, passage=passage) is None


@pytest.mark.parametrize(("question", "sentence"), [
    # a question that denies, or offers two answers
    ("Armenia did not confirm its participation?", CONFIRMED),
    ("L’Arménie n’a-t-elle pas confirmé sa participation ?", CONFIRMED),
    ("Did Armenia confirm or deny its participation?", CONFIRMED),
    # a sentence with a doubt, a condition or a negation elsewhere: neither is said
    ("Did Armenia confirm its participation?",
     "L’Arménie aurait confirmé sa participation, selon des sources non officielles."),
    ("Did Armenia confirm its participation?",
     "L’Arménie a confirmé sa participation, mais n’a pas précisé le nombre de soldats."),
    # a sentence that does not write the verb asked
    ("Did Armenia confirm its participation?",
     "L’Arménie participe à l’opération de stabilisation."),
    # no yes/no question at all
    ("Who confirmed their participation?", CONFIRMED),
    ("Quel pays a confirmé sa participation ?", CONFIRMED),
])
def test_neither_where_it_is_not_plain(question: str, sentence: str) -> None:
    assert _said(question, sentence) is None
