"""Text limits over a real server: a file over `max_document_chars` is skipped with its reason
(the request's other files load), an upload whose files give more text in all than 4
characters a byte of the files it sent is a 413 naming the file, and the PDFs of one request
share what pypdf may parse."""

from __future__ import annotations

import time
from typing import Any

from tests.rag.text_files import drawing_pdf, word_of_chars
from tests.service.conftest import Service

LAKE = ("lac.txt", b"Le lac d'Annecy est l'un des plus purs d'Europe.")


def _upload(svc: Service, files: list[tuple[str, bytes]]) -> Any:
    return svc.client.post("/documents", params={"async": "false"}, timeout=120,
                           files=[("files", f) for f in files])


def _ids(svc: Service) -> set[str]:
    return {d["doc_id"] for d in svc.client.get("/documents").json()}


def test_a_file_over_max_document_chars_is_skipped(small_service: Any) -> None:
    svc = small_service(ingest=False, max_document_chars=50_000)
    lake = (LAKE[0], LAKE[1] * 300)  # 14 KB: with gros.docx's 1 KB, 60,000 characters allowed
    r = _upload(svc, [("gros.docx", word_of_chars(60_000, 1000)), lake])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1
    assert body["skipped"] == [{"source": "upload:gros.docx", "reason":
                                "more than 50000 characters of text (limit per document)"}]
    assert _ids(svc) == {"lac"}


def test_an_upload_past_its_total_text_is_413_naming_the_file(small_service: Any) -> None:
    """An 8 KB .txt of 8,000 characters and two 1 KB Word files of 31,000 characters each:
    10 KB sent, ~40,000 characters allowed in all; the second Word file passes it; nothing is
    ingested. (Before, 4 a byte of `max_upload_bytes` whatever was sent: 80 M characters.)"""
    svc = small_service(ingest=False)
    files = [("a.txt", b"Le lac est bleu. " * 470)]
    files += [(f"{n}.docx", word_of_chars(30_000, 1000)) for n in "bc"]
    sent = sum(len(d) for _, d in files)
    assert 8_000 + 31_000 < 4 * sent < 8_000 + 2 * 31_000
    t0 = time.perf_counter()
    r = _upload(svc, files)
    assert time.perf_counter() - t0 < 3.0
    assert r.status_code == 413, r.text
    error = r.json()["error"]
    assert error == (f"upload:c.docx: the files give more than {4 * sent} characters of text "
                     "in all (limit 4 per byte of the files uploaded)")
    assert _ids(svc) == set()


def test_the_pdfs_of_one_upload_share_what_pypdf_may_parse(small_service: Any) -> None:
    """Three 2 KB PDFs of 500 KB of operators: each within its own 1 MB, not all three in
    one request (before: all read; a thousand such files were a thousand MB to parse)."""
    svc = small_service(ingest=False)
    r = _upload(svc, [(f"{n}.pdf", drawing_pdf(500)) for n in "abc"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 2
    (skip,) = body["skipped"]
    assert skip["source"] == "upload:c.pdf"
    assert skip["reason"].startswith("PDF page content too large to read"), skip
    assert "/tmp" not in skip["reason"]
    assert _ids(svc) == {"a", "b"}


def test_a_json_document_over_max_document_chars_is_422(small_service: Any) -> None:
    svc = small_service(ingest=False, max_document_chars=1000)
    r = svc.client.post("/documents", json={"documents": [
        {"id": "court", "text": "Le lac."}, {"id": "long", "text": "a" * 1001}]})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == ("documents[1]: `text` longer than 1000 characters "
                                 "(limit per document)")
