"""A JSON `POST /documents` body is read and parsed behind a small gate, and a large one made of
tiny values is refused before it is parsed (service/routes/documents.py, `_json_body`).

Thirteenth review, F2: the body was read and parsed by `json.loads` in any of the 40 worker
threads before any bound: 19.9 MB of `{"urls": [[], [], ...]}` peaked at about 450 MB of
Python objects (22 times the bytes), six at once took the server from 249 MB to 2.8 GB, and
the parse held the GIL 4 s, all before the 413 for more than 50 URLs. Real servers; memory
measured with tracemalloc in this process, where the server's threads run.
"""

from __future__ import annotations

import json
import socket
import time
import tracemalloc
from collections.abc import Callable

from service.routes.documents import (
    JSON_BYTES_PER_VALUE,
    JSON_DENSE_BYTES,
    JSON_PARSES,
    JSON_QUEUE,
    _json_values,
)
from tests.service.conftest import Service, only_one_answered, read_response

REVIEW_BODY = b'{"urls":[' + b",".join([b"[]"] * (19_900_000 // 3)) + b"]}"  # 19.9 MB


def test_a_body_of_tiny_values_is_refused_before_it_is_parsed(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    tracemalloc.start()
    try:
        r = svc.client.post("/documents", content=REVIEW_BODY,
                            headers={"content-type": "application/json"})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert r.status_code == 413, r.text
    assert r.json()["error"].startswith(f"a JSON body over {JSON_DENSE_BYTES} bytes may hold "
                                        f"one value (array, object or list item) per "
                                        f"{JSON_BYTES_PER_VALUE} bytes")
    # the body as read (chunks and their join) and the count's blocks; parsed, 450 MB
    assert peak < 120 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"
    assert svc.client.get("/health").status_code == 200


def test_a_large_body_of_text_with_brackets_and_commas_is_taken(
        small_service: Callable[..., Service]) -> None:
    """What is counted is outside strings: a document's text of JSON-like rows is no value."""
    svc = small_service(ingest=False)
    text = '[1, 2], {"a": [3, "\\"]"]}, ' * 60_000  # 1.7 MB, a bracket or comma per 3 bytes
    body = json.dumps({"documents": [{"id": "rows", "text": text}]})
    assert len(body) > JSON_DENSE_BYTES
    r = svc.client.post("/documents?async=true", content=body,
                        headers={"content-type": "application/json"})
    assert r.status_code == 202, r.text
    svc.client.delete(f"/jobs/{r.json()['job_id']}")  # (accepted is what is checked)


def test_values_are_counted_outside_strings() -> None:
    assert _json_values(b'{"a": [1, "x,[{", {"b": "\\\\"}, "\\"[", 2]}') == 7
    assert _json_values(b'["\\\\", "]"]') == 2  # an escaped backslash ends no string early
    dense = b"[" + b",".join([b"[]"] * 1_000_000) + b"]"
    assert _json_values(dense) == 2_000_000
    quoted = json.dumps({"t": "[]," * 1_000_000}).encode()  # the same characters, in a string
    assert _json_values(quoted) == 1


def _partial_json_post(port: int) -> socket.socket:
    """A JSON POST /documents whose body has not all arrived."""
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    s.sendall(f"POST /documents HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
              "application/json\r\nContent-Length: 1000\r\n\r\n{\"documents\": [".encode())
    return s


def test_json_bodies_pass_a_gate_before_they_are_read(
        small_service: Callable[..., Service]) -> None:
    """JSON_PARSES requests read and parse at once, JSON_QUEUE more wait without reading;
    the next is a 503 with Retry-After before its body is read. Whatever order the server
    takes them in, exactly one of that many unfinished bodies is answered (before: none,
    every one was being read). The gate opens again as they leave."""
    svc = small_service(ingest=False)
    port = int(svc.url.rsplit(":", 1)[1])
    c = svc.client
    empty = {"documents": []}  # read, parsed, then refused: a 422 once through the gate
    assert c.post("/documents", json=empty).status_code == 422
    held = [_partial_json_post(port) for _ in range(JSON_PARSES + JSON_QUEUE + 1)]
    try:
        poller, answered = only_one_answered(held, "JSON bodies are read with no bound")
        status, body = _response(answered)
        assert status == 503 and b"too many document requests" in body, body
        assert not poller.poll(0)  # the others wait, or read
        assert c.get("/documents").status_code == 200  # other routes are not held up
    finally:
        for s in held:
            s.close()
    deadline = time.monotonic() + 15
    while (r := c.post("/documents", json=empty)).status_code == 503:
        assert time.monotonic() < deadline, "the gate did not open again"
    assert r.status_code == 422, r.text


def _response(sock: socket.socket) -> tuple[int, bytes]:
    """Status and body of the one response `sock` gets, a refusal that says when to retry."""
    status, head, body = read_response(sock)
    assert b"retry-after:" in head, head
    return status, body


def test_a_client_that_hangs_up_mid_body_is_a_499_not_a_500(
        small_service: Callable[..., Service]) -> None:
    """Re-check of the thirteenth review, N6: `request.body()` raised ClientDisconnect, which
    no handler took: a 500 and an 11 KB traceback in the log per hang-up."""
    svc = small_service(ingest=False)
    host, port = svc.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /documents HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                  b'{"documents": [{"id": "a", "text": "')
        until = time.monotonic() + 10  # the body is being read: then the client leaves
        while time.monotonic() < until and not _in_flight(svc):
            time.sleep(0.01)
    deadline = time.monotonic() + 15
    counted = ""
    while time.monotonic() < deadline:
        counted = "\n".join(line for line in svc.client.get("/metrics").text.splitlines()
                            if line.startswith("rag_requests_total") and "/documents" in line)
        if 'status="499"' in counted or 'status="500"' in counted:
            break
        time.sleep(0.05)
    assert 'status="499"' in counted and 'status="500"' not in counted, counted


def _in_flight(svc: Service) -> bool:
    """Whether a request other than this /metrics one is being served."""
    for line in svc.client.get("/metrics").text.splitlines():
        if line.startswith("rag_requests_in_flight "):
            return float(line.split()[1]) > 1
    return False
