"""A nationality the claim gives a thing where its sentence gives that thing another one.

"des pillages ... dans les principales villes russes" over "... dans les principales villes
kazakhes", "Les forces de sécurité russes ont été dépassées" over "Les forces de sécurité
kazakhes ont été dépassées": the claim's nationality word qualifies a noun that the sentence
judged qualifies with another country's, and that sentence names the claim's country nowhere
(nor its capital or seat of power: "Moscou", "le Kremlin"). Everything else in such a claim is
the sentence's, so only this check tells them apart. The sentence, not the whole passage: a
chunk of news names Russia somewhere more often than not.

The noun a nationality word qualifies is the word right after it in English ("Russian
troops"), right before it in French ("troupes russes"); across languages the lexicon's
translations (or a cognate's first four letters) compare the nouns ("cities", "villes").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.answering.cities import SEATS
from rag.answering.countries import country_code, is_country, nations_of
from rag.answering.lexicon import other_language_keys
from rag.sentences import CACHED_SENTENCE_CHARS
from rag.text import fold

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Words that qualify no noun of their own ("des troupes russes et kazakhes")
_LINKS = frozenset({"et", "and", "ou", "or", "de", "des", "du", "d", "of", "the", "les", "la",
                    "le", "l"})


def _noun_keys(noun: str, lang: str, across: bool, translate: bool) -> frozenset[str]:
    """A noun as compared: its first five letters in one language; across languages its
    first four, and (`translate`) its translations' keys."""
    folded = fold(noun)
    if not across:
        return frozenset({folded[:5]})
    return (other_language_keys(folded, lang) if translate else frozenset()) | {folded[:4]}


def qualified(text: str, lang: str) -> list[tuple[str, str, str]]:
    """(noun, country code, the word) for each nationality word of `text` and the noun it
    qualifies: a word of the lexicon of nationalities, in lower case in French, capitalised in
    English, that is not a country's name ("Russia sent", "Jordan said")."""
    words = [m.group(0) for m in _WORD.finditer(text)]
    out: list[tuple[str, str, str]] = []
    for n, word in enumerate(words):
        if (lang == "fr" and word[:1].isupper()) or (lang == "en" and not word[:1].isupper()):
            continue
        code = country_code(word)
        if code is None or is_country(fold(word)):
            continue
        at = n - 1 if lang == "fr" else n + 1
        # (a list of nationalities qualifies the noun at its head, not its next member:
        # "Belarusian, Armenian, Tajik and Kyrgyz contingents")
        if 0 <= at < len(words) and fold(words[at]) not in _LINKS \
                and country_code(words[at]) is None:
            out.append((words[at], code, word))
    return out


def named_codes(text: str) -> frozenset[str]:
    """The countries `text` names, or their people, or their capitals or seats: read once a
    call, whatever the number of the claim's nationality words."""
    return nations_of(text) | {code for w in _WORD.findall(text)
                               if (code := SEATS.get(fold(w))) is not None}


def nationality_swapped(claim: str, claim_lang: str, passage: str, passage_lang: str) -> str:
    """The claim's nationality word that qualifies a noun `passage` (a sentence, or two)
    qualifies with another country's, where `passage` names the claim's country nowhere; ""
    when none. Each side read once: the claim's (noun, country) pairs once each, the passage's
    as an index from noun key to countries."""
    if not claim_lang or not passage_lang:
        return ""
    ours = _claim_nouns(claim, claim_lang) if len(claim) <= CACHED_SENTENCE_CHARS else tuple(
        dict.fromkeys(qualified(claim, claim_lang)))
    if not ours:
        return ""  # (most claims: the passage is not read)
    across = claim_lang != passage_lang
    theirs = (_passage_nouns(passage, passage_lang, across)
              if len(passage) <= CACHED_SENTENCE_CHARS else _nouns(passage, passage_lang, across))
    named: frozenset[str] | None = None
    for noun, code, word in ours:
        others = {c for k in _noun_keys(noun, claim_lang, across, True)
                  for c in theirs.get(k, ()) if c != code}
        if not others:
            continue
        if named is None:
            named = named_codes(passage)
        if code not in named:
            return word
    return ""


@lru_cache(maxsize=256)
def _claim_nouns(claim: str, lang: str) -> tuple[tuple[str, str, str], ...]:
    """A claim's qualified nouns, once each, read once whatever the number of sentences."""
    return tuple(dict.fromkeys(qualified(claim, lang)))


@lru_cache(maxsize=256)
def _passage_nouns(passage: str, lang: str, across: bool) -> dict[str, frozenset[str]]:
    """A sentence's qualified nouns as compared, read once whatever the number of claims."""
    return _nouns(passage, lang, across)


def _nouns(passage: str, lang: str, across: bool) -> dict[str, frozenset[str]]:
    """Noun key -> the countries a sentence qualifies that noun with."""
    index: dict[str, set[str]] = {}
    for noun, code, _ in qualified(passage, lang):
        for key in _noun_keys(noun, lang, across, False):
            index.setdefault(key, set()).add(code)
    return {k: frozenset(v) for k, v in index.items()}


def nationalities_unsaid(claim: str, lang: str, passage: str) -> tuple[str, ...]:
    """The French claim's nationality words (lower case: "le plus haut diplomate américain")
    whose country `passage` (its sentences and title) names nowhere, nor its people, capital or
    seat: what an English claim's capitalised "American" is already, an anchor the passage must
    hold ("... diplomate de l'Union européenne"). English claims: their nationality words are
    names, checked as such."""
    # (a claim too short to tell its language, "": a nationality in lower case is French)
    if lang not in ("fr", "") or len(claim) > CACHED_SENTENCE_CHARS:
        return ()
    ours = _claim_nouns(claim, "fr")
    if not ours:
        return ()  # (most claims: the passage is not read)
    named = named_codes(passage)
    unsaid = {word for _, code, word in ours if code not in named}
    if not unsaid:
        return ()
    folded = fold(passage)
    # ... unless it is the nationality of the person the claim names next ("Le chef de l'État
    # kazakh, Kassym-Jomart Tokayev" over "a déclaré le président Kassym-Jomart Tokayev"):
    # whom the passage names, it need not say where he is from
    for m in _NAMED_AFTER.finditer(claim):
        last = fold(m.group(2)).split()[-1]
        if m.group(1) in unsaid and len(last) > 2 and re.search(
                rf"(?<![\w-]){re.escape(last)}(?![\w-])", folded):
            unsaid.discard(m.group(1))
    return tuple(word for word in dict.fromkeys(w for _, _, w in ours) if word in unsaid)


# a nationality word and the name it is said of, next to it: "le président russe Vladimir
# Poutine", "l'État kazakh, Kassym-Jomart Tokayev"
_NAMED_AFTER = re.compile(
    r"(?<![\w-])([a-zà-ÿ][\w-]*+)(?:,\s|\s)([A-ZÀ-Ý][\w’'-]*+(?:\s[A-ZÀ-Ý][\w’'-]*+){0,3})")
