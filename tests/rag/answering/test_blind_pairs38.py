"""Pairs of evals/verifier/blind_pairs38.jsonl (studied from the forty-seventh session)."""

from __future__ import annotations

import pytest

from rag.answering.anchors import claim_anchors


@pytest.mark.parametrize("claim", [
    # v38_006: an adverb opening the sentence is no name the passage must hold
    "Vite devenues antigouvernementales, les protestations ont été nourries par la rancœur.",
    "Rapidement, les manifestations ont gagné Almaty.",
    "Soon the protests turned against the government.",
])
def test_an_opening_adverb_is_no_name(claim: str) -> None:
    names = {a.name for a in claim_anchors(claim) if a.kind == "name"}
    assert not names & {"vite", "rapidement", "soon"}


def test_a_name_opening_a_sentence_stays_one() -> None:
    assert "almaty" in {a.name for a in claim_anchors("Almaty a été le centre des émeutes.")
                        if a.kind == "name"}
