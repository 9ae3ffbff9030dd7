"""Turn files and folders into Documents; every unusable input becomes a reason, never a crash."""

from __future__ import annotations

import json
import logging
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

from rag.cleaning import CHECK_LINES, checked, clean_lines, is_date_line, recurring_lines
from rag.documents import Document, embedded_chars
from rag.errors import RagError
from rag.html_tags import bound_tag_attributes
from rag.loaders_office import MAX_DOCUMENT_CHARS, PdfAllowance, drop_invisible, plain_title
from rag.markup import (
    FrontMatterTooLarge,
    first_heading,
    html_title,
    split_front_matter,
    strip_fences,
    strip_markdown,
)
from rag.read_clock import UPLOAD_READ_SECONDS, ReadCancelled, ReadClock, ReadTooSlow

log = logging.getLogger("rag.loaders")

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ID_CHARS = 200
# A JSON document's own title and extra fields: the title goes with every hit and citation
# of every chunk (and into each chunk's BM25 terms), so a 1 MB title was copied into each.
# Titles read from files are cut to 300 characters; a title given explicitly is refused over
# MAX_TITLE_CHARS, metadata over MAX_METADATA_BYTES of JSON.
MAX_TITLE_CHARS = 1000
MAX_METADATA_BYTES = 64 * 1024
_JSONL_KNOWN = {"id", "text", "title"}
# control characters, C1 included, and the invisible ones that reorder or hide what follows
# where a name is shown (bidi overrides and isolates, zero-width characters, separators, the
# BOM): "x\u202etxt.exe" would read backwards in the widget's source list (review 33 F4)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
# ... and every other format character (the Arabic letter mark, the soft hyphen, tag
# characters), line or paragraph separator, private-use code point or surrogate, and the
# Hangul fillers, which draw nothing (review 35 F3: a hand-written list let them through)
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")


def _has_invisible(text: str) -> bool:
    """Whether `text` holds a control or invisible character (`_CONTROL`, then by category)."""
    return bool(_CONTROL.search(text)) or any(
        unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ch in _FILLERS
        for ch in text if not ch.isascii())


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str


@dataclass(slots=True)
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def dropped_lines(self) -> int:
        """Site furniture lines removed from the loaded documents (see rag.cleaning)."""
        return sum(d.dropped_lines for d in self.documents)


class _Skip(Exception):
    """Raised inside a loader to skip one input with a reason."""


