"""A level asked and a change told, and the thing a change is asked of.

"What did a gallon of gas cost after the price controls were removed?" asks a price; "une
augmentation d'environ 1 $ par gallon de gaz" gives only how much it rose (traps_study55
t55_017, t55_018). "By how much did the recipients of the funds raise young people's
engagement?" asks a change of the engagement: a sentence on the funds' size ("a dépensé plus
d'un million de dollars") names no engagement and tells no change of it (t55_039, t55_040).
"""

from __future__ import annotations

import re

from rag.answering.lexicon import other_language_keys
from rag.text import STOPWORDS, fold

# a price or a cost asked as it stood ("what did X cost", "combien coûtait", "quel était le
# prix"), not how much it changed ("de combien le prix a-t-il augmenté")
LEVEL_ASKED = re.compile(
    r"(?i)\b(?:what|how\s+much)\s+(?:did|does|do|would|will)\s+[^?]{1,60}?\bcost\b|"
    r"\bwhat\s+(?:was|is|were|are)\s+the\s+(?:price|cost)s?\b(?![^?]{0,40}\b(?:increase|rise|"
    r"hike|jump|change|drop|fall|cut)\b)|\bcombien\s+(?:co[uû]t\w*|valai\w*)\b|"
    r"\bquel\s+(?:était|est|serait)\s+le\s+(?:prix|coût)\b(?![^?]{0,40}\b(?:augmentation|"
    r"hausse|baisse|variation)\b)|"
    # "How much was a gallon of gas ...?": one unit's price (not "how much was the increase")
    r"\bhow\s+much\s+(?:was|were|is|are)\s+(?:a|an|one)\s+(?:gallon|lit(?:re|er)|barrel|"
    r"kilo(?:gram)?|tonne|ton|cubic\s+met(?:re|er)|loaf|ticket|unit)\b")
# what makes a figure a change: it follows one of these within a few words
_CHANGE = re.compile(r"\b(?:augment\w*|hausses?|baisses?|diminution\w*|increases?d?|rises?|"
                     r"rose|hikes?d?|jumps?e?d?|drops?p?e?d?|falls?|fell|cuts?|reduc\w*|"
                     r"grimpe\w*|bondi\w*|chute\w*|recul\w*|progress\w*)\b[\s\w'’]{0,25}$")
# (a figure read from its first digit only, its run whole: from each digit of "1 1 1 ..." it
# was read to the run's end, quadratic, review 52 N2)
_MONEY = re.compile(r"(?:[$€£]\s?\d|(?<![\d.,])(?<!\d\s)\d[\d\s.,]*+(?:(?:millions?|milliards?|"
                    r"billions?|mille)\s+(?:de\s+|d')?)?(?:[$€£]|(?:dollars?|euros?|tenges?|"
                    r"roubles?|rubles?|livres?|pounds?|usd|eur|(?:swiss\s+)?francs?|"
                    r"yuans?|yens?)\b))")
CHANGE_WITHIN = 30  # characters before an amount read for a change word (its own words:
# "une augmentation d'environ 1 $", not "After the hike, a gallon of gas cost $3.50")


def level_told(text: str) -> bool:
    """Whether `text` gives an amount that is not a change ("1 $ par gallon", not "une
    augmentation d'environ 1 $ par gallon"; "passé de 60 à 120 tenges" gives the levels)."""
    folded = fold(text)
    for m in _MONEY.finditer(folded):
        before = folded[max(0, m.start() - CHANGE_WITHIN):m.start()]
        if not _CHANGE.search(before) or re.search(r"\b(?:de|from)\s+[\d$€£]|\b(?:a|to)\s*$",
                                                   before):
            return True
    return False


# "De combien les bénéficiaires ... ont-ils augmenté l'engagement des jeunes ?", "By how much
# did the recipients raise young people's engagement?", "De combien le prix a-t-il augmenté ?"
_BY_HOW_MUCH = re.compile(r"(?i)\b(?:by\s+how\s+much|de\s+combien)\b([^?]{0,160})")
_CHANGE_VERB_EN = re.compile(r"(?i)\b(?:rais|increas|boost|lift|cut|reduc|lower|grow|grew|"
                             r"expand|improv|shrink|shrank|decreas)\w*\s+(?:the\s+|their\s+|"
                             r"its\s+|his\s+|her\s+)?((?:[\w'’-]+\s+){0,3}[\w'’-]+)")
# (an object after its article only: "a-t-il augmenté après ..." has none)
_CHANGE_VERB_FR = re.compile(r"(?i)\b(?:augment|rédui|réduit|baiss|relev|diminu|accru|accrû|"
                             r"amélior|élarg|abaiss)\w*\s+(?:le\s+|la\s+|les\s+|l['’]|leurs?\s+|"
                             r"son\s+|sa\s+|ses\s+)([\w-]+)")
_BEFORE = frozenset("in of on for to by with among at from during after before since "
                    "de du des dans en pour par avec parmi chez".split())
_SUBJECT_FR = re.compile(r"^\s*(?:le\s+|la\s+|les\s+|l['’])?([\w-]+)")
_SUBJECT_EN = re.compile(r"^\s*(?:did|does|do|has|have|had|was|were|is|are|will|would)\s+"
                         r"(?:the\s+)?([\w-]+)")
_GENERIC = frozenset("prix price prices cost costs nombre number niveau level total montant "
                     "amount".split())
# a time is no thing changed ("By how much did the economy grow last year?")
_TIMES = frozenset("year years month months week weeks day days decade decades season "
                   "seasons period quarter annee annees mois semaine semaines jour jours "
                   "decennie saison trimestre periode".split())


def changed_thing(question: str, lang: str) -> frozenset[str]:
    """The keys (four letters, and for English their French ones) of the thing a "by how
    much" question asks the change of: the object of its verb ("raise young people's
    engagement": engagement) or else its subject ("de combien le prix ...": prix). Empty when
    none is read, or for a word so general a sentence may say it otherwise."""
    m = _BY_HOW_MUCH.search(question)
    if m is None:
        return frozenset()
    rest = m.group(1)
    verb = (_CHANGE_VERB_EN if lang == "en" else _CHANGE_VERB_FR).search(rest)
    if verb:
        words = []
        for w in re.findall(r"[^\W\d_]+(?:['’]s)?", verb.group(1)):
            if fold(w) in _BEFORE or fold(w) in ("last", "this", "next", "ce", "cette", "cet",
                                                  "dernier", "derniere"):
                break  # "young people's engagement in social processes": engagement
            words.append(re.sub(r"['’]s$", "", w))
        word = words[-1] if words else ""
        if fold(word) in _TIMES:
            word = ""
    else:
        subject = (_SUBJECT_EN if lang == "en" else _SUBJECT_FR).match(rest)
        word = subject.group(1) if subject else ""
    word = fold(word)
    if len(word) < 4 or word in STOPWORDS or word in _GENERIC:
        return frozenset()
    keys = {word[:4]}
    if lang == "en":
        keys |= other_language_keys(word, "en")
    return frozenset(keys)


def names_thing(keys: frozenset[str], text: str) -> bool:
    """Whether `text` has a word starting with one of `keys`."""
    return any(w[:4] in keys for w in re.findall(r"[^\W\d_]+", fold(text)))
