"""A figure asked over a span of years ("How much has the NED spent in Kazakhstan over the
past decade?", "Combien ... depuis sa création ?") is not one year's figure: "plus d'un million
de dollars ... en 2020" answers for 2020 alone (traps_study53 t53_030; "in total over the
years", t58_037). A sentence that dates
what it says by a single year and names no span does not answer."""

from __future__ import annotations

import re

from rag.text import fold

_SPAN_ASKED = re.compile(
    r"(?i)\b(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:decade|\w+\s+(?:years|"
    r"decades))|\bau\s+cours\s+de(?:s|\s+la)\s+(?:dernière\s+décennie|\w+\s+dernières\s+"
    r"années)|\bdepuis\s+(?:sa|leur|son)\s+(?:création|fondation)|\bsince\s+(?:its|their)\s+"
    r"(?:creation|founding|foundation)|\bin\s+total\s+since\b|\ben\s+tout\s+depuis\b|"
    r"\bces\s+(?:dix|cinq|vingt|\w+)\s+dernières\s+années\b|\bthe\s+past\s+decade\b|"
    # ... or over all the years ("in total over the years", "au fil des années": t58_037/038)
    r"\b(?:over|through|down)\s+the\s+years\b|\bau\s+fil\s+des\s+(?:ans|années)\b|"
    r"\ball\s+these\s+years\b")
_SPAN_TOLD = re.compile(
    r"\b(?:decenni\w*|decades?|depuis|since|au\s+cours\s+d\w*|over\s+the|ces\s+\w+\s+dernieres|"
    r"in\s+the\s+(?:past|last)|entre\s+\d{4}\s+et\s+\d{4}|between\s+\d{4}\s+and\s+\d{4}|"
    r"de\s+\d{4}\s+a\s+\d{4}|from\s+\d{4}\s+to\s+\d{4}|\d{4}\s*[-–]\s*\d{4}|\d+\s+(?:ans|annees|"
    r"years)|chaque\s+annee|every\s+year|par\s+an|a\s+year|annuel\w*|annually|en\s+tout|"
    r"au\s+total|in\s+total|cumul\w*|fond\w+|cre\w+\s+en\s+\d{4}|aujourd.hui|to\s+date|"
    r"so\s+far|jusqu.(?:en|a|au)|through)\b")
# (a year as written: "2 000 soldats" is a count; `fold` would join its digit groups)
_YEAR = re.compile(r"(?<!\d)(?<!\d[\u00a0\u202f ,.])(?:1[89]|20)\d\d(?!\d|[\u00a0\u202f ,.]\d)")


def span_asked(question: str) -> bool:
    """Whether the question asks a figure over a span of years."""
    return bool(_SPAN_ASKED.search(question))


def one_year_only(text: str) -> bool:
    """Whether `text` dates what it says by a year and names no span (two years are one:
    "2 millions en 2020, contre 1,1 million en 1999")."""
    return len(set(_YEAR.findall(text))) == 1 and not _SPAN_TOLD.search(fold(text))
