"""Lexical normalisation for BM25 and answer matching: case, accents, digits, stopwords."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from rag.unicode_safe import STREAM_SAFE_JOINER, stream_safe

_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f,.'’](?=\d{3}(?!\d))")
_TOKEN = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """
    a ai aie aient aies ait alors as au aucun aupres auquel aura aurai auraient aurais aurait
    aux avaient avais avait avec avez aviez avions avoir avons ayant c ca ce ceci cela celle
    celles celui cependant ces cet cette ceux chaque chez ci comme comment d dans de des deja
    depuis dont du elle elles en encore entre est et etaient etais etait ete etre eu eux fait
    faites furent fut il ils j je jusqu l la le les leur leurs lors lui m ma mais me meme mes
    moi mon n ne ni nos notre nous on ont ou par parce pas pendant peu peut plus pour pourquoi
    qu quand que quel quelle quelles quels qui quoi s sa sans se selon ses si son sont sous sur
    t ta te tes toi ton tous tout toute toutes tres tu un une vos votre vous y combien ete etes
    soit sera seront serait quelque quelques lequel laquelle lesquels lesquelles about after all
    also am an and any are as at be been before being between both but by can could did do does
    doing during each for from had has have having he her here hers him his how i if in into is
    it its itself just me more most my no nor not of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom
    why will with would you your yours many much
    """.split()
)


def unaccent(text: str) -> str:
    """`text` in NFKD without its combining marks ("Tokaïev" -> "Tokaiev"), made stream-safe
    first (rag.unicode_safe) so that no run of marks is sorted in quadratic time (20,000
    alternating marks: 0.30 s; tenth review, F1), the joiners it adds dropped with the marks."""
    text = unicodedata.normalize("NFKD", stream_safe(text))
    return "".join(c for c in text
                   if not unicodedata.combining(c) and c != STREAM_SAFE_JOINER)


def fold(text: str) -> str:
    """Lowercase, strip accents, join digit groups ("3 000" and "3,000" -> "3000")."""
    return unaccent(_DIGIT_GROUP.sub("", text).lower()).replace("œ", "oe")


# Distinct words seen by a long-running server keep growing (every question, every upload):
# the cache keeps the most recent ones, a few MB at most.
STEM_CACHE_WORDS = 50_000


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Callable[[str], str] | None:
    if language == "none":
        return None
    import Stemmer

    stem: Callable[[str], str] = Stemmer.Stemmer(language).stemWord
    return lru_cache(maxsize=STEM_CACHE_WORDS)(stem)


def tokenize(text: str, stemmer: str = "french") -> list[str]:
    """Tokens for BM25: folded words without stopwords, stemmed when a language is set."""
    stem = _stemmer(stemmer)
    words = [w for w in _TOKEN.findall(fold(text)) if w not in STOPWORDS]
    return [stem(w) for w in words] if stem else words
