"""A multipart `POST /documents` passes the same gate as a JSON one before its body is read,
and its form fields that are not files are small (service/routes/documents.py, `body_gate`,
FORM_FIELD_BYTES, FORM_FIELDS).

Fourteenth review, F1: the form was parsed whole, with no gate, and a field (the route reads
none) could hold the whole 20 MiB, decoded to a `str` of up to 4 bytes a character: 35 held
uploads of one 20 MB field took the server to 3.3 GB, 140 uploads of 0.9 MB files to 3.1 GB
(1.8 GB never given back). Real uvicorn servers on loopback, raw sockets for held bodies.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

from service.routes.documents import JSON_PARSES, JSON_QUEUE
from tests.service.conftest import Service, only_one_answered
from tests.service.test_documents_json_gate import _response

FILE = ("note.txt", "La fusée Ariane 6 a décollé de Kourou.".encode(), "text/plain")
BOUNDARY = "XyZbOuNdArY"
FORM_FIELD_BYTES, FORM_FIELDS = 64 * 1024, 16  # the bounds of the fields that are not files


def test_form_fields_that_are_not_files_are_small(small_service: Callable[..., Service]
                                                  ) -> None:
    svc = small_service(ingest=False)
    c = svc.client
    # a field over FORM_FIELD_BYTES (one astral character made the review's a UCS-4 `str`)
    big = "\U0001F600" + "a" * FORM_FIELD_BYTES
    r = c.post("/documents/upload", files={"files": FILE}, data={"x": big})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error.startswith("multipart upload refused: Part exceeded maximum size of 64KB"), error
    assert f"at most {FORM_FIELDS} other fields, of {FORM_FIELD_BYTES // 1024} KiB each" in error
    many = {f"f{i}": "x" for i in range(FORM_FIELDS + 1)}
    r = c.post("/documents", files={"files": FILE}, data=many)
    assert r.status_code == 400 and "Too many fields" in r.json()["error"], r.text
    # within them, fields are still allowed (and ignored), and the file is read
    r = c.post("/documents", files={"files": FILE}, data={"x": "a" * 1000})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text


def _partial_upload(port: int) -> socket.socket:
    """A multipart POST /documents whose body has not all arrived: a file begun."""
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    part = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; "
            "filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode() + b"mot " * 5000
    s.sendall(f"POST /documents HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
              f"multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: 1000000\r\n\r\n"
              .encode() + part)
    return s


def test_multipart_bodies_pass_the_gate_before_they_are_parsed(
        small_service: Callable[..., Service]) -> None:
    """JSON_PARSES uploads are parsed at once, JSON_QUEUE more wait without being read; the
    next is a 503 with Retry-After, as a JSON body's is. Whatever order the server takes them
    in, exactly one of that many unfinished bodies is answered (before: none, every one was
    parsed and held). JSON bodies wait behind the same gate; it opens again as they leave."""
    svc = small_service(ingest=False)
    port = int(svc.url.rsplit(":", 1)[1])
    c = svc.client
    held = [_partial_upload(port) for _ in range(JSON_PARSES + JSON_QUEUE + 1)]
    try:
        poller, answered = only_one_answered(held, "multipart bodies are parsed with no bound")
        status, body = _response(answered)
        assert status == 503 and b"too many document requests" in body, body
        assert not poller.poll(0)  # the others wait, or are read
        # the JSON body of a document request shares the gate: full, it is refused too
        r = c.post("/documents", json={"documents": []})
        assert r.status_code == 503 and r.headers["retry-after"], r.text
        assert c.get("/documents").status_code == 200  # other routes are not held up
    finally:
        for s in held:
            s.close()
    deadline = time.monotonic() + 15
    while (r := c.post("/documents", files={"files": FILE})).status_code == 503:
        assert time.monotonic() < deadline, "the gate did not open again"
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
