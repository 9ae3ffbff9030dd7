"""What the guard in front of every route refuses (issue 14): cross-site writes, untrusted Host
headers, unknown methods, bodies over their limit however they are sent, slow clients, and key
guessing. Real uvicorn servers; raw sockets where a client library would not send the request."""

from __future__ import annotations

import random
import select
import socket
import string
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from prometheus_client.parser import text_string_to_metric_families

from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.app import create_app
from service.guards import default_trusted_hosts, host_allowed, host_name, same_origin
from service.server import deadline_protocol, server_options
from service.settings import ServiceSettings
from tests.service.conftest import Service, free_port


def _readable(sock: object, timeout: float) -> bool:
    """`select.select([sock], [], [], timeout)[0]` without select's 1,024-descriptor ceiling
    (a long test session's descriptors pass it): poll, any event counting as readable."""
    poller = select.poll()
    poller.register(sock, select.POLLIN | select.POLLPRI | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(max(0.0, timeout) * 1000))

def endless_headers(sock: socket.socket, limit: int = 16 * 1024 * 1024) -> tuple[bool, int]:
    """Send header lines after an unfinished head until the server cuts the connection (or
    `limit` bytes): whether it did, and how many bytes went."""
    sent = 0
    while sent < limit:
        try:
            if _readable(sock, 0):
                return True, sent
            sock.sendall(b"x-pad: " + b"a" * 8000 + b"\r\n")
            sent += 8009
        except OSError:
            return True, sent
    return False, sent


EVIL = "https://evil.example"
PLANTED = b"Le document plant\xc3\xa9 : la tour Eiffel mesure 12 m\xc3\xa8tres.\n"


def _port(svc: Service) -> int:
    return int(svc.url.rsplit(":", 1)[1])


def _doc_ids(svc: Service) -> set[str]:
    return {d["doc_id"] for d in svc.client.get("/documents").json()}


def _read_response(sock: socket.socket) -> tuple[int, bytes]:
    """Status and body of one HTTP/1.1 response with a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(v) for k, _, v in (ln.partition(":") for ln in lines[1:])
                  if k.strip().lower() == "content-length")
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed mid-body"
        body += chunk
    return int(lines[0].split()[1]), body[:length]


def _send_chunked(port: int, head: str, chunks: Iterator[bytes]) -> tuple[int, bytes, int]:
    """Send `head`, then `chunks` with chunked encoding (no Content-Length), looking for an
    answer before each chunk and stopping as soon as there is one: (status, body, bytes sent)."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(head.encode())
        sent = 0
        for chunk in chunks:
            if _readable(sock, 0):
                break
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
        else:
            sock.sendall(b"0\r\n\r\n")
        status, body = _read_response(sock)
    return status, body, sent


