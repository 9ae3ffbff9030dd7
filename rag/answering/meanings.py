"""What a word, a name or an acronym means, when a question asks it: "What does the acronym
RIA stand for?", "Que signifie le sigle PLS ?", "What does the name Moskovsky Komsomolets mean
in English?" (t52_042, t52_047, t52_024). A sentence that only uses the term ("l'agence de
presse russe RIA", "Ils sont en mode PLS") does not say what it means: an acronym is spelled
out (words whose initials make it, a name beside it in brackets or in apposition: "National
Security Committee (KNB)", "The FSB, Russia's Federal Security Service"), any other term is
glossed ("signifie", "c'est-à-dire", "means", "fait référence à", a translation).
"""

from __future__ import annotations

import re

from rag.answering.bodies import body_aliases
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
# ... not what something means for someone, nor what a person meant or names as something
# ("What does the new law mean for workers?", "What did Tokayev mean by 'terrorists'?",
# "Que signifie pour la Russie l'intervention ?", "Que désigne le gouvernement comme cause ?")
_NOT_MEANING = re.compile(r"(?i)^\s*(?:\S+\s+){0,3}?(?:for|pour|by|par|comme)\s|"
                          r"^\s*(?:it|this|that|cela|ceci|ça|he|she|they|il|elle)\b|"
                          r"^\s*(?-i:[A-Z][a-zà-ÿ]+)(?:\s+(?-i:[A-Z][a-zà-ÿ]+))?\s*$")
_ASKED_TAIL = re.compile(r"(?i)\s+(?:for|pour|by|par|comme|as)\b|\s+(?:in|dans)\s+(?:its|his|"
                         r"her|their|the|a|an|son|sa|ses|leur|un|une|le|la|les)\b|"
                         r"\s+(?:when|with|quand|lorsqu)")
# the words that introduce an acronym, read off the term
_INTRO = re.compile(r"(?i)^\s*(?:the |le |la |l['’])?(?:acronym|abbreviation|initialism|"
                    r"initials|sigle|acronyme|abr[ée]viation|name|nom|word|mot|term|terme)?\s*")
_ACRONYM = re.compile(r"[A-Z]{2,7}")
# words an expansion may hold that its acronym leaves out
_GLUE = frozenset("de des du d la le les l et en pour a à au aux sur sous par avec of the and "
                  "for on in to at by with from".split())
# a gloss: the sentence says what a term means or translates it
_GLOSS = re.compile(
    r"(?i)\b(?:signifi\w*|veu(?:t|lent) dire|voulant dire|c['’]est-à-dire|autrement dit|"
    r"means?|meaning|stands? for|short for|i\.\s?e\.|that is to say|d[ée]sign\w*|"
    r"tradu\w*|translat\w*|litt[ée]ralement|literally|renvoie à|refers? to|synonym\w*|"
    r"[ée]tymolog\w*|d[ée]riv\w*|derived? from|vient d[eu]|comes? from|"
    r"fait r[ée]f[ée]rence|en r[ée]f[ée]rence|in reference|named after|nomm[ée]e? d['’]après|"
    r"(?:du|from the) (?:latin|grec|greek|turc|turkish|russe|russian|kazakh|anglais|english)|"
    r"en (?:fran[çc]ais|anglais|russe|kazakh)|in (?:english|french|russian))\b")


def meaning_asked(question: str) -> tuple[str, str]:
    """The term whose meaning is asked and, when it is an acronym, the acronym (("", "") when
    no meaning is asked)."""
    m = _ASKED.search(question[:300])
    if m is None:
        return "", ""
    term = next(g for g in m.groups() if g is not None).strip()
    if _NOT_MEANING.search(term) or _ASKED_TAIL.search(question[m.end():m.end() + 12]):
        return "", ""
    head = _INTRO.sub("", term, count=1).strip(" «»\"'“”")
    first = head.split()[0] if head.split() else ""
    return term, first if _ACRONYM.fullmatch(first) else ""


def _initials_spell(acronym: str, text: str) -> bool:
    """Whether consecutive words of `text` (glue words aside) have the acronym's letters as
    their initials: "European Council on Foreign Relations" spells ECFR."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text)]
    content = [w for w in words if w.lower() not in _GLUE]
    want = acronym.lower()
    n = len(want)
    return any("".join(w[0].lower() for w in content[k:k + n]) == want
               for k in range(len(content) - n + 1))


def _named_beside(acronym: str, text: str) -> bool:
    """Whether `text` gives the acronym (or the same body's in the other language) a name in
    brackets or in apposition: "National Security Committee (KNB)", "(OTSC)", "The FSB,
    Russia's Federal Security Service"."""
    for alias in body_aliases(acronym):
        a = re.escape(alias)
        # (two words before the bracket, tried from a word's start: "{2,}" tried from each
        # letter read every word after it, quadratic on a long sentence, security review 50)
        if re.search(rf"(?<![\w’'-])(?:[A-Za-zÀ-ÿ][\w’'-]*\s+){{2}}\(\s*{a}\b|\b{a}\s*\)|"
                     rf"\b{a}\s*\(\s*[A-Za-zÀ-ÿ]|\b{a}\b\s*,\s+(?:[\w’'-]+\s+){{0,3}}(?-i:[A-Z])",
                     text):
            return True
    return False


def meaning_told(term: str, acronym: str, text: str) -> bool:
    """Whether `text` says what the term asked means: an acronym spelled out or named beside
    it, or glossed where it is written; any other term glossed."""
    if acronym:
        return _initials_spell(acronym, text) or _named_beside(acronym, text) or bool(
            _GLOSS.search(text) and re.search(rf"\b{re.escape(acronym)}\b", text))
    return bool(_GLOSS.search(text))
