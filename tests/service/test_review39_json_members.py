"""Review 39, over real servers: a JSON body's object members are counted before FastAPI parses
it, and a 422 lists at most MAX_DETAILS errors (service/json_body.py, service/errors.py, F1).

Before: the review-28 counter counted arrays and objects only; one object of 260,000 unknown
keys (2 MiB) counted as one, FastAPI parsed it on the event loop, pydantic raised one error per
key (`extra="forbid"`) and the 422 listed every one: 2.2 s of the loop and a 16 MB response for
one request, four at once kept `/health` waiting 8.7 s. `/feedback` took it with only the
widget's public key, and a 422 is not counted against the hourly feedback budget."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.errors import MAX_DETAILS
from service.json_body import MAX_JSON_MEMBERS
from tests.service.conftest import Service
from tests.service.test_review10b_lists import BODY, _timed


def _keys(prefix: str, suffix: str) -> tuple[bytes, int]:
    """One object of as many short distinct keys as fit in BODY, and their number."""
    keys: list[str] = []
    size = len(prefix) + len(suffix)
    n = 0
    while size < BODY - 16:
        key = f'"k{n:x}":0'
        keys.append(key)
        size += len(key) + 1
        n += 1
    return (prefix + ",".join(keys) + suffix).encode(), n


@pytest.mark.parametrize("path,prefix", [
    ("/ask", '{"question":"Combien de soldats ?",'),
    ("/verify", '{"answer":"Trois [1].","passages":["Trois soldats."],'),
    ("/feedback", '{"question":"Combien ?","answer":"Trois [1].","rating":"up",'),
])
def test_a_body_of_many_keys_is_refused_before_it_is_parsed(
        small_service: Callable[..., Service], path: str, prefix: str) -> None:
    svc = small_service(ingest=False)
    body, n = _keys(prefix, "}")
    assert n > 3 * MAX_JSON_MEMBERS
    r, cpu, worst = _timed(svc, path, body)
    assert r.status_code == 413, r.text[:300]
    assert "members" in r.text and len(r.content) < 2_000
    assert cpu < 0.15, cpu
    assert worst < 0.5, worst  # wall time: loose (the CPU bound is the test)


def test_a_422_lists_the_first_errors_and_how_many_more(
        small_service: Callable[..., Service]) -> None:
    """Under the member cap, a body of many unknown keys is still a 422; its details are the
    first MAX_DETAILS errors and a count of the rest, not one entry per key."""
    svc = small_service(ingest=False)
    extra = ",".join(f'"x{i}":0' for i in range(5_000))
    r = svc.client.post("/ask", content=f'{{"question":"Combien ?",{extra}}}'.encode(),
                        headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text[:300]
    details = r.json()["details"]
    assert len(details) == MAX_DETAILS + 1
    assert details[-1]["msg"] == f"... and {5_000 - MAX_DETAILS} more errors"
    assert len(r.content) < 5_000