class TextBudget:
    """The characters of text one load may give (see Settings.max_document_chars), counted as
    the embedder reads them (`embedded_chars`: in NFKC, where one character can be 18): each
    document (a file, a JSONL line) `per_document`, over which it is skipped with the reason,
    and all of them together `total` (None: no limit), past which the load stops with
    TextTooLarge: a request that asks that much is refused whole. PDF and Word readers are
    given what is left (`room`) and stop as soon as they pass it. With `shared_pdf` the PDFs of
    the load also share what pypdf may parse (`pdf`, see rag.loaders_office.PdfAllowance: an
    upload request's); else each PDF has its own (`rag ingest` of a folder of PDFs). `clock`
    (rag.read_clock): how long the load's files may take to parse, all of them together, and
    whether it is still wanted; checked between files, and inside PDF and Word files when
    `shared_pdf` is set too (the readers get it with the shared allowance)."""

    def __init__(self, per_document: int = MAX_DOCUMENT_CHARS, total: int | None = None,
                 shared_pdf: bool = False, clock: ReadClock | None = None) -> None:
        self.per_document = per_document
        self.total = total
        self.used = 0
        self.clock = clock
        self.pdf = PdfAllowance(clock) if shared_pdf else None

    def room(self) -> int:
        """What the next document may hold before one limit or the other is passed."""
        if self.total is None:
            return self.per_document
        return max(0, min(self.per_document, self.total - self.used))

    def take(self, chars: int) -> None:
        """A document of `chars` characters is read: _Skip over `per_document`, TextTooLarge
        past what is left of `total`."""
        if chars > self.per_document:
            raise _Skip(self._too_long())
        if self.total is not None and self.used + chars > self.total:
            self._too_much()
        self.used += chars

    def refuse(self) -> NoReturn:
        """A reader stopped at `room()`: which limit it was."""
        if self.room() < self.per_document:
            self._too_much()
        raise _Skip(self._too_long())

    def _too_long(self) -> str:
        return f"more than {self.per_document} characters of text (limit per document)"

    def _too_much(self) -> NoReturn:
        raise TextTooLarge(f"the files give more than {self.total} characters of text in all")


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _Skip(f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
    data = path.read_bytes()
    if not data.strip():
        raise _Skip("empty file")
    if b"\x00" in data[:8192]:
        raise _Skip("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Skip(f"not valid UTF-8 (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise _Skip("binary file (NUL bytes)")
    if not text.strip():
        raise _Skip("empty file")
    return text


def _clean(text: str) -> str:
    """Lone surrogates (legal in JSON escapes) cannot be stored as UTF-8: replace them."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


def check_doc_id(doc_id: str) -> str:
    """A document id must be printable, short and non-empty: it is shown, stored and deleted by."""
    if not doc_id or not doc_id.strip():
        raise _Skip("empty document id")
    if len(doc_id) > MAX_ID_CHARS:
        raise _Skip(f"document id longer than {MAX_ID_CHARS} characters")
    if _has_invisible(doc_id):
        raise _Skip("document id contains control or invisible characters")
    return doc_id


@dataclass(slots=True)
class _Page:
    """A .txt/.md/.html file read but not yet cleaned: cleaning needs its whole batch."""

    doc_id: str
    text: str
    source: str
    title: str = ""  # an explicit title (Markdown heading or front matter, HTML head)
    metadata: dict[str, Any] = field(default_factory=dict)


# What a long pass over a document's lines calls now and then (`ReadClock.check`): it raises
# ReadTooSlow or ReadCancelled to stop the load (forty-seventh review, F2).
Check = Callable[[], None]


def _title_line(text: str, check: Check | None = None) -> str:
    """First non-empty line that is not a bare date (scraped pages often start with one);
    the lines are read only as far as that one."""
    first = ""
    for line in checked(text.splitlines(), check):
        line = line.strip()
        if not line:
            continue
        if not is_date_line(line):
            return line[:300]
        first = first or line
    return first[:300]


def _finish(page: _Page, recurring: frozenset[str] = frozenset(),
            check: Check | None = None) -> Document:
    cleaned = clean_lines(page.text, recurring, check)
    if not cleaned.text.strip():
        raise _Skip(f"nothing but site furniture ({cleaned.dropped} lines)")
    # the title without bidirectional controls (`plain_title`), whichever it is: the page's
    # own (HTML head, Markdown front matter or heading, a fetched page's) or, when it has none
    # (or nothing but controls), its first line
    title = plain_title(page.title)
    if not title.strip():
        title = plain_title(_title_line(cleaned.text, check))
    return Document(page.doc_id, cleaned.text, title, page.source, page.metadata,
                    dropped_lines=cleaned.dropped)


def _read_txt(path: Path, check: Check | None = None) -> _Page:
    return _Page(check_doc_id(path.stem), _read_text(path), str(path))


def load_txt(path: Path) -> Iterator[Document]:
    """Title = first non-empty line of the cleaned text."""
    yield _finish(_read_txt(path))


# `strip_markdown` reads a text line by line, and all it carries from one line to the next is
# whether a code fence is open. A slice of lines is read with `_FENCE_OPEN` before it when
# the slice before ended inside a fence (a fence line gives no line), and `_SENTINEL` after
# it, which comes out as itself inside a fence (fenced lines stay verbatim) and as
# `_SENTINEL_PLAIN` outside one (its bold marks go): how the slice ends.
_FENCE_OPEN = "```"
_SENTINEL = "**.**"
_SENTINEL_PLAIN = "."


def strip_markdown_checked(body: str, check: Check | None = None) -> str:
    """`strip_markdown(body)`, read CHECK_LINES lines at a time with `check()` called before
    each slice: a Markdown file of a million short lines took 6 s of a worker's CPU per
    megabyte... between two reads of the upload's clock (forty-seventh review, F2)."""
    if check is None or body.count("\n") < CHECK_LINES:
        if check is not None:
            check()
        return strip_markdown(body)
    lines = body.split("\n")
    parts: list[str] = []
    fenced = False
    for start in range(0, len(lines), CHECK_LINES):
        check()
        head = [_FENCE_OPEN] if fenced else []
        got = strip_markdown("\n".join([*head, *lines[start:start + CHECK_LINES], _SENTINEL]))
        rest, _, last = got.rpartition("\n")
        if last not in (_SENTINEL, _SENTINEL_PLAIN):  # strip_markdown changed: read it whole
            return strip_markdown(body)
        fenced = last == _SENTINEL
        if got != last:  # the slice gave lines of its own, `rest` (one blank line: "")
            parts.append(rest)
    return "\n".join(parts)


def _read_md(path: Path, check: Check | None = None) -> _Page:
    try:
        meta, body = split_front_matter(_read_text(path))
    except FrontMatterTooLarge as exc:
        raise _Skip(str(exc)) from None
    title = meta.pop("title", "")
    if not isinstance(title, str) or not title.strip():
        if check is not None:
            check()
        heading = first_heading(strip_fences(body))
        title = strip_markdown(heading) if heading else ""
    return _Page(check_doc_id(path.stem), strip_markdown_checked(body, check), str(path),
                 title.strip()[:300], meta)


def load_md(path: Path) -> Iterator[Document]:
    """Front matter becomes metadata, title = its `title` or the first heading; the stored
    text is plain (no `#`, emphasis or link syntax to quote in answers)."""
    yield _finish(_read_md(path))


def _read_html(path: Path, check: Check | None = None) -> _Page:
    return page_from_html(_read_text(path), check_doc_id(path.stem), str(path))


# What trafilatura is given to extract an article from. Its time grows faster than the page:
# 20,000 links in one paragraph (420 KB) took 27.5 s and 50,000 over 400 s, as its
# `//p//text()` is quadratic in the text runs inside <p> elements (those of one paragraph
# above all), and even real pages cost about 1 s per 12,000 elements. A page past one of these
# bounds, counted on lxml's parse of it in linear time, is read as plain text instead
# (`_plain_html_text`: every text but scripts and styles, one line per block), which takes
# well under a second a megabyte; the furniture cleaning still applies to it.
MAX_HTML_ELEMENTS = 30_000
MAX_PARAGRAPH_RUNS = 30_000  # text runs (an element's text or tail) in <p> elements, all told
MAX_RUNS_IN_A_PARAGRAPH = 5_000  # in any one <p>
_HTML_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "math",
                        "iframe", "object", "embed", "canvas", "select", "datalist"})
_HTML_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "td", "th", "tr", "ul"})
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")


