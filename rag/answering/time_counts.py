"""A count of years, days or months asked ("For how many years is the American Corners
programme set to run?", "Sur combien d'années ...?") is a length of time: a sentence with a
date ("annoncé ... en 2021") and a count of something else ("les dix plus grandes villes")
gives none (traps_study62 t62_005/006). A unit of time, a span of dates or "depuis" does."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.text import fold

# the measures read from a question (stems of 6 letters or fewer)
_TIME_MEASURE = ("year", "annee", "day", "jour", "journe", "week", "semain", "month", "mois",
                 "hour", "heure", "decade", "decenn", "centur", "siecle", "minute")
_LENGTH_OF_TIME = re.compile(
    r"\b(?:ans|annees?|years?|yrs?|decennies?|decades?|siecles?|century|centuries|jours?|"
    r"journees?|days?|nuits?|nights?|semaines?|weeks?|mois|months?|heures?|hours?|minutes?|"
    r"trimestres?|quarters?|mandats?|terms?|depuis|since|jusqu\w*|until|through|lifetime|"
    r"(?:un|1|chaque|par|l')\s*an)\b|"
    r"\b(?:1[0-9]|20)\d\d\s*(?:-|–|a|au|to|et|and)\s*(?:(?:1[0-9]|20)\d\d|\d\d)\b|"
    r"\b\d{1,2}(?:er)?\s*(?:-|–|au|to)\s*\d{1,2}\b")


def asks_time_count(measure: Sequence[str], question: str) -> bool:
    """Whether the count asked is of units of time, named as such by the question (a
    measure's stem alone may be another word's: "journalists" starts like "jour")."""
    return any(m.startswith(_TIME_MEASURE) for m in measure) and bool(
        _UNIT_ASKED.search(question))


_UNIT_ASKED = re.compile(r"(?i)\b(?:years?|années?|ans|days?|jours?|journées?|weeks?|semaines?|"
                         r"months?|mois|hours?|heures?|decades?|décennies?|centur(?:y|ies)|"
                         r"siècles?|minutes?)\b")


def length_of_time_told(text: str) -> bool:
    """Whether `text` gives a length of time (a unit, a span of dates, a time since)."""
    return bool(_LENGTH_OF_TIME.search(fold(text).replace("’", "'")))
