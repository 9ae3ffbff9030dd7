"""API keys and rate limits, applied before any route runs; the headers every response carries.

Keys come only from the environment (`RAG_API_KEYS`, `RAG_ADMIN_KEYS`, comma-separated) and are
compared in constant time; they never reach logs, errors or /health. Rate limits are token
buckets per key and client address (or per client address without auth), answered with 429
and Retry-After. Wrong keys have their own bucket per client address: once it is empty, that
client gets 429 before any key is compared, so guessing is bounded to a few keys a minute.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag.retrieval import QUERY_CALLER

# Reachable without a key: liveness checks and the widget's own files.
PUBLIC_PATHS = frozenset({"/health", "/widget.js", "/"})
# Public, but a key sent there is checked as anywhere (a wrong one is a 401 and counts toward
# the wrong-key throttle): with a valid key /health shows the index's counts and generation,
# without one its status alone (review 49, note). Unchecked, it would tell a right key from
# a wrong one past the throttle.
KEYED_PUBLIC = frozenset({"/health"})
# Changing the index needs an admin key; with API keys and no admin keys, no key may (the
# widget's key, public in every page, could delete documents: thirteenth review, F6).
ADMIN_METHODS = frozenset({"POST", "DELETE", "PUT", "PATCH"})
ADMIN_PREFIXES = ("/documents", "/jobs")
# Reading these needs an admin key too: the feedback log holds other people's questions, the
# metrics everyone's traffic and refusals (any API key, the widget's public one included, read
# them: fortieth review, F3).
ADMIN_READS = frozenset({"/feedback", "/metrics"})


NO_ADMIN_KEYS = ("no key may change the index, cancel jobs or read the feedback log or the "
                 "metrics while "
                 "RAG_API_KEYS is set without RAG_ADMIN_KEYS: set RAG_ADMIN_KEYS (an API key, "
                 "as the widget's, is no admin key)")


def parse_keys(raw: str) -> list[bytes]:
    return [k.strip().encode() for k in raw.split(",") if k.strip()]


def fingerprint(key: bytes) -> str:
    """A short non-reversible id for a key, for rate-limit buckets and logs."""
    return hashlib.sha256(key).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Verdict:
    status: int  # 0 = allowed
    message: str = ""
    identity: str = ""
    wrong_key: bool = False  # a key was given and matched none: counts toward the throttle


class KeyChecker:
    def __init__(self, api_keys: list[bytes], admin_keys: list[bytes]) -> None:
        self._keys = api_keys + admin_keys
        self._admin = admin_keys
        self.enabled = bool(self._keys)

    @staticmethod
    def _match(given: bytes, keys: list[bytes]) -> bool:
        found = False
        for k in keys:  # no early exit: time does not depend on which key matched
            found |= hmac.compare_digest(given, k)
        return found

    def guards(self, path: str) -> bool:
        """Whether `path` needs a key."""
        return self.enabled and path not in PUBLIC_PATHS and not path.startswith("/static/")

    def checks(self, path: str, authorization: str | None) -> bool:
        """Whether a request's key is checked: where one is needed, and where one is sent to
        a path that shows more with it (`KEYED_PUBLIC`)."""
        return self.guards(path) or (self.enabled and path in KEYED_PUBLIC
                                     and authorization is not None)

    def check(self, method: str, path: str, authorization: str | None) -> Verdict:
        if not self.checks(path, authorization):
            return Verdict(0)
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return Verdict(401, "missing API key: send `Authorization: Bearer <key>`")
        given = token.strip().encode()
        if not self._match(given, self._keys):
            return Verdict(401, "invalid API key", wrong_key=True)
        needs_admin = ((method in ADMIN_METHODS and path.startswith(ADMIN_PREFIXES))
                       or (method in ("GET", "HEAD") and path.rstrip("/") in ADMIN_READS))
        if needs_admin and not self._admin:
            return Verdict(403, NO_ADMIN_KEYS)
        if needs_admin and not self._match(given, self._admin):
            return Verdict(403, "this key may not change the index or read the feedback log "
                           "or the metrics (admin key needed)")
        return Verdict(0, identity=f"key:{fingerprint(given)}")

    @property
    def admin_refused(self) -> bool:
        """API keys without admin keys: admin operations are refused to every key."""
        return self.enabled and not self._admin


class RateLimiter:
    """Token bucket per identity: `per_minute` requests a minute, bursts up to `burst`."""

    def __init__(self, per_minute: int, burst: int, max_clients: int = 10_000) -> None:
        self.enabled = per_minute > 0
        self._rate = per_minute / 60.0
        self._burst = float(max(burst, 1))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._max = max_clients
        self._lock = threading.Lock()

    def _tokens(self, identity: str, now: float) -> float:
        tokens, last = self._buckets.get(identity, (self._burst, now))
        return min(self._burst, tokens + (now - last) * self._rate)

    def wait(self, identity: str, now: float | None = None) -> float:
        """Like `hit` without taking a token: 0 when a request would be allowed."""
        if not self.enabled:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens = self._tokens(identity, now)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self._rate

    def hit(self, identity: str, now: float | None = None) -> float:
        """0 when allowed, else seconds until the next request would be."""
        if not self.enabled:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens = self._tokens(identity, now)
            if tokens >= 1.0:
                self._buckets[identity] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[identity] = (tokens, now)
                wait = (1.0 - tokens) / self._rate
            if len(self._buckets) > self._max:  # forget the idlest clients, bounded memory
                for key, _ in sorted(self._buckets.items(), key=lambda kv: kv[1][1])[
                        : self._max // 10]:
                    del self._buckets[key]
        return wait


# An IPv6 client is counted by its /64: one host is given a whole /64 and may pick any address
# in it, so counting addresses let it pass every limit by rotating them (review 9).
IPV6_CLIENT_PREFIX = 64
# The answer log's eviction counts an IPv6 client by its /48: a tunnel broker's free /48 (or
# 6to4's, one per IPv4 address) held 65,536 /64s, each a client of its own, enough to push
# every other client's answers out (review 15b, N2). A site's /48 is one client there only.
IPV6_ANSWER_LOG_PREFIX = 48


def client_bucket(host: str | None, ipv6_prefix: int = IPV6_CLIENT_PREFIX) -> str:
    """What the limits count a client address as: an IPv4 address as is (an IPv4-mapped IPv6
    one as its IPv4), an IPv6 address by its /64 (by its `ipv6_prefix`, when given)."""
    if not host:
        return "ip:-"
    try:
        addr = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return f"ip:{host[:64]}"
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return f"ip:{addr.ipv4_mapped}"
        net = ipaddress.IPv6Network((addr, ipv6_prefix), strict=False)
        return f"ip:{net}"
    return f"ip:{addr}"


def client_identity(key: str | None, ip: str) -> str:
    """Who a client is to the rate limit (and to the vote quota and the answer log): the API
    key's fingerprint (`key:...`) and the address bucket `ip` (`client_bucket`), or the
    address alone without keys. A key in a widget's page is public: each address spending it
    is a client of its own."""
    return f"{key}|{ip}" if key else ip


# X-Forwarded-For entries read from the right at most: past these many trusted proxies the
# entry reached is the client (a header of thousands of entries costs no more to read).
MAX_PROXY_HOPS = 32
_FORWARDED_SCHEMES = frozenset({"http", "https"})


class ForwardedFor:
    """The client address behind the reverse proxies of RAG_TRUSTED_PROXIES (outermost in the
    app: every limit counts by it). A request whose connection comes from one of them (from
    any address with `"*"`) is the client's named by its `X-Forwarded-For`: the rightmost
    entry no listed proxy added, read from the right (each proxy appends the address it was
    reached from; what a client wrote itself is to their left). With `"*"` alone, the
    rightmost entry. `X-Forwarded-Proto`'s rightmost entry gives the scheme.

    uvicorn's own handling (`forwarded_allow_ips`), which `rag serve` no longer turns on,
    took the leftmost entry, written by the client, when told `"*"`: a client naming a new
    address in front of each request was never throttled (forty-ninth review, F1). Here it is
    the same under any ASGI server."""

    def __init__(self, app: ASGIApp, *, proxies: list[str]) -> None:
        self.app = app
        self.any_peer = "*" in proxies
        self.networks = tuple(ipaddress.ip_network(p, strict=False)
                              for p in proxies if p != "*")

    def listed(self, host: str) -> bool:
        """Whether `host` is an address in one of the listed networks (`"*"` lists none)."""
        try:
            addr = ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            return False
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped  # a dual-stack socket's view of an IPv4 peer
        return any(addr in net for net in self.networks)

    def client(self, forwarded: list[str]) -> tuple[str, int] | None:
        """The client `forwarded` (X-Forwarded-For's entries, left to right) names."""
        hops = forwarded[-MAX_PROXY_HOPS:]
        for entry in reversed(hops):
            host, port = _host_port(entry)
            if not self.listed(host):
                return host, port
        return _host_port(hops[0]) if hops else None  # every one a proxy: the first

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        peer = scope.get("client")
        if scope["type"] == "http" and peer and (self.any_peer or self.listed(peer[0])):
            forwarded: list[str] = []
            proto = ""
            for name, value in scope["headers"]:
                if name.lower() == b"x-forwarded-for":
                    forwarded += [e.strip() for e in value.decode("latin-1").split(",")
                                  if e.strip()]
                elif name.lower() == b"x-forwarded-proto":
                    proto = value.decode("latin-1").rsplit(",", 1)[-1].strip().lower()
            client = self.client(forwarded)
            scope = {**scope,
                     **({"client": client} if client is not None else {}),
                     **({"scheme": proto} if proto in _FORWARDED_SCHEMES else {})}
        await self.app(scope, receive, send)


def _host_port(entry: str) -> tuple[str, int]:
    """`192.0.2.1`, `192.0.2.1:443`, `2001:db8::1` or `[2001:db8::1]:443`: host and port (0
    when none); anything else as it is, at most 64 characters."""
    host, port = entry, ""
    if entry.startswith("[") and "]" in entry:
        host, _, rest = entry[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif entry.count(":") == 1:
        host, _, port = entry.partition(":")
    return host[:64], int(port) if port.isdigit() and len(port) <= 5 else 0


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))