def _etree() -> Any:
    """lxml.etree, imported when an HTML page is first read."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def _parse_html(raw: str) -> Any:
    """lxml's tree of a page (its root element), None when there is none."""
    etree = _etree()
    parser = etree.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True,
                              encoding="utf-8")
    return etree.fromstring(raw.encode("utf-8", "replace"), parser)


def _bounded_html(raw: str) -> str:
    """`raw`, itself when no tag holds more than MAX_TAG_ATTRIBUTES attributes (read from
    the bytes lxml is given, so the tags are the ones it will see)."""
    data = raw.encode("utf-8", "replace")
    bounded = bound_tag_attributes(data)
    return raw if bounded is data else bounded.decode("utf-8", "replace")


def _html_too_costly(root: Any) -> str | None:
    """Which bound of trafilatura's (MAX_HTML_ELEMENTS and the paragraph runs) the page
    passes, None within them; one walk of the tree."""
    etree = _etree()
    elements = runs = 0
    paragraphs: list[int] = []  # the runs of each <p> open around the element
    for event, elem in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            if elem.tag == "p" and paragraphs:
                paragraphs.pop()
            continue
        elements += 1
        if paragraphs:
            paragraphs[-1] += 2  # its text and its tail
            runs += 2
            if paragraphs[-1] > MAX_RUNS_IN_A_PARAGRAPH:
                return f"over {MAX_RUNS_IN_A_PARAGRAPH} text runs in one paragraph"
        if elem.tag == "p":
            paragraphs.append(1)
            runs += 1
        if elements > MAX_HTML_ELEMENTS:
            return f"over {MAX_HTML_ELEMENTS} elements"
        if runs > MAX_PARAGRAPH_RUNS:
            return f"over {MAX_PARAGRAPH_RUNS} text runs in paragraphs"
    return None


