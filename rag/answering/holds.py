"""What a sentence holds for a question: a figure that counts what is asked (in its unit or
currency, for its year), a date, a name that is not the question's own, who someone is, a
role with someone named beside it, the question's focus. `evidence.py` reads these for every
passage sentence; `holds_asked` reads them for a generated answer."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from rag.answering.anchors import MONTHS, claim_anchors, same_name
from rag.answering.anchors import fold as fold_name
from rag.answering.countries import (
    OF_WORDS,
    country_code,
    is_country,
    is_people,
    names_country,
    nationality_near,
)
from rag.answering.language import detect_language
from rag.answering.question import (
    _CAPITAL,
    _FATES,
    _KILLED,
    _MINISTRY,
    _MONEY,
    _NOT_FOCUS,
    _SAME_FAMILY,
    _YEAR,
    EARLY_YEAR,
    HEAD_OF_GOVERNMENT,
    HOW_LONG_FR,
    PRIME_MINISTER,
    QuestionInfo,
    _stem_key,
)
from rag.short_text_cache import short_text_cache
from rag.text import STOPWORDS, fold

# An age written out: "vingt-trois ans", "à l'âge de vingt ans", "aged 23", and the year of
# life it was reached in ("sa vingt-troisième année", "in his 23rd year").
_SPELLED = (r"(?:(?:dix|vingt|trente|quarante|cinquante|soixante|quatre-vingts?|un|une|deux|"
            r"trois|quatre|cinq|six|sept|huit|neuf|onze|douze|treize|quatorze|quinze|seize|"
            r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
            r"sixty|seventy|eighty|ninety)(?:[- ]et[- ]|-)?){1,3}")
_ORDINAL = (r"(?:\d{1,3}(?:e|ème|eme|st|nd|rd|th)|(?:(?:dix|vingt|trente|quarante|cinquante|"
            r"soixante|quatre-vingts?|deux|trois|quatre|cinq|six|sept|huit|neuf|onze|douze|"
            r"treize|quatorze|quinze|seize)(?:[- ]et[- ]|-)?){0,3}(?:unième|deuxième|troisième|"
            r"quatrième|cinquième|sixième|septième|huitième|neuvième|dixième|onzième|douzième|"
            r"treizième|quatorzième|quinzième|seizième|vingtième|trentième|quarantième|"
            r"cinquantième|soixantième))")
_AGE = re.compile(r"\b\d{1,3}\s*(ans|years?[- ]old|-year-old)\b|\bâgée? de \d{1,3}\b"
                  rf"|\b(?:âgée? de|à l['’]âge de|at the age of|aged)\s+(?:\d{{1,3}}|{_SPELLED})\b"
                  rf"|\b{_SPELLED}\s+ans\b|\b{_SPELLED}[- ]years?[- ]old\b"
                  rf"|\b(?:sa|son|his|her)\s+{_ORDINAL}\s+(?:année|an|year|birthday|anniversaire)\b",
                  re.I)
_NUMBER_WORDS = re.compile(
    r"\b(aucune?|zéro|zero|none|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|quarante|"
    r"cinquante|cent|mille|millions?|milliards?|dizaines?|centaines?|milliers?|two|three|four|"
    r"five|ten|twelve|hundreds?|thousands?|dozens?)\b", re.I)
# an earlier year where it reads as one: "en 1669", "in 1593", a life's span "(1714-1791)"
_OLD_YEAR = (r"\b(?:en|in|depuis|since|vers|around|jusqu['’]en|until|l['’]an)\s+1[0-7]\d\d\b|"
             r"\(\s*(?:\w+\.?\s+)?1[0-9]\d\d\s*[-–]\s*(?:\w+\.?\s+)?1[0-9]\d\d\s*\)|")
_DATE = re.compile(
    _OLD_YEAR + r"\b(1[89]\d\d|20\d\d)\b|\b\d{1,2}(er)?\s+(janv|févr|fevr|mars|avr|mai|juin|"
    r"juil|août|aout|sept|oct|nov|déc|dec|jan|feb|mar|apr|may|jun|jul|aug|sep)"
    # (the whole month and its year: "13 septembre 1782" left "embre 1782", a figure)
    r"[a-zéû]*\.?(?:\s+\d{3,4}\b)?|"
    # (the month first, as English writes it: "on January 7", "January 6, 2022", diff review
    # 57: "On what calendar date ...?" declined "celebrated on January 7")
    # (capitalised, as a month is: "march 30 kilometres" is a walk; not a movement named
    # after its day, "the April 6 Movement")
    r"\b(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2}(?:st|nd|rd|th)?\b(?![.,]\d)(?!\s+[Mm]ovement)(?:,?\s+\d{4}\b)?|"
    r"\b(lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|hier|aujourd'hui|yesterday|today)\b", re.I)
# When said without a figure: a month ("en janvier", "in March"), a season ("au printemps"),
# a century ("au XIXe siècle") or a part of the year ("à la fin de l'année"): "When does the
# Chelidonium majus begin to grow?" "... pousse à partir du printemps"
_WHEN_WORDS = re.compile(
    r"\b(?:en|in|au mois d[e'’]|mi-|début|fin|early|late|mid-)\s*(?:janvier|février|fevrier|"
    r"mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
    r"january|february|march|april|june|july|august|september|october|november|december)\b|"
    r"\b(?:au|en|du|à l['’]|l['’]|cet|this|last|next|(?:in|during)(?:\s+the)?)\s*(?:printemps|été|"
    r"automne|hiver|spring|summer|autumn|winter)\b|"
    r"\b(?:[XVI]+|\d{1,2})(?:e|ème|è|er|st|nd|rd|th)\s+(?:siècle|century)\b|"
    r"\b(?:fin|début|milieu)\s+de\s+l['’]année\b|\b(?:end|beginning|start|middle)\s+of\s+"
    r"the\s+year\b", re.I)
# a day of a month, either order: "7 janvier", "January 7"
_DAY_MONTH = (
    r"\b\d{1,2}(er)?\s+(janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep)|\b(january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\s+\d{1,2}\b")
_CALENDAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b|" + _DAY_MONTH, re.I)
# a place name after a preposition: "à Almaty", "in Aktau", "d’Aktau", "ville de Zhanaozen"
_IN_PLACE = re.compile(r"\b(?:à|au|in|at|near|de|d['’]|from|vers|to)\s*([A-ZÀ-Ý][\w-]+)")
# A sentence that ranks: "le plus important contingent", "the largest", "principal", "la
# majorité", "en tête"
SUPERLATIVE = re.compile(
    r"(?i)\b(?:le|la|les|l['’]|du|des|au|aux|son|sa|ses|leur|leurs)\s*(?:plus|moins)\b|"
    r"\b(?:largest|biggest|highest|greatest|smallest|lowest|oldest|youngest|longest|shortest|"
    r"fewest|most|least|best|worst|top|leading|principale?s?|principaux|premi(?:er|ère)s?|"
    r"main|chief|primary|mainly|chiefly|primarily|"
    r"majorit[ée]|majority|record|maximum|minimum|en tête|in the lead|devant|ahead of|"
    r"derni(?:er|ère)s?|last|latest|r[ée]cents?|r[ée]centes?|"
    r"surpass\w*|dépass\w*|exceed\w*|more than any|plus que (?:tout|tous|toutes))\b")
# ... or in apposition, with no article, ranking the noun after it: "Le Kazakhstan, plus grand
# pays d'Asie centrale" (the noun is kept: it must be the one a question ranks)
APPOSED_SUPERLATIVE = re.compile(
    r"(?i),\s*(?:plus|moins)\s+(?!de\b|d['’]|que\b|qu['’]|tard\b|tôt\b|encore\b|loin\b|"
    r"jamais\b|rien\b|personne\b|aucun|\w+ment\b)([^\W\d_]{3,})\s+(?!que\b)([^\W\d_]{3,})")
# ... of a size asked ("the largest contingent", "le plus grand nombre"): a sentence that
# only says who came first or last ("les premiers à arriver") ranks no size
SIZE_ASKED = re.compile(r"(?i)\b(?:largest|biggest|greatest|highest|smallest|lowest|fewest|"
                        r"the (?:most|least) (?!recent|recently)\w+)\b|\b(?:le|la|les|l['’])"
                        r"\s*(?:plus|moins) (?:grande?s?|importante?s?|nombreu(?:x|ses?)|"
                        r"élevée?s?|petite?s?|faibles?)\b")
_ORDER_ONLY = re.compile(r"(?i)\b(?:premi(?:er|ère)s?|derni(?:er|ère)s?|last|latest|"
                         r"r[ée]cente?s?)\b")


def ranks_size(text: str) -> bool:
    """Whether `text` ranks something by size (`SUPERLATIVE`, not an order only)."""
    return bool(SUPERLATIVE.search(_ORDER_ONLY.sub(" ", text)))


# (or listed after a colon: "4 secteurs de la ville, à savoir : Barra, Copacabana")
# (a list, not a quote: "Le maire de la ville : Nous ne céderons pas" names no city)
_CITY_NAMED = re.compile(r"\b(?:villes?|city|cities|capitale|capital)\b[^.;:!?]{0,40}?"
                         r"(?::\s*(?=[A-ZÀ-Ý][\w-]+\s*(?:,|\bet\b|\band\b)))?"
                         r"(?<![.!?]\s)\b([A-ZÀ-Ý][\w-]+)")
# ... or several after "villes ... dont", "cities including", "notamment"
_CITY_LIST = re.compile(r"\b(?:villes?|cities|towns?)\b[^.;!?]{0,60}?\b(?:dont|notamment|comme|"
                        r"telles? que|à savoir|including|such as|among them|namely)\s*:?\s*"
                        r"((?:[A-ZÀ-Ý][\w-]+(?:\s*,\s*|\s+(?:et|and)\s+)?)+)")


def _city_candidates(text: str) -> list[str]:
    """The names a sentence may give as cities: after "à", "in" ..., after the word city, and
    every name of a list of cities."""
    names = [m.group(1) for rx in (_IN_PLACE, _CITY_NAMED) for m in rx.finditer(text)
             if not _BODY_AFTER.match(text, m.end(1))]
    for m in _CITY_LIST.finditer(text):
        names += re.findall(r"[A-ZÀ-Ý][\w-]+", m.group(1))
    return [n for n in names if fold(n) not in _AGENCIES]


# a name that a body's word follows is the body's: "vice-président exécutif d'Eurasia Group"
_BODY_AFTER = re.compile(r"\s+(?:Group|Groupe|Institute|Institut|University|Université|"
                         r"Foundation|Fondation|Corporation|Company|Compagnie|Bank|Banque|"
                         r"Council|Conseil|Agency|Agence|Party|Parti|Holding|"
                         r"Airlines|Airways|Inc|Ltd|Press|Times|Post|News)\b")
# news agencies: "a déclaré vendredi à Sputnik", "told Reuters" name no town
_AGENCIES = frozenset("""sputnik reuters afp ap ria tass interfax bloomberg xinhua belga efe
    ansa dpa anadolu novosti itar-tass kazinform akipress tengrinews""".split())


# an age at an event, not one's age now: "à l'âge de 78 ans", "at 78", "alors âgé de"
AGE_AT = re.compile(r"(?i)\b(?:à l['’]âge de|at the age of|alors âgée?|then aged|à \d{1,3} ans|"
                    r"at \d{1,3}\b)")
# a length of time said without one: "l'impossibilité temporaire", "indefinitely"; an answer
# to "How long ...?", not to "Combien de temps ...?", which asks how much time (piaf_traps3
# pt3_007)
_VAGUE_LENGTH = (r"indéfiniment|indefinitely|temporaire\w*|temporarily|(?:courte|longue|"
                 r"brève) période|période (?:limitée|courte)|(?:short|limited|long) period|"
                 r"for (?:a|the) (?:few|short|long|limited)")
_VAGUE_DURATION = re.compile(r"(?i)" + _VAGUE_LENGTH)
# how long, said without a figure: "aussi longtemps que", "jusqu'au 19 janvier", "until",
# "pour une courte période", "temporarily", "indéfiniment"
_DURATION = re.compile(r"(?i)\b(?:aussi longtemps|tant que|as long as|jusqu['’](?:à|au|en)|"
                       r"until|till|" + _VAGUE_LENGTH + r"|"
                       r"(?:à|a) perpétuité|(?:for )?life(?= (?:sentence|imprisonment|in prison))|"
                       r"since|pendant)\b|"
                       # (not a place set off from: "partent ... depuis la base aérienne d'Ayni",
                       # t61_017)
                       r"(?i:\bdepuis\b(?!\s+(?:(?:la|le|les|l['’]|une?|des|ses|leur|leurs|son|"
                       r"sa)\s*)?(?:bases?|aéroports?|aérodromes?|villes?|capitale|territoire|"
                       r"frontières?|régions?|pays|gares?|bureaux?|bureau|palais|"
                       # (a port named, not "le port du masque")
                       r"ports?(?=\s+(?:de|d['’])\s*(?-i:[A-ZÀ-Ý]))|"
                       r"étranger|provinces?|casernes?|camps?|quartiers?|places?|rues?|"
                       r"ambassades?)\b))|"
                       # ... or a stretch between two dates or hours ("from 24 June 1948 to 12
                       # May 1949", "du 19 septembre 1870 au 28 janvier 1871", "de 1914 à
                       # 1918", "between 1337 and 1453", diff review 58 round 3)
                       r"(?i:\bfrom\s+(?:the\s+)?(?:\d|midnight|noon|dawn|dusk|"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
                       r"[^.;?!]{0,40}?\b(?:to|until|till|through)\s+(?:the\s+)?(?:\d|midnight|"
                       r"noon|dawn|dusk|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                       r"[a-z]*\b)|\bdu\s+(?:\d|1er\b|premier\b)[^.;?!]{0,40}?\bau\s+(?:\d|1er\b)|"
                       r"\bde\s+(?:\d{3,4}|(?:janvier|février|mars|avril|mai|juin|juillet|août|"
                       r"septembre|octobre|novembre|décembre)(?:\s+\d{4})?)\s+(?:à|a)\s+"
                       r"(?:\d{3,4}\b|(?:janvier|février|mars|avril|mai|juin|juillet|août|"
                       r"septembre|octobre|novembre|décembre)\b)|"
                       r"\b(?:entre|between)\s+\d{3,4}\s+(?:et|and)\s+\d{3,4}\b)")
# ... or a span of time counted: "deux semaines", "48 hours" (not "il y a quelques heures",
# "two hours ago", "dans quelques années", "d'ici deux ans": when, not how long); a figure's
# separators sit between digits, and a figure has at most four groups (a space run after a
# digit was read both as the figure and as the gap after it, and "1 1 1 ..." tried from each
# digit: quadratic)
_SPAN = re.compile(r"(?i)(?<!il y a )(?<!voici )(?<!dans )(?<!ici )"
                   r"\b(?:\d+(?:[\s.,]\d+){0,3}|une?|deux|trois|quatre|"
                   r"cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|"
                   r"cinquante|soixante|quelques|plusieurs|one|two|"
                   r"treize|quatorze|seize|cent|quatre-vingts?|"
                   r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|"
                   r"four|five|six|seven|eight|nine)|thirteen|fourteen|sixteen|seventeen|"
                   r"eighteen|nineteen|seventy|eighty|ninety|(?:a\s+)?hundred|"
                   r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                   r"forty|fifty|sixty|several|a few)\s+"
                   r"(?:\w+\s+)?(?:heures?|hours?|hrs?|minutes?|mins?|jours?|journées?|days?|"
                   r"nights?|nuits?|week-ends?|weekends?|an|"
                   r"semaines?|weeks?|mois|"
                   r"months?|ans|années?|years?|secondes?|seconds?|décennies?|decades?|"
                   r"siècles?|centuries|century)\b(?!\s+(?:ago|plus tôt|plus tard|earlier|"
                   r"later|après|avant|after|before|old)\b)"
                   r"|\ba (?:week|day|month|year|decade|fortnight)\b(?!\s+ago)")
# ... or a span written another way (a pattern of its own: one pattern for all would run over
# the regex guard's budget, tests/rag/test_regex_linear.py)
_SPAN_FORMS = re.compile(r"(?i)"
                   # "an hour", "a five-hour flight", "40-minute", "all night", "une
                   # vingtaine de minutes", "une demi-heure" (diff review 58; each alternative
                   # guarded: "il y a une dizaine de jours", "d'une trentaine d'années", "a
                   # two-year-old girl", "an hour after the clashes" tell no duration)
                   r"\ban (?:hour|hour and a half)\b(?!['’]s|\s+(?:ago|after|before|later|"
                   r"earlier|late|early|behind|ahead)\b)|"
                   # ("thirty-three and a half hours", "a quarter of a century", "un
                   # demi-siècle", round 3)
                   r"\b(?:\d+|[a-z]+(?:-[a-z]+)?) and a half (?:hours?|days?|weeks?|months?|"
                   r"years?|decades?|centuries)\b|\b(?:a quarter of a|half a) (?:century|"
                   r"decade)\b|\bun (?:quart|demi) de siècle\b|\bun demi-siècle\b|"
                   r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
                   r"half)-(?:hour|minute|day|week|month)s?\b(?!-old|\s+(?:news|channel|"
                   r"service|hotline)\b)|\b(?:day|week|month|year|hour|night)-long\b"
                   r"(?!-old|\s+(?:news|channel|service|hotline)\b)|"
                   r"\b(?:all|toute la) (?:night|day|nuit|journée)\b|"
                   r"\bovernight\b|\bdemi-(?:heure|journée)\b|\b(?:trois )?quarts? d['’]heure\b|"
                   r"\ba couple of (?:hours|days|weeks|months)\b|\bfor (?:hours|days|weeks|"
                   r"months)\b|\bpendant des (?:heures|jours|semaines|mois)\b|"
                   r"(?<!il y a )(?<!voici )(?<!dans )(?<!d['’])(?<!une )(?<!ici )"
                   r"\b(?:une )?(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|centaine) "
                   r"d['’e]\s?(?:minutes|heures|jours|semaines|années|ans)\b"
                   r"(?!\s+(?:plus tôt|plus tard|après|avant))")
_NONE = re.compile(r"\b(aucune?|zéro|zero|none|no one|nobody|personne n['’])\b", re.I)
# Numbers written out that are as exact as a figure ("trois explosions"), unlike "des dizaines".
_EXACT_NUMBER_WORDS = re.compile(
    r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    r"vingt|trente|quarante|cinquante|soixante|cent|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b", re.I)
# A figure given roughly: "entre 100 et 200", "quelque 3 000", "des dizaines", "about 30".
_ROUGH = re.compile(
    r"(?i)\b(entre|environ|quelque|quelques|près de|plus de|moins de|au moins|jusqu['’]à|"
    r"approximativement|une? (dizaine|centaine|vingtaine|trentaine|quarantaine|cinquantaine|"
    r"millier)|des (dizaines|centaines|milliers)|between|about|around|some|nearly|almost|"
    r"more than|less than|fewer than|at least|over|up to|roughly|approximately|dozens|hundreds|"
    r"thousands)\s+(?:de |d['’]|of )?\d")


# A count given in words only as an order of size: "des dizaines de morts", "hundreds of"
_VAGUE = re.compile(r"(?i)\b(?:des|plusieurs|quelques|de nombreu(?:x|ses)) (?:dizaines|"
                    r"centaines|milliers)\b|\b(?:dozens|hundreds|thousands|scores) of\b")


_CODENAME_SAID = re.compile(
    r"(?i:\b(?:opération|operation|mission|plan)\s+(?:baptisée?\s+|nommée?\s+|dite\s+|"
    r"(?:code-)?named\s+|dubbed\s+|called\s+)?|\b(?:baptisée?s?|nommée?s?|surnommée?s?|"
    r"code-named|codenamed|dubbed|nom de code|code name)\s+)"
    # (a capital: "une mission « limitée »" names none)
    r"(?:[«\"“]\s*[A-ZÀ-Ý]|[A-ZÀ-Ý][\w-]*[a-zà-ÿ])")


# a run of capitalised words inside a sentence (not its first word)
_INNER_CAPITAL = re.compile(r"(?<=[\w,;:)] )[A-ZÀ-Ý][\w-]+(?:[ \t]+[A-ZÀ-Ý][\w-]+)*")
# A name said as a name: a verb of naming, or a name in quotes
_NAMING = re.compile(
    r"(?i)\b(?:appel(?:l\w*|[éeèa]\w*)|s['’]appel\w*|"
    r"nomm(?:e|é|ée|és|ées|ent|èrent|a|ait|aient)|dénomm\w*|denomm\w*|baptis\w*|"
    r"surnomm\w*|intitul\w*|sous le nom|porte le nom|du nom de|connue? comme|called|named|"
    r"dubbed|known as|nicknamed|titled|entitled)\b|[«\"“]")


def _vague_only(text: str) -> bool:
    """Whether `text` counts only by orders of size ("des dizaines de morts"), no figure."""
    return not _DIGITS.search(_DATE.sub(" ", text)) and not _EXACT_NUMBER_WORDS.search(text) \
        and bool(_VAGUE.search(text))


# A subset of the whole a sentence counts ("des dizaines de morts ... dont douze tués chez les
# forces de l'ordre"): its figure counts the subset, not the group the question asks of, unless
# it names that group
_SUBSET = re.compile(r"(?i)(?<!\w)(?:dont|including|of (?:whom|which)|among them|parmi (?:eux|"
                     r"elles|lesquel(?:le)?s))(?!\w)[^,;.!?()]{0,100}")


# (what befell them is the whole's word too: "tués" in "douze tués chez les forces de l'ordre"
# names no group)
_FATE_WORD = re.compile(r"(?:tue|tues|tuee|tuees|morts?|kill\w*|dead|died|bless\w*|injur\w*|"
                        r"wound\w*|deces|victimes?|victims?|arret\w*|arrest\w*)$")


@lru_cache(maxsize=256)
def _subset_asked(question: str) -> tuple[str, frozenset[str]]:
    """The question's language and the word starts a subset may name it by, read once a
    question (not again for each of its sentences)."""
    return detect_language(question), frozenset(
        w[:5] for w in re.findall(r"[a-z]+", fold(question).lower())
        if len(w) >= 3 and w not in STOPWORDS and not _FATE_WORD.match(w))


def without_other_subsets(text: str, measure: Sequence[str], question: str) -> str:
    """`text` less the subsets it counts (`_SUBSET`) that name none of the question's measure
    (its stems) nor any other word of it: for an exact or whole count asked of that group
    (b56_034). Within one language only (across, the words are not compared)."""
    if not measure:
        return text
    lang, asked = _subset_asked(question)
    if detect_language(text) != lang:
        return text

    def keep(m: re.Match[str]) -> str:
        words = re.findall(r"[a-z]+", fold(m.group(0)).lower())
        return m.group(0) if any(w.startswith(s) for w in words for s in measure) or any(
            w[:5] in asked for w in words if len(w) >= 3 and w not in STOPWORDS) else " "
    return _SUBSET.sub(keep, text)


def _rough_only(text: str) -> bool:
    """Whether every figure of `text` is given roughly ("entre 100 et 200 personnes"), or it
    gives none but an order of size ("des dizaines de morts")."""
    figures = [m.start() for m in _DIGITS.finditer(text)]
    if not figures:
        return bool(_VAGUE.search(text))
    rough = {m.end() - 1 for m in _ROUGH.finditer(text)}
    return bool(figures) and all(f in rough or any(0 <= f - r <= 12 for r in rough)
                                 for f in figures)


# A year a state has lasted since ("un Écossais vivant au Canada depuis 1744") holds at the
# later year asked: it dates no other event.
_SINCE_YEAR = re.compile(r"(?i)\b(?:depuis|since|dès) (?:l['’]an |(?:the )?year )?(\d{4})\b")


# ... and a sentence that dates what it says to the time of writing ("l'école accueille
# aujourd'hui 7 500 stagiaires", "currently") gives it for no year asked
_NOW = re.compile(r"(?i)\b(?:aujourd['’]hui|actuellement|de nos jours|à ce jour|today|currently|"
                  r"nowadays|at present)\b")


def _other_years_only(text: str, before: str, years: frozenset[str]) -> bool:
    """Whether `text` gives a year, or says "today", and neither it nor the sentence before
    gives the one asked: a figure for 2020 where 2021 is asked is another figure, a place of
    the 2021 exercises another place than the 2020 ones', today's trainees not 1990's."""
    found = set(_YEAR.findall(text)) | set(EARLY_YEAR.findall(text))
    dated = found - set(_SINCE_YEAR.findall(text))
    return (bool(dated) or bool(_NOW.search(text))) \
        and not (found | set(_YEAR.findall(before)) | set(EARLY_YEAR.findall(before))) & years


