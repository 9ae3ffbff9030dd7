"""Forty-first review, F1: a chunked body's trailer fields were appended to the request's
headers past every byte counter (uvicorn's httptools protocol): 234 MB of them took the server
to 5.6 GB and kept /health waiting 12 s, and the request still ended 200. They are now dropped
and bounded as the head is; h11 bounds them with its own limit."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.settings import ServiceSettings
from tests.service.test_hardening import _readable, _serve_like_cli, endless_headers

BODY = b'{"question": "Combien de soldats ?"}'


def _endless_value(sock: socket.socket, limit: int = 16 * 1024 * 1024) -> tuple[bool, int]:
    """Send one field value that never ends until the server cuts the connection (or `limit`
    bytes): whether it did, and how many bytes went."""
    sent = 0
    while sent < limit:
        try:
            if _readable(sock, 0):
                return True, sent
            sock.sendall(b"a" * 8192)
            sent += 8192
        except OSError:
            return True, sent
    return False, sent


@pytest.mark.parametrize("h11_only", [False, True], ids=["auto", "h11"])
def test_endless_trailers_are_cut(tmp_path: Path, embedder: E5Embedder, h11_only: bool) -> None:
    settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                               rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    with _serve_like_cli(settings, engine, h11_only) as port:
        with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
            sock.sendall(f"POST /ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                         "application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
                         + f"{len(BODY):x}\r\n".encode() + BODY + b"\r\n0\r\n")
            cut, sent = endless_headers(sock)  # trailer fields, one after another
            assert cut and sent < 8 * 1024 * 1024, sent  # (socket buffers: a few MB)
        # ... one trailer field that never ends (httptools builds it until its line ends,
        # unseen by the field count: the session's diff review)
        with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
            sock.sendall(f"POST /ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                         "application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
                         + f"{len(BODY):x}\r\n".encode() + BODY + b"\r\n0\r\nx-a: ")
            cut, sent = _endless_value(sock)
            assert cut and sent < 8 * 1024 * 1024, sent
        # ... and a request with a small trailer is still answered
        with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
            sock.sendall(f"POST /ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                         "application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
                         + f"{len(BODY):x}\r\n".encode() + BODY
                         + b"\r\n0\r\nx-checksum: 1\r\n\r\n")
            head = sock.recv(65536)
            assert head.startswith(b"HTTP/1.1 "), head[:100]
            assert int(head.split(b" ", 2)[1]) < 500, head[:300]


def test_a_websocket_upgrade_goes_through_the_guards(tmp_path: Path,
                                                     embedder: E5Embedder) -> None:
    """(the review's note) uvicorn upgraded it when `websockets` was installed, and the Host
    guard let the "websocket" scope by; served without WebSockets, a foreign Host is refused
    as on any request."""
    settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                               rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    with _serve_like_cli(settings, engine, False) as port, socket.create_connection(
            ("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     b"Sec-WebSocket-Version: 13\r\n\r\n")
        head = sock.recv(65536)
        assert head.startswith(b"HTTP/1.1 400"), head[:200]
