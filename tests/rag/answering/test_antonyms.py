"""Opposites put in place of the source's word, read without a model."""

from __future__ import annotations

from rag.answering.antonyms import contradicts

AIRPORT = ("Jeudi soir, les militaires avaient repris le contrôle du principal aéroport, saisi "
           "plus tôt par les manifestants.")


def test_an_opposite_in_either_language_contradicts() -> None:
    assert contradicts("Jeudi soir, les militaires avaient perdu le contrôle de l’aéroport.",
                       AIRPORT)
    assert contradicts("On Thursday evening the military had lost control of the airport.",
                       AIRPORT)
    assert contradicts("Tokayev described the threat as loosely organised.",
                       "une « menace terroriste » hautement organisée")
    assert contradicts("Les prix du gaz ont baissé.", "une forte hausse des prix du gaz")


def test_the_same_side_or_a_sentence_saying_both_does_not() -> None:
    assert not contradicts("The military had regained control of the airport.", AIRPORT)
    assert not contradicts("Les prix ont augmenté puis baissé.",
                           "Les prix ont connu une hausse, puis une baisse.")
    assert not contradicts("Russia sent 3,000 troops.", "La Russie a envoyé 3 000 personnes.")