_FACTOR_SAID = re.compile(
    r"(?i)\b(?:doubl|tripl|quadrupl|décupl|twice\b|multipli\w*\s+(?:par|by)|multiplication\s+"
    r"par|by a factor|(?:d['’]un|par un) facteur|fac?teur (?:de|of) \d|"
    r"(?:deux|trois|quatre|cinq|dix|cent|\d+(?:[,.]\d+)?)"
    r"\s+fois\s+(?:plus|moins|supérieur|inférieur)|(?:two|three|four|five|ten|hundred|"
    r"\d+(?:[,.]\d+)?)\s+times\s+(?:more|higher|larger|bigger|greater|as|over)|(?:two|three|"
    r"four|five|ten|hundred|\d+)-?fold\b|(?<![\d\s])x\s?\d|\bx\d)")


# A run of figures with their group separators ("3 000, 1,5"): read once from each start, so
# that a unit is looked for after its last digit only (searching for "figure, then unit" from
# every digit of a long run of digits took time quadratic in its length: 8,000 digits, 8.8 s)
_FIGURE_RUN = re.compile(r"\d[\d\u00a0\u202f ,.]*")


# a multiple between a figure and its unit: "400 millions de tonnes", "3.7 billion tons"
_MULTIPLE = re.compile(r"\s*(?:millions?|milliards?|billions?|mille|thousands?|hundred)"
                       r"(?:\s+(?:de|d['’]|of))?(?=\s)", re.I)


