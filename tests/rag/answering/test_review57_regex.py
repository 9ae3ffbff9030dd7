"""Security review 57 (N3): `question._NAMED_NUMBER` read a name from each capital of
"Aa’Aa’..." to the end of the run (2.2 s at 16,000 characters, 0.016 s at the 2,000-character
question bound); a name is read from its word's start now (about 2 ms), and what it keeps is
unchanged. This session's new patterns are read in linear time too."""

from __future__ import annotations

import time

import pytest

from rag.answering.holds import _DATE
from rag.answering.particulars import particular_told
from rag.answering.question import _without_identifiers


def _cpu(call: object, *args: str) -> float:
    start = time.process_time()
    call(*args)  # type: ignore[operator]
    return time.process_time() - start


@pytest.mark.parametrize("unit", ["Aa’", "Aa'", "A-", "Aa "])
def test_a_named_number_is_read_once(unit: str) -> None:
    assert _cpu(_without_identifiers, unit * (16_000 // len(unit))) < 0.5


def test_what_a_named_number_keeps_is_unchanged() -> None:
    assert _without_identifiers("l’Article 4 du traité, le Boeing 737 et O'Neil 5") == (
        "l’Article  du traité, le Boeing  et O'Neil ")


@pytest.mark.parametrize(("kind", "unit"), [
    ("address", "12 rue "), ("slogan", "'a’"), ("honorific", "designe Aa-"),
    ("engagement", "1 "), ("exchange_rate", "tenge "), ("charges", "arrested a "),
    ("official_name", "Aa of "),
])
def test_this_sessions_particulars_read_in_linear_time(kind: str, unit: str) -> None:
    assert _cpu(particular_told, kind, unit * (16_000 // len(unit))) < 0.5


def test_a_month_first_date_reads_in_linear_time() -> None:
    assert _cpu(_DATE.search, "January 1 " * 1_600) < 0.5
