"""The first layer of every request, before CORS, auth or routing, as a plain ASGI middleware.

It refuses what no route should ever see, cheaply and without creating per-client state:
- methods outside a closed set (405): uvicorn accepts any token as a method;
- a Host header outside the trusted hosts (400): DNS rebinding reaches a server through a name;
- state-changing requests from a browser page of another origin (403): a multipart POST is a
  CORS "simple" request, sent without a preflight, so CORS alone does not stop it. An origin
  listed in RAG_CORS_ORIGINS may write; `"*"` lets every origin write only while no API keys
  are set (a server with keys names the sites whose pages may write);
- request bodies over their route's limit, counted as the bytes arrive (413), so a chunked body
  without Content-Length cannot grow memory; and bodies that do not arrive in time (408);
- bodies past a byte budget shared by every request in flight (503, `BodyBudget`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import re
import socket
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.security import client_bucket

ALLOWED_METHODS = frozenset({"GET", "HEAD", "POST", "DELETE", "OPTIONS"})
STATE_CHANGING = frozenset({"POST", "DELETE", "PUT", "PATCH"})
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
_DEFAULT_PORTS = {"http": "80", "https": "443"}

# Why a request was refused here: the label set of the refusal counter, closed.
REASONS = ("method", "host", "origin", "body_size", "body_timeout", "body_budget")


# A trusted-hosts entry that admits any IP address literal ("10.0.0.1", "[fe80::1]").
IP_LITERALS = "<ip>"


def default_trusted_hosts(bound_host: str) -> frozenset[str] | None:
    """Host names a server bound to `bound_host` answers to.

    A wildcard bind (`0.0.0.0`, `::`) answers to any IP address, loopback names and the
    machine's own names, not to any name: DNS rebinding always comes through a name (the
    attacker's, resolved to this machine), so a page elsewhere can neither read nor write
    through the user's browser. A deployment behind its own DNS name lists it in
    RAG_TRUSTED_HOSTS."""
    host = bound_host.strip().strip("[]").lower()
    if host in ANY_ADDRESS:
        own = {socket.gethostname().lower(), socket.getfqdn().lower()} - {""}
        return frozenset(own) | LOOPBACK_NAMES | {IP_LITERALS}
    if host in LOOPBACK_NAMES:
        return LOOPBACK_NAMES
    return frozenset({host}) | LOOPBACK_NAMES


def host_name(header: str) -> str:
    """`example.org:8000` -> `example.org`, `[::1]:8000` -> `::1`; "" for a header no browser
    sends (userinfo, a path, spaces, a port not all digits: `127.0.0.1:8758@evil.example`,
    security review 58 N1), which no trusted name but "*" matches."""
    header = header.strip().lower()
    if any(ch in header for ch in "@/\\ \t?#"):
        return ""
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        port_ok = rest[:1] == ":" and rest[1:].isdigit() and rest.isascii()
        return name if rest == "" or port_ok else ""
    if header.count(":") == 1:
        name, _, port = header.partition(":")
        return name if port.isdigit() and port.isascii() else ""
    return header


def host_allowed(name: str, trusted: Iterable[str]) -> bool:
    for pattern in trusted:
        if pattern == "*" or pattern == name:
            return True
        if pattern == IP_LITERALS and _is_ip(name):
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _netloc(scheme: str, netloc: str) -> str:
    netloc = netloc.lower()
    default = _DEFAULT_PORTS.get(scheme)
    if default and netloc.endswith(":" + default):
        return netloc[: -len(default) - 1]
    return netloc


def same_origin(origin: str, host: str) -> bool:
    """Whether the page's Origin names the host it sends to (any scheme: a TLS proxy in front
    makes the scheme we see differ from the page's). An origin is `scheme://host[:port]` and
    nothing else: browsers never send a path, query, fragment or user name in it, so one that
    has any (`http://127.0.0.1:8000/x`) is no page's and not taken as this host's."""
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in _DEFAULT_PORTS or not parts.netloc:
        return False
    if origin.lower() != f"{parts.scheme}://{parts.netloc}".lower() or "@" in parts.netloc:
        return False
    return _netloc(parts.scheme, parts.netloc) == _netloc(parts.scheme, host)


class BodyRefused(HTTPException):
    """Raised from `receive`: the route's exception handlers turn it into a JSON 413/408."""

    def __init__(self, status: int, message: str, reason: str) -> None:
        super().__init__(status, message)
        self.reason = reason


