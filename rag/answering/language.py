"""Tell French from English questions: answers and refusals follow the question's language."""

from __future__ import annotations

import re

from rag.answering.lexicon import common_french_words, other_language_keys
from rag.text import fold

_FR = frozenset(
    """
    le la les un une des du de et est sont qui que quoi quel quelle quels quelles combien
    comment pourquoi quand où ou au aux avec pour dans sur par ce cette ces il elle ils
    elles a-t-il a-t-elle ont été était pas ne se leur leurs nous vous y en
    """.split()
)
_EN = frozenset(
    """
    the an of and is are was were who what which when where why how many much did does do to
    in on for with by from that this these those it its they their has have had be been not
    """.split()
)
_WORD = re.compile(r"[a-zà-ÿœæ'-]+")
_QUOTE = re.compile(r"«[^»]{0,400}»")


def detect_language(text: str, default: str = "fr") -> str:
    """'fr' or 'en' by function words and French letters; ties go to `default`."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    fr = float(sum(1 for w in words if w in _FR or w.split("'")[-1] in _FR))
    en = sum(1 for w in words if w in _EN)
    fr += sum(1 for c in text.lower() if c in "éèêàçùâîôûœ") * 0.5
    if fr == en:  # no function word either way ("kremlin spokesman?"): the words themselves
        fr, en = _lexicon_votes(words)
        if fr == en:
            return default
    return "fr" if fr > en else "en"


def _lexicon_votes(words: list[str]) -> tuple[float, int]:
    """(French, English) words of the lexicon among `words` (its content words: "est" is
    French and "east" too)."""
    french = common_french_words()
    folded = [fold(w) for w in words if w not in _FR and w not in _EN]
    fr = sum(1 for w in folded if w in french)
    en = sum(1 for w in folded if w not in french and other_language_keys(w, "en"))
    return float(fr), en


def answer_language(text: str, default: str = "fr") -> str:
    """An answer's language: what it says outside «quotations», which keep the source's
    language ("81 years old (« 81 ans »)" is English)."""
    return detect_language(_QUOTE.sub(" ", text), default)
