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
    # review 33: infinite and NaN bounds were taken (JSON's 1e999 reads as infinity)
    ('{"doc_id": {"gte": 1e999}}', "finite"),
    ({"title": {"lt": float("-inf")}}, "finite"),
    ({"lang": float("nan")}, "finite"),
])
def test_bad_filters_raise(raw: object, needle: str) -> None:
    with pytest.raises(FilterError, match=needle):
        parse_filter(raw, metadata_keys={"lang"})


def test_cli_items() -> None:
    assert from_cli(["source=a", "source=b", "date>=2022-01-06", "year<=2023"]) == {
        "source": ["a", "b"], "date": {"gte": "2022-01-06"}, "year": {"lte": 2023}}
    with pytest.raises(FilterError):
        from_cli(["nokey"])


def test_to_sql_selects_allowed_chunks() -> None:
    from rag.filters import to_sql
    from tests.rag.filter_store import filter_store

    rows = [("a", "2022-01-01"), ("b", "2022-01-07"), ("b", "2023-05-01")]
    db = filter_store([(src, {"date": date, "n": i}) for i, (src, date) in enumerate(rows)])

    def ids(raw: object) -> set[int]:
        f = parse_filter(raw)
        assert f is not None
        sql, params = to_sql(f)
        return {r[0] for r in db.execute(sql, params)}

    assert ids({"source": "b"}) == {2, 3}
    assert ids({"date": {"gte": "2022-01-06", "lt": "2023-01-01"}}) == {2}
    assert ids({"doc_id": ["d0", "d2"], "n": {"gt": 0}}) == {3}


def test_to_sql_matches_keys_a_json_path_cannot_spell() -> None:
    """Keys holding `"`, `\\` or a control character, stored escaped as the store writes
    metadata (ensure_ascii=False): before, `$."a""b"` matched nothing (a path error)."""
    from rag.filters import to_sql
    from tests.rag.filter_store import filter_store

    keys = ['a"b', "k\\", "\t", 'q"\\', "x.y", "é"]
    # per key: a text value, an ISO date and a number (what ranges take)
    db = filter_store([("s", {k: f"{k}{i}" for k in keys}
                        | {f"{k}@d": f"2022-01-0{i + 1}" for k in keys}
                        | {f"{k}@n": i for k in keys} | {"n": i}) for i in range(3)])

    def ids(raw: dict[str, object]) -> set[int]:
        f = parse_filter(raw)
        assert f is not None
        sql, params = to_sql(f)
        return {r[0] for r in db.execute(sql, params)}

    for k in keys:
        assert ids({k: f"{k}1"}) == {2}, k
        assert ids({k: [f"{k}0", f"{k}2"]}) == {1, 3}, k
        assert ids({f"{k}@d": {"gt": "2022-01-01"}, "n": {"lt": 2}}) == {2}, k
        assert ids({f"{k}@n": {"gte": 1, "lt": 2}}) == {2}, k
        assert ids({k: "autre"}) == set(), k


