"""Review 7 in a real headless Chromium against a real uvicorn server.

F8: the widget saves a conversation per endpoint *and* data-filters. Two pages of one site
with different filters shared one saved conversation: page B showed page A's answers (from
documents B's filter excludes) and sent them as history.
F7: the demo page works under its strict Content-Security-Policy (its script moved to
/static/demo.js), and an inline script injected into it does not run (the headers themselves:
tests/service/test_review7b_security_headers.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.widget.conftest import WidgetServer
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
        page: Any, widget_server: WidgetServer) -> None:
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


def test_the_demo_page_works_under_its_policy(page: Any, widget_server: WidgetServer) -> None:
    # every policy violation the page meets, from its first byte (Playwright's init script)
    page.add_init_script("""window.violations = [];
      document.addEventListener('securitypolicyviolation',
        (e) => window.violations.push(e.violatedDirective));""")
    page.goto(widget_server.url + "/")
    # demo.js ran: the snippet names this server, an example button asks through the widget
    expect(page.locator("#snippet")).to_contain_text(f'src="{widget_server.url}/widget.js"')
    page.locator(".examples button").first.click()
    expect(wait_done(page)).to_contain_text("3 000")
    assert page.evaluate("() => window.violations") == []
    # an inline script injected into the page does not run
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.injected = true';
                             document.body.append(s); }""")
    page.wait_for_function("() => window.violations.length > 0")
    assert page.evaluate("() => [window.injected, window.violations]") == [
        None, ["script-src-elem"]]
