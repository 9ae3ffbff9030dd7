"""Ending a blocked httpx read from another thread: closing the response does not wake the
read, shutting its socket down does (the read ends at once and the connection is dropped).
Used by the LLM client (a client's cancel) and the page fetcher (a wall-clock deadline)."""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any


class SocketAbort:
    """Collects the sockets of one request as they connect (httpcore's trace hook, before any
    header arrives) and shuts them all down when `fire` is called, or at once if it was."""

    _CONNECTED = ("connection.connect_tcp.complete", "connection.start_tls.complete")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self.fired = False

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook (`extensions={"trace": abort.trace}`)."""
        if event in self._CONNECTED:
            self.add(info.get("return_value"))

    def add(self, stream: Any) -> None:
        """A connection's network stream (a reused connection is not traced: add it)."""
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._socks.append(sock)
            fired = self.fired
        if fired:
            _shutdown(sock)

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            socks = list(self._socks)
        for sock in socks:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    # The plain socket's method: an SSLSocket's own would drop its state under the reader.
    with contextlib.suppress(OSError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
