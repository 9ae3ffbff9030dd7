"""Forty-seventh review, F3: bidirectional controls in a document's title or quoted text
reached chat clients as they were. `inert` (rag/answering/inert.py) escaped markup and
citation markers but left U+202A-U+202E and U+2066-U+2069, so a title "x<RLO>txt.exe" was
shown "xexe.txt" in the "Sources:" list under a chat answer, and an unbalanced one reordered
the rest of the line."""

from __future__ import annotations

import pytest

from rag.answering.citations import Citation
from rag.answering.inert import inert
from rag.chunking import Chunk
from rag.retrieval import Hit
from service.routes.openai import _sources

CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def _citation(n: int, title: str, doc_id: str = "doc") -> Citation:
    text = "La Russie a envoyé des troupes au Kazakhstan."
    return Citation(n, Hit(Chunk(doc_id, 0, text, 0, len(text), title), 1.0))


def _controls(text: str) -> list[str]:
    return [f"U+{ord(ch):04X}" for ch in text if ch in CONTROLS]


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_sec47_inert_drops_bidi_controls(control: str) -> None:
    shown = inert(f"rapport{control}txt.exe [3] *gras*")
    assert _controls(shown) == []
    assert shown == "rapporttxt.exe (3) \\*gras\\*"


def test_sec47_a_dropped_control_joins_no_markup_or_marker() -> None:
    """The controls go before markup and markers are looked for: with one between `!` and
    `[`, or inside brackets, the text left is escaped as any other."""
    assert inert("!\u202e[x](http://evil/x.png)") == "!\\[x]\\(http://evil/x.png)"
    assert inert("selon l'OTSC [\u20663\u2069].") == "selon l'OTSC (3)."
    assert inert("&\u202e#91;3&#93;") == "\\&#91;3\\&#93;"


def test_sec47_marks_and_other_text_stay() -> None:
    """The marks (LRM, RLM, ALM) are Arabic and Hebrew text's own and reorder nothing past
    their neighbours: kept, like the rest of an RTL title."""
    title = "\u05e9\u05dc\u05d5\u05dd\u200f \u0645\u0631\u062d\u0628\u0627\u061c \u200eabc"
    assert inert(title) == title
    assert inert(inert("a\u202eb [1]")) == inert("a\u202eb [1]")  # twice changes nothing


def test_sec47_chat_sources_list_shows_no_bidi_control() -> None:
    """The "Sources:" list under a chat answer (POST /v1/chat/completions)."""
    listed = _sources([_citation(1, "Facture\u202efdp.exe"),
                       _citation(2, "\u2067Rapport annuel", "rapport"),
                       _citation(3, "Note \u202bsur\u202c l'OTSC \u2068x", "note")])
    assert _controls(listed) == [], listed
    assert listed == ("\n\nSources:\n[1] Facturefdp.exe (doc)\n[2] Rapport annuel (rapport)\n"
                      "[3] Note sur l'OTSC x (note)")
