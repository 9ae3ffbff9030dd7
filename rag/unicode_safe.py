"""Text made safe to normalise in linear time (Unicode's Stream-Safe Text Format, UAX #15).

CPython puts a run of combining marks in canonical order with an insertion sort: a run that
alternates two combining classes (U+0301, U+0316, ...) costs O(n²) in `unicodedata.normalize`,
0.3 s for 20,000 of them in one call that holds the GIL, 3 s for a megabyte counted in pieces
(ninth review, re-check B). Real text never holds more than a handful of marks on one base
character; UAX #15 puts a COMBINING GRAPHEME JOINER (U+034F, a starter) wherever a run would
pass 30 non-starters, so no run to sort is longer. Used on text about to be normalised
(counted, embedded, folded), never on stored text, whose offsets stay exact.

The runs are counted as UAX #15 counts them, after decomposition: a code point of combining
class 0 may still decompose into marks (U+0F73 TIBETAN VOWEL SIGN II is U+0F71 U+0F72, and
U+FF9E HALFWIDTH KATAKANA VOICED SOUND MARK is U+3099), and 20,000 of U+0F73, which a class
built from `unicodedata.combining` alone let through, took 3.4 s to normalise (tenth review,
F1). So every code point whose canonical or compatibility decomposition holds a non-starter
is a run member, weighing as many non-starters as it decomposes into (at most 3).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

STREAM_SAFE_RUN = 30
STREAM_SAFE_JOINER = _CGJ = "\u034f"  # COMBINING GRAPHEME JOINER: a starter, shown as nothing


def _non_starters(c: str) -> int:
    """How many non-starters `c` is once decomposed (canonically or for compatibility)."""
    mark = 1 if unicodedata.combining(c) else 0
    if not unicodedata.decomposition(c):  # Hangul syllables too: their jamo are starters
        return mark
    return max(mark, *(sum(1 for d in unicodedata.normalize(form, c) if unicodedata.combining(d))
                       for form in ("NFD", "NFKD")))


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, int]]:
    """The runs that may need a joiner (built once: ~0.4 s over every code point, done when
    the server starts, `warm`), and the members that weigh more than one non-starter."""
    ranges: list[tuple[int, int]] = []
    weights: dict[str, int] = {}
    for cp in range(0x80, sys.maxunicode + 1):
        c = chr(cp)
        n = _non_starters(c)
        if not n:
            continue
        if n > 1:
            weights[c] = n
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                  for a, b in ranges)
    heaviest = max(weights.values(), default=1)
    # a run of fewer members than this cannot pass STREAM_SAFE_RUN non-starters
    shortest = STREAM_SAFE_RUN // heaviest + 1
    return re.compile(f"[{cls}]{{{shortest},}}"), weights


def warm() -> None:
    """Build the table now (a server does it at start-up, so no request pays for it)."""
    _table()


def _split_run(m: re.Match[str]) -> str:
    run = m.group(0)
    weights = _table()[1]
    if not any(c in weights for c in set(run)):  # marks of one non-starter each: in C
        return _CGJ.join(run[i:i + STREAM_SAFE_RUN] for i in range(0, len(run), STREAM_SAFE_RUN))
    out: list[str] = []
    held = 0
    for c in run:
        w = weights.get(c, 1)
        if held + w > STREAM_SAFE_RUN:
            out.append(_CGJ)
            held = 0
        out.append(c)
        held += w
    return "".join(out)


def stream_safe(text: str) -> str:
    """`text` with a U+034F wherever a run of non-starters (after decomposition) would pass
    STREAM_SAFE_RUN (unchanged, and the same object, when it has no such run: nearly always)."""
    if text.isascii():
        return text
    pattern = _table()[0]
    if pattern.search(text) is None:
        return text
    safe = pattern.sub(_split_run, text)
    return text if safe == text else safe
