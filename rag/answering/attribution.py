"""Whom a claim says a statement is from, where its sentence gives it to someone else.

"According to Vladimir Putin, Switzerland's neutrality ... are important factors" over
"Néanmoins, selon Emilia Nazarenko, «la neutralité de la Suisse ...» sont des facteurs
importants": Putin is named in the next sentence, so two sentences together hold every name,
and the meaning is the same but for who says it. The claim's "according to X" / "selon X" /
"d'après X" must name one of the speakers the sentence gives that way, when it gives any by
name.
"""

from __future__ import annotations

import re

from rag.answering.anchors import same_name
from rag.text import fold

# "according to Vladimir Putin", "selon Emilia Nazarenko", "d'après le ministre Lavrov": the
# capitalised words of the name after the marker (and a title or article before it)
_ACCORDING = re.compile(r"(?:\b[Aa]ccording to|\b[Ss]elon|\b[Dd]['’]apr[èe]s)\s+"
                        r"(?:(?:the|le|la|les|l['’])\s*)?(?:[a-zà-ÿ-]+\s+){0,3}?"
                        r"((?:[A-ZÀ-Ý][\wÀ-ÿ'’-]*)(?:\s+(?:(?:of|de|du|des|la|le|d['’])\s*)?"
                        r"[A-ZÀ-Ý][\wÀ-ÿ'’-]*){0,7})")
_PARTICLES = frozenset({"of", "de", "du", "des", "la", "le"})


def _speakers(text: str) -> list[set[str]]:
    """The capitalised words (folded) of each full name (two capitalised words or more: a
    person's, with any title before it, not "l'OTSC" or "the CSTO", which differ across
    languages) given as a source: {"russian", "foreign", "minister", "sergei", "lavrov"}."""
    out = []
    for m in _ACCORDING.finditer(text):
        words = [fold(w).strip("'’-") for w in re.split(r"\s+|['’]", m.group(1))]
        words = [w for w in words if w and w not in _PARTICLES]
        if len(words) >= 2:
            out.append(set(words))
    return out


def speaker_swapped(claim: str, sentence: str) -> bool:
    """Whether the claim gives a statement to a named source that the sentence, which names
    its own source(s) the same way, does not: none of the claim's words for that source is
    one of the sentence's ("US Secretary of State Antony Blinken" is "Antony Blinken")."""
    said = set().union(*_speakers(sentence))
    if not said:
        return False
    return any(not any(w == s or same_name(w, s, True) for w in mine for s in said)
               for mine in _speakers(claim))
