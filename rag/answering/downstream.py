"""A why-question answered by what its deed caused: "Pourquoi l'État kazakh a-t-il supprimé ses
subventions au gaz liquéfié ?" over "des émeutes ... causées par une multiplication par deux du
prix du gaz liquéfié ... après la suppression des subventions de l'État" (traps_study54
t54_014). The sentence names the deed only inside the cause it gives of something else: it
tells what followed the deed, not why it was done. French questions over French sentences
(the deed is compared by its first letters: "supprimé", "suppression").
"""

from __future__ import annotations

import re

from rag.text import fold

# the deed a French why-question asks about: the participle after an inverted auxiliary
_DEED = re.compile(r"(?i)^\s*(?:pourquoi|pour\s+quelle\s+raison)\b[^?]{0,120}?\b(?:a|ont|avait|"
                   r"avaient)-t-(?:il|elle|ils|elles|on)\s+(?:(?:donc|alors|finalement|"
                   r"soudain|brusquement)\s+)?([^\W\d_]{4,})")
# what opens a cause given of something else ("causées par", "après", "à la suite de")
# (read in folded text: no accents, lower case)
_CAUSE_OPENS = re.compile(r"\b(?:causee?s?\s+par|provoquee?s?\s+par|declenchee?s?\s+par|"
                          r"suscitee?s?\s+par|alimentee?s?\s+par|apres|a\s+la\s+suite\s+d|"
                          r"suite\s+a|en\s+raison\s+d|a\s+cause\s+d|du\s+fait\s+d|"
                          r"en\s+reaction\s+a|en\s+reponse\s+a)")
_CAUSE_REACH = 80  # characters between the cause's opening and the deed
PREFIX = 5  # a verb and its noun share their first five letters ("supprimé", "suppression")


def why_deed(question: str) -> str:
    """The folded first letters of the deed a French why-question asks about ("" for
    none)."""
    m = _DEED.match(question)
    return fold(m.group(1))[:PREFIX] if m else ""


def names_deed(deed: str, text: str) -> bool:
    """Whether `text` names the deed (a word of its first letters)."""
    return bool(re.search(rf"\b{re.escape(deed)}", fold(text)))


def deed_only_as_cause(deed: str, text: str) -> bool:
    """Whether `text` names the deed, and every time inside a cause it gives of something
    else."""
    if not deed:
        return False
    folded = fold(text)
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(deed)}", folded)]
    if not mentions:
        return False
    opens = [m.end() for m in _CAUSE_OPENS.finditer(folded)]
    return all(any(0 <= at - o <= _CAUSE_REACH for o in opens) for at in mentions)
