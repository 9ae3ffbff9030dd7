"""Fetch web pages to ingest, without becoming a door into the private network.

A URL given to the service is fetched by the server: unchecked, `http://169.254.169.254/` or
`http://localhost:6379/` would read cloud credentials or poke internal services (server-side
request forgery). So every hop (the URL, then each redirect) is resolved once, every address
it resolves to is checked, and the connection goes to that checked address (the Host header
and TLS name stay the URL's): DNS cannot answer differently between check and connect.
Loopback, private, link-local, reserved and cloud-metadata addresses are refused unless
`fetch_allow_private` or `fetch_allow_hosts` (an intranet, the tests) lets them through.

What a client is told stays generic ("cannot fetch this page", "address not allowed"): "resolves
to a private address" against "cannot resolve", or "connection refused" against "no route to
host", would let it map the private network one URL at a time. The detail goes to the log.
Each page has one wall-clock deadline (name lookups, connect, headers and body together).
"""

from __future__ import annotations

import codecs
import hashlib
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from pathlib import Path
from typing import Any

import httpx

from rag.config import Settings
from rag.documents import Document
from rag.errors import RagError
from rag.loaders import LoadResult, Page, Skipped, TextBudget, load_paths, page_from_html
from rag.read_clock import ReadCancelled
from rag.socket_abort import Deadline
from rag.sources import path_without_secrets, redacted_url

log = logging.getLogger("rag.fetch")

MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})  # not 304 (Not Modified), nor 300
MAX_URL_CHARS = 2000
FETCH_THREADS = 4
# Name lookups in flight at once, all fetches together (the service fetches 2 x 4 pages at
# once, `WRITE_THREADS` x FETCH_THREADS): a lookup that hangs keeps its thread until the
# system resolver gives up, so this bounds the threads a dead resolver can hold.
LOOKUP_THREADS = 16
# Of those, the most one `load_sources` batch holds at once: a batch of 50 URLs whose names
# hang would otherwise take all LOOKUP_THREADS and fail every other request's fetches for as
# long as the resolver hangs. Its other fetches wait for one of its own slots.
LOOKUPS_PER_BATCH = 4
USER_AGENT = "rag-ingest/0.1 (+https://github.com/)"
CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# The Content-Encodings a page may come in, one layer at most, decoded by hand (`_Inflater`),
# with the zlib window bits of each; the only ones asked for (httpx's default adds br, zstd).
ENCODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16,
             "deflate": zlib.MAX_WBITS}