def test_unknown_key_names_the_built_in_keys_only() -> None:
    """An index whose documents bring 2,400 metadata keys: the message names the built-in
    fields, never a metadata key (review 9: the list named `url`, then probed a letter at a
    time), not even as "did you mean" (`autor` is close to `author`)."""
    keys = {f"field_{i:04d}_{'x' * 900}" for i in range(2400)} | {"author"}
    with pytest.raises(FilterError) as caught:
        parse_filter({"autor": 1}, metadata_keys=keys)
    msg = str(caught.value)
    assert msg == ("filters: unknown key 'autor': no document has it; built-in keys: doc_id, "
                   "source, title, date (the documents' own metadata keys are not listed)")
    with pytest.raises(FilterError, match="did you mean 'title'"):  # a typo of a built-in
        parse_filter({"titel": "x"}, metadata_keys=keys)
    assert parse_filter({"author": "x"}, metadata_keys=keys) is not None  # still filterable

    with pytest.raises(FilterError) as caught:  # the unknown key itself is not echoed whole
        parse_filter({"k" * 100_000: 1}, metadata_keys={"lang"})
    msg = str(caught.value)
    assert len(msg) < 250 and "built-in keys: doc_id, source, title, date" in msg, msg
    assert "lang" not in msg
    with pytest.raises(FilterError, match="malformed date") as caught:
        parse_filter({"date": "9" * 100_000})
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(("raw", "needle"), [
    ('{"n": ' + "1" * 5000 + "}", "not valid JSON (a number too long)"),
    ('{"n": ' + "[" * 100_000 + "]" * 100_000 + "}", "not valid JSON (nested too deeply)"),
])
def test_unreadable_json_is_a_filter_error(raw: str, needle: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_filter(raw, metadata_keys={"n"})
    assert str(caught.value) == f"filters: {needle}"


def test_cli_values_json_cannot_read_are_text() -> None:
    digits, deep = "1" * 5000, "[" * 100_000
    assert from_cli([f"n={digits}", f"m={deep}", "k=12"]) == {"n": digits, "m": deep, "k": 12}


def test_a_list_of_values_is_bounded_and_source_takes_no_range() -> None:
    """Review 8: a 100,000-value list was taken (and cached by its text); `source` ranges
    probed the stored path a letter at a time."""
    from rag.filters import MAX_VALUES

    assert parse_filter({"doc_id": [str(i) for i in range(MAX_VALUES)]}) is not None
    with pytest.raises(FilterError, match="at most 1000"):
        parse_filter({"doc_id": [str(i) for i in range(MAX_VALUES + 1)]})
    with pytest.raises(FilterError, match="not a range"):
        parse_filter({"source": {"gte": "/"}})
    assert parse_filter({"date": {"gte": "2022-01-06"}}) is not None  # dates keep ranges


def test_configured_filter_keys_refuse_every_other_key_alike() -> None:
    """With RAG_FILTER_KEYS set, a key outside them is refused with the same message whether
    or not a document holds it: whether `url` exists can no longer be read from the error."""
    keys = {"url", "lang", "owner_email"}
    messages = []
    for key in ("url", "absent"):
        with pytest.raises(FilterError) as caught:
            parse_filter({key: "x"}, metadata_keys=keys, allowed_keys=["lang"])
        messages.append(str(caught.value).replace(repr(key), "KEY"))
    assert messages[0] == messages[1] == ("filters: key KEY is not filterable; filterable "
                                          "keys: doc_id, source, title, date, lang (another "
                                          "metadata key needs listing in RAG_FILTER_KEYS)")
    assert parse_filter({"lang": "fr", "date": "2022-01-06"}, metadata_keys=keys,
                        allowed_keys=["lang"]) is not None
    with pytest.raises(FilterError, match="did you mean 'lang'"):  # a typo of a listed key
        parse_filter({"lnag": "fr"}, metadata_keys=keys, allowed_keys=["lang"])
    # a configured key no document has yet is filterable (it matches nothing)
    assert parse_filter({"category": "x"}, metadata_keys=keys,
                        allowed_keys=["category"]) is not None


def test_without_filter_keys_ranges_take_the_built_in_keys_only() -> None:
    """RAG_FILTER_KEYS unset: a number or date range read a hidden metadata value by bisection
    (a JSON document's `salary` in 30 requests; review 15, F2). A range now takes only `date`,
    `page_count` (written by the loaders), `doc_id` and `title`; on another key it is refused
    with the same message whether a document has the key or not, while equality on it works,
    and an unknown key is still named unknown."""
    keys = {"salary", "review_date", "page_count", "author"}
    messages = []
    for key in ("salary", "absent"):
        for bound in ({"gte": 70_000}, {"lt": "2023-04-17"}, {"gt": 1, "lte": 2}):
            with pytest.raises(FilterError) as caught:
                parse_filter({key: bound}, metadata_keys=keys)
            messages.append(str(caught.value).replace(repr(key), "KEY"))
    assert set(messages) == {
        "filter KEY: a range (gte, gt, lte, lt) on this key needs it listed in "
        "RAG_FILTER_KEYS; without that setting ranges take only doc_id, title, date, "
        "page_count; match other keys with a value or a list of values"}, messages
    with pytest.raises(FilterError, match="did you mean 'page_count'"):
        parse_filter({"page_cuont": {"gte": 2}}, metadata_keys=keys)
    for built_in in ({"date": {"gte": "2022-01-06"}}, {"page_count": {"gt": 3, "lte": 40}},
                     {"title": {"gte": "2022-01-06"}}, {"doc_id": {"lt": 5}}):
        assert parse_filter(built_in, metadata_keys=keys) is not None, built_in
    assert parse_filter({"salary": 73_512, "author": ["a", "b"]}, metadata_keys=keys)
    with pytest.raises(FilterError, match="unknown key 'absent'"):
        parse_filter({"absent": 1}, metadata_keys=keys)
    with pytest.raises(FilterError, match="not a range"):
        parse_filter({"source": {"gte": 1}}, metadata_keys=keys)
    # listed in RAG_FILTER_KEYS, a key takes ranges as before; an unlisted one is not filterable
    assert parse_filter({"salary": {"gte": 70_000}}, metadata_keys=keys,
                        allowed_keys=["salary"]) is not None
    with pytest.raises(FilterError, match="is not filterable"):
        parse_filter({"page_count": {"gte": 2}}, metadata_keys=keys, allowed_keys=["salary"])
