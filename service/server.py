"""uvicorn options for `rag serve`: a deadline uvicorn itself does not have.

uvicorn's only timer is the keep-alive one, cancelled by any incoming byte, so a client that
sends its request headers a byte at a time (or never finishes a body the app did not read) holds
a connection forever. The protocols below give each request's headers a deadline, counted from
the connection (or the end of the previous response); the body then has the ASGI guard's
`body_timeout` (service/guards.py). httptools when installed (what uvicorn's "auto" picks), h11
otherwise. Request heads are bounded too: h11 by its own limit (set to `MAX_HEAD_BYTES`), httptools
has none (200 MB of headers were buffered), so its protocol counts them, and a chunked body's
trailer fields the same way (h11's limit covers those). And uvicorn believes no
X-Forwarded-For (`proxy_options`): the app reads it from the configured proxies only.

`rag serve` and `rag cluster serve --local` both run `run_server`, so neither can lose an option
the other has (thirteenth review: the cluster's local server had no header deadline, no head
bound and no shutdown grace).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import h11
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from service.settings import ServiceSettings

MAX_HEAD_BYTES = 64 * 1024  # request line and headers
# What a chunked body may spend on framing a byte of body ("1\r\nx\r\n": 5 for 1-byte chunks)
FRAMING_PER_BODY_BYTE = 8
# Bounded: after SHUTDOWN_GRACE_S, requests still running (open answer streams, bodies still
# arriving) are cancelled, which stops their generation; by default uvicorn waits forever.
SHUTDOWN_GRACE_S = 3
_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain\r\n"
              b"content-length: 28\r\nconnection: close\r\n\r\nrequest headers over 64 KiB\n")

_TOO_LARGE_TRAILER = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: "
                      b"text/plain\r\ncontent-length: 29\r\nconnection: close\r\n\r\n"
                      b"request trailers over 64 KiB\n")


def _arm(proto: Any) -> None:
    _disarm(proto)
    proto._deadline = proto.loop.call_later(proto.header_timeout, _expired, proto)


def _disarm(proto: Any) -> None:
    if getattr(proto, "_deadline", None) is not None:
        proto._deadline.cancel()
    proto._deadline = None


def _expired(proto: Any) -> None:
    """No request in progress (headers still incomplete, or an unread body still coming after
    the response): close. A request being answered is left alone."""
    proto._deadline = None
    if proto.cycle is not None and not proto.cycle.response_complete:
        return
    if not proto.transport.is_closing():
        if isinstance(proto, H11Protocol):
            with contextlib.suppress(h11.LocalProtocolError):
                proto.conn.send(h11.ConnectionClosed())
        proto.transport.close()


class DeadlineH11Protocol(H11Protocol):
    header_timeout = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        _arm(self)

    def connection_lost(self, exc: Exception | None) -> None:
        _disarm(self)
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            _arm(self)


def _base_protocols() -> list[type[asyncio.Protocol]]:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return [DeadlineH11Protocol]

    class DeadlineHttpToolsProtocol(HttpToolsProtocol):
        header_timeout = 10.0
        _head: int | None = 0  # bytes of the request head so far; None once it is complete
        _trailer = 0  # bytes of the chunked body's trailer so far
        _after_head = 0  # bytes received since the head was complete ...
        _body = 0  # ... and those of them that were body

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._head = 0
            _arm(self)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._head = 0
            self._trailer = self._after_head = self._body = 0

        def on_body(self, body: bytes) -> None:
            self._body += len(body)
            super().on_body(body)

        def on_headers_complete(self) -> None:
            self._head = None
            super().on_headers_complete()

        def on_header(self, name: bytes, value: bytes) -> None:
            """A field after the head is a chunked body's trailer: dropped (the app reads
            none), its bytes counted with the head's bound. uvicorn appended each one to the
            request's headers, past every byte counter: 234 MB of trailers took 5.6 GB and
            held /health 12 s (forty-first review, F1)."""
            if self._head is not None:
                super().on_header(name, value)
                return
            self._trailer += len(name) + len(value) + 4
            if self._trailer > MAX_HEAD_BYTES and not self.transport.is_closing():
                self._refuse_trailer()

        def data_received(self, data: bytes) -> None:
            """Counts only chunks that start inside a head: at most one chunk (256 KiB) over.
            Past the head, what never becomes body (chunk sizes, and a trailer field httptools
            builds until its line ends: one unterminated field of 160 MB grew the server
            without `on_header` ever being called; review 41's diff review) is bounded too:
            MAX_HEAD_BYTES and FRAMING_PER_BODY_BYTE times the body (1-byte chunks take 5)."""
            in_head = self._head is not None
            if not in_head:
                self._after_head += len(data)
            super().data_received(data)
            if self.transport.is_closing():
                return
            if in_head and self._head is not None:
                self._head += len(data)
                if self._head > MAX_HEAD_BYTES:
                    self.transport.write(_TOO_LARGE)
                    self.transport.close()
            elif not in_head and self._head is None and self._after_head - self._body > (
                    MAX_HEAD_BYTES + FRAMING_PER_BODY_BYTE * self._body):
                self._refuse_trailer()

        def _refuse_trailer(self) -> None:
            if self.cycle is None or not self.cycle.response_started:
                self.transport.write(_TOO_LARGE_TRAILER)
            self.transport.close()

        def connection_lost(self, exc: Exception | None) -> None:
            _disarm(self)
            super().connection_lost(exc)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                _arm(self)

    return [DeadlineHttpToolsProtocol, DeadlineH11Protocol]


def deadline_protocol(header_timeout: float, h11_only: bool = False) -> type[asyncio.Protocol]:
    """The protocol class uvicorn's "auto" would pick (or h11), with `header_timeout` seconds."""
    base = _base_protocols()[-1 if h11_only else 0]
    return type(base.__name__, (base,), {"header_timeout": header_timeout})


def proxy_options(settings: ServiceSettings) -> dict[str, Any]:
    """uvicorn never reads X-Forwarded-For: the app does, from RAG_TRUSTED_PROXIES only
    (service/security.py `ForwardedFor`). uvicorn's default trusts 127.0.0.1, and the
    client address is what the wrong-key throttle and the rate limit count by: behind no
    proxy, a client on loopback named any address it liked; and told `"*"`, uvicorn took the
    leftmost entry, which the client writes (forty-ninth review, F1)."""
    del settings  # (the same for every setting: the app resolves the proxies)
    return {"proxy_headers": False}


def server_options(settings: ServiceSettings) -> dict[str, Any]:
    """The `uvicorn.run` / `uvicorn.Config` keyword arguments every serve command uses: the
    header deadline and head bound (the protocol class), the shutdown grace, the connection
    cap (uvicorn answers a plain 503, `connection: close`, to requests on connections past
    `max_connections`), and uvicorn's X-Forwarded-For handling off."""
    return {"http": deadline_protocol(settings.header_timeout),
            "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
            "timeout_graceful_shutdown": SHUTDOWN_GRACE_S,
            # no WebSocket routes: an upgrade is read as the plain request it is, through
            # every guard (with websockets installed, uvicorn handed the app a "websocket"
            # scope that the Host, Origin and body guards pass by; forty-first review, note)
            "ws": "none",
            # (uvicorn counts the connection asking among those open: one more admits N)
            "limit_concurrency": settings.max_connections + 1 if settings.max_connections
            else None,
            **proxy_options(settings)}


def run_server(app: ASGIApp, settings: ServiceSettings, host: str, port: int) -> None:
    """Serve `app` on host:port with `server_options` until SIGTERM or Ctrl-C."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                **server_options(settings))
