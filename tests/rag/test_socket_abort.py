"""SocketAbort ends a blocked read from another thread, on real sockets."""

from __future__ import annotations

import socket
import threading
from typing import Any


class _Stream:
    """What httpcore's network stream offers the trace hook: its socket."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def get_extra_info(self, name: str) -> Any:
        return self._sock if name == "socket" else None


def test_fire_wakes_a_blocked_read_and_a_later_socket_is_shut_at_once() -> None:
    from rag.socket_abort import SocketAbort

    abort = SocketAbort()
    a, b = socket.socketpair()
    abort.trace("connection.connect_tcp.complete", {"return_value": _Stream(a)})
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(a.recv(10)))
    reader.start()
    abort.fire()
    reader.join(timeout=5)
    assert not reader.is_alive() and got == [b""]  # the read ended, nothing was received
    c, d = socket.socketpair()
    abort.add(_Stream(c))  # connected after the abort: shut down as it is added
    assert c.recv(10) == b""
    for s in (a, b, c, d):
        s.close()
