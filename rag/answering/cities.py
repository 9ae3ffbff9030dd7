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

from rag.text import fold

# folded spellings of each capital, French and English
_CITY = {"moscou": "moscow", "moscow": "moscow", "pekin": "beijing", "beijing": "beijing",
         "kiev": "kyiv", "kyiv": "kyiv", "washington": "washington", "ankara": "ankara",
         "tachkent": "tashkent", "tashkent": "tashkent", "bichkek": "bishkek",
         "bishkek": "bishkek", "douchanbe": "dushanbe", "dushanbe": "dushanbe",
         "erevan": "yerevan", "yerevan": "yerevan"}
_AT_CITY = re.compile(
    r"(?i)(?<![\w’'-])(?:in|at|à|dans)\s+(Moscou|Moscow|P[ée]kin|Beijing|Kiev|Kyiv|Washington|"
    r"Ankara|Tachkent|Tashkent|Bichkek|Bishkek|Douchanb[ée]|Dushanbe|Erevan|Yerevan)"
    r"(?![\w’'-])(?!\s+(?:de|d['’])\s*[^\W\d_])")  # not "demander à Moscou d'intervenir"
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
    for m in _AT_CITY.finditer(text):
        if text[m.end():m.end() + 2] in ("'s", "’s"):
            continue  # "in Washington's view"
        if _TO_GOVERNMENT.search(text[max(0, m.start() - _BEFORE):m.start()]):
            continue
        city = _CITY[fold(m.group(1))]
        if not any(_CITY.get(w) == city for w in passage_words):
            out.append(m.group(1))
    return tuple(out)
