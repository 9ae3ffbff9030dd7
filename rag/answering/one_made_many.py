"""A thing the claim says there were several of where its sentence says there was one.

"de nombreux bâtiments publics ... parmi lesquels plusieurs résidences présidentielles" over
"de nombreux bâtiments publics, dont au moins une résidence présidentielle": every word of the
claim is the sentence's but the count of one noun, and the meaning scores cannot see it. The
claim's "plusieurs"/"several"/"many" qualifies a plural noun; the sentence gives that noun
after "une"/"un"/"one"/"a single"/"at least one" and nowhere in the plural. In one language the
nouns are compared whole, in the singular; across languages by the lexicon's translations
(their first four letters).
"""

from __future__ import annotations

import re

from rag.answering.lexicon import other_language_keys
from rag.text import fold

# "plusieurs résidences", "de nombreux bâtiments", "several residences", "many buildings"
_SEVERAL = re.compile(r"(?<!\w)(?:plusieurs|several|multiple|numerous|many|various|"
                      r"(?:de )?nombreu(?:x|ses)|diverses)\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
# "au moins une résidence", "une seule", "at least one presidential residence", "a single"
_ONE = re.compile(r"(?<!\w)(?:au moins une?|une? seule?|une?|at least one|only one|one|"
                  r"a single|a|an)\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
# Words that follow "one" without being what is counted ("one of", "une des", "un peu")
_NOT_NOUNS = frozenset({"of", "des", "de", "du", "d", "peu", "other", "autre", "more", "plus",
                        "the", "les", "la", "le", "and", "et", "or", "ou", "by", "par", "day",
                        "jour", "time", "fois"})
_MIN_NOUN = 4  # letters: "one way", "un an" say no count of a thing


def _plural(word: str) -> bool:
    return len(word) > _MIN_NOUN and word[-1] in "sx"


def _key(word: str) -> str:
    """A noun as compared in one language: its singular ("résidences" -> "residence"), whole
    ("protesters" is not "protest", "countries" not "council")."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    return word[:-1] if word[-1:] in ("s", "x") else word


# "an official said", "un responsable a déclaré": a speaker, not a count of the thing
_SAID_AFTER = re.compile(r"\s*(?:[^\W\d_]+\s+)?(?:said|says|told|stated|added|a dit|a "
                         r"déclaré|a declare|a indiqué|a indique|a affirmé|a affirme)\b")


def _claimed_keys(claim: str, claim_lang: str, across: bool) -> set[str]:
    """Keys, as the sentence's words are keyed, of the plural nouns the claim says several of."""
    keys: set[str] = set()
    for m in _SEVERAL.finditer(fold(claim)):
        for word in (m.group(1), m.group(2)):
            if word is None or not _plural(word):
                continue
            if across:
                keys |= other_language_keys(word, claim_lang)
            else:
                keys.add(_key(word))
    return keys


def one_made_many(claim: str, claim_lang: str, sentence: str, sentence_lang: str) -> bool:
    """Whether `claim` says several of a noun that `sentence` says one of, and never in the
    plural."""
    across = bool(claim_lang and sentence_lang and claim_lang != sentence_lang)
    keys = _claimed_keys(claim, claim_lang, across)
    if not keys:
        return False
    folded = fold(sentence)
    ones: set[str] = set()
    for m in _ONE.finditer(folded):
        if _SAID_AFTER.match(folded, m.end(1)):
            continue
        for word in (m.group(1), m.group(2)):
            if word is None or word in _NOT_NOUNS or len(word) < _MIN_NOUN:
                break
            ones.add(word[:4] if across else _key(word))
    hit = keys & ones
    if not hit:
        return False
    plurals = {w[:4] if across else _key(w) for w in re.findall(r"[^\W\d_]+", folded)
               if _plural(w)}
    return not (hit & plurals)
