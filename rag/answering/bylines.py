"""Who wrote an article or took its picture, when a question asks it: "Quel journaliste a signé
l'article de Press TV ...?", "Who took the photograph of Putin and Tokayev ...?" (t52_016,
t52_045). A byline or a credit says so ("Auteur : AubeDigitale", "©Reuters", "Photo : X",
"par Jean Dupont"); a sentence of the story naming people does not.
"""

from __future__ import annotations

import re

# who wrote, signed or took the work itself: the article, the text, the picture (not "who
# signed the treaty", "which journalist was arrested after publishing an article", "who took
# the decision, according to the article", "which photographer won a prize for the image")
_WORK = (r"(?:(?:the|this|that|l['’]|le|la|ce|cet|cette)\s*)?(?:article|story|report|piece|"
         r"dépêche|reportage|byline)")
_PICTURE = (r"(?:(?:the|this|that|la|le|l['’]|ce|cette)\s*)?(?:photo\w*|picture|image|cliché)")
_ASKED = re.compile(
    rf"(?i)\b(?:who (?:wrote|signed|authored) {_WORK}|who (?:took|shot) {_PICTURE}|"
    rf"(?:which|what) (?:journalist|reporter|writer|author) (?:wrote|signed|authored) {_WORK}|"
    rf"quel(?:le)? (?:journaliste|reporter|auteur|autrice|rédacteur|rédactrice) a (?:écrit|"
    rf"signé|rédigé) {_WORK}|qui a (?:écrit|signé|rédigé) {_WORK}|"
    rf"qui a pris {_PICTURE}|(?:quel(?:le)? photographe|qui) a (?:pris|réalisé|signé) "
    rf"{_PICTURE}|who (?:is|was) (?:listed as )?the (?:author|writer|editor|photographer) of "
    rf"(?:{_WORK}|{_PICTURE})|the (?:author|writer|photographer) of (?:{_WORK}|{_PICTURE})|"
    rf"l['’](?:auteur|autrice) (?:de|du|des) (?:{_WORK}|{_PICTURE}))\b")
_TOLD = re.compile(
    r"(?i)[©@]\s?\w|\b(?:auteur|autrice|author|writer|editor|[ée]diteur|r[ée]dact\w*|"
    r"photo(?:graph\w*)?|cr[ée]dits?|sign(?:ed|[ée]e?s?)|written by|reporting by|wrote|"
    r"[ée]crit\w*|compos[ée]\w*|composed|prepared by|r[ée]dig[ée]\w*|promulg\w*|"
    r"par\s+(?-i:[A-Z])|by\s+(?-i:[A-Z]))\b")


def byline_asked(question: str) -> bool:
    """Whether the question asks who wrote an article or took a picture."""
    return bool(_ASKED.search(question))


def byline_told(text: str) -> bool:
    """Whether `text` credits an author or a picture."""
    return bool(_TOLD.search(text))
