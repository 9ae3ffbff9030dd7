"""A candidate that holds the question's whole focus and most of its terms clears a cosine
floor it misses by a hair (PIAF: "Combien de saisons débute Edwige Lawson en 2010 ?" at 0.796
with coverage 0.69: "... elle débute 19 des 33 rencontres de saison régulière"; across
languages, the cross-language floor); with fewer of the question's words, part of its focus,
or further down, it does not."""

from __future__ import annotations

from rag.answering import extractive
from rag.answering.evidence import Evidence, EvidenceSentence
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit

QUESTION = "Combien de saisons débute Edwige Lawson en 2010 ?"
TEXT = ("Son temps de jeu est encore en progression - elle joue désormais 21 minutes et débute "
        "19 des 33 rencontres de saison régulière qu'elle dispute.")


def _evidence(dense: float, coverage: float, focus: float = 1.0,
              cross: bool = False) -> Evidence:
    hits = [Hit(Chunk("lawson", 0, TEXT, 0, len(TEXT), "Edwige Lawson"), 1.0)]
    s = EvidenceSentence(1, 0, 0, len(TEXT), TEXT, dense, coverage, focus, True, True, dense)
    return Evidence(analyse_question(QUESTION, "fr"), cross, hits, [s], {1: [s]})


def test_a_near_candidate_holding_focus_and_terms_clears_the_floor() -> None:
    floor = extractive.MIN_DENSE
    assert [s.text for s in extractive.choose(_evidence(floor - 0.004, 0.69))] == [TEXT]


def test_it_does_not_with_fewer_terms_less_focus_or_further_down() -> None:
    floor = extractive.MIN_DENSE
    assert extractive.choose(_evidence(floor - 0.004, extractive.NEAR_COVERAGE - 0.1)) == []
    assert extractive.choose(_evidence(floor - 0.004, 0.69, focus=0.5)) == []
    assert extractive.choose(_evidence(floor - extractive.NEAR_SLACK - 0.005, 0.69)) == []
    cross = extractive.MIN_DENSE_CROSS
    assert [s.text for s in extractive.choose(_evidence(cross - 0.004, 0.69, cross=True))] == [
        TEXT]
    assert extractive.choose(_evidence(cross - extractive.NEAR_SLACK - 0.005, 0.65,
                                       cross=True)) == []
