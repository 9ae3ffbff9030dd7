"""PDF and Word files a few KB long that cost pypdf or python-docx minutes or GB to read: the
loader skips them with its reason, fast and without building what they would inflate to."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from rag import loaders_office
from rag.loaders import load_paths
from tests.pdf_files import pdf_file

QUICK_S = 5.0  # with the limits each file is refused in about a second at most


def cmap(pad: bytes, size: int) -> bytes:
    """A /ToUnicode CMap of one mapping then `size` bytes of `pad` lines: pypdf parses them all,
    slowly, and they do not count against its 100,000-mapping cap."""
    head = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            b"1 beginbfchar\n<41> <0041>\nendbfchar\n")
    return head + pad * (size // len(pad)) + b"endcmap\nend\nend\n"


def _stream(data: bytes, extra: bytes = b"", packed: bytes | None = None) -> bytes:
    packed = zlib.compress(data, 9) if packed is None else packed
    return (b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
            + packed + b"\nendstream")


def font_pdf(font: bytes, font_stream: bytes, pages: int, draws: int = 0,
             names: int = 1) -> bytes:
    """`pages` pages showing text in one font (object 4, under `names` names), whose
    dictionary `font` refers to object 3, `font_stream`. With `draws` the text is a form's
    (object 5), drawn that many times by each page; the pages share one content stream and
    one resource dictionary."""
    text = b"BT /F1 12 Tf 72 712 Td (Bonjour) Tj ET"
    fonts = b"<< /Font << " + b" ".join(b"/F%d 4 0 R" % (1 + i) for i in range(names)) + b" >> >>"
    if draws:
        shown = _stream(text, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                        b"/Resources " + fonts + b" ")
        content = _stream(b"/X Do\n" * draws)
        resources = b"<< /XObject << /X 5 0 R >> >>"
    else:
        shown = b"<< >>"
        content = _stream(text)
        resources = fonts
    kids = b" ".join(b"%d 0 R" % (8 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            font_stream, font, shown, content, resources]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R "
             b"/Resources 7 0 R >>"] * pages
    return pdf_file(objs)


def to_unicode_pdf(pad: bytes, size: int, pages: int, draws: int = 0) -> bytes:
    return font_pdf(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 3 0 R >>",
                    _stream(cmap(pad, size)), pages, draws)


def _skipped(tmp_path: Path, name: str, data: bytes) -> tuple[str, float]:
    (tmp_path / name).write_bytes(data)
    start = time.monotonic()
    result = load_paths([tmp_path / name])
    elapsed = time.monotonic() - start
    assert result.documents == []
    (skip,) = result.skipped
    return skip.reason, elapsed


MB = 1 << 20


@pytest.mark.parametrize(("data", "reason"), [
    # one page: 10 MB of "]" lines took 6.5 s and 650 MB to parse, once
    pytest.param(lambda: to_unicode_pdf(b"]", 10 * MB, 1),
                 "PDF font too large to read (a /ToUnicode stream of ", id="huge-cmap"),
    # 1 MB of padding, under the size cap, parsed again for each of 40 pages: 9 s
    pytest.param(lambda: to_unicode_pdf(b"<a>\n", MB, 40),
                 "PDF page content too large to read", id="cmap-shared-by-pages"),
    # the same CMap in a form's font, built again each of the 40 times the page draws it: 9 s
    pytest.param(lambda: to_unicode_pdf(b"<a>\n", MB, 1, draws=40),
                 "PDF page content too large to read", id="cmap-in-a-form-drawn-often"),
    # a 30 MB Type1 font program (no /ToUnicode) pypdf parses once and hashes on each page
    pytest.param(lambda: font_pdf(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Zorglub /FontDescriptor << /Type "
        b"/FontDescriptor /FontName /Zorglub /FontFile 3 0 R >> >>",
        _stream(b"%!PS-AdobeFont-1.0: Zorglub\n" + b"% pad\n" * (5 * MB)), 400),
                 "PDF page content too large to read", id="font-program-shared-by-pages"),
    # one small font under 6,000 names: pypdf builds and holds 6,000 fonts (~100 MB) per page
    pytest.param(lambda: font_pdf(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                  b"<< >>", 30, names=6000),
                 "PDF page with too many fonts (6000; limit", id="many-names-for-one-font"),
])
def test_pdf_font_bombs_are_skipped_before_pypdf_parses_them(
        tmp_path: Path, data: object, reason: str) -> None:
    """pypdf builds each font of a page (or of a form, each time it is drawn) again, /ToUnicode
    CMap included: a 10 KB file could hold the server for hours. The fonts a page uses are
    charged to the page budget before pypdf reads the page."""
    assert callable(data)
    pdf = data()
    assert len(pdf) < 128 * 1024

    got, elapsed = _skipped(tmp_path, "bombe.pdf", pdf)

    assert got.startswith(reason), got
    assert elapsed < QUICK_S


def test_pdf_pages_sharing_a_real_sized_cmap_load(tmp_path: Path) -> None:
    """A font's /ToUnicode of 2,000 mappings (~30 KB) on each of 40 pages is read as before."""
    mappings = b"".join(b"<%04X> <%04X>\n" % (i, 0x41 + i % 26) for i in range(2000))
    legit = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
             b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
    legit += b"".join(b"100 beginbfchar\n" + mappings[i * 1400:(i + 1) * 1400] + b"endbfchar\n"
                      for i in range(20))
    legit += b"endcmap\nend\nend\n"
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Zorglub /Encoding /Identity-H "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Zorglub "
            b"/W [0 [" + b"500 " * 2000 + b"]] >>] /ToUnicode 3 0 R >>")
    path = tmp_path / "police.pdf"
    path.write_bytes(font_pdf(font, _stream(legit), 40))

    [doc] = load_paths([path]).documents

    assert doc.metadata["page_count"] == 40


