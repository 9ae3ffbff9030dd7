"""Parsing and validation of retrieval filters (rag.filters)."""

import pytest

from rag.filters import Condition, FilterError, from_cli, parse_filter


def test_parse_shapes() -> None:
    f = parse_filter({"doc_id": ["a", "b"], "date": {"gte": "2022-01-06"}, "lang": "fr"})
    assert f is not None
    assert set(f.conditions) == {
        Condition("doc_id", one_of=("a", "b")),
        Condition("date", bounds=(("gte", "2022-01-06"),)),
        Condition("lang", one_of=("fr",)),
    }
    assert parse_filter(None) is None and parse_filter({}) is None
    assert parse_filter('{"source": "x"}') == parse_filter({"source": "x"})


@pytest.mark.parametrize("raw, needle", [
    ({"date": {"gte": "2022-13-40"}}, "malformed date"),
    ({"date": "06/01/2022"}, "malformed date"),
    ({"nope": 1}, "unknown key"),
    ({"date": {"between": 1}}, "range keys"),
    ("[1]", "JSON object"),
    ("{oops", "not valid JSON"),
])
def test_bad_filters_raise(raw: object, needle: str) -> None:
    with pytest.raises(FilterError, match=needle):
        parse_filter(raw, metadata_keys={"lang"})


def test_cli_items() -> None:
    assert from_cli(["source=a", "source=b", "date>=2022-01-06", "year<=2023"]) == {
        "source": ["a", "b"], "date": {"gte": "2022-01-06"}, "year": {"lte": 2023}}
    with pytest.raises(FilterError):
        from_cli(["nokey"])