def _plain_html_text(root: Any) -> str:
    """All the text of a page but its scripts, styles and the like, one line per block
    element, spaces collapsed: in linear time, whatever the page."""
    etree = _etree()
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, elem in walker:
        tag = elem.tag if isinstance(elem.tag, str) else ""
        if event == "start":
            if tag in _HTML_SKIP:
                walker.skip_subtree()
                continue
            if tag in _HTML_BLOCKS:
                parts.append("\n")
            parts.append(elem.text or "")
        else:
            if tag in _HTML_BLOCKS:
                parts.append("\n")
            if elem is not root:
                parts.append(elem.tail or "")
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def page_from_html(raw: str, doc_id: str, source: str) -> _Page:
    """The article in an HTML page (a file or a fetched URL), waiting for batch cleaning: by
    trafilatura, or as plain text for a page past its bounds (MAX_HTML_ELEMENTS). A tag's
    attributes past MAX_TAG_ATTRIBUTES are dropped first: lxml's time grows with the square
    of their number."""
    raw = _bounded_html(raw)
    root = _parse_html(raw)
    if root is None:
        raise _Skip("no main text found in HTML")
    too_costly = _html_too_costly(root)
    if too_costly is not None:
        log.info("%s: read as plain text (%s)", source[:200], too_costly)
        text = _plain_html_text(root)
        if not text:
            raise _Skip("no text found in HTML")
        return _Page(doc_id, text, source, html_title(raw)[:300])
    del root
    import trafilatura

    extracted = trafilatura.bare_extraction(
        raw, include_comments=False, include_tables=True, with_metadata=True
    )
    if extracted is None:
        raise _Skip("no main text found in HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise _Skip("no main text found in HTML")
    title = html_title(raw, data.get("sitename") or "") or (data.get("title") or "").strip()
    # a page's head is whoever wrote the page's: each field cut like the title
    meta = {k: str(data[k])[:300] for k in ("url", "date", "author", "sitename") if data.get(k)}
    return _Page(doc_id, text, source, title[:300], meta)


def load_html(path: Path) -> Iterator[Document]:
    """Main text by trafilatura; title from the page's head (`og:title`, `<title>`), not
    from whatever heading trafilatura meets first (a hidden dialog's, say)."""
    yield _finish(_read_html(path))


def _jsonl_document(obj: Any, source: str, max_chars: int = MAX_DOCUMENT_CHARS
                    ) -> tuple[Document, int]:
    """One JSON document, and its text's `embedded_chars` (counted once: its callers charge
    that, not a second count; tenth review, F1)."""
    if not isinstance(obj, dict):
        raise _Skip("not a JSON object")
    doc_id = obj.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise _Skip("missing or invalid `id` (string or integer)")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Skip("missing or invalid `text` (string)")
    if len(text) > max_chars:
        raise _Skip(f"`text` longer than {max_chars} characters (limit per document)")
    text = drop_invisible(_clean(text).replace("\r\n", "\n").replace("\x00", ""))
    chars = embedded_chars(text)  # as the embedder reads it (NFKC)
    if chars > max_chars:
        raise _Skip(f"`text` longer than {max_chars} characters (limit per document)")
    if not text.strip():
        raise _Skip("empty `text`")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise _Skip("`title` must be a string")
    if title is not None and len(title) > MAX_TITLE_CHARS:
        raise _Skip(f"`title` longer than {MAX_TITLE_CHARS} characters")
    meta = {k: v for k, v in obj.items() if k not in _JSONL_KNOWN}
    try:
        storable_metadata(meta)
    except ValueError as exc:
        raise _Skip(str(exc)) from None
    title = plain_title(_clean(title or "")).strip() or plain_title(_first_line(text)).strip()
    return Document(check_doc_id(_clean(str(doc_id))), text, title, source, meta), chars


def iter_jsonl(path: Path, skipped: list[Skipped], budget: TextBudget | None = None
               ) -> Iterator[Document]:
    """One document a line; a bad line is skipped with its line number, the others load.
    Each line's text is charged to `budget` (TextTooLarge past its total)."""
    budget = budget or TextBudget()
    text = _read_text(path)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(where, f"malformed JSON ({exc.msg})"))
            continue
        except ValueError as exc:  # an integer past Python's digit limit
            skipped.append(Skipped(where, f"unreadable JSON ({exc})"))
            continue
        except RecursionError:
            skipped.append(Skipped(where, "unreadable JSON (nested too deeply)"))
            continue
        try:
            doc, chars = _jsonl_document(obj, where, budget.per_document)
            budget.take(chars)
        except _Skip as exc:
            skipped.append(Skipped(where, str(exc)))
            continue
        yield doc


