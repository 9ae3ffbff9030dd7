"""An office's term or a state in force whose length is asked ("How long does each member
state's term in the CSTO's rotating presidency last?", "Combien de temps dure le mandat ...?")
must be named by the sentence that gives a length: "l'état d'urgence jusqu'au 19 janvier"
is the emergency's length, not a term's (traps_study62 t62_021/022). Named by its stem, or
across languages by a usual translation (`lexicon`); a word the lexicon cannot translate is
not held against a sentence in the other language."""

from __future__ import annotations

import re

from rag.answering.lexicon import other_language_keys
from rag.text import fold

_HOLDER_EN = re.compile(r"(?i)^\s*(?:for\s+)?how\s+long\s+(?:does|did|do|will|would)\s+"
                        r"([^?]{1,120}?)\s+(?:last|lasted|go\s+on|went\s+on)\b")
_HOLDER_FR = re.compile(r"(?i)^\s*(?:pendant\s+)?combien\s+de\s+temps\s+(?:(?:dure|durent|"
                        r"durait|duraient|durera|dureront|a\s+duré|ont\s+duré|avait\s+duré|"
                        r"avaient\s+duré)\s+([^?]{1,120}?)\s{0,3}\?|([^?]{1,120}?)\s(?:a|ont|"
                        r"avait|avaient)-t-(?:il|elle|ils|elles)\s+duré\b)")
_TERM_WORDS = frozenset("term terms tenure mandate mandat mandats".split())
# where the phrase's head ends: a preposition or a relative
_CUT = re.compile(r"(?i)\s(?:in|of|for|at|on|between|during|with|from|to|that|which|de|du|des|"
                  r"d['’]|à|au|aux|en|entre|pendant|pour|avec|sur|qui|que)\b")
_DETERMINERS = frozenset("""the a an each every its their his her this that these those le la
    les l un une chaque son sa ses leur leurs ce cet cette""".split())


# the holders read: an office's term and a state in force, which a sentence about another
# length of time is easily mistaken for (a diff review found the rest, a reign, a flight, a
# battle, named by other words too often: "régna", "fit le tour", "affrontement")
_HELD = frozenset("""term terms tenure mandate mandat mandats presidency presidence
    chairmanship premiership legislature ceasefire truce treve curfew couvre-feu
    cessez-le-feu""".split())
# ... and a term is named by its election or appointment ("élu pour sept ans")
_TERM_SAID = re.compile(r"\b(?:elu|elus|elue|elues|elected|nomme|nommes|nommee|appointed|"
                        r"designe\w*|septennat|quinquennat|re-?elected|reelu\w*|renouvel\w*|"
                        r"renew\w*)\b")


def duration_holder(question: str) -> str:
    """The folded head noun of what a duration is asked of, when it is an office's term or a
    state in force (`_HELD`); "" otherwise."""
    m = _HOLDER_EN.match(question) or _HOLDER_FR.match(question)
    if not m:
        return ""
    phrase = next(g for g in m.groups() if g)
    cut = _CUT.search(" " + phrase)
    phrase = phrase[:cut.start() - 1] if cut else phrase
    words = [w for w in re.split(r"[\s'’]+", phrase) if w and w.lower() not in _DETERMINERS
             and w != "s"]
    if not words or words[-1][:1].isupper() or not words[-1].replace("-", "").isalpha():
        return ""  # (a name: "How long did Tokayev's ..." reads the rest)
    head = fold(words[-1])
    return head if head in _HELD else ""


def holder_named(holder: str, lang: str, text: str, cross: bool) -> bool:
    """Whether `text` names the holder, by its stem or a usual translation (`cross`: the
    sources are in the other language than the question's)."""
    folded = fold(text)
    if holder in _TERM_WORDS and _TERM_SAID.search(folded):
        return True
    words = re.findall(r"[a-z]+", folded)
    stem = holder[:4] if len(holder) > 4 else holder
    if any(w.startswith(stem) for w in words):
        return True
    keys = other_language_keys(holder, lang)
    if any(w.startswith(k) for k in keys for w in words):
        return True
    return not keys and cross
