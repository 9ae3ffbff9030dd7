"""Text of PDF and Word files, page by page, for `rag.loaders`.

Office files are not scraped web pages: the site-furniture pass (`rag.cleaning`) is not run
over them. Their own furniture is the running header and footer printed on every page, which
`drop_running_lines` removes per document. Page starts are kept as `metadata["pages"]`
(`[[offset, page_no], ...]` into the stored text) so a chunk's page can be named in citations
(`rag.pages.page_at`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import inspect
import io
import itertools
import logging
import posixpath
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.errors import RagError
from rag.read_clock import ReadClock

EDGE_LINES = 3  # a running header/footer is among the first or last lines of a page
RUNNING_MAX_CHARS = 120
NO_TEXT_LAYER = "no text layer (a scanned or image-only PDF; OCR is not supported)"
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
                            "ﬅ": "st", "ﬆ": "st", "\x00": ""})
# Text a document may hold once read (Settings.max_document_chars): a 174 KB .docx read as 60 M
# characters (621 MB, then ~2.5 s of chunking a MB and a day of embedding), a 2 KB PDF whose
# /ToUnicode maps one byte to 250 characters as 100 M. The readers count as they go and stop
# past it (TooMuchText), before the rest is built.
MAX_DOCUMENT_CHARS = 10_000_000
# Format characters (Unicode Cf) that are invisible in every script and mean nothing to a
# reader: soft hyphen, zero-width space, word joiner, invisible math operators, deprecated
# format controls, zero-width no-break space (a BOM inside the text), and the tag characters
# (U+E0000 block: invisible ASCII, "smuggled" instructions for a model; only subdivision flags
# use them, which show as a plain black flag without). They count as no embedder token, so
# 500,000 zero-width spaces made a 2 M character chunk. Dropped as text is read, before any
# offset is taken. Kept: ZWNJ and ZWJ (U+200C/D: Persian, Indic scripts, emoji sequences),
# the bidirectional marks, embeddings and isolates (Arabic and Hebrew text needs them) and the
# visible format signs of some scripts (Arabic number signs, Egyptian hieroglyph controls).
INVISIBLE = re.compile("[\u00ad\u200b\u2060-\u2064\u206a-\u206f\ufeff"
                       "\U000e0001\U000e0020-\U000e007f]")


def drop_invisible(text: str) -> str:
    """`text` without the INVISIBLE format characters."""
    return INVISIBLE.sub("", text) if INVISIBLE.search(text) else text


# ... and in a title, the bidirectional controls too: the embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) and the marks (LRM, RLM, ALM). A document's text keeps them
# (its quotes are shown as a whole), but a title is shown alone, beside numbers, ids and page
# numbers, in every client's sources list: "Rapport officiel \u202egpj.exe\u202c (annexe)"
# read "Rapport officiel exe.jpg (annexe)" in the widget and in /ask citations (review 48, F1).
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # a character class's body
_TITLE_HIDDEN = re.compile(f"[{INVISIBLE.pattern[1:-1]}{_BIDI_CONTROLS}]")


def plain_title(title: str) -> str:
    """`title` as it is stored and shown: without the INVISIBLE characters nor bidirectional
    controls and marks. Every loader's title goes through it (JSON, files, fetched pages,
    PDF and Word)."""
    return _TITLE_HIDDEN.sub("", title) if _TITLE_HIDDEN.search(title) else title


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
# What the trees cost is their nodes, not their bytes: python-docx holds ~200-330 bytes a node
# and reads ~3-10 us a node, and `<w:p/>` is 7 bytes (60 MB of them, a 128 KB upload, took 3 GB
# and 19 s). Elements, attributes, namespace declarations, comments and processing instructions
# are counted as the parts inflate, without building a tree. Word's own XML runs ~16 bytes a
# node: a million is ~16 MB of it, a book of ~1,000 formatted pages or ~200 pages of dense
# tables, and python-docx then holds at most ~350 MB for ~10 s.
MAX_DOCX_XML_NODES = 1_000_000


BRIEF_CHARS = 200  # a parsing library's own message, as much of it as a skip reason shows


def _brief(exc: BaseException) -> str:
    """A library's error text cut short: a skip reason names the fault, not the parser's
    internals at length (security review 56 N2: "'lxml.etree._Element' object has ...")."""
    text = " ".join(str(exc).split())
    return text if len(text) <= BRIEF_CHARS else text[:BRIEF_CHARS] + "…"


class Unreadable(Exception):
    """The file cannot give text; the message is the reason shown to the user."""


class TooMuchText(Unreadable):
    """The file gives more text than the reader may read (`max_chars`); the reading stopped
    there."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} characters of text")
        self.limit = limit


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
    text = drop_invisible(text.translate(_LIGATURES)).replace("\r\n", "\n").replace("\r", "\n")
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
    candidate = plain_title(candidate) if isinstance(candidate, str) else candidate
    if isinstance(candidate, str) and candidate.strip() and not _FILE_TITLE.match(
            candidate.strip()):
        return " ".join(candidate.split())[:300]
    first = next((t for line in text.split("\n") if (t := plain_title(line).strip())), "")
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
# pypdf also builds every font of a page's (or a drawn form's) resources again each time, before
# any operator: it parses the font's /ToUnicode CMap anew (a 41 KB file whose one page uses a
# 40 MB CMap of padding lines took 19 s and 1 GB; pages sharing it multiply that), walks its
# width and /Differences arrays, hashes a Type1 font program it reads. Each use of a font is
# charged to the same budget before pypdf parses the page, as bytes of content that would cost
# as long: a CMap byte a quarter (pypdf parses the worst CMaps at ~1.5 MB/s, operators at
# ~400 KB/s), an array element one, a font program byte 1/256 (in full once, when pypdf parses
# it), FONT_USE_COST for building the font at all (~90 us; 100,000 names can share one font).
# A font stream pypdf fails to decode costs its raw size at each use: pypdf tries again each
# time, a byte at a time. A CMap parses into ~70 times its size in memory: over
# MAX_PDF_CMAP_BYTES (a full map of 65,536 glyphs is ~1 MB) the file is refused.
CMAP_COST_DIVISOR = 4
FONT_FILE_COST_DIVISOR = 256
FONT_USE_COST = 64
MAX_PDF_CMAP_BYTES = 4 << 20
# pypdf holds all the fonts of a page at once, ~16 KB each however small the dictionary: 100,000
# names for one font are 1.6 GB. A page of a few hundred fonts is already odd.
MAX_PDF_PAGE_FONTS = 5_000
# pypdf inflates a stream up to 75 MB (memory, and time for every page that shares it); a page's
# content or a font needs far less.
MAX_PDF_STREAM_BYTES = 32 << 20
# pypdf decodes a stream again at each use when it failed to (a page's content for each page that
# shares it, a form each time it is drawn), and a damaged Flate stream is first gone through a
# byte at a time, up to ~5 MB: ~4 s each time, so a 6 MB file whose 5 pages share one took 40 s
# (1,000 pages, hours). A stream that fails is tried once, charged its raw size (what pypdf goes
# through: ~1 MB/s a byte at a time, ~300 KB/s inflating a bomb to its cap), then read as empty,
# as pypdf makes nothing of it: a page whose content fails is not parsed (its text is
# unreadable, as pypdf would have found), a form that fails draws nothing (pypdf skips it).
# A page's content streams are decoded one at a time for that: what a page decodes before
# pypdf would refuse it (streams too large joined) is charged too.
# Whatever else is slow, a PDF still being read after PDF_READ_SECONDS is refused, like one over
# its budget: checked between pages and every PDF_CLOCK_OPERATORS operators.
PDF_READ_SECONDS = 30.0
PDF_CLOCK_OPERATORS = 1024
# Walking a page and each entry of its /XObject dictionary costs pypdf time whatever they hold:
# 99,225 pages sharing one page of 600 images (an 11.5 KB file) charged nothing and took the
# whole 30 s (twenty-fourth review, F1). Each is charged as this many bytes of content.
PDF_PAGE_COST = 256
PDF_ENTRY_COST = 64
# pypdf resolves objects before any page is read: opening the file reads its cross-reference
# streams, counting its pages resolves every page object. An object in an object stream is
# resolved by decoding the whole stream and parsing all its objects (~0.7-11 MB a second),
# and pypdf kept each decoded stream for the rest of the read: 20 pages each alone in a stream
# of 30 MB of padding (a 588 KB file) took 59 s and 639 MB just to be counted, before the
# budget or the clock was read (forty-seventh review, F1). The file's budget and clocks now
# come first: each object stream's decoded size is charged as content (what pypdf parses)
# before pypdf parses it, decoded no further than the budget left, and dropped once parsed;
# the clocks are read before each object pypdf resolves. A cross-reference stream may list
# at most PDF_MIN_XREF_ENTRIES entries, or one per PDF_XREF_ENTRY_BYTES bytes of the file
# (pypdf's 2,000,000 took 10 s and 220 MB for an 18 KB file, in PdfReader itself). The page
# tree keeps pypdf's own cap (100,000 entries: ~1 s, ~100 MB), each page charged as it is read.
PDF_MIN_XREF_ENTRIES = 100_000
PDF_XREF_ENTRY_BYTES = 2
_PDF_STREAM_CAPS = ("zlib_maximum_output_length", "lzw_maximum_output_length",
                    "run_length_maximum_output_length", "brotli_maximum_output_length",
                    "array_based_stream_maximum_output_length")