def _head(port: int, method: str, path: str, ctype: str) -> str:
    return (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {ctype}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n")


# ---- cross-site writes and Host -------------------------------------------------------------


def test_cross_site_writes_are_refused_same_origin_and_cli_work(
    small_service: Callable[..., Service],
) -> None:
    svc = small_service()
    c = svc.client
    files = {"files": ("evil.txt", PLANTED, "text/plain")}
    before = _doc_ids(svc)
    for headers in ({"origin": EVIL}, {"sec-fetch-site": "cross-site"},
                    {"origin": "null"}, {"origin": EVIL, "sec-fetch-site": "same-origin"},
                    # no browser sends a path in an Origin (loopback review, N1)
                    {"origin": f"{svc.url}/x"}, {"origin": f"{svc.url}/"}):
        r = c.post("/documents", files=files, headers=headers)
        assert r.status_code == 403, (headers, r.text)
        assert "RAG_CORS_ORIGINS" in r.json()["error"]
    r = c.post("/documents", json={"documents": [{"id": "evil", "text": "Planté."}]},
               headers={"origin": EVIL, "content-type": "text/plain"})
    assert r.status_code == 403  # whatever the content type
    assert c.delete("/documents/astro", headers={"origin": EVIL}).status_code == 403
    assert c.post("/ask", json={"question": "Etna ?"},
                  headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert _doc_ids(svc) == before  # nothing was planted or deleted
    # Reads from anywhere still work (CORS decides what a page may see), and so do writes from
    # the service's own pages and from clients that are not browsers.
    assert c.get("/search", params={"q": "Etna"}, headers={"origin": EVIL}).status_code == 200
    same = c.post("/documents", files={"files": ("mine.txt", PLANTED, "text/plain")},
                  headers={"origin": svc.url, "sec-fetch-site": "same-origin"})
    assert same.status_code == 200, same.text
    cli = c.post("/documents", files={"files": ("cli.txt", PLANTED, "text/plain")})
    assert cli.status_code == 200, cli.text
    assert {"mine", "cli"} <= _doc_ids(svc)


def test_an_allowed_cors_origin_may_write(small_service: Callable[..., Service]) -> None:
    site = "https://widget.example"
    svc = small_service(cors_origins=[site])
    c = svc.client
    r = c.post("/ask", json={"question": "Quel volcan est entré en éruption ?"},
               headers={"origin": site, "sec-fetch-site": "cross-site"})
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == site
    assert c.post("/ask", json={"question": "Etna ?"},
                  headers={"origin": EVIL}).status_code == 403


def test_untrusted_host_header_is_refused(small_service: Callable[..., Service]) -> None:
    svc = small_service()
    c = svc.client
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example"):
        for path in ("/search?q=Etna", "/health", "/documents"):
            r = c.get(path, headers={"host": host})
            assert r.status_code == 400, (host, path)
            assert r.json()["error"].startswith("untrusted Host header")
    for host in ("localhost", f"localhost:{_port(svc)}", f"[::1]:{_port(svc)}"):
        assert c.get("/search", params={"q": "Etna"}, headers={"host": host}).status_code == 200
    # a Host no browser sends: userinfo, a path, a port not all digits (security review 58 N1)
    for host in (f"127.0.0.1:{_port(svc)}@evil.example", f"127.0.0.1:{_port(svc)}/x",
                 "127.0.0.1:evil", f"[::1]:{_port(svc)}@evil.example"):
        assert c.get("/health", headers={"host": host}).status_code == 400, host

    named = small_service(trusted_hosts=["rag.example.org", "*.internal.example"])
    for host, status in (("rag.example.org:8000", 200), ("api.internal.example", 200),
                         ("127.0.0.1", 400), ("evil.example", 400)):
        assert named.client.get("/health", headers={"host": host}).status_code == status, host

    # configured for a wildcard bind (the test server itself listens on loopback only): a
    # rebinding page's name is refused, reads and writes alike; addresses are answered
    wild = small_service(host="0.0.0.0")
    for host, status in (("evil.example", 400), ("evil.example:8000", 400),
                         ("10.0.0.1:8000", 200), ("[fe80::1]:8000", 200), ("localhost", 200)):
        assert wild.client.get("/health", headers={"host": host}).status_code == status, host
    r = wild.client.post("/documents", json={"documents": [{"id": "x", "text": "Piège."}]},
                         headers={"host": "evil.example:8000",
                                  "origin": "http://evil.example:8000"})
    assert r.status_code == 400 and r.json()["error"].startswith("untrusted Host header")


def test_trusted_host_defaults_and_origin_parsing() -> None:
    assert default_trusted_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert default_trusted_hosts("::1") == default_trusted_hosts("localhost")
    wildcard = default_trusted_hosts("0.0.0.0")
    assert wildcard is not None and wildcard == default_trusted_hosts("::")
    # a wildcard bind answers to any address and its own names, not to a rebinding name
    for host, ok in (("10.0.0.1", True), ("fe80::1", True), ("localhost", True),
                     (socket.gethostname().lower(), True), ("evil.example", False),
                     ("127.0.0.1.nip.io", False)):
        assert host_allowed(host, wildcard) is ok, host
    assert default_trusted_hosts("10.0.0.5") == {"10.0.0.5", "127.0.0.1", "localhost", "::1"}
    assert host_name("[::1]:8000") == "::1" and host_name("Example.ORG:80") == "example.org"
    assert host_name("127.0.0.1:８０") == "" and host_name("[::1]:８０") == ""
    assert same_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert same_origin("https://rag.example.org", "rag.example.org:443")
    assert not same_origin("http://127.0.0.1:9000", "127.0.0.1:8000")
    assert not same_origin("null", "127.0.0.1:8000")
    # an origin is scheme://host[:port], nothing more (loopback review, N1)
    assert same_origin("HTTP://127.0.0.1:8000", "127.0.0.1:8000")
    for origin in ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/", "http://127.0.0.1:8000?",
                   "http://127.0.0.1:8000#x", "http://u@127.0.0.1:8000"):
        assert not same_origin(origin, "127.0.0.1:8000"), origin


# ---- metrics from a closed label set --------------------------------------------------------


def _series(text: str) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    return {(s.name, tuple(sorted(s.labels.items())))
            for fam in text_string_to_metric_families(text) for s in fam.samples}


def test_unknown_methods_are_405_and_add_no_metric_series(
    small_service: Callable[..., Service],
) -> None:
    svc = small_service(docs_pages=True)
    c = svc.client
    assert c.get("/docs").status_code == 200 and c.get("/openapi.json").status_code == 200
    assert c.request("PUT", "/search").status_code == 405  # the refusal counter's own series
    c.get("/metrics")  # and /metrics its own
    before = _series(c.get("/metrics").text)
    rng = random.Random(14)
    paths = ["/search", "/ask", "/nowhere", "/documents"]
    answers = []
    for _ in range(1000):
        name = "".join(rng.choices(string.ascii_uppercase, k=rng.randint(8, 200)))
        answers.append(c.request(name, rng.choice(paths)))
    # Methods HTTP parsers know but the service does not serve reach the guard under any server.
    known = [c.request(m, p) for m in ("PUT", "PATCH", "TRACE", "PROPFIND", "MKCOL")
             for p in paths]
    after = c.get("/metrics").text
    assert len(_series(after) - before) == 0
    # Unknown tokens: the guard's 405, or uvicorn's 400 when its httptools parser rejects them.
    assert {r.status_code for r in answers} <= {400, 405}
    for r in [*known, *(r for r in answers if r.status_code == 405)]:
        assert r.status_code == 405 and r.json()["error"] == "method not allowed"
        assert "POST" in r.headers["allow"]
    assert len(after) < 64 * 1024
    # Documentation routes count under their own path, unknown paths under "unmatched".
    assert 'route="/docs"' in after and 'route="/openapi.json"' in after
    assert 'reason="method"' in after


# ---- body limits as the bytes arrive --------------------------------------------------------


def test_chunked_body_over_the_limit_is_cut_early(small_service: Callable[..., Service]) -> None:
    svc = small_service()
    total = 30 * 1024 * 1024

    def body() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(total // 65536):
            yield b"a" * 65536

    status, answer, sent = _send_chunked(_port(svc), _head(_port(svc), "POST", "/ask",
                                                           "application/json"), body())
    assert status == 413, answer
    assert b"request body over" in answer
    assert sent < 20 * 1024 * 1024, f"the server read {sent} bytes before answering"
    # The connection was drained, not the service: it still answers.
    assert svc.client.get("/search", params={"q": "Etna"}).status_code == 200


def test_chunked_multipart_over_the_limit_is_413(small_service: Callable[..., Service]) -> None:
    svc = small_service(max_upload_bytes=64 * 1024)
    before = _doc_ids(svc)
    boundary = "hardeningboundary"

    parts = []
    for i in range(200):  # each part under max_upload_bytes, 4 MB in all
        parts.append((f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                      f"filename=\"part{i}.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode())
        parts.append(b"mot " * 5000 + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    total = sum(len(p) for p in parts)
    head = _head(_port(svc), "POST", "/documents", f"multipart/form-data; boundary={boundary}")
    status, answer, sent = _send_chunked(_port(svc), head, iter(parts))
    assert status == 413, answer
    assert b"request body over 65536 bytes" in answer  # the configured limit, not with framing
    assert sent < total
    assert _doc_ids(svc) == before


def test_content_length_over_the_route_limit_is_refused_unread(
    small_service: Callable[..., Service],
) -> None:
    svc = small_service(max_request_bytes=4096)
    r = svc.client.post("/ask", json={"question": "Etna ?", "history": [
        {"role": "user", "content": "x" * 5000}]})
    assert r.status_code == 413 and "4096" in r.json()["error"]
    # Uploads keep their own, larger limit.
    up = svc.client.post("/documents", files={"files": ("big.txt", b"mot " * 2000,
                                                        "text/plain")})
    assert up.status_code == 200, up.text


# ---- slow clients ---------------------------------------------------------------------------


def test_slow_body_gets_408(small_service: Callable[..., Service]) -> None:
    svc = small_service(body_timeout=1)
    port = _port(svc)
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(f"POST /ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                     "application/json\r\nContent-Length: 100\r\n\r\n{\"question\"".encode())
        status, body = _read_response(sock)
        assert status == 408 and b"not received within" in body
        assert sock.recv(1) == b""  # and the connection is closed
    assert time.monotonic() - t0 < 10
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:  # chunked too
        sock.sendall(_head(port, "POST", "/documents", "application/json").encode()
                     + b"5\r\n{\"doc")
        assert _read_response(sock)[0] == 408


@contextmanager
def _serve_like_cli(settings: Settings, engine: Engine, h11_only: bool) -> Iterator[int]:
    """uvicorn with the options `rag serve` passes (service/server.py), or its h11 variant."""
    port = free_port()
    options = server_options(settings)
    if h11_only:
        options["http"] = deadline_protocol(settings.header_timeout, h11_only=True)
    config = uvicorn.Config(create_app(settings, engine), host="127.0.0.1", port=port,
                            log_level="warning", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def _closed_within(sock: socket.socket, seconds: float, drip: bytes = b"") -> bool:
    """Whether the server closes `sock` within `seconds`, sending `drip` every 0.2 s."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if _readable(sock, 0.2):
            try:
                return sock.recv(65536) == b""
            except ConnectionResetError:
                return True
        if drip:
            try:
                sock.sendall(drip)
            except OSError:
                return True
    return False


@pytest.mark.parametrize("h11_only", [False, True], ids=["auto", "h11"])
def test_slow_headers_are_cut_but_slow_answers_are_not(tmp_path: Path, embedder: E5Embedder,
                                                       h11_only: bool) -> None:
    settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                               header_timeout=1, rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    with _serve_like_cli(settings, engine, h11_only) as port:
        partial = f"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()
        socks = [socket.create_connection(("127.0.0.1", port), timeout=15) for _ in range(20)]
        try:
            for s in socks[:10]:
                s.sendall(partial)  # headers never finished
            # 10 idle connections (nothing sent) and one dripping a header byte at a time
            assert all(_closed_within(s, 10) for s in socks)
            with socket.create_connection(("127.0.0.1", port), timeout=15) as drip:
                drip.sendall(partial)
                assert _closed_within(drip, 10, drip=b"x")
            # Headers complete in time, then a body slower than the header deadline: answered.
            with socket.create_connection(("127.0.0.1", port), timeout=15) as ok:
                ok.sendall(f"POST /ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                           "application/json\r\nContent-Length: 17\r\n\r\n".encode())
                time.sleep(1.5)
                ok.sendall(b'{"question": "?"}')
                status, body = _read_response(ok)  # (an empty index: a 400 that says so)
                assert status < 500 and status != 408 and b"error" in body
            # Endless headers are cut once over 64 KiB (httptools alone buffered 200 MB of them).
            with socket.create_connection(("127.0.0.1", port), timeout=15) as big:
                big.sendall(partial)
                cut, sent = endless_headers(big)
                assert cut and sent < 8 * 1024 * 1024, sent  # (socket buffers: a few MB)
        finally:
            for s in socks:
                s.close()


# ---- wrong keys -----------------------------------------------------------------------------


def test_wrong_keys_are_throttled_per_client(small_service: Callable[..., Service]) -> None:
    svc = small_service(api_keys="right-key-123", auth_failures_per_minute=5)
    c = svc.client

    def ask(key: str) -> Any:
        return c.get("/search", params={"q": "Etna"}, headers={"authorization": f"Bearer {key}"})

    assert ask("right-key-123").status_code == 200
    assert [ask(f"guess-{i}").status_code for i in range(5)] == [401] * 5
    r = ask("guess-5")
    assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
    assert "wrong API keys" in r.json()["error"]
    assert ask("right-key-123").status_code == 429  # not even compared
    assert c.get("/health").status_code == 200  # public paths need no key


@pytest.mark.parametrize("proxies", [[], ["127.0.0.1"]], ids=["no-proxy", "trusted-proxy"])
def test_x_forwarded_for_names_the_client_only_behind_a_trusted_proxy(
        tmp_path: Path, embedder: E5Embedder, proxies: list[str]) -> None:
    """uvicorn's default believes X-Forwarded-For from 127.0.0.1: a client on a loopback bind
    named a new address with each request, and neither the wrong-key throttle nor the rate
    limit (per address without keys) ever caught it. `rag serve` believes the header only
    from RAG_TRUSTED_PROXIES."""
    def statuses(key: str, **limits: Any) -> list[int]:
        settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                                   trusted_proxies=proxies, api_keys=key, **limits)
        engine = Engine(settings, embedder=embedder, auto_build=False)
        with _serve_like_cli(settings, engine, h11_only=False) as port, \
                httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=15) as c:
            return [c.get("/v1/models", headers={
                "authorization": f"Bearer guess-{i}", "x-forwarded-for": f"203.0.113.{i}"}
            ).status_code for i in range(6)]

    guesses = statuses("right-key-123", auth_failures_per_minute=3)
    requests = statuses("", rate_limit_per_minute=1, rate_limit_burst=3)
    if proxies:  # behind a proxy, each forwarded address is a client of its own
        assert (guesses, requests) == ([401] * 6, [200] * 6)
    else:  # every request counted against 127.0.0.1, whatever the header says
        assert (guesses, requests) == ([401] * 3 + [429] * 3, [200] * 3 + [429] * 3)


def test_trusted_proxies_must_be_addresses() -> None:
    assert ServiceSettings(trusted_proxies=["10.0.0.0/8", " ::1 ", "*"]).trusted_proxies == [
        "10.0.0.0/8", "::1", "*"]
    with pytest.raises(ValueError, match="no IP address or range"):
        ServiceSettings(trusted_proxies=["proxy.local"])


def test_missing_keys_do_not_count_as_guesses(small_service: Callable[..., Service]) -> None:
    svc = small_service(api_keys="right-key-123", auth_failures_per_minute=2)
    for _ in range(5):
        assert svc.client.get("/documents").status_code == 401
    assert svc.client.get("/documents", headers={
        "authorization": "Bearer right-key-123"}).status_code == 200
