"""Trap forms the fifty-third session's diff review found its rules still missed, caught now:
"le premier dirigeant étranger à" (a noun and an adjective), "How long was X shut down?" /
"Quelle a été la durée ...?" (a duration asked in full), "selon un communiqué publié samedi"
(a statement's own day)."""

from __future__ import annotations

import pytest

from rag.answering.durations import only_elapsed
from rag.answering.question import _FIRST_ASKED
from rag.answering.reported import only_report_dated

SHUTDOWN = ["L’Internet est bloqué dans tout le pays depuis au moins une journée entière."]


@pytest.mark.parametrize(("question", "asked"), [
    ("Qui a été le premier dirigeant étranger à appeler Tokaïev ?", True),
    ("Quelle a été la première ville à protester ?", True),
    ("Who was the first foreign leader to call Tokayev?", True),
    ("Qui est le Premier ministre du Kazakhstan ?", False),
])
def test_first_asked(question: str, asked: bool) -> None:
    assert bool(_FIRST_ASKED.search(question)) is asked


def test_duration_asked_in_full() -> None:
    assert only_elapsed("How long was the internet shut down?", SHUTDOWN)
    assert only_elapsed("Quelle a été la durée de la coupure d’Internet ?", SHUTDOWN)
    assert not only_elapsed("How long was the bridge?", ["The bridge is 300 metres long."])


def test_a_statement_s_own_day() -> None:
    assert only_report_dated("Quand ont-ils parlé ?",
                             "Les présidents ont parlé longuement, selon un communiqué publié "
                             "samedi.")
    assert not only_report_dated("Quand ont-ils parlé ?",
                                 "Les présidents ont parlé vendredi, selon un communiqué publié "
                                 "samedi.")

