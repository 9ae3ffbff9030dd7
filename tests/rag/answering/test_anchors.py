"""The names, numbers and dates of a claim (`rag.answering.anchors`): their folding."""

from __future__ import annotations

import time

import pytest

from rag.answering.anchors import fold
from rag.unicode_safe import warm


@pytest.mark.parametrize("marks", ["\u0301\u0316", "\u0f73"])
def test_fold_is_linear_in_runs_of_marks(marks: str) -> None:
    """The answer code's fold normalised raw text (NFKD): 40,000 alternating marks about 1.2 s
    of the claim checker (tenth review, F1). Stream-safe first: a few ms."""
    text = "Tokai" + marks * (40_000 // len(marks)) + "ev"
    warm()
    start = time.process_time()
    folded = fold(text)
    assert time.process_time() - start < 0.2
    assert folded == "tokaiev"


def test_fold_lowers_and_strips_accents() -> None:
    assert fold("Tokaïev") == "tokaiev"
    assert fold("Œuvre") == "oeuvre"


def test_rough_figure_words_are_whole_words() -> None:
    """Review: "turnover 3,000", "Hanover 96", "handsome 300" read as rough figures."""
    from rag.answering.anchors import approximate, claim_anchors
    for text in ("a turnover 3,000 higher", "Hanover 96 fans", "a handsome 300 euros"):
        assert all(a.near is None for a in approximate(text, claim_anchors(text))), text
    for text in ("over 3,000 people", "some 300 euros", "plus de 3 800 personnes"):
        assert any(a.near is not None for a in approximate(text, claim_anchors(text))), text
