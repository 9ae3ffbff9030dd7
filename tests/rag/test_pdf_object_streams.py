"""PDF files whose objects cost pypdf far more to resolve than their size says, before a page is
read (forty-seventh review, F1): pages in object streams of padding (a 588 KB file took 59 s and
639 MB to have its pages counted), a cross-reference stream listing millions of entries (an
18 KB file: 10 s and 220 MB inside PdfReader). The budget and the clocks are read first."""

from __future__ import annotations

import contextlib
import os
import tracemalloc
import zlib
from collections.abc import Callable, Iterator

import pytest

from rag import loaders_office
from rag.loaders_office import PdfAllowance, Unreadable, read_pdf
from rag.read_clock import ReadCancelled, ReadClock

MB = 1 << 20


VOLCANOES = ["Etna", "Stromboli", "Vulcano", "Hekla", "Katla", "Askja", "Krafla", "Laki",
             "Teide", "Fuji"]



def _with_xref_stream(out: bytearray, offsets: dict[int, int], xref: int,
                      packed_row: Callable[[int], bytes | None]) -> bytes:
    """`out` closed by a cross-reference stream (object `xref`): objects at `offsets`, those
    `packed_row` gives a row for inside object streams, the rest free."""
    rows = bytearray()
    for n in range(xref + 1):
        if n in offsets:
            rows += b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00"
        elif (row := packed_row(n)) is not None:
            rows += row
        elif n == xref:
            rows += b"\x01" + len(out).to_bytes(4, "big") + b"\x00"
        else:
            rows += b"\x00" * 6
    start = len(out)
    packed = zlib.compress(bytes(rows))
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 1] /Root 1 0 R /Filter /FlateDecode "
            b"/Length %d >>\nstream\n" % (xref, xref + 1, len(packed)) + packed
            + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start)
    return bytes(out)

def said(page: int) -> str:
    return f"Le volcan {VOLCANOES[page % len(VOLCANOES)]} dort depuis {page + 2} siecles."


def object_stream_pdf(pages: int, pad: int, filler: int = 0) -> bytes:
    """`pages` pages, each page object alone in an object stream that decodes to `pad` bytes of
    spaces after it (pypdf parses them all to resolve the page); each page shows its own line.
    `filler` bytes of an unreferenced stream of random bytes make the file (and its budget)
    larger."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def put(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        packed = zlib.compress(data, 9)
        return (b"<< %s/Filter /FlateDecode /Length %d >>\nstream\n" % (extra, len(packed))
                + packed + b"\nendstream")

    page_numbers = [10 + i for i in range(pages)]
    put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    put(2, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % n for n in page_numbers)
        + b"] /Count %d >>" % pages)
    put(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if filler:
        put(4, b"<< /Length %d >>\nstream\n" % filler + os.urandom(filler) + b"\nendstream")
    for i, number in enumerate(page_numbers):
        put(1000 + i, stream(b"BT /F1 12 Tf 72 712 Td (%s) Tj ET" % said(i).encode()))
        page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>" % (1000 + i))
        header = b"%d 0 " % number
        put(2000 + i, stream(header + page + b" " * pad,
                             b"/Type /ObjStm /N 1 /First %d " % len(header)))
    return _with_xref_stream(out, offsets, 3000, lambda n: b"\x02" + (2000 + n - 10).to_bytes(
        4, "big") + b"\x00" if n in page_numbers else None)


def xref_bomb_pdf(entries: int) -> bytes:
    """One page, and a cross-reference stream listing `entries` more objects (all object 1):
    a few KB."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            b">> >> >> >>"]
    content = b"BT /F1 12 Tf 72 712 Td (Le volcan Zorglub dort.) Tj ET"
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    start = len(out)
    rows = b"\x00" + b"\x00" * 4 + b"\xff"
    rows += b"".join(b"\x01" + o.to_bytes(4, "big") + b"\x00" for o in [*offsets, start])
    rows += (b"\x01" + offsets[0].to_bytes(4, "big") + b"\x00") * entries
    packed = zlib.compress(rows, 9)
    out += (b"6 0 obj\n<< /Type /XRef /Size %d /W [1 4 1] /Root 1 0 R /Filter /FlateDecode "
            b"/Length %d >>\nstream\n" % (6 + entries, len(packed)) + packed
            + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start)
    return bytes(out)


# pypdf goes through a damaged Flate stream a byte at a time before it gives up, up to its
# recovery limit (5 MB: ~4 s); the test lowers it to keep its file small.
RECOVERY = 200_000
DAMAGED = b"x\x9c" + b"\xff" * (RECOVERY + 50_000)


