"""Uploads skip what they cannot read, file by file, as `rag ingest` does (issue 15 item 6)."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service


def test_one_unsupported_file_is_skipped_not_the_whole_upload(
        small_service: Callable[..., Service]) -> None:
    svc = small_service()
    odt = "application/vnd.oasis.opendocument.text"
    files = [("files", ("notes.txt", b"Le miel de lavande vient de Provence.",
                        "text/plain")),
             ("files", ("report.odt", b"PK\x03\x04 ...", odt))]
    for path in ("/documents", "/documents/upload"):
        r = svc.client.post(path, files=files)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["documents"] == 1
        assert body["skipped"] == [{"source": "upload:report.odt", "reason": body["skipped"][0][
            "reason"]}] and "unsupported file type" in body["skipped"][0]["reason"]
    # only unsupported files: the request itself is the wrong type
    r = svc.client.post("/documents", files=[files[1]])
    assert r.status_code == 415 and "report.odt" in r.json()["error"]
