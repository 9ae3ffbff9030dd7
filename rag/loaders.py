"""Turn files and folders into Documents; every unusable input becomes a reason, never a crash."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.documents import Document

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ID_CHARS = 200
_JSONL_KNOWN = {"id", "text", "title"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str


@dataclass(slots=True)
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class _Skip(Exception):
    """Raised inside a loader to skip one input with a reason."""


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
    if _CONTROL.search(doc_id):
        raise _Skip("document id contains control characters")
    return doc_id


def load_txt(path: Path) -> Iterator[Document]:
    text = _read_text(path)
    yield Document(check_doc_id(path.stem), text, _first_line(text), str(path))


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def load_md(path: Path) -> Iterator[Document]:
    text = _read_text(path)
    m = _MD_HEADING.search(text)
    title = m.group(1).strip() if m else _first_line(text)
    yield Document(check_doc_id(path.stem), text, title, str(path))


def load_html(path: Path) -> Iterator[Document]:
    import trafilatura

    raw = _read_text(path)
    extracted = trafilatura.bare_extraction(
        raw, include_comments=False, include_tables=True, with_metadata=True
    )
    if extracted is None:
        raise _Skip("no main text found in HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise _Skip("no main text found in HTML")
    title = (data.get("title") or "").strip() or _first_line(text)
    meta = {k: data[k] for k in ("url", "date", "author", "sitename") if data.get(k)}
    yield Document(check_doc_id(path.stem), text, title, str(path), meta)


def _jsonl_document(obj: Any, source: str) -> Document:
    if not isinstance(obj, dict):
        raise _Skip("not a JSON object")
    doc_id = obj.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise _Skip("missing or invalid `id` (string or integer)")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Skip("missing or invalid `text` (string)")
    text = _clean(text).replace("\r\n", "\n").replace("\x00", "")
    if not text.strip():
        raise _Skip("empty `text`")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise _Skip("`title` must be a string")
    meta = {k: v for k, v in obj.items() if k not in _JSONL_KNOWN}
    title = _clean(title or _first_line(text)).strip()
    return Document(check_doc_id(_clean(str(doc_id))), text, title, source, meta)


def iter_jsonl(path: Path, skipped: list[Skipped]) -> Iterator[Document]:
    """One document a line; a bad line is skipped with its line number, the others load."""
    text = _read_text(path)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
            yield _jsonl_document(obj, where)
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(where, f"malformed JSON ({exc.msg})"))
        except _Skip as exc:
            skipped.append(Skipped(where, str(exc)))


_LOADERS: dict[str, Callable[[Path], Iterator[Document]]] = {
    ".txt": load_txt,
    ".md": load_md,
    ".markdown": load_md,
    ".html": load_html,
    ".htm": load_html,
}
SUPPORTED_SUFFIXES = (*_LOADERS, ".jsonl")


def _walk(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.name.startswith("."):
                continue
            yield from _walk(child)
    else:
        yield path


def load_paths(paths: Iterable[str | Path]) -> LoadResult:
    """Load files and folders (recursively); duplicates and bad inputs land in `skipped`."""
    result = LoadResult()
    seen: dict[str, str] = {}
    for root in paths:
        root = Path(root)
        if not root.exists():
            result.skipped.append(Skipped(str(root), "no such file or directory"))
            continue
        for path in _walk(root):
            suffix = path.suffix.lower()
            if not path.is_file():
                result.skipped.append(Skipped(str(path), "not a regular file"))
                continue
            if suffix not in SUPPORTED_SUFFIXES:
                result.skipped.append(Skipped(str(path), f"unsupported file type {suffix!r}"))
                continue
            try:
                if suffix == ".jsonl":
                    docs = list(iter_jsonl(path, result.skipped))
                else:
                    docs = list(_LOADERS[suffix](path))
            except _Skip as exc:
                result.skipped.append(Skipped(str(path), str(exc)))
                continue
            except OSError as exc:
                result.skipped.append(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
                continue
            except Exception as exc:  # a parser bug on one file must not lose the others
                result.skipped.append(Skipped(str(path), f"cannot parse: {exc}"))
                continue
            for doc in docs:
                if doc.id in seen:
                    result.skipped.append(Skipped(
                        doc.source, f"duplicate document id {doc.id!r} (first in {seen[doc.id]})"))
                    continue
                seen[doc.id] = doc.source
                result.documents.append(doc)
    return result


def document_from_fields(obj: Any, source: str = "request") -> Document:
    """Validate one JSON document (the JSONL schema); raises ValueError with the reason."""
    try:
        return _jsonl_document(obj, source)
    except _Skip as exc:
        raise ValueError(str(exc)) from None
