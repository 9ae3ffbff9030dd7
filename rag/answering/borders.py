"""Which country a border is shared with: "qui partage avec la Chine une frontière de plus de
7 000 kilomètres" over "il a une frontière avec la Russie de plus de 7 000 kilomètres".

The claim keeps every number and name of the passage (China is in it too, as "l'initiative
chinoise"), so only the relation tells the swap: the country on the other side of the border.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.answering.countries import nations_of

NEIGHBOUR_REACH = 30  # characters after "with" / "avec" read for the neighbour's name

GAP = 40  # characters between "border" and its "with" ("a border of more than 7,000 km with")
_ARTICLE = r"(?:(?:la|le|les|the)\s+|l['’])?"
_NEIGHBOUR = re.compile(
    rf"(?i)(?<!\w)(?:(?:fronti[eè]res?|borders?)[^.;:()]{{0,{GAP}}}?\s(?:avec|with)\s+{_ARTICLE}"
    rf"|(?:partage|partagent|partageant|shares?|sharing)\s+(?:avec|with)\s+{_ARTICLE}"
    rf"|(?:bordering|borders|bordered\s+by|limitrophes?\s+(?:de|du|des)|voisin\s+(?:de|du))"
    rf"\s+{_ARTICLE})")
_SHARED_BORDER = re.compile(r"(?i)fronti[eè]re|border")


@lru_cache(maxsize=1024)
def _neighbours(text: str) -> frozenset[str]:
    """Country codes named right after a border's "with" in `text` (read once a text: the
    passage's for each claim checked against it)."""
    out: set[str] = set()
    for m in _NEIGHBOUR.finditer(text):
        if m.group(0).lower().startswith(("partag", "share")) and not _SHARED_BORDER.search(
                text, m.end(), m.end() + NEIGHBOUR_REACH + 20):
            continue  # "partage avec la Chine une frontière", not "partage avec la Chine l'avis"
        out |= nations_of(text[m.end(): m.end() + NEIGHBOUR_REACH].split(",")[0])
    return frozenset(out)


def border_swapped(claim: str, passage: str) -> bool:
    """Whether the claim puts a border with a country where the passage puts it with
    others only."""
    said = _neighbours(claim)
    if not said:
        return False
    theirs = _neighbours(passage)
    return bool(theirs) and not (said & theirs)
