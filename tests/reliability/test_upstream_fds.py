"""The `openai` backend with its upstream down: 50 failing calls leak no socket or file
descriptor (failure modes themselves are covered by tests/service/test_openai_backend.py)."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.settings import ServiceSettings
from tests.reliability.conftest import open_fds
from tests.service.conftest import FR_TROOPS, free_port, parse_sse, running_service

CALLS = 50
SLACK = 2  # fds the process may open for reasons of its own (a lazily started thread, a log)


def _sockets() -> int:
    n = 0
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):  # closed since listed
            n += os.readlink(fd).startswith("socket:")
    return n


@pytest.fixture
def dropping_upstream() -> Iterator[str]:
    """Accepts connections and closes them at once, without a byte: a crashing upstream."""
    srv = socket.create_server(("127.0.0.1", 0))
    srv.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/v1"
    stop.set()
    thread.join(timeout=5)
    srv.close()


@pytest.mark.parametrize("upstream", ["refused", "drops"])
def test_failing_upstream_leaks_no_descriptors(corpus_index: Path, embedder: E5Embedder,
                                               dropping_upstream: str, upstream: str) -> None:
    base = (f"http://127.0.0.1:{free_port()}/v1" if upstream == "refused"
            else dropping_upstream)
    settings = ServiceSettings(index_dir=corpus_index, llm="openai", llm_base_url=base,
                               llm_model="down", llm_timeout=2, rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    outcomes: Counter[str] = Counter()

    with running_service(settings, engine) as svc:
        def fail_once(i: int) -> None:
            kind = i % 4
            if kind == 0:
                r = svc.client.post("/ask", json={"question": FR_TROOPS})
                assert r.status_code == 502 and r.json()["error"], r.text
            elif kind == 1:
                r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
                assert r.status_code == 200
                events = parse_sse(r.text)
                assert events[-1][0] == "error" and events[-1][1]["status"] == 502, events
            elif kind == 2:
                r = svc.client.post("/v1/chat/completions", json={
                    "messages": [{"role": "user", "content": FR_TROOPS}]})
                assert r.status_code == 502 and r.json()["error"], r.text
            else:
                r = svc.client.post("/v1/chat/completions", json={
                    "stream": True, "messages": [{"role": "user", "content": FR_TROOPS}]})
                assert r.status_code == 200 and '"error"' in r.text, r.text
            outcomes[r.request.url.path] += 1

        for i in range(4):  # warm up: thread pool, connection pools, lazy imports
            fail_once(i)
        fds_before, sockets_before = open_fds(), _sockets()
        for i in range(CALLS):
            fail_once(i)
        fds_after, sockets_after = open_fds(), _sockets()
        health = svc.client.get("/health")
        assert health.status_code == 200 and health.json()["backend"] == "openai"
        search = svc.client.get("/search", params={"q": "soldats russes", "k": 2})
        assert search.status_code == 200 and len(search.json()["hits"]) == 2

    print(f"\nupstream {upstream}: {CALLS} failing calls {dict(outcomes)}; fds "
          f"{fds_before} -> {fds_after}, sockets {sockets_before} -> {sockets_after}")
    assert sum(outcomes.values()) == CALLS + 4
    assert sockets_after <= sockets_before, (sockets_before, sockets_after)
    assert fds_after <= fds_before + SLACK, (fds_before, fds_after)
