"""Misfires of the fifty-third session's new rules found by a diff review (helper, report
only) before they landed: ordinary questions over a sentence that answers them, each declined
by the first version of a rule; and two false claims its verifier change let through."""

from __future__ import annotations

import pytest

from rag.answering.durations import only_elapsed
from rag.answering.exchange import exchanged
from rag.answering.particulars import particular_asked
from rag.answering.question import analyse_question
from rag.answering.refusals import refusal_asked, refusal_untold
from rag.answering.reported import only_foreseen, only_report_dated
from tests.rag.answering.test_traps_study53 import _answered


@pytest.mark.parametrize(("question", "text"), [
    # refusals: told in other words; asked in a relative clause, a title or a noun
    ("Who rejected the European Constitution in 2005?",
     "In 2005, French voters voted down the European Constitution in a referendum."),
    # reported: the deed's own verb; a year elsewhere; a hedge
    ("Quand le gouvernement a-t-il ajouté ces régions à la liste ?",
     "Le gouvernement a ajouté lundi trois régions à la liste."),
    ("Tokaïev : qu’a-t-il dit des manifestants ?",
     "Tokaïev a déclaré que les manifestants étaient probablement manipulés de l’étranger."),
    # durations: "last" and "depuis" not before the duration
    ("How long did the siege last?", "The last siege of the city lasted four months."),
    # superlative: fixed compounds
    ("Who is the novel's main character?",
     "The novel's main character is Emma Bovary, a doctor's wife."),
    ("Qui est le personnage principal du roman ?",
     "Le personnage principal du roman est Emma Bovary."),
    # deeds asked: a yes/no question a denial answers
    ("Did Russia send troops to Kazakhstan?",
     "La Russie a envoyé des troupes au Kazakhstan en janvier 2022."),
])
def test_answered(question: str, text: str) -> None:
    assert _answered(question, text)


@pytest.mark.parametrize(("question", "asked"), [
    ("Who proposed the plan that Parliament rejected?", False),
    ("Qui a rédigé le Refus global ?", False),
    ("Who organised the boycott of the 1980 Moscow Olympics?", False),
    ("Which country declined to send troops?", True),
    ("According to the report, which country refused?", True),
    ("Qu’est-ce que la Chine a refusé ?", True),
    ("Which country vetoed the resolution?", True),
])
def test_refusal_asked(question: str, asked: bool) -> None:
    assert refusal_asked(question) is asked


def test_refusal_told_in_other_words() -> None:
    for told in ("French voters voted down the constitution.", "Les athlètes ont boudé les Jeux.",
                 "Uzbekistan stayed out of the mission."):
        assert not refusal_untold("Who rejected it?", [told])


def test_report_day_only_in_an_incise() -> None:
    assert not only_report_dated("Quand le couvre-feu a-t-il été déclaré ?",
                                 "Le président a déclaré mercredi le couvre-feu.")
    assert not only_report_dated("When did Kazakhstan become independent?",
                                 "Kazakhstan became independent in 1991, Tokayev said on Monday.")
    assert only_report_dated("When did they talk?",
                             "They talked by phone, the Kremlin said in a statement on Saturday.")
    assert only_report_dated("Quand ont-ils parlé ?",
                             "Ils ont parlé longuement, a expliqué samedi le Kremlin.")


def test_a_hedge_is_no_forecast() -> None:
    assert not only_foreseen("What did Tokayev say about the protesters?",
                             "Tokaïev a déclaré que les manifestants étaient probablement "
                             "manipulés.")
    assert only_foreseen("Qu’ont dit les réseaux ?", "On s’attend à ce que les réseaux "
                                                     "dénoncent Moscou.")


def test_elapsed_only_right_before_the_duration() -> None:
    assert not only_elapsed("Combien de temps a duré le règne de Louis XIV ?",
                            ["Depuis 1643, Louis XIV régna 72 ans."])
    assert only_elapsed("How long did the blackout last?",
                        ["Power has been cut off for more than 24 hours."])


@pytest.mark.parametrize("question", [
    "Who is the museum's chief curator?", "Qui est le conseiller principal du président ?",
    "Où est la gare principale ?", "Quel est le rôle principal ?"])
def test_fixed_compounds_are_no_superlative(question: str) -> None:
    assert not analyse_question(question).superlative


def test_landing_not_a_figure_of_speech() -> None:
    assert particular_asked("Où les avions russes se sont-ils posés ?") == "landing"
    assert particular_asked("Dans quel contexte se sont-ils posés en médiateurs ?") != "landing"


def test_a_passive_without_a_party_leaves_the_exchange_read() -> None:
    assert exchanged("Tokayev replaced Nazarbayev as head of the Security Council.",
                     "Nazarbayev replaced Tokayev as head of the Security Council, according "
                     "to a video broadcast by television.")
