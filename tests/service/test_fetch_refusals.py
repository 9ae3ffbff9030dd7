"""URL ingest refusals as a client sees them (the security review): what the server learns of
its network (what a name resolves to, whether it resolves, how a connection failed) is not
echoed, every redirect hop is checked before the server connects to it, a bad page is skipped
without losing the batch, and a request fetches a bounded number of pages. Only loopback
servers: the first hop is allowed as the other web tests allow it
(`fetch_allow_hosts=["127.0.0.1"]`), a second server on 127.0.0.2 must never be reached."""

from __future__ import annotations

import logging
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from tests.local_site import ARTICLE, Route, Site, local_site
from tests.service.conftest import Service, free_port


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        yield s


@contextmanager
def private_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.2 (loopback, but not the allowed 127.0.0.1); yields its URL
    and the paths it was asked for."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = ARTICLE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.2", 0), Handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.2:{server.server_address[1]}", hits
        finally:
            server.shutdown()
            thread.join(timeout=5)


def _errors(svc: Service, urls: list[str]) -> list[tuple[int, str]]:
    """Status and error of POST /documents for each URL alone, the URL itself blanked."""
    out = []
    for url in urls:
        r = svc.client.post("/documents", json={"urls": [url]})
        out.append((r.status_code, r.json()["error"].replace(url, "URL")))
    return out


def test_a_refused_name_reads_like_a_name_that_does_not_resolve(
        small_service: Callable[..., Service], site: Site,
        caplog: pytest.LogCaptureFixture) -> None:
    """"resolves to a private address" against "cannot resolve" told a client which
    internal names exist; the detail is in the server log only."""
    site.routes["/a"] = Route(body=ARTICLE.encode())
    svc = small_service(ingest=False)
    port = site.url.rsplit(":", 1)[1]
    with caplog.at_level(logging.WARNING, logger="rag.fetch"):
        errors = _errors(svc, [f"http://localhost:{port}/a",
                               f"http://no-such-host.invalid:{port}/a"])
    assert errors == [(422, "no page could be loaded: URL: cannot fetch this page")] * 2, errors
    assert site.seen == []
    logged = caplog.text
    assert "localhost resolves to" in logged and "loopback" in logged, logged
    assert "cannot resolve no-such-host.invalid" in logged, logged


def test_connection_failures_read_alike(small_service: Callable[..., Service],
                                        caplog: pytest.LogCaptureFixture) -> None:
    """"Connection refused" against "No route to host" mapped which ports and addresses are
    live; a client now reads one reason, the server log keeps which."""
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"])
    closed = f"http://127.0.0.1:{free_port()}/a"  # nobody listens there
    with caplog.at_level(logging.WARNING, logger="rag.fetch"):
        errors = _errors(svc, [closed])
    assert errors == [(422, "no page could be loaded: URL: cannot fetch this page")], errors
    assert "ConnectError" in caplog.text and "refused" in caplog.text.lower(), caplog.text


def test_the_kind_of_a_written_address_is_named(small_service: Callable[..., Service]) -> None:
    """An address in the URL itself is refused before anything is fetched (400); saying
    what kind it is tells the client nothing it did not write."""
    svc = small_service(ingest=False)
    assert _errors(svc, ["http://127.0.0.1:9/a", "http://[fec0::1]/"]) == [
        (400, "URL: address not allowed (127.0.0.1 is a loopback address; server-side request "
              "forgery guard; RAG_FETCH_ALLOW_HOSTS or RAG_FETCH_ALLOW_PRIVATE allow it)"),
        (400, "URL: address not allowed (fec0::1 is a site-local address; server-side request "
              "forgery guard; RAG_FETCH_ALLOW_HOSTS or RAG_FETCH_ALLOW_PRIVATE allow it)")]


def test_an_invalid_international_name_is_a_400_like_other_bad_urls(
        small_service: Callable[..., Service], site: Site,
        caplog: pytest.LogCaptureFixture) -> None:
    """`http://xn--localhost/` (an `xn--` label that is no valid punycode) made the request a
    500 with 14 KB of traceback in the log (review 15, F1); it is refused as any URL the
    server cannot read is: a 400 naming it, before any page of the batch is fetched."""
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"])
    site.routes["/ok"] = Route(body=ARTICLE.encode())
    with caplog.at_level(logging.WARNING):
        r = svc.client.post("/documents", json={"urls": ["http://xn--localhost/",
                                                         f"{site.url}/ok"]})
        alone = svc.client.post("/documents", json={"urls": ["http://xn--ls8h.xn--zz/"]})
    assert (r.status_code, r.json()["error"]) == (
        400, "http://xn--localhost/: not a valid URL (bad international domain name)"), r.text
    assert (alone.status_code, alone.json()["error"]) == (
        400, "http://xn--ls8h.xn--zz/: not a valid URL (bad international domain name)")
    assert site.seen == []
    assert "Traceback" not in caplog.text and "IDNAError" not in caplog.text, caplog.text
    # the same batch without the bad URL is ingested
    r = svc.client.post("/documents", json={"urls": [f"{site.url}/ok"]})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text


