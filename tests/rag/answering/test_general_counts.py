"""How many people a fate befell, asked in general: a figure that counts the fate itself
("des dizaines de morts") comes before one that counts a group it befell ("13 agents des
forces de l'ordre ont été tués"; blind4 b4_022)."""

from __future__ import annotations

import pytest

from rag.answering.evidence import gather_evidence
from rag.answering.extractive import _GENERAL_COUNT, choose
from rag.retrieval import Hit
from rag.store import Chunk

_TEXT = ("La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours d’émeutes ; "
         "au moins 13 agents des forces de l’ordre ont été tués dans les émeutes. "
         "Cette crise a déjà fait des dizaines de morts et au moins un millier de blessés dont "
         "douze tués chez les forces de l’ordre et 353 blessés.")


def test_the_general_count_is_quoted_first() -> None:
    hit = Hit(Chunk("d0", 0, _TEXT, 0, len(_TEXT), "Kazakhstan"), 1.0)
    ev = gather_evidence("Combien de personnes sont mortes dans les émeutes ?", [hit], None,
                         None, lambda term: 1.0, "french")
    chosen = choose(ev, 0.0, 0.0)
    assert chosen and "dizaines de morts" in chosen[0].text


@pytest.mark.parametrize(("fate", "text"), [
    ("dead", "Cette crise a déjà fait des dizaines de morts."),
    ("dead", "164 personnes ont été tuées."),
    ("dead", "At least 164 people were killed."),
    ("injured", "au moins un millier de blessés"),
])
def test_a_count_of_the_fate(fate: str, text: str) -> None:
    assert _GENERAL_COUNT[fate].search(text)


@pytest.mark.parametrize(("fate", "text"), [
    ("dead", "au moins 13 agents des forces de l’ordre ont été tués"),
    ("dead", "dont douze tués chez les forces de l’ordre"),
    ("dead", "La police a détenu 3 811 personnes."),
])
def test_a_count_of_a_group(fate: str, text: str) -> None:
    assert not _GENERAL_COUNT[fate].search(text)


def test_a_first_count_that_is_general_stays_first() -> None:
    """Diff review 51: "225 personnes ont perdu la vie" is not put after "En 2011, ... 16
    morts"."""
    text = ("Selon le bilan officiel, 225 personnes ont perdu la vie lors des émeutes de janvier "
            "2022. En 2011, la répression de Janaozen avait fait 16 morts.")
    hit = Hit(Chunk("d0", 0, text, 0, len(text), "Kazakhstan"), 1.0)
    ev = gather_evidence("Combien de personnes sont mortes lors des émeutes de janvier 2022 ?",
                         [hit], None, None, lambda term: 1.0, "french")
    chosen = choose(ev, 0.0, 0.0)
    assert chosen and "225" in chosen[0].text


def test_figures_are_read_in_linear_time() -> None:
    from tests.rag.deadline import deadline
    with deadline(2.0):
        for text in ("1 " * 20_000, " ".join(["12"] * 10_000) + " x", "1," * 20_000):
            assert not _GENERAL_COUNT["dead"].search(text)