def _unit_after_figure(unit: re.Pattern[str], text: str) -> bool:
    """Whether a figure of `text` is followed by `unit` ("1,5 m", "80 cm", "400 millions de
    tonnes")."""
    for m in _FIGURE_RUN.finditer(text):
        end = m.start() + len(m.group().rstrip("\u00a0\u202f ,."))
        if unit.match(text, end):
            return True
        if (times := _MULTIPLE.match(text, end)) and unit.match(text, times.end()):
            return True
    return False


# A number that names a text or a part of one, not a count: "l'article 4 du Traité", "la
# résolution 2231", "chapter 7"
_LABEL_NOUNS = {"article": "article", "articles": "article", "chapitre": "chapter",
                "chapter": "chapter", "paragraphe": "paragraph", "paragraph": "paragraph",
                "alinea": "paragraph", "resolution": "resolution", "amendement": "amendment",
                "amendment": "amendment", "protocole": "protocol", "protocol": "protocol",
                "section": "section", "clause": "clause"}
_LABEL = re.compile(r"(?i)\b(article|articles|chapitre|chapter|paragraphe|paragraph|alinéa|"
                    r"résolution|resolution|amendement|amendment|protocole|protocol|section|"
                    r"clause)s?\s+(?:n°\s*|no\.?\s*|number\s+)?(\d{1,5}(?:er|e)?\b(?:\s*(?:,|et|"
                    r"and|à|to|-)\s*\d{1,5}(?:er|e)?\b){0,8})")
_LABEL_NUMBER = re.compile(r"\d{1,5}")


def labels(text: str) -> frozenset[tuple[str, str]]:
    """The numbered texts `text` names, as (noun, number): "l'article 4" is ("article", "4")."""
    return frozenset((_LABEL_NOUNS[fold(m.group(1))], n) for m in _LABEL.finditer(text)
                     for n in _LABEL_NUMBER.findall(m.group(2)))  # "articles 2 et 3", "1er"


def other_labels_only(text: str, asked: frozenset[tuple[str, str]]) -> bool:
    """Whether `text` names a numbered text of the kind asked, but never the one asked: what
    article 2 provides is not what "Article 3" provides."""
    nouns = {noun for noun, _ in asked}
    said = {label for label in labels(text) if label[0] in nouns}
    return bool(said) and not said & asked


def _mentions(text: str, when: frozenset[str]) -> bool:
    """Whether `text` mentions every pinned year and month (a month by any French or English
    name)."""
    folded = fold(text)
    for key in when:
        kind, value = key.split(":")
        if kind == "y" and value not in folded:
            return False
        if kind == "m" and not any(
                MONTHS[name] == int(value) and len(name) >= 3 and re.search(
                    r"\bMay\b" if name == "may" else rf"\b{name}\b",  # not "it may"
                    text if name == "may" else folded) for name in MONTHS):
            return False
    return True
_MONEY_SIGN = re.compile(r"[$€£₸]\s*\d|\d\s*[$€£₸]")
# ... each currency's own signs and codes, after a figure and its multiplier ("115 M$",
# "20 millions €", "US$3 billion", "1 milliard USD"): a sum asked in euros is not "115 M$"
_SIGNS = {"$": r"\$|USD|US\$", "dollar": r"\$|USD|US\$", "€": "€|EUR", "euro": "€|EUR",
          "tenge": "₸|KZT", "rouble": "₽|RUB", "ruble": "₽|RUB", "sterli": "£|GBP",
          "yuan": "¥|CNY|RMB", "franc": "CHF"}


@lru_cache(maxsize=64)
def _money_sign(keys: frozenset[str]) -> re.Pattern[str]:
    signs = "|".join(dict.fromkeys(_SIGNS[k] for k in sorted(keys) if k in _SIGNS)) or "[$€£₸]"
    return re.compile(rf"(?:{signs})\s?\d|\d(?:[\d\u00a0\u202f ,.]{{0,12}}?)\s*(?:(?:M|Mds?|Md|"
                      rf"k|bn|m|millions?|milliards?|billions?|mille)\s*)?(?:{signs})(?!\w)")
# a currency named as a word: "européenne" or "la France" names none
_CURRENCY = re.compile(r"(?:\b(?:[Dd]ollars?|[Ee]uros?|tenges?|[Rr]oubles?|[Rr]ubles?|francs?|"
                       r"yuans?|yens?|[Ll]ivres? sterling|pounds?|USD|EUR|GBP|RUB|KZT)\b|[$€£₸])")


