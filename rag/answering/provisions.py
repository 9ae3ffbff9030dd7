"""What a document provides, when a question asks it: "What conditions did the separate
peacekeeping agreement lay down ...?", "Que stipulent les accords de sécurité entre le
Kazakhstan et la Russie ...?" (t52_007, t52_028). A sentence that only names the document ("dans
le cadre des accords de sécurité", "a été envoyée pour une période limitée") does not say what
it provides; one that does says so ("l'article 2 prévoit", "stipulates that", "aux termes de").
"""

from __future__ import annotations

import re

# what ... (a document) ... provides / lays down / stipulates
_OPENS = re.compile(r"(?i)^\s*(?:what|que|qu['’]|quelles?|quels?)\b")
_PROVIDES = (r"stipul\w*|lay(?:s)? down|laid down|set(?:s)? out|provides?(?! for\b)|provided|"
             r"provides? for|pr[ée]voi\w*|pr[ée]voyai\w*|[ée]nonc\w*|impos\w*|fix\w*")
_ASKED_VERB = re.compile(rf"(?i)\b(?:{_PROVIDES})\b")
_DOCUMENT = re.compile(r"(?i)\b(?:accords?|agreements?|trait[ée]s?|treat(?:y|ies)|articles?|"
                       r"r[ée]solutions?|lois?|laws?|d[ée]crets?|decrees?|contrats?|contracts?|"
                       r"chartes?|charters?|conventions?|pactes?|pacts?|m[ée]morandums?|"
                       r"memorand(?:um|a)|protocoles?|protocols?)\b")
_TOLD = re.compile(
    rf"(?i)\b(?:{_PROVIDES}|pr[ée]vu\w*|dispos\w*|provision\w*|states? that|stipulat\w*|"
    r"selon (?:lequel|laquelle|lesquels|lesquelles)|aux termes d\w*|en vertu d\w*|"
    r"under which|under (?:its|the) terms|conform[ée]ment|engag\w* [àa]|commit\w* to|"
    r"oblig\w*|autoris\w*|authori[sz]\w*|permet\w*|allows?)\b")


def provisions_asked(question: str) -> bool:
    """Whether the question asks what a document provides."""
    return bool(_OPENS.match(question) and _ASKED_VERB.search(question)
                and _DOCUMENT.search(question))


def provisions_told(text: str) -> bool:
    """Whether `text` says what a document provides."""
    return bool(_TOLD.search(text))
