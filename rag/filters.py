"""Metadata filters for retrieval: one JSON shape shared by the HTTP API, CLI and widget.

`{"doc_id": ["a", "b"], "date": {"gte": "2022-01-06"}}`: a scalar means equals, a list
means one of, an object of gte/gt/lte/lt means a range. Parsed and validated here so every
surface rejects the same bad input with the same message (a 400, via FilterError).

A range bound is a number or an ISO-8601 date (`YYYY-MM-DD`, optionally with a time), never
other text: no route shows a document's metadata, and `{"url": {"gte": prefix + c}}` read a
hidden value a character at a time (review 9). A number bound compares stored numbers only,
a date bound stored ISO dates only (as instants: `julianday`), so no range orders text.
Even so, a number or date range reads a hidden number or date by bisection: unless
RAG_FILTER_KEYS lists the keys filters may use, a range takes only the built-in keys
(DEFAULT_RANGE_KEYS: `date`, and `page_count`, which the loaders write; review 15), while
other metadata keys are matched by value. A list of values still reads a hidden number or date
of a small range (one of 1,000 values a request), so a server with API keys and no
RAG_FILTER_KEYS filters on BUILT_IN_KEYS only (service/settings.py; review 15b)."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rag.errors import RagError

KNOWN_FIELDS = ("doc_id", "source", "title", "date")
RANGE_OPS = ("gte", "gt", "lte", "lt")
_NO_RANGES = ("source",)  # a path, not a quantity: a range only probes what it hides
# The keys a range may use when RAG_FILTER_KEYS is unset: the built-in fields but `source`,
# and `page_count`, the one number the loaders write (PDF and Word files). A range on any
# other metadata key read a hidden number or date by bisection (a JSON document's `salary` in
# 30 requests; review 15, F2): such a key takes ranges only once listed in RAG_FILTER_KEYS.
LOADER_RANGE_KEYS = ("page_count",)
DEFAULT_RANGE_KEYS = (*(k for k in KNOWN_FIELDS if k not in _NO_RANGES), *LOADER_RANGE_KEYS)
# Every key the code itself writes or reads (the built-in fields and the loaders' numbers): what
# filters take on a server with API keys and no RAG_FILTER_KEYS (service/settings.py). An
# equality list of 1,000 values still read a hidden `salary` in 84 requests and a `dob` in 41
# (review 15b, N1), so there no other metadata key is filterable until listed.
BUILT_IN_KEYS = (*KNOWN_FIELDS, *LOADER_RANGE_KEYS)
MAX_VALUES = 1_000  # values in one key's list (each filter is cached per index generation)
Scalar = str | int | float | bool
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# A string range bound: an ISO-8601 date, or date and time (`T` or a space between them;
# minutes, optional seconds and fraction; optional `Z` or +HH:MM offset). Each form is one
# SQLite's date functions read (their offsets stop at 14 hours, as real ones do).
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
                     r"(?:Z|[+-](\d{2}):\d{2})?)?$", re.ASCII)
# What a stored value must look like before a date bound compares it (and then SQLite's
# `julianday` must read all of it): a number or "now" alone is a date to SQLite, not to us.
_ISO_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*"
_ECHO_CHARS = 60  # echoed input is cut to this many characters


class FilterError(RagError):
    """The filter names an unknown key or holds a malformed value: the user's input."""


@dataclass(frozen=True)
class Condition:
    """One key's constraint: exactly one of `one_of` (equals is a one-element list) or `bounds`."""

    key: str
    one_of: tuple[Scalar, ...] | None = None
    bounds: tuple[tuple[str, Scalar], ...] | None = None


@dataclass(frozen=True)
class Filter:
    """An AND of conditions; hashable so resolved row sets can be cached per generation."""

    conditions: tuple[Condition, ...]

    def keys(self) -> list[str]:
        return [c.key for c in self.conditions]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _echo(value: object) -> str:
    """`value`'s repr as a message quotes it, cut short: a key or value of the request can
    be any length, and an error must not be the request again."""
    try:
        return _clip(repr(value), _ECHO_CHARS)
    except RecursionError:  # nested deeper than repr goes
        return f"<{type(value).__name__} nested too deeply>"


def _unknown(key: str) -> FilterError:
    """The message for a key no document has: the built-in fields (and the close one, for a
    typo), never the documents' metadata keys. No route shows metadata, and the list named
    what a stranger could then probe (`url`, `etag`, a JSON document's `owner_email`; review
    9), as would a "did you mean" drawn from them (`email` is close to `owner_email`)."""
    close = difflib.get_close_matches(key, KNOWN_FIELDS, n=1) if len(key) <= 100 else []
    hint = f"did you mean {close[0]!r}? " if close else ""
    return FilterError(f"filters: unknown key {_echo(key)}: no document has it; {hint}"
                       f"built-in keys: {', '.join(KNOWN_FIELDS)} (the documents' own "
                       "metadata keys are not listed)")


def _date(value: object, key: str) -> str:
    msg = f"filter {_echo(key)}: malformed date {_echo(value)}, expected YYYY-MM-DD"
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise FilterError(msg)
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(msg) from None
    return value


