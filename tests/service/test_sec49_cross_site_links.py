"""Security review 49, F3: with no API keys, another site's page made the server search by
opening a window on it: `window.open("http://127.0.0.1:8000/search?k=100&q=<2,000
characters>")` is a top-level navigation (`Sec-Fetch-Site: cross-site`, `Sec-Fetch-Mode:
navigate`, `Sec-Fetch-Dest: document`, no `Sec-Fetch-User`), which the guard let through as a
link followed: 200, 1.26 s of CPU each. A link from another site now opens the demo page, the
widget's files and the API docs only, not an API route."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service

NAVIGATION = {"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate",
              "sec-fetch-dest": "document"}
LONG_SEARCH: dict[str, str | int] = {"q": "volcan " * 280, "k": 100}


def test_a_link_from_another_site_opens_no_api_route(
        small_service: Callable[..., Service]) -> None:
    c = small_service(cors_origins=["https://shop.example"], docs_pages=True).client
    for site in ("cross-site", "same-site"):  # same-site: a page on another port
        for user in ({}, {"sec-fetch-user": "?1"}):  # opened by script, or a click
            headers = {**NAVIGATION, **user, "sec-fetch-site": site}
            r = c.get("/search", params=LONG_SEARCH, headers=headers)
            assert r.status_code == 403, (site, user, r.text)
            assert "navigation refused" in r.json()["error"]
            assert "not an API route" in r.json()["error"]
            for path in ("/documents", "/v1/models", "/jobs/x", "/feedback"):
                assert c.get(path, headers=headers).status_code == 403, (path, site)
    # what is meant to be linked still opens: the demo page, the widget's files, the API docs
    for path in ("/", "/widget.js", "/static/demo.js", "/docs", "/redoc", "/openapi.json"):
        assert c.get(path, headers=NAVIGATION).status_code == 200, path
    # prefetches and frames as before: the demo page's files load, API routes do not
    assert c.get("/", headers={**NAVIGATION, "sec-purpose": "prefetch"}).status_code == 200
    for extra in ({"sec-purpose": "prefetch"}, {"sec-fetch-dest": "iframe"}):
        r = c.get("/search", params={"q": "volcan"}, headers={**NAVIGATION, **extra})
        assert r.status_code == 403 and "this origin is not in" in r.text, (extra, r.text)
    assert c.get("/docs", headers={**NAVIGATION, "sec-fetch-dest": "iframe"}
                 ).status_code == 403
    # the service's own pages, a listed origin's calls and clients without fetch metadata
    assert c.get("/search", params={"q": "volcan"},
                 headers={**NAVIGATION, "sec-fetch-site": "same-origin"}).status_code == 200
    assert c.get("/search", params={"q": "volcan"},
                 headers={"sec-fetch-site": "cross-site", "sec-fetch-mode": "cors",
                          "origin": "https://shop.example"}).status_code == 200
    assert c.get("/search", params={"q": "volcan"}).status_code == 200


def test_any_origin_still_reads(small_service: Callable[..., Service]) -> None:
    """`RAG_CORS_ORIGINS='["*"]'` lets every site's pages read: a navigation too."""
    c = small_service(cors_origins=["*"]).client
    assert c.get("/search", params={"q": "volcan"}, headers=NAVIGATION).status_code == 200
