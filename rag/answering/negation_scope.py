"""Which verb a negation denies: a claim that denies what its sentence affirms.

The verifier takes a negated claim as held by a sentence that holds a negation too. That is
right where both deny the same thing, wrong where the sentence denies something else: "Peskov
told reporters that Kazakhstan could not resolve its problems on its own" over "le pays peut
« résoudre ses propres problèmes » et qu'il est crucial que « personne n'interfère de
l'extérieur »" (the negation is on the interference, the solving is affirmed). So read the verb
the claim denies (the first content word the negation governs) and look for it in the
sentence, in either language: where every time the sentence writes it no negation or verb of
refusal is near, the sentence affirms what the claim denies.
"""

from __future__ import annotations

import re

from rag.answering.lexicon import translated_in
from rag.short_text_cache import short_text_cache
from rag.text import fold

# the negation and the words up to the verb it denies ("could not be resolved", "ne peut
# pas résoudre", "n'a pas pu résoudre"): auxiliaries and modals are passed over
_AUX = (r"(?:be|been|being|have|has|had|to|yet|even|really|able|longer|pu|su|voulu|ete|etre|"
        r"avoir|eu|encore|plus|jamais|vraiment|a|ont|est|sont|peut|peuvent|pouvait|"
        r"pourrait|pourra|doit|doivent|devait|veut|veulent|voulait|se|s|l|le|la|les|y|en)")
_CLAIM_NEGATION = re.compile(
    rf"\b(?:not|n't|never|cannot|ne|n)\s+(?:{_AUX}\s+){{0,4}}?"
    rf"(?:(?:pas|point|jamais)\s+(?:{_AUX}\s+){{0,3}}?)?(?!{_AUX}\b)([a-z]{{4,}})\b")
# a negation or a verb of refusal near a word denies it ("n'interfère", "ne peut pas
# résoudre", "refuse d'intervenir", "without resolving")
_DENIED_NEAR = re.compile(
    r"\b(?:ne|n|pas|point|not|n't|never|jamais|no|aucune?|sans|without|rien|personne|nobody|"
    r"nothing|impossible|incapable|unable|refus\w*|reject\w*|rejet\w*|declin\w*|fail\w*|"
    r"echou\w*|empech\w*|prevent\w*|exclu\w*|ruled|nie\w*|deni\w*|deny\w*)\b")
_WORD = re.compile(r"[a-z]+")
_BEFORE = 6  # words read before a word for what denies it
_AFTER = 2  # ... and after it ("ne résout pas")
# a long sentence is read up to here (its verbs are no prose past it)
MAX_WORDS = 400


def _folded_words(text: str) -> list[str]:
    return _WORD.findall(re.sub(r"['’]", " ", fold(text)))


@short_text_cache(4096)  # (a claim is read against each sentence it may cite)
def denied_verb(claim: str) -> str | None:
    """The first content word a claim's negation governs, folded ("resolve")."""
    m = _CLAIM_NEGATION.search(" ".join(_folded_words(claim)[:MAX_WORDS]))
    return m.group(1) if m else None


def _same_word(verb: str, word: str) -> bool:
    return (len(word) >= 4 and verb[:5] == word[:5]) or translated_in(verb, (word,))


def affirms_denied(claim: str, sentence: str) -> bool:
    """Whether `sentence` writes the verb `claim` denies, never near a negation."""
    verb = denied_verb(claim)
    if verb is None:
        return False
    words = _folded_words(sentence)[:MAX_WORDS]
    found = False
    for k, word in enumerate(words):
        if not _same_word(verb, word):
            continue
        found = True
        near = " ".join(words[max(0, k - _BEFORE):k + 1 + _AFTER])
        if _DENIED_NEAR.search(near):
            return False
    return found
