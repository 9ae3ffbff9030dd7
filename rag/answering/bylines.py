"""Who wrote an article or took its picture, when a question asks it: "Quel journaliste a signé
l'article de Press TV ...?", "Who took the photograph of Putin and Tokayev ...?" (t52_016,
t52_045). A byline or a credit says so ("Auteur : AubeDigitale", "©Reuters", "Photo : X",
"par Jean Dupont"); a sentence of the story naming people does not.
"""

from __future__ import annotations

import re

_ASKED = re.compile(
    r"(?i)\b(?:who (?:wrote|signed|authored|took|shot|is (?:listed as )?the (?:author|writer|"
    r"editor|photographer))|which (?:journalist|reporter|writer|photographer|author)|"
    r"quel(?:le)? (?:journaliste|reporter|auteur|autrice|photographe|rédacteur|rédactrice)|"
    r"qui a (?:écrit|signé|rédigé|pris|photographié)|qui (?:est|était) l['’](?:auteur|autrice)|"
    r"the (?:author|writer|photographer|byline) of|l['’]auteur (?:de|du|des))\b")
# ... of an article, a text or a picture (not "who signed the treaty")
_WORK = re.compile(r"(?i)\b(?:article|story|report|piece|text|texte|dépêche|reportage|"
                   r"photo\w*|picture|image|cliché|byline)\b")
_TOLD = re.compile(
    r"(?i)[©@]\s?\w|\b(?:auteur|autrice|author|writer|editor|[ée]diteur|r[ée]dact\w*|"
    r"photo(?:graph\w*)?|cr[ée]dits?|sign[ée]e?|written by|reporting by|par\s+(?-i:[A-Z])|"
    r"by\s+(?-i:[A-Z]))\b")


def byline_asked(question: str) -> bool:
    """Whether the question asks who wrote an article or took a picture."""
    return bool(_ASKED.search(question) and _WORK.search(question))


def byline_told(text: str) -> bool:
    """Whether `text` credits an author or a picture."""
    return bool(_TOLD.search(text))
