"""Security review 48, F4: the guard took a cross-site prefetch or prerender for a link the
user followed. Another site's page can ask the browser to prefetch any URL (speculation
rules, `<link rel=prefetch>`), sent as a top-level navigation that names its purpose
(`Sec-Purpose: prefetch`, older browsers `Purpose: prefetch`), and each `GET /search?q=<2,000
characters>` cost 1.3 s of CPU. Only a navigation without such a purpose passes now."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service

NAVIGATION = {"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate",
              "sec-fetch-dest": "document"}
PURPOSES = [{"sec-purpose": "prefetch"}, {"sec-purpose": "prefetch;prerender"},
            {"sec-purpose": "prefetch;anonymous-client-ip"}, {"purpose": "prefetch"},
            {"purpose": "prerender"}, {"sec-purpose": "Prefetch", "purpose": "prefetch"}]


def test_a_cross_site_prefetch_is_no_navigation(small_service: Callable[..., Service]) -> None:
    c = small_service(cors_origins=["https://shop.example"]).client
    query: dict[str, str | int] = {"q": "volcan " * 280, "k": 100}
    for purpose in PURPOSES:
        for site in ("cross-site", "same-site"):  # same-site: a page on another port
            r = c.get("/search", params=query,
                      headers={**NAVIGATION, **purpose, "sec-fetch-site": site})
            assert r.status_code == 403 and "cross-site" in r.text, (purpose, site, r.text)
        # the same purpose on a same-origin request, or on the demo page, is no concern of
        # the guard
        assert c.get("/search", params={"q": "volcan"},
                     headers={**NAVIGATION, **purpose, "sec-fetch-site": "same-origin"}
                     ).status_code == 200
        assert c.get("/", headers={**NAVIGATION, **purpose}).status_code == 200
    # the link followed still opens the demo page (an API route no longer: review 49, F3)
    assert c.get("/", headers=NAVIGATION).status_code == 200
