"""A date asked of one event is not the date another event in the sentence is named by: "When
did Joe Biden and Vladimir Putin hold their summit in Geneva?" is not answered by "Contrairement
au sommet entre Vladimir Poutine et Joe Biden, ..., la rencontre de lundi se déroule à la
mission diplomatique des États-Unis": Monday is the meeting's (b13_058, b18_036)."""

from __future__ import annotations

import re

from rag.answering.anchors import WEEKDAYS
from rag.text import fold

# events named by their noun, as the stems the question and the sentence are compared by
_EVENT_WORDS = (r"sommets?|summits?|rencontres?|meetings?|reunions?|conferences?|entretiens|"
                r"talks|negociations?|negotiations?|visites?|visits?|elections?|votes?|"
                r"ceremonies?|ceremony|exercices?|exercises?|manifestations?|protests?|"
                r"emeutes?|riots?|attaques?|attacks?|explosions?")
_EVENT = re.compile(rf"\b({_EVENT_WORDS})\b")
_DAY = "|".join(WEEKDAYS)  # (folded, both languages)
# an event named by its day: "la rencontre de lundi", "Monday's meeting", "the talks on Monday"
_BOUND = re.compile(rf"\b({_EVENT_WORDS})\s+(?:de|du|d'|on|of)\s+(?:ce\s+)?({_DAY})\b|"
                    rf"\b({_DAY})'s\s+({_EVENT_WORDS})\b")
_ANY_DAY = re.compile(rf"\b(?:{_DAY})\b")
# each event noun's kind, both languages (a meeting is a "rencontre" or a "réunion")
_KIND = {"somme": "summit", "summi": "summit", "renco": "meeting", "meeti": "meeting",
         "reuni": "meeting", "confe": "conference", "entre": "talks", "talks": "talks",
         "negoc": "talks", "negot": "talks", "visit": "visit", "elect": "election",
         "votes": "vote", "vote": "vote", "cerem": "ceremony", "exerc": "exercise",
         "manif": "protest", "prote": "protest", "emeut": "riot", "riot": "riot",
         "riots": "riot", "attaq": "attack", "attac": "attack", "explo": "explosion"}
STEM = 5


def _stem(word: str) -> str:
    return _KIND.get(word[:STEM], word[:STEM])


def event_asked(question: str) -> str:
    """The stem of the event noun a question names ("" for none)."""
    m = _EVENT.search(fold(question))
    return _stem(m.group(1)) if m else ""


def days_of_other_events(event: str, text: str) -> bool:
    """Whether every day `text` names is the day another event than `event` is named by."""
    if not event:
        return False
    folded = fold(text).replace("’", "'")
    days = _ANY_DAY.findall(folded)
    if not days:
        return False
    bound = 0
    for m in _BOUND.finditer(folded):
        noun = m.group(1) or m.group(4)
        if _stem(noun) == event:
            return False
        bound += 1
    return bound >= len(days)


