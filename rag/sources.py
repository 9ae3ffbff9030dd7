"""A document's source as a client may read it: the stored one names a server path."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

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
    are shown as they are. The stored source is unchanged (re-ingests read it); over HTTP a
    `source` filter matches this form (`IndexStore.source_roots`), never the stored path."""
    if "://" in source or source.startswith("upload:") or "/" not in source:
        return source
    line = _LINE.search(source)
    path = source[:line.start()] if line else source
    suffix = line.group() if line else ""
    full = os.path.normpath(os.path.abspath(path))
    for base in roots:
        if full.startswith(base.rstrip("/") + "/"):
            return os.path.relpath(full, base) + suffix
    return (os.path.basename(full) or "<path>") + suffix
