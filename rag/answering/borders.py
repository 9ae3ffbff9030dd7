"""Which country a border is shared with: "qui partage avec la Chine une frontière de plus de
7 000 kilomètres" over "il a une frontière avec la Russie de plus de 7 000 kilomètres".

The claim keeps every number and name of the passage (China is in it too, as "l'initiative
chinoise"), so only the relation tells the swap: the country on the other side of the border.
A border is shared both ways ("Russia shares a border with Kazakhstan" says what "le
Kazakhstan a une frontière avec la Russie" says): the claim's neighbour must be a country the
passage names in a sentence that tells of a border, on either side of it.
"""

from __future__ import annotations

import re

from rag.answering.countries import nations_of
from rag.short_text_cache import short_text_cache

GAP = 40  # characters between "border" and its "with" ("a border of more than 7,000 km with")
NEIGHBOUR_REACH = 80  # characters after "with" / "avec" read for the neighbours' names
_ARTICLE = r"(?:(?:la|le|les|the)\s+|l['’])?"
_NEIGHBOUR = re.compile(
    rf"(?i)(?<!\w)(?:(?:fronti[eè]res?|borders?)[^.;:()]{{0,{GAP}}}?\s(?:avec|with)\s+{_ARTICLE}"
    rf"|(?:partage|partagent|partageant|shares?|sharing)\s+(?:avec|with)\s+{_ARTICLE}"
    rf"|(?:bordering|borders|bordered\s+by|limitrophes?\s+(?:de|du|des)|voisin\s+(?:de|du))"
    rf"\s+{_ARTICLE})")
_SHARED_BORDER = re.compile(r"(?i)fronti[eè]re|border")
# a sentence that tells of a border, in any words ("pays frontalier de la Chine", "voisine",
# "sino-kazakhe" aside: a passage saying so is not read as giving other neighbours)
_TELLS_BORDER = re.compile(r"(?i)fronti[eè]r|frontali|border|limitroph|voisin|neighbo")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _neighbours(text: str) -> frozenset[str]:
    """Country codes named right after a border's "with" in `text`, up to the clause's end
    ("avec la Russie, la Chine et le Kirghizistan")."""
    out: set[str] = set()
    for m in _NEIGHBOUR.finditer(text):
        if m.group(0).lower().startswith(("partag", "share")) and not _SHARED_BORDER.search(
                text, m.end(), m.end() + NEIGHBOUR_REACH):
            continue  # "partage avec la Chine une frontière", not "partage avec la Chine l'avis"
        out |= nations_of(re.split(r"[.;:()]", text[m.end(): m.end() + NEIGHBOUR_REACH])[0])
    return frozenset(out)


@short_text_cache(64)  # (a whole passage: one over 4,000 characters is kept by digest)
def _border_sides(passage: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the countries named after a border's "with", every country named in a sentence that
    tells of a border), read once a passage."""
    sentences = [s for s in _SENTENCE_END.split(passage) if _TELLS_BORDER.search(s)]
    return _neighbours(passage), frozenset().union(*(nations_of(s) for s in sentences))


def border_swapped(claim: str, passage: str) -> bool:
    """Whether the claim puts a border with a country the passage names in no sentence of a
    border, where it gives one with another."""
    said = _neighbours(claim)
    if not said:
        return False
    theirs, sides = _border_sides(passage)
    return bool(theirs) and not (said & sides)
