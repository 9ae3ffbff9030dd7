"""Patterns security review 53 (N2) found growing with the square of a run of hyphenated
words, read once now: a former office ("former-former-..."), a facility's name before or
after its kind ("Aa-Aa-...", "a-a-... base")."""

from __future__ import annotations

import time

import pytest

from rag.answering.evidence import _FACILITY_AFTER
from rag.answering.holds import _FACILITY_BEFORE
from rag.answering.particulars import _TOLD
from rag.text import fold


@pytest.mark.parametrize(("pattern", "text"), [
    (_TOLD["prior_office"], "former-" * 1_200),
    (_TOLD["prior_office"], "ex-" * 2_400),
    (_FACILITY_BEFORE["base"], "Aa-" * 2_800),
    (_FACILITY_BEFORE["airport"], "Aa-" * 2_800),
    (_FACILITY_AFTER, "a-" * 4_000),
])
def test_runs_read_once(pattern: object, text: str) -> None:
    started = time.perf_counter()
    list(pattern.finditer(text))  # type: ignore[attr-defined]
    assert time.perf_counter() - started < 0.05


def test_matches_kept() -> None:
    assert _TOLD["prior_office"].search(fold("l'ancien Premier ministre Karim Massimov"))
    assert _TOLD["prior_office"].search(fold("l'ex-président de la commission"))
    assert _TOLD["prior_office"].search(fold("the former foreign minister"))
    m = _FACILITY_BEFORE["base"].search("depuis la Ayni air base")
    assert m is not None and m.group(1) == "Ayni"
    m = _FACILITY_AFTER.search("near the baikonur cosmodrome")
    assert m is not None and m.group(1) == "baikonur"
    m = _FACILITY_AFTER.search("near the air-force base")
    assert m is not None and m.group(1) == "air-force"
