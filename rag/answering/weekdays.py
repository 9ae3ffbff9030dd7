"""The day of the week a question pins what it asks to: "What did Josep Borrell say about
Kazakhstan on Friday 7 January?", "Qu'a annoncé Tokaïev lors de son allocution télévisée de
samedi ?" (t52_003, t52_008). A sentence tells what was done that day where it, or the sentence
before it, names the day ("Ce vendredi, le président ... a annoncé"); news names the day of
what it reports, and a sentence naming none may tell what was done on another.
"""

from __future__ import annotations

import re

from rag.text import fold

_DAYS = {
    "monday": 1, "lundi": 1, "tuesday": 2, "mardi": 2, "wednesday": 3, "mercredi": 3,
    "thursday": 4, "jeudi": 4, "friday": 5, "vendredi": 5, "saturday": 6, "samedi": 6,
    "sunday": 7, "dimanche": 7,
}
_DAY = re.compile(r"(?i)\b(" + "|".join(_DAYS) + r")s?\b")
# a day said of another time ("dimanche dernier", "last Sunday", "every Friday") pins nothing
# the sentence must repeat: such questions are read as before
_LOOSE = re.compile(r"(?i)\b(?:last|next|every|each|dernier|prochain|chaque|tous les)\s+" +
                    r"(?:" + "|".join(_DAYS) + r")|(?:" + "|".join(_DAYS) + r")s?\s+"
                    r"(?:dernier|prochain|d['’]avant|pr[ée]c[ée]dent|suivant)\b")


def days_asked(question: str) -> frozenset[int]:
    """The days of the week the question names (1 = Monday), none where it names one loosely
    ("last Sunday")."""
    if _LOOSE.search(question):
        return frozenset()
    return frozenset(_DAYS[fold(m.group(1)).lower()] for m in _DAY.finditer(question))


def days_named(text: str) -> frozenset[int]:
    """The days of the week `text` names."""
    return frozenset(_DAYS[fold(m.group(1)).lower()] for m in _DAY.finditer(text))