SAID = b"BT /F1 12 Tf 72 712 Td (Le volcan Zorglub dort depuis mille ans.) Tj ET\n"
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
# pypdf goes through a damaged Flate stream a byte at a time before it gives up, up to its
# recovery limit (5 MB: ~4 s), and again at each use of the stream. The tests lower the limit
# to keep their files small (the loader leaves it as it is): a zlib header, then no
# valid block, past the limit.
RECOVERY = 500_000
DAMAGED = b"x\x9c" + b"\xff" * (RECOVERY + 100_000)
FORM = b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "


def pages_pdf(contents: list[bytes], resources: bytes, *objs: bytes) -> bytes:
    """A page for each of `contents` (references to objects), font /F1 object 3, `objs` from
    object 4 on."""
    n = 3 + len(objs)
    kids = b" ".join(b"%d 0 R" % (n + 1 + i) for i in range(len(contents)))
    return pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
                     HELVETICA, *objs,
                     *(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %s "
                       b"/Resources %s >>" % (c, resources) for c in contents)])


@contextlib.contextmanager
def flate_decodes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The sizes of the Flate streams pypdf decodes (each attempt), under RECOVERY."""
    import pypdf
    from pypdf import filters

    seen: list[int] = []
    decompress = filters.decompress

    def counted(data: bytes) -> bytes:
        seen.append(len(data))
        return decompress(data)

    monkeypatch.setattr(filters, "decompress", counted)
    with pypdf.apply_configuration(zlib_maximum_recovery_input_length=RECOVERY):
        yield seen


@pytest.mark.parametrize("data", [
    # page 1 has its own content; the 40 others share a damaged one
    pytest.param(lambda: pages_pdf([b"4 0 R"] + [b"5 0 R"] * 40, b"<< /Font << /F1 3 0 R >> >>",
                                   _stream(SAID), _stream(b"", packed=DAMAGED)),
                 id="pages-sharing-a-damaged-content-stream"),
    # a page drawing a damaged form 40 times
    pytest.param(lambda: pages_pdf([b"5 0 R"],
                                   b"<< /Font << /F1 3 0 R >> /XObject << /X 4 0 R >> >>",
                                   _stream(b"", FORM, packed=DAMAGED),
                                   _stream(SAID + b"/X Do\n" * 40)),
                 id="a-damaged-form-drawn-often"),
])
def test_pdf_damaged_stream_is_decoded_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: object) -> None:
    """pypdf tried to decode a damaged stream again for each page that shares it and each time
    a form is drawn, a byte at a time: a 6 MB file of 5 pages took 40 s, of 1,000 pages hours.
    It is tried once and read as empty from then on; the rest of the file reads as before."""
    assert callable(data)
    pdf = data()
    path = tmp_path / "abime.pdf"
    path.write_bytes(pdf)

    with flate_decodes(monkeypatch) as decoded:
        start = time.monotonic()
        [doc] = load_paths([path]).documents
        elapsed = time.monotonic() - start

    assert doc.text == "Le volcan Zorglub dort depuis mille ans."
    tries = decoded.count(len(DAMAGED))
    assert tries == 1, f"the damaged stream was decoded {tries} times"
    assert elapsed < QUICK_S


def test_pdf_pages_sharing_a_damaged_content_stream_are_unreadable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No page with text: the file is skipped as damaged, as before, once it is tried."""
    pdf = pages_pdf([b"4 0 R"] * 40, b"<< /Font << /F1 3 0 R >> >>", _stream(b"", packed=DAMAGED))

    with flate_decodes(monkeypatch) as decoded:
        reason, elapsed = _skipped(tmp_path, "abime.pdf", pdf)

    assert reason == "damaged PDF: text of 40 of 40 pages unreadable"
    tries = decoded.count(len(DAMAGED))
    assert tries == 1, f"the damaged stream was decoded {tries} times"
    assert elapsed < QUICK_S


