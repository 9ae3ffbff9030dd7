"""A capital the claim gives as where something happened must be a place its passage names.

News names a government by its capital ("Moscou a dénoncé", "Washington warned"), so the
verifier lets "Moscou" be held by "la Russie", "russe" or "le Kremlin". That stands only where
the capital acts. Where the claim puts it after a place preposition ("se sont entretenus à
Moscou", "met in Moscow"), it says where: "Poutine et Tokaïev ... ont eu une conversation
téléphonique, a annoncé le Kremlin" does not put them in Moscow. Then the passage must write
the city itself, in either language.

Left to the metonymy: a diplomat "à Washington" (posted to the United States), what is said
or owed "à Moscou" ("un message de loyauté à Moscou", "demander à Moscou de"), "in Moscow's
view".
"""

from __future__ import annotations

import re

from rag.short_text_cache import short_text_cache
from rag.text import fold

# Capitals, folded, in French and English, with their country: news names a government by
# its capital ("Moscou a dénoncé"); verify.py reads them so too (its `_SEATS`). Two spellings
# of one capital share its country.
CAPITALS = {"moscou": "RU", "moscow": "RU", "washington": "US", "pekin": "CN", "beijing": "CN",
            "kiev": "UA", "kyiv": "UA", "ankara": "TR", "tachkent": "UZ", "tashkent": "UZ",
            "bichkek": "KG", "bishkek": "KG", "douchanbe": "TJ", "dushanbe": "TJ",
            "erevan": "AM", "yerevan": "AM"}
# each country's capital, as its spellings
# ... and the seats of power a government is also named by ("le Kremlin a dit")
SEATS = {**CAPITALS, "kremlin": "RU"}


def by_country(words: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each country's words in `words` (word -> country): looked up in a text's words, not
    each of its words in `words` (a capital named thousands of times, review 37)."""
    return {code: tuple(w for w, c in words.items() if c == code) for code in words.values()}


CAPITAL_WORDS = by_country(CAPITALS)
SEAT_WORDS = by_country(SEATS)
# a word after a place preposition (a capital when `CAPITALS` has it), not "demander à Moscou
# d'intervenir"
_AT_WORD = re.compile(r"(?i)(?<![\w’'-])(?:in|at|à|dans)\s+([^\W\d_][\w’'-]*+)"
                      r"(?!\s+(?:de|d['’])\s*[^\W\d_])")
# read before the preposition: a post ("l'ambassadeur russe à Washington") or what is said,
# sent or owed to a government ("sa loyauté à Moscou", "a demandé à Moscou")
_BEFORE = 40
_TO_GOVERNMENT = re.compile(
    r"(?i)(?<!\w)(?:ambassad|embass|envoy|[ée]missaire|repr[ée]sentant|representative|d[ée]l[ée]gu|"
    r"correspond|loyaut|loyal|fid[ée]lit|message|signal|fermet|appel|demand|adress|reproch|"
    r"r[ée]pond|dit|d[ée]clar|promis|offert|propos|rappel|sugg[ée]r|conseill|oppos|li[ée]|"
    r"cher|attach|d[ée]pend|redevable|allegiance|allégeance|sold|vend|livr)\w*"
    r"(?:\W+[^\W\d_]+){0,2}\W*$")
_READS = 600  # characters of a claim read (a claim longer than that is no one statement)


def cities_unsaid(claim: str, passage_words: set[str]) -> tuple[str, ...]:
    """The capitals `claim` puts something in (as written) that the passage, by its folded
    words `passage_words`, never names."""
    text = claim[:_READS]
    out = []
    for m in _AT_WORD.finditer(text):
        country = CAPITALS.get(fold(m.group(1)))  # ("Washington's view" is no capital word)
        if country is None or _TO_GOVERNMENT.search(text[max(0, m.start() - _BEFORE):m.start()]):
            continue
        if not any(w in passage_words for w in CAPITAL_WORDS[country]):  # (not each word:
            # a claim naming a capital thousands of times over thousands of words, review 37)
            out.append(m.group(1))
    return tuple(out)


# A city the claim calls a capital ("Kazakhstan's capital, Almaty", "Almaty, la capitale")
# where its passage calls nothing a capital ("la plus grande ville du Kazakhstan, Almaty"):
# the claim adds what the passage does not say, and writers often get it wrong (Almaty was
# the capital until 1997). A capital known as such (`CAPITALS`, Kazakhstan's own) named by the
# claim or its passage is left alone: "l'aéroport de la capitale" over "l'aéroport de
# Nur-Sultan" says what the reader knows.
_KNOWN_CAPITALS = frozenset({*CAPITALS, "astana", "nur-sultan", "nursultan", "noursoultan",
                             "nour-soultan", "minsk", "paris", "london", "londres", "berlin",
                             "bruxelles", "brussels"})
_CAPITAL_NOUNS = frozenset({"capitale", "capitales", "capital", "capitals"})
# a city's capital (not money: "capital flight", "foreign capital"; not "d'une importance
# capitale"; not "les capitales occidentales", governments): French "capitale" after an
# article or a possessive or before "de" or an adjective, English "capital" after an article,
# a possessive or an adjective, or before "city"
_CAPITAL_OF_CITY = re.compile(
    r"(?i)(?:(?:\b(?:la|sa|leur|une|cette)\s+(?:(?:ancienne|nouvelle|vraie|véritable)\s+)?|"
    r"\bl['’](?:ancienne\s+)?)capitale(?!s)\b|"
    r"\bcapitale\s+(?:du|de|d['’]|kazakhe|russe|économique|economique|politique)|"
    r"(?:\b(?:the|its|their|a|former|new|economic|political|national)|['’]s)\s+capital(?!s)\b"
    r"(?!\s+(?:flight|punishment|market|markets|investment|gains?|expenditure|"
    r"spending|controls?|requirements?|inflows?|outflows?)\b)|\bcapital\s+city\b)")


def capitals_unsaid(claim: str, passage_words: set[str]) -> tuple[str, ...]:
    """("capital",) where `claim` calls a city a capital and its passage (folded words
    `passage_words`) calls nothing so, unless the claim or the passage names a known
    capital."""
    if not _calls_unknown_capital(claim) or (_CAPITAL_NOUNS | _KNOWN_CAPITALS) & passage_words:
        return ()
    return ("capital",)


@short_text_cache(1024)
def _calls_unknown_capital(claim: str) -> bool:
    """Whether `claim` calls a city a capital and names no known capital: read once a claim,
    whatever the number of passages."""
    text = claim[:_READS]
    if not _CAPITAL_OF_CITY.search(text):
        return False
    words = {fold(w) for w in re.findall(r"[\w’'-]+", text)}
    return not _KNOWN_CAPITALS & (words | {w.replace("-", "") for w in words})