# Units a figure can be given in, by family: a count of barrels is not answered by "7 000
# kilomètres (4 350 miles)", nor a count of people by "750 000 $".
_UNITS = {
    "distance": re.compile(r"(?i)(km|kilom[eè]tres?|kilometers?|kilometres?|miles?|m[eè]tres?|"
                           r"meters?|cm|mm|nm|µm|centim[eè]tres?|centimeters?|millim[eè]tres?|"
                           r"millimeters?|microm[eè]tres?|micrometers?|nanom[eè]tres?|"
                           r"nanometers?)\b"),
    "area": re.compile(r"(?i)(km2|km²|hectares?|acres?|ha)\b"),
    "percent": re.compile(r"(?i)(%|pour ?cent\b|percent\b|per cent\b)"),
    "weight": re.compile(r"(?i)(tonnes?|tons?|kg|kilos?|kilogrammes?|kilograms?)\b"),
    # a sum: a currency, as `_CURRENCY` reads it, after "millions de" or not
    "money": re.compile(r"(?:(?i:millions?|milliards?|billions?) (?:de |d['’])?)?"
                        + _CURRENCY.pattern),
}
# A figure in the unit of a dimension asked (question.py's `_DIMENSIONS`).
# (symbols in their own case, and not a currency's prefix: "5G", "5 M€", "en 2021 M. Tokayev"
# give no unit)
_UNIT_OF = {kind: re.compile(r"\s*(?:" + units + r")(?![\w²€$£])")
            for kind, units in (
                ("length", r"(?-i:m|cm|mm|km)|(?i:m[eè]tres?|meters?|metres?|centim[eè]tres?|"
                           r"centimeters?|millim[eè]tres?|kilom[eè]tres?|kilometers?|pieds?|"
                           r"feet|foot|ft|pouces?|inch(?:es)?|miles?|milles?|yards?)"),
                ("area", r"(?-i:km2|km²|m2|m²|ha)|(?i:hectares?|acres?|kilom[eè]tres? carrés|"
                         r"square (?:kilomet(?:er|re)s?|miles?|met(?:er|re)s?)|"
                         r"m[eè]tres? carrés)"),
                ("weight", r"(?-i:kg|g|t)|(?i:tonnes?|tons?|kilos?|kilogrammes?|kilograms?|"
                           r"grammes?|grams?|pounds?|lbs?)"),
                ("speed", r"(?i:km/h|km\s*/\s*h|mph|n(?:œ|oe)uds?|knots?|m/s|"
                          r"kilom[eè]tres?(?: à l['’]| par| per) ?heure|miles per hour)"),
                ("temperature", r"°\s*[CFK]?|(?i:degrés?|degrees?)"),
                # a lap's time: "1 min 38 s 123", "1:38.123", "1 minute 38"
                ("time", r"(?-i:s|h)|(?i:min|mn|sec|secondes?|seconds?|minutes?|heures?|"
                         r"hours?|:\d\d)"),
            )}
_DIGITS = re.compile(r"\d(?:[\d\u00a0\u202f ,.]*\d)?")


def _gives_money(text: str) -> bool:
    """A sum of money: a figure and a currency ("61 millions de dollars", "750 000 $")."""
    return bool(_CURRENCY.search(text) and _FIGURE.search(text))


# a currency right after a figure ("un million de dollars", "750 000 $") or its sign before
_CURRENCY_AFTER = re.compile(r"(?:\s|de\s|d['’]|of\s|millions?\s|milliards?\s|billions?\s|"
                             r"mille\s|thousands?\s)*(?:[Dd]ollars?|[Ee]uros?|tenges?|[Rr]oubles?|"
                             r"[Rr]ubles?|francs?|yuans?|yens?|[Ll]ivres?|pounds?|USD|EUR|GBP|RUB|"
                             r"KZT|[$€£₸])")
_SIGN_BEFORE = re.compile(r"[$€£₸]\s*$")
# characters before a figure where its currency sign may stand ("$ 750 000"): read there only,
# not through the whole sentence once per figure (quadratic in figures: review 33)
SIGN_REACH = 8


def money_only(text: str) -> bool:
    """Whether every figure of `text` (dates and labels aside) is a sum of money: "plus d'un
    million de dollars ... en 2020" counts no people ("Combien de jeunes Kazakhs ...?")."""
    rest = _LABEL.sub(" ", _DATE.sub(" ", text))
    figures = list(_FIGURE.finditer(rest))
    return bool(figures) and all(
        _CURRENCY_AFTER.match(rest, m.end())
        or _SIGN_BEFORE.search(rest, max(0, m.start() - SIGN_REACH), m.start())
        for m in figures)


# What a rate is given per ("le prix par litre", "per gallon", "a day"): the unit's family
_RATE_UNITS = {
    "litre": "litre", "liter": "litre", "gallon": "gallon", "baril": "barrel",
    "barrel": "barrel", "kilo": "kg", "kg": "kg", "kilogramme": "kg", "kilogram": "kg",
    "tonne": "tonne", "ton": "tonne", "heure": "hour", "hour": "hour", "jour": "day",
    "day": "day", "semaine": "week", "week": "week", "mois": "month", "month": "month",
    "an": "year", "année": "year", "year": "year", "habitant": "capita", "capita": "capita",
    "mètre": "metre", "metre": "metre", "meter": "metre", "kilomètre": "km", "km": "km",
    "kilometre": "km", "kilometer": "km", "mile": "mile",
}
_UNIT_WORDS = "|".join(sorted(_RATE_UNITS, key=len, reverse=True))
_PER = re.compile(r"(?i)\b(?:per|par|a|an|the|le|la|l['’]|un|une|each|chaque)\s*("
                  + _UNIT_WORDS + r")s?\b")
_PER_STRICT = re.compile(r"(?i)\b(?:per|par)\s+(" + _UNIT_WORDS + r")s?\b")


def rate_unit(question: str) -> str | None:
    """The unit a question asks a rate per ("What was the price per litre", "combien par
    jour"): only after "per"/"par"."""
    m = _PER_STRICT.search(question)
    return _RATE_UNITS[m.group(1).lower()] if m else None


def per_other_unit(unit: str, text: str) -> bool:
    """Whether `text` gives a rate per another unit than `unit` and never names `unit`: "1 $
    par gallon" is no price per litre."""
    said = {_RATE_UNITS[m.group(1).lower()] for m in _PER.finditer(text)}
    return unit not in said and any(
        _RATE_UNITS[m.group(1).lower()] != unit for m in _PER_STRICT.finditer(text))


_RANGE_ON = re.compile(r"(?i)(?:et|à|and|to|ou|or|-|–)\s*\d")


def _in_other_units(measure: Sequence[str], text: str) -> bool:
    """Whether every figure of `text` is given in a unit (a length, an area, a share, a weight,
    a sum) that the measure asked for is not."""
    families: set[str] = set()
    found = False
    for m in _DIGITS.finditer(text):
        found = True
        after = text[m.end():m.end() + 30].lstrip()
        if _RANGE_ON.match(after):
            continue  # "entre 18 et 30 nanomètres": the range's end gives the unit
        family = next((f for f, rx in _UNITS.items() if rx.match(after)), None)
        if family is None:
            return False
        families.add(family)
    if not found:
        return False
    asked = " ".join(measure)
    return not any(rx.search(asked) or (f == "money" and set(measure) & _MONEY)
                   or (f == "distance"
                       and re.search(r"kilom|mile|metr|meter|nanom|microm|millim|centim", asked))
                   for f, rx in _UNITS.items() if f in families)


_FIGURE = re.compile(r"(?:\d[\d\s.,]*\d|\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|"
                     r"cent|mille|millions?|milliers?|centaines?|dizaines?|two|three|four|five|"
                     r"hundreds?|thousands?|millions?)\b)", re.I)
# "un millier et demi de militaires": the noun up to four words after the figure, in the same
# clause ("7 000 kilomètres (4 350 miles), une importante population" counts no population)
COUNTED_WITHIN = 4


def counts(measure: Sequence[str], text: str, as_people: bool = True,
           within: int = COUNTED_WITHIN) -> bool:
    """A figure followed, within a few words, by what is counted ("3 000 personnes", "un
    millier et demi de militaires"): the figure is the count asked for, not "six pays" in a
    sentence about troops. `as_people=False`: soldiers are not counted as "personnes";
    `within=1`: the very word after the figure ("2 600 militaires", not "33 rencontres de
    saison" for seasons)."""
    keys = set(measure)
    if keys & _MONEY and _money_sign(frozenset(keys & _MONEY)).search(text):
        return True
    if as_people and any(keys & _SAME_FAMILY[i] for i in (0, 2, 3, 4, 5, 6)):
        keys |= _SAME_FAMILY[1]  # soldiers, the dead, inhabitants, the wounded, the arrested:
        # counted as people too
    if keys & _SAME_FAMILY[6]:  # protesters counted by what befell them: "des dizaines de
        keys |= _SAME_FAMILY[2] | _SAME_FAMILY[4] | _SAME_FAMILY[5]  # morts chez les manifestants"
    for m in _FIGURE.finditer(text):
        after = re.split(r"[,;:()\[\]«»]", text[m.end():m.end() + 80], maxsplit=1)[0]
        for word in re.findall(r"[\wÀ-ÿ-]+", after)[:within]:
            key = _stem_key(word)
            if any(key.startswith(k) or (len(key) >= 4 and k.startswith(key)) for k in keys):
                return True
    return False


def vague_of_others(measure: Sequence[str], text: str, cross: bool = False) -> bool:
    """Whether the sentence gives only orders of size ("des dizaines de personnes, dont des
    policiers, ont été tuées"), none of them of what is counted: dozens of people are no count
    of the police officers or Russian soldiers among them. Across languages a noun of no
    family is judged only where the sentence writes it ("police", "policiers"): "doctors" may
    be "médecins", which nothing here translates."""
    if not measure or set(measure) & _SAME_FAMILY[1] or not _vague_only(text):
        return False
    if cross and len(measure) == 1 and not any(w[:5] == measure[0][:5] for w in _words(text)):
        return False
    return not counts(measure, text, as_people=False)


def counts_something_else(measure: Sequence[str], text: str,
                          of: frozenset[str] | None = None) -> bool:
    """Whether every figure of the sentence is followed by a noun that is not what is counted
    ("ces trois explosions" where paratroopers are counted), and none counts it; with `of`
    (5-letter word starts), a noun of those ("3 000 personnes" where planes are counted)."""
    if counts(measure, text):
        return False
    rest = _DATE.sub(" ", text)
    figures = list(_FIGURE.finditer(rest))
    if not figures:
        return False
    for m in figures:
        after = re.findall(r"[\wÀ-ÿ]+", rest[m.end():m.end() + 40])
        after = [w for w in after if fold(w) not in OF_WORDS][:1]
        if not after or not after[0].isalpha() or after[0][0].isupper() or len(after[0]) < 3 \
                or fold(after[0]) in STOPWORDS or _FIGURE.fullmatch(after[0]):
            return False  # "ils étaient 3 000.", "3 000 au total", "trois mille"
        if of is not None and fold(after[0])[:5] not in of:
            return False
    return True



def _is_fate(word: str, fates: frozenset[str]) -> bool:
    return any(_FATES[f].match(word) for f in fates if f in _FATES) \
        or ("dead" in fates and bool(_KILLED.match(word)))


# words read after a figure for the fate it counts ("13 agents des forces de l'ordre ont été
# tués": the eighth), as the verifier reads a figure's role
_FATE_AFTER = 8
FATE_NOUNS = 3  # words read after a figure for whom it counts