def test_pdf_page_content_joined_past_the_cap_is_charged(tmp_path: Path) -> None:
    """A page's content made of streams that decode but are too large joined: pypdf refused the
    page after decoding them, and kept them (the budget charged nothing; 10 pages of two
    31 MB streams, a 640 KB file, took 790 MB). What a page decodes is charged."""
    bomb = _stream(b" " * (31 * MB))
    contents = [b"[%d 0 R %d 0 R]" % (4 + 2 * i, 5 + 2 * i) for i in range(10)]
    pdf = pages_pdf(contents, b"<< /Font << /F1 3 0 R >> >>", *[bomb] * 20)
    assert len(pdf) < 1 * MB

    reason, elapsed = _skipped(tmp_path, "bombe.pdf", pdf)

    assert reason.startswith("PDF page content too large to read"), reason
    assert elapsed < QUICK_S


def _drawing_pdf(draws: int, pad: int) -> bytes:
    """One page drawing a form of 2,000 operators `draws` times (~3.5 s a thousand draws), in
    time; `pad` unread bytes make the file large enough for its budget to allow it."""
    return pages_pdf([b"5 0 R"], b"<< /Font << /F1 3 0 R >> /XObject << /X 4 0 R >> >>",
                     _stream(SAID + b"n\n" * 2000, FORM), _stream(b"/X Do\n" * draws),
                     b"<< /Length %d >>\nstream\n%s\nendstream" % (pad, b"\0" * pad))


@pytest.mark.parametrize(("seconds", "data", "reason"), [
    # checked before each object pypdf resolves (opening the file, counting its pages) and
    # between pages: none is read
    pytest.param(0.0, lambda: _drawing_pdf(1, 0),
                 "PDF too slow to read (over 0 s, before its first page; limit per file)",
                 id="between-pages"),
    # and while the page draws forms, which pypdf parses again each time: read in ~7 s
    pytest.param(0.3, lambda: _drawing_pdf(2000, 4 * MB),
                 "PDF too slow to read (over 0.3 s, at page 1; limit per file)",
                 id="within-a-page"),
])
def test_pdf_still_being_read_after_its_time_is_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seconds: float, data: object,
        reason: str) -> None:
    """Whatever makes a PDF slow, the server is not held much past PDF_READ_SECONDS by one:
    the file is refused, as one over its budget is."""
    assert callable(data)
    pdf = data()
    monkeypatch.setattr(loaders_office, "PDF_READ_SECONDS", seconds, raising=False)

    got, elapsed = _skipped(tmp_path, "lent.pdf", pdf)

    assert got == reason
    assert elapsed < QUICK_S


