"""Text from documents and users, made safe to print on a terminal."""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """`text` as a terminal shows it, not as it obeys it: each control character but newline
    and tab written as its escape (`\\x1b`). Titles, passages, questions and comments come
    from documents and from the service's users: everything the CLI prints for a person goes
    through here (`_say`)."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))
