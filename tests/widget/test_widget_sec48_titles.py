"""Security review 48, F1, in Chromium: a title holding a right-to-left override ("Rapport
officiel \\u202egpj.exe (annexe)") was drawn reversed in the sources list ("exe.jpg") and, left
open, reversed the page number after it in the popover. The service drops such controls from
titles as it ingests (tests/rag/test_sec48_bidi_titles.py); a title stored before it did, as
here, is shown without them by the widget, in a <bdi> of its own."""

from __future__ import annotations

from itertools import pairwise
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

TITLE = "Rapport officiel \u202egpj.exe (annexe)"  # the override never closed
SHOWN = "Rapport officiel gpj.exe (annexe)"
TEXT = ("Le rapport officiel sur Zorglub indique que la centrale de Zorglub a produit "
        "quarante-deux mégawatts en 2023, selon son directeur.")
QUESTION = "Combien de mégawatts la centrale de Zorglub a-t-elle produits en 2023 ?"

# The left edge on screen of each character of `needle` in the element's text, in reading
# order: increasing when it is drawn left to right.
LEFTS = """(el, needle) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n, text.length]);
    text += n.data;
  }
  const at = text.indexOf(needle);
  if (at < 0) return null;
  const lefts = [];
  for (let i = at; i < at + needle.length; i++) {
    const [node, start] = nodes.find(([n, s]) => s <= i && i < s + n.data.length);
    const range = document.createRange();
    range.setStart(node, i - start);
    range.setEnd(node, i - start + 1);
    lefts.push(range.getBoundingClientRect().left);
  }
  return lefts;
}"""
ISOLATED = "(el) => [el.tagName, getComputedStyle(el).unicodeBidi]"


def _left_to_right(element: Any, needle: str) -> bool:
    lefts = element.evaluate(LEFTS, needle)
    assert lefts is not None, (needle, element.text_content())
    return all(a < b for a, b in pairwise(lefts))


def test_a_stored_titles_bidi_controls_reorder_nothing(page: Any, embedder: E5Embedder,
                                                       tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "no-corpus")
    engine = Engine(settings, embedder=embedder, auto_build=False)
    # as an index written before titles lost their controls holds it (the loaders drop them)
    engine.ingest_documents([Document("rapport-zorglub", TEXT, TITLE, "rapport.pdf",
                                      {"pages": [[0, 3]]})])
    with serve(create_app(settings, engine)) as url:
        page.goto(url + "/")
        open_chat(page)
        ask(page, QUESTION)
        bot = wait_done(page)
        source = bot.locator(".sources li").first
        expect(source).to_contain_text("(p. 3)")
        title = source.locator(".src-title")
        assert title.text_content() == SHOWN
        assert title.evaluate(ISOLATED) == ["BDI", "isolate"]
        assert _left_to_right(title, "gpj.exe (annexe)")

        marker = bot.locator(".cite").first
        assert TITLE not in str(marker.get_attribute("aria-label"))
        assert SHOWN in str(marker.get_attribute("aria-label"))
        marker.click()
        head = tip(page).locator(".tip-title")
        expect(head).to_have_text(f"[1] {SHOWN}, p. 3")
        assert head.locator("bdi").evaluate(ISOLATED) == ["BDI", "isolate"]
        # the title's own text and the page after it read left to right
        assert _left_to_right(head, "gpj.exe (annexe), p. 3")
