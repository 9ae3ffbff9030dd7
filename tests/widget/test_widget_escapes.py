"""The widget shows an answer's characters, not the escapes the service puts in it.

Answers are CommonMark-safe text (`rag/answering/inert.py`: "<" is sent as "&lt;", "*" as
"\\*"), for clients that render markdown; citations carry the raw passage. The widget renders
text, so it decodes those escapes itself: "x < y & z" reads as written, never "x &lt; y & z",
and a tag quoted from a document is shown, never made an element.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from rag.answering.pipeline import Token
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.settings import ServiceSettings
from tests.service.conftest import serve
from tests.widget.test_widget import ask, last_answer, open_chat, tip, wait_done

expect: Any = pytest.importorskip("playwright.sync_api").expect

GARDIEN = ("Le gardien du phare note que la hauteur x < y & z selon la formule <b>x</b> "
           "*du registre*.")
PORTE = "Une inscription <img src=x onerror=alert(1)> figure sur la porte du phare depuis 1862."
CLASSE = "Il est classé monument historique depuis 1862."
TEXT = ("Le phare de Cordouan a été construit entre 1584 et 1611 à l’embouchure de la Gironde. "
        f"{GARDIEN} {PORTE} {CLASSE}")
Q_GARDIEN = "Que note le gardien du phare sur la hauteur ?"
Q_PORTE = "Quelle inscription figure sur la porte du phare ?"

# Every text the streaming answer shows, as the page changes it.
RECORD = """() => {
  window.__seen = [];
  const log = document.querySelector('rag-chat').shadowRoot.querySelector('.log');
  new MutationObserver(() => {
    const bots = log.querySelectorAll('.msg.bot');
    const bot = bots[bots.length - 1];
    if (bot && bot.dataset.status === 'streaming') {
      window.__seen.push(bot.querySelector('.text').textContent);
    }
  }).observe(log, { childList: true, subtree: true, characterData: true });
}"""


def _by_character(stream: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """The answer streamed one character a token: "&lt;" arrives as "&", "l", "t", ";"."""
    def split(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for ev in stream(*args, **kwargs):
            if isinstance(ev, Token):
                for ch in ev.text:
                    time.sleep(0.003)
                    yield Token(ch)
            else:
                yield ev
    return split


@pytest.fixture(scope="module")
def phare(embedder: E5Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over one document quoting markup and "<", "&"; answers stream by character."""
    root = tmp_path_factory.mktemp("widget-escapes")
    settings = ServiceSettings(index_dir=root / "index", corpus_dir=root / "none",
                               rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    setattr(engine.answerer, "stream", _by_character(engine.answerer.stream))  # noqa: B010
    doc = {"id": "phare", "text": TEXT, "title": "Le phare & <i>x</i>"}
    with serve(create_app(settings, engine)) as url:
        added = httpx.post(url + "/documents", json={"documents": [doc]}, timeout=60)
        assert added.status_code == 200, added.text
        yield url


def _shown(bot: Any) -> str:
    return str(bot.locator(".text").text_content())


def _marks(page: Any) -> list[str]:
    return [str(m.text_content()) for m in tip(page).locator(".tip-text mark").all()]


def test_answers_show_characters_not_escapes(page: Any, phare: str) -> None:
    api = httpx.post(phare + "/ask", json={"question": Q_GARDIEN}, timeout=60).json()
    # The service's side of the contract: markup escaped in `answer`, raw text in citations.
    assert "x &lt; y & z selon la formule &lt;b>x&lt;/b> \\*du registre\\*" in api["answer"]
    support = api["citations"][0]["support"]
    assert support["text"] == GARDIEN and api["citations"][0]["text"] == TEXT

    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:  # an alert() run from a quoted tag would land here
        dialogs.append(str(dialog.message))
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(phare + "/")
    open_chat(page)
    page.evaluate(RECORD)
    ask(page, Q_GARDIEN)
    bot = wait_done(page)
    final = _shown(bot)
    assert GARDIEN.removesuffix(".") in final, final
    assert "&lt;" not in final and "\\" not in final, final
    # While it streamed, "&lt;" cut into pieces was never shown by halves: every text seen is
    # the start of the final one.
    seen = page.evaluate("() => window.__seen")
    assert len(seen) > 20 and "x < y & z" in seen[-1], seen[-5:]
    assert [s for s in seen if not final.startswith(s)] == []

    # The popover marks the supporting sentence, "<" and "&" included, in the raw passage.
    bot.locator(".cite").first.click()
    expect(tip(page)).to_be_visible()
    assert _marks(page) == [GARDIEN]
    assert tip(page).locator(".tip-text").text_content() == TEXT
    expect(tip(page).locator(".tip-title")).to_contain_text("Le phare & <i>x</i>")
    page.keyboard.press("Escape")

    ask(page, Q_PORTE)
    bot = wait_done(page)
    expect(bot.locator(".text")).to_contain_text("<img src=x onerror=alert(1)> figure sur")
    assert "&lt;" not in _shown(bot)
    page.wait_for_timeout(200)  # time for an injected image to fail and fire onerror
    assert page.locator("rag-chat img, rag-chat b, rag-chat i").count() == 0
    assert dialogs == []

    # The stored conversation (the service's text, as sent) renders the same after a reload.
    stored = page.evaluate("() => JSON.parse(localStorage.getItem(localStorage.key(0)))")
    assert "x &lt; y & z" in stored[1]["answer"]
    page.reload()
    open_chat(page)
    expect(page.locator("rag-chat .msg.bot").first.locator(".text")).to_contain_text(
        "x < y & z selon la formule <b>x</b> *du registre*")
    expect(last_answer(page).locator(".text")).to_contain_text("<img src=x onerror=alert(1)>")
    page.wait_for_timeout(200)
    assert page.locator("rag-chat img, rag-chat b, rag-chat i").count() == 0
    assert dialogs == []


def test_guessed_highlight_reads_the_answer_as_shown(page: Any, phare: str) -> None:
    """Without a `support` the widget marks the passage's sentences the answer quotes; a quote
    holding "<" is found too (the answer sends it as "&lt;", the passage as "<")."""
    api = httpx.post(phare + "/ask", json={"question": Q_GARDIEN}, timeout=60).json()
    citation = {**api["citations"][0], "n": 1, "support": None}
    answer = api["answer"].removesuffix(".").rstrip() + f" {CLASSE.removesuffix('.')} [1]."
    assert "&lt;" in answer and answer.count("[1]") == 2, answer

    def sse(event: str, data: object) -> str:
        return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    body = (sse("citations", {"citations": [citation], "cited": True})
            + sse("token", {"text": answer})
            + sse("done", {"answer": answer, "citations": [citation], "abstained": False,
                           "fallback": False, "answer_id": ""}))
    page.route("**/ask/stream", lambda route: route.fulfill(
        status=200, content_type="text/event-stream", body=body))
    page.goto(phare + "/")
    open_chat(page)
    ask(page, Q_GARDIEN)
    bot = wait_done(page)
    expect(bot.locator(".cite")).to_have_count(2)
    bot.locator(".cite").first.click()
    expect(tip(page)).to_be_visible()
    assert _marks(page) == [GARDIEN, CLASSE]
