"""Security review 58, L1, in Chromium: the service sends a verified sentence's offsets in
characters as Python counts them, and the widget read them as JavaScript string indices,
which count a character outside the Basic Multilingual Plane (an emoji, "𝐀") as two. A
heading of such characters before a decoy shifted the hover card's mark from the verified
sentence onto the decoy. The widget now converts the offsets, and marks nothing from them
unless the span holds the sentence the service sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from tests.service.conftest import serve
from tests.widget.test_widget import ask, open_chat, tip, wait_done

expect: Any = pytest.importorskip("playwright.sync_api").expect

SUPPORT = "The Velmora Council approved the harbour budget on Tuesday."
DECOY = "Velmora officials say that vote was forged and never held ..."


def _bold(text: str) -> str:
    """Mathematical bold capitals: one character each in Python, two UTF-16 units."""
    return "".join(chr(0x1D400 + ord(c) - 65) if "A" <= c <= "Z" else c for c in text)


def test_the_mark_is_the_verified_sentence(page: Any, embedder: E5Embedder,
                                           tmp_path: Path) -> None:
    # 59 letters: read as indices, the mark moved 59 places left, onto the decoy
    heading = _bold("VELMORA COUNCIL UPDATE THE HARBOUR SESSION OF THIS WEEK IN FULL DETAIL")
    text = f"{heading}\n\n{DECOY} {SUPPORT}"
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "no-corpus")
    engine = Engine(settings, embedder=embedder, auto_build=False)
    engine.ingest_documents([Document("velmora", text, "Velmora harbour", "velmora.txt", {})])
    with serve(create_app(settings, engine)) as url:
        page.goto(url + "/")
        open_chat(page)
        ask(page, "What did the Velmora Council approve?")
        bot = wait_done(page)
        bot.locator(".cite").first.click()
        body = tip(page).locator(".tip-text")
        expect(body).to_contain_text("harbour budget")
        marked = " ".join(str(m) for m in body.locator("mark").all_text_contents())
        assert "approved the harbour budget" in marked
        assert "forged" not in marked