ACCEPT_ENCODING = "gzip, deflate"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Cloud instance metadata (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba, Oracle Cloud
# Classic): credentials live there.
METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.170.2", "192.0.0.192"))
# Special ranges `ipaddress` calls global: site-local (deprecated, still routed on some
# networks), the 6to4 relay anycast (deprecated), the new IPv6 documentation range, and the
# IETF protocol assignments (192.0.0.0/24: Python before 3.11.10 / 3.12.4 calls most of it
# global; thirty-ninth review, F2).
SPECIAL = {ipaddress.ip_network(n): why for n, why in (
    ("fec0::/10", "site-local"), ("192.88.99.0/24", "deprecated"),
    ("3fff::/20", "documentation"), ("192.0.0.0/24", "protocol assignments"))}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
# Codecs a page may declare: text encodings browsers know (Python's names). Not punycode,
# idna, unicode_escape or utf-7: they turn bytes into other text than they hold, or raise
# (a page declaring `charset=punycode` made the request a 500).
TEXT_CODECS = frozenset({
    "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
    "utf-32-be", "ascii", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874",
    "tis-620", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp",
    "shift_jis", "cp932", "euc_kr", "cp949",
    *(f"iso8859-{i}" for i in (*range(1, 12), *range(13, 17))),
    *(f"cp{i}" for i in range(1250, 1259))})
CANNOT_FETCH = "cannot fetch this page"
NOT_ALLOWED = "address not allowed"


class FetchRefused(RagError):
    """A URL the policy does not let the server fetch (the request is at fault: a 400).
    `detail`, for the log, may say more than the message."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail or message


class FetchError(Exception):
    """A fetch that failed (network, status, size, type); the URL is skipped with this.
    The message is what a client reads; `detail`, for the log, may name network facts."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()
    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = MAX_REDIRECTS
    verify: ssl.SSLContext | bool = True  # TLS certificate check (a test CA in the tests)

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(settings.fetch_allow_private, tuple(settings.fetch_allow_hosts),
                   settings.fetch_timeout, settings.fetch_max_bytes)

    def allows(self, host: str, ip: IPAddress, port: int | None = None) -> bool:
        """Listed by name (case-insensitive) or by an address range holding `ip`; an entry
        with a port ("wiki.intranet:8080", "10.1.2.3:443", "[fd00::1]:80") allows that port
        only (an entry without one, every port of the host: a redirect to its admin port
        too, twenty-fourth review F4)."""
        for raw in self.allow_hosts:
            entry, only = _entry_port(raw.strip().lower())
            if only is not None and only != port:
                continue
            if entry == host.lower().rstrip("."):
                return True
            try:
                if ip in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                continue
        return False


def _entry_port(entry: str) -> tuple[str, int | None]:
    """An allow entry and its port, if it names one ("host:8080", "[::1]:80"; an IPv6 range
    without brackets has none)."""
    m = re.fullmatch(r"\[([^\]]+)\]:(\d{1,5})|([^:\[\]]+):(\d{1,5})", entry)
    if m is None:
        return entry.strip("[]"), None
    return (m.group(1) or m.group(3)), int(m.group(2) or m.group(4))


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """Declared charset, else the page's <meta charset>, else UTF-8 (cp1252 if not);
        a declared codec that is no text encoding (`TEXT_CODECS`) is ignored."""
        names = [self.charset]
        m = _META_CHARSET.search(self.body[:4096])
        names.append(m.group(1).decode("ascii") if m else None)
        for name in [n for n in names if n]:
            codec = _text_codec(name)
            if codec is None:
                continue
            try:
                return self.body.decode(codec)
            except UnicodeError:
                continue
        try:
            return self.body.decode("utf-8-sig")
        except UnicodeDecodeError:
            return self.body.decode("cp1252", "replace")


def _text_codec(name: str) -> str | None:
    """Python's name of the codec `name` declares, when it is a text encoding pages use."""
    try:
        codec = codecs.lookup(name.strip()).name
    except (LookupError, ValueError, TypeError):
        return None
    return codec if codec in TEXT_CODECS else None


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source[:8].lower().startswith(("http://", "https://"))


def parse_url(url: str) -> httpx.URL:
    """An absolute http(s) URL with a host and no credentials; FetchRefused otherwise."""
    if len(url) > MAX_URL_CHARS:
        raise FetchRefused(f"URL longer than {MAX_URL_CHARS} characters")
    return _checked(_url_read(url, lambda: httpx.URL(url.strip())), url)


def redirect_url(current: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect's `Location` (as received, relative or not) leads from `current`,
    checked as `parse_url` checks a URL. Its length is checked before anything reads it, and
    it is joined by httpx, which percent-encodes it first: `urllib.parse.urljoin` on the raw
    header normalised (NFKC) a non-ASCII netloc, quadratic for runs of marks; a Location of
    33,000 U+0F73 in its userinfo (99 KB) cost 3.3 s of CPU holding the GIL, per URL
    (review 10b, N1)."""
    if len(location) > MAX_URL_CHARS:
        raise FetchRefused(f"redirect to a URL longer than {MAX_URL_CHARS} characters")
    # A refused redirect is not quoted to the client (the log has it): behind an allowed
    # intranet host, its Location can hold internal addresses, SSO tickets or a password
    # ("http://svc:S3cr3t@intranet/sso?ticket=..."; twenty-fourth review, F4).
    try:
        return _checked(_url_read(location, lambda: current.join(location.strip()),
                                  REDIRECT_REFUSED), location, REDIRECT_REFUSED)
    except FetchRefused as exc:
        raise FetchRefused(str(exc), f"redirect to {_short(location, unparsed=True)} "
                                      f"refused: {exc}") from None


REDIRECT_REFUSED = "redirect refused"
_MEDIA_TYPE = re.compile(r"[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,60}")


def _url_read(url: str, parse: Callable[[], httpx.URL], shown: str | None = None
              ) -> httpx.URL:
    """`parse()`'s URL; FetchRefused naming `url` (or `shown` instead, then without httpx's
    words on it) when httpx cannot read it."""
    try:
        return parse()
    except (httpx.InvalidURL, ValueError) as exc:
        # httpx's words are dropped when credentials were masked: they quote what it read
        # as the host or port, a part of the password ("Invalid port: 'pa'")
        name = _short(url, unparsed=True)
        why = ("credentials in URLs are not accepted"
               if _credentials(url, unparsed=True) is not None else str(exc))
        if shown is not None:
            raise FetchRefused(f"{shown}: not a valid URL", f"{name}: {why}") from None
        raise FetchRefused(f"{name}: not a valid URL ({why})") from None


def _checked(parsed: httpx.URL, url: str, shown: str | None = None) -> httpx.URL:
    """`parsed` (read from `url`) without its fragment, if it is an http(s) URL with a host
    (one whose `xn--` labels decode) and no credentials. Refusals name `url`, or `shown`."""
    name = _short(url) if shown is None else shown
    if parsed.scheme not in ("http", "https"):
        raise FetchRefused(f"{name}: only http and https URLs can be fetched")
    try:
        # httpx decodes an `xn--` label when `.host` is read: an invalid one (`xn--localhost`)
        # raises idna's errors (UnicodeError), which no caller caught: a 500 with a traceback,
        # the batch lost (review 15, F1). Read here once, every later read of it succeeds.
        host = parsed.host
    except UnicodeError:
        raise FetchRefused(
            f"{name}: not a valid URL (bad international domain name)") from None
    if not host:  # (read loosely: "http:user:s3cret@host" has none, and its password)
        raise FetchRefused(f"{_short(url, unparsed=True) if shown is None else shown}: "
                           "the URL has no host")
    if parsed.userinfo:
        raise FetchRefused(f"{name}: credentials in URLs are not accepted")
    return parsed.copy_with(fragment=None)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


# Where a URL's authority starts: after "scheme://", or "//" in a scheme-relative redirect
_AUTHORITY = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//")
# ... and, in a URL not read, after "scheme:" and any slashes: "http:user:s3cret@host",
# "http:/user:s3cret@host/" (diff review 46: quoted whole in "the URL has no host")
_LOOSE_AUTHORITY = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:[\\/]*")


def _credentials(url: str, unparsed: bool = False) -> tuple[int, int] | None:
    """Where the credentials `_short` masks in `url` start and end (at their "@"), if any."""
    start = _AUTHORITY.match(url) or (_LOOSE_AUTHORITY.match(url) if unparsed else None)
    if start is None:
        return None
    end = min((i for i in (url.find(c, start.end()) for c in "/?#") if i >= 0),
              default=len(url))
    at = url.rfind("@", start.end(), end)
    if unparsed:
        # A URL httpx could not read: its authority may not end where RFC 3986 says.
        # "http://user:pa/ss@host/" (a "/" in the password) ends at "/" for the rule above,
        # read "pa" as a port, and was quoted back whole (review 45 follow-up). A ":" before
        # the last "@" is taken for "user:password": all up to that "@" is masked (a "@" in a
        # path without a ":" before it, "https://medium.com/@user", is still no credential).
        last = url.rfind("@", start.end())
        if last > at and ":" in url[start.end():last]:
            at = last
    return (start.end(), at) if at >= 0 else None


def _short(url: str, unparsed: bool = False) -> str:
    """`url` as a message may quote it: its credentials masked (a refused
    "http://user:s3cret@host/" was quoted back whole, review 45 N1), everything up to the last
    "@" of its authority, in a scheme-relative redirect too ("//svc:S3cr3t@intranet/": diff
    review 45; a "@" in the path, "https://medium.com/@user", is no credential), cut at 120
    characters. `unparsed`: `url` is one httpx could not read (or did not: not http(s)), its
    authority unknown: up to its last "@" when a ":" comes before it (`_credentials`)."""
    masked = _credentials(url, unparsed)
    if masked is not None:
        url = url[:masked[0]] + "***" + url[masked[1]:]
    return url if len(url) <= 120 else url[:117] + "..."


def _a(kind: str) -> str:
    """`kind` after its article: "a loopback", "an unspecified" (not "a unspecified")."""
    return f"{'an' if kind[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {kind}"


def address_problem(ip: IPAddress) -> str | None:
    """Why the server must not connect to `ip` by default, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:  # ::ffff:127.0.0.1 is 127.0.0.1
            return address_problem(embedded)
    if ip in METADATA:
        return "cloud metadata"
    for network, why in SPECIAL.items():
        if ip in network:
            return why
    for name in ("unspecified", "loopback", "link_local", "private", "multicast", "reserved"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:  # 100.64.0.0/10 (carrier NAT), 192.0.0.0/24, ...
        return "non-public"
    return None


@dataclass(slots=True)
class _Answer:
    """What a lookup's thread hands back (read once `done` is set)."""
    addresses: list[str] = field(default_factory=list)
    error: Exception | None = None
    done: threading.Event = field(default_factory=threading.Event)


class _Lookups:
    """Name lookups that end by a deadline, in a bounded number of threads.
    `socket.getaddrinfo` takes no timeout and cannot be interrupted: a resolver that did not
    answer held a fetch (and its request's worker thread) for the system resolver's own
    retries, far past the page's deadline. Each lookup runs in a daemon thread (one left
    hanging never holds up the interpreter's exit) and the fetch waits only for the time it
    has left. A lookup given up on keeps its slot until the resolver answers, so however many
    hang at most `limit` threads do; a fetch that finds no slot free within its time fails
    as a lookup that took too long does. A `batch` (one `load_sources` call's
    `LookupBatch`) is a second, smaller bound: its slot too is held until the resolver
    answers, so one batch of names that hang cannot take every thread."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit)

    def addresses(self, host: str, port: int, seconds: float,
                  batch: LookupBatch | None = None) -> list[str]:
        """The addresses `host` resolves to (zone index dropped); TimeoutError when the
        answer does not come within `seconds`, the resolver's own error when it fails."""
        end = time.monotonic() + seconds
        if batch is not None and not batch.slots.acquire(timeout=max(seconds, 0.0)):
            raise TimeoutError(f"all {batch.limit} lookup threads of this batch busy for "
                               f"{seconds:.3g} s")
        try:
            if not self._slots.acquire(timeout=max(end - time.monotonic(), 0.0)):
                raise TimeoutError(f"all {self.limit} lookup threads busy for {seconds:.3g} s")
        except BaseException:
            if batch is not None:
                batch.slots.release()
            raise

        def release() -> None:
            self._slots.release()
            if batch is not None:
                batch.slots.release()

        answer = _Answer()

        def run() -> None:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
                answer.addresses = [str(info[4][0]).split("%")[0] for info in infos]
            except Exception as exc:  # raised again in the caller
                answer.error = exc
            finally:
                release()
                answer.done.set()

        try:
            threading.Thread(target=run, name=f"rag-lookup {host[:60]}", daemon=True).start()
        except BaseException:  # no thread (the system's limit): the slots were never used
            release()
            raise
        if not answer.done.wait(max(end - time.monotonic(), 0.0)):
            raise TimeoutError(f"no answer within {seconds:.3g} s")
        if answer.error is not None:
            raise answer.error
        return answer.addresses


class LookupBatch:
    """The lookup slots one batch of fetches shares (`LOOKUPS_PER_BATCH`), on top of the
    global `LOOKUP_THREADS`."""

    def __init__(self, limit: int = LOOKUPS_PER_BATCH) -> None:
        self.limit = limit
        self.slots = threading.BoundedSemaphore(limit)


_LOOKUPS = _Lookups(LOOKUP_THREADS)


def resolve(url: httpx.URL, policy: FetchPolicy, seconds: float | None = None,
            batch: LookupBatch | None = None) -> list[IPAddress]:
    """The checked addresses to connect to for `url`: every address the host resolves to
    must pass (one bad answer among good ones is refused too). An address written in the URL
    that is refused is a FetchRefused saying what kind it is (the URL already shows it). A
    name that resolves to a refused address is a FetchError reading exactly as a name that
    does not resolve: told apart, a client would learn which internal names exist; the
    detail is for the log. A name's lookup may take `seconds` (the fetch's time left;
    `policy.timeout` when None): one that takes longer reads as one that fails. `batch`
    bounds the lookup slots the fetches of one batch hold together."""
    host = url.host
    port = url.port or (443 if url.scheme == "https" else 80)
    literal = _literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        wait = policy.timeout if seconds is None else seconds
        try:
            found = _LOOKUPS.addresses(host, port, wait, batch)
            addresses = list(dict.fromkeys(ipaddress.ip_address(a) for a in found))
        except TimeoutError as exc:
            raise FetchError(CANNOT_FETCH, f"cannot resolve {host} in time ({exc})") from None
        except (socket.gaierror, UnicodeError, OSError, ValueError) as exc:
            raise FetchError(CANNOT_FETCH, f"cannot resolve {host} ({exc})") from None
    if not addresses:
        raise FetchError(CANNOT_FETCH, f"cannot resolve {host}")
    for ip in addresses:
        problem = address_problem(ip)
        if problem is None or policy.allows(host, ip, port):
            continue
        if problem != "cloud metadata" and policy.allow_private:
            continue
        guard = ("server-side request forgery guard; RAG_FETCH_ALLOW_HOSTS or "
                 "RAG_FETCH_ALLOW_PRIVATE allow it")
        if literal is not None:
            raise FetchRefused(f"{_short(str(url))}: {NOT_ALLOWED} ({host} is "
                               f"{_a(problem)} address; {guard})")
        raise FetchError(CANNOT_FETCH, f"refused: {host} resolves to {ip}, {_a(problem)} "
                         f"address ({guard})")
    return addresses


# IPv4 as inet_aton reads it, which the system resolver accepts: "127.1", "2130706433",
# "0x7f000001", "0177.0.0.1" (one to four parts, decimal, octal or hex)
_SHORT_IPV4 = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\.?",
                         re.IGNORECASE)


def _literal(host: str) -> IPAddress | None:
    """The address written as the URL's host, or None for a name. A shorthand IPv4
    ("http://127.1/") is an address too: read as a name, the resolver answered 127.0.0.1 and
    the refusal read "cannot fetch this page" instead of naming the address (review 45 N2)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if len(host) <= 64 and _SHORT_IPV4.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host.removesuffix(".")))
        except OSError:
            return None
    return None


def check_url(url: str, policy: FetchPolicy, lookup: bool = True) -> httpx.URL:
    """Parse and check a URL before anything is fetched (the same check runs at each hop).
    Without `lookup` only an address written in the URL is checked, a name is not resolved."""
    parsed = parse_url(url)
    if lookup or _literal(parsed.host) is not None:
        resolve(parsed, policy)
    return parsed


class _Deadline(Deadline):
    """One wall-clock deadline for a whole fetch. httpx's timeouts count each read apart, so
    a server sending a header line every 2 s held a 10 s fetch for 24 s (or for ever): when
    time is up this shuts the fetch's sockets down (`SocketAbort`, caught at connect through
    httpcore's trace hook), which wakes a blocked read at once; the fetch then reports the
    timeout."""

    def left(self) -> float:
        """Seconds left; FetchError once none are."""
        left = super().left()
        if left <= 0 or self.expired:
            raise self.error()
        return left

    def error(self) -> FetchError:
        return FetchError(f"timed out after {self.seconds:g} s")


def fetch(url: str, policy: FetchPolicy, etag: str | None = None,
          last_modified: str | None = None, batch: LookupBatch | None = None) -> Fetched:
    """GET a page: redirects followed by hand (each hop checked), a size cap while the body
    streams, one deadline for each hop's name lookup, connect, headers and body
    (`_Deadline`), html/xhtml/plain text only. A 304 (the validators sent match) comes back
    as `not_modified`. Name lookups share `batch`'s slots (`LookupBatch`) when given."""
    current = parse_url(url)
    headers = {"user-agent": USER_AGENT,
               "accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
               "accept-encoding": ACCEPT_ENCODING}
    if etag:
        headers["if-none-match"] = etag
    if last_modified:
        headers["if-modified-since"] = last_modified
    with _Deadline(policy.timeout) as deadline, httpx.Client(
            trust_env=False, follow_redirects=False, verify=policy.verify) as client:
        for hop in range(policy.max_redirects + 1):
            try:
                addresses = resolve(current, policy, deadline.left(), batch)
            except FetchRefused as exc:
                if not hop:
                    raise
                # (a redirect's target is not quoted: it may hold an internal address and
                # a ticket, "http://10.1.2.3/sso?ticket=..."; closing review H3)
                kind = re.search(r"\bis an? ([a-z -]+?) address", str(exc))
                raise FetchRefused(
                    f"{REDIRECT_REFUSED}: {NOT_ALLOWED}"
                    + (f" ({_a(kind.group(1))} address)" if kind else ""),
                    f"redirect to {_short(str(current))}: {exc.detail}") from None
            try:
                response = _send(client, current, addresses, headers, deadline)
                try:
                    if response.status_code in REDIRECTS:
                        location = response.headers.get("location", "")
                        if not location:
                            raise FetchError(f"HTTP {response.status_code} without a Location")
                        current = redirect_url(current, location)
                        continue
                    return _read(response, str(current), policy, deadline)
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise deadline.error() from None
            except httpx.HTTPError as exc:
                if deadline.expired:
                    raise deadline.error() from None
                raise FetchError(CANNOT_FETCH, f"{type(exc).__name__}: {exc}") from None
            except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
                # httpx reads a redirect's Location as it answers: "http:x" or "http:\\h\p"
                # raises InvalidURL, no HTTPError (the whole batch was a 500)
                raise FetchError(CANNOT_FETCH, f"{type(exc).__name__}: {exc}") from None
    raise FetchError(f"more than {policy.max_redirects} redirects")


def _send(client: httpx.Client, url: httpx.URL, addresses: list[IPAddress],
          headers: dict[str, str], deadline: _Deadline) -> httpx.Response:
    """The response (body not read) from the first checked address that takes the
    connection; the URL's own name goes in the Host header and, for https, in the TLS SNI
    and certificate check. Each attempt gets only what is left of the deadline."""
    extensions: dict[str, Any] = {"trace": deadline.trace}
    if url.scheme == "https":
        extensions["sni_hostname"] = url.host
    failed: httpx.ConnectError | None = None
    for ip in addresses:
        left = deadline.left()
        request = client.build_request(
            "GET", url.copy_with(host=str(ip)), extensions=extensions,
            headers={**headers, "host": url.netloc.decode("ascii")},
            timeout=httpx.Timeout(left, connect=min(left, 5.0)))
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError as exc:  # e.g. ::1 first, the server on 127.0.0.1 only
            failed = exc
    assert failed is not None
    raise failed


def _read(response: httpx.Response, url: str, policy: FetchPolicy,
          deadline: _Deadline) -> Fetched:
    got = Fetched(url, response.status_code, etag=response.headers.get("etag"),
                  last_modified=response.headers.get("last-modified"))
    if response.status_code == 304:
        return got
    if response.status_code != 200:  # the status's own phrase, not the server's: its reason
        # phrase is any text it likes ("500 token=... at http://10.1.2.3/admin"; F4)
        raise FetchError(f"HTTP {response.status_code} {_phrase(response.status_code)}".strip(),
                         f"HTTP {response.status_code} {response.reason_phrase}".strip())
    ctype = response.headers.get("content-type", "")
    got.content_type = ctype.split(";")[0].strip().lower()
    if got.content_type not in CONTENT_TYPES:  # quoted only when it reads as a media type
        shown = (f" {got.content_type!r}" if _MEDIA_TYPE.fullmatch(got.content_type)
                 else " none" if not got.content_type else "")
        raise FetchError(f"unsupported content type{shown} (HTML or plain text only)",
                         f"unsupported content type {ctype!r}")
    got.charset = response.charset_encoding
    inflater = _inflater(response.headers.get_list("content-encoding", split_commas=True))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"page larger than {policy.max_bytes} bytes ({declared})")
    body = bytearray()
    received = 0  # as sent: the encoded body counts against the cap too
    for piece in response.iter_raw():
        received += len(piece)
        if inflater is not None:
            piece = inflater.inflate(piece, policy.max_bytes - len(body))
        body += piece
        if len(body) > policy.max_bytes or received > policy.max_bytes:
            raise FetchError(f"page larger than {policy.max_bytes} bytes")
        deadline.left()
    if deadline.expired:  # a body without a length ends where the deadline cut it
        raise deadline.error()
    got.body = bytes(body)
    return got