class AccessControl:
    """API keys and rate limits as an ASGI middleware, before any route (and for unknown paths
    too): the wrong-key throttle first (refused before any key is compared), then the key,
    then the caller's rate limit. The caller's identity goes to `request.state.identity`
    (service/deps.py `current_key`)."""

    def __init__(self, app: ASGIApp, *, keys: KeyChecker, limiter: RateLimiter,
                 failures: RateLimiter, on_refused: Callable[[str, int], None]) -> None:
        self.app = app
        self.keys = keys
        self.limiter = limiter
        self.failures = failures
        self.on_refused = on_refused

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._check(scope)
        if refusal is None:
            # the query cache is this client's own: a shared one told by its timing whether
            # another client had just asked the same question (review 49, F2)
            client = scope.get("client")
            caller = QUERY_CALLER.set(client_identity(
                scope["state"].get("identity"), client_bucket(client[0] if client else None)))
            try:
                await self.app(scope, receive, send)
            finally:
                QUERY_CALLER.reset(caller)
            return
        from service.guards import send_error

        status, message, headers = refusal
        await send_error(send, status, message, headers, scope.get("path", ""))

    def _check(self, scope: Scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        path: str = scope["path"]
        client = scope.get("client")
        ip = client_bucket(client[0] if client else None)
        auth = next((v.decode("latin-1") for k, v in scope["headers"]
                     if k.lower() == b"authorization"), None)
        if self.keys.checks(path, auth):
            wait = self.failures.wait(ip)
            if wait > 0:  # refused before any key is compared
                self.on_refused("auth_throttle", 429)
                return (429, "too many wrong API keys from this address; retry later",
                        [(b"retry-after", retry_after(wait).encode())])
        verdict = self.keys.check(scope["method"], path, auth)
        if verdict.wrong_key:
            self.failures.hit(ip)
        if verdict.status:
            headers = [(b"www-authenticate", b"Bearer")] if verdict.status == 401 else []
            return verdict.status, verdict.message, headers
        scope.setdefault("state", {})["identity"] = verdict.identity or None
        if path not in PUBLIC_PATHS:
            # a key's bucket is per client address too: a key in a widget's page is public,
            # and one visitor spending it must not make it 429 for every other (review 8)
            wait = self.limiter.hit(client_identity(verdict.identity or None, ip))
            if wait > 0:
                return (429, "rate limit exceeded; retry later",
                        [(b"retry-after", retry_after(wait).encode())])
        return None


# On every response, refusals by the guard included (SecurityHeaders): no content sniffing (a
# JSON body holding markup is never read as HTML or script), and no Referer sent from the
# service's pages (they link only to the service; its URLs can hold a question or a document
# id). `no-referrer` does not touch the `Origin` header of the widget's `fetch` writes, which
# the guard checks (cross-origin mode keeps it).
EVERY_RESPONSE = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"))
# What an HTML page's Content-Security-Policy holds at least (/docs and /redoc, which load
# Swagger UI and ReDoc from a CDN with inline scripts: no plugins, no <base> redirecting their
# relative URLs). The demo page at / has a strict policy of its own (service/widget.py).
HTML_CSP_FLOOR = (("object-src", "'none'"), ("base-uri", "'none'"))


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers` plus EVERY_RESPONSE's (unless set), and, on an HTML page, HTML_CSP_FLOOR's
    directives added to its policy (or a policy of them when it has none)."""
    out = list(headers)
    names = {bytes(k).lower() for k, _ in out}
    out += [(k, v) for k, v in EVERY_RESPONSE if k not in names]
    ctype = next((bytes(v) for k, v in out if bytes(k).lower() == b"content-type"), b"")
    if not ctype.lower().startswith(b"text/html"):
        return out
    at = next((i for i, (k, _) in enumerate(out) if bytes(k).lower()
               == b"content-security-policy"), None)
    policy = "" if at is None else bytes(out[at][1]).decode("latin-1")
    have = {d.strip().split(" ")[0].lower() for d in policy.split(";") if d.strip()}
    extra = "; ".join(f"{name} {value}" for name, value in HTML_CSP_FLOOR if name not in have)
    if extra:
        policy = f"{policy.rstrip('; ')}; {extra}" if policy.strip() else extra
        header = (b"content-security-policy", policy.encode("latin-1"))
        if at is None:
            out.append(header)
        else:
            out[at] = header
    return out


class SecurityHeaders:
    """Outermost: sets `with_security_headers` on every HTTP response, whoever answered it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message,
                           "headers": with_security_headers(list(message.get("headers", [])))}
            await send(message)

        await self.app(scope, receive, send_with_headers)
