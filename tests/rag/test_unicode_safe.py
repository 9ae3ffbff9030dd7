"""Stream-safe text before normalising: no run of combining marks sorted in quadratic time."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

import rag.documents as documents
from rag.documents import embedded_chars
from rag.unicode_safe import STREAM_SAFE_RUN, stream_safe

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
