"""No server-side filesystem path in what a client is told (the security review's rule): a
damaged or busy index is reported by what is wrong; where it is goes to the server log only.
The CLI, on the operator's own machine, still names the directory."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import time
from collections.abc import Callable, Generator
from pathlib import Path

import pytest

from rag.answering.pipeline import Citations, Event
from rag.errors import RagError
from rag.llm.base import CancelToken
from rag.store import LOCK_FILE
from service.redact import server_roots
from service.streaming import EventPump, ask_sse
from tests.service.conftest import Service

DOC = {"id": "jardin", "text": "Les tomates du potager mûrissent en août sous le soleil."}


def _no_path(text: str, svc: Service) -> None:
    root = str(svc.settings.index_dir)
    assert root not in text and "/tmp" not in text and "store.sqlite" not in text, text


def test_busy_index_errors_do_not_show_its_directory(
        small_service: Callable[..., Service], caplog: pytest.LogCaptureFixture) -> None:
    svc = small_service()
    root = svc.settings.index_dir
    with (root / LOCK_FILE).open("a+") as held, caplog.at_level(logging.WARNING, "rag.service"):
        fcntl.flock(held, fcntl.LOCK_EX)  # as `rag ingest` in another process holds it
        try:
            for r in (svc.client.post("/documents", json={"documents": [DOC]}),
                      svc.client.delete("/documents/astro")):
                assert r.status_code == 400, r.text
                assert "another ingest or delete is writing" in r.json()["error"], r.text
                _no_path(r.text, svc)
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    assert str(root) in caplog.text  # the operator still learns which index
    assert svc.client.delete("/documents/astro").status_code == 200


def test_damaged_database_errors_do_not_show_its_path(
        small_service: Callable[..., Service], caplog: pytest.LogCaptureFixture) -> None:
    svc = small_service()
    root = svc.settings.index_dir
    for name in ("store.sqlite", "store.sqlite-wal", "store.sqlite-shm"):
        garbage = root / f"{name}.new"
        garbage.write_bytes(b"this is not a database at all! " * 400)
        os.replace(garbage, root / name)  # a new file: the job's worker opens it afresh
    with caplog.at_level(logging.WARNING, "rag.service"):
        r = svc.client.post("/documents", params={"async": "true"}, json={"documents": [DOC]})
        assert r.status_code == 202, r.text
        deadline = time.monotonic() + 30
        while (job := svc.client.get(r.json()["status_url"]).json())["status"] not in (
                "done", "failed", "cancelled"):
            assert time.monotonic() < deadline, job
            time.sleep(0.05)
    assert job["status"] == "failed" and "unreadable" in job["error"], job
    _no_path(str(job), svc)
    assert str(root) in caplog.text


def test_a_stream_error_event_does_not_show_the_index_directory() -> None:
    """An error mid-way through `/ask/stream` is told with the server's directories hidden,
    a relative index directory included (it was sent as the library wrote it)."""
    def events() -> Generator[Event, None, None]:
        yield Citations((), cited=False)
        raise RagError("index database data/private-idx/store.sqlite is unreadable")

    gen = events()
    first = next(gen)
    pump = EventPump(gen, CancelToken())
    roots = server_roots(Path("data/private-idx"))

    async def body() -> str:
        return "".join([part async for part in ask_sse(
            first, pump, first_token=lambda: None, done=lambda a: None,
            failed=lambda e: 500, roots=roots)])

    text = asyncio.run(body())
    assert "event: error" in text and "unreadable" in text, text
    assert "private-idx" not in text and "store.sqlite" not in text, text
