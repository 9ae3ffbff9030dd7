"""What text an upload may give in all, over a real server: 4 characters per byte of the files
the request sent (of a type the loaders read), not per byte of RAG_MAX_UPLOAD_BYTES. Before
(sixth review, F1), every upload might read 80 M characters: a 75 KB .docx read as 9.9 M
emoji, and nine 600 KB uploads queued as jobs held 3 GB until the server died."""

from __future__ import annotations

import random
import string
from typing import Any

from tests.rag.text_files import word_file, word_of_chars
from tests.service.conftest import Service


def _upload(svc: Service, files: list[tuple[str, bytes]], **params: str) -> Any:
    return svc.client.post("/documents", params={"async": "false", **params}, timeout=120,
                           files=[("files", f) for f in files])


def _ids(svc: Service) -> set[str]:
    return {d["doc_id"] for d in svc.client.get("/documents").json()}


def _prose_docx(chars: int) -> bytes:
    """A .docx of `chars` characters that compress as little as words of random letters do:
    fewer characters than bytes, as real Word files have."""
    rnd = random.Random(7)
    words = " ".join("".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(2, 9)))
                     for _ in range(chars // 5))[:chars]
    return word_file(f'<w:p><w:r><w:t xml:space="preserve">{words}</w:t></w:r></w:p>')


def test_an_upload_reads_four_characters_per_byte_it_sent(small_service: Any) -> None:
    """A 1 KB .docx of 30,000 characters: 30 characters a byte. Its upload may read ~4,000;
    before, 80 M (4 a byte of the 20 MB allowed) whatever it sent, so it was ingested."""
    svc = small_service(ingest=False)
    dense = word_of_chars(30_000, 1000)
    assert len(dense) < 1024
    r = _upload(svc, [("dense.docx", dense)])
    assert r.status_code == 413, r.text
    limit = 4 * len(dense)
    assert r.json()["error"] == (f"upload:dense.docx: the files give more than {limit} "
                                 "characters of text in all (limit 4 per byte of the files "
                                 "uploaded)")
    # as a job: refused before it is queued, holding nothing
    r = _upload(svc, [("dense.docx", dense)], **{"async": "true"})
    assert r.status_code == 413, r.text
    # bytes of a file no loader reads buy no text
    r = _upload(svc, [("dense.docx", dense), ("ballast.bin", b"\0" * 200_000)])
    assert r.status_code == 413, r.text
    assert f"more than {limit} characters" in r.json()["error"]
    assert _ids(svc) == set()


def test_files_of_real_density_still_load(small_service: Any) -> None:
    """Text that compresses as prose does (fewer characters than bytes) is read whole, with
    the other files of the request, and a dense file passes when the request sent enough."""
    svc = small_service(ingest=False)
    prose = _prose_docx(6_000)
    assert len(prose) > 6_000 / 4
    dense = word_of_chars(3_000, 1000)  # ~4,000 characters in ~850 bytes
    lake = ("lac.txt", ("Le lac d'Annecy est l'un des plus purs d'Europe. " * 10).encode())
    r = _upload(svc, [("prose.docx", prose), ("dense.docx", dense), lake])
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 3 and r.json()["skipped"] == []
    assert _ids(svc) == {"prose", "dense", "lac"}
