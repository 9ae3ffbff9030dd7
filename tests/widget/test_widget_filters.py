"""The widget's data-filters attribute: sent as `filters` with each question, the service's
400 for a bad filter shown in the answer, a malformed attribute never sent unfiltered."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.widget.conftest import WidgetServer
from tests.widget.test_widget import (
    FR_TROOPS,
    ask,
    open_chat,
    page_html,
    serve_page,
    wait_done,
)

expect: Any = pytest.importorskip("playwright.sync_api").expect


def _page_with(page: Any, server: WidgetServer, name: str, filters: str) -> None:
    url = f"{server.url}/t/{name}.html"
    serve_page(page, url, page_html(
        script=f"<script src=\"/widget.js\" data-filters='{filters}' defer></script>"))
    page.goto(url)
    open_chat(page)


def test_filters_go_with_each_question(page: Any, widget_server: WidgetServer) -> None:
    docs = sorted(d.doc_id for d in widget_server.engine.store.list_documents())
    _page_with(page, widget_server, "one-doc", json.dumps({"doc_id": [docs[0]]}))
    with page.expect_request("**/ask/stream") as req:
        ask(page, FR_TROOPS)
    assert json.loads(req.value.post_data)["filters"] == {"doc_id": [docs[0]]}
    wait_done(page)


def test_bad_filters_are_shown(page: Any, widget_server: WidgetServer) -> None:
    _page_with(page, widget_server, "bad-key", '{"colour": "red"}')
    ask(page, FR_TROOPS)
    expect(wait_done(page, "error")).to_contain_text("unknown key 'colour'")

    _page_with(page, widget_server, "not-json", "{colour")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/ask/stream" in r.url else None)
    ask(page, FR_TROOPS)
    expect(wait_done(page, "error")).to_contain_text("data-filters: expected a JSON object")
    assert sent == []
