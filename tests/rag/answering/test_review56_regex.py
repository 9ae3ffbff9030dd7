"""Security review 56 (F2, N1): two patterns of `particulars.py` grew quadratically on long
runs (a hyphenated run of capitalised words for a named unit, 4 s at 16,000 characters; a
run of spaces after "journaliste", 355 ms at 2,000), as did this session's web address on
"ab.ab.ab...". Each reads 16,000 characters in well under 0.5 s of CPU now (about 5 ms)."""

from __future__ import annotations

import time

import pytest

from rag.answering.particulars import particular_told


def _cpu(kind: str, text: str) -> float:
    start = time.process_time()
    particular_told(kind, text)
    return time.process_time() - start


@pytest.mark.parametrize(("kind", "unit"), [
    ("subunit", "Aa-"),
    ("subunit", "De-"),
    ("interviewer", "journaliste" + " " * 40),
    ("url", "ab."),
])
def test_long_runs_are_read_in_linear_time(kind: str, unit: str) -> None:
    short = unit * (1_000 // len(unit))
    long = unit * (16_000 // len(unit))
    assert _cpu(kind, long) < 0.5
    assert not particular_told(kind, short) or kind != "interviewer"
