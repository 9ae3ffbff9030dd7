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


def _said(question: str, sentence: str, lang: str = "fr") -> str | None:
    return polarity(question, analyse_question(question).polar, sentence, lang)


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
                 "morning?", NOT_REACTED) == "no"  # ("responded": "réagi", yes_no._DEEDS_APART)
    assert _said("Les Occidentaux ont-ils réagi à l’annonce russe ?", NOT_REACTED) == "no"
    assert _said("Did Armenia confirm its participation?",
                 "L’Arménie n’a pas confirmé sa participation à l’opération.") == "no"


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