def _inflater(encodings: list[str]) -> _Inflater | None:
    """The decoder of a body's Content-Encoding, None for none; FetchError for anything but
    one layer of gzip or deflate: layers stacked multiply a bomb's ratio, and br or zstd
    (which httpx would decode without a bound) are not asked for."""
    layers = [e.strip().lower() for e in encodings if e.strip().lower() not in ("", "identity")]
    if not layers:
        return None
    if len(layers) > 1 or layers[0] not in ENCODINGS:
        raise FetchError("unsupported content encoding (one layer of gzip or deflate only)",
                         f"Content-Encoding {_short(', '.join(encodings))!r}")
    return _Inflater(layers[0])


class _Inflater:
    """One gzip or deflate layer, decoded with a bound on what comes out. httpx's
    `iter_bytes` inflated each network chunk whole, through every layer, before the size cap
    could look, and the deadline cannot interrupt it: 3.5 KB of gzip inside gzip made 2 GiB
    of zeros (13 s and 4 GB of memory for one page). Here each chunk gives at most one byte
    more than the page has room for, so a bomb stops at the cap."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib = zlib.decompressobj(ENCODINGS[encoding])
        self._started = False

    def inflate(self, data: bytes, room: int) -> bytes:
        """Up to `room + 1` bytes decoded from `data`: past `room` the page is too large and
        the rest is never decoded. Short of it, zlib holds nothing back (no flush needed)."""
        first, self._started = not self._started, True
        try:
            return self._zlib.decompress(data, room + 1)
        except zlib.error as exc:
            if first and self.encoding == "deflate":  # raw deflate, without the zlib header
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.inflate(data, room)
            raise FetchError(CANNOT_FETCH, f"bad {self.encoding} body: {exc}") from None


def url_doc_id(url: str) -> str:
    """Stable id of a URL's document: readable host and path, and a short hash of the whole
    URL (query included) so two URLs never share an id, but for the values of the parameters
    that hold credentials (`redacted_url`): an SSO ticket or a session, which would be read
    back from the hash of a short one, names no other page (security review 53, N1). The
    readable part has no such `;` path parameter at all (`/app;jsessionid=...`: review 54,
    F3); a URL without one keeps the id it had."""
    parsed = parse_url(url)
    digest = hashlib.sha256(redacted_url(str(parsed)).encode()).hexdigest()[:8]
    raw_path = parsed.raw_path.decode("ascii", "replace").partition("?")[0]
    kept = path_without_secrets(raw_path)
    shown = parsed.path if kept == raw_path else parsed.copy_with(raw_path=kept.encode()).path
    path = re.sub(r"[^A-Za-z0-9._~/-]+", "-", shown).strip("/-")
    slug = f"{parsed.host}/{path}".rstrip("/")[:150]
    return f"{slug}-{digest}"


@dataclass(slots=True)
class _Outcome:
    url: str
    item: Page | Document | Skipped
    previous: Document | None = None


def _fetch_unless(url: str, policy: FetchPolicy, previous: Callable[[str], Document | None],
                  batch: LookupBatch, cancelled: Callable[[], bool] | None) -> _Outcome:
    if cancelled is not None and cancelled():
        return _Outcome(url, Skipped(url, "cancelled"))
    return _fetch_one(url, policy, previous, batch)


def _fetch_one(url: str, policy: FetchPolicy, previous: Callable[[str], Document | None],
               batch: LookupBatch | None = None) -> _Outcome:
    doc_id = url_doc_id(url)
    before = previous(doc_id)
    meta = before.metadata if before is not None else {}
    etag = meta.get("etag") if isinstance(meta.get("etag"), str) else None
    since = meta.get("last_modified") if isinstance(meta.get("last_modified"), str) else None
    try:
        got = fetch(url, policy, etag, since, batch)
        if got.not_modified and before is None:
            got = fetch(url, policy, batch=batch)  # a 304 we did not ask for: fetch it whole
    except (FetchError, FetchRefused) as exc:
        if exc.detail != str(exc):
            log.warning("skipped %s: %s", _short(url), exc.detail)
        return _Outcome(url, Skipped(url, str(exc)))
    except Exception:  # a bug or a library's surprise: this page only, never the batch
        log.exception("skipped %s: unexpected error", _short(url))
        return _Outcome(url, Skipped(url, CANNOT_FETCH))
    if got.not_modified and before is not None:
        return _Outcome(url, before, before)
    extra = {k: v for k, v in (("etag", got.etag), ("last_modified", got.last_modified)) if v}
    text = got.text()
    # The page is named without the credentials its URL (or the one it was redirected to) may
    # carry: every API key reads a document's source, and its citations (security review 53,
    # N1). It was fetched with them.
    source = redacted_url(url)
    if got.content_type == "text/plain":
        page = Page(doc_id, text.replace("\r\n", "\n"), source)
    else:
        try:
            page = page_from_html(text, doc_id, source)
        except Exception as exc:  # _Skip (no main text) or a parser failure on this page
            return _Outcome(url, Skipped(url, str(exc) or type(exc).__name__))
    page.metadata = {**page.metadata, "url": redacted_url(got.url), **extra}
    return _Outcome(url, page, before)


def load_sources(sources: Iterable[str | Path], policy: FetchPolicy,
                 previous: Callable[[str], Document | None] = lambda _: None,
                 budget: TextBudget | None = None,
                 cancelled: Callable[[], bool] | None = None) -> LoadResult:
    """Files, folders and http(s) URLs as one batch (cleaning sees the fetched pages with the
    files). Every URL is checked before anything is fetched: FetchRefused for the first one
    refused by its syntax or its address literal. A URL that fails later (a name that does
    not resolve or resolves to a refused address, network, status, size, a redirect that is
    refused) is skipped with the reason. `previous(doc_id)` is what the index holds: its ETag and
    Last-Modified are sent back, and a 304 or the same text keeps it unchanged. The batch's
    name lookups hold at most LOOKUPS_PER_BATCH of the shared lookup threads. Once
    `cancelled()` says so (the client hung up), no further page is fetched and ReadCancelled
    ends the batch (50 slow URLs held a write slot 125 s after their client had gone)."""
    items = list(sources)
    urls = list(dict.fromkeys(str(s).strip() for s in items if is_url(s)))
    for url in urls:  # names are resolved when fetched, within each page's deadline
        check_url(url, policy, lookup=False)
    outcomes: list[_Outcome] = []
    if urls:
        batch = LookupBatch()
        with ThreadPoolExecutor(max_workers=min(FETCH_THREADS, len(urls))) as pool:
            outcomes = list(pool.map(lambda u: _fetch_unless(u, policy, previous, batch,
                                                             cancelled), urls))
    if cancelled is not None and cancelled():
        raise ReadCancelled("the client went away")
    result = load_paths([s for s in items if not is_url(s)], [o.item for o in outcomes],
                        budget=budget)
    before = {o.previous.id: o.previous for o in outcomes if o.previous is not None}
    result.documents = [_keep_unchanged(d, before.get(d.id)) for d in result.documents]
    return result


def _keep_unchanged(doc: Document, before: Document | None) -> Document:
    """The stored document when a re-fetch gave the same text and title (a new ETag alone
    must not re-embed a page), so the ingest counts it unchanged."""
    if before is not None and before.text == doc.text and before.title == doc.title:
        return replace(before, dropped_lines=doc.dropped_lines)
    return doc


def check_urls(urls: Any) -> list[str]:
    """A request's `urls` field: a non-empty list of http(s) URL strings (ValueError)."""
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise ValueError('expected {"urls": ["https://...", ...]}: a list of URL strings')
    for i, u in enumerate(urls):
        if not is_url(u):
            raise ValueError(f"urls[{i}] {_short(u, unparsed=True)!r}: only http and https URLs "
                             "can be fetched")
    return list(urls)
