"""Whether a text names a country: "De quel pays ... ?" is answered by "le Premier ministre
arménien", not by "le président de l'OTSC".

Country names in French and English come from Babel's territory lists (CLDR); a nationality
word counts when it shares the country name's stem ("arménien", "Armenian" for Arménie,
"kazakh" for Kazakhstan) or is one of the irregular ones below ("britannique", "American").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from rag.answering.anchors import fold

# Nationality words whose country name has another stem (or that Babel does not list).
_IRREGULAR = frozenset({
    "american", "americans", "americain", "americaine", "americains", "americaines",
    "british", "britannique", "britanniques", "anglais", "anglaise", "english",
    "french", "dutch", "neerlandais", "neerlandaise", "swiss", "suisse", "suisses",
    "allemand", "allemande", "allemands", "allemandes", "turc", "turque", "turcs", "turkish",
    "polonais", "polonaise", "polish", "spanish", "greek", "grec", "grecque", "grecs",
    "danish", "danois", "danoise", "swedish", "suedois", "suedoise", "norwegian", "finnish",
    "japanese", "belge", "belges", "belgian", "irish", "irlandais", "irlandaise", "welsh",
    "scottish", "ecossais", "hongrois", "hongroise", "hungarian", "tcheque", "czech",
    "filipino", "philippin", "philippine", "thai", "thais", "saoudien", "saoudienne", "saudi",
    "emirati", "israeli", "israelien", "israelienne", "kirghize", "kirghizes",
    "soviet", "sovietique", "sovietiques", "urss", "ussr", "yougoslave", "yougoslavie",
    "yugoslavia", "tchecoslovaquie", "czechoslovakia", "prusse", "prussia",
})
# Irregular nationality words and short names with the country they are of.
_IRREGULAR_CODES = {
    **dict.fromkeys(("us", "usa", "american", "americans", "americain", "americaine",
                     "americains", "americaines", "etats-unis", "etats-unien"), "US"),
    **dict.fromkeys(("british", "britannique", "britanniques", "anglais", "anglaise"), "GB"),
    **dict.fromkeys(("allemand", "allemande", "allemands", "allemandes"), "DE"),
    **dict.fromkeys(("turc", "turque", "turcs", "turkish"), "TR"),
    **dict.fromkeys(("french",), "FR"),
    **dict.fromkeys(("soviet", "sovietique", "sovietiques", "urss", "ussr"), "SU"),
}
_PLACE_BEFORE = re.compile(r"(?i)\b(au|aux|en|in|into|to|à|dans|du|des|de|d['’]|from|vers|"
                           r"of|at|near|on)\s*(?:(?:le|la|les|l['’]|the)\s*)?$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# What a nationality word adds to its country's name, or to the name cut short ("armeni-en",
# "russ-e", "kazakh", "chin-ois"); a cut name alone ("franc", "chin") is not one.
_SUFFIXES = ("e", "es", "en", "enne", "ens", "ennes", "ien", "ienne", "iens", "iennes", "an",
             "ans", "ian", "ians", "ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine",
             "ains", "aines", "ese", "ish", "i", "is", "ol", "ole", "ols", "oles", "ite", "ites")


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """(one-word country names and their nationality words -> the country's code, several-word
    names with a pattern finding them), from Babel's French and English lists."""
    from babel import Locale  # CLDR data: loaded once, on the first country question

    forms: dict[str, str] = {}
    phrases: dict[str, re.Pattern[str]] = {}
    for lang in ("fr", "en"):
        for code, name in Locale(lang).territories.items():
            if not re.fullmatch(r"[A-Z]{2}", code):
                continue  # regions ("Europe", "Amérique latine"), not countries
            folded = fold(name).replace("’", "'")
            if not re.fullmatch(r"[a-z]+", folded):
                if "(" not in folded:
                    phrases[folded] = re.compile(rf"\b{re.escape(folded)}\b")
                continue
            forms.setdefault(folded, code)
            for form in _nationality_words(folded):
                forms.setdefault(form, code)
    return forms, tuple(sorted(phrases.items()))


