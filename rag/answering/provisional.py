"""A definitive figure asked ("What is the definitive number of officers killed?", "le bilan
définitif") where a sentence gives a figure so far: "au moins 13 agents ont été tués", "la
crise a déjà fait ... douze tués" count until the report, not for good (traps_study57
t57_001/002).
"""

from __future__ import annotations

import re

_FINAL_ASKED = re.compile(
    r"(?i)\b(?:(?:nombre|bilan|chiffre|décompte|total)s?\s+(?:définitif|définitive|final|"
    r"finale)s?|(?:definitive|final|ultimate)\s+(?:number|toll|count|figure|tally|total)s?)\b")
# what a figure counts until the report: a bound, "déjà", "so far", a provisional toll
_SO_FAR = re.compile(
    r"(?i)\b(?:déjà|already|so\s+far|jusqu['’]ici|jusqu['’]à\s+présent|pour\s+l['’]instant|"
    r"à\s+ce\s+stade|provisoires?|provisional|preliminary|préliminaires?|au\s+moins|"
    r"at\s+least|plus\s+de|more\s+than|over|upwards\s+of|not\s+yet|pas\s+encore|"
    r"toujours\s+en\s+cours|still\s+rising|could\s+rise|pourrait\s+s['’]alourdir)\b")


def final_asked(question: str) -> bool:
    """Whether the question asks a figure as it finally stood."""
    return bool(_FINAL_ASKED.search(question))


def counted_so_far(text: str) -> bool:
    """Whether `text` gives its figures as they stood so far, not for good."""
    return bool(_SO_FAR.search(text))
