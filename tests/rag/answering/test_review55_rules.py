"""Misfires the fifty-fifth diff review found in the new decline rules (a count "au total",
the particulars, spans, words told as nobody's, the yes/no deed past a long subject, "Who is
X, ...?"): ordinary questions each rule must leave alone, and variants it must catch."""

from __future__ import annotations

import pytest

from rag.answering.claim_authors import author_asked, said_by_nobody
from rag.answering.particulars import particular_asked, particular_told
from rag.answering.question import analyse_question
from rag.answering.spans import span_asked
from tests.rag.answering.test_traps_study53 import _answered


@pytest.mark.parametrize("q", [
    "Quelle unité de mesure utilise-t-on pour la pression ?",
    "What unit does the SI use for temperature?",
    "Quelle unité monétaire utilise le Kazakhstan ?",
    "Dans quelle division évolue le PSG ?",
    "Which TV programme did she present?",
    "Qui assume la présidence tournante du Conseil de l'UE ?",
    "Qui prend en charge l'enquête ?",
    "Who pays the price for the crisis?",
    "Who is paid the most in the NBA?",
    "How did Paris reach a total of 2 million visitors?",
])
def test_ordinary_questions_ask_no_particular(q: str) -> None:
    assert particular_asked(q) == ""


def test_ordinary_answers_stay_answered() -> None:
    assert _answered("Quelle unité de mesure utilise-t-on pour la pression ?",
                     "La pression se mesure en pascals (Pa).")
    assert _answered("Qui assume la présidence tournante du Conseil de l'UE ?",
                     "Emmanuel Macron assume la présidence tournante du Conseil de l'UE.")


@pytest.mark.parametrize(("kind", "text"), [
    ("subunit", "Marie Dumoulin directs the Wider Europe programme at the ECFR."),
    ("subunit", "L’assaut a été mené par le RAID, l’unité d’élite de la police."),
    ("method", "The ICNL based its estimate on official registration records."),
    ("funding", "Stephen Curry earns $51.9 million a season."),
])
def test_told_in_other_words(kind: str, text: str) -> None:
    assert particular_told(kind, text)


def test_the_passive_method_and_severity_forms() -> None:
    assert particular_asked("How was the death toll calculated?") == "method"
    assert particular_asked("Comment le nombre de victimes a-t-il été établi ?") == "method"
    assert particular_asked("How many of the injured are in critical condition?") == "severity"
    # a serious clash is no serious wound
    assert not particular_told("severity", "353 blessés dans des affrontements graves.")
    assert particular_told("severity", "353 blessés, dont 40 grièvement.")


def test_en_tout_cas_asks_no_total() -> None:
    q = "Combien de soldats, en tout cas selon Moscou, ont été envoyés au Kazakhstan ?"
    assert not analyse_question(q).total
    assert _answered(q, "Moscou a envoyé des centaines de soldats au Kazakhstan.")
    assert analyse_question("What was the total death toll of the riots in numbers?").total \
        or not analyse_question("What was the total death toll of the riots in numbers?").asks


def test_someone_s_claims_have_an_author() -> None:
    assert not said_by_nobody("Trump's claims that the election was stolen were rejected.")
    assert not said_by_nobody("Il a rejeté ses affirmations selon lesquelles X avait menti.")
    assert said_by_nobody("He dismissed the theory that the riots were planned abroad.")
    assert said_by_nobody("Il a démenti la rumeur selon laquelle il avait fui.")
    assert not author_asked("Who claimed responsibility for the attack?")
    assert not author_asked("Qui a soutenu la réforme ?")
    assert author_asked("Who had suggested that the troops would act as occupiers?")


def test_the_deed_after_been_not_the_subject_s_clause() -> None:
    q = "Has the treaty that the two countries in the region negotiated been ratified?"
    assert analyse_question(q).deed == ("ratified", "en")
    assert _answered(q, "Le traité a été ratifié par les deux parlements.")


def test_an_office_is_no_name_asked_about() -> None:
    q = ("Who was Chancellor, at the time when the Berlin Wall fell and Germany began the long "
         "and costly process of reunification in 1989 and 1990?")
    assert analyse_question(q).asks != ("identity",)


def test_a_cumulative_figure_of_a_date_is_no_span() -> None:
    assert not span_asked("Combien de cas cumulés la France comptait-elle fin 2021 ?")
    assert span_asked("How much has the NED spent down the years?")


def test_second_round_of_review_55_probes() -> None:
    # damage is no wound; "12 of them critically" tells how badly
    assert particular_asked("How many buildings were badly damaged?") == ""
    assert _answered("How many people were seriously injured in the crash?",
                     "Thirty people were hurt in the crash, 12 of them critically.")
    # two years make a span
    assert _answered("How has the population of Almaty changed over the years?",
                     "Almaty had 2 million inhabitants in 2020, up from 1.1 million in 1999.")
    # the words said by someone the sentence names
    assert not said_by_nobody("Senator John Smith implied that the vote was rigged, fuelling "
                              "speculation that he would run.")
    assert _answered("Who implied that the vote was rigged?", "Senator John Smith implied that "
                     "the vote was rigged, fuelling speculation that he would run.")
