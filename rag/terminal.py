"""Text from documents and users, made safe to print on a terminal."""

from __future__ import annotations

import logging
import re
import unicodedata

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that change how a terminal lays out what follows without showing themselves:
# format characters (Cf: bidi overrides and isolates such as U+202E, which print the rest of
# a line backwards, zero-width characters, the BOM) and the line and paragraph separators
# U+2028/U+2029 (Zl, Zp).
_INVISIBLE = ("Cf", "Zl", "Zp")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF \
        else f"\\U{code:08x}"


def printable(text: object) -> str:
    """`text` as a terminal shows it, not as it obeys it: each control character but newline
    and tab, and each invisible format or separator character (bidi controls, U+2028), written
    as its escape (`\\x1b`, `\\u202e`). Titles, passages, questions and comments come from
    documents and from the service's users: everything the CLI prints for a person goes
    through here (`_say`)."""
    text = _CONTROLS.sub(lambda m: _escape(m.group()), str(text))
    if text.isascii():
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _INVISIBLE else ch
                   for ch in text)


class PrintableFormatter(logging.Formatter):
    """Log lines as a terminal shows them (`printable`): a URL, a file name or a question a
    user sent is logged as written, and the log is the operator's terminal (review 33 F3)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))
