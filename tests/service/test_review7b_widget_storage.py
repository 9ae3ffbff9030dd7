"""The widget saves a conversation per endpoint *and* data-filters (review 7, F8).

Two pages of one site with different filters shared one saved conversation: page B showed
page A's answers (from documents B's filter excludes) and sent them as history. Real headless
Chromium (tests/widget's setup) against a real uvicorn server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.widget.conftest import (  # noqa: F401  (fixtures used below)
    WidgetServer,
    browser,
    new_page,
    page,
    widget_server,
)
from tests.widget.test_widget import FR_TROOPS, ask, open_chat, page_html, serve_page, wait_done

expect: Any = pytest.importorskip("playwright.sync_api").expect

OTHER = "Qui a demandé l’aide de l’OTSC ?"


def _open(tab: Any, server: WidgetServer, name: str, filters: str | None) -> None:
    attr = "" if filters is None else f" data-filters='{filters}'"
    url = f"{server.url}/t/{name}.html"
    serve_page(tab, url, page_html(script=f'<script src="/widget.js"{attr} defer></script>'))
    tab.goto(url)
    open_chat(tab)


def _asked(tab: Any) -> list[str]:
    """The questions shown (without the screen-reader label "Vous :")."""
    return [" ".join(str(t).split()).removeprefix("Vous : ") for t in
            tab.locator("rag-chat .msg.user").all_text_contents()]


def _history_sent(tab: Any, question: str) -> list[dict[str, str]]:
    with tab.expect_request("**/ask/stream") as req:
        ask(tab, question)
    wait_done(tab)
    body = json.loads(req.value.post_data)
    return list(body["history"])


def test_pages_with_other_filters_keep_their_own_conversation(
        page: Any, widget_server: WidgetServer) -> None:  # noqa: F811
    docs = sorted(d.doc_id for d in widget_server.engine.store.list_documents())
    a = json.dumps({"doc_id": [docs[0], docs[1]]})
    b = json.dumps({"doc_id": [docs[2]]})
    _open(page, widget_server, "a", a)
    assert _history_sent(page, FR_TROOPS) == []

    # page B, another filter: nothing of A's conversation shown or sent
    _open(page, widget_server, "b", b)
    assert _asked(page) == []
    assert _history_sent(page, OTHER) == []
    assert _asked(page) == [OTHER]

    # a page without a filter neither
    _open(page, widget_server, "plain", None)
    assert _asked(page) == []

    # the same filter written otherwise (key order, list order, spaces): A's conversation
    same = f'{{ "doc_id" : [ "{docs[1]}", "{docs[0]}" ] }}'
    _open(page, widget_server, "a-again", same)
    assert _asked(page) == [FR_TROOPS]
    history = _history_sent(page, "Et l’Arménie ?")
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[0]["content"] == FR_TROOPS

    # B still has its own
    _open(page, widget_server, "b-again", b)
    assert _asked(page) == [OTHER]
    keys = page.evaluate("() => Object.keys(localStorage).sort()")
    assert len(keys) == 2 and all(k.startswith(f"rag-chat:v1:{widget_server.url}#filters:")
                                  for k in keys), keys
