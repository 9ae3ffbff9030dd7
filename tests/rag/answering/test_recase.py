"""A question typed in lower case is read with the names its sources capitalise."""

from __future__ import annotations

from rag.answering.question import analyse_question
from rag.answering.recase import recase

SOURCES = [
    "Trois explosions ont été entendues dans le nord d'Almaty. Cinq alliés ont répondu à la "
    "demande de Nur-Sultan. Le porte-parole du Kremlin, Dmitry Peskov, s'est exprimé.",
    "La Russie a envoyé des troupes. La guerre en Ukraine inquiète. Guerre et paix.",
]


def test_names_the_sources_capitalise_are_restored() -> None:
    assert recase("combien d'explosions à nur-sultan ?", SOURCES) \
        == "combien d'explosions à Nur-Sultan ?"
    assert recase("combien de soldats la russie a-t-elle envoyés ?", SOURCES) \
        == "combien de soldats la Russie a-t-elle envoyés ?"
    assert recase("qui est dmitry peskov ?", SOURCES) == "qui est Dmitry Peskov ?"


def test_words_the_sources_also_write_in_lower_case_stay_words() -> None:
    # "guerre" opens a sentence once ("Guerre et paix.") and is a word elsewhere
    assert recase("quelle guerre ?", SOURCES) == "quelle guerre ?"
    # ... and a capital that only opens a sentence says nothing
    assert recase("trois explosions ?", SOURCES) == "trois explosions ?"
    assert recase("la nord", SOURCES) == "la nord"


def test_the_focus_of_a_lower_case_question_is_the_capitalised_one() -> None:
    lower = analyse_question(recase("combien d'explosions ont été entendues à nur-sultan ?",
                                    SOURCES))
    cased = analyse_question("combien d'explosions ont été entendues à Nur-Sultan ?")
    assert lower.focus == cased.focus and lower.focus
    assert not analyse_question("combien d'explosions ont été entendues à nur-sultan ?").focus


def test_a_question_already_cased_is_unchanged() -> None:
    q = "Combien de soldats la Russie a-t-elle envoyés ?"
    assert recase(q, SOURCES) == q
    assert recase(q, []) == q


def test_a_question_that_capitalises_its_names_keeps_its_common_words() -> None:
    """Who writes "Kazakhstan" writes "freedom" as a word, even when a source names
    "Freedom House"."""
    sources = ["La fondation Freedom House a publié un rapport sur le Kazakhstan."]
    q = "How much did freedom groups in Kazakhstan receive?"
    assert recase(q, sources) == q
    assert recase("how much did groups in kazakhstan receive?", sources) \
        == "how much did groups in Kazakhstan receive?"
