"""The widget names the page of a passage from a PDF: "p. 3" in the sources and the popover."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.settings import ServiceSettings
from tests.rag.test_loaders_pdf_docx import three_page_pdf
from tests.service.conftest import serve
from tests.widget.test_widget import ask, open_chat, tip, wait_done

expect: Any = pytest.importorskip("playwright.sync_api").expect


def test_sources_and_popover_show_the_page(page: Any, embedder: E5Embedder,
                                           tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    three_page_pdf(tmp_path / "docs" / "revue.pdf")
    settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                               rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    assert engine.ingest_paths([tmp_path / "docs"]).added == 1
    with serve(create_app(settings, engine)) as url:
        page.goto(url + "/")
        open_chat(page)
        ask(page, "La cathédrale Sainte-Croix d'Orléans a-t-elle rouvert ses portes au public "
            "samedi après trois ans de travaux ?")
        bot = wait_done(page)
        source = bot.locator(".sources li").first
        expect(source).to_contain_text("(p. 3)")
        bot.locator(".cite").first.click()
        expect(tip(page).locator(".tip-title")).to_contain_text(", p. 3")
