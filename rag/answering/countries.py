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
from rag.short_text_cache import short_text_cache
from rag.text import unaccent

# Nationality words whose country name has another stem (or that Babel does not list), and
# short names, with the country they are of: one table for "names a country" and "whose".
_IRREGULAR: dict[str, str] = {
    **dict.fromkeys(("us", "usa", "american", "americans", "americain", "americaine",
                     "americains", "americaines", "etats-unis", "etats-unien"), "US"),
    **dict.fromkeys(("british", "britannique", "britanniques", "anglais", "anglaise", "english",
                     "welsh", "scottish", "ecossais"), "GB"),
    **dict.fromkeys(("allemand", "allemande", "allemands", "allemandes", "german", "germans"),
                    "DE"),
    **dict.fromkeys(("turc", "turque", "turcs", "turkish"), "TR"),
    **dict.fromkeys(("french",), "FR"),
    **dict.fromkeys(("dutch", "neerlandais", "neerlandaise"), "NL"),
    **dict.fromkeys(("swiss", "suisse", "suisses"), "CH"),
    **dict.fromkeys(("polonais", "polonaise", "polish"), "PL"),
    **dict.fromkeys(("spanish",), "ES"),
    **dict.fromkeys(("greek", "grec", "grecque", "grecs"), "GR"),
    **dict.fromkeys(("danish", "danois", "danoise"), "DK"),
    **dict.fromkeys(("swedish", "suedois", "suedoise"), "SE"),
    **dict.fromkeys(("norwegian",), "NO"),
    **dict.fromkeys(("finnish",), "FI"),
    **dict.fromkeys(("japanese",), "JP"),
    **dict.fromkeys(("belge", "belges", "belgian"), "BE"),
    **dict.fromkeys(("irish", "irlandais", "irlandaise"), "IE"),
    **dict.fromkeys(("hongrois", "hongroise", "hungarian"), "HU"),
    **dict.fromkeys(("tcheque", "czech"), "CZ"),
    **dict.fromkeys(("filipino", "philippin", "philippine"), "PH"),
    **dict.fromkeys(("thai", "thais"), "TH"),
    **dict.fromkeys(("saoudien", "saoudienne", "saudi"), "SA"),
    **dict.fromkeys(("emirati",), "AE"),
    **dict.fromkeys(("israeli", "israelien", "israelienne"), "IL"),
    **dict.fromkeys(("kirghize", "kirghizes"), "KG"),
    **dict.fromkeys(("belarusse", "belarusses", "belarussien", "belarussienne"), "BY"),
    **dict.fromkeys(("soviet", "sovietique", "sovietiques", "urss", "ussr"), "SU"),
    **dict.fromkeys(("yougoslave", "yougoslavie", "yugoslavia"), "YU"),
    **dict.fromkeys(("tchecoslovaquie", "czechoslovakia"), "CS"),
    **dict.fromkeys(("prusse", "prussia"), "PRUSSIA"),
}
_SHORT_NAMES = frozenset({"us", "usa", "etats-unis", "urss", "ussr"})  # names, not adjectives
# ... of which "us" is also a pronoun: a country only as written "US" (see `_code`)
_AMBIGUOUS = frozenset({"us"})
_PLACE_BEFORE = re.compile(r"(?i)\b(au|aux|en|in|into|to|à|dans|du|des|de|d['’]|from|vers|"
                           r"of|at|near|on)\s*(?:(?:le|la|les|l['’]|the)\s*)?$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
PLACE_REACH = 80  # characters read back for a preposition of place: "au", "dans la", "to the"


def _placed(text: str, at: int) -> bool:
    """Whether a preposition of place comes right before `at` ("au Kazakhstan"). Read in the
    last PLACE_REACH characters, not the whole text before: once per country named, that was
    quadratic in a question of "UE UE UE ..." (twelfth review, F3)."""
    return bool(_PLACE_BEFORE.search(text, max(0, at - PLACE_REACH), at))

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


# A group of states the Soviet word only dates ("une alliance d'anciens États soviétiques",
# "former Soviet republics", "l'espace post-soviétique"): no country named (dev_en den023)
_SOVIET_GROUP = re.compile(
    r"\b(?:etats|republiques|pays|nations)\s+(?:ex-?|post-?)?sovietiques?\b|"
    r"\bsoviet\s+(?:states|republics|countries|nations|era|times|period)\b|"
    r"\b(?:ex|post)-?sovieti?(?:que)?s?\b")


def names_country(text: str, exclude: Collection[str] = ()) -> bool:
    """Whether `text` names a country, or a nationality, other than those in `exclude`
    (folded names: the question's own "Kazakhstan" does not answer "which country", nor
    does "kazakh")."""
    forms, phrases = _names()
    excluded = {forms.get(e, e) for e in exclude} | set(exclude)
    folded = _SOVIET_GROUP.sub(" ", fold(text).replace("’", "'"))
    for w in _WORD.findall(folded):
        if w in excluded:
            continue
        if (w in _IRREGULAR and w not in _AMBIGUOUS) or (w in forms and forms[w] not in excluded):
            return True
    return any(p.split()[0] not in excluded and rx.search(folded) for p, rx in phrases)


NATIONALITY_REACH = 60  # characters between a person's name and the nationality said of him
_CITIZEN = re.compile(r"(?i)\b(?:nationalit[ée]|citizen\w*|citoyen\w*|ressortissant\w*|"
                      # peoples with no country of their own in CLDR's list
                      r"[ée]cossai\w*|scot(?:s|tish)?|anglai\w*|english|gallois\w*|welsh|"
                      r"basques?|catalan\w*|breton\w*|corses?|flamand\w*|flemish|wallon\w*|"
                      r"qu[ée]b[ée]cois\w*|galicien\w*|sicilien\w*|bavarois\w*|kurd\w*|"
                      r"tch[ée]tch[èe]ne?s?|chechen\w*|tatars?)")


def nationality_near(text: str, names: Collection[str]) -> bool:
    """Whether `text` gives a nationality (a demonym such as "biélorusse", not a language
    after "en"; or a country someone is born in or from: "né à Ntungamo, dans le sud-ouest
    de l'Ouganda") within a few words of one of `names` (folded, compared as names are:
    Tokayev is Tokaïev), or anywhere when the question names no one: "What is X's
    nationality?" is not answered by a sentence that names X and, far from him, a country."""
    from rag.answering.anchors import same_name  # (anchors reads countries' names)

    forms, _ = _names()
    folded = fold(text).replace("’", "'")
    words = list(_WORD.finditer(folded))
    near = [m.start() for m in words
            if any(same_name(n, p, True) for n in names for p in m.group(0).split("-"))]
    if names and not near:
        return False
    said = []
    for m in words:
        w = m.group(0)
        if w in names or w in _NOT_DEMONYMS:
            continue
        if _CITIZEN.fullmatch(w):
            said.append(m.start())
        elif w in _country_names() or w in _SHORT_NAMES:
            if _BORN_IN.search(folded[max(0, m.start() - 50):m.start()]):
                said.append(m.start())  # born in, or from, the country: not a destination
        elif (w in forms or w in _IRREGULAR) and w not in _AMBIGUOUS \
                and not folded[:m.start()].endswith("en "):  # "en russe" is a language
            said.append(m.start())
    return any(not near or min(abs(at - n) for n in near) <= NATIONALITY_REACH for at in said)


# a country's name said as one's birthplace or origin, not as where one went
_BORN_IN = re.compile(r"\b(?:nee?s?|naissance|natif|native|originaire|born|from|citizen|"
                      r"citoyen\w*|ressortissant\w*)\b")
# forms the demonym endings make of common words: "libéré" (Liberia), "réunion"
_NOT_DEMONYMS = frozenset({"libere", "liberee", "liberes", "liberees", "reunion", "unies",
                           "uni", "unis", "unie", "nations"})


def _modified(word: str) -> str:
    """A name used as a modifier is the name: "Germany-funded", "Russian-led"."""
    head, _, tail = word.partition("-")
    return head if tail and head[:1].isupper() and tail[:1].islower() else word


def nationalities(text: str, lang: str) -> frozenset[str]:
    """The countries whose people or doings a question asks about, as codes: a nationality
    ("les militaires kirghizes", "Kazakh police") or a country named other than as a place
    ("NGOs funded by France", "la Russie a envoyé"; not "in Kazakhstan", "au Kazakhstan"). In
    French a capitalised word that is not a country's name is no nationality: adjectives are
    written in lower case there, and "Françoise" is a first name."""
    forms, _ = _names()
    out: set[str] = set()
    for m in _WORD.finditer(text):
        word = _modified(m.group(0))
        w = fold(word).replace("’", "'")
        code = _code(word) if w in _IRREGULAR else forms.get(w)
        if code is None:
            continue
        if (w in _country_names() or w in _SHORT_NAMES) and word[0].isupper():
            if not _placed(text, m.start()):
                out.add(code)  # "la Russie a envoyé", "NGOs funded by the US"
        elif w in _country_names():
            continue  # a country's name in lower case is a word: "la réunion", "la chine"
        elif not (lang == "fr" and word[0].isupper()):
            out.add(code)  # "les militaires kirghizes", "American troops"
    for m in _BODY.finditer(text):  # "l'aide de l'Union européenne", "the EU offered"
        if not _placed(text, m.start()):
            out.add(_body_code(m.group(0)))
    return frozenset(out)


_COMPLEMENT = re.compile(r"(?i)\b(?:des|du|de la|de l['’]|d['’]|aux|au|of|of the|to the|"
                         r"against|contre les|contre la)\s*(?:the\s*)?$")


def demonyms(text: str, lang: str, nouns: re.Pattern[str]) -> frozenset[str]:
    """The countries a question's nationality words name, as codes ("the Belarusian task
    force", "le contingent biélorusse"), not its country names, when they qualify one of
    `nouns` (the word after an English one, before a French one, or the two words there:
    "task force", "groupe de travail"): whose doing an open question asks about, which a
    sentence about another country's does not answer."""
    forms, _ = _names()
    out: set[str] = set()
    words = list(_WORD.finditer(text))
    for n, m in enumerate(words):
        # the noun phrase it qualifies: the words right after it in English, right before it
        # in French ("task force", "groupe de travail")
        if lang == "en":
            phrases = [(m.start(), words[n + 1:n + 1 + k]) for k in (1, 2)]
        else:
            phrases = [(words[n - k].start(), words[n - k:n]) for k in (1, 2, 3) if n - k >= 0]
        starts = [at for at, ws in phrases
                  if ws and nouns.match(" ".join(w.group(0) for w in ws))]
        if not starts or all(_COMPLEMENT.search(text[max(0, at - 20):at]) for at in starts):
            continue  # "aux opérations des forces kazakhes": whom it is done to or of
        word = _modified(m.group(0))
        w = fold(word).replace("’", "'")
        code = _code(word) if w in _IRREGULAR else forms.get(w)
        if code is None or w in _country_names() or w in _SHORT_NAMES or (
                lang == "fr" and word[0].isupper()):
            continue
        out.add(code)
    return frozenset(out)


# A government named by its nationality: "le gouvernement turc", "the Uzbek authorities".
_GOVERNMENT = re.compile(
    r"(?i)\b(?:gouvernements?|autorités|diplomatie|ministères?)\s+([^\W\d_]+)"
    r"|\b([^\W\d_]+)\s+(?:government|authorities|diplomacy|(?:foreign )?ministry)\b")


def actors(text: str) -> frozenset[str]:
    """The countries a question asks about as actors, as codes: a country named other than as
    a place ("Comment l'Ouzbékistan a-t-il réagi", "Uzbekistan's reaction"; not "in
    Kazakhstan"), a body ("l'UE a proposé"), a government by its nationality ("le
    gouvernement turc"). Not a nationality describing a thing ("la conception grecque", "la
    fratrie royale écossaise"): sources may say "aristotélicienne" and never name Greece."""
    out: set[str] = set()
    for m in _WORD.finditer(text):
        word = m.group(0)
        w = fold(word).replace("’", "'")
        if word[0].isupper() and (w in _country_names() or w in _SHORT_NAMES) \
                and (code := _code(word)) is not None \
                and not _placed(text, m.start()):
            out.add(code)
    for m in _GOVERNMENT.finditer(text):
        if (code := _code(m.group(1) or m.group(2))) is not None:
            out.add(code)
    for m in _BODY.finditer(text):
        if not _placed(text, m.start()):
            out.add(_body_code(m.group(0)))
    return frozenset(out)


# Bodies of several countries act as one does: "Quel montant l'Union européenne a-t-elle
# proposé ?" is not answered by what American agencies transferred. Acronyms as written
# ("eu" is also "avoir"), full names in any case.
_BODIES = {
    "EU": ("UE", "EU", "union européenne", "union europeenne", "european union"),
    "UN": ("ONU", "nations unies", "united nations"),
    "NATO": ("OTAN", "NATO", "alliance atlantique"),
    "CSTO": ("OTSC", "CSTO", "organisation du traité de sécurité collective",
             "collective security treaty organization"),
    "EAEU": ("UEEA", "UEE", "EAEU", "union économique eurasiatique",
             "union économique eurasienne", "eurasian economic union"),
    "CIS": ("CEI", "CIS", "communauté des états indépendants",
            "commonwealth of independent states"),
    "SCO": ("OCS", "SCO", "organisation de coopération de shanghai",
            "organisation de coopération de shanghaï",
            "shanghai cooperation organisation", "shanghai cooperation organization"),
    "OSCE": ("OSCE", "organisation pour la sécurité et la coopération en europe",
             "organization for security and co-operation in europe",
             "organization for security and cooperation in europe"),
}
# Each body's acronym as each language writes it ("CSTO" is the French sources' "OTSC"), for
# the dense query: the embedding reads an acronym as a string, and an English "CSTO" lands on
# the few French sentences that happen to write "CSTO" ("Qu'est-ce que le CSTO, exactement ?")
# rather than on the many that write "OTSC" (English article questions: answer passage in the
# top 5 for 81 -> 95 of 101 naming a body's acronym, none lost). `_BODIES` lists the French
# acronym first, under the English one.
_ACRONYMS_IN: dict[str, dict[str, str]] = {
    "fr": {en: names[0] for en, names in _BODIES.items() if names[0] != en},
    "en": {n: en for en, names in _BODIES.items() for n in names if n.isupper() and n != en},
}
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


def acronyms_as(text: str, lang: str) -> str:
    """`text` with each body's acronym written as `lang` writes it ("the CSTO forces" -> "the
    OTSC forces" for "fr"); other words as they are."""
    table = _ACRONYMS_IN.get(lang, {})
    return _ACRONYM.sub(lambda m: table.get(m.group(0), m.group(0)), text) if table else text


# a name's letters with or without their accents ("Communauté des Etats indépendants")
_ACCENTED = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç"}


def _accent_blind(alias: str) -> str:
    return "".join(f"[{_ACCENTED[c]}]" if c in _ACCENTED else re.escape(c)
                   for c in unaccent(alias))


_BODY = re.compile("|".join(
    rf"\b{re.escape(a)}\b" if a.isupper() else rf"(?i:\b{_accent_blind(a)}\b)"
    for aliases in _BODIES.values() for a in aliases))


BODIES = frozenset(_BODIES)


def _body_code(alias: str) -> str:
    bare = unaccent(alias).lower()
    return next(code for code, aliases in _BODIES.items()
                if any(alias == a if a.isupper() else bare == unaccent(a) for a in aliases))


def mentions_country(text: str, codes: frozenset[str]) -> bool:
    """Whether `text` names one of these countries, or its people ("le département d'État
    américain", "le Royaume-Uni compte plus de 85 ONG")."""
    forms, _ = _names()
    if any(_body_code(m.group(0)) in codes for m in _BODY.finditer(text)):
        return True
    folded = fold(text).replace("’", "'")
    for w in _WORD.findall(folded):
        code = _IRREGULAR.get(w) if w not in _AMBIGUOUS else None
        if (code or forms.get(w)) in codes:
            return True
    return any(code in codes and rx.search(folded) for code, rx in _phrase_codes())


@lru_cache(maxsize=1)
def _phrase_codes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Countries named in several words ("royaume-uni", "united states"), with their code."""
    from babel import Locale

    out: dict[str, str] = {}
    for lang in ("fr", "en"):
        for code, name in Locale(lang).territories.items():
            folded = fold(name).replace("’", "'")
            if re.fullmatch(r"[A-Z]{2}", code) and not re.fullmatch(r"[a-z]+", folded) \
                    and "(" not in folded:
                out.setdefault(folded, code)
    return tuple((code, re.compile(rf"\b{re.escape(name)}\b"))
                 for name, code in sorted(out.items()))


@short_text_cache(4096)
def nations_of(text: str) -> frozenset[str]:
    """The countries a text names or whose people it names, as codes, however written
    ("britanniques", "le Royaume-Uni", "Kazakh police"): what a claim says of nations."""
    out = {c for m in _WORD.finditer(text) if (c := _code(_modified(m.group(0)))) is not None}
    folded = fold(text).replace("’", "'")
    out.update(code for code, rx in _phrase_codes() if rx.search(folded))
    return frozenset(out)


@lru_cache(maxsize=1)
def _squashed_codes() -> dict[str, str]:
    """Countries' names folded with hyphens and spaces dropped, as `Facts.names` holds them
    ("royaumeuni"), with their code."""
    from babel import Locale

    out: dict[str, str] = {}
    for lang in ("fr", "en"):
        for code, name in Locale(lang).territories.items():
            if re.fullmatch(r"[A-Z]{2}", code) and "(" not in name:
                out.setdefault(re.sub(r"[\s'’-]", "", fold(name)), code)
    return out


def name_code(name: str) -> str | None:
    """The country a source name (folded, hyphens dropped: "royaumeuni", "kazakhstan") is or
    is the people of, if any."""
    return _squashed_codes().get(name) or _code(name)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    from babel import Locale

    return frozenset(fold(n) for lang in ("fr", "en") for n in Locale(lang).territories.values())


_ROLE_WORD = re.compile(r"[\w.-]+")
OF_WORDS = _OF = frozenset({"de", "du", "des", "of", "d"})  # "of" words, folded
_COUNTERPART = ("homologue", "counterpart")


def role_nations(text: str, role: Sequence[str]) -> frozenset[str]:
    """The countries a role word (or "homologue", "counterpart") is qualified by where `text`
    names it ("l'ambassadeur russe", "l'ambassadeur de Russie", "Russian ambassador", "the US
    ambassador"), as codes; not the country where the role is held ("aux États-Unis", "to
    Kazakhstan")."""
    words = [_bare(w) for w in re.findall(r"[\w'’.-]+", text)]
    out: set[str] = set()
    for i, word in enumerate(words):
        folded = fold(word)
        if not any(folded.startswith(k) for k in role) and not folded.startswith(_COUNTERPART):
            continue  # "son homologue kazakh" holds the role too
        j = i - 1  # "the US ambassador", "the US State Department spokesman"
        while j >= 0 and i - j <= 4 and fold(words[j]) in _INSTITUTION:
            j -= 1
        for near in words[max(0, j - 1):j + 1]:
            if (code := _code(near)) is not None:
                out.add(code)
        if j >= 1 and (code := _TWO_WORDS.get(fold(f"{words[j - 1]} {words[j]}"))):
            out.add(code)  # "the United States ambassador"
        k = i + 1  # "ambassadeur de Russie", "porte-parole de la diplomatie russe"
        while k < len(words) and k - i <= 4 and (fold(words[k]) in _OF
                                                 or fold(words[k]) in _INSTITUTION):
            k += 1
        if k < len(words) and k - i <= 5 and (code := _code(words[k])) is not None:
            out.add(code)
    return frozenset(out)


def _bare(word: str) -> str:
    """A word without its elided article ("l’ambassadeur") or its English possessive
    ("Russia’s", "the United States’ ambassador")."""
    if m := re.fullmatch(r"(\w[\w.-]*)['’]s?", word):
        return m.group(1)
    return word.split("’")[-1].split("'")[-1]


# Countries named in two words before a role
_TWO_WORDS = {"united states": "US", "united kingdom": "GB", "south korea": "KR",
              "north korea": "KP", "new zealand": "NZ", "saudi arabia": "SA"}


# What a role is held in, between the role and whose it is: "le porte-parole de la diplomatie
# russe", "the US State Department spokesman", "le ministère russe des Affaires étrangères".
_INSTITUTION = frozenset(fold(w) for w in """
    la le les l the diplomatie diplomacy ministère ministry département department état state
    gouvernement government affaires étrangères foreign affairs république republic
""".split())


def country_code(word: str) -> str | None:
    """The country a country name or a nationality word is of ("kazakhe" -> "KZ")."""
    return _code(word)


def _code(word: str) -> str | None:
    bare = word.strip(",;:").replace(".", "")
    if fold(bare) == "us":  # "US", "U.S.", not the pronoun "us"
        return "US" if bare == "US" else None
    w = fold(bare).replace("’", "'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    forms, _ = _names()
    return forms.get(w)


# Countries' names that are also words or first names in lower case ("la réunion", "une
# grenade", "le monde", "maurice")
_ALSO_WORDS = frozenset({"monde", "world", "reunion", "grenade", "maurice", "dominique",
                         "salvador", "jersey", "chad", "sark", "eurozone", "europe", "jordan",
                         "israel", "georgia", "georgie", "india", "kenya", "chili", "niger"})


def cased_countries(text: str) -> str:
    """`text` with its countries' names capitalised when it is written in lower case past its
    first letter ("how many troops did belarus send"): people type questions so, and the rules
    reading a country need its capital, since in a text written with capitals a name in lower
    case is a word ("la réunion", "la chine")."""
    if any(c.isupper() for c in text[1:]):
        return text
    names = _country_names() | {"usa", "urss", "ussr"}
    return _WORD.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:]
                     if (w := fold(m.group(0))) in names and w not in _ALSO_WORDS
                     else m.group(0), text)


def is_people(name: str) -> bool:
    """Whether `name` (folded) is a people's or a nationality's word ("russes", "kazakhs"):
    capitalised in "les Russes", yet no one's name."""
    forms, _ = _names()
    return name in forms and name not in _country_names() and name not in _AMBIGUOUS


def is_country(name: str) -> bool:
    """Whether `name` (folded) is a country's name ("kazakhstan"), not a city or a person."""
    return name in _country_names()


def bodies_at(text: str) -> list[tuple[int, int, str]]:
    """Where `text` names a body of several countries (`_BODIES`: "l'UE", "the CSTO",
    "Organisation du traité de sécurité collective"), as (start, end, code)."""
    return [(m.start(), m.end(), _body_code(m.group(0))) for m in _BODY.finditer(text)]
