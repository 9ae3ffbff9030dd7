"""Fixtures for the widget tests: a headless Chromium (Debian's `chromium` package driven by the
`playwright` package, no downloaded browser) and real uvicorn servers on loopback serving the
real app with the extractive backend over a copy of the session corpus index."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from rag.answering.pipeline import Token
from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.settings import ServiceSettings
from tests.conftest import ROOT
from tests.service.conftest import serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SHOTS = ROOT / "test-output" / "widget"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


@dataclass
class Pace:
    """Slows the answer stream down so a browser can see its intermediate states."""

    first: float = 0.0  # seconds before the first token
    token: float = 0.0  # seconds before each later token

    def wrap(self, stream: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        def paced(*args: Any, **kwargs: Any) -> Iterator[Any]:
            tokens = 0
            for ev in stream(*args, **kwargs):
                if isinstance(ev, Token):
                    time.sleep(self.first if tokens == 0 else self.token)
                    tokens += 1
                yield ev
        return paced


@dataclass
class WidgetServer:
    url: str
    engine: Engine
    settings: Settings
    pace: Pace = field(default_factory=Pace)

    def app(self) -> FastAPI:
        return create_app(self.settings, self.engine)


@pytest.fixture(scope="session")
def widget_server(corpus_dir: Path, embedder: E5Embedder,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[WidgetServer]:
    index = tmp_path_factory.mktemp("widget-corpus") / "index"
    shutil.copytree(corpus_dir, index)
    settings = ServiceSettings(index_dir=index)
    engine = Engine(settings, embedder=embedder)
    pace = Pace()
    engine.answerer.stream = pace.wrap(engine.answerer.stream)  # type: ignore[method-assign]
    with serve(create_app(settings, engine)) as url:
        yield WidgetServer(url, engine, settings, pace)


@pytest.fixture
def pace(widget_server: WidgetServer) -> Iterator[Pace]:
    """The session server's pace, back to full speed after the test."""
    yield widget_server.pace
    widget_server.pace.first = widget_server.pace.token = 0.0


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright import sync_api

    if not CHROMIUM.exists():  # `make test` installs it: a missing browser is a failed setup
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Factory: a page in a fresh context (empty localStorage); JavaScript errors fail the test."""
    contexts: list[Any] = []
    errors: list[str] = []

    def make(viewport: dict[str, int] | None = None) -> Any:
        context = browser.new_context(viewport=viewport or DESKTOP, locale="fr-FR")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
