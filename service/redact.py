"""Filesystem paths out of what a client is told: an error message of the library names the
index directory or a file in it (useful on the operator's terminal: the CLI shows it as is),
but over HTTP a path tells a stranger how the server is laid out. The message keeps what is
wrong with `<path>` in place of where; the server log keeps the whole message."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

# An absolute POSIX path: a `/` that starts a word (not inside a URL, `text/html` or `km/h`).
_TAIL = r"(?:/[\w.@+~=%-]*)*"
_ABSOLUTE = re.compile(r"(?<![\w/:.~>-])/[\w.@+~=%-]+" + _TAIL)
HIDDEN = "<path>"


def server_roots(*dirs: Path | None) -> tuple[str, ...]:
    """The spellings of the server's own directories a message may hold (as configured, and
    resolved), longest first; a bare relative name (`index`) is a word, not worth hiding."""
    names: set[str] = set()
    for d in dirs:
        if d is None:
            continue
        for p in (d, d.expanduser().resolve()):
            text = str(p)
            if "/" in text:
                names.add(text)
    return tuple(sorted(names, key=len, reverse=True))


def hide_paths(text: str, roots: Iterable[str] = ()) -> str:
    """`text` with the server's directories and any absolute path replaced by `<path>`."""
    for root in roots:  # with the file in it: `<path>`, not `<path>/store.sqlite`
        text = re.sub(re.escape(root) + r"(?![\w.@+~=%-])" + _TAIL, HIDDEN, text)
    return _ABSOLUTE.sub(HIDDEN, text)


_LINE = re.compile(r":\d+\Z")  # a .jsonl line: `docs.jsonl:3`


def source_roots(*dirs: Path) -> tuple[str, ...]:
    """The spellings of `dirs` (as given, and resolved) that `shown_source` compares with."""
    return tuple(sorted({os.path.normpath(spelling) for d in dirs for spelling in
                         (os.path.abspath(d), os.path.realpath(d))}, key=len, reverse=True))


def shown_source(source: str, roots: Iterable[str] = ()) -> str:
    """A document's `source` as a client reads it (`GET /documents`): a file `rag ingest` read
    is stored by the path it was given, absolute often (`/srv/rag/corpus/a.txt`), and listing
    it told anyone how the server's disks are laid out (seventh review, F6). A file under one
    of `roots` (`source_roots`: the corpus the server builds from) is shown relative to it,
    any other by its name (with its `.jsonl` line); URLs, uploads (`upload:a.txt`) and `api`
    are shown as they are. The stored source is unchanged (re-ingests and `source` filters
    read it)."""
    if "://" in source or source.startswith("upload:") or "/" not in source:
        return source
    line = _LINE.search(source)
    path = source[:line.start()] if line else source
    suffix = line.group() if line else ""
    full = os.path.normpath(os.path.abspath(path))
    for base in roots:
        if full.startswith(base.rstrip("/") + "/"):
            return os.path.relpath(full, base) + suffix
    return (os.path.basename(full) or HIDDEN) + suffix
