"""A question pinned to a year ("Qui remporte le championnat de France en 1968 ?") ranks the
sentence giving that year above one like it that gives another (PIAF: +1 FR, no row lost);
a year inside a date ("le tweet du 6 janvier 2022") pins nothing (traps_study55 t55_012)."""

from __future__ import annotations

from rag.answering.evidence import _YEAR_PINNED, EvidenceWeights, gather_evidence
from rag.retrieval import Hit
from rag.store import Chunk


def _scores(question: str, text: str) -> dict[str, float]:
    hit = Hit(Chunk("d0", 0, text, 0, len(text), "Football"), 1.0)
    ev = gather_evidence(question, [hit], None, None, lambda term: 1.0, "french")
    return {s.text: s.score for s in ev.sentences}


def test_the_sentence_giving_the_year_asked_ranks_higher() -> None:
    one, other = ("En 1968, le Stade héninois remporte le championnat de France.",
                  "En 1967, le Stade héninois remporte le championnat de France.")
    scores = _scores("Qui remporte le championnat de France en 1968 ?", f"{other} {one}")
    assert scores[one] - scores[other] >= EvidenceWeights().year - 1e-9


def test_a_year_inside_a_date_pins_nothing() -> None:
    assert _YEAR_PINNED.findall("Qui remporte le championnat de France en 1968 ?") == ["1968"]
    assert _YEAR_PINNED.findall("Que montre l’image jointe au tweet du 6 janvier 2022 ?") == []
    assert _YEAR_PINNED.findall("What happened in 2020?") == ["2020"]
