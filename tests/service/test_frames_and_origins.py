"""The service's HTML pages refuse to be framed by other sites (clickjacking), the widget's
script stays embeddable, and `RAG_CORS_ORIGINS=["*"]` lets every site's pages write only while
no API keys are set (README, "Security and limits"). Real uvicorn servers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.service.conftest import Service

SITE = "https://blog.example"  # any other site
KEY = "k-user-0123456789"
ADMIN = "k-admin-0123456789"
ROCKET = "D'où la fusée Ariane 6 a-t-elle décollé ?"


def test_html_pages_cannot_be_framed(small_service: Callable[..., Service]) -> None:
    c = small_service(ingest=False, docs_pages=True).client
    for path in ("/", "/docs", "/redoc"):
        r = c.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        assert r.headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
    head = c.head("/")
    assert head.headers["x-frame-options"] == "DENY"
    # the widget's script is for other sites' pages, the API is read by scripts: neither
    for path in ("/widget.js", "/health", "/openapi.json"):
        r = c.get(path)
        assert r.status_code == 200, path
        assert "x-frame-options" not in r.headers, path
        assert "content-security-policy" not in r.headers, path


def _ask(svc: Service, origin: str, key: str | None = None) -> int:
    headers = {"origin": origin, "sec-fetch-site": "cross-site"}
    if key:
        headers["authorization"] = f"Bearer {key}"
    r = svc.client.post("/ask", json={"question": ROCKET}, headers=headers)
    return r.status_code


def test_any_origin_writes_only_without_keys(small_service: Callable[..., Service]) -> None:
    open_svc = small_service(cors_origins=["*"])
    assert _ask(open_svc, SITE) == 200  # README: "*" lets every site write when no keys are set

    keyed = small_service(cors_origins=["*"], api_keys=KEY)
    r = keyed.client.post("/ask", json={"question": ROCKET}, headers={
        "origin": SITE, "sec-fetch-site": "cross-site", "authorization": f"Bearer {KEY}"})
    assert r.status_code == 403, r.text
    assert "list this origin in RAG_CORS_ORIGINS" in r.json()["error"]
    assert keyed.client.delete("/documents/astro", headers={
        "origin": SITE, "authorization": f"Bearer {KEY}"}).status_code == 403
    # reads stay open to every site (CORS decides what its page may see), with the key
    r = keyed.client.get("/search", params={"q": ROCKET}, headers={
        "origin": SITE, "authorization": f"Bearer {KEY}"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    # writes from the service's own pages and from clients that are not browsers
    assert _ask(keyed, keyed.url, KEY) == 200
    assert keyed.client.post("/ask", json={"question": ROCKET}, headers={
        "authorization": f"Bearer {KEY}"}).status_code == 200


@pytest.mark.parametrize("keys", [{"api_keys": KEY}, {"admin_keys": ADMIN}])
def test_a_listed_origin_still_writes_with_keys(small_service: Callable[..., Service],
                                                keys: dict[str, str]) -> None:
    svc = small_service(cors_origins=["*", SITE], **keys)
    key = keys.get("api_keys") or keys["admin_keys"]
    assert _ask(svc, SITE, key) == 200
    assert _ask(svc, "https://other.example", key) == 403
