"""Twenty-fourth review, F1: what one upload may cost to parse.

Each PDF had 30 s of its own and each Word file a node cap of its own, but nothing bounded
the files of one upload together (1,000 of them fit in one request), a page or an /XObject
entry cost pypdf time and was charged nothing (an 11.5 KB PDF took the whole 30 s), and a
client that hung up did not stop the parsing. Real pypdf, python-docx and lxml."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.loaders import Uploads
from rag.loaders_office import Unreadable, read_pdf
from rag.read_clock import ReadCancelled, ReadClock, ReadTooSlow
from tests.cpu import cpu_spent
from tests.pdf_files import pdf_file
from tests.rag.test_loaders_office_bombs import word_file


def fanned_out_pdf(kids: int, images: int) -> bytes:
    """kids x kids pages, all one page object whose resources name `images` image XObjects
    (none a form): a few KB."""
    image = (b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB "
             b"/BitsPerComponent 8 /Length 3 >>\nstream\n\x00\x00\x00\nendstream")
    names = b"".join(b"/I%d 6 0 R " % i for i in range(images))
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b"3 0 R " * kids + b"] /Count %d >>" % (kids * kids),
        b"<< /Type /Pages /Parent 2 0 R /Kids [" + b"4 0 R " * kids + b"] /Count %d >>" % kids,
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Resources 5 0 R >>",
        b"<< /XObject << " + names + b">> >>",
        image])


def test_pages_and_xobject_entries_are_charged_before_pypdf_walks_them() -> None:
    """99,225 pages of 600 images each, 11.5 KB: 29.75 s of CPU before, to the 30 s limit."""
    data = fanned_out_pdf(315, 600)
    assert len(data) < 16_000
    with cpu_spent() as spent, pytest.raises(Unreadable, match="too large"):
        read_pdf(data)
    assert spent.seconds < 8, spent.seconds


# A Word file of 900,000 empty runs: under the per-file node cap, about a second to count
SLOW_WORD = word_file(b"<w:p>" + b"<w:r/>" * 900_000 + b"</w:p>")


def _upload(folder: Uploads, files: int) -> None:
    for i in range(files):
        path = folder.place(f"runs{i}.docx")
        assert path is not None
        path.write_bytes(SLOW_WORD)


def test_an_uploads_files_share_one_parsing_clock() -> None:
    """Eight such files read in turn took ~1.7 s each, nothing bounding them together."""
    with Uploads(read_seconds=1.0) as folder:
        _upload(folder, 8)
        with cpu_spent() as spent, pytest.raises(ReadTooSlow, match="1 s to read in all"):
            folder.load()
    assert spent.seconds < 5, spent.seconds


def test_an_upload_stops_when_its_client_goes() -> None:
    """`cancelled` (the route's hang-up token) is read between files and inside them."""
    calls = 0

    def gone() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with Uploads(read_seconds=None) as folder:
        _upload(folder, 8)
        with cpu_spent() as spent, pytest.raises(ReadCancelled):
            folder.load(gone)
    assert spent.seconds < 4, spent.seconds


def test_a_clock_without_deadline_or_client_never_stops() -> None:
    clock = ReadClock(None)
    clock.check()
    assert not clock.late()


def test_ordinary_files_are_read_under_the_clock(tmp_path: Path) -> None:
    with Uploads(read_seconds=30) as folder:
        path = folder.place("note.docx")
        assert path is not None
        path.write_bytes(word_file(b"<w:p><w:r><w:t>Une note.</w:t></w:r></w:p>"))
        docs, skipped = folder.load()
    assert [d.id for d in docs] == ["note"] and not skipped
    assert "Une note." in docs[0].text


def test_a_page_tree_past_pypdfs_own_limit_is_a_damaged_pdf() -> None:
    """pypdf refuses a page tree of over 100,000 entries with LimitReachedError, no
    PdfReadError: it escaped read_pdf's contract and read "cannot parse: Maximum page tree
    entry limit reached" (F5b). Now a reason like any damaged file's."""
    with pytest.raises(Unreadable, match=r"^damaged PDF \(LimitReachedError"):
        read_pdf(fanned_out_pdf(400, 0))