# `limit(method, path)`: (bytes a body may have, the limit named in the error): uploads allow
# multipart framing on top of the configured size they name.
Limit = Callable[[str, str], tuple[int, int]]
UPLOAD_PATHS = ("/documents", "/documents/upload")
MULTIPART_SLACK = 64 * 1024  # multipart framing on top of the upload limit


def body_limit(max_request_bytes: int, max_upload_bytes: int) -> Limit:
    """Uploads (POST /documents) may have `max_upload_bytes`, every other request
    `max_request_bytes`."""

    def limit(method: str, path: str) -> tuple[int, int]:
        if method == "POST" and path in UPLOAD_PATHS:
            return max_upload_bytes + MULTIPART_SLACK, max_upload_bytes
        return max_request_bytes, max_request_bytes

    return limit


class Guard:
    """Outermost: method, Host, cross-site writes and a declared Content-Length."""

    def __init__(self, app: ASGIApp, *, trusted_hosts: frozenset[str] | None,
                 cors_origins: Iterable[str], limit: Limit, keys_set: bool = False,
                 on_refused: Callable[[str, int], None] | None = None) -> None:
        self.app = app
        self.trusted = trusted_hosts
        self.origins = frozenset(o.rstrip("/").lower() for o in cors_origins)
        # `"*"` in RAG_CORS_ORIGINS: any page may write, unless keys are set (README)
        self.any_origin_writes = "*" in self.origins and not keys_set
        self.limit = limit
        self.on_refused = on_refused or _ignore

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._check(scope)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, message, reason = refusal
        self.on_refused(reason, status)
        extra = [(b"allow", ", ".join(sorted(ALLOWED_METHODS)).encode())] if status == 405 \
            else []
        await send_error(send, status, message, extra, scope.get("path", ""))

    def _check(self, scope: Scope) -> tuple[int, str, str] | None:
        method: str = scope["method"]
        if method not in ALLOWED_METHODS:
            return 405, "method not allowed", "method"
        headers = _headers(scope)
        host = headers.get("host", "")
        if self.trusted is not None and not host_allowed(host_name(host), self.trusted):
            return 400, "untrusted Host header (see RAG_TRUSTED_HOSTS)", "host"
        if method in STATE_CHANGING:
            origin = headers.get("origin")
            if origin is not None:
                allowed = (self.any_origin_writes
                           or origin.rstrip("/").lower() in self.origins
                           or same_origin(origin, host))
            else:  # no Origin (curl, the CLI, old browsers): trust the fetch metadata if any;
                # another port of the same host is another site here too, as for reads
                # (review 44, N1)
                site = headers.get("sec-fetch-site", "").lower()
                allowed = site != "cross-site" and (site != "same-site"
                                                    or self.any_origin_writes)
            if not allowed:
                why = ("with API keys set, \"*\" does not let other sites write: list this "
                       "origin in RAG_CORS_ORIGINS") if "*" in self.origins else \
                    "this origin is not in RAG_CORS_ORIGINS"
                return 403, f"cross-origin request refused: {why}", "origin"
        elif (headers.get("sec-fetch-site", "").lower() in ("cross-site", "same-site")
              and scope["path"] not in CROSS_SITE_READS and "*" not in self.origins
              and headers.get("origin", "").rstrip("/").lower() not in self.origins):
            # a foreign page's <img src="/search?..."> cannot read the answer but makes the
            # server do the work, in a loop (security review 42, F2); the widget's script and
            # the demo page still load. A frame is no link followed: <iframe>, <object> and
            # <embed> navigate too (review 43, F1); and a page on another port of the same
            # host ("same-site") is another site's page. A link followed opens only the pages
            # meant to be linked: a window another site's page opens on /search?q=... made
            # the server search too (1.26 s of CPU each; review 49, F3)
            if not _top_level_navigation(headers):
                return 403, ("cross-site request refused: this origin is not in "
                             "RAG_CORS_ORIGINS"), "origin"
            if scope["path"] not in CROSS_SITE_LINKS:
                return 403, ("cross-site navigation refused: a link from another site opens "
                             "the demo page (/) and the API docs, not an API route; call it "
                             "from a page whose origin is in RAG_CORS_ORIGINS, or from no "
                             "page"), "origin"
        length = headers.get("content-length")
        limit, named = self.limit(method, scope["path"])
        if length is not None and (not length.strip().isdigit() or int(length) > limit):
            return 413, f"request body over {named} bytes", "body_size"
        return None