@contextlib.contextmanager
def _pdf_stream_caps(most: int = MAX_PDF_STREAM_BYTES) -> Iterator[None]:
    """pypdf's decompression caps lowered to `most` (MAX_PDF_STREAM_BYTES) while a PDF is read,
    where pypdf has them as a context variable (other threads and later callers keep theirs)."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    config = getattr(pypdf, "Configuration", None)
    if apply is None or config is None:
        yield
        return
    names = {f.name for f in dataclasses.fields(config)}
    with apply(**{n: most for n in _PDF_STREAM_CAPS if n in names}):
        yield


def _resolved(obj: Any) -> Any:
    return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj


def _raw_size(stream: Any) -> int:
    """A stream's size as stored: what pypdf goes through again, a byte at a time at worst, at
    each use of a stream it failed to decode."""
    raw = getattr(stream, "_data", b"")
    return len(raw) if isinstance(raw, bytes) else 0


def _elements(array: Any) -> int:
    """Elements of an array, those of arrays inside it too (a CID font's /W)."""
    array = _resolved(array)
    if not isinstance(array, list):
        return 0
    return len(array) + sum(len(a) for a in map(_resolved, array) if isinstance(a, list))


class PdfAllowance:
    """What pypdf may parse for the PDFs of one load (an upload request), all of them together:
    MIN_PDF_CONTENT_BYTES once plus PDF_CONTENT_RATIO times each file's size, operators an
    eighth of that. Per file, 50 PDFs of 4 KB had 1 MB each to parse (~40 MB of text with a
    Tj operator of 40 letters, minutes of pypdf); shared, they have 2.6 MB in all, and a
    real file keeps PDF_CONTENT_RATIO times its own size whatever comes before it. A PDF read
    on its own gets an allowance of its own: the limit per file."""

    def __init__(self, clock: ReadClock | None = None) -> None:
        self.clock = clock  # the load's, read between pages and operators
        self.file_bytes = 0  # the PDFs begun so far
        self.content = 0
        self.operators = 0

    @property
    def limit(self) -> int:
        return MIN_PDF_CONTENT_BYTES + PDF_CONTENT_RATIO * self.file_bytes

    @property
    def max_operators(self) -> int:
        return self.limit // 8


# The characters a text operator may give, for the counting of text (see _PdfBudget.visit):
# each byte of its strings at most this many characters, or what the longest destination of a
# /ToUnicode CMap of the file holds (pypdf takes up to 256 characters a code).
PDF_CHARS_PER_BYTE = 4
_SHOW_TEXT = (b"Tj", b"TJ", b"'", b'"')
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_SPACE = re.compile(rb"\s+")


def _shown_bytes(operator: Any, operands: Any) -> int:
    """Bytes of the strings a text-showing operator shows."""
    if not operands:
        return 0
    if operator == b"TJ":
        items = operands[0] if isinstance(operands[0], list) else []
    else:
        items = operands[2:3] if operator == b'"' else operands[:1]
    return sum(len(getattr(i, "original_bytes", i)) for i in items if isinstance(i, str | bytes))


def _chars_per_code(cmap: bytes) -> int:
    """The most characters one code of a /ToUnicode CMap gives: its longest hex string, four
    digits a UTF-16 unit (codes and ranges are hex strings too: an upper bound)."""
    longest = max((len(_SPACE.sub(b"", h)) for h in _HEX_STRING.findall(cmap)), default=0)
    return -(-longest // 4)


class _PdfBudget:
    def __init__(self, file_bytes: int, allowance: PdfAllowance | None = None,
                 max_chars: int | None = None) -> None:
        self.file_bytes = file_bytes
        self.shared = allowance if allowance is not None else PdfAllowance()
        self.shared.file_bytes += file_bytes
        # text: `chars` what pypdf gave (pages read, and what it reported of this page), and
        # what the text operators since its last report may give at most
        self.max_chars = max_chars
        self.chars = 0
        self._pages_chars = 0
        self.pending = 0
        self.chars_per_code = PDF_CHARS_PER_BYTE
        self._form_sizes: dict[Any, int] = {}  # decoded size of each form, decoded once
        self._forms: dict[Any, int] = {}  # this page's form names -> the largest such form
        self._font_costs: dict[int, tuple[Any, int]] = {}  # id(font) -> (font, cost of a use)
        self._read_once: dict[int, Any] = {}  # font programs charged in full, by id
        self._broken: dict[int, Any] = {}  # by id, content pypdf failed to decode (kept)
        self.deadline = time.monotonic() + PDF_READ_SECONDS
        self.clock = self.shared.clock
        self.late = False
        self.pages = 0
        self.refused: str | None = None  # why, once refused from inside pypdf (it may swallow it)
        self._resolved = 0  # objects pypdf resolved

    @property
    def content(self) -> int:
        return self.shared.content

    @content.setter
    def content(self, value: int) -> None:
        self.shared.content = value

    @property
    def operators(self) -> int:
        return self.shared.operators

    @operators.setter
    def operators(self, value: int) -> None:
        self.shared.operators = value

    @property
    def limit(self) -> int:
        return self.shared.limit

    @property
    def max_operators(self) -> int:
        return self.shared.max_operators

    def take_content(self, page: Any) -> bool:
        """Charge a page's content and fonts before pypdf parses them, and learn its forms'
        sizes; False when pypdf cannot read the page's content (it is not to be parsed).
        A page refused here is not parsed: what it would have cost is not kept, so a file
        refused does not use up what the request's next PDFs may parse."""
        before = self.content
        try:
            return self._take_content(page)
        except Unreadable:
            self.content = before
            raise

    def _take_content(self, page: Any) -> bool:
        self.pages += 1
        self.content += PDF_PAGE_COST
        self.check()  # the clock, between pages
        size = self._content_size(page)
        if size is None:
            self.check()
            return False
        self.content += size
        self._forms = {}
        try:
            resources = page.get("/Resources")
        except Exception:
            resources = None
        self.content += self._fonts_cost(resources)
        self.check()
        try:
            self._learn_forms(resources, 0)
        except (Unreadable, RagError):  # (the load's clock: ReadTooSlow, ReadCancelled)
            raise
        except Exception:  # damaged resources: pypdf skips those forms too
            pass
        self.check()
        return True

    def _content_size(self, page: Any) -> int | None:
        """Decoded size of a page's content; None when pypdf cannot read it, and what was
        decoded of it is charged. Its streams are decoded one at a time first: one that fails
        is known, and not tried again."""
        contents: Any = None
        decoded = 0
        try:
            contents = _resolved(page.get("/Contents"))
            if id(contents) in self._broken:
                return None
            parts = [_resolved(p) for p in contents] if isinstance(contents, list) else [contents]
            for part in parts:
                if hasattr(part, "get_data"):
                    if not self._decodes(part):
                        break
                    decoded += len(part.get_data())
                    if decoded > MAX_PDF_STREAM_BYTES:  # pypdf refuses to join them
                        break
            else:
                whole = page.get_contents()  # the parts joined, as pypdf reads them
                return len(whole.get_data()) if whole is not None else 0
        except Exception:  # a damaged page: pypdf fails on it too
            pass
        if contents is not None:
            self._broken[id(contents)] = contents
        self.content += decoded
        return None

    def _decodes(self, stream: Any) -> bool:
        """Whether a stream decodes, decoding it once at most (see PDF_READ_SECONDS)."""
        if id(stream) in self._broken:
            return False
        from pypdf.generic import DecodedStreamObject, EncodedStreamObject

        try:
            stream.get_data()  # pypdf keeps what it decodes
        except Exception:
            self._broken[id(stream)] = stream  # kept: its id stays its own
            self.content += _raw_size(stream)
            if isinstance(stream, EncodedStreamObject):
                # where pypdf keeps what it decoded: it reads nothing from now on, at once
                stream.decoded_self = DecodedStreamObject()
            return False
        return True

    def resolving(self) -> None:
        """Called before pypdf resolves an object it has not yet (opening the file, counting
        its pages, reading one): the clocks, and a refusal pypdf may have swallowed."""
        if self.refused is not None:
            raise Unreadable(self.refused)
        self._resolved += 1
        if self.clock is not None and self._resolved % 64 == 0:
            self.clock.check()
        if time.monotonic() > self.deadline:
            raise Unreadable(self._too_slow())

    def take_object_stream(self, stream: Any) -> None:
        """Charge an object stream's decoded size before pypdf parses it (all of its objects,
        whichever it resolves), decoding it no further than the budget left: Unreadable past
        the budget. One that fails to decode fails again at once, without decoding."""
        from pypdf.errors import LimitReachedError, PdfReadError

        self.resolving()
        if self.clock is not None:  # each time: what follows can take a second or more
            self.clock.check()
        if not hasattr(stream, "get_data"):
            return  # no stream: pypdf refuses it
        if id(stream) in self._broken:
            raise PdfReadError("object stream that cannot be decoded")
        room = max(0, self.limit - self.content)
        try:
            with _pdf_stream_caps(min(MAX_PDF_STREAM_BYTES, room + 1)):
                size = len(stream.get_data())
        except Exception as exc:
            if (isinstance(exc, LimitReachedError) and room < MAX_PDF_STREAM_BYTES
                    and "Recovery limit" not in str(exc)):  # (that one: a damaged stream)
                size = room + 1  # decoded no further
            else:  # as pypdf fails on it, but once: a damaged stream costs its raw size
                self._broken[id(stream)] = stream  # kept: its id stays its own
                self.content += _raw_size(stream)
                self.check()
                raise
        if size > room:
            if hasattr(stream, "decoded_self"):
                stream.decoded_self = None
            self.refused = (f"PDF objects too large to read (over {self.content + size} bytes "
                            f"to parse, object streams included, from {self._source()}; limit "
                            f"{self.limit})")
            raise Unreadable(self.refused)
        self.content += size

    def _learn_forms(self, resources: Any, depth: int) -> None:
        resources = resources.get_object() if resources is not None else None
        xobjects: Any = resources.get("/XObject") if hasattr(resources, "get") else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        if depth > MAX_FORM_DEPTH or not hasattr(xobjects, "items"):
            return
        for name, ref in xobjects.items():
            self.content += PDF_ENTRY_COST
            key = getattr(ref, "idnum", None), getattr(ref, "generation", None)
            form = ref.get_object()
            if form.get("/Subtype") != "/Form":
                continue
            size = self._form_sizes.get(key) if key[0] is not None else None
            if size is None:
                # pypdf builds the form's fonts again each time it is drawn, as it parses it
                size = len(form.get_data()) if self._decodes(form) else 0
                size += self._fonts_cost(form.get("/Resources"))
                self.content += size  # decoding it once counts too
                self.check()
                if key[0] is not None:
                    self._form_sizes[key] = size
                    self._learn_forms(form.get("/Resources"), depth + 1)
            self._forms[name] = max(self._forms.get(name, 0), size)

    def _fonts_cost(self, resources: Any) -> int:
        """What building the fonts of `resources` costs pypdf, as content bytes (see
        CMAP_COST_DIVISOR); Unreadable for a CMap too large to parse at all, or too many
        fonts to hold."""
        try:
            resources = _resolved(resources)
            fonts: Any = _resolved(resources.get("/Font")) if hasattr(resources, "get") else None
            refs = list(fonts.values()) if hasattr(fonts, "values") else []
        except Exception:  # damaged resources: pypdf finds no fonts there either
            return 0
        if len(refs) > MAX_PDF_PAGE_FONTS:
            raise Unreadable(f"PDF page with too many fonts ({len(refs)}; limit "
                             f"{MAX_PDF_PAGE_FONTS})")
        return sum(self._font_cost(ref) for ref in refs)

    def _font_cost(self, ref: Any) -> int:
        try:
            font = _resolved(ref)
        except Exception:
            return 0
        known = self._font_costs.get(id(font))
        if known is not None and known[0] is font:
            return known[1]
        cost = FONT_USE_COST
        if hasattr(font, "get"):
            try:
                cost += self._dict_cost(font)
                descendants = _resolved(font.get("/DescendantFonts"))
                for descendant in descendants if isinstance(descendants, list) else []:
                    descendant = _resolved(descendant)
                    if hasattr(descendant, "get"):
                        cost += self._dict_cost(descendant)
            except (Unreadable, RagError):
                raise
            except Exception:  # a damaged font: pypdf fails on it or skips it
                pass
        self._font_costs[id(font)] = (font, cost)  # the font kept: its id stays its own
        return cost

    def _dict_cost(self, font: Any) -> int:
        """One use of a font (or descendant font) dictionary: its CMaps, arrays and, where
        pypdf reads it, its font program."""
        cost = _elements(font.get("/Widths")) + _elements(font.get("/W"))
        char_procs = _resolved(font.get("/CharProcs"))
        cost += len(char_procs) if hasattr(char_procs, "__len__") else 0
        for key in ("/ToUnicode", "/Encoding"):
            value = _resolved(font.get(key))
            if hasattr(value, "get_data"):  # a CMap stream
                size = self._decoded_size(value, key, MAX_PDF_CMAP_BYTES)
                cost += _raw_size(value) if size is None else size // CMAP_COST_DIVISOR
                if size is not None and key == "/ToUnicode" and self.max_chars is not None:
                    self.chars_per_code = max(self.chars_per_code,
                                              _chars_per_code(value.get_data()))
            elif hasattr(value, "get"):  # an encoding dictionary
                cost += _elements(value.get("/Differences"))
        if "/ToUnicode" not in font and font.get("/Subtype") in ("/Type1", "/MMType1"):
            # pypdf reads the encoding of a Type1 font program, parsing it once and hashing
            # it at each use
            descriptor = _resolved(font.get("/FontDescriptor"))
            for key in ("/FontFile", "/FontFile3"):
                program = _resolved(descriptor.get(key)) if hasattr(descriptor, "get") else None
                if hasattr(program, "get_data"):
                    size = self._decoded_size(program, key, MAX_PDF_STREAM_BYTES)
                    if size is None:
                        cost += _raw_size(program)
                        continue
                    if id(program) not in self._read_once:
                        self._read_once[id(program)] = program  # kept: its id stays its own
                        self.content += size
                    cost += size // FONT_FILE_COST_DIVISOR
        return cost

    def _decoded_size(self, stream: Any, what: str, most: int) -> int | None:
        """Decoded size of a font's stream (pypdf keeps what it decodes), None if it does not
        decode; Unreadable over `most` bytes."""
        from pypdf import errors

        try:
            size = len(stream.get_data())
            shown = f"{size}"
        except Exception as exc:
            if not isinstance(exc, getattr(errors, "LimitReachedError", ())):
                return None
            size, shown = most + 1, f"over {MAX_PDF_STREAM_BYTES}"  # over pypdf's caps
        if size > most:
            raise Unreadable(f"PDF font too large to read (a {what} stream of {shown} bytes; "
                             f"limit {most})")
        return size

    def visit(self, operator: Any, operands: Any, *_: Any) -> None:
        """Called by pypdf before each operator, forms' own included."""
        self.operators += 1
        if operator == b"Do" and operands:
            self.content += self._forms.get(operands[0], 0)
        elif self.max_chars is not None and operator in _SHOW_TEXT:
            # pypdf reports text when a line or block ends: one Tj of 400 KB of codes a CMap
            # maps to 250 characters each would be built whole first (100 M characters)
            self.pending += _shown_bytes(operator, operands) * self.chars_per_code
        if self.operators % PDF_CLOCK_OPERATORS == 0:
            self.late = time.monotonic() > self.deadline or (
                self.clock is not None and self.clock.late())
        if (self.operators > self.max_operators or self.content > self.limit or self.late
                or self._too_much_text()):
            raise _Spent  # before the form is parsed; pypdf swallows it inside a form

    def text(self, text: Any, *_: Any) -> None:
        """Called by pypdf with each piece of text it adds to the page's."""
        self.chars += len(text) if isinstance(text, str) else 0
        self.pending = 0

    def page_read(self, text: str) -> None:
        """A page's text, as extract_text gave it: the count is exact again."""
        self._pages_chars += len(text)
        self.chars, self.pending = self._pages_chars, 0

    def _too_much_text(self) -> bool:
        return self.max_chars is not None and self.chars + self.pending > self.max_chars

    def _source(self) -> str:
        return (f"a {self.file_bytes}-byte file" if self.shared.file_bytes == self.file_bytes
                else f"{self.shared.file_bytes} bytes of PDF: this {self.file_bytes}-byte "
                "file and those read before it")

    def _too_slow(self) -> str:
        where = f"at page {self.pages}" if self.pages else "before its first page"
        return f"PDF too slow to read (over {PDF_READ_SECONDS:g} s, {where}; limit per file)"

    def check(self) -> None:
        if self.refused is not None:
            raise Unreadable(self.refused)
        if self.clock is not None:  # the load's: ReadTooSlow / ReadCancelled stop it whole
            self.clock.check()
        if self.content > self.limit:
            raise Unreadable(f"PDF page content too large to read (over {self.content} bytes "
                             f"from {self._source()}; limit {self.limit})")
        if self._too_much_text():
            assert self.max_chars is not None
            raise TooMuchText(self.max_chars)
        if self.operators > self.max_operators:
            raise Unreadable(f"PDF drawing too large to read (over {self.max_operators} "
                             "operators)")
        if time.monotonic() > self.deadline:
            raise Unreadable(self._too_slow())


class _Spent(Exception):
    pass


@functools.cache
def _budgeted_reader() -> type[Any]:
    """pypdf's PdfReader reading the file's budget before each object it resolves, each object
    stream's decoded size charged before pypdf parses it and dropped once parsed (see
    PDF_MIN_XREF_ENTRIES)."""
    import pypdf
    from pypdf.generic import IndirectObject, PdfObject

    class BudgetedReader(pypdf.PdfReader):
        def __init__(self, stream: Any, budget: _PdfBudget, **options: Any) -> None:
            self.budget = budget
            self._opening: set[int] = set()  # objects whose object stream is being resolved
            super().__init__(stream, **options)

        def get_object(self, indirect_reference: int | IndirectObject) -> PdfObject | None:
            ref = indirect_reference
            key = (0, ref) if isinstance(ref, int) else (ref.generation, ref.idnum)
            if key not in self.resolved_objects:
                self.budget.resolving()
            return super().get_object(indirect_reference)

        def _get_object_from_stream(self, indirect_reference: IndirectObject) -> PdfObject:
            number = indirect_reference.idnum
            entry = self.xref_objStm.get(number)
            if entry is None or number in self._opening:  # (pypdf says what is wrong)
                return super()._get_object_from_stream(indirect_reference)
            self._opening.add(number)
            try:
                stream = IndirectObject(entry[0], 0, self).get_object()
            finally:
                self._opening.discard(number)
            self.budget.take_object_stream(stream)
            try:
                return super()._get_object_from_stream(indirect_reference)
            finally:  # its objects are kept, parsed: what they were parsed from is not
                if getattr(stream, "decoded_self", None) is not None:
                    stream.decoded_self = None  # type: ignore[union-attr]

    return BudgetedReader


def read_pdf(data: bytes, max_chars: int | None = MAX_DOCUMENT_CHARS,
             allowance: PdfAllowance | None = None) -> OfficeText:
    """Text layer of each page (pypdf, content-stream order: one column after the other).
    TooMuchText past `max_chars` (None: no limit); `allowance`: what pypdf may parse, shared
    with the other PDFs of a request (a new one by default: this file's alone)."""
    with _pdf_stream_caps():
        return _read_pdf(data, max_chars, allowance)


def _read_pdf(data: bytes, max_chars: int | None, allowance: PdfAllowance | None
              ) -> OfficeText:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the skip reason says it once
    if b"%PDF-" not in data[:1024]:
        raise Unreadable("damaged PDF: no %PDF header")
    # before pypdf resolves any object: opening the file and counting its pages are charged
    budget = _PdfBudget(len(data), allowance, max_chars)
    options: dict[str, Any] = {"strict": False}
    if "xref_stream_maximum_entries" in inspect.signature(pypdf.PdfReader).parameters:
        options["xref_stream_maximum_entries"] = min(2_000_000, max(
            PDF_MIN_XREF_ENTRIES, len(data) // PDF_XREF_ENTRY_BYTES))
    try:
        reader = _budgeted_reader()(io.BytesIO(data), budget, **options)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted PDF: a password is needed to open it")
        n_pages = len(reader.pages)
        budget.check()  # a refusal pypdf swallowed
    except Unreadable:
        raise
    except (DependencyError, NotImplementedError) as exc:
        raise Unreadable(f"encrypted PDF that cannot be decrypted here ({_brief(exc)})") from None
    except FileNotDecryptedError:
        raise Unreadable("encrypted PDF: a password is needed to open it") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, RecursionError, OSError) as exc:  # (PyPdfError: pypdf's own limits,
        # "Maximum page tree entry limit reached" is no PdfReadError)
        raise Unreadable(f"damaged PDF ({type(exc).__name__}: {_brief(exc)})") from None
    if n_pages == 0:
        raise Unreadable("damaged PDF: no pages")
    pages: list[tuple[int, str]] = []
    failed = 0
    for number in range(1, n_pages + 1):
        page = reader.pages[number - 1]
        # before pypdf parses it: parsing is the slow part
        if not budget.take_content(page):
            failed += 1
            pages.append((number, ""))
            continue
        try:
            text = page.extract_text(visitor_operand_before=budget.visit,
                                     visitor_text=budget.text) or ""
        except Exception:  # one broken page must not lose the others
            failed += 1
            text = ""
        budget.check()
        budget.page_read(text)
        budget.check()
        pages.append((number, text))
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
    page_before = False
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
            page_before = True  # once, however often it is said (inserting each time at the
            # front was quadratic: 450 000 of them in a 58 KB file took 32 s)
    return (_PAGE if page_before else "") + "".join(out)


_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Content types python-docx never parses as XML whatever their suffix (image/svg+xml)
_MEDIA = ("image/", "audio/", "video/", "font/", "model/")


@dataclass(slots=True)
class _ContentTypes:
    """What [Content_Types].xml declares, as python-docx reads it: an Override by part name,
    else a Default by extension, both case-insensitive."""
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)

    def add(self, tag: Any, attrib: Any) -> None:
        if tag == f"{_CT}Default":
            self.defaults[str(attrib.get("Extension", "")).lower()] = str(
                attrib.get("ContentType", ""))
        elif tag == f"{_CT}Override":
            self.overrides[str(attrib.get("PartName", "")).lower()] = str(
                attrib.get("ContentType", ""))

    def parsed_as_xml(self, name: str) -> bool:
        """Whether python-docx may parse the zip part `name` into a tree: relationship parts
        (read by their name), and parts of an XML content type that is no media type
        (python-docx builds a tree only for its own XML types). A part without a declared
        type is counted too: python-docx refuses it if it reads it at all."""
        if name.lower().endswith(".rels"):
            return True
        partname = "/" + name.lower()
        kind = self.overrides.get(partname)
        if kind is None:
            ext = posixpath.splitext(partname)[1]
            kind = self.defaults.get(ext[1:] if ext.startswith(".") else "")
        if kind is None:
            return True
        kind = kind.strip().lower()
        return kind.endswith("xml") and not kind.startswith(_MEDIA)


class _XmlNodes:
    """lxml parser target counting the nodes a tree of the part would hold, without building
    one; Unreadable past MAX_DOCX_XML_NODES for all parts together. While `types` is set (the
    [Content_Types].xml part is read) its declarations are collected there. The characters of
    text runs (`w:t`) are counted too, TooMuchText past `max_chars`: an upper bound of what
    read_docx reads (headers, footers and notes count as well), known before python-docx
    builds a tree (64 MB of XML with few nodes was 60 M characters, 621 MB of memory)."""

    def __init__(self, max_chars: int | None = None, clock: ReadClock | None = None) -> None:
        self.clock = clock
        self.count = 0
        self.types: _ContentTypes | None = None
        self.max_chars = max_chars
        self.chars = 0
        self._in_text = 0  # depth of w:t elements around the parser

    def _add(self, n: int) -> None:
        self.count += n
        if self.clock is not None and (self.count >> 16) != ((self.count - n) >> 16):
            self.clock.check()  # every 65,536 nodes
        if self.count > MAX_DOCX_XML_NODES:
            raise Unreadable(f"Word file with too much XML (over {MAX_DOCX_XML_NODES} elements "
                             "and attributes)")

    def start(self, tag: Any, attrib: Any, *_: Any) -> None:
        self._add(1 + len(attrib))
        if tag == f"{_W}t":
            self._in_text += 1
        if self.types is not None:
            self.types.add(tag, attrib)

    def end(self, tag: Any) -> None:
        if tag == f"{_W}t":
            self._in_text -= 1

    def data(self, text: Any) -> None:
        if self._in_text > 0 and self.max_chars is not None:
            self.chars += len(text)
            if self.chars > self.max_chars:
                raise TooMuchText(self.max_chars)

    def start_ns(self, prefix: Any, uri: Any) -> None:
        self._add(1)

    def comment(self, text: Any) -> None:
        self._add(1)

    def pi(self, target: Any, data: Any = None) -> None:
        self._add(1)

    def doctype(self, *_: Any) -> None:
        # Word never writes one (the package format forbids it); its entities would be nodes
        raise Unreadable("Word file with a DTD in its XML")

    def close(self) -> None:
        pass


def _zip_entries(data: bytes) -> int:
    """How many entries zipfile may list for the zip `data`, known without listing them: the
    central directory entries its bytes could hold (zipfile reads the directory for as many
    bytes as the end record says, whatever count that record declares, and each entry starts
    with its signature), or the count the end record (zip64's, when there is one) declares if
    that is more."""
    entries = data.count(b"PK\x01\x02")
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return entries  # no end record: zipfile refuses the file
    declared = int.from_bytes(data[end + 10:end + 12], "little")
    zip64 = end - 20 - 56  # the zip64 end record, then its locator, just before
    if (declared == 0xFFFF and zip64 >= 0 and data[end - 20:end - 16] == b"PK\x06\x07"
            and data[zip64:zip64 + 4] == b"PK\x06\x06"):
        declared = int.from_bytes(data[zip64 + 32:zip64 + 40], "little")
    return max(entries, declared)


def _check_unpacked_size(data: bytes, max_chars: int | None = None,
                         clock: ReadClock | None = None) -> None:
    """Unreadable when the zip holds more parts, bytes or XML nodes than a Word file needs (see
    MAX_DOCX_BYTES, MAX_DOCX_XML_NODES). Each part is inflated a chunk at a time and counted:
    the sizes a zip declares can lie, and zipfile inflates a part whole before it checks them.
    [Content_Types].xml is read first: a part python-docx never parses (an image, even an SVG
    one) counts by its bytes only, not as XML; a part of an XML type does whatever its name.
    Without a readable [Content_Types].xml (python-docx refuses the file) every part that
    parses as XML is counted as XML. TooMuchText past `max_chars` characters of text runs."""
    import zipfile

    from lxml import etree  # type: ignore[import-untyped]  # python-docx's parser

    # before zipfile lists them: 380,000 entries in a 19.3 MB file took 2.3 s and 220 MB
    # (forty-seventh review, F4)
    if (entries := _zip_entries(data)) > MAX_DOCX_PARTS:
        raise Unreadable(f"Word file with {entries} parts (limit {MAX_DOCX_PARTS})")
    nodes = _XmlNodes(max_chars, clock)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
        if len(parts) > MAX_DOCX_PARTS:
            raise Unreadable(f"Word file with {len(parts)} parts (limit {MAX_DOCX_PARTS})")
        try:
            listing: Any = package.getinfo("[Content_Types].xml")  # the entry python-docx reads
        except KeyError:
            listing = None
        ordered = [listing] * (listing is not None) + [p for p in parts if p is not listing]
        types: _ContentTypes | None = None
        xml = total = 0
        for part in ordered:
            # python-docx parses a part the package declares XML whatever its name: each such
            # part goes through a counting parser (python-docx's options, a target instead of
            # a tree), and its bytes are XML's as long as they parse as XML
            counted = part is listing or types is None or types.parsed_as_xml(part.filename)
            if part is listing:
                nodes.types = _ContentTypes()
            named_xml = counted and part.filename.lower().endswith((".xml", ".rels"))
            parser: Any = (etree.XMLParser(target=nodes, resolve_entities=False)
                           if counted else None)
            with package.open(part) as stream:
                while chunk := stream.read(1 << 20):
                    if clock is not None:
                        clock.check()
                    if parser is not None:
                        try:
                            parser.feed(chunk)
                        except etree.LxmlError:  # not XML, or damaged: python-docx says so
                            parser = None
                    total += len(chunk)
                    xml += len(chunk) if named_xml or parser is not None else 0
                    if xml > MAX_DOCX_XML_BYTES or total > MAX_DOCX_BYTES:
                        raise Unreadable(
                            f"Word file too large unpacked (over {MAX_DOCX_BYTES} bytes, or "
                            f"{MAX_DOCX_XML_BYTES} of XML)")
            if parser is not None:
                try:
                    parser.close()
                except etree.LxmlError:
                    parser = None
            if part is listing:  # damaged: every part is counted as XML if it parses as XML
                types = nodes.types if parser is not None else None
                nodes.types = None


def read_docx(data: bytes, max_chars: int | None = MAX_DOCUMENT_CHARS,
              clock: ReadClock | None = None) -> OfficeText:
    """Body paragraphs and tables in order (a table row is its cells joined by " | ");
    headers and footers live outside the body in Word files and are not read. TooMuchText
    past `max_chars` (None: no limit); `clock`: the load's (ReadTooSlow, ReadCancelled)."""
    import zipfile

    import docx
    from docx.table import Table

    try:
        _check_unpacked_size(data, max_chars, clock)
        document = docx.Document(io.BytesIO(data))
    except (Unreadable, RagError):
        raise
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(f"damaged Word file ({type(exc).__name__}: {_brief(exc)})") from None
    except Exception as exc:  # python-docx raises its own errors for a wrong package
        raise Unreadable(f"not a Word .docx file ({type(exc).__name__}: {_brief(exc)})") from None
    body = document.element.body
    rendered = any(True for _ in body.iter(f"{_W}lastRenderedPageBreak"))
    blocks: list[str] = []
    chars = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block._tbl.findall(f"{_W}tr"):
                cells = [" ".join(_paragraph_text(p, rendered) for p in tc.iter(f"{_W}p"))
                         for tc in row.findall(f"{_W}tc")]
                blocks.append(" | ".join(c.strip() for c in cells))
                chars += len(blocks[-1]) + 1
        else:
            blocks.append(_paragraph_text(block._p, rendered))
            chars += len(blocks[-1]) + 1
        if max_chars is not None and chars > max_chars + 1:  # + 1: no "\n" after the last
            raise TooMuchText(max_chars)
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


def read_office(path: Path, max_bytes: int, max_chars: int | None = MAX_DOCUMENT_CHARS,
                allowance: PdfAllowance | None = None) -> OfficeText:
    """A .pdf or .docx file's text; Unreadable with the reason, TooMuchText past
    `max_chars`. `allowance`: what pypdf may parse, shared with a request's other PDFs, and
    its clock (`ReadClock`: ReadTooSlow, ReadCancelled), the Word files' too."""
    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"file too large ({size} bytes, limit {max_bytes})")
    data = path.read_bytes()
    if not data.strip():
        raise Unreadable("empty file")
    if path.suffix.lower() == ".pdf":
        return read_pdf(data, max_chars, allowance)
    return read_docx(data, max_chars, allowance.clock if allowance is not None else None)
