"""Text made safe to normalise in linear time (Unicode's Stream-Safe Text Format, UAX #15).

CPython puts a run of combining marks in canonical order with an insertion sort: a run that
alternates two combining classes (U+0301, U+0316, ...) costs O(n²) in `unicodedata.normalize`,
0.3 s for 20,000 of them in one call that holds the GIL, 3 s for a megabyte counted in pieces
(ninth review, re-check B). Real text never holds more than a handful of marks on one base
character; UAX #15 puts a COMBINING GRAPHEME JOINER (U+034F, a mark of class 0) after every 30
in a row, so no run to sort is longer. Used on text about to be normalised (counted or
embedded), never on stored text, whose offsets stay exact.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

STREAM_SAFE_RUN = 30
_CGJ = "\u034f"


@lru_cache(maxsize=1)
def _long_runs() -> re.Pattern[str]:
    """Runs of more than STREAM_SAFE_RUN characters of a non-zero combining class (built once:
    ~0.3 s over every code point)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                  for a, b in ranges)
    return re.compile(f"[{cls}]{{{STREAM_SAFE_RUN + 1},}}")


def _split_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return _CGJ.join(run[i:i + STREAM_SAFE_RUN] for i in range(0, len(run), STREAM_SAFE_RUN))


def stream_safe(text: str) -> str:
    """`text` with a U+034F after every STREAM_SAFE_RUN combining marks in a row (unchanged,
    and the same object, when it has no such run: nearly always)."""
    if text.isascii():
        return text
    return _long_runs().sub(_split_run, text)
