"""Filesystem paths out of what a client is told: an error message of the library names the
index directory or a file in it (useful on the operator's terminal: the CLI shows it as is),
but over HTTP a path tells a stranger how the server is laid out. The message keeps what is
wrong with `<path>` in place of where; the server log keeps the whole message."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rag.sources import shown_source, source_roots

__all__ = ["HIDDEN", "hide_paths", "server_roots", "shown_source", "source_roots"]

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
