"""The widget's sources list while an answer streams, in a real headless Chromium against the
openai backend and the scripted upstream of tests/service/test_openai_backend.py: the model
cites the last passage it was given first, so its final number (1) is not its rank, and the
list shown must follow the server's `citations` events for the numbers to match."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.settings import ServiceSettings
from tests.service.conftest import FR_TROOPS, http_server, parse_sse, serve
from tests.service.test_openai_backend import SCRIPT, SEEN, ScriptedOpenAI, last_then_first
from tests.widget.conftest import Pace
from tests.widget.test_widget import ask, open_chat, wait_done

pytest.importorskip("playwright.sync_api")

# Every change to the streaming answer: its markers (number, passage) and its sources list.
RECORD = """() => {
  window.__states = [];
  const root = document.querySelector('rag-chat').shadowRoot;
  new MutationObserver(() => {
    const bots = root.querySelectorAll('.msg.bot');
    const b = bots[bots.length - 1];
    if (!b || b.dataset.status !== 'streaming') return;
    window.__states.push({
      markers: [...b.querySelectorAll('.text .cite')].map(
        (m) => [Number(m.dataset.n), m._citation.chunk_id]),
      sources: [...b.querySelectorAll('.sources li .num')].map((x) => Number(x.textContent)),
    });
  }).observe(root, { subtree: true, childList: true, characterData: true });
}"""


@pytest.fixture
def generative(corpus_dir: Path, embedder: E5Embedder, tmp_path: Path) -> Iterator[str]:
    """The service with the openai backend, its tokens slowed down for the browser to see."""
    SCRIPT.clear()
    SEEN.clear()
    index = tmp_path / "index"
    shutil.copytree(corpus_dir, index)
    with http_server(ScriptedOpenAI) as upstream:
        settings = ServiceSettings(index_dir=index, llm="openai", llm_base_url=upstream + "/v1",
                                   llm_model="scripted", llm_timeout=10, rate_limit_per_minute=0)
        engine = Engine(settings, embedder=embedder)
        pace = Pace(first=0.3, token=0.5)
        engine.answerer.stream = pace.wrap(engine.answerer.stream)  # type: ignore[method-assign]
        with serve(create_app(settings, engine)) as url:
            yield url
    SCRIPT.clear()


def test_sources_follow_each_citations_event(page: Any, generative: str) -> None:
    SCRIPT["answer"] = last_then_first
    events = parse_sse(httpx.post(generative + "/ask/stream", json={"question": FR_TROOPS},
                                  timeout=60).text)
    retrieved = [c["chunk_id"] for c in events[0][1]["citations"]]
    done = events[-1][1]
    final = {c["n"]: c["chunk_id"] for c in done["citations"]}
    assert len(final) == 2 and final[1] != retrieved[0]  # [1] is not the first passage

    page.goto(generative + "/")
    open_chat(page)
    page.evaluate(RECORD)
    ask(page, FR_TROOPS)
    bot = wait_done(page)
    states: list[dict[str, Any]] = page.evaluate("() => window.__states")
    cited = [s for s in states if s["markers"]]
    assert cited, states
    for s in cited:  # every number shown is in the list shown, and means the final passage
        assert {n for n, _ in s["markers"]} <= set(s["sources"]), s
        assert all(final[n] == chunk for n, chunk in s["markers"]), s
    assert any(s["sources"] == [1] for s in cited), cited  # one sentence in: one source
    assert [int(x) for x in bot.locator(".sources li .num").all_text_contents()] == [1, 2]
