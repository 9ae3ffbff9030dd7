"""Security review 57, L1, in Chromium: a passage holding a right-to-left override ("...
le 12 janvier \\u202eevil\\u202c.") was drawn reversed in the citation's hover card ("live"),
so the passage a reader checks could look unlike the text the verifier matched. The card now
shows each bidirectional control as a zero-width space: the text reads left to right and the
verified span keeps its offsets."""

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
from tests.widget.test_widget_sec48_titles import _left_to_right

expect: Any = pytest.importorskip("playwright.sync_api").expect

TEXT = ("Zorblax a quitté Almaty le 12 janvier \u202eevil\u202c. Il est parti vers le nord "
        "avec ses conseillers, selon son porte-parole.")
QUESTION = "Quand Zorblax a-t-il quitté Almaty ?"


def test_a_passages_bidi_controls_reorder_nothing(page: Any, embedder: E5Embedder,
                                                  tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "no-corpus")
    engine = Engine(settings, embedder=embedder, auto_build=False)
    engine.ingest_documents([Document("zorblax", TEXT, "Zorblax", "zorblax.txt", {})])
    with serve(create_app(settings, engine)) as url:
        page.goto(url + "/")
        open_chat(page)
        ask(page, QUESTION)
        bot = wait_done(page)
        bot.locator(".cite").first.click()
        body = tip(page).locator(".tip-text")
        expect(body).to_contain_text("12 janvier")
        shown = str(body.text_content())
        assert "\u202e" not in shown and "\u202c" not in shown
        assert "evil" in shown
        assert _left_to_right(body, "evil")
        # the verified sentence is still the one highlighted
        assert "Zorblax a quitté Almaty" in str(body.locator("mark").first.text_content())