def fate_of_others_only(measure: Sequence[str], fates: frozenset[str], text: str) -> bool:
    """Whether the figures that count the asked fate count someone else, and none counts the
    asked ones: "au moins 13 agents des forces de l'ordre ont été tués" where the protesters
    killed are asked. A figure counts them when the noun after it is the asked one's ("des
    dizaines de manifestants tués", "337 000 Juifs ... exterminés") or the fate itself ("des
    dizaines de morts chez les manifestants"); people are the dead's, the wounded's or the
    arrested's ("a détenu 3 811 personnes"), not the protesters' or the soldiers'."""
    keys = set(measure)
    if any(keys & _SAME_FAMILY[i] for i in (2, 4, 5)):
        keys |= _SAME_FAMILY[1]
    rest = _DATE.sub(" ", text)
    seen = False
    for m in _FIGURE.finditer(rest):
        clause = re.split(r"[,;:()\[\]«»]|\d", rest[m.end():m.end() + 120], maxsplit=1)[0]
        words = [re.split(r"['’]", w)[-1] for w in re.findall(r"[\wÀ-ÿ'’-]+", clause)]
        nouns = [w for w in words if fold(w) not in OF_WORDS and fold(w) not in STOPWORDS
                 and not _FIGURE.fullmatch(w)]
        for noun in nouns[:FATE_NOUNS]:  # "12 jeunes manifestants" (closing review M8)
            key = _stem_key(noun)
            if any(key.startswith(k) or (len(key) >= 4 and k.startswith(key)) for k in keys):
                return False
        before = re.split(r"[,;:()\[\]«».]|\d", rest[:m.start()])[-1].split()[-3:]
        if not any(_is_fate(w, fates) for w in words[:_FATE_AFTER] + before):
            continue
        if not nouns or _is_fate(nouns[0], fates):
            return False
        seen = True
    return seen

# Words a count of countries is given in: "combien de pays membres" is counted by "six anciens
# États soviétiques" (study set blind16 b16_017)
# the same unit under other words: countries are counted in states, and rounds of talks in
# "séries", "cycles" or "sessions" ("trois séries d'entretiens" answers "combien de cycles")
_MEASURE_GROUPS = (("pay", "etat"), ("countr", "state"), ("cycle", "serie", "round", "sessio"))
_MEASURE_SYNONYMS = {m: tuple(o for o in group if o != m)
                     for group in _MEASURE_GROUPS for m in group}


# ... and words of one unit too short to be read as a prefix, matched whole: "il y a 30
# ans" counts the "années" asked (b45_013), "ancien" does not
# (as written, plural: the English article "an" is no year)
_MEASURE_WHOLE = {"annee": ("ans",), "an": ("annees",)}


def _names_measure(measure: Sequence[str], words: set[str]) -> bool:
    if any(w in words for m in measure for w in _MEASURE_WHOLE.get(m, ())):
        return True
    keys = {_stem_key(w) for w in words}
    measure = (*measure, *(s for m in measure for s in _MEASURE_SYNONYMS.get(m, ())))
    return any(k.startswith(m) or (len(k) >= 4 and m.startswith(k)) for m in measure
               for k in keys)
_TOOK_OVER = (r"remplac|succ[éeè]d|successeur|nomm|appoint|replac|succeed|successor|named|"
              r"d[ée]sign[ée]|pr(?:end|is|ise|ennent)\s+la\s+(?:suite|relève|place|tête)|"
              r"pris\s+les\s+rênes|à\s+la\s+place\s+d|in\s+place\s+of|"
              r"t(?:ook|akes?)\s+over\s+(?:as|from|the\s+(?:post|chair|leadership|helm|"
              r"presidency))\b|élue?\b|elected")
_SUCCESSION = re.compile(rf"(?i)\b(?:{_TOOK_OVER})")
# ... and who came before or after in an office: "le président sortant du bloc", "son
# prédécesseur", "took over the chair" (not "anciens États soviétiques")
ORDER = re.compile(rf"(?i)\b(?:{_TOOK_OVER}|pr[ée]d[ée]cesseur|predecessor|pr[ée]c[ée]d|"
                   r"sortant|outgoing|auparavant|previously|took over|a pris la|"
                   r"pris la t[êe]te|relève)")