def _iso(text: str) -> bool:
    """Whether `text` is an ISO date or date and time `_ISO_RE` reads and the calendar has."""
    m = _ISO_RE.match(text)
    if m is None or (m.group(1) is not None and int(m.group(1)) > 14):
        return False
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:  # 2022-02-30, 25:00
        return False
    return True


def _bound(value: object, key: str) -> Scalar:
    """A range bound: a number, or an ISO date (or date and time) as text."""
    if isinstance(value, str) and _iso(value):
        return value
    if key == "date":
        raise FilterError(f"filter {_echo(key)}: malformed date {_echo(value)}, expected "
                          "YYYY-MM-DD (a range bound may add a time: 2022-01-06T10:00)")
    if isinstance(value, bool):
        raise FilterError(f"filter {_echo(key)}: a range bound cannot be a boolean")
    if isinstance(value, float) and not math.isfinite(value):  # 1e999 parses as infinity
        raise FilterError(f"filter {_echo(key)}: a range bound must be a finite number")
    if isinstance(value, (int, float)):
        return value
    raise FilterError(f"filter {_echo(key)}: a range takes numbers or ISO dates (YYYY-MM-DD, "
                      f"optionally with a time: 2022-01-06T10:00), got {_echo(value)}; match "
                      "other text with a value or a list of values")


def _scalar(value: object, key: str) -> Scalar:
    if key == "date":
        return _date(value, key)
    if isinstance(value, float) and not math.isfinite(value):
        raise FilterError(f"filter {_echo(key)}: a value must be a finite number")
    if isinstance(value, (str, int, float, bool)):
        return value
    raise FilterError(f"filter {_echo(key)}: expected a string, number, list or range, got "
                      f"{_echo(value)}")


def _condition(key: str, value: object) -> Condition:
    if isinstance(value, list):
        if not value:
            raise FilterError(f"filter {_echo(key)}: empty list")
        if len(value) > MAX_VALUES:
            raise FilterError(f"filter {_echo(key)}: {len(value)} values; at most {MAX_VALUES}")
        return Condition(key, one_of=tuple(_scalar(v, key) for v in value))
    if isinstance(value, dict):
        if key in _NO_RANGES:  # `{"gte": "/s"}` read a stored path a letter at a time (review 8)
            raise FilterError(f"filter {_echo(key)}: takes a value or a list of values, not "
                              "a range")
        bad = sorted(set(value) - set(RANGE_OPS))
        if bad or not value:
            raise FilterError(f"filter {_echo(key)}: range keys must be among "
                              f"{', '.join(RANGE_OPS)}")
        bounds: list[tuple[str, Scalar]] = [(op, _bound(value[op], key))
                                            for op in RANGE_OPS if op in value]
        return Condition(key, bounds=tuple(bounds))
    return Condition(key, one_of=(_scalar(value, key),))


def _not_filterable(key: str, allowed: Iterable[str]) -> FilterError:
    """The message for a key outside the configured ones (RAG_FILTER_KEYS): the same whether
    or not some document has it."""
    names = (*KNOWN_FIELDS, *sorted(set(allowed) - set(KNOWN_FIELDS)))
    close = difflib.get_close_matches(key, names, n=1) if len(key) <= 100 else []
    hint = f"did you mean {close[0]!r}? " if close else ""
    return FilterError(f"filters: key {_echo(key)} is not filterable; {hint}filterable keys: "
                       f"{', '.join(names)} (another metadata key needs listing in "
                       "RAG_FILTER_KEYS)")


def _range_not_allowed(key: str) -> FilterError:
    """The message for a range on a metadata key when RAG_FILTER_KEYS is unset: the same
    whether or not some document has the key, so it tells nothing of what documents hold."""
    close = difflib.get_close_matches(key, DEFAULT_RANGE_KEYS, n=1) if len(key) <= 100 else []
    hint = f"did you mean {close[0]!r}? " if close else ""
    return FilterError(f"filter {_echo(key)}: a range (gte, gt, lte, lt) on this key needs it "
                       f"listed in RAG_FILTER_KEYS; {hint}without that setting ranges take "
                       f"only {', '.join(DEFAULT_RANGE_KEYS)}; match other keys with a value "
                       "or a list of values")


