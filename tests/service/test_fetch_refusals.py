"""URL ingest refusals as a client sees them (the security review): the address a name
resolves to is not echoed. Only loopback servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.local_site import ARTICLE, Route, Site, local_site
from tests.service.conftest import Service


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        yield s


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
