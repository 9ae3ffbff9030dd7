"""The citation popover highlights the sentence the service verified as the citation's support
(`citations[].support`, offsets in the document), not a sentence the widget guesses itself.

The question is chosen so that guessing would show: its answer quotes "... a déclaré M. Tokaïev
lors d'une allocution ...", which the widget's own sentence splitter cuts at "M.".
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.widget.conftest import WidgetServer
from tests.widget.test_widget import ask, last_answer, open_chat, tip, wait_done

expect: Any = pytest.importorskip("playwright.sync_api").expect

ORDER = "Quel ordre a donné Tokaïev ?"


def _marks(page: Any) -> list[str]:
    return [str(m.text_content()) for m in tip(page).locator(".tip-text mark").all()]


def test_the_popover_highlights_the_supporting_sentence(page: Any,
                                                        widget_server: WidgetServer) -> None:
    expected = widget_server.engine.answerer.answer(ORDER)
    assert not expected.abstained and len(expected.citations) == 1
    citation = expected.citations[0]
    support = citation.support
    assert support is not None and "a déclaré M. Tokaïev lors" in support.text
    chunk = citation.hit.chunk
    assert chunk.text[support.start - chunk.start:support.end - chunk.start] == support.text

    page.goto(widget_server.url + "/")
    open_chat(page)
    ask(page, ORDER)
    bot = wait_done(page)
    markers = bot.locator(".cite")
    expect(markers).to_have_count(1)
    markers.first.click()
    expect(tip(page)).to_be_visible()
    # one highlight, the whole supporting sentence, inside the passage that holds it
    assert _marks(page) == [support.text]
    passage = str(tip(page).locator(".tip-text").text_content())
    assert passage == chunk.text and len(passage) > len(support.text)
    stored = page.evaluate("() => JSON.parse(localStorage.getItem(localStorage.key(0)))")
    assert stored[1]["citations"][0]["support"]["text"] == support.text

    # the conversation restored from storage highlights the same sentence
    page.reload()
    open_chat(page)
    last_answer(page).locator(".cite").first.click()
    expect(tip(page)).to_be_visible()
    assert _marks(page) == [support.text]
