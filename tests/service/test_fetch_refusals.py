"""URL ingest refusals as a client sees them (the security review): the address a name
resolves to is not echoed, and every redirect hop is checked before the server connects to
it. Only loopback servers: the first hop is allowed as the other web tests allow it
(`fetch_allow_hosts=["127.0.0.1"]`), a second server on 127.0.0.2 must never be reached."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from tests.local_site import ARTICLE, Route, Site, local_site
from tests.service.conftest import Service


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


def test_refusal_does_not_echo_the_resolved_address(small_service: Callable[..., Service],
                                                    site: Site) -> None:
    site.routes["/a"] = Route(body=ARTICLE.encode())
    svc = small_service(ingest=False)
    url = f"http://localhost:{site.url.rsplit(':', 1)[1]}/a"
    r = svc.client.post("/documents", json={"urls": [url]})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert "localhost resolves to a loopback address; refused" in error, error
    assert "127.0.0.1" not in error and "::1" not in error, error
    assert site.seen == []


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
        assert "loopback address; refused" in reasons[sources[0]]
        assert "loopback address; refused" in reasons[sources[1]]
        assert "cloud metadata address; refused" in reasons[sources[2]]
        assert "link-local address; refused" in reasons[sources[3]]
        assert hits == ["/probe"]  # no hop reached the private server
        assert [p for p, _ in site.seen].count("/hop2") == 1  # the allowed hop was followed

        only = svc.client.post("/documents", json={"urls": [sources[0]]})
        assert only.status_code == 422 and "refused" in only.json()["error"], only.text
        assert hits == ["/probe"]
