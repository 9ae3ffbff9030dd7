"""A bound asked that the sources give only the other way: "What was the minimum amount of
aid ...?" over "les agences américaines ont transféré jusqu'à 61 millions de dollars" (a
ceiling: the least sent is not told), "Quel a été le nombre maximal de morts ?" over "au moins
13 agents ... ont été tués" (a floor). A figure given plainly, or with the bound asked ("au
moins 13" for "at least how many"), answers as before.
"""

from __future__ import annotations

import re

from rag.text import fold

# the bound a question asks for, in its words (folded)
_MIN_ASKED = re.compile(r"(?<![\w-])(?:minimum|minimal\w*|au\s+moins|at\s+least|lowest|"
                        r"smallest\s+(?:amount|number|sum|figure)|plancher|floor)(?![\w-])")
_MAX_ASKED = re.compile(r"(?<![\w-])(?:maximum|maximal\w*|au\s+plus|at\s+most|au\s+maximum|"
                        r"upper\s+limit|highest\s+(?:amount|number|sum|figure)|plafond|"
                        r"ceiling)(?![\w-])")
# a figure's own bound, right before its digits (at most "de"/"of"/"the" between): "jusqu'à
# 61 millions", "au moins 13", "more than 3,000"; not "Under the agreement, 3 000 troops",
# "Over the weekend, 300", "Plus de la moitié des 3 000" (diff review 54)
_CEILING = re.compile(r"(?<![\w-])(?:jusqu['’]\s*[aà]|up\s+to|au\s+maximum|au\s+plus|at\s+most|"
                      r"pas\s+plus\s+de|no\s+more\s+than|moins\s+de|less\s+than|fewer\s+than|"
                      r"under|à\s+peine|as\s+much\s+as|as\s+many\s+as)\s+"
                      r"(?:(?:de|d['’]|of|the|some|quelque)\s*)?$")
_FLOOR = re.compile(r"(?<![\w-])(?:au\s+moins|at\s+least|plus\s+de|more\s+than|over|"
                    r"au\s+minimum|a\s+minimum\s+of|upwards\s+of|no\s+fewer\s+than|"
                    r"pas\s+moins\s+de|no\s+less\s+than)\s+(?:(?:de|d['’]|of|the|some)\s*)?$")
# a figure, as written (a year is not one: "2 000" spaced is a count, "2000" may be a year)
_FIGURE = re.compile(r"(?<![\w.,])\d++(?:[\u00a0\u202f ,.]\d{3})*+")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
BEFORE = 24  # characters before a figure its bound is read in ("jusqu'à 61 millions")


def bound_asked(question: str) -> str:
    """"min", "max" or "" (no bound asked, or both)."""
    q = fold(question).lower()
    low, high = bool(_MIN_ASKED.search(q)), bool(_MAX_ASKED.search(q))
    return "min" if low and not high else "max" if high and not low else ""


def only_other_bound(bound: str, text: str) -> bool:
    """Whether every figure of `text` is bounded the other way from `bound` ("min": each
    written as a ceiling; "max": each as a floor)."""
    if not bound or len(text) > 2_000:
        return False
    lowered = text.lower()  # (not folded: folding joins "2 000" into a year-like "2000")
    other = _CEILING if bound == "min" else _FLOOR
    figures = [m.start() for m in _FIGURE.finditer(lowered) if not _YEAR.fullmatch(m.group(0))]
    return bool(figures) and all(other.search(lowered[max(0, f - BEFORE):f]) for f in figures)
