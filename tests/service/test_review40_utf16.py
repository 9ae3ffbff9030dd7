"""Review 40, over a real server: JSON bodies are read in UTF-8 only (service/json_body.py,
F1 and F2).

Before: the body counters read quote bytes to tell strings apart, but `json.loads` also reads
UTF-16 and UTF-32. In UTF-16-LE "∀" is the bytes 00 22, a lone quote byte: past it the counter
counted nothing, and a 2 MiB UTF-16 body of 130,000 unknown keys was parsed on the event loop
(a 422 after 1.1 s; six at once kept /health waiting 3.5 s). The same trick hid 3.5 million
arrays from the density rule of `POST /documents`."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import HTTPException

from service.json_body import MAX_JSON_MEMBERS, counts, require_utf8
from service.routes.documents import _parse_json
from tests.service.conftest import Service
from tests.service.test_review10b_lists import BODY


def _utf16_keys(prefix: str) -> bytes:
    """`{prefix "∀", "一丁":0, ...}` in UTF-16-LE: two-character keys whose bytes hold no
    quote, bracket, brace, colon or backslash, as many as fit in BODY."""
    bad = set(b'"[]{}:\\')
    chars = [chr(c) for c in range(0x4E00, 0x9FFF)
             if not set(chr(c).encode("utf-16-le")) & bad]
    keys, size = [], 0
    for a in chars:
        for b in chars:
            key = f'"{a}{b}":0'
            size += 2 * (len(key) + 1)
            if size > BODY - 200:
                return (prefix + '"∀",' + ",".join(keys) + "}").encode("utf-16-le")
            keys.append(key)
    raise AssertionError("not reached")


def test_a_utf16_body_hides_its_members_from_a_byte_count() -> None:
    body = _utf16_keys('{"question": ')
    assert counts(body)[1] < 10  # what the byte counter sees: the bypass this fixes
    with pytest.raises(HTTPException) as refused:
        require_utf8(body)
    assert refused.value.status_code == 415
    for encoding in ("utf-16-be", "utf-32-le", "utf-32-be"):
        with pytest.raises(HTTPException):
            require_utf8('{"question": "∀"}'.encode(encoding))
    with pytest.raises(HTTPException):  # a charset other than UTF-8, said in the header
        require_utf8(b'{"question": "ok"}', "application/json; charset=utf-16")
    require_utf8(b'{"question": "Combien de soldats ?"}', "application/json")
    require_utf8(b'\xef\xbb\xbf{"question": "ok"}', "application/json; charset=UTF-8")
    # US-ASCII is a part of UTF-8 (review 40's note: a client labelling so was refused)
    require_utf8(b'{"question": "ok"}', "application/json; charset=us-ascii")


@pytest.mark.parametrize("path", ["/ask", "/verify", "/feedback"])
def test_a_utf16_body_is_refused_before_it_is_parsed(
        small_service: Callable[..., Service], path: str) -> None:
    svc = small_service(ingest=False)
    body = _utf16_keys('{"question": ')
    assert body.decode("utf-16-le").count(":") > 2 * MAX_JSON_MEMBERS
    r = svc.client.post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 415, r.text[:300]
    assert "UTF-8" in r.text
    # an honest UTF-8 body is read as before
    ok = svc.client.post("/verify", json={"answer": "Trois [1].", "passages": ["Trois."]})
    assert ok.status_code == 200, ok.text[:300]


def test_documents_read_utf8_json_only() -> None:
    with pytest.raises(HTTPException) as refused:
        _parse_json(('{"x": "∀", "urls": [' + ",".join(["[]"] * 1000) + "]}")
                    .encode("utf-16-le"))
    assert refused.value.status_code == 415
    assert _parse_json(b'{"urls": []}') == {"urls": []}


def test_metrics_need_an_admin_key(small_service: Callable[..., Service]) -> None:
    """F3: any API key read /metrics, the widget's public one included (everyone's traffic,
    refusals and feedback counts)."""
    svc = small_service(ingest=False, api_keys="pubkey", admin_keys="adminkey")
    public = svc.client.get("/metrics", headers={"Authorization": "Bearer pubkey"})
    assert public.status_code == 403 and "admin key" in public.text
    admin = svc.client.get("/metrics", headers={"Authorization": "Bearer adminkey"})
    assert admin.status_code == 200 and "rag_requests" in admin.text