def test_every_redirect_hop_is_checked_before_connecting(
        small_service: Callable[..., Service], site: Site) -> None:
    svc = small_service(fetch_allow_hosts=["127.0.0.1"])
    with private_server() as (private, hits):
        assert httpx.get(f"{private}/probe").status_code == 200  # it is up
        site.routes["/ok"] = Route(body=ARTICLE.encode())
        site.routes["/go"] = Route(status=302, headers={"Location": f"{private}/secret"})
        site.routes["/hop1"] = Route(status=301, headers={"Location": "/hop2"})
        site.routes["/hop2"] = Route(status=307, headers={"Location": f"{private}/deeper"})
        site.routes["/meta"] = Route(status=302, headers={
            "Location": "http://169.254.169.254/latest/meta-data/"})
        site.routes["/ll"] = Route(status=303, headers={"Location": "http://169.254.1.1/"})
        sources = [f"{site.url}/{p}" for p in ("go", "hop1", "meta", "ll")]

        r = svc.client.post("/documents", json={"urls": [f"{site.url}/ok", *sources]})
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["added"] == 1
        reasons = {s["source"]: s["reason"] for s in report["skipped"]}
        assert set(reasons) == set(sources), reasons
        assert "address not allowed (a loopback address)" in reasons[sources[0]]
        assert "address not allowed (a loopback address)" in reasons[sources[1]]
        assert "(a cloud metadata address)" in reasons[sources[2]]
        assert "(a link-local address)" in reasons[sources[3]]
        assert hits == ["/probe"]  # no hop reached the private server
        assert [p for p, _ in site.seen].count("/hop2") == 1  # the allowed hop was followed

        only = svc.client.post("/documents", json={"urls": [sources[0]]})
        assert only.status_code == 422 and "not allowed" in only.json()["error"], only.text
        assert hits == ["/probe"]


def test_a_bad_page_is_skipped_and_the_good_ones_are_ingested(
        small_service: Callable[..., Service], site: Site) -> None:
    """A redirect to a malformed Location (httpx's InvalidURL, no HTTPError) or a page in
    `charset=punycode` (UnicodeError, no UnicodeDecodeError) made the whole request a 500."""
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"])
    site.routes["/good"] = Route(body=ARTICLE.encode())
    site.routes["/x"] = Route(status=302, headers={"Location": "http:x"})
    site.routes["/slash"] = Route(status=302, headers={"Location": "http:\\\\127.0.0.1:1\\h"})
    # ASCII only: Python's punycode codec raises UnicodeDecodeError on other bytes
    tours = unicodedata.normalize("NFKD", ARTICLE.replace("Orléans", "Tours").replace(
        "Loire", "Cher")).encode("ascii", "ignore").decode()
    site.routes["/puny-header"] = Route(body=tours.encode(), headers={
        "Content-Type": "text/html; charset=punycode"})
    site.routes["/puny-meta"] = Route(
        body=tours.replace("Tours", "Blois").replace('charset="utf-8"', 'charset="punycode"')
        .encode(), headers={"Content-Type": "text/html"})
    urls = [f"{site.url}/{p}" for p in ("good", "x", "slash", "puny-header", "puny-meta")]

    r = svc.client.post("/documents", json={"urls": urls})

    assert r.status_code == 200, r.text
    report = r.json()
    assert report["added"] == 3, report  # the pages in "punycode" read as UTF-8
    assert {s["source"]: s["reason"] for s in report["skipped"]} == {
        urls[1]: "cannot fetch this page", urls[2]: "cannot fetch this page"}
    titles = {d["title"] for d in svc.client.get("/documents").json()}
    assert titles == {"Crue de la Loire à Orléans", "Crue de la Cher a Tours",
                      "Crue de la Cher a Blois"}, titles

    only = svc.client.post("/documents", json={"urls": urls[1:3]})
    assert only.status_code == 422 and "cannot fetch this page" in only.json()["error"]


def test_a_page_has_one_deadline_and_a_request_a_bounded_number_of_pages(
        small_service: Callable[..., Service], site: Site) -> None:
    """A header line every 0.2 s kept each read in time: a page held the request as long as
    its server liked, and a request could name 1000 such pages."""
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"], fetch_timeout=1,
                        max_urls_per_request=3)
    site.routes["/drip"] = Route(head_drip=0.2)
    site.routes["/good"] = Route(body=ARTICLE.encode())
    t0 = time.monotonic()
    r = svc.client.post("/documents", json={"urls": [f"{site.url}/drip", f"{site.url}/good"]})
    assert time.monotonic() - t0 < 3
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert r.json()["skipped"] == [{"source": f"{site.url}/drip",
                                    "reason": "timed out after 1 s"}]

    r = svc.client.post("/documents", json={"urls": [f"{site.url}/{i}" for i in range(4)]})
    assert r.status_code == 413, r.text
    assert r.json() == {"error": "at most 3 URLs a request (RAG_MAX_URLS_PER_REQUEST)"}
    assert [p for p, _ in site.seen if p[1:].isdigit()] == []  # nothing fetched