# "à quelle date précise": a day of a month, or a numeric date ("7.1.2022")
_DAY_OF_MONTH = re.compile(_DAY_MONTH + r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b", re.I)
_NOT_GENERAL = re.compile(r"(?i)secr[ée]taires?[- ]g[ée]n[ée]ra(?:l|ux)|"
                          r"secretar(?:y|ies)[- ]general|procureur g[ée]n[ée]ral|"
                          r"consul g[ée]n[ée]ral|attorney general")


_VICE = re.compile(r"(?i)\bvice[-\s]\w+")
_DEPUTY = re.compile(r"(?i)\bdeputy\s+\w+")


# "les Russes", "the Kazakhs": a people, not "le pape François"
# ... and a group capitalised as a people is ("les Occidentaux n'ont pas réagi": no one named)
_COLLECTIVES = frozenset({"occidentaux", "occidentales", "westerners", "europeens",
                          "europeennes", "europeans", "asiatiques", "asians", "africains",
                          "africaines", "africans", "americains", "americaines", "americans"})
_PLURAL_ARTICLE = re.compile(r"(?i)\b(?:les|des|aux|ces|nos|vos|leurs|the|many|some)\s+$")
_RANK = re.compile(r"(?i)\b(?:g[ée]n[ée]ral|general|colonel|lieutenant|capitaine|captain|"
                   r"amiral|admiral|sergent|sergeant|mar[ée]chal|marshal|brigadier|caporal|"
                   r"corporal)\b")
# a "général" that is no rank: "directeur général", "en général", "in general"
_NOT_RANK = re.compile(_NOT_GENERAL.pattern + r"|\b(?:directeur|directrice|director|inspecteur|"
                       r"inspector|d[ée]l[ée]gu[ée]e?)[- ]g[ée]n[ée]ra(?:l|le|ux)\b|"
                       r"\b(?:en|in) g[ée]n[ée]ral\b")
RANK_REACH = 60  # characters between a name and the rank said of him


def _rank_near(text: str, names: set[str]) -> bool:
    text = _NOT_RANK.sub(" ", text)
    near = [m.start() for m in re.finditer(r"[\wÀ-ÿ-]+", text)
            if any(same_name(n, fold_name(m.group(0)).replace("-", ""), True) for n in names)]
    return any(not names or (near and min(abs(r.start() - n) for n in near) <= RANK_REACH)
               for r in _RANK.finditer(text))


def _names_role(role: Sequence[str], text: str) -> bool:
    """Whether `text` holds a word of the role's family; a compound counts by its parts
    ("vice-président exécutif")."""
    if tuple(role) == PRIME_MINISTER:  # by the phrase: "premier" alone is "first"; a
        # deputy prime minister is not the one ("le vice-Premier ministre Roman Sklyar")
        return bool(HEAD_OF_GOVERNMENT.search(_DEPUTY.sub(" ", _VICE.sub(" ", text))))
    if "genera" in role:  # a secretary general is no general
        text = _NOT_GENERAL.sub("", text)
    if not any(k.startswith("vice") for k in role):  # a vice-president is no president
        text = _VICE.sub(" ", text)
    if "envoy" in role:  # "a envoyé une demande" sends; "l'envoyé spécial" is one
        text = _SENT.sub(_unless_noun, text)
    return any(w.startswith(k) for k in role for w in re.findall(r"[a-z0-9]+", fold(text))
               if not w.startswith(_MINISTRY) and w not in _NOT_ROLES)


# A capitalised word after "l'" is a thing, a place or a body ("l'Éveil", "l'Intrépide"), not
# a person (who is named without an article)
_AFTER_ARTICLE = re.compile(r"(?<![\w])[lL]['’](?=[A-ZÀ-Ý])")


# French "envoyer" (to send) starts as an envoy does: a verb unless a determiner comes before
_SENT = re.compile(r"(?i)\benvoy(?:er|ant|ait|aient|ons|ez|é|ée|és|ées|e|es|ent)\b")
_DETERMINER = re.compile(r"(?i)(?:\b(?:un|une|les|des|cet|cette|ces|son|sa|ses|leur|leurs|notre|"
                         r"nos|votre|vos)\s+|\bl['’]\s*)$")


def _unless_noun(m: re.Match[str]) -> str:
    """The verb "envoyé" blanked, the noun ("l'envoyé", "un envoyé") kept."""
    return m.group(0) if _DETERMINER.search(m.string[max(0, m.start() - 12):m.start()]) else " "


# Words that start as a role does and name none: "sous la direction de" (a director is asked),
# "directement", "a directive"
_NOT_ROLES = frozenset("direction directions directive directives directement directly direct "
                       "directe directs directes directorate directorates directoire".split())
# What says who someone is: an apposition ("Marie Dumoulin, directrice de programme", "X est
# le président ...") or a role before the name ("le président kazakh Kassym-Jomart Tokaïev").
_APPOSITION = re.compile(r"^[\s»”\"]*(?:,\s*(?:l['’]|le |la |les |un |une |the |an? |ex-|"
                         r"former )?[a-zà-ÿ]|\s+(?:est|était|is|was)\s+(?:l['’]|le |la |un |"
                         r"une |the |an? ))")
_ROLE = re.compile(r"\b(?i:président|presidente|présidente|president|ministre|minister|directeur|"
                   r"directrice|director|porte-parole|spokesman|spokeswoman|secrétaire|"
                   r"secretary|chef|head|ambassadeur|ambassadrice|ambassador|général|general|"
                   r"expert|experte|analyste|analyst|chercheur|chercheuse|researcher|professeur|"
                   r"professor|leader|dirigeant|fondateur|founder|journaliste|journalist|"
                   r"diplomate|diplomat|commandant|commander)e?s?\b[^,.;]{0,40},?\s*+"
                   r"(?:(?<![\w’'-])[A-ZÀ-Ý][\w’'-]++\s+){0,3}$")  # (names read whole,
# review 53: "Experte-Experte-..." was read to its end from each letter; the blanks before the
# names taken whole: given back one by one, runs of them took 0.85 s of the 1 s budget)


def _says_who(text: str, focus: Sequence[str]) -> bool:
    for m in _CAPITAL.finditer(text):
        name = fold_name(m.group(0)).replace("-", "")
        if not any(same_name(f, name, True) for f in focus):
            continue
        if _APPOSITION.match(text[m.end():]) or _ROLE.search(text[:m.start()]):
            return True
    return False


# A capitalised word inside a sentence (after a lower-case word, a figure or a comma): a name
# as the text writes it, whatever it opens elsewhere
_MID_CAPITAL = re.compile(r"(?<=[a-zà-ÿ0-9,;] )[A-ZÀ-Ý][\wÀ-ÿ'’-]+")


# A run of two capitalised words or more inside a sentence ("le président chinois Xi Jinping")
_NAME_RUN = re.compile(r"(?<=[a-zà-ÿ0-9,;] )[A-ZÀ-Ý][\wÀ-ÿ'’-]+(?:\s+[A-ZÀ-Ý][\wÀ-ÿ'’-]+)+")
_NOT_LENT = re.compile(r"(?i)^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|"
                       r"tuesday|wednesday|thursday|friday|saturday|sunday|janvier|f[ée]vrier|"
                       r"mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
                       r"d[ée]cembre|january|february|march|april|may|june|july|august|"
                       r"september|october|november|december)$")


def lent_names(text: str) -> frozenset[str]:
    """Folded words of the names `text` writes as a run of capitalised words mid-sentence,
    which another passage may open a sentence on ("Xi a fait ces remarques"): no day, month,
    people ("Kazakh") or body's word ("Ministry")."""
    out: set[str] = set()
    for m in _NAME_RUN.finditer(text):
        words = [(w, fold_name(w).replace("-", "")) for w in m.group(0).split()]
        if any(name in _BODY_WORDS for _, name in words):
            continue  # "the Interior Ministry" is a body's name: none of its words a person's
        out.update(name for w, name in words if not _NOT_LENT.match(w) and not is_people(name))
    return frozenset(out)


def mid_sentence_names(text: str) -> frozenset[str]:
    """Folded words `text` capitalises inside a sentence."""
    return frozenset(fold_name(m.group(0)).replace("-", "") for m in _MID_CAPITAL.finditer(text))


def proper_names(text: str) -> frozenset[str]:
    """Folded words `text` capitalises inside a sentence, or writes more than once and always
    with a capital: a sentence that opens on one of them ("Alionouchka le retient ...") opens
    on a name."""
    out = set(mid_sentence_names(text))
    seen: dict[str, list[bool]] = {}
    for w in re.findall(r"[\wÀ-ÿ'’-]+", text):
        if len(w) >= 4 and w.isalpha():
            seen.setdefault(fold_name(w), []).append(w[0].isupper())
    out.update(w for w, caps in seen.items()
               if len(caps) >= 2 and all(caps) and len(w) >= 5 and w not in STOPWORDS
               and w not in _NOT_FOCUS and w not in _OPENING_WORDS
               and not w.endswith(("ment", "ly")))
    return frozenset(out)


# Words that open sentences, capitalised each time, that name no one ("Ensuite, ...")
_OPENING_WORDS = frozenset(fold(w) for w in """
    ensuite enfin alors aujourd'hui aujourd cependant toutefois pourtant ainsi depuis puis
    selon après avant lors durant pendant parmi malgré certains plusieurs however finally today
    yesterday meanwhile therefore later afterwards since during according among despite
""".split())


# "WASHINGTON (Sputnik) – ", "ALMATY, 7 janvier (Reuters) - ": a capitalised place and an
# agency in brackets opening a dispatch
_DATELINE = re.compile(r"^\s*(?:[A-ZÀ-Ý][A-ZÀ-Ý'’. -]{2,40}(?:,[^()\n]{1,30}?)?\s*\([^()\n]{1,40}"
                       r"\)|"
                       # ... or a place in title case before an agency named ("Paris (AFP) -")
                       r"[A-ZÀ-Ý][a-zà-ÿ'’.]++(?:[ -][A-ZÀ-Ý][a-zà-ÿ'’.]++){0,3}"
                       r"(?:,[^()\n]{1,30}?)?\s*\((?:AFP|Reuters|AP|Sputnik|RIA(?:\s+Novosti)?|"
                       r"TASS|Interfax|Bloomberg|Xinhua|Belga|EFE|ANSA|DPA|Kazinform|"
                       r"Tengrinews)\))\s*[–—-]\s*")
DISPATCH_ASKED = re.compile(r"(?i)\b(?:dispatch\w*|dateline|dated|filed|dépêches?|datée?s?|"
                            r"envoyée?s?\s+(?:de|depuis)|reported\s+from|wire\s+story)\b")


# the first of several: "trois séries d'entretiens ..., en commençant par une réunion à
# Genève" places the first meeting, not the three (traps_study54 t54_026)
# (not "à commencer par", mostly "notably"; up to the end of the first: "starting with Paris
# and ending in Berlin" places the last)
_FIRST_ONLY = re.compile(r"(?i)\b(?:en\s+commençant\s+par|starting\s+with|beginning\s+with|"
                         r"the\s+first\s+(?:of\s+which|being))\b(?:(?!\s(?:and|et|puis|then|"
                         r"ending|finissant|avant)\b)[^,;.])*")
FIRST_ASKED = re.compile(r"(?i)\b(?:premi(?:er|ère)s?|first|commen\w*|start\w*|begin\w*|"
                         r"began|ouvr\w*|open\w*|initial\w*)\b")


def without_first_only(text: str) -> str:
    """`text` without what it says of the first of several only (`_FIRST_ONLY`)."""
    return _FIRST_ONLY.sub(" ", text)


def without_dateline(text: str) -> str:
    """`text` without the dateline that may open it."""
    m = _DATELINE.match(text)
    return text[m.end():] if m else text


def _holds_kind(kind: str, text: str, focus: Sequence[str],
                given: frozenset[str] = frozenset(), names: Sequence[str] = (),
                proper: frozenset[str] = frozenset()) -> bool:
    if kind == "identity":
        return _says_who(text, (*focus, *names))
    if kind == "codename":  # a name given to it ("l'opération « Tempête »", "code-named
        # Barbarossa", "baptisée Bouclier"), not a mission said to be deployed
        return bool(_CODENAME_SAID.search(text))
    if kind == "thingname":  # a thing's name is said as one: "Ils appelèrent ces 22
        # couleurs la palette vraiment garantie", "known as", a name in quotes, or written
        # as a name the question does not give ("Le programme American Corners")
        return bool(_NAMING.search(text)) or any(
            fold(last := m.group(0).split()[-1]).replace("-", "") not in focus
            and last not in names
            for m in _INNER_CAPITAL.finditer(text))  # (a run of them is one name, the
        # focus's when it ends on it: "Hadley Stern", not "American Corners")
    if kind == "age":  # said of the one asked about, not of another named right before
        ages = list(_AGE.finditer(text))
        read = _read_for_ages(text) if ages and focus else ([], [], [])
        return any(_age_of_focus(text, m, focus, read) for m in ages)
    if kind == "number":  # a count or an amount: a year or a day of the month is not one,
        rest = _LABEL.sub(" ", _DATE.sub(" ", text))  # nor what numbers a text ("l'article 4")
        if not (re.search(r"\d", rest) or _NUMBER_WORDS.search(rest)):
            return False
        # ... nor the question's own figure ("the three explosions" is not how many died)
        return not given or bool(_NONE.search(rest)) or any(
            a.kind == "number" and not a.keys <= given for a in claim_anchors(rest))
    if kind == "factor":  # "multiplié par deux", "doublé", "three times higher"
        return bool(_FACTOR_SAID.search(text))
    if kind in _UNIT_OF:  # a figure in the unit of the dimension asked ("1,5 m", "80 cm")
        return _unit_after_figure(_UNIT_OF[kind], text)
    if kind == "date":
        return bool(_DATE.search(text) or _WHEN_WORDS.search(text))
    if kind == "calendar":  # "à quelle date": a day and month, or a year; not "lundi"
        return bool(_CALENDAR.search(text))
    if kind == "city":  # "dans quelle ville": a name after "à", "in", "de" ..., or after the
        # word city itself ("la plus grande ville du Kazakhstan, Almaty")
        # ... not a country's ("au Kazakhstan" names no city); a country the question names
        # is not the city its capital stands for ("the Chinese ministry ... à Pékin")
        # ... or listed after it ("les dix plus grandes villes du Kazakhstan, dont Almaty,
        # Pavlodar ...": none of them when the question lists them all, "Apart from ...")
        return any(not any(same_name(f, town := fold_name(name).replace("-", ""), True)
                           and not _capital_of(f, town) for f in focus)
                   and not ("-" in name and all(any(same_name(f, fold_name(part), True)
                                                    for f in focus)
                                                for part in name.split("-") if part))
                   and not is_country(fold(name))
                   and fold(name) not in _NOT_FOCUS  # ("le département d'État")
                   for name in _city_candidates(text))
    if kind == "duration":
        return bool(_DURATION.search(text) or _SPAN.search(text) or _SPAN_FORMS.search(text))
    if kind == "year":
        return bool(_YEAR.search(text))
    if kind == "hour":  # "à 23 heures", "21h30", "7:00", "at 11 p.m.", "minuit"
        return bool(_HOUR.search(text))
    if kind == "country":
        return names_country(text, focus)
    if kind == "rank":  # a military rank said of the person ("le général de division
        # Igor Konashenkov"), not the "général" of a secretary general
        return _rank_near(text, {fold_name(f) for f in (*focus, *names)})
    if kind == "nationality":  # said of the person asked about, not a country in his sentence
        return nationality_near(text, {fold_name(f) for f in (*focus, *names)})
    if kind == "party":  # "le parti Nur Otan", "the Amanat party"
        return bool(_PARTY.search(text))
    if kind == "school":
        return bool(_SCHOOL.search(text))
    if kind == "unit":
        return bool(_UNIT_NAMED.search(text))
    if kind in _FACILITY_WORD:  # a base or an airport named ("la base aérienne d'Ayni"),
        # not the question's own place
        return _facility_named(kind, text, focus)
    if kind == "organ":  # a council, a committee, an assembly: not the body it belongs to
        return bool(_ORGAN_NAME.search(text))
    if kind == "org":  # a body named: an acronym, or a name with a body's word in it,
        # near the focus when the sentence names it (Dumoulin's "... à l'ECFR", not the ONU
        # of a quote 30 words on)
        near = [m.start() for m in _CAPITAL.finditer(text)
                if any(same_name(f, fold_name(m.group(0)).replace("-", ""), True)
                       for f in focus)]
        return any(not any(same_name(f, fold_name(m.group(0)).replace("-", ""), True)
                           for f in focus)
                   and (not near or min(abs(m.start() - n) for n in near) <= _ORG_REACH
                        or (_OPENING_NAME_RUN.fullmatch(text, 0, m.start()) is not None
                            and not m.group(0).isupper()))  # (a dateline: "ALMATY (Reuters)")
                   for m in _BODY_NAME.finditer(text))
    # person / place: a capitalised word that is not the question's own focus
    for m in _CAPITAL.finditer(text):
        name = fold_name(m.group(0)).replace("-", "")
        if m.start() == 0 and name not in proper:
            continue  # a capital because the sentence starts, unless the text names it so
        if name in _NOT_FOCUS or name in STOPWORDS or _ELIDED_WORD.match(m.group(0)):
            continue  # ("«J’ai donné l’ordre ...»": an elided pronoun opening a quote)
        if kind == "person" and (name in _BODY_WORDS or name in _NO_ONE
                                 or _ACRONYM.fullmatch(m.group(0))
                                 or _AFTER_ARTICLE.search(text, max(0, m.start() - 2),
                                                          m.start() + 2)):
            continue  # "l'Organisation du traité ...", "TF1", "OTSC", "l'Éveil" name no one
        if kind in ("place", "region") and _no_place(text, m, name):
            continue
        if kind == "region" and (is_country(name) or country_code(name) is not None):
            continue  # "au Kazakhstan" is not where in Kazakhstan
        if kind == "person" and (_a_country(text, m) or _first_name_of(text, m.end(), focus)
                                 or name in _CAPITALS
                                 or ((is_people(name) or name in _COLLECTIVES)
                                     and _PLURAL_ARTICLE.search(text[:m.start()]))):
            continue  # "Joe Biden" is the focus Biden; "États-Unis", "Moscou" name no one
        if not name.isalpha() or not any(
                same_name(f, name, True) and not (kind in ("place", "region")
                                                  and _capital_of(f, name))
                for f in focus):
            return True
    return False


# An elided word capitalised because it opens a sentence or a quote ("J’ai", "C’est",
# "Qu’il"), not a name ("D’Artagnan", "L’Oréal" go on in capitals)
_ELIDED_WORD = re.compile(r"^(?:[JjCcSsNnMmTtLlDd]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’][a-zà-ÿ]")


def _capital_of(focus: str, name: str) -> bool:
    """Whether `name` matches the question's country `focus` only as its capital standing for
    it ("Pékin" for China): as a place asked, the city is an answer the question did not give."""
    return country_code(focus) is not None and not is_country(name)


# The name of a body: an acronym ("ECFR", "KNB"), or capitalised words with a body's word
# ("European Council on Foreign Relations", "l'Institut Montaigne", "Nur Otan party"), or
# what a body's word introduces ("l'agence Interfax", "le parti Nur Otan")
_BODY_NAME = re.compile(
    r"\b[A-Z][A-Z0-9&]{1,7}\b(?![’'-])|"
    r"\b(?:Institut|Institute|Universit[éy]|Council|Conseil|Fondation|Foundation|Centre|"
    r"Center|Parti|Party|Agence|Agency|Bureau|Committee|Comité|Association|Organisation|"
    r"Organization|Fonds|Fund|School|École|Académie|Academy|Forum|Endowment|Corporation|"
    r"Bank|Banque|Club|Group|Groupe)\b|"
    r"\b(?:agence|institut|parti|fondation|université|think[- ]?tank|party|agency|institute|"
    r"university|foundation|journal|quotidien|newspaper|club)\s+(?:[a-zé]+\s+){0,3}"
    r"[A-ZÀ-Ý][\wÀ-ÿ.-]+")

def _age_of_focus(text: str, age: re.Match[str], focus: Sequence[str],
                  read: tuple[list[tuple[int, str]], list[int], list[tuple[int, int]]]
                  ) -> bool:
    """Whether the age at `age` is said of a focus name: the person's name closest before it
    in its clause (a relative clause, a country or a capital aside: "Tokaïev, qui a rencontré
    Poutine à Moscou, est âgé de 68 ans"), or right after it ("81-year-old Nazarbayev"), when
    it has one ("sa fille Elizabeth, alors âgée de douze ans" is Elizabeth's, not Will
    Turner's). `read`: the text's capitalised words (start, folded name), where its sentences
    and clauses end, and its relative clauses, each read once (`_read_for_ages`)."""
    names, ends, asides = read
    k = bisect.bisect_left(ends, age.start())
    clause = ends[k - 1] + 1 if k else 0
    lo, hi = bisect.bisect_left(names, (clause, "")), bisect.bisect_left(names, (age.start(), ""))
    def aside(at: int) -> bool:
        j = bisect.bisect_right(asides, (at, len(text))) - 1
        return j >= 0 and asides[j][0] <= at < asides[j][1]
    before = next(([n] for at, n in reversed(names[max(lo, hi - AGE_NAMES_BACK):hi])
                   if not aside(at) and not is_country(n) and n not in _CAPITALS), [])
    nxt = re.match(r"\s+(?=[A-ZÀ-Ý])", text[age.end():age.end() + 8])  # (no comma between)
    h = bisect.bisect_left(names, (age.end() + nxt.end(), "")) if nxt else len(names)
    after = [n for at, n in names[h:h + 1] if nxt and at == age.end() + nxt.end()]
    near = before + after
    return not near or any(same_name(f, n, True) for f in focus for n in near)


AGE_NAMES_BACK = 12  # capitalised words read back from an age for whose it is


def _read_for_ages(text: str) -> tuple[list[tuple[int, str]], list[int], list[tuple[int, int]]]:
    return (_capitalised_names(text), [m.start() for m in re.finditer(r"[.;:!?]", text)],
            [m.span() for m in _RELATIVE_ASIDE.finditer(text)])


_RELATIVE_ASIDE = re.compile(r",\s*(?:qui|dont|où|who|which|whose|where)\b[^,]*,")


def _capitalised_names(text: str) -> list[tuple[int, str]]:
    """(start, folded name) of each capitalised word that may name someone, in order."""
    out = []
    for m in _CAPITAL.finditer(text):
        name = fold_name(m.group(0)).replace("-", "")
        if m.start() and name not in _NOT_FOCUS and name not in STOPWORDS and name.isalpha():
            out.append((m.start(), name))
    return out


# A base or an airport and the names within FACILITY_REACH characters after it in its sentence
# ("la base aérienne d'Ayni", "l'aéroport international de la plus grande ville du Kazakhstan,
# Almaty"), or the name right before ("Ayni air base"); not "sur la base de", "based in"
FACILITY_REACH = 80
_FACILITY_WORD = {
    "base": re.compile(r"(?i)(?<!sur la )(?<!on the )\b(?:bases?(?:\s+(?:a[ée]riennes?|"
                       r"militaires?|navales?))?|air\s?bases?)\b"),
    "airport": re.compile(r"(?i)\b(?:a[ée]roports?|a[ée]rodromes?|airports?|airfields?)\b"),
}
_FACILITY_BEFORE = {
    # (the name read whole: a long hyphenated run was read from each part, review 53 N2)
    "base": re.compile(r"(?<![\w-])([A-ZÀ-Ý][\wÀ-ÿ-]++)\s+(?i:air\s?base|airbase|military base|"
                       r"naval base)\b"),
    "airport": re.compile(r"(?<![\w-])([A-ZÀ-Ý][\wÀ-ÿ-]++)\s+(?i:airport|airfield)\b"),
}


def _facility_named(kind: str, text: str, focus: Sequence[str]) -> bool:
    def other(word: str) -> bool:
        name = fold_name(word).replace("-", "")
        return name not in _NOT_FOCUS and name not in STOPWORDS and not any(
            same_name(f, name, True) for f in focus)
    for m in _FACILITY_WORD[kind].finditer(text):
        window = re.split(r"[.;:!?]", text[m.end():m.end() + FACILITY_REACH], maxsplit=1)[0]
        if any(other(n.group(0)) for n in _CAPITAL.finditer(window)):
            return True
    return any(other(m.group(1)) for m in _FACILITY_BEFORE[kind].finditer(text))


# A body's own organ: "le Conseil de sécurité collective", "the Security Council".
_ORGAN_NAME = re.compile(r"\b(?:Conseil|Council|Comit[ée]|Committee|Assembl[ée]e|Assembly|"
                         r"Commission|Secr[ée]tariat|Secretariat|Parlement|Parliament|Cour|"
                         r"Court|Tribunal|Pr[ée]sidium|Presidium|Bureau|Board|Directoire)\b")

_HOUR = re.compile(r"(?i)\b\d{1,2}\s*(?:h\b|h\d\d|heures?\b|:\d\d\b|[ap]\.?m\b\.?|o['’]clock)|"
                   r"\b(?:midi|minuit|midnight|noon)\b")
_ORG_REACH = 150  # characters between the focus name and the body named for it
# The capitalised words a sentence opens on, up to a body's word: the body is then the
# sentence's subject ("Le National Endowment for Democracy a dépensé ... au Kazakhstan"), the
# one the sentence is about, however far on the focus is named
_OPENING_NAME_RUN = re.compile(
    r"(?:(?:Le|La|Les|L[’']|The)\s*)?(?:[A-Z][\w’'-]*\s+(?:(?:for|of|on|and|de|du|des|et)\s+)?)*")
# A military unit named or numbered: "la 45e brigade", "the 76th Guards Air Assault
# Division", "le régiment Preobrajensky", "l'unité « Alpha »"
_UNIT_NAMED = re.compile(
    r"(?i:\b(?:\d+\s*(?:e|ème|re|ère|th|st|nd|rd)|\w+ième|first|second|third)\s+"
    r"(?-i:[A-ZÀ-Ý][\w-]*\s+){0,3}(?:brigade|division|régiment|regiment|bataillon|battalion|"
    r"armée|army|corps|escadron|squadron)s?\b)|"
    r"(?i:\b(?:brigade|division|régiment|regiment|bataillon|battalion|unité|unit)s?)\s+"
    r"(?:(?:de |d['’]|of )?(?:la |le |l['’]|the )?)[«\"]?\s*[A-ZÀ-Ý]")
_PARTY = re.compile(r"(?i:\bparti\b|\bparty\b)")
_SCHOOL = re.compile(r"\b(?:Universit|Institut|School|[ÉE]cole|Acad[ée]m|College|Coll[èe]ge|"
                     r"Lyc[ée]e|Hochschule|(?i:university|universit[ée]|école|school|college|"
                     r"lycée|académie|academy)\b)")


# Capitalised words that start the name of a body, not a person's.
# capitalised words that name no one ("des pannes d'Internet" does not say who cut it)
_NO_ONE = frozenset({"internet", "web"})
_BODY_WORDS = frozenset(fold(w) for w in """
    organisation organization union comité committee conseil council ministère ministry
    département department agence agency fonds fund banque bank parlement parliament
    assemblée assembly gouvernement government armée army forces commission fondation
    foundation institut institute centre center université university église church parti
    party ligue league cour court tribunal sénat senate congrès congress république republic
    traité treaty alliance coalition communauté community bureau office service direction
""".split())


# Capitals, folded, in French and English: news names a government by its capital ("Moscou
# espère que ..."), and "l'ambassade de Russie à Washington" names no person.
_CAPITALS = frozenset("""
    moscou moscow washington pekin beijing londres london paris berlin bruxelles brussels kiev
    kyiv kiyv geneve geneva astana noursoultan nursultan almaty alma ata bichkek bishkek
    douchanbe dushanbe erevan yerevan minsk tachkent tashkent achgabat ashgabat bakou baku
    tbilissi tbilisi ankara teheran tehran tokyo rome madrid vienne vienna varsovie warsaw
    ottawa canberra delhi islamabad kaboul kabul bagdad baghdad damas damascus jerusalem
    ryad riyadh lecaire cairo berne bern stockholm oslo helsinki copenhague copenhagen
""".split())


_ACRONYM = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9]+")
# Capitalised words that name no place: titles, and a body's acronym ("le Comité national de
# sécurité (KNB)"); a run of capitalised words with none of these nor a place's word in it is
# a person's name ("Noursoultan Nazarbaïev", "Karim Kajymkanouli Massimov")
_TITLE_WORDS = frozenset(fold(w) for w in """
    premier première président présidente general général monsieur madame mr mrs ms dr
    ministre minister secrétaire secretary porte-parole spokesman chef chief vice
    """.split())
