"""`rag serve` and `rag cluster serve --local` as they run: each started as its own process on a
loopback port, over a small index (one box, or two shards), and checked from outside.

Thirteenth review, F1: `cluster serve --local` ran uvicorn without the options `rag serve` has
(header deadline, head bound, shutdown grace): a dripped head held its connection open, 100 MB
of headers were buffered. F4: neither had a connection cap. Both now run `run_server`
(service/server.py); this drives each command with the same checks.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from rag.cluster import ingest as cluster_ingest
from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.server import SHUTDOWN_GRACE_S, server_options
from service.settings import ServiceSettings
from tests.conftest import small_docs
from tests.service.conftest import free_port
from tests.service.test_hardening import _closed_within, endless_headers

RAG = str(Path(sys.executable).with_name("rag"))
MAX_CONNECTIONS = 4


@contextmanager
def _command(argv: list[str], env: dict[str, str], log: Path
             ) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`rag ARGV --port P` running with `env` added (its stderr in `log`), once it answers
    /health; killed on the way out if it still runs."""
    port = free_port()
    with log.open("wb") as err:
        proc = subprocess.Popen([RAG, *argv, "--port", str(port)], stdout=subprocess.DEVNULL,
                                stderr=err, env={**os.environ, **env})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(0.05)  # (or it exited)
            assert proc.poll() is None, log.read_text(errors="replace")
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _entry_point(which: str, tmp_path: Path, embedder: E5Embedder) -> list[str]:
    if which == "serve":
        settings = Settings(index_dir=tmp_path / "index")
        Engine(settings, embedder=embedder, auto_build=False).ingest_documents(small_docs())
        return ["serve", "--index", str(settings.index_dir)]
    root = tmp_path / "cluster"
    settings = Settings(index_dir=root)
    cluster_ingest.commit(root, settings, embedder, cluster_ingest.prepare(
        root, settings, embedder, small_docs(), n_shards=2))
    return ["cluster", "serve", "--local", "--dir", str(root)]


def _status(port: int, sock: socket.socket | None = None) -> int:
    """The status of one `GET /health` on `sock` (a new connection if None)."""
    own = sock is None
    s = sock or socket.create_connection(("127.0.0.1", port), timeout=15)
    try:
        s.sendall(f"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        head = b""
        while b"\r\n" not in head:
            chunk = s.recv(4096)
            assert chunk, f"closed before a status line: {head!r}"
            head += chunk
        return int(head.split(b" ", 2)[1])
    finally:
        if own:
            s.close()


@pytest.mark.parametrize("which", ["serve", "cluster-local"])
def test_both_serve_commands_bound_heads_connections_and_shutdown(
        which: str, tmp_path: Path, embedder: E5Embedder) -> None:
    argv = _entry_point(which, tmp_path, embedder)
    env = {"RAG_HEADER_TIMEOUT": "1", "RAG_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
           "RAG_BODY_TIMEOUT": "600", "RAG_RATE_LIMIT_PER_MINUTE": "0",
           "RAG_CORPUS_DIR": str(tmp_path / "no-corpus"), "OMP_WAIT_POLICY": "PASSIVE"}
    log = tmp_path / "server.log"
    with _command(argv, env, log) as (proc, port):
        # A request whose body never finishes: running when SIGTERM comes (the header
        # deadline is for heads; this one's body has RAG_BODY_TIMEOUT, 600 s).
        pending = socket.create_connection(("127.0.0.1", port), timeout=15)
        pending.sendall(f"POST /ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                        "application/json\r\nContent-Length: 100\r\n\r\n{".encode())
        assert _status(port) == 200  # two connections of four
        idle = [socket.create_connection(("127.0.0.1", port), timeout=15) for _ in range(3)]
        # (the pending request and three idle connections: four, the cap)
        assert _status(port, idle[-1]) == 200
        try:  # with these, a fifth: uvicorn's plain 503, and the connection is closed
            over = socket.create_connection(("127.0.0.1", port), timeout=15)
            with over:
                assert _status(port, over) == 503
                over.settimeout(5)
                while over.recv(65536):  # the rest of the 503, then the server closes
                    pass
        finally:
            for s in idle:
                s.close()

        # a head dripped a byte at a time is cut at the deadline (1 s)
        with socket.create_connection(("127.0.0.1", port), timeout=15) as drip:
            drip.sendall(f"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            t0 = time.monotonic()
            assert _closed_within(drip, 8, drip=b"x"), "a dripped head kept its connection"
            assert time.monotonic() - t0 < 8
        # endless headers are cut once over 64 KiB, not buffered (100 MB were)
        with socket.create_connection(("127.0.0.1", port), timeout=15) as big:
            big.sendall(f"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            cut, sent = endless_headers(big)
            assert cut and sent < 8 * 1024 * 1024, sent

        # SIGTERM: the pending request is cancelled after the grace, and the command exits
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(SHUTDOWN_GRACE_S + 10)
        except subprocess.TimeoutExpired:
            pytest.fail("the server still waits for a request SIGTERM should have cut")
        finally:
            pending.close()
        assert rc in (0, -signal.SIGTERM)  # (uvicorn raises the signal again once stopped)
        assert time.monotonic() - t0 < SHUTDOWN_GRACE_S + 10
        assert "timeout graceful shutdown exceeded" in log.read_text(errors="replace")


def test_server_options_carry_every_bound() -> None:
    """What both commands pass uvicorn (run_server), from the settings."""
    options = server_options(ServiceSettings(header_timeout=7, max_connections=123))
    assert options["http"].header_timeout == 7
    assert options["h11_max_incomplete_event_size"] == 64 * 1024
    assert options["timeout_graceful_shutdown"] == SHUTDOWN_GRACE_S
    assert options["limit_concurrency"] == 124  # uvicorn counts the asking connection
    assert options["proxy_headers"] is False
    assert server_options(ServiceSettings(max_connections=0))["limit_concurrency"] is None
    assert ServiceSettings().max_connections == 1000
