"""Stream-safe text before normalising: no run of combining marks sorted in quadratic time."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import Any

import pytest

import rag.documents as documents
from rag.documents import embedded_chars
from rag.unicode_safe import STREAM_SAFE_RUN, stream_safe
from tests.cpu import cpu_spent

MARKS = "\u0301\u0316"  # combining classes 230 and 220: CPython's insertion sort's worst case
_RUN = re.compile(f"[{MARKS}\u3099]{{{STREAM_SAFE_RUN + 1},}}")


def test_a_long_run_of_marks_is_cut_every_thirty() -> None:
    text = "e" + MARKS * 100 + " fin"
    safe = stream_safe(text)
    assert not _RUN.search(safe)
    assert safe.replace("\u034f", "") == text  # only joiners added
    assert safe.count("\u034f") == (200 - 1) // STREAM_SAFE_RUN


def test_ordinary_text_is_left_as_it_is() -> None:
    text = "Kassym-Jomart Tokaïev, président du Kazakhstan : « ne pas quitter la capitale »"
    assert stream_safe(text) is text
    ascii_text = "plain"
    assert stream_safe(ascii_text) is ascii_text
    assert stream_safe("a\u0301\u0316b") == "a\u0301\u0316b"  # a short run stays


class _Recording:
    """unicodedata as rag.documents sees it, recording what it is asked."""

    def __init__(self) -> None:
        self.checked: list[int] = []
        self.normalised: list[str] = []

    def is_normalized(self, form: str, text: str) -> bool:
        self.checked.append(len(text))
        return unicodedata.is_normalized(form, text)

    def normalize(self, form: str, text: str) -> str:
        self.normalised.append(text)
        return unicodedata.normalize(form, text)

    def __getattr__(self, name: str) -> Any:
        return getattr(unicodedata, name)


@pytest.mark.parametrize("text", ["\u3099" * 50_000, MARKS * 25_000, "\ufdfa" * 20_000])
def test_embedded_chars_checks_and_normalises_a_piece_at_a_time(
        monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Re-check of the ninth review: the quick check over the whole text answered "maybe" for
    marks in order and normalised it all in one call (20 MB: 1.8 s holding the GIL); marks out
    of order were sorted in quadratic time (1 MB: 3 s)."""
    seen = _Recording()
    monkeypatch.setattr(documents, "unicodedata", seen)
    count = embedded_chars(text)
    assert count >= len(text)
    assert seen.checked and max(seen.checked) <= documents._NFKC_PIECE
    assert all(len(t) <= documents._NFKC_PIECE * 2 for t in seen.normalised)
    assert not any(_RUN.search(t) for t in seen.normalised)


# ---- tenth review, F1: runs counted after decomposition, as UAX #15 counts them -------------

def _non_starters(c: str) -> int:
    """How many non-starters `c` is in its canonical and compatibility decompositions, as
    unicodedata has them (independent of rag.unicode_safe's own table)."""
    if not unicodedata.decomposition(c):  # itself (or Hangul jamo, all starters)
        return 1 if unicodedata.combining(c) else 0
    return max(sum(1 for d in unicodedata.normalize(form, c) if unicodedata.combining(d))
               for form in ("NFD", "NFKD"))


def _longest_run(text: str) -> int:
    """The longest run of non-starters in `text` (to be given decomposed)."""
    longest = run = 0
    for c in text:
        run = run + 1 if unicodedata.combining(c) else 0
        longest = max(longest, run)
    return longest


@lru_cache(maxsize=1)
def _members() -> list[str]:
    return [chr(cp) for cp in range(sys.maxunicode + 1) if _non_starters(chr(cp))]


def test_every_code_point_that_decomposes_into_non_starters_is_cut() -> None:
    """Every code point, as unicodedata decomposes it: a long run of any one that holds a
    non-starter once decomposed (U+0F73 is U+0F71 U+0F72, U+FF9E is U+3099, both class 0
    themselves) has no run longer than STREAM_SAFE_RUN once made stream-safe, in NFD or
    NFKD; every other one is left as it is. A class built from `unicodedata.combining`
    alone let 20,000 U+0F73 through: one 40,000-mark run, 3.4 s to normalise."""
    members = _members()
    missed = []
    for c in members:
        safe = stream_safe(c * 100)
        assert safe.replace("\u034f", "") == (c * 100).replace("\u034f", "")
        if max(_longest_run(unicodedata.normalize(f, safe)) for f in ("NFD", "NFKD")
               ) > STREAM_SAFE_RUN:
            missed.append(f"U+{ord(c):04X}")
    assert not missed, missed[:20]
    # every other code point, 31 in a row, is left as it is (no joiner where none is needed)
    member = set(members)
    others = [c for c in map(chr, range(sys.maxunicode + 1)) if c not in member]
    for i in range(0, len(others), 4096):
        text = "".join(c * (STREAM_SAFE_RUN + 1) for c in others[i:i + 4096])
        assert stream_safe(text) == text, f"from U+{ord(others[i]):04X}"


@pytest.mark.parametrize("text", [
    ("\u0301" * 30 + "\uff9e") * 700,  # U+FF9E cut the marks' runs, then became U+3099
    "\u0f73\u0f75\u0f81\uff9e\uff9f\u0301\u0316" * 3000,
    "".join(_members()) * 3,  # every member, each beside the next
])
def test_mixed_runs_are_cut_too(text: str) -> None:
    safe = stream_safe(text)
    for form in ("NFD", "NFKD"):
        assert _longest_run(unicodedata.normalize(form, safe)) <= STREAM_SAFE_RUN


@pytest.mark.parametrize("c", ["\u0f73", "\u0f75", "\u0f81", "\uff9e", "\uff9f"])
def test_marks_made_by_decomposition_normalise_in_linear_time(c: str) -> None:
    """20,000 of each: 3.4 s of NFKC for U+0F73 before, about 5 ms now (0.25 s allowed)."""
    safe = stream_safe(c * 20_000)
    with cpu_spent() as spent:
        for form in ("NFC", "NFKC"):
            unicodedata.normalize(form, safe)
    assert spent.seconds < 0.25
    assert embedded_chars(c * 20_000) >= 20_000
