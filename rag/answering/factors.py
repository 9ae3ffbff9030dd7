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


# ... and asked by a verb of change or a comparison ("a-t-il triplé", "doubled", "trois fois
# plus"), not a noun or a count ("le double messieurs", "le doublage", "trois fois vainqueur")
_ASKED: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (n, re.compile(rf"\b(?:(?<!\ble\s)(?<!\bun\s)(?<!the\s)(?<!\bau\s)(?<!\bdu\s)(?<!\ben\s)"
                   rf"{stem}(?:e|ee|es|ees|er|ed|ing|ent|ait|aient|era|eront)\b|"
                   rf"{word}\s+fois\s+plus|{en}\s+times\s+(?:as|more|higher|larger)|"
                   rf"{en}-?fold)"))
    for n, stem, word, en in ((2, "doubl", "deux", "two"), (3, "tripl", "trois", "three"),
                              (4, "quadrupl", "quatre", "four")))


def factors_asked(question: str) -> frozenset[int]:
    """The factors of change a question asks about (2 for "Pourquoi le prix a-t-il doublé ?")."""
    folded = fold(question)
    return frozenset(n for n, pattern in _ASKED if pattern.search(folded))


def factors_named(text: str) -> frozenset[int]:
    """The factors of change `text` names (2 for "doublé", "une multiplication par deux")."""
    folded = fold(text)
    return frozenset(n for n, pattern in _FACTORS if pattern.search(folded))


# a change given by its two figures ("passe de 550 000 à 1 million", "from 2 to 6 dollars")
_FROM_TO = re.compile(r"\b(?:de|from)\s+\d[\d.,]*(?:[\s\u00a0\u202f]\d[\d.,]*)*"
                      r"(?:\s+[^\W\d_]+){0,2}\s+(?:à|a|to)\s+\d")


def change_given(factors: frozenset[int], text: str) -> bool:
    """Whether `text` gives a change by one of `factors`, or by its two figures."""
    return bool(factors & factors_named(text)) or bool(_FROM_TO.search(text))
