"""Review 28, over real servers: a JSON body's arrays and objects are counted before FastAPI
parses it (service/json_body.py, F2).

Before: FastAPI parsed every body with `json.loads` on the event loop before any schema cap,
and an array is a list the garbage collector tracks and walks again in each of its full passes:
a 2 MiB `/ask` body of 420,000 `[[]]` held the loop 4.5 s (then a 422 for the unknown field),
one of 700,000 `[]` 1.8 s, and twelve from one client kept `/health` waiting up to 9.6 s.
`/v1/chat/completions` takes unknown fields, so such a body was even answered. Measured as
test_review10b_lists measures: the CPU of the server's event-loop thread, /health asked
meanwhile."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.json_body import MAX_JSON_CONTAINERS
from tests.service.conftest import Service
from tests.service.test_review10b_lists import _many, _timed

PREFIXES = {
    "/ask": '{"question":"Combien de soldats ?","x":[',
    "/v1/chat/completions": '{"model":"rag","messages":[{"role":"user","content":"Combien ?"}],'
                            '"tools":[',
}


@pytest.mark.parametrize("path", sorted(PREFIXES))
def test_a_body_of_many_arrays_is_refused_before_it_is_parsed(
        small_service: Callable[..., Service], path: str) -> None:
    svc = small_service(ingest=False)
    body, n = _many(PREFIXES[path], "[[]]", "]}")
    assert 2 * n > 800_000
    r, cpu, worst = _timed(svc, path, body)
    assert r.status_code == 413, r.text[:300]
    got = r.json()["error"]
    message = got["message"] if isinstance(got, dict) else got
    assert message == (f"a JSON body may hold at most {MAX_JSON_CONTAINERS} arrays and objects; "
                       f"this one holds {2 * n + 2 + path.startswith('/v1/') * 2}")
    assert cpu < 0.15, cpu
    assert worst < 0.5, worst  # wall time: loose (the CPU bound is the test)


def test_brackets_inside_strings_are_not_counted(small_service: Callable[..., Service]) -> None:
    """Only arrays and objects count: text full of `[` and `{` (a question quoting code, an
    answer's citation markers) is read as before, escaped quotes included."""
    svc = small_service()
    text = '[{\\"' * 2_000  # 8,000 characters as JSON, 6,000 as text
    history = ",".join(f'{{"role":"user","content":"{text}"}}' for _ in range(10))
    body = f'{{"question":"Combien de soldats ?","history":[{history}]}}'.encode()
    assert body.count(b"[") + body.count(b"{") > MAX_JSON_CONTAINERS
    r = svc.client.post("/ask", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text[:300]
    r = svc.client.post("/verify", json={"answer": "Trois [1]. " * 1_000,
                                         "passages": ["[" * 20_000, "{" * 10_000]})
    assert r.status_code != 413, r.text[:300]