def damaged_object_stream_pdf(pages: int) -> bytes:
    """`pages` pages, each with its own font, all the fonts in one damaged object stream."""
    out = bytearray(b"%PDF-1.5\n")
    offsets: dict[int, int] = {}

    def put(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    put(2, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (100 + i) for i in range(pages))
        + b"] /Count %d >>" % pages)
    content = b"BT /F1 12 Tf 72 712 Td (Bonjour) Tj ET"
    put(3, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    put(50, b"<< /Type /ObjStm /N %d /First 10 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (pages, len(DAMAGED)) + DAMAGED + b"\nendstream")
    for i in range(pages):
        put(100 + i, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (200 + i))
    return _with_xref_stream(out, offsets, 300, lambda n: b"\x02" + (50).to_bytes(4, "big")
                             + bytes([n - 200]) if 200 <= n < 200 + pages else None)


@contextlib.contextmanager
def peak_memory() -> Iterator[list[int]]:
    """The most memory Python held meanwhile, above what it held before (bytes); pypdf's
    modules imported before (their first import takes ~10 MB)."""
    read_pdf(xref_bomb_pdf(10))
    peak: list[int] = []
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


@contextlib.contextmanager
def flate_decodes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The decoded sizes of the Flate streams pypdf decodes (-1: it failed)."""
    from pypdf import filters

    seen: list[int] = []
    decompress = filters.decompress

    def counted(data: bytes) -> bytes:
        seen.append(-1)
        decoded = decompress(data)
        seen[-1] = len(decoded)
        return decoded

    monkeypatch.setattr(filters, "decompress", counted)
    yield seen


def test_pdf_pages_in_object_streams_of_padding_are_refused_before_pypdf_parses_them() -> None:
    """Three pages each alone in an object stream of 4 MB of spaces (a 14 KB file): pypdf
    parsed and kept all 12 MB to count the pages, and the file was read. Now each stream is
    charged before pypdf parses it, decoded no further than the file's budget (~1.1 MB)."""
    pdf = object_stream_pdf(3, 4 * MB)
    assert len(pdf) < 32 * 1024

    with peak_memory() as peak, pytest.raises(Unreadable) as refused:
        read_pdf(pdf)

    assert str(refused.value).startswith("PDF objects too large to read (over "), refused.value
    assert peak[0] < 6 * MB, f"{peak[0]} bytes held"


def test_pdf_pages_in_object_streams_within_the_budget_are_read_and_not_kept() -> None:
    """Six pages each in an object stream of 1 MB of padding, in a file of ~1 MB: within its
    budget, read as before; each stream is dropped once parsed (pypdf kept all 6 MB)."""
    pdf = object_stream_pdf(6, MB, filler=MB)

    with peak_memory() as peak:
        doc = read_pdf(pdf)

    assert doc.metadata["page_count"] == 6
    assert [line for line in doc.text.split("\n") if line] == [said(i) for i in range(6)]
    assert peak[0] < 4 * MB, f"{peak[0]} bytes held"


def test_pdf_xref_stream_of_too_many_entries_is_refused() -> None:
    """A cross-reference stream listing 150,000 objects in a 2 KB file (pypdf allows 2,000,000:
    10 s and 220 MB, in PdfReader itself): at most PDF_MIN_XREF_ENTRIES, or one per two bytes
    of the file."""
    pdf = xref_bomb_pdf(150_000)
    assert len(pdf) < 8 * 1024

    with pytest.raises(Unreadable, match="Maximum XRef stream entry limit reached"):
        read_pdf(pdf)


def test_pdf_with_a_few_xref_stream_entries_is_read() -> None:
    assert read_pdf(xref_bomb_pdf(10)).text == "Le volcan Zorglub dort."


@pytest.mark.parametrize("clock", ["file", "load"])
def test_pdf_object_streams_wait_for_the_clocks(
        monkeypatch: pytest.MonkeyPatch, clock: str) -> None:
    """The file's own time (PDF_READ_SECONDS) and the load's clock (its client went away) were
    first read at page 1, after every page's object stream was decoded and parsed. They are
    read before pypdf resolves anything: no object stream is decoded."""
    pdf = object_stream_pdf(3, 100_000)
    allowance = PdfAllowance()
    if clock == "file":
        monkeypatch.setattr(loaders_office, "PDF_READ_SECONDS", 0.0)
        expected: type[Exception] = Unreadable
    else:
        allowance = PdfAllowance(ReadClock(None, cancelled=lambda: True))
        expected = ReadCancelled

    with flate_decodes(monkeypatch) as decoded, pytest.raises(expected) as stopped:
        read_pdf(pdf, allowance=allowance)

    pages = [n for n in decoded if n > 100_000]  # (the cross-reference stream: 18 KB)
    assert pages == [], f"object streams decoded: {pages}"
    if clock == "file":
        assert str(stopped.value) == ("PDF too slow to read (over 0 s, before its first page; "
                                      "limit per file)")


def test_pdf_damaged_object_stream_is_decoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page's font in one damaged object stream: pypdf went through it a byte at a time
    again for each page (a 606 KB file of 40 pages took 15 s). Tried once, it fails at once
    from then on; the file is skipped as damaged, as pypdf finds it."""
    import pypdf

    pdf = damaged_object_stream_pdf(5)

    with (flate_decodes(monkeypatch) as decoded,
          pypdf.apply_configuration(zlib_maximum_recovery_input_length=RECOVERY),
          pytest.raises(Unreadable) as refused):
        read_pdf(pdf)

    assert str(refused.value) == "damaged PDF: text of 5 of 5 pages unreadable"
    assert decoded.count(-1) == 1, f"the damaged stream was decoded {decoded.count(-1)} times"