def _nationality_words(name: str) -> set[str]:
    if name.endswith("stan") and len(name) >= 9:  # kazakhstan -> kazakh, tadjikistan -> tadjik
        base = name[:-5] if name.endswith("istan") else name[:-4]
        # ... and the other spelling of the name: "Kirghizstan" is also "Kirghizistan"
        return {base, base + "stan", base + "istan", *(base + s for s in ("e", "s", "es"))}
    bases = {name}
    if name[-1] in "aeiouy":
        bases.add(name[:-1])  # armenie -> armeni-en, ukraine -> ukrain-ien
    if name.endswith(("ie", "ia")):
        bases.add(name[:-2])  # russie -> russ-e, syria -> syr-ien
    return {b + s for b in bases if len(b) >= 4 for s in _SUFFIXES}


def names_country(text: str, exclude: Collection[str] = ()) -> bool:
    """Whether `text` names a country, or a nationality, other than those in `exclude`
    (folded names: the question's own "Kazakhstan" does not answer "which country", nor
    does "kazakh")."""
    forms, phrases = _names()
    excluded = {forms.get(e, e) for e in exclude} | set(exclude)
    folded = fold(text).replace("’", "'")
    for w in _WORD.findall(folded):
        if w in excluded:
            continue
        if w in _IRREGULAR or (w in forms and forms[w] not in excluded):
            return True
    return any(p.split()[0] not in excluded and rx.search(folded) for p, rx in phrases)


def nationalities(text: str, lang: str) -> frozenset[str]:
    """The countries whose people or doings a question asks about, as codes: a nationality
    ("les militaires kirghizes", "Kazakh police") or a country named other than as a place
    ("NGOs funded by France", "la Russie a envoyé"; not "in Kazakhstan", "au Kazakhstan"). In
    French a capitalised word that is not a country's name is no nationality: adjectives are
    written in lower case there, and "Françoise" is a first name."""
    forms, _ = _names()
    out: set[str] = set()
    for m in _WORD.finditer(text):
        word = m.group(0)
        w = fold(word).replace("’", "'")
        if w in forms and w in _country_names() and word[0].isupper():
            if not _PLACE_BEFORE.search(text[:m.start()]):
                out.add(forms[w])
        elif w in forms and w not in _country_names() and not (lang == "fr" and word[0].isupper()):
            out.add(forms[w])
    return frozenset(out)


def mentions_country(text: str, codes: frozenset[str]) -> bool:
    """Whether `text` names one of these countries, or its people."""
    forms, _ = _names()
    return any(forms.get(w) in codes for w in _WORD.findall(fold(text)))


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    from babel import Locale

    return frozenset(fold(n) for lang in ("fr", "en") for n in Locale(lang).territories.values())


_ROLE_WORD = re.compile(r"[\w.-]+")
_OF = frozenset({"de", "du", "des", "of", "d"})
_COUNTERPART = ("homologue", "counterpart")


def role_nations(text: str, role: Sequence[str]) -> frozenset[str]:
    """The countries a role word (or "homologue", "counterpart") is qualified by where `text`
    names it ("l'ambassadeur russe", "l'ambassadeur de Russie", "Russian ambassador", "the US
    ambassador"), as codes; not the country where the role is held ("aux États-Unis", "to
    Kazakhstan")."""
    words = [w.split("’")[-1].split("'")[-1] for w in re.findall(r"[\w'’.-]+", text)]
    out: set[str] = set()
    for i, word in enumerate(words):
        folded = fold(word)
        if not any(folded.startswith(k) for k in role) and not folded.startswith(_COUNTERPART):
            continue  # "son homologue kazakh" holds the role too
        for near in words[max(0, i - 2):i]:  # "the US ambassador", "Russian ambassador"
            if (code := _code(near)) is not None:
                out.add(code)
        after = words[i + 1:i + 3]
        if after and fold(after[0]) in _OF and len(after) > 1:
            after = after[1:]  # "ambassadeur de Russie"
        if after and (code := _code(after[0])) is not None:
            out.add(code)  # "ambassadeur russe"
    return frozenset(out)


def country_code(word: str) -> str | None:
    """The country a country name or a nationality word is of ("kazakhe" -> "KZ")."""
    return _code(word)


def _code(word: str) -> str | None:
    bare = word.strip(",;:").replace(".", "")
    if fold(bare) == "us":  # "US", "U.S.", not the pronoun "us"
        return "US" if bare == "US" else None
    w = fold(bare).replace("’", "'")
    if w in _IRREGULAR_CODES:
        return _IRREGULAR_CODES[w]
    forms, _ = _names()
    return forms.get(w)


def is_country(name: str) -> bool:
    """Whether `name` (folded) is a country's name ("kazakhstan"), not a city or a person."""
    return name in _country_names()
