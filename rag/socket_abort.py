"""Ending a blocked httpx read from another thread: closing the response does not wake the
read, shutting its socket down does (the read ends at once and the connection is dropped).
Used by the LLM client (a client's cancel, and a wall-clock deadline for each call) and the
page fetcher (a wall-clock deadline): `Deadline` fires a `SocketAbort` when time is up."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any, Self


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


class Deadline:
    """One wall-clock deadline for a whole request. httpx's timeouts count each read apart, so
    a server sending a byte every few seconds holds a request with a 10 s timeout for ever:
    when time is up a timer fires `abort` (the request's `SocketAbort`, which may also serve a
    cancel: pass it in), which wakes a blocked read at once; the reader then sees `expired`
    and reports the timeout. The timer runs inside `with` only."""

    def __init__(self, seconds: float, abort: SocketAbort | None = None) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.abort = abort if abort is not None else SocketAbort()
        self.trace = self.abort.trace
        self._fired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def _expire(self) -> None:
        self._fired = True
        self.abort.fire()

    @property
    def expired(self) -> bool:
        """Time is up (the timer fired, or is about to)."""
        return self._fired or time.monotonic() >= self.end

    def __enter__(self) -> Self:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        """Seconds left, 0 once none are."""
        return max(0.0, self.end - time.monotonic())
