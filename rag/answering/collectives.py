"""Bodies a sum or a count is asked of by their kind, in the plural.

"Quel montant total les agences américaines ont-elles transféré au Kazakhstan en 2021 ?" asks
what the US agencies gave together. "En 2021, le Bureau de la démocratie ... du département
d'État américain ... a alloué 750 000 $ à cette cause" is one office's grant, not theirs: a
sentence answers only where it names that kind of body too ("les agences américaines ont
transféré jusqu'à 61 millions de dollars"), itself: the sentence before that one is the
agencies' figure for 2020. In either language.
"""

from __future__ import annotations

import re

from rag.text import fold

# kind -> its plural in French and English, folded
_KINDS = {
    "agency": re.compile(r"\bagen(?:ces|cies)\b"),
    "ngo": re.compile(r"\b(?:ong|ngos|organisations non gouvernementales|non-governmental "
                      r"organi[sz]ations)\b"),
    "foundation": re.compile(r"\b(?:fondations|foundations)\b"),
    "donor": re.compile(r"\b(?:donateurs|donors|bailleurs de fonds)\b"),
    "bank": re.compile(r"\b(?:banques|banks)\b"),
    "company": re.compile(r"\b(?:entreprises|companies|firms|societes)\b"),
}


def collectives(text: str) -> frozenset[str]:
    """The kinds of bodies `text` names in the plural (`_KINDS`)."""
    folded = fold(text)
    return frozenset(kind for kind, rx in _KINDS.items() if rx.search(folded))


def collective_said(asked: frozenset[str], text: str) -> bool:
    """Whether `text` names each kind of body asked."""
    return asked <= collectives(text)