_PLACE_WORDS = frozenset(fold(w) for w in """
    saint sainte san santa los las new nouvelle nouveau mont mount lac lake rio port
    fort cap cape golfe gulf mer sea val île ile isla north south nord sud east west
    ouest haute haut bas basse grand grande great little petit petite upper lower centre
    central centrale city ville avenue rue street boulevard place square road route pont
    bridge quai église eglise church cathédrale cathedral palais palace château castle parc
    park gare station aéroport airport université university musée museum hôpital hospital
    base camp prison région region province district
    """.split())
# A run of capitalised words; a preposition or article capitalised because it opens the
# sentence ("In Janaozen", "À Tel Aviv") is not its first word
_RUN = re.compile(r"(?<![\wÀ-ÿ'’-])(?!(?:In|At|Near|From|To|Into|Outside|Inside|À|A|Au|Aux|En|"
                  r"Dans|Près|Vers|Le|La|Les|L|The|Un|Une|Des|De|Du)\b)[A-ZÀ-Ý][\wÀ-ÿ'’-]++"
                  r"(?:\s++[A-ZÀ-Ý][\wÀ-ÿ'’-]++)+")
# ... which is a place where a preposition of place stands before it ("à Buenos Aires")
_LOCATIVE = re.compile(r"(?i)\b(?:à|a|au|aux|en|dans|près de|vers|in|at|near|from|to|"
                       r"outside|into)\s+(?:(?:la|le|les|the)\s+|l['’])?$")


