"""People counted by their status or nationality ("How many Russian citizens did Russia
evacuate ...?", "How many foreign nationals were among the people killed ...?"): across
languages a figure of people in general ("La Russie a envoyé quelque 3 000 personnes", "13
agents des forces de l'ordre ont été tués") counts no citizens or foreigners; a sentence must
name them ("ressortissants", "citoyens", "étrangers") or count a people by its name ("1 000
Russes") (traps_study62 t62_003, t62_039)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.text import fold

# the measures read from a question (stems of 6 letters or fewer)
# ("nation" only where the question says "nationals": "How many nations ...?" counts
# countries, review 59)
_STATUS = ("citize", "citiz", "foreig", "forei", "expatr", "expat", "citoye", "citoy",
           "ressor", "etrang", "compat")
_NATIONALS = re.compile(r"(?i)\bnationals\b")
_STATUS_SAID = re.compile(r"\b(?:citoy\w*|citizens?|ressortissants?|etrangers?|etrangeres?|"
                          r"foreign\w*|nationals?|nationaux|nationalites?|nationalit\w*|"
                          r"expatri\w*|compatriotes?|diaspora|residents?|touristes?|tourists?|"
                          r"habitants?|inhabitants?|populations?|migrants?|immigr\w*|"
                          r"emigr\w*|refugi\w*|refugees?|electeurs?|electrices?|voters?|"
                          r"travailleurs?|workers?)\b")
# a people counted by its name: "1 000 Russes", "200 Chinois", "des centaines d'Américains"
_PEOPLE_NAMED = re.compile(r"(?:(?<![\d.,])(?<![\d.,]\s)\d[\d\s.,]*+|\b(?:des\s+)?(?:centaines|"
                           r"milliers|dizaines|douzaines)\s+|\b(?:deux|trois|quatre|cinq|six|sept|huit|"
                           r"neuf|dix|douze|quinze|vingt|cent|mille|two|three|four|five|six|"
                           r"seven|eight|nine|ten|twelve|twenty|hundred)\s+)(?:d['’]|de\s+)?"
                           r"(?:[a-zé]+\s+)?"
                           r"[A-ZÀ-Ý][a-zà-ÿ]+(?:s|x)\b")


def asks_status_group(measure: Sequence[str], question: str = "") -> bool:
    """Whether the people counted are counted by status or nationality."""
    return any(m.startswith(_STATUS) or (m.startswith("natio") and bool(_NATIONALS.search(
        question))) for m in measure)


def status_group_told(text: str) -> bool:
    """Whether `text` names citizens, nationals, foreigners or a people by its name."""
    return bool(_STATUS_SAID.search(fold(text)) or _PEOPLE_NAMED.search(text))