def word_file(body: bytes, rename: bool = False) -> bytes:
    """A real .docx with `body` at the start of its body; `rename` stores the main part as
    word/document.dat, which python-docx still parses (it goes by the declared content type)."""
    d = docx.Document()
    d.add_paragraph("Le volcan Zorglub dort depuis mille ans.")
    plain = io.BytesIO()
    d.save(plain)
    src = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            name, data = item.filename, src.read(item.filename)
            if name == "word/document.xml":
                head, _, tail = data.partition(b"<w:body>")
                data = head + b"<w:body>" + body + tail
                name = "word/document.dat" if rename else name
            elif rename and name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"word/document.xml", b"word/document.dat")
            elif rename and name == "word/_rels/document.xml.rels":
                name = "word/_rels/document.dat.rels"
            z.writestr(name, data)
    return out.getvalue()


# 4 million nodes in 28 MB of XML (under the 64 MB cap), ~60 KB zipped
NODE_BOMB = b"<w:p/>" * 4_000_000


@pytest.mark.parametrize(("body", "rename"), [
    pytest.param(NODE_BOMB, False, id="empty-paragraphs"),
    pytest.param(b"<!---->" * 4_000_000, False, id="comments"),
    pytest.param(NODE_BOMB, True, id="main-part-not-named-xml"),
])
def test_word_xml_node_bomb_is_skipped(tmp_path: Path, body: bytes, rename: bool) -> None:
    """Millions of tiny nodes in a few MB of XML: python-docx's tree holds ~300 bytes a node
    (60 MB of `<w:p/>` took 3 GB and 19 s). The nodes are counted as the zip inflates."""
    data = word_file(body, rename)
    assert len(data) < 128 * 1024

    reason, elapsed = _skipped(tmp_path, "bombe.docx", data)

    assert reason.startswith("Word file with too much XML (over "), reason
    assert elapsed < QUICK_S


_PEAK = """
import resource, sys
from rag.loaders_office import Unreadable, read_docx
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_docx(data)
    print("read", end=" ")
except Unreadable:
    print("skipped", end=" ")
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_word_xml_node_bomb_is_skipped_without_building_its_tree(tmp_path: Path) -> None:
    """Peak memory, in a fresh interpreter: python-docx took ~1.3 GB for this file; the
    counting pass holds no tree."""
    (tmp_path / "bombe.docx").write_bytes(word_file(NODE_BOMB))

    run = subprocess.run([sys.executable, "-c", _PEAK, str(tmp_path / "bombe.docx")],
                         capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[2])

    assert run.returncode == 0, run.stderr
    outcome, grew_mb = run.stdout.split()
    assert outcome == "skipped"
    assert int(grew_mb) < 200, f"peak memory grew by {grew_mb} MB"


def test_word_file_with_a_dtd_is_skipped(tmp_path: Path) -> None:
    """Entities a DTD declares would be nodes of their own; Word never writes one."""
    data = word_file(b"")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "word/document.xml":
                head, sep, tail = part.partition(b"?>")
                part = head + sep + b'<!DOCTYPE w:document [<!ENTITY z "Zorglub">]>' + tail
            z.writestr(item.filename, part)

    reason, _ = _skipped(tmp_path, "dtd.docx", out.getvalue())

    assert reason == "Word file with a DTD in its XML"


def test_word_file_with_a_big_svg_image_is_read() -> None:
    """Media parts python-docx never parses (an SVG image is XML too) count by their bytes,
    not as XML nodes: a 600,000-path drawing made a real document "too much XML"."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg">' + b'<path d="M0 0h1"/>' * 600_000
           + b"</svg>")
    src = zipfile.ZipFile(io.BytesIO(word_file(b"")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                part = part.replace(b"<Default ", b'<Default Extension="svg" '
                                    b'ContentType="image/svg+xml"/><Default ', 1)
            elif item.filename == "word/_rels/document.xml.rels":
                part = part.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdSvg" Target="media/image1.svg" Type="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships/image"/>'
                    b"</Relationships>"))
            z.writestr(item.filename, part)
        z.writestr("word/media/image1.svg", svg)
    data = out.getvalue()
    assert len(data) < 128 * 1024
    assert b"image/svg+xml" in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")

    got = loaders_office.read_docx(data)

    assert "Zorglub" in got.text
    assert docx.Document(io.BytesIO(data)).part.related_parts["rIdSvg"].blob == svg
