"""Uploads that are small on the wire and huge once read, over a real server: a Word zip bomb is
skipped with its reason before it is inflated, a PDF whose pages share one big compressed
stream or draw one form thousands of times before it is parsed; the request's other files
still load."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

import docx
import pytest

from tests.pdf_files import pdf_file

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


def pdf_bomb(pages: int, content_kb: int, form: bool) -> bytes:
    """A PDF of `pages` pages that all use one Flate stream of `content_kb` KB of text
    operators: as every page's content, or (`form`) as a form each page draws 2,000 times."""
    line = b"BT /F1 12 Tf 72 712 Td (Bonjour) Tj ET\n"
    stream = zlib.compress(line * (content_kb * 1024 // len(line)), 9)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    big = b"/Length %d /Filter /FlateDecode" % len(stream)
    # objects: 1 catalog, 2 pages, 3 font, 4 the big stream, 5 the page content, 6.. pages
    if form:
        big_obj = b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] " + big + \
            b" /Resources << /Font << /F1 3 0 R >> >> >>\nstream\n" + stream + b"\nendstream"
        draw = b"/X Do\n" * 2000
        content_obj = b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream"
        used = b"5 0 R"
    else:
        big_obj = b"<< " + big + b" >>\nstream\n" + stream + b"\nendstream"
        content_obj = b"<< >>"
        used = b"4 0 R"
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages, font, big_obj,
            content_obj]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + used
             + b" /Resources << /Font << /F1 3 0 R >> /XObject << /X 4 0 R >> >> >>"] * pages
    return pdf_file(objs)


LAKE = ("lac.txt", b"Le lac d'Annecy est l'un des plus purs d'Europe.")
# An upload reads 4 characters per byte it sent: 48 KB of blank lines let the bombs' first
# page be read (126,000 characters from 4 KB), so that what stops them is their own limit.
ROOMY_LAKE = (LAKE[0], LAKE[1] + b"\n" * 48_000)


def _skipped_with_lake(svc: Any, name: str, data: bytes) -> str:
    """Upload the bomb beside a plain file; the plain file loads, the bomb's reason."""
    r = svc.client.post("/documents", params={"async": "false"},
                        files=[("files", (name, data)), ("files", ROOMY_LAKE)], timeout=120)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1
    (skip,) = body["skipped"]
    assert skip["source"] == f"upload:{name}"
    return str(skip["reason"])


def test_word_zip_bomb_is_skipped_before_it_is_inflated(small_service: Any) -> None:
    svc = small_service(ingest=False)
    bomb = word_bomb(BOMB_XML_MB)
    assert len(bomb) < 1 << 20
    assert "too large unpacked" in _skipped_with_lake(svc, "bombe.docx", bomb)


@pytest.mark.parametrize("form", [False, True], ids=["shared-content", "form-drawn-often"])
def test_pdf_content_amplification_is_skipped(small_service: Any, form: bool) -> None:
    """Pages sharing 600 KB of operators (a 2 KB file): 6 MB for pypdf to parse, about a
    minute here. As a form drawn 2,000 times by each page it would be hours."""
    svc = small_service(ingest=False)
    bomb = pdf_bomb(10, 600, form)
    assert len(bomb) < 64 * 1024
    reason = _skipped_with_lake(svc, "bombe.pdf", bomb)
    assert "PDF page content too large to read" in reason, reason
