"""A factor a question gives a change by ("Pourquoi le prix du gaz a-t-il triplé ?", "Why did
the price double?") is a figure like any other: a sentence that gives the change by another
factor ("une multiplication par deux du prix du gaz") or by none does not answer a question
about a tripling (traps_study53 t53_040). Read on folded text, both languages."""

from __future__ import annotations

import re

from rag.text import fold

_FACTORS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(r"\b(?:doubl\w*|double|deux\s+fois|twice|two-?fold|(?:multipli\w*|"
                   r"multiplied)\s+(?:par|by)\s+(?:deux|two|2))\b")),
    (3, re.compile(r"\b(?:tripl\w*|trois\s+fois|three\s+times|three-?fold|thrice|(?:multipli\w*|"
                   r"multiplied)\s+(?:par|by)\s+(?:trois|three|3))\b")),
    (4, re.compile(r"\b(?:quadrupl\w*|quatre\s+fois|four\s+times|four-?fold|(?:multipli\w*|"
                   r"multiplied)\s+(?:par|by)\s+(?:quatre|four|4))\b")),
)


def factors_named(text: str) -> frozenset[int]:
    """The factors of change `text` names (2 for "doublé", "une multiplication par deux")."""
    folded = fold(text)
    return frozenset(n for n, pattern in _FACTORS if pattern.search(folded))
