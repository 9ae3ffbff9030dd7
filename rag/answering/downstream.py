"""A why-question answered by what its deed caused: "Pourquoi l'État kazakh a-t-il supprimé ses
subventions au gaz liquéfié ?" over "des émeutes ... causées par une multiplication par deux du
prix du gaz liquéfié ... après la suppression des subventions de l'État" (traps_study54
t54_014). The sentence names the deed only inside the cause it gives of something else: it
tells what followed the deed, not why it was done. French questions over French sentences
(the deed is compared by its first letters: "supprimé", "suppression").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.answering.lexicon import other_language_keys
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


# A why-question that asks why one thing caused another, over a sentence where the first is
# the other's effect: "Pourquoi la démission du gouvernement kazakh a-t-elle fait monter les
# prix du carburant ?" over "... protestations, déclenchées par une augmentation du prix du
# carburant, qui ont provoqué la démission de son gouvernement" (traps_study55 t55_021,
# t55_022): the causal chain runs the other way, and the sentence tells no such cause.
_WHY_SUBJECT = re.compile(r"(?i)^\s*(?:why\s+(?:did|does|do|has|have|had|would)|pourquoi|"
                          r"pour\s+quelle\s+raison)\s+(?:the\s+|le\s+|la\s+|les\s+|l['’])"
                          r"([^\W\d_]{4,})")
_CAUSES_ASKED = re.compile(r"(?i)\b(?:push\w*|caus\w*|lead|led|trigger\w*|driv\w*|drove|"
                           r"rais\w*|make|made|provok\w*|prompt\w*|spark\w*|fuel\w*|"
                           r"fait\s+(?:monter|baisser|augmenter|grimper|chuter|flamber)|"
                           r"provoqu\w*|causé\w*|entraîn\w*|déclench\w*|suscit\w*|conduit|"
                           r"poussé\w*)\b")
# an active causal verb just before what it caused ("qui ont provoqué la démission")
_CAUSED = re.compile(r"\b(?:provoque\w*|cause\w*|entraine\w*|declenche\w*|suscite\w*|"
                     r"conduit\s+a|mene\s+a|abouti\s+a|caused|led\s+to|triggered|sparked|"
                     r"prompted|forced)\s+(?:\w+\s+){0,2}$")
_CAUSED_WORDS = 4  # words before a mention read for the verb that caused it


def cause_reversed(question: str, lang: str, texts: Iterable[str]) -> bool:
    """Whether a why-question asks why its subject caused something (`_CAUSES_ASKED`) and the
    sentences name that subject only as what something else caused."""
    m = _WHY_SUBJECT.match(question)
    if m is None or not _CAUSES_ASKED.search(question, m.end()):
        return False
    word = fold(m.group(1))
    keys = {word[:PREFIX]} | ({k for k in other_language_keys(word, lang)} if lang else set())
    mentions = []
    for text in texts:
        words = re.findall(r"[^\W\d_]+", fold(text))
        for k, w in enumerate(words):
            if w[:PREFIX] in keys or w[:4] in keys:
                before = " ".join(words[max(0, k - _CAUSED_WORDS):k]) + " "
                mentions.append(bool(_CAUSED.search(before)))
    return bool(mentions) and all(mentions)