@short_text_cache(256)
def _person_runs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the runs of capitalised words of `text` that name a person: no
    place's or body's word in them, their last word no capital or country, and no preposition
    of place before them. Read once a text."""
    out = []
    for run in _RUN.finditer(text):
        words = [fold_name(w).replace("-", "") for w in run.group(0).split()]
        last = words[-1]  # "Noursoultan Nazarbaïev" is a man, whose first name a city took
        if any(w in _PLACE_WORDS or w in _BODY_WORDS for w in words) or last in _CAPITALS \
                or is_country(last) or _LOCATIVE.search(text[max(0, run.start() - 12):
                                                             run.start()]):
            continue
        out.append((run.start(), run.end()))
    return tuple(out)


def _no_place(text: str, m: re.Match[str], name: str) -> bool:
    """Whether a capitalised word of `text` names no place: a title, a body, an acronym that
    is no country, or a word of a run of capitalised words that is a person's name."""
    if name in _TITLE_WORDS or name in _BODY_WORDS:
        return True
    if _ACRONYM.fullmatch(m.group(0)):
        return not is_country(name)
    runs = _person_runs(text)
    k = bisect.bisect_right(runs, (m.start(), len(text) + 1)) - 1
    return k >= 0 and runs[k][0] <= m.start() < runs[k][1]


def _a_country(text: str, m: re.Match[str]) -> bool:
    """Whether the capitalised word `m` is a country's name or starts one ("United States")."""
    if is_country(fold(m.group(0))):
        return True
    two = re.match(r"\s+[A-ZÀ-Ý][\wÀ-ÿ'’-]+", text[m.end():])
    return two is not None and is_country(fold(m.group(0) + " " + two.group(0).strip()))


_TOKEN = re.compile(r"[\wÀ-ÿ.-]+")
_AFTER_PLACE_WORD = re.compile(r"(?i)\b(?:à|au|aux|en|in|at|near|dans|vers|from)\s+$")
ROLE_NAME_BEFORE, ROLE_NAME_AFTER = 4, 10  # words around a role that may name who holds it


def _named_beside_role(text: str, role: Sequence[str], focus: Sequence[str]) -> bool:
    """Whether someone is named within a few words of the role ("le président suisse Guy
    Parmelin", "Guy Parmelin, président de la Confédération"), not only the role itself."""
    tokens = list(_TOKEN.finditer(text))
    for i, t in enumerate(tokens):
        parts = fold(t.group(0)).split("-")  # "vice-président" holds the role
        if not any(p.startswith(k) and not p.startswith(_MINISTRY) for k in role for p in parts):
            continue
        for m in tokens[max(0, i - ROLE_NAME_BEFORE):i + 1 + ROLE_NAME_AFTER]:
            word = m.group(0).strip(".")
            if m.start() == 0 or not word[:1].isupper() or m is t:
                continue
            name = fold_name(word).replace("-", "")
            if (name in _NOT_FOCUS or name in STOPWORDS or not name.isalpha()
                    or any(same_name(f, name, True) for f in focus)
                    or _a_country(text, m) or _first_name_of(text, m.end(), focus)
                    or _AFTER_PLACE_WORD.search(text[:m.start()])):
                continue  # "à Genève" is a place
            return True
    return False


def _first_name_of(text: str, end: int, focus: Sequence[str]) -> bool:
    """Whether the capitalised word ending at `end` is followed by a focus name, as a first
    name is ("Vladimir Poutine" when Poutine is asked about)."""
    nxt = re.match(r"\s+([A-ZÀ-Ý][\wÀ-ÿ'’-]+)", text[end:])
    if nxt is None:
        return False
    name = fold_name(nxt.group(1)).replace("-", "")
    return any(same_name(f, name, True) for f in focus)


# A date a state holds until ("jusqu'au 19 janvier", "until January 19"): when it ends
_END_BOUND = re.compile(
    r"(?i)\b(?:jusqu['’]\s*(?:au|à|en)|until|till|through)\s+(?:le\s+|the\s+)?"
    r"(?:\d{1,2}(?:er|st|nd|rd|th)?\s+[^\W\d_]+|[^\W\d_]+\s+\d{1,2}(?:st|nd|rd|th)?|\d{4})"
    r"(?:,?\s+\d{4})?")


def end_dates_only(text: str) -> bool:
    """Whether every date `text` gives is one something lasts until (`_END_BOUND`): no answer
    to when it began."""
    return bool(_END_BOUND.search(text)) and not _holds_kind("date", _END_BOUND.sub(" ", text),
                                                             ())


def holds_asked(question: QuestionInfo, text: str) -> bool:
    """Whether `text` (an answer, markers stripped) holds what the question asks for: a year
    for "en quelle année", a figure for "combien", a name for "qui" (not the question's own)."""
    return all(_holds_kind(k, text, question.focus, question.given, question.names)
               for k in question.asks) and not vague_for_how_much_time(question, text)


def vague_for_how_much_time(question: QuestionInfo, text: str) -> bool:
    """Whether "Combien de temps ...?" is asked and `text` gives only a vague length."""
    return ("duration" in question.asks and HOW_LONG_FR.match(question.text) is not None
            and _vague_duration_only(text))



# "jusqu'à" before a place ("avance jusqu'à l'établissement missionnaire", piaf_traps3
# pt3_033) ends no time: a time follows it within a few words
_UNTIL = re.compile(r"(?i)jusqu['’](?:à|au|en)")
_TIME_AFTER = re.compile(r"(?i)\s*(?:(?:l['’]|la |le |sa |son |leur )?(?:\w+ ){0,2}?)?(?:\d|fin\b|"
                         r"début|mi-|janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
                         r"octobre|novembre|décembre|présent|aujourd|maintenant|nos jours|mort|"
                         r"décès|lendemain|soir|matin|midi|minuit|ce jour|printemps|été|"
                         r"automne|hiver)")


def _vague_duration_only(text: str) -> bool:
    """Whether every length of time `text` gives is a vague one (`_VAGUE_DURATION`) or a
    "jusqu'à" that ends at no time."""
    if _SPAN.search(text) or _SPAN_FORMS.search(text):
        return False
    return all(_VAGUE_DURATION.fullmatch(m.group(0))
               or (_UNTIL.fullmatch(m.group(0)) and not _TIME_AFTER.match(text, m.end()))
               for m in _DURATION.finditer(text))


def _words(text: str) -> set[str]:
    return {fold_name(w).replace("-", "") for w in re.findall(r"[\wÀ-ÿ'’-]+", text)
            for w in re.split(r"['’]", w) if w}


def _has_focus(name: str, words: set[str]) -> bool:
    if name in words or any(same_name(name, w, True) for w in words
                            if len(w) >= 3 and w.isalpha()):
        return True
    # a country is named by its people's word too: "le président kazakh" is about Kazakhstan
    code = country_code(name)  # ... and a nationality word by another: English is British
    return code is not None and any(country_code(w) == code for w in words if len(w) >= 4)


def none_only_of_other(measure: Sequence[str], text: str) -> bool:
    """Whether the sentence's only figure is a "none" that counts something else: "aucune
    liste ... n'a été fournie" is no count of soldiers ("aucun soldat" is)."""
    rest = _DATE.sub(" ", text)
    if re.search(r"\d", rest) or any(not _NONE.fullmatch(m.group(0))
                                     for m in _NUMBER_WORDS.finditer(rest)):
        return False
    return not any(_names_measure(measure, set(rest[m.end():m.end() + 80].split()[:3]))
                   for m in _NONE.finditer(rest))
