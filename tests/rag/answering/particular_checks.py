"""The check the particulars' test files share: a question asking a particular by its noun is
declined over the sentence that tells the rest, and answered where a sentence tells it."""

from __future__ import annotations

from rag.answering.particulars import particular_asked, particular_told
from tests.rag.answering.test_traps_study53 import _answered


def declined_then_answered(kind: str, q: str, lure: str, told: str) -> None:
    assert particular_asked(q) == kind
    assert not particular_told(kind, lure)
    assert not _answered(q, lure)
    assert particular_told(kind, told)
    assert _answered(q, told)