def _read_office(path: Path, budget: TextBudget) -> Document:
    """A PDF or Word file: read page by page, no batch cleaning (see rag.loaders_office),
    only as far as `budget` has room."""
    from rag.loaders_office import TooMuchText, Unreadable, read_office

    doc_id = check_doc_id(path.stem)
    try:
        office = read_office(path, MAX_FILE_BYTES, budget.room(), budget.pdf)
    except TooMuchText:
        budget.refuse()
    except Unreadable as exc:
        raise _Skip(str(exc)) from None
    budget.take(embedded_chars(office.text))
    return Document(doc_id, office.text, office.title, str(path), office.metadata,
                    dropped_lines=office.dropped_lines)


OFFICE_SUFFIXES = (".pdf", ".docx")
_READERS: dict[str, Callable[[Path, Check | None], _Page]] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".markdown": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
}
SUPPORTED_SUFFIXES = (*_READERS, ".jsonl", *OFFICE_SUFFIXES)
Page = _Page  # what `load_paths(extra=...)` takes: a fetched page (rag.fetch)


def _walk(root: Path) -> Iterator[Path]:
    """The files under `root` (itself when it is no directory), depth first in name order,
    hidden names left out. Symbolic links are followed, but each directory is walked once:
    two links to `.` made 2**40 paths (`rag ingest` never ended), so a directory met again
    (same device and inode: a link to it or to an ancestor) is passed over."""
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[Path]] = [iter([root])]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        if not path.is_dir():
            yield path
            continue
        st = path.stat()
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        stack.append(iter(sorted(c for c in path.iterdir() if not c.name.startswith("."))))