def _top_level_navigation(headers: dict[str, str]) -> bool:
    """Whether the request is a page the user goes to (a link followed, an address typed):
    a navigation whose destination is the document, not a frame's, and not one the browser
    makes ahead of the user: another site's page may ask for a prefetch or prerender of any
    URL (`<link rel=prefetch>`, speculation rules), sent as a navigation that names its
    purpose (`Sec-Purpose`, or the older `Purpose`), and `/search?q=<2,000 characters>` cost
    1.3 s of CPU each (review 48, F4)."""
    return (headers.get("sec-fetch-mode", "").lower() == "navigate"
            and headers.get("sec-fetch-dest", "document").lower() == "document"
            and not _speculative(headers))


_SPECULATIVE = frozenset({"prefetch", "prerender"})


def _speculative(headers: dict[str, str]) -> bool:
    """Whether `Sec-Purpose` or `Purpose` says prefetch or prerender (`prefetch;prerender`,
    a structured list: any of its items or parameters)."""
    return any(_SPECULATIVE.intersection(re.split(r"[\s;,=]+", headers.get(name, "").lower()))
               for name in ("sec-purpose", "purpose"))


# What another site's page may load without being listed in RAG_CORS_ORIGINS: the widget's
# script and the demo's
CROSS_SITE_READS = frozenset({"/widget.js", "/static/demo.js", "/"})
# What a link on another site's page may open (a top-level navigation, not a frame, an image
# or a prefetch): those, and the API docs pages when served (RAG_DOCS_PAGES). Not an API route:
# with no keys set, a foreign page opening a window on /search?q=<2,000 characters>&k=100
# made the server search (review 49, F3)
CROSS_SITE_LINKS = CROSS_SITE_READS | {"/docs", "/redoc", "/docs/oauth2-redirect",
                                       "/openapi.json"}


BODY_FREE_BYTES = 64 * 1024  # of each body, never counted against the shared budget


def budgeted(method: str, path: str) -> bool:
    """Whether a request's body counts against the shared `BodyBudget`: every one but
    `POST /documents` (and `/documents/upload`), whose bodies are read through a gate of
    their own, a few at a time (service/routes/documents.py, `body_gate`)."""
    return not (method == "POST" and path in UPLOAD_PATHS)


