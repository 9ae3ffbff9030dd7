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
                        r"((?:[A-ZÀ-Ý][\wÀ-ÿ'’-]*)(?:\s+[A-ZÀ-Ý][\wÀ-ÿ'’-]*){0,3})")


def _speakers(text: str) -> list[str]:
    """The last word (folded) of each full name (two capitalised words or more: a person's,
    not "l'OTSC" or "the CSTO", which differ across languages) given as a source: "putin",
    "nazarenko"."""
    return [fold(words[-1]).strip("'’-") for m in _ACCORDING.finditer(text)
            if len(words := m.group(1).split()) >= 2]


def speaker_swapped(claim: str, sentence: str) -> bool:
    """Whether the claim gives a statement to a named source that the sentence, which names
    its own source(s) the same way, does not."""
    said = _speakers(sentence)
    if not said:
        return False
    return any(not any(w == s or same_name(w, s, True) for s in said)
               for w in _speakers(claim))
