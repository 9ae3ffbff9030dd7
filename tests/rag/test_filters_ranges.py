"""Range filters take numbers or ISO dates only, and compare only stored values of that kind
(review 9, F3): no route shows a document's metadata, yet `{"url": {"gte": prefix + c}}`
binary-searched a hidden value a character at a time (385 requests for a signed URL).

Over a real store schema in SQLite (rag.store), as the service runs the filter's SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from rag.filters import FilterError, parse_filter, to_sql
from tests.rag.filter_store import filter_store

SECRET = "http://127.0.0.1:18960/internal/report?sig=Zk93xQ7"


def _db(metas: list[dict[str, object]]) -> Callable[[object], set[str]]:
    """A store's documents and chunks tables holding one document (one chunk) per metadata;
    returns what a filter selects, as doc ids."""
    db = filter_store([(f"s{i}", meta) for i, meta in enumerate(metas)])

    def docs(raw: object) -> set[str]:
        f = parse_filter(raw)
        assert f is not None
        sql, params = to_sql(f)
        sql = sql.replace("SELECT c.id", "SELECT d.doc_id")
        return {r[0] for r in db.execute(sql, params)}

    return docs


@pytest.mark.parametrize("key", ["url", "doc_id", "title", "owner_email", 'a"b', "date"])
@pytest.mark.parametrize("bound", ["h", "http://127.0.0.1:18960/internal/report?sig=Z",
                                   "2022-01-06x", "2022-01-06T", "2022-1-6", "now", "2459000",
                                   "", "２０２２-01-06", "2022-02-30", "2022-01-06T25:00",
                                   "2022-01-06T10:00+15:00", "2022-01-06T10:00:00.1234567890"])
def test_a_text_bound_that_is_no_iso_date_is_refused(key: str, bound: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_filter({key: {"gte": bound}})
    msg = str(caught.value)
    if key == "date":
        assert "malformed date" in msg, msg
    else:
        assert "a range takes numbers or ISO dates (YYYY-MM-DD" in msg, msg


@pytest.mark.parametrize("bound", ["2022-01-06", "2022-01-06T10:00", "2022-01-06 10:00",
                                   "2022-01-06T10:00:59", "2022-01-06T10:00:59.5",
                                   "2022-01-06T10:00Z", "2022-01-06T10:00:00.123+02:00",
                                   "2022-01-06T10:00-14:00"])
def test_iso_dates_and_date_times_are_bounds_sqlite_reads(bound: str) -> None:
    for key in ("published", "date"):
        f = parse_filter({key: {"lt": bound}})
        assert f is not None
    assert sqlite3.connect(":memory:").execute("SELECT julianday(?)", (bound,)).fetchone()[0]


def test_a_range_never_orders_text_that_is_no_date() -> None:
    """The attack's own probes, and look-alikes of dates, find nothing: a value that is not an
    ISO date never matches a date range, a number range matches stored numbers only."""
    docs = _db([
        {"url": SECRET, "n": 3},
        {"url": "2022-01-06 sig=Zk93xQ7", "n": "12"},   # starts like a date
        {"url": "2022-01-06Tsecret"},
        {"url": "2459000"},                              # a Julian day number to SQLite
        {"url": "now"},                                  # a date to SQLite
        {"url": 7},
    ])
    for op in ("gte", "gt", "lte", "lt"):
        for bound in ("0001-01-01", "9999-12-31T23:59", "2022-01-06"):
            assert docs({"url": {op: bound}}) == set(), (op, bound)
    # numbers: only the stored number, never text (text sorts after every number in SQLite,
    # so `{"gte": 0}` used to match every text value and tell it was there)
    assert docs({"url": {"gte": -1e300}}) == {"d5"}
    assert docs({"n": {"gte": 0}}) == {"d0"}  # "12" is text
    assert docs({"url": {"lt": 1e300}}) == {"d5"}


def test_date_ranges_compare_instants() -> None:
    docs = _db([
        {"published": "2022-01-05"},
        {"published": "2022-01-06"},
        {"published": "2022-01-06T10:00:00+02:00"},     # 08:00 UTC
        {"published": "2022-01-06 09:30"},
        {"published": "2022-01-07T00:00:00.250Z"},
        {"published": 20220106},
    ])
    assert docs({"published": {"gte": "2022-01-06"}}) == {"d1", "d2", "d3", "d4"}
    assert docs({"published": {"gte": "2022-01-06", "lt": "2022-01-07"}}) == {"d1", "d2", "d3"}
    assert docs({"published": {"gt": "2022-01-06T08:00Z"}}) == {"d3", "d4"}  # offset honoured
    assert docs({"published": {"gte": "2022-01-06T10:00+02:00",
                               "lte": "2022-01-06T08:00:00"}}) == {"d2"}
    assert docs({"published": {"lt": "2022-01-06"}}) == {"d0"}
    assert docs({"published": {"gt": 20220105}}) == {"d5"}  # a number stays a number
    assert docs({"published": "2022-01-06"}) == {"d1"}  # equality: the stored text, as before


def test_source_still_takes_no_range() -> None:
    with pytest.raises(FilterError, match="not a range"):
        parse_filter({"source": {"gte": "2022-01-06"}})
