"""Rows of evals/blind51_articles.jsonl (studied since the fifty-first session): a superlative
given in apposition, with no article ("Le Kazakhstan, plus grand pays d'Asie centrale")."""

from __future__ import annotations

import pytest

from rag.answering.holds import APPOSED_SUPERLATIVE
from tests.rag.answering.test_traps_study53 import _answered

_SENTENCE = ("Le Kazakhstan, plus grand pays d’Asie centrale, est ébranlé par une contestation "
             "qui a éclaté dimanche en province avant de s’étendre à de grandes villes, "
             "notamment Almaty.")


@pytest.mark.parametrize("question", [
    "Le Kazakhstan est-il le plus vaste pays d'Asie centrale ?",  # b51_021
    "Quel est le plus grand pays d'Asie centrale ?",
    "Is Kazakhstan the largest country in Central Asia?",
])
def test_a_superlative_in_apposition_ranks_its_noun(question: str) -> None:
    assert _answered(question, _SENTENCE)


@pytest.mark.parametrize("question", [
    "Quelle est la plus grande ville d'Asie centrale ?",
    "What is the largest city in Central Asia?",
    "Quel est le pays le plus peuplé d'Asie centrale ?",  # another quality (diff review 51)
    "What is the most populous country in Central Asia?",
])
def test_it_ranks_no_other_noun(question: str) -> None:
    assert not _answered(question, _SENTENCE)


@pytest.mark.parametrize("text", [
    "Il l'a dit, plus tard dans la journée, à la télévision.",
    "Ils étaient, plus de 3 000 soldats, à attendre.",
    "Il est arrivé, plus vite que prévu, à Almaty.",
    "Les villes, plus précisément Almaty, ont brûlé.",
])
def test_a_comma_then_plus_is_not_always_a_superlative(text: str) -> None:
    assert APPOSED_SUPERLATIVE.search(text) is None
