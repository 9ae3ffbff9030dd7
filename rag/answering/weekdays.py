"""The day of the week a question pins what it asks to: "What did Josep Borrell say about
Kazakhstan on Friday 7 January?", "Qu'a annoncé Tokaïev lors de son allocution télévisée de
samedi ?" (t52_003, t52_008). A sentence tells what was done that day where it, or the sentence
before it, names the day or the date the question gives ("Ce vendredi, le président ... a
annoncé", "Le 7 janvier, Josep Borrell a déclaré"); news names the day of what it reports, and
a sentence naming none may tell what was done on another.
"""

from __future__ import annotations

import re

from rag.text import fold

_DAYS = {
    "monday": 1, "lundi": 1, "tuesday": 2, "mardi": 2, "wednesday": 3, "mercredi": 3,
    "thursday": 4, "jeudi": 4, "friday": 5, "vendredi": 5, "saturday": 6, "samedi": 6,
    "sunday": 7, "dimanche": 7,
}
_DAY = re.compile(r"(?i)\b(" + "|".join(_DAYS) + r")(s?)\b")
_MONTHS = {
    "janvier": 1, "january": 1, "fevrier": 2, "february": 2, "mars": 3, "march": 3,
    "avril": 4, "april": 4, "mai": 5, "may": 5, "juin": 6, "june": 6, "juillet": 7, "july": 7,
    "aout": 8, "august": 8, "septembre": 9, "september": 9, "octobre": 10, "october": 10,
    "novembre": 11, "november": 11, "decembre": 12, "december": 12,
}
# days, folded: a capitalised one names no party ("Vendredi, la Biélorussie ..."; a month may:
# "Mars sued Hershey", "le général Juin")
WEEKDAY_WORDS = frozenset(_DAYS)
# the names as folded text spells them, for patterns over `fold`ed sentences (reported.py)
FOLDED_DAYS = "(?:" + "|".join(_DAYS) + ")"
FOLDED_MONTHS = "(?:" + "|".join(_MONTHS) + ")"
_MONTH = r"(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|" \
         r"d[ée]cembre|january|february|march|april|may|june|july|august|september|october|" \
         r"november|december)"
_DATE = re.compile(rf"(?i)\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+{_MONTH}\b|\b{_MONTH}\s+(\d{{1,2}})"
                   r"(?:st|nd|rd|th)?\b")
# a day said of another time ("dimanche dernier", "last Sunday", "every Friday") pins nothing
# the sentence must repeat: such questions are read as before
_LOOSE = re.compile(r"(?i)\b(?:last|next|every|each|dernier|prochain|chaque|tous les)\s+" +
                    r"(?:" + "|".join(_DAYS) + r")|(?:" + "|".join(_DAYS) + r")s?\s+"
                    r"(?:dernier|prochain|d['’]avant|pr[ée]c[ée]dent|suivant)\b")
_CAPITALISED = re.compile(r"[A-ZÀ-Ý][\w’'-]*$")


def days_asked(question: str) -> frozenset[int]:
    """The days of the week the question names (1 = Monday), none where it names one loosely
    ("last Sunday") or as part of a name ("the Good Friday Agreement", "Super Tuesday",
    "Wednesday Addams", "Fridays for Future")."""
    if _LOOSE.search(question):
        return frozenset()
    out = set()
    for m in _DAY.finditer(question):
        word = m.group(0)
        if word[:1].isupper():
            before = question[:m.start()].rstrip().split()
            after = [w.strip(",.?!;:«»\"“”") for w in question[m.end():].split()[:1]]
            if m.group(2) or (before and _CAPITALISED.match(before[-1]) and m.start() > 0
                              and before[-1][-1:] not in ".?!:") or (
                    after and _CAPITALISED.match(after[0])
                    and fold(after[0]).lower() not in _MONTHS):
                continue
        out.add(_DAYS[fold(m.group(1)).lower()])
    return frozenset(out)


def days_named(text: str) -> frozenset[int]:
    """The days of the week `text` names."""
    return frozenset(_DAYS[fold(m.group(1)).lower()] for m in _DAY.finditer(text))


def dates_named(text: str) -> frozenset[tuple[int, int]]:
    """The (day, month) dates `text` names ("7 janvier", "January 7")."""
    out = set()
    for m in _DATE.finditer(text):
        day = m.group(1) or m.group(4)
        month = m.group(2) or m.group(3)
        out.add((int(day), _MONTHS[fold(month).lower()]))
    return frozenset(out)