class BodyBudget:
    """The bytes of request bodies that the requests in flight hold, shared by them all:
    each request's first `free` bytes aside, counted as they arrive and given back when the
    request ends (answered, refused or its client gone). A request whose bytes would take
    the count past `most` is refused (503), unless it is the only one holding any (one
    alone is always taken); `most` 0 is no budget.

    Fourteenth review, F3: bodies are buffered whole before they are parsed, and only each
    one was bounded (RAG_MAX_REQUEST_BYTES): up to RAG_MAX_CONNECTIONS of them at once,
    2 GB at the defaults; 300 held `/ask` bodies of 2 MiB took the server from 103 to 728 MB.
    Now at most `most` plus `free` a connection. A question, a chat or a vote is far under
    `free`: filling the budget with large bodies does not hold them up.

    One client (its address, an IPv6 one by its /64: `client_bucket`) may hold a
    `CLIENT_SHARE`th of it, its own lone request aside: 139 slow connections of one client
    with the widget's public key filled it, and every other client's body over `free` was
    refused (re-check N2)."""

    CLIENT_SHARE = 4

    def __init__(self, most: int, free: int = BODY_FREE_BYTES) -> None:
        self.most = most
        self.free = free
        self.held = 0
        self.by_client: dict[str, int] = {}

    def take(self, n: int, own: int, client: str = "") -> bool:
        """Count `n` more bytes of a request of `client` that holds `own` already; False
        (nothing counted) when they do not fit."""
        mine = self.by_client.get(client, 0)
        if self.most and ((self.held + n > self.most and self.held > own) or (
                mine + n > self.most // self.CLIENT_SHARE and mine > own)):
            return False
        self.held += n
        self.by_client[client] = mine + n
        return True

    def give(self, n: int, client: str = "") -> None:
        self.held -= n
        left = self.by_client.get(client, 0) - n
        if left > 0:
            self.by_client[client] = left
        else:
            self.by_client.pop(client, None)


class BodyLimit:
    """Innermost: counts body bytes as the app reads them (chunked or not, JSON or multipart)
    and gives the whole body `timeout` seconds; counts them against `budget` as well, for
    the requests `budgeted` says. Its errors are raised from `receive`, where the app's
    exception handlers answer them; it sits inside every middleware that runs `receive` in a
    task group, which would wrap them in an ExceptionGroup."""

    def __init__(self, app: ASGIApp, *, limit: Limit, timeout: float,
                 budget: BodyBudget | None = None,
                 on_refused: Callable[[str, int], None] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout
        self.budget = budget or BodyBudget(0)
        self.on_refused = on_refused or _ignore

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, named = self.limit(scope["method"], scope["path"])
        budget = self.budget if budgeted(scope["method"], scope["path"]) else None
        client = client_bucket((scope.get("client") or ("", 0))[0])
        deadline = time.monotonic() + self.timeout
        received = counted = 0
        body_done = False
        started = False
        close = False

        async def guarded_receive() -> Message:
            nonlocal received, counted, body_done, close
            if body_done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(),
                                                 max(deadline - time.monotonic(), 0.0))
            except TimeoutError:
                body_done = close = True  # a slow client: do not keep its connection
                self.on_refused("body_timeout", 408)
                if started:  # too late to answer: stop reading
                    return {"type": "http.disconnect"}
                raise BodyRefused(408, f"request body not received within {self.timeout:g} s",
                                  "body_timeout") from None
            if message["type"] != "http.request":
                return message
            received += len(message.get("body", b""))
            body_done = not message.get("more_body", False)
            if received > limit:
                body_done = True  # the rest is uvicorn's to drain, never the app's
                self.on_refused("body_size", 413)
                if started:
                    return {"type": "http.disconnect"}
                raise BodyRefused(413, f"request body over {named} bytes", "body_size")
            if budget is not None and received - budget.free > counted:
                more = received - budget.free - counted
                if not budget.take(more, counted, client):
                    body_done = close = True  # the rest is not read: do not keep the connection
                    self.on_refused("body_budget", 503)
                    if started:
                        return {"type": "http.disconnect"}
                    raise BodyRefused(503, "the server holds too many request bodies at once "
                                      f"({budget.most} bytes in all, "
                                      "RAG_MAX_BODY_BYTES_IN_FLIGHT); retry later or send a "
                                      "smaller body", "body_budget")
                counted += more
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if close:
                    message = {**message, "headers": [*message.get("headers", []),
                                                      (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        finally:
            if budget is not None:
                budget.give(counted, client)


def _ignore(reason: str, status: int) -> None:
    pass


def _headers(scope: Scope) -> dict[str, str]:
    """The request headers a check needs, latin-1 decoded, first value wins."""
    out: dict[str, str] = {}
    for name, value in scope["headers"]:
        key = name.decode("latin-1").lower()
        if key in ("host", "origin", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest",
                   "sec-purpose", "purpose", "content-length"):
            out.setdefault(key, value.decode("latin-1"))
    return out


async def send_error(send: Send, status: int, message: str,
                     extra: list[tuple[bytes, bytes]], path: str = "") -> None:
    """A JSON error answered by a middleware, in the shape of the path's route family."""
    from service.schemas import openai_error  # /v1/* clients parse OpenAI's error shape

    error = openai_error(status, message) if path.startswith("/v1/") else {"error": message}
    body = json.dumps(error).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *extra]})
    await send({"type": "http.response.body", "body": body})
