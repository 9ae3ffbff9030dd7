"""Uploads that are small on the wire and huge once read, over a real server: a Word zip bomb is
skipped with its reason before it is inflated, and the other files of the request still load."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx

BOMB_XML_MB = 100  # over the 64 MiB of XML a Word file may unpack to


def word_bomb(xml_mb: int) -> bytes:
    """A real .docx whose document.xml carries `xml_mb` MB of blanks in a comment: valid XML,
    ~100 KB zipped."""
    doc = docx.Document()
    doc.add_paragraph("Le volcan Zorglub dort depuis mille ans.")
    plain = io.BytesIO()
    doc.save(plain)
    src = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, tail = data.decode().partition("<w:body>")
                data = f"{head}<w:body><!--{' ' * (xml_mb << 20)}-->{tail}".encode()
            z.writestr(item, data)
    return out.getvalue()


def test_word_zip_bomb_is_skipped_before_it_is_inflated(small_service: Any) -> None:
    svc = small_service(ingest=False)
    bomb = word_bomb(BOMB_XML_MB)
    assert len(bomb) < 1 << 20
    r = svc.client.post("/documents", params={"async": "false"}, files=[
        ("files", ("bombe.docx", bomb)),
        ("files", ("lac.txt", b"Le lac d'Annecy est l'un des plus purs d'Europe."))])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1
    (skip,) = body["skipped"]
    assert skip["source"] == "upload:bombe.docx"
    assert "too large unpacked" in skip["reason"], skip
