"""Thumbs under the widget's answers, in a real Chromium against the real service."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.widget.conftest import WidgetServer
from tests.widget.test_widget import FR_TROOPS, ask, open_chat, wait_done

expect: Any = pytest.importorskip("playwright.sync_api").expect

COMMENT = "Il manque le nombre de soldats biélorusses."


def _votes(server: WidgetServer, rating: str) -> list[dict[str, Any]]:
    r = httpx.get(f"{server.url}/feedback", params={"rating": rating, "limit": 1000})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["feedback"]
    return items


def test_thumbs_down_with_a_comment_is_sent_once(page: Any, widget_server: WidgetServer,
                                                 shots: Path) -> None:
    page.goto(widget_server.url + "/")
    open_chat(page)
    ask(page, FR_TROOPS)
    bot = wait_done(page)
    up, down = bot.locator(".vote.up"), bot.locator(".vote.down")
    expect(up).to_have_attribute("aria-label", "Réponse utile")
    expect(down).to_have_attribute("aria-label", "Réponse pas utile")
    for b in (up, down):
        expect(b).to_have_attribute("aria-pressed", "false")
        expect(b).to_be_enabled()
    before = len(_votes(widget_server, "down"))

    down.click()  # opens the optional comment first
    box = bot.locator(".fb-comment")
    expect(box).to_be_focused()
    expect(down).to_have_attribute("aria-pressed", "true")
    assert len(_votes(widget_server, "down")) == before
    box.fill(COMMENT)
    page.screenshot(path=str(shots / "thumbs-comment.png"))
    bot.locator(".fb-send").click()
    expect(bot.locator(".thanks")).to_have_text("Merci !")
    for b in (up, down):
        expect(b).to_be_disabled()
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    expect(bot.locator(".fb-comment")).to_have_count(0)
    page.screenshot(path=str(shots / "thumbs.png"))
    shutil.copy(shots / "thumbs.png", "/tmp/widget-thumbs.png")

    votes = _votes(widget_server, "down")
    assert len(votes) == before + 1
    vote = votes[0]
    assert vote["question"] == FR_TROOPS and vote["comment"] == COMMENT
    assert "3 000" in vote["answer"] and vote["settings"]["route"] == "/ask/stream"

    page.reload()  # the vote is remembered with the conversation
    open_chat(page)
    bot = wait_done(page)
    expect(bot.locator(".thanks")).to_have_text("Merci !")
    expect(bot.locator(".vote.down")).to_be_disabled()


def test_thumbs_up_is_one_click_and_english_labels(page: Any,
                                                   widget_server: WidgetServer) -> None:
    from tests.widget.test_widget import page_html, serve_page

    url = f"{widget_server.url}/t/en.html"
    serve_page(page, url, page_html(lang="en"))
    page.goto(url)
    open_chat(page)
    ask(page, "How many soldiers did Russia send?")
    bot = wait_done(page)
    expect(bot.locator(".vote.down")).to_have_attribute("aria-label", "Unhelpful answer")
    before = len(_votes(widget_server, "up"))
    bot.locator(".vote.up").click()
    expect(bot.locator(".thanks")).to_have_text("Thanks!")
    expect(bot.locator(".vote.up")).to_have_attribute("aria-pressed", "true")
    expect(bot.locator(".vote.up")).to_be_disabled()
    assert page.evaluate("""() => {
      const a = document.querySelector('rag-chat').shadowRoot.activeElement;
      return a ? a.className : null; }""") == "rate"  # the focus stays by the answer
    votes = _votes(widget_server, "up")
    assert len(votes) == before + 1 and votes[0]["question"] == "How many soldiers did Russia send?"