def parse_filter(raw: object, metadata_keys: Iterable[str] | None = None,
                 allowed_keys: Iterable[str] | None = None) -> Filter | None:
    """Parse the JSON object (or its text); None or {} means no filter. With `allowed_keys`
    (the configured filterable keys) any other key is rejected, whatever documents hold;
    else, with `metadata_keys` (the keys present in any document's metadata), an unknown key
    is, and a range is refused on a key outside DEFAULT_RANGE_KEYS (before it is looked up,
    so alike whether a document has it). With neither, no key is checked."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as e:
            raise FilterError(f"filters: not valid JSON ({e.msg})") from None
        except ValueError:  # int('1' * 5000): past sys.get_int_max_str_digits()
            raise FilterError("filters: not valid JSON (a number too long)") from None
        except RecursionError:
            raise FilterError("filters: not valid JSON (nested too deeply)") from None
    if not isinstance(raw, dict):
        raise FilterError("filters: expected a JSON object")
    if not raw:
        return None
    known = None if metadata_keys is None else set(metadata_keys)
    allowed = None if allowed_keys is None else set(allowed_keys)
    conditions = []
    for key, value in sorted(raw.items()):
        if not isinstance(key, str) or not key:
            raise FilterError("filters: keys must be non-empty strings")
        if allowed is not None and key not in KNOWN_FIELDS and key not in allowed:
            raise _not_filterable(key, allowed)
        if allowed is None and known is not None and isinstance(value, dict) \
                and key not in DEFAULT_RANGE_KEYS and key not in _NO_RANGES:
            raise _range_not_allowed(key)
        if allowed is None and known is not None and key not in KNOWN_FIELDS \
                and key not in known:
            raise _unknown(key)
        conditions.append(_condition(key, value))
    return Filter(tuple(conditions))


_CLI_RE = re.compile(r"^([^<>=]+?)(>=|<=|>|<|=)(.*)$")
_CLI_OPS = {">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}


def _cli_value(text: str) -> Scalar:
    """A number when the text is one JSON reads, else the text itself (a string value)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, a 5,000-digit number, "[[[[..." deep
        return text
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else text


def from_cli(items: Iterable[str]) -> dict[str, object]:
    """`--filter KEY=VALUE|KEY>=VALUE|KEY<=VALUE` (repeatable) to the JSON object; a key
    repeated with = becomes one-of."""
    out: dict[str, object] = {}
    for item in items:
        m = _CLI_RE.match(item)
        if not m:
            raise FilterError(f"--filter {_echo(item)}: expected KEY=VALUE, KEY>=VALUE or "
                              "KEY<=VALUE")
        key, op, text = m.group(1).strip(), m.group(2), m.group(3)
        value = _cli_value(text)
        if op == "=":
            prev = out.get(key)
            if prev is None:
                out[key] = value
            elif isinstance(prev, list):
                prev.append(value)
            elif isinstance(prev, dict):
                raise FilterError(f"--filter {_echo(key)}: cannot mix = with a range")
            else:
                out[key] = [prev, value]
        else:
            prev = out.setdefault(key, {})
            if not isinstance(prev, dict):
                raise FilterError(f"--filter {_echo(key)}: cannot mix = with a range")
            prev[_CLI_OPS[op]] = value
    return out


_COLUMNS = {"doc_id": "d.doc_id", "source": "d.source", "title": "d.title"}
_SQL_OPS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<"}


# Characters a stored metadata key holds escaped in its JSON (the store writes it with
# `ensure_ascii=False`): a JSON path names the key as the JSON text spells it, and SQLite's
# path syntax has no escape of its own (`$."a""b"` is a path error), so a key holding one is
# matched by name in `json_each` instead: slower (every key of the row is read), hence only then.
_ESCAPED_IN_JSON = re.compile(r'["\\\x00-\x1f]')


def _column(key: str) -> tuple[str, list[object]]:
    if key in _COLUMNS:
        return _COLUMNS[key], []
    if _ESCAPED_IN_JSON.search(key):
        return "(SELECT j.value FROM json_each(d.metadata) j WHERE j.key = ?)", [key]
    return "json_extract(d.metadata, ?)", ['$."' + key + '"']


SHOWN_SOURCE_SQL = "rag_shown_source"  # a function the store registers on its connections


def to_sql(f: Filter, shown_sources: bool = False) -> tuple[str, list[object]]:
    """SQL selecting the allowed chunk ids (`chunks.id`, the FAISS/BM25 row ids) of a store;
    conditions are parameters, never spliced text. With `shown_sources` (the service), a
    `source` value is compared with the source as clients are shown it (`rag.sources`), so
    a filter neither misses what a listing shows nor tells a stranger the stored path."""
    where: list[str] = []
    params: list[object] = []
    for c in f.conditions:
        col, cp = _column(c.key)
        if c.key == "source" and shown_sources:
            col = f"{SHOWN_SOURCE_SQL}(d.source)"
        if c.one_of is not None:
            where.append(f"{col} IN ({','.join('?' * len(c.one_of))})")
            params += cp + list(c.one_of)
        for op, v in c.bounds or ():
            if isinstance(v, str):  # an ISO date: stored ISO dates only, compared as instants
                where.append(f"({col} GLOB '{_ISO_GLOB}' AND julianday({col}) "
                             f"{_SQL_OPS[op]} julianday(?))")
                params += [*cp, *cp, v]
            else:  # a number: stored numbers only (text sorts after every number in SQLite)
                where.append(f"(typeof({col}) IN ('integer', 'real') AND {col} "
                             f"{_SQL_OPS[op]} ?)")
                params += [*cp, *cp, v]
    sql = "SELECT c.id FROM chunks c JOIN documents d ON d.doc_id = c.doc_id"
    return sql + (" WHERE " + " AND ".join(where) if where else ""), params