# An occasion a date is asked of, by its family of words in both languages (folded): "On what
# date did Kazakhstan gain its independence?" is not answered by "Le bloc ... a été formé en
# 1992, à la suite de l'effondrement de l'Union soviétique" (a founding's year), and "il y a
# 30 ans" is no date (traps_study55 t55_009, t55_010). A sentence, or the one before it, must
# name the occasion; a life span (`LIFESPAN`) names a birth and a death.
_OCCASIONS = {
    "independence": r"independ\w*",
    "founding": r"fonde(?:e|es|s)?|fondation|fondateurs?|found(?:ed|ing|er|ers|ation)|"
                r"cree(?:e|es|s)?|creation|creat(?:ed|ing|ion)|establish(?:ed|ment)|"
                r"etabli(?:e|es|s)?|formees?|formed|formation",
    "birth": r"(?:est|etait|sont|fut|furent|suis|es)\s+nee?s?|naissance|naquit|born|birth",
    "death": r"morte?s?|meurt|mourut|deced\w*|deces|died|dies|die|death|killed|tuee?s?|"
             r"assassin\w*|executed|execution|peri(?:t|rent|e|shed)?",
    # (passive only: "a-t-elle arrêté le nucléaire" stopped it)
    "arrest": r"(?:ete|etre|fut|furent|sont|est|etaient|etait)\s+arretee?s?|arrestation\w*|"
              r"arrest(?:ed|s|ation)?|interpell\w*|detenu\w*|detained|incarcer\w*|"
              r"emprisonn\w*|imprison\w*",
    "resignation": r"demission\w*|resign\w*|stepped\s+down|step\s+down|left\s+office|"
                   r"limog\w*|dismiss\w*|demis",
    # something stopped being what it was ("In what year did Almaty stop being Kazakhstan's
    # capital?" is not answered by "Le début de l'année 2022 ... émeutes dans les rues
    # d'Almaty", traps_study61 t61_023/024)
    "cessation": r"cess(?:e|a|erent|ait|era)\s+(?:d'|de|ses|son|sa|leurs?)|ceased?|"
                 r"stopp?(?:ed)?\s+being|no\s+longer|n'(?:est|etait|etaient|sont)\s+plus",
}
_OCCASION_ASKED = {k: re.compile(rf"\b(?:{v})\b") for k, v in _OCCASIONS.items()}
# ... and the words a sentence may also tell it by: a body comes into being when it becomes
# one ("les trois provinces d'Algérie ... deviennent les départements français d'Algérie")
_OCCASION_TOLD = dict(_OCCASION_ASKED, founding=re.compile(
    rf"\b(?:{_OCCASIONS['founding']}|formes?|deven\w*|devien\w*|devint|devinrent|became|become\w*|"
    r"vu\s+le\s+jour|set\s+up|inaugur\w*|lance\w*|launched|adopte\w*|adopted)\b"),
    birth=re.compile(rf"\b(?:{_OCCASIONS['birth']}|nee?s?)\b"),
    death=re.compile(rf"\b(?:{_OCCASIONS['death']}|guillotin\w*|pendu\w*|hanged|fusill\w*|"
                     r"shot|decapit\w*|beheaded|succomb\w*)\b"),
    arrest=re.compile(rf"\b(?:{_OCCASIONS['arrest']}|arretee?s?|captur\w*|seized|apprehended|"
                      r"appr[ea]hend\w*|place\w*\s+en\s+garde\s+a\s+vue)\b"),
    # an end, a move, a successor or the last date it held ("capitale jusqu'en 1997", "la
    # capitale est transférée à Astana", "replaced by")
    cessation=re.compile(
        rf"\b(?:{_OCCASIONS['cessation']}|cess\w*|jusqu'(?:en|au|a|aux)|until|till|up\s+to|"
        r"transf[e]r\w*|moved?|relocat\w*|deplac\w*|demenag\w*|remplac\w*|replac\w*|"
        r"succe[ds]\w*|abandon\w*|supprim\w*|aboli\w*|dissou\w*|dissolved|dissolution|"
        r"ended|ends|prend\s+fin|pris\s+fin|mis\s+fin|fin\s+(?:de|du|des|a)|termin\w*|"
        r"plus\s+(?:la|le|les|l')|formerly|auparavant|previously|"
        # ... or a successor, a change of status, a departure (review 59: "Astana devint la
        # capitale", "à la place de", "proclame son indépendance", "reclassée planète naine")
        r"deven\w*|devien\w*|devint|devinrent|became|becomes|a\s+la\s+place|in\s+place\s+of|"
        r"instead\s+of|independ\w*|proclam\w*|demission\w*|resign\w*|limog\w*|dismiss\w*|"
        r"dispar\w*|interromp\w*|interrupt\w*|suspend\w*|renonc\w*|renounc\w*|reclass\w*|"
        r"rentr\w*|returned|reunifi\w*|annex\w*|rattach\w*|merg\w*|rebaptis\w*|renamed|"
        r"stopp?\w*|arret\w*|dernier\w*|last|final\w*|achev\w*|fin|quitt\w*|left|"
        r"(?:1[0-9]|20)\d\d\s*(?:-|–|to|a|au)\s*(?:1[0-9]|20)\d\d)\b"))
# the date asked starts the part of the question read ("In the report on dozens of protesters
# killed ..., on which day of the week did the fuel price rise ... take place?": no death)
_WHEN_FROM = re.compile(r"(?i)\b(?:when|what\s+(?:date|day|year|month|time)|which\s+(?:date|"
                        r"day|year|month)|quand|quel(?:le)?\s+(?:date|jour|année|mois|époque)|"
                        r"depuis\s+quand|lorsque)\b")
# "establish themselves", "s'établir": to settle somewhere is no founding
_SETTLED = re.compile(r"\b(?:establish\w*\s+(?:themselves|itself|himself|herself)|"
                      r"s'etabli\w*|se\s+sont\s+etabli\w*)\b")
# A life span: "(24 février 1811 - 21 octobre 1861)", "(1566-1613)", "né le 16 décembre 1863
# à Albany", "morte le 21 décembre 1940": the dates of a birth and a death, which answer when
# someone was born or died (`QuestionInfo.event`), not when anything else happened
LIFESPAN = re.compile(
    r"\([^()]{0,40}?\b(?:1[0-9]\d\d|20\d\d)\s*[-–—]\s*[^()]{0,40}?\b(?:1[0-9]\d\d|20\d\d)\s*\)|"
    r"(?i:\b(?:née?s?|morte?s?|décédée?s?|born|died)\s+(?:le\s+|en\s+|on\s+|in\s+)?"
    r"(?:\d{1,2}(?:er)?\s+\w+\.?\s+|\w+\.?\s+\d{1,2},?\s+)?(?:1[0-9]\d\d|20\d\d)\b)")


def occasion_asked(question: str) -> str:
    """The occasion a date question names ("gain its independence": "independence"), "" for
    none or for more than one."""
    m = _WHEN_FROM.search(question)
    folded = _SETTLED.sub(" ", fold(question[m.start():] if m else question).replace("’", "'"))
    found = [k for k, rx in _OCCASION_ASKED.items() if rx.search(folded)]
    return found[0] if len(found) == 1 else ""


def occasion_told(occasion: str, text: str) -> bool:
    """Whether `text` names the occasion."""
    if occasion in ("birth", "death") and LIFESPAN.search(text):
        return True
    folded = fold(text).replace("’", "'")
    if occasion in ("birth", "founding"):  # a body is born when it is created ("la création
        # de la Ligue du Nord en 1919" dates when it "est née")
        return any(_OCCASION_TOLD[k].search(folded) for k in ("birth", "founding"))
    return bool(_OCCASION_TOLD[occasion].search(folded))
