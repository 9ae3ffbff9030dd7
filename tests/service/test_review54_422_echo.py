"""A 422 repeats no field name or message whole (security review 54, N1).

Over a real server: `{"question": ..., "K…(100,000 characters)": 1}` is refused because the key
is unknown, and the 422 named it in full twice (the message's `where` and its details' `loc`),
about 200 KB for a 100 KB body. Each part of a location and each message is now cut to a few
dozen characters, and at most MAX_DETAILS errors are listed: the body stays small whatever
the request, and still says which field is at fault and why."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from service.errors import MAX_DETAILS, MAX_ECHO
from tests.service.conftest import Service

KEY = "K" * 100_000


@pytest.mark.parametrize("path, body", [
    ("/ask", {"question": "Combien de soldats ?", KEY: 1}),
    ("/feedback", {"answer_id": "ab", "rating": "up", KEY: 1}),
])
def test_a_100k_unknown_key_gets_a_small_422_that_names_it(
        small_service: Callable[..., Service], path: str, body: dict[str, object]) -> None:
    svc = small_service(ingest=False)
    r = svc.client.post(path, content=json.dumps(body).encode(),
                        headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text[:300]
    assert len(r.content) < 2_000, len(r.content)
    got = r.json()
    assert got["error"].startswith("K" * (MAX_ECHO - 1) + "…: ")
    assert "Extra inputs are not permitted" in got["error"]
    [detail] = got["details"]
    assert detail["loc"] == ["body", "K" * (MAX_ECHO - 1) + "…"]
    assert detail["msg"] == "Extra inputs are not permitted"


def test_many_long_unknown_keys_stay_bounded(small_service: Callable[..., Service]) -> None:
    """Fifty 2,000-character keys: MAX_DETAILS clipped entries and a count of the rest."""
    svc = small_service(ingest=False)
    extra = {f"{i:02d}" + "x" * 2_000: 0 for i in range(50)}
    r = svc.client.post("/ask", content=json.dumps({"question": "Combien ?", **extra}).encode(),
                        headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text[:300]
    assert len(r.content) < 4 * 1024, len(r.content)
    details = r.json()["details"]
    assert len(details) == MAX_DETAILS + 1
    assert details[-1]["msg"] == f"... and {50 - MAX_DETAILS} more errors"
    assert all(len(p) <= MAX_ECHO for d in details for p in d["loc"])


def test_a_short_field_name_is_repeated_whole(small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    r = svc.client.post("/ask", json={"question": "Combien ?", "colour": 1})
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"] == "colour: Extra inputs are not permitted"
    assert r.json()["details"] == [{"loc": ["body", "colour"],
                                    "msg": "Extra inputs are not permitted"}]
