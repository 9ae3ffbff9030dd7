"""A trip a cause question asks about, and a sentence that tells it.

"Pourquoi Tokaïev s'est-il rendu à Moscou ?" is not answered by "Poutine et Tokaïev ont eu une
longue conversation téléphonique afin de discuter de la crise", nor by "un message de loyauté
vis-à-vis de Moscou": the answer names the place, with a trip (traps_study48 t48_014). A
country is not such a place ("Why did Russia send troops to Kazakhstan?" is told in many
ways), nor someone's aid ("came to Tokayev's aid").
"""

from __future__ import annotations

import re

from rag.answering.anchors import same_name
from rag.answering.cities import CAPITALS, SEATS
from rag.answering.countries import country_code, is_country
from rag.text import fold

# A trip asked about: "Pourquoi Tokaïev s'est-il rendu à Moscou ?", "Why did X fly to Y?"
# (the verb and its preposition in any case, the place capitalised, after an article: "to
# The Hague"; not someone's aid, "came to Tokayev's aid")
_WENT_TO = re.compile(r"\b(?i:rendue?s?|allée?s?|venue?s?|voyagé|envolée?s?|went|go|gone|"
                      r"fly|flew|flown|travel(?:l?ed)?|come|came)\s+"
                      r"(?i:to|à|au|en|in|into)\s+(?:(?i:the|la|le|les)\s+|[lL]['’])?"
                      r"([A-ZÀ-Ý][\w-]++)(?!['’]s\b|\s+(?i:aid|help|rescue|secours|aide)\b)")


# ... told as one: "s'est rendu", "visite", "arrived in", "flew to" (not "un message de
# loyauté vis-à-vis de Moscou")
_TRIP = re.compile(r"\b(?:rendue?s?|rendre|rend|visit\w*|voyag\w*|deplac\w*|arriv\w*|allee?s?|"
                   r"venue?s?|envol\w*|flew|fly|flown|flight|travel\w*|trip|went|journey|"
                   r"sejour\w*|stay\w*|came|come|deploy\w*|dispatch\w*|"
                   r"achemin\w*|transport\w*)\b")


def went_to(question: str) -> str | None:
    """The place a cause question asks a trip to (folded), unless it is a country."""
    m = _WENT_TO.search(question)
    if m is None:
        return None
    name = fold(m.group(1)).replace("’", "'")
    return None if is_country(name) or country_code(name) is not None else name


def names_place(name: str, text: str) -> bool:
    """Whether `text` writes the place itself, in either language ("Moscow", "Moscou"), not
    its people or its government ("russe", "le Kremlin")."""
    seat = CAPITALS.get(name)
    for w in re.findall(r"[^\W\d_][\w-]*", fold(text)):
        if seat is not None and CAPITALS.get(w) == seat:
            return True
        if w not in SEATS and country_code(w) is None and same_name(name, w, True):
            return True  # ("Noursoultan" for "Nur-Sultan"; not "russe" for "Moscou")
    return False


def tells_trip_to(place: str, text: str) -> bool:
    """Whether `text` names `place` and tells a trip."""
    return names_place(place, text) and bool(_TRIP.search(fold(text)))

