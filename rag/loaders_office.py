"""Text of PDF and Word files, page by page, for `rag.loaders`.

Office files are not scraped web pages: the site-furniture pass (`rag.cleaning`) is not run
over them. Their own furniture is the running header and footer printed on every page, which
`drop_running_lines` removes per document. Page starts are kept as `metadata["pages"]`
(`[[offset, page_no], ...]` into the stored text) so a chunk's page can be named in citations
(`rag.pages.page_at`).
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EDGE_LINES = 3  # a running header/footer is among the first or last lines of a page
RUNNING_MAX_CHARS = 120
NO_TEXT_LAYER = "no text layer (a scanned or image-only PDF; OCR is not supported)"
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
                            "ﬅ": "st", "ﬆ": "st", "\x00": ""})
_DIGITS = re.compile(r"\d+")
_LIST_ITEM = re.compile(r"^([-–—•·*▪►]|\d{1,3}[.)]|[a-z][.)])\s")
WRAP_SHARE = 0.65  # a line at least this share of the column width was wrapped
TITLE_CHARS = 120
MIN_COLUMN_CHARS = 30  # narrower "columns" are tables and lists, not wrapped prose
_BLANKS = re.compile(r"\n{3,}")
_FILE_TITLE = re.compile(r"(?i)^(untitled|sans titre|microsoft word - .*|.*\.(docx?|pdf|odt))$")
# A .docx is a zip that python-docx unpacks whole into memory and lxml then parses: a 340 KB
# upload unpacking to 300 MB of XML took 316 MB of RSS, so at the 20 MB upload limit a zip bomb
# is tens of GB. The parts are counted as they inflate, before python-docx reads any.
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024  # XML parts, parsed into trees: a long book is ~30 MB
MAX_DOCX_BYTES = 256 * 1024 * 1024  # every part, images included
MAX_DOCX_PARTS = 10_000


class Unreadable(Exception):
    """The file cannot give text; the message is the reason shown to the user."""


@dataclass(slots=True)
class OfficeText:
    text: str
    title: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    dropped_lines: int = 0


def _running_key(line: str) -> str:
    """Page numbers differ from page to page: "Page 2 / 9" and "Page 3 / 9" are one line."""
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def _edges(lines: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])


def drop_running_lines(pages: list[str]) -> tuple[list[str], int]:
    """Pages without their running headers and footers: short lines near a page's top or
    bottom found on every page (one page may lack them from 4 pages on: a title page)."""
    if len(pages) < 2:
        return pages, 0
    split = [p.split("\n") for p in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({_running_key(lines[i]) for i in _edges(lines)
                       if len(lines[i].strip()) <= RUNNING_MAX_CHARS})
    need = len(pages) - (1 if len(pages) >= 4 else 0)
    running = {k for k, n in counts.items() if n >= need}
    if not running:
        return pages, 0
    out: list[str] = []
    dropped = 0
    for lines in split:
        edges = _edges(lines)
        kept = [line for i, line in enumerate(lines)
                if not (i in edges and _running_key(line) in running)]
        dropped += len(lines) - len(kept)
        out.append("\n".join(kept))
    return out, dropped


def unwrap_lines(text: str) -> str:
    """Lines a PDF wrapped to its column width joined back into paragraphs: a sentence cut
    at each line end would be cut for sentence-level evidence and highlighting too. A line
    that nearly fills the column continues on the next; a short line (a paragraph's last, a
    table row, a heading) ends where it is, and so does a line before a list item."""
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 3:
        return text
    width = lengths[(len(lengths) * 3) // 4]  # column width, even with a few long lines
    if width < MIN_COLUMN_CHARS:  # short lines only (a table, a list of names): keep them
        width = 10**6
    out = [lines[0]]
    for before, line in itertools.pairwise(lines):
        before = before.rstrip()  # the line as the PDF laid it out, not as joined so far
        nxt = line.strip()
        # a word cut at the line end ("compte-" / "rendu") continues, whatever the length
        hyphen = bool(nxt and re.search(r"[^\W\d_]-$", before) and nxt[0].islower())
        if hyphen or (nxt and before and len(before) >= WRAP_SHARE * width
                      and not _LIST_ITEM.match(nxt)):
            out[-1] = out[-1].rstrip() + ("" if hyphen else " ") + nxt
        else:
            out.append(line)
    return "\n".join(out)


def _tidy(text: str) -> str:
    text = text.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip("\n")


def join_pages(pages: list[tuple[int, str]]) -> tuple[str, list[list[int]]]:
    """One text from numbered pages (empty ones left out) and where each page starts."""
    parts: list[str] = []
    starts: list[list[int]] = []
    pos = 0
    for number, text in pages:
        if not text.strip():
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        starts.append([pos, number])
        parts.append(text)
        pos += len(text)
    return "".join(parts), starts


def _title(candidate: Any, text: str) -> str:
    """The file's own title, else its first line; a first line that is a whole paragraph
    (a PDF's lines joined back) gives its first sentence, at most TITLE_CHARS."""
    if isinstance(candidate, str) and candidate.strip() and not _FILE_TITLE.match(
            candidate.strip()):
        return " ".join(candidate.split())[:300]
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if len(first) <= TITLE_CHARS:
        return first
    end = re.search(r"[.!?…](?=\s)", first[:TITLE_CHARS])
    if end:
        return first[:end.start() + 1]
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _finish(pages: list[tuple[int, str]], title: Any, meta: dict[str, Any],
            unwrap: bool = False) -> OfficeText:
    texts, dropped = drop_running_lines([_tidy(t) for _, t in pages])
    if unwrap:
        texts = [unwrap_lines(t) for t in texts]
    text, starts = join_pages([(n, _tidy(t)) for (n, _), t in zip(pages, texts, strict=True)])
    if len(starts) > 1 or (starts and starts[0][1] != 1):
        meta["pages"] = starts
    return OfficeText(text, _title(title, text), meta, dropped)


# ---- PDF ------------------------------------------------------------------------------------


# pypdf reads page content at ~100-400 KB a second, and a page's content can be a small
# compressed stream (2 MB of operators from a 6.7 KB file took 18 s) that every page of the file
# shares, or a form drawn thousands of times (pypdf parses it again each time): a few KB could
# hold the server for hours. What pypdf would parse, page content once per page and a form
# once per time it is drawn, may be MIN_PDF_CONTENT_BYTES plus PDF_CONTENT_RATIO times the
# file's size, far above what text needs; operators an eighth of that.
MIN_PDF_CONTENT_BYTES = 1 << 20
PDF_CONTENT_RATIO = 8
MAX_FORM_DEPTH = 8


class _PdfBudget:
    def __init__(self, file_bytes: int) -> None:
        self.file_bytes = file_bytes
        self.limit = MIN_PDF_CONTENT_BYTES + PDF_CONTENT_RATIO * file_bytes
        self.content = 0
        self.operators = 0
        self.max_operators = self.limit // 8
        self._form_sizes: dict[Any, int] = {}  # decoded size of each form, decoded once
        self._forms: dict[Any, int] = {}  # this page's form names -> the largest such form

    def take_content(self, page: Any) -> None:
        """Charge a page's content before pypdf parses it, and learn its forms' sizes."""
        try:
            contents = page.get_contents()
            size = len(contents.get_data()) if contents is not None else 0
        except Exception:  # a damaged page: extract_text fails on it and says so
            size = 0
        self.content += size
        self._forms = {}
        try:
            self._learn_forms(page.get("/Resources"), 0)
        except Unreadable:
            raise
        except Exception:  # damaged resources: pypdf skips those forms too
            pass
        self.check()

    def _learn_forms(self, resources: Any, depth: int) -> None:
        resources = resources.get_object() if resources is not None else None
        xobjects: Any = resources.get("/XObject") if hasattr(resources, "get") else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        if depth > MAX_FORM_DEPTH or not hasattr(xobjects, "items"):
            return
        for name, ref in xobjects.items():
            key = getattr(ref, "idnum", None), getattr(ref, "generation", None)
            form = ref.get_object()
            if form.get("/Subtype") != "/Form":
                continue
            size = self._form_sizes.get(key) if key[0] is not None else None
            if size is None:
                size = len(form.get_data())
                self.content += size  # decoding it once counts too
                self.check()
                if key[0] is not None:
                    self._form_sizes[key] = size
                    self._learn_forms(form.get("/Resources"), depth + 1)
            self._forms[name] = max(self._forms.get(name, 0), size)

    def visit(self, operator: Any, operands: Any, *_: Any) -> None:
        """Called by pypdf before each operator, forms' own included."""
        self.operators += 1
        if operator == b"Do" and operands:
            self.content += self._forms.get(operands[0], 0)
        if self.operators > self.max_operators or self.content > self.limit:
            raise _Spent  # before the form is parsed; pypdf swallows it inside a form

    def check(self) -> None:
        if self.content > self.limit:
            raise Unreadable(f"PDF page content too large to read (over {self.content} bytes "
                             f"from a {self.file_bytes}-byte file; limit {self.limit})")
        if self.operators > self.max_operators:
            raise Unreadable(f"PDF drawing too large to read (over {self.max_operators} "
                             "operators)")


class _Spent(Exception):
    pass


def read_pdf(data: bytes) -> OfficeText:
    """Text layer of each page (pypdf, content-stream order: one column after the other)."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the skip reason says it once
    if b"%PDF-" not in data[:1024]:
        raise Unreadable("damaged PDF: no %PDF header")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted PDF: a password is needed to open it")
        n_pages = len(reader.pages)
    except Unreadable:
        raise
    except (DependencyError, NotImplementedError) as exc:
        raise Unreadable(f"encrypted PDF that cannot be decrypted here ({exc})") from None
    except FileNotDecryptedError:
        raise Unreadable("encrypted PDF: a password is needed to open it") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise Unreadable(f"damaged PDF ({type(exc).__name__}: {exc})") from None
    if n_pages == 0:
        raise Unreadable("damaged PDF: no pages")
    pages: list[tuple[int, str]] = []
    failed = 0
    budget = _PdfBudget(len(data))
    for number in range(1, n_pages + 1):
        page = reader.pages[number - 1]
        budget.take_content(page)  # before pypdf parses it: parsing is the slow part
        try:
            pages.append((number, page.extract_text(visitor_operand_before=budget.visit) or ""))
        except Exception:  # one broken page must not lose the others
            failed += 1
            pages.append((number, ""))
        budget.check()
    if not any(t.strip() for _, t in pages):
        if failed:
            raise Unreadable(f"damaged PDF: text of {failed} of {n_pages} pages unreadable")
        raise Unreadable(NO_TEXT_LAYER)
    meta: dict[str, Any] = {"page_count": n_pages}
    title: Any = None
    try:
        info = reader.metadata
        if info is not None:
            title = info.title
            if isinstance(info.author, str) and info.author.strip():
                meta["author"] = info.author.strip()[:300]
            if info.creation_date is not None:
                meta["date"] = info.creation_date.date().isoformat()
    except Exception:  # metadata is a bonus; a malformed date must not lose the text
        pass
    return _finish(pages, title, meta, unwrap=True)


# ---- Word -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PAGE = "\f"  # page mark inside extracted text, removed when the pages are split


def _paragraph_text(p: Any, rendered: bool) -> str:
    """A paragraph's text with `_PAGE` where a new page starts: Word's own rendered breaks
    when the file has them, else hard page breaks and `page break before`."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag == f"{_W}cr":
            out.append("\n")
        elif tag == f"{_W}br":
            if el.get(f"{_W}type") == "page":
                out.append("" if rendered else _PAGE)
            else:
                out.append("\n")
        elif tag == f"{_W}lastRenderedPageBreak" and rendered:
            out.append(_PAGE)
        elif tag == f"{_W}pageBreakBefore" and not rendered and el.get(f"{_W}val") not in (
                "0", "false", "off"):
            out.insert(0, _PAGE)
    return "".join(out)


def _check_unpacked_size(data: bytes) -> None:
    """Unreadable when the zip holds more parts or bytes than a Word file needs (see
    MAX_DOCX_BYTES). Each part is inflated a chunk at a time and counted: the sizes a zip
    declares can lie, and zipfile inflates a part whole before it checks them."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
        if len(parts) > MAX_DOCX_PARTS:
            raise Unreadable(f"Word file with {len(parts)} parts (limit {MAX_DOCX_PARTS})")
        xml = total = 0
        for part in parts:
            is_xml = part.filename.lower().endswith((".xml", ".rels"))
            with package.open(part) as stream:
                while chunk := stream.read(1 << 20):
                    total += len(chunk)
                    xml += len(chunk) if is_xml else 0
                    if xml > MAX_DOCX_XML_BYTES or total > MAX_DOCX_BYTES:
                        raise Unreadable(
                            f"Word file too large unpacked (over {MAX_DOCX_BYTES} bytes, or "
                            f"{MAX_DOCX_XML_BYTES} of XML)")


def read_docx(data: bytes) -> OfficeText:
    """Body paragraphs and tables in order (a table row is its cells joined by " | ");
    headers and footers live outside the body in Word files and are not read."""
    import zipfile

    import docx
    from docx.table import Table

    try:
        _check_unpacked_size(data)
        document = docx.Document(io.BytesIO(data))
    except Unreadable:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(f"damaged Word file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # python-docx raises its own errors for a wrong package
        raise Unreadable(f"not a Word .docx file ({type(exc).__name__}: {exc})") from None
    body = document.element.body
    rendered = any(True for _ in body.iter(f"{_W}lastRenderedPageBreak"))
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block._tbl.findall(f"{_W}tr"):
                cells = [" ".join(_paragraph_text(p, rendered) for p in tc.iter(f"{_W}p"))
                         for tc in row.findall(f"{_W}tc")]
                blocks.append(" | ".join(c.strip() for c in cells))
        else:
            blocks.append(_paragraph_text(block._p, rendered))
    raw = "\n".join(blocks)
    pages = [(i, t) for i, t in enumerate(raw.split(_PAGE), 1)]
    if not any(t.strip() for _, t in pages):
        raise Unreadable("no text in the Word file")
    props = document.core_properties
    meta: dict[str, Any] = {}
    if props.author and props.author.strip():
        meta["author"] = props.author.strip()[:300]
    out = _finish(pages, props.title, meta)
    if len(pages) > 1:
        out.metadata["page_count"] = len(pages)
    return out


READERS = {".pdf": read_pdf, ".docx": read_docx}


def read_office(path: Path, max_bytes: int) -> OfficeText:
    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"file too large ({size} bytes, limit {max_bytes})")
    data = path.read_bytes()
    if not data.strip():
        raise Unreadable("empty file")
    return READERS[path.suffix.lower()](data)
