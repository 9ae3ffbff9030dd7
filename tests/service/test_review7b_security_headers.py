"""Security headers (review 7, F7): `nosniff` and `Referrer-Policy: no-referrer` on every
response, whoever answers it (a route, the guard's refusals, the key check, Starlette's 500);
the demo page at / under a strict Content-Security-Policy (its script a file of its own; that
it still works in Chromium: tests/widget/test_widget_review7b.py); /docs and /redoc with
`object-src 'none'; base-uri 'none'`; /widget.js still a script other sites' pages can load.
Real uvicorn servers."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from service.app import create_app
from tests.service.conftest import Service, serve

KEY = "k-user-0123456789"


def _directives(policy: str) -> dict[str, str]:
    return {d.strip().split(" ")[0]: d.strip().partition(" ")[2]
            for d in policy.split(";") if d.strip()}


def _has_every_response_header(r: httpx.Response) -> None:
    where = f"{r.request.method} {r.request.url.path} -> {r.status_code}"
    assert r.headers.get("x-content-type-options") == "nosniff", where
    assert r.headers.get("referrer-policy") == "no-referrer", where


def test_every_response_carries_nosniff_and_referrer_policy(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False, api_keys=KEY, cors_origins=["https://blog.example"],
                        docs_pages=True)
    c, auth = svc.client, {"authorization": f"Bearer {KEY}"}
    answered = [
        c.get("/health"), c.get("/"), c.head("/"), c.get("/widget.js"), c.get("/static/demo.js"),
        c.get("/docs", headers=auth), c.get("/openapi.json", headers=auth),
        c.get("/documents", headers=auth),
        c.get("/no-such-route", headers=auth),                      # 404
        c.get("/documents"),                                        # 401, the key check
        c.request("PATCH", "/documents"),                           # 405, the guard
        c.get("/health", headers={"host": "evil.example"}),         # 400, the guard
        c.post("/ask", json={}, headers=auth),                      # 422
        c.post("/v1/completions", json={"model": "rag", "prompt": ["a", "b"]},
               headers=auth),                                       # 400, OpenAI's shape
        c.options("/ask", headers={"origin": "https://blog.example",     # CORS preflight
                                   "access-control-request-method": "POST"}),
    ]
    assert [r.status_code for r in answered] == [200, 200, 200, 200, 200, 200, 200, 200, 404,
                                                 401, 405, 400, 422, 400, 200]
    for r in answered:
        _has_every_response_header(r)
    etag = c.get("/widget.js").headers["etag"]
    _has_every_response_header(c.get("/widget.js", headers={"if-none-match": etag}))  # 304

    # an unhandled exception: Starlette's outermost layer answers it, the headers are there
    app = create_app(svc.settings, svc.engine)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with serve(app) as url, httpx.Client(base_url=url) as client:
        r = client.get("/boom", headers=auth)
        assert r.status_code == 500 and r.json()["error"] == "internal error"
        _has_every_response_header(r)


def test_html_pages_have_a_content_security_policy(
        small_service: Callable[..., Service]) -> None:
    c = small_service(ingest=False, docs_pages=True).client
    home = c.get("/")
    demo = _directives(home.headers["content-security-policy"])
    assert demo["script-src"] == "'self'" and demo["default-src"] == "'self'"
    assert demo["object-src"] == demo["base-uri"] == demo["frame-ancestors"] == "'none'"
    assert home.headers["x-frame-options"] == "DENY"
    # the page has no inline script (the policy would block it): its own is /static/demo.js
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", home.text, re.S)
    assert scripts and all('src="/' in attrs and not body.strip() for attrs, body in scripts)
    js = c.get("/static/demo.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "customElements.whenDefined" in js.text

    # /docs and /redoc (RAG_DOCS_PAGES) load Swagger UI and ReDoc (a CDN, inline scripts): no
    # script-src that would break them, but no plugins and no <base>, and no framing
    for path in ("/docs", "/redoc"):
        policy = _directives(c.get(path).headers["content-security-policy"])
        assert policy == {"frame-ancestors": "'none'", "object-src": "'none'",
                          "base-uri": "'none'"}, path

    # the widget's script stays loadable by other sites' pages: a script, no page policy
    widget = c.get("/widget.js")
    assert widget.headers["content-type"].startswith("text/javascript")
    assert "content-security-policy" not in widget.headers
    assert "x-frame-options" not in widget.headers
    assert "cross-origin-resource-policy" not in widget.headers
