"""`POST /documents` counts what its documents cost (NFKC, `embedded_chars`) in a worker thread,
each text once, and JSON documents have a text total as uploaded files do (ninth review, F2).
Real uvicorn servers in this process, the counting watched as in test_review9_loop.

Before: every JSON document was normalised twice on the event loop (12 of 550,000 "\\ufdfa":
/health waited 11.8 s), with no text total but the 20 MiB body: that request was one job holding
119 M characters, 3 times RAG_MAX_PENDING_CHARS. A list of 1.7 M URLs was walked before it was
counted (0.47 s of the loop) and a .jsonl of 19 M line breaks split into lines (0.75 s)."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import rag.fetch
import rag.loaders
from rag.documents import embedded_chars
from service.routes import documents
from tests.service.conftest import Service
from tests.service.test_review9_loop import SAW, Watched, health_while_parked


def _docs(texts: list[str]) -> dict[str, Any]:
    return {"documents": [{"id": f"d{i}", "title": f"Note {i}", "text": t}
                          for i, t in enumerate(texts)]}


def test_documents_are_measured_once_in_a_worker_thread(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    """What an ingest holds and whether it is a job are counted where the documents are
    read, in a worker thread, each text once: /health answers meanwhile. JSON documents and
    uploaded files alike. A text is counted where it is checked (rag.loaders), its count
    handed on to what the ingest costs: counted there again, 300,000 U+0F73 held a worker
    7.8 s (tenth review, F1)."""
    svc = small_service(ingest=False)
    watched = Watched(park=True)
    monkeypatch.setattr(documents, "embedded_chars", watched)
    monkeypatch.setattr(rag.loaders, "embedded_chars", watched)
    texts = [f"Le rapport {i} note que la station d'Almaty a mesuré {i + 7} millimètres de "
             "pluie." for i in range(3)]
    r = health_while_parked(svc, watched, lambda: svc.client.post(
        "/documents", json=_docs(texts), params={"async": "false"}))
    assert r.status_code == 200 and r.json()["added"] == 3, r.text
    assert watched.on_loop() == [], watched.calls
    assert sorted(watched.lengths()) == sorted([6] * 3 + [len(t) for t in texts])  # + titles
    watched.calls.clear()
    files = [("files", ("note.txt", b"Une note sur Astana, la capitale."))]
    r = svc.client.post("/documents", files=files, params={"async": "false"})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert watched.calls and watched.on_loop() == [], watched.calls


def test_json_documents_have_a_text_total(small_service: Callable[..., Service]) -> None:
    """Four characters to embed a byte of the body (at least 1 MiB's worth), as an upload's
    files get: 3 documents of 80,000 "\\ufdfa" (720 KB sent) are 4.3 M characters to embed.
    Refused whole, before anything is queued; before, a job took them."""
    svc = small_service(ingest=False)
    body = _docs([SAW * 80_000] * 3)
    for params in ({"async": "true"}, {}):
        r = svc.client.post("/documents", json=body, params=params, timeout=60)
        assert r.status_code == 413, r.text
        assert r.json()["error"] == ("the documents give more than 4194304 characters of text "
                                     "in all (limit 4 per byte of the request body)")
    assert svc.client.get("/documents").json() == []
    r = svc.client.post("/documents", json=_docs([SAW * 80_000] * 2), params={"async": "true"})
    assert r.status_code == 202, r.text  # 2.9 M: taken, as a job
    assert svc.client.delete(r.json()["status_url"]).status_code in (200, 409)


def test_urls_are_counted_before_they_are_checked(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    svc = small_service(ingest=False)
    walked: list[int] = []
    check = rag.fetch.check_urls

    def counted(urls: Any) -> list[str]:
        walked.append(len(urls))
        return check(urls)

    monkeypatch.setattr(rag.fetch, "check_urls", counted)
    r = svc.client.post("/documents", json={"urls": ["https://example.org/"] * 100_000})
    assert r.status_code == 413, r.text
    assert r.json()["error"] == "at most 50 URLs a request (RAG_MAX_URLS_PER_REQUEST)"
    assert walked == []
    r = svc.client.post("/documents", json={"urls": ["ftp://example.org/"]})
    assert r.status_code == 422 and "only http and https" in r.json()["error"], r.text
    assert walked == [1]


def test_jsonl_lines_are_counted_as_before() -> None:
    """Non-blank lines (bytes.strip), stopping one past the room left."""
    def lines(data: bytes) -> int:
        return sum(1 for line in data.split(b"\n") if line.strip())

    rnd = random.Random(9)
    for _ in range(5000):
        data = bytes(rnd.choice(b" \t\r\n\x0b\x0c{}a") for _ in range(rnd.randint(0, 40)))
        for room in range(6):
            assert documents._jsonl_lines(data, room) == min(lines(data), room + 1), (data, room)
    assert documents._jsonl_lines(b"\n" * 1_000_000 + b'{"id": 1}\n', 0) == 1


def test_a_jsonl_upload_counts_documents_not_blank_lines(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False, max_documents_per_request=3)

    def jsonl(n: int, blanks: bytes) -> bytes:
        return blanks.join(f'{{"id": "j{i}", "text": "Note {i} sur Astana."}}'.encode()
                           for i in range(n)) + blanks

    def upload(*files: bytes) -> httpx.Response:
        return svc.client.post("/documents", params={"async": "false"}, files=[
            ("files", (f"f{i}.jsonl", data)) for i, data in enumerate(files)])

    r = upload(jsonl(4, b"\n"))
    assert r.status_code == 413, r.text
    assert r.json()["error"] == "at most 3 documents a request (a .jsonl line is one)"
    assert upload(jsonl(2, b"\n"), jsonl(2, b"\n")).status_code == 413  # counted across files
    r = upload(jsonl(3, b"\n \t\r\n" + b"\n" * 300_000))
    assert r.status_code == 200 and r.json()["added"] == 3, r.text


def test_a_long_text_is_normalised_a_few_thousand_characters_a_call(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each NFKC call holds the GIL: a worker thread counting a document must hand it back to
    the event loop every few ms, so a call normalises at most 4,096 characters (~4 ms of
    "\\ufdfa"); pieces of 65,536 held it 60 ms, and /health took 0.27 s (median) meanwhile."""
    normalize = unicodedata.normalize
    sizes: list[int] = []

    def counted(form: Any, text: str) -> str:
        sizes.append(len(text))
        return normalize(form, text)

    monkeypatch.setattr(unicodedata, "normalize", counted)  # the module rag.documents calls
    assert embedded_chars("a" + SAW * 200_000) == 1 + 18 * 200_000
    assert len(sizes) > 1 and max(sizes) <= 4096, sizes[:3]
