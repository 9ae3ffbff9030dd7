"""Figures a source gives without writing them (blind_pairs26 false alarms): a list of names
counts them ("six countries" over six names joined by commas and "et"), a day is twenty-four
hours; and a cause's figure written in words is the figure's check, not the cause's."""

from __future__ import annotations

import time

from rag.answering.anchors import _list_counts, facts
from rag.answering.verify import Verifier

ALLIANCE = ("Le pacte est une alliance régionale composée de la Pologne, de la Hongrie, de la "
            "Roumanie et de la Slovaquie.")
BLACKOUT = "Le réseau mobile est coupé dans toute la région depuis une journée entière."


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_a_list_of_names_counts_them() -> None:
    assert _list_counts(ALLIANCE) == {"n:4"}
    assert _list_counts("Poland, Hungary, Romania and Slovakia signed.") == {"n:4"}
    assert _list_counts("Poland and Hungary signed.") == set()  # two: no list
    # long runs are read in bounded time, each list at most LIST_MOST names
    started = time.perf_counter()
    _list_counts("Aa Bb, " * 20_000 + "et Cc")
    assert time.perf_counter() - started < 1.0


def test_a_day_holds_twenty_four_hours() -> None:
    assert "n:24" in facts(BLACKOUT).keys
    assert "n:24" not in facts("Le réseau mobile a été coupé un jour de janvier.").keys


def test_counts_said_otherwise_are_held_and_wrong_ones_caught(verifier: Verifier) -> None:
    assert _supported(verifier, "The pact is a regional alliance of four countries: Poland, "
                                "Hungary, Romania and Slovakia.", ALLIANCE)
    assert not _supported(verifier, "The pact is a regional alliance of five countries: Poland, "
                                    "Hungary, Romania and Slovakia.", ALLIANCE)
    assert _supported(verifier, "Le réseau mobile est coupé dans toute la région depuis "
                                "vingt-quatre heures.", BLACKOUT)
    assert not _supported(verifier, "Le réseau mobile est coupé dans toute la région depuis "
                                    "quarante-huit heures.", BLACKOUT)


def test_a_cause_with_a_figure_in_words_is_read_by_its_other_words(verifier: Verifier) -> None:
    passage = ("La province compte pour le pays car elle a une frontière de plus de 2 000 "
               "kilomètres avec lui, a souligné l'analyste.")
    assert _supported(verifier, "Selon l'analyste, la province compte pour le pays parce "
                                "qu'elle partage avec lui plus de deux mille kilomètres de "
                                "frontière.", passage)


def test_a_list_counts_nothing_where_the_sentence_gives_figures() -> None:
    # blind_pairs9 v9_035: "cinq plus grandes villes" over "les dix plus grandes villes ...,
    # dont Almaty, Pavlodar, Aktobe, Nur-Sultan et Karaganda" (five names) says otherwise
    text = ("Le programme vise les dix plus grandes villes du pays, dont Almaty, Pavlodar, "
            "Aktobe, Nur-Sultan et Karaganda.")
    assert "n:5" not in facts(text).keys
    assert "n:4" in facts(ALLIANCE).keys
