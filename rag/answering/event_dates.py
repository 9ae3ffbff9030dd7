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
