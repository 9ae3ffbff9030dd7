"""What a word, a name or an acronym means, when a question asks it: "What does the acronym
RIA stand for?", "Que signifie le sigle PLS ?", "What does the name Moskovsky Komsomolets mean
in English?" (t52_042, t52_047, t52_024). A sentence that only uses the term ("l'agence de
presse russe RIA", "Ils sont en mode PLS") does not say what it means: an acronym is spelled
out by words whose initials make it ("European Council on Foreign Relations (ECFR)"), any other
term is glossed ("signifie", "c'est-à-dire", "means", a translation).
"""

from __future__ import annotations

import re

from rag.text import fold

# "What does (the acronym) X stand for?", "What does X mean?", "What is the meaning of X?",
# "Que signifie (le sigle) X ?", "Que veut dire X ?", "Que désigne l'expression X ?"
_ASKED = re.compile(
    r"(?i)^\s*(?:what (?:does|do|did) (?P<en>.{1,120}?) (?:stand for|mean|signify)\b|"
    r"what (?:is|was) (?:the )?meaning of (?P<en2>.{1,120}?)\s*\?|"
    r"what (?:is|was) (?P<en3>.{1,60}?) short for\b|"
    r"(?:que|qu['’]est-ce que) (?:signifi\w*|veu(?:t|lent) dire|d[ée]sign\w*) "
    r"(?P<fr>.{1,120}?)\s*\?|"
    r"quel (?:est|était) le sens d(?:e |u |es |['’])(?P<fr2>.{1,120}?)\s*\?|"
    r"de quoi (?P<fr3>.{1,60}?) est-(?:il|elle) (?:l['’]acronyme|le sigle|l['’]abréviation))")
# an acronym: two to seven capitals
_ACRONYM = re.compile(r"\b([A-Z]{2,7})\b")
_ACRONYM_WORD = re.compile(r"(?i)\b(?:acronym\w*|abbreviation|initialism|sigle|"
                           r"abr[ée]viation|stand for|short for)\b")
# words an expansion may hold that its acronym leaves out
_GLUE = frozenset("de des du d la le les l et en pour a à au aux of the and for on in to at "
                  "by".split())
# a gloss: the sentence says what a term means or translates it
_GLOSS = re.compile(
    r"(?i)\b(?:signifi\w*|veu(?:t|lent) dire|voulant dire|c['’]est-à-dire|autrement dit|"
    r"means?|meaning|stands? for|short for|i\.\s?e\.|that is to say|d[ée]sign\w*|"
    r"tradu\w*|translat\w*|litt[ée]ralement|literally|renvoie à|refers? to|synonym\w*|"
    r"[ée]tymolog\w*|d[ée]riv\w*|derived? from|vient d[eu]|comes? from|"
    r"(?:du|from the) (?:latin|grec|greek|turc|turkish|russe|russian|kazakh|anglais|english)|"
    r"en (?:fran[çc]ais|anglais|russe|kazakh)|in (?:english|french|russian))\b")


def meaning_asked(question: str) -> tuple[str, str]:
    """The term whose meaning is asked and, when it is an acronym, the acronym (("", "") when
    no meaning is asked)."""
    m = _ASKED.search(question)
    if m is None:
        return "", ""
    term = next(g for g in m.groups() if g is not None)
    acr = _ACRONYM.findall(term)
    acronym = acr[-1] if acr and (_ACRONYM_WORD.search(question) or (len(acr) == 1
                                  and term.strip(" «»\"'“”").endswith(acr[-1]))) else ""
    return term.strip(), acronym


def _initials_spell(acronym: str, text: str) -> bool:
    """Whether consecutive words of `text` (glue words aside) have the acronym's letters as
    their initials: "European Council on Foreign Relations" spells ECFR."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text)]
    content = [w for w in words if w.lower() not in _GLUE]
    want = acronym.lower()
    n = len(want)
    return any("".join(w[0].lower() for w in content[k:k + n]) == want
               for k in range(len(content) - n + 1))


def meaning_told(term: str, acronym: str, text: str) -> bool:
    """Whether `text` says what the term asked means: an acronym's words spelled out, any
    other term glossed."""
    if acronym:
        return _initials_spell(acronym, text)
    return bool(_GLOSS.search(text))
