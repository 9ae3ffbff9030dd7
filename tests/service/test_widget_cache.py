"""The widget's static files and `If-Modified-Since` (service/widget.py), over a real server.

Thirteenth review, F3: a date the stdlib parser cannot hold (a 20-digit year or offset: an
OverflowError) was a 500 with about 12 KB of traceback in the log, on public routes that
neither keys nor the rate limit guard. Any date that cannot be read means "modified".
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.service.conftest import Service

UNREADABLE = [
    "x, 1 Jan 99999999999999999999 00:00:00 GMT",      # the review's: year past a C long
    "Mon, 1 Jan 2024 00:00:00 +99999999999999999999",  # offset past a C int
    "Mon, 1 Jan 2024 99:00:00 GMT",                    # hour out of range
    "Mon, 1 Jan 2024 00:00:00 +9999",                  # offset of days
    "Mon, 1 Jan 10000 00:00:00 GMT",                   # year out of range
    "Mon, 99 Jan 2024 00:00:00 GMT",
    "not a date", ",", "1", "Mon,",
]


@pytest.mark.parametrize("path", ["/widget.js", "/", "/static/demo.js"])
def test_an_unreadable_if_modified_since_is_modified_never_a_500(
        small_service: Callable[..., Service], path: str) -> None:
    svc = small_service(ingest=False)
    c = svc.client
    full = c.get(path)
    assert full.status_code == 200 and full.content
    for value in UNREADABLE:
        r = c.get(path, headers={"if-modified-since": value})
        assert (r.status_code, r.content) == (200, full.content), value
    # a date the client read from Last-Modified still saves the body
    assert c.get(path, headers={"if-modified-since": full.headers["last-modified"]}
                 ).status_code == 304
    metrics = c.get("/metrics").text
    assert 'status="500"' not in metrics and 'status="5xx"' not in metrics