def _read(path: Path, budget: TextBudget) -> list[Document | Skipped] | _Page | Skipped:
    """One file: its JSONL lines (documents and skipped lines), its page waiting to be
    cleaned, or why it is skipped; TextTooLarge (naming the file) when `budget` is spent."""
    suffix = path.suffix.lower()
    if not path.is_file():
        return Skipped(str(path), "not a regular file")
    if suffix not in SUPPORTED_SUFFIXES:
        return Skipped(str(path), f"unsupported file type {suffix!r}")
    try:
        if suffix == ".jsonl":
            bad: list[Skipped] = []
            docs: list[Document | Skipped] = list(iter_jsonl(path, bad, budget))
            return [*bad, *docs]
        if suffix in OFFICE_SUFFIXES:
            return [_read_office(path, budget)]
        if suffix == ".txt" and path.stat().st_size > 4 * budget.room():
            budget.refuse()  # at least a character every 4 bytes of UTF-8: not read at all
        page = _READERS[suffix](path, None if budget.clock is None else budget.clock.check)
        budget.take(embedded_chars(page.text))
        return page
    except TextTooLarge as exc:
        raise TextTooLarge(f"{path}: {exc}") from None
    except (ReadTooSlow, ReadCancelled):  # the load's clock: it stops whole
        raise
    except _Skip as exc:
        return Skipped(str(path), str(exc))
    except OSError as exc:
        return Skipped(str(path), f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a parser bug on one file must not lose the others
        return Skipped(str(path), f"cannot parse: {exc}")


def _charge(item: _Page | Document | Skipped, budget: TextBudget
            ) -> list[Document | Skipped] | _Page | Skipped:
    """A fetched page (or the stored Document a 304 kept) charged to `budget` as a file is:
    skipped with the reason over its per-document limit, TextTooLarge (naming the URL) past
    its total."""
    if isinstance(item, Skipped):
        return item
    try:
        budget.take(embedded_chars(item.text))
    except _Skip as exc:
        return Skipped(item.source, str(exc))
    except TextTooLarge:
        raise TextTooLarge(f"{item.source}: the files and pages give more than {budget.total} "
                           "characters of text in all") from None
    return [item] if isinstance(item, Document) else item


def load_paths(paths: Iterable[str | Path],
               extra: Iterable[_Page | Document | Skipped] = (),
               budget: TextBudget | None = None) -> LoadResult:
    """Load files and folders (recursively); duplicates and bad inputs land in `skipped`.

    The .txt/.md/.html files of one call are one batch for cleaning: a short line found in
    two or more of them is site furniture (menus, footers) and is dropped with the rest.
    `extra` items (fetched web pages, see rag.fetch) join the batch after the files.
    `budget`: the text the files and then the `extra` pages may give (TextBudget():
    MAX_DOCUMENT_CHARS a document): one over its per-document limit is skipped with the
    reason; TextTooLarge when they give more than its total."""
    budget = budget or TextBudget()
    check = None if budget.clock is None else budget.clock.check
    result = LoadResult()
    read: list[list[Document | Skipped] | _Page | Skipped] = []
    for root in paths:
        root = Path(root)
        if not root.exists():
            read.append(Skipped(str(root), "no such file or directory"))
            continue
        for path in _walk(root):
            if check is not None:
                check()
            read.append(_read(path, budget))
    read += [_charge(x, budget) for x in extra]
    pages = [p for p in read if isinstance(p, _Page)]
    for p in pages:  # before cleaning: furniture lines are compared without them
        if check is not None:
            check()
        p.text, p.title = drop_invisible(p.text), drop_invisible(p.title)
    # a page counts once: the same file twice, or two copies of it, repeat nothing. The
    # clock is read inside this pass and the cleaning (every CHECK_LINES lines), as it is
    # inside the files' parsing: they too take time in proportion to the lines
    recurring = recurring_lines(dict.fromkeys(
        {p.doc_id: p.text for p in reversed(pages)}.values()), check=check)
    seen: dict[str, str] = {}
    for item in read:
        if isinstance(item, Skipped):
            result.skipped.append(item)
            continue
        if isinstance(item, _Page):
            try:
                docs: list[Document | Skipped] = [_finish(item, recurring, check)]
            except _Skip as exc:
                result.skipped.append(Skipped(item.source, str(exc)))
                continue
        else:
            docs = item
        for doc in docs:
            if isinstance(doc, Skipped):
                result.skipped.append(doc)
                continue
            if doc.id in seen:
                result.skipped.append(Skipped(
                    doc.source, f"duplicate document id {doc.id!r} (first in {seen[doc.id]})"))
                continue
            seen[doc.id] = doc.source
            result.documents.append(doc)
    return result


MAX_NAME_BYTES = 255  # what file systems store; longer names failed with a bare 500


def upload_name(filename: str | None) -> str:
    """The file name an upload is stored and identified by (its stem is the document id).

    Directories are dropped (no traversal). Names that would be hidden, empty, unwritable or
    lose their identity raise ValueError with the reason: a made-up name (`upload-0`) would
    silently replace whichever document had it before.
    """
    if not filename or not filename.strip():
        raise ValueError("the file has no name")
    if _has_invisible(filename):  # NUL included: the OS cannot store it
        raise ValueError("the file name contains control or invisible characters")
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if name in ("", ".", ".."):
        raise ValueError("the file name is a directory, not a file")
    if name.startswith("."):
        raise ValueError("hidden file names (starting with `.`) are not accepted")
    if len(name.encode("utf-8", "replace")) > MAX_NAME_BYTES:
        raise ValueError(f"the file name is longer than {MAX_NAME_BYTES} bytes")
    if not Path(name).stem.strip():
        raise ValueError("the file name has no stem to use as the document id")
    return name


def document_from_fields(obj: Any, source: str = "request",
                         max_chars: int = MAX_DOCUMENT_CHARS) -> Document:
    """Validate one JSON document (the JSONL schema), its text at most `max_chars`; raises
    ValueError with the reason."""
    return counted_document_from_fields(obj, source, max_chars)[0]


def counted_document_from_fields(obj: Any, source: str = "request",
                                 max_chars: int = MAX_DOCUMENT_CHARS) -> tuple[Document, int]:
    """`document_from_fields`, and its text's `embedded_chars`: counted once to check it,
    for a caller that charges it too (POST /documents counted each text twice: 300,000
    U+0F73, then quadratic to normalise, held a worker 7.8 s; tenth review, F1)."""
    try:
        return _jsonl_document(obj, source, max_chars)
    except _Skip as exc:
        raise ValueError(str(exc)) from None


def storable_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """Extra fields as the store can write them: lone surrogates (legal as JSON escapes, not
    encodable as UTF-8) are replaced, as the loaders do for the text; else the commit fails.
    ValueError past MAX_METADATA_BYTES."""
    try:
        raw = json.dumps(metadata, ensure_ascii=False, default=str)
    except RecursionError:
        raise ValueError("metadata nested too deeply") from None
    if len(raw) > MAX_METADATA_BYTES:  # characters: bytes are at least as many (size first)
        raise ValueError(f"metadata over {MAX_METADATA_BYTES} bytes as JSON")
    encoded = raw.encode("utf-8", "replace")
    if len(encoded) > MAX_METADATA_BYTES:
        raise ValueError(f"metadata over {MAX_METADATA_BYTES} bytes as JSON")
    cleaned: dict[str, Any] = json.loads(encoded)  # only once it is known to be small
    return cleaned


class UploadError(RagError):
    """A file of an upload cannot be taken (its name, a name used twice)."""


class UnsupportedUpload(UploadError):
    """No file of the upload has a type the loaders read."""


class NothingLoaded(UploadError):
    """Every file of the upload was skipped (the reasons are in the message)."""


class TextTooLarge(UploadError):
    """The files of one load give more text than it may hold in all (`TextBudget.total`)."""


UPLOAD_PREFIX = "upload:"


def shown_name(filename: str | None) -> str:
    """A client's file name as an error message may quote it: escaped, at most 80 chars."""
    text = repr(filename or "")
    return text if len(text) <= 80 else text[:77] + "..."


class Uploads:
    """Files sent by a client, read as `rag ingest` reads files, from a private folder.

    `place` checks a name and says where to write the file's bytes (None: a type the loaders
    do not read, skipped with the reason); `load` reads them all. Each file gets its own
    sub-folder so its name is its id, and sources and reasons name files `upload:<name>`,
    never the temporary folder. `max_document_chars` and `max_text_chars` bound the text
    read (see TextBudget): a file over the first is skipped with the reason, and `load`
    raises TextTooLarge past the second, as soon as a file passes it. The PDFs of an upload
    share what pypdf may parse, and all of them `read_seconds` of parsing (rag.read_clock)."""

    def __init__(self, max_document_chars: int = MAX_DOCUMENT_CHARS,
                 max_text_chars: int | None = None,
                 read_seconds: float | None = UPLOAD_READ_SECONDS) -> None:
        self._max_document_chars = max_document_chars
        self._read_seconds = read_seconds
        self._max_text_chars = max_text_chars
        self._tmp = tempfile.TemporaryDirectory(prefix="rag-upload-")
        self._root = self._tmp.name
        self._names: dict[str, int] = {}
        self._files = 0
        self.refused: list[Skipped] = []

    def __enter__(self) -> Uploads:
        return self

    def __exit__(self, *exc: object) -> None:
        self._tmp.cleanup()

    def place(self, filename: str | None) -> Path | None:
        i = self._files
        self._files += 1
        try:
            name = upload_name(filename)  # no directories: no traversal
        except ValueError as exc:
            raise UploadError(f"files[{i}] {shown_name(filename)}: {exc}") from None
        if name in self._names:
            raise UploadError(f"files[{i}] {shown_name(filename)}: same name as "
                              f"files[{self._names[name]}] ({name!r}); each file needs its own")
        self._names[name] = i
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            self.refused.append(Skipped(UPLOAD_PREFIX + name, "unsupported file type; use one "
                                        f"of {', '.join(SUPPORTED_SUFFIXES)}"))
            return None
        slot = Path(self._root) / f"{i:04d}"
        slot.mkdir()
        return slot / name

    def load(self, cancelled: Callable[[], bool] | None = None
             ) -> tuple[list[Document], list[Skipped]]:
        """The documents and the skipped files with their reasons; UploadError when there is
        nothing to read, ValueError (the reason) for a document the store cannot take.
        The files share `read_seconds` of parsing (ReadTooSlow past it; None: no limit) and
        stop when `cancelled()` says so (ReadCancelled)."""
        if self._files and len(self.refused) == self._files:  # the request's type is wrong
            raise UnsupportedUpload("; ".join(
                f"{s.source.removeprefix(UPLOAD_PREFIX)}: {s.reason}" for s in self.refused))
        try:
            loaded = load_paths([Path(self._root)], budget=TextBudget(
                self._max_document_chars, self._max_text_chars, shared_pdf=True,
                clock=ReadClock(self._read_seconds, cancelled)))
        except TextTooLarge as exc:
            raise TextTooLarge(self._scrub(str(exc))) from None
        try:
            docs = [replace(d, source=self._public(d.source),
                            metadata=storable_metadata(d.metadata)) for d in loaded.documents]
        except ValueError as exc:
            raise ValueError(self._scrub(str(exc))) from None
        skipped = self.refused + [Skipped(self._public(s.source), self._scrub(s.reason))
                                  for s in loaded.skipped]
        if not docs:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no documents"
            raise NothingLoaded(f"no document could be loaded: {reasons}")
        return docs, skipped

    def _public(self, source: str) -> str:
        """`upload:<name>[:line]`: the temporary folder is nobody's business."""
        rest = source.removeprefix(self._root).lstrip("/")
        return UPLOAD_PREFIX + rest.split("/", 1)[-1]

    def _scrub(self, text: str) -> str:
        """A reason that names an uploaded file (`first in /tmp/...`) names it `upload:<name>`."""
        return re.sub(re.escape(self._root) + r"/\d+/", UPLOAD_PREFIX,
                      text).replace(self._root, UPLOAD_PREFIX)
