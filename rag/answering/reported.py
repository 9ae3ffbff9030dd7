"""What a sentence tells of its own report, not of the event asked: the day a statement was
made ("ont eu une « longue » conversation téléphonique ..., a annoncé samedi le Kremlin" dates
the announcement, not the call: traps_study56 t56_021, t56_022), and words said only as a
forecast ("il est probable que nous allons entendre les principaux réseaux américains ..." is
no report of what they said: t56_003, t56_004).
"""

from __future__ import annotations

import re

from rag.answering.weekdays import FOLDED_DAYS, FOLDED_MONTHS
from rag.text import fold

_DAY_WORDS = (r"(?:" + FOLDED_DAYS + r"|hier|yesterday|aujourd['’]hui|today|ce\s+matin|"
              r"ce\s+soir|this\s+morning|tonight)")
# a day right after a reporting verb in an incise (", a annoncé samedi le Kremlin", ", the
# Kremlin said on Saturday"): not the deed's own verb ("Le gouvernement a ajouté lundi trois
# régions", "Le président a déclaré mercredi le couvre-feu")
_REPORTED_DAY = re.compile(
    r",\s*(?:a|ont|avait|avaient)\s+(?:annonce|indique|declare|precise|affirme|rapporte|confirme|"
    r"fait\s+savoir|souligne|ajoute|dit|communique|explique)e?s?\s+(?:ce\s+)?" + _DAY_WORDS +
    r"\b|,\s*(?:[a-z]+\s+){0,3}?(?:announced|said|stated|reported|confirmed|told|added|declared|"
    r"explained)\s+(?:in\s+a\s+statement\s+)?(?:on\s+)?" + _DAY_WORDS + r"\b|"
    # ... or a statement's own day ("selon un communiqué publié samedi", "in a statement
    # released on Saturday")
    r"\bselon\s+(?:un|le)\s+communique\s+(?:publie|diffuse)\s+(?:ce\s+)?" + _DAY_WORDS +
    r"\b|\bin\s+a\s+statement\s+(?:released|issued|published)\s+(?:on\s+)?" + _DAY_WORDS +
    r"\b")
# any day or year (a year told elsewhere in the sentence dates its deed: "Kazakhstan became
# independent in 1991, Tokayev said on Monday")
_ANY_DAY = re.compile(r"\b" + _DAY_WORDS + r"\b|\b\d{1,2}(?:er)?\s+" + FOLDED_MONTHS +
                      r"\b|\b(?:1[0-9]|20)\d\d\b")
# the question asks of a report or words said ("Quel jour le Kremlin a-t-il fait état de
# ...?", "Quel jour Xi Jinping a-t-il dénoncé ...?"): the day of the saying is what is asked
_REPORT_ASKED = re.compile(r"(?i)\b(?:annonc\w*|announc\w*|indiqu\w*|d[ée]clar\w*|pr[ée]cis\w*|"
                           r"affirm\w*|rapport\w*|report\w*|confirm\w*|said|say\w*|told|tell\w*|"
                           r"communiq\w*|publi\w*|statements?|stat(?:ed|es|ing)|state(?=\s+(?:that|what|when|"
                           r"whether|it|this)\b)|fait\s+(?:état|savoir|"
                           r"conna[iî]tre)|d[ée]non[cç]\w*|denounc\w*|accus\w*|appel\w*|call\w*|"
                           r"condamn\w*|condemn\w*|critiqu\w*|critici\w*|exprim\w*|express\w*|"
                           r"estim\w*|warn\w*|pr[ée]venu\w*|averti\w*|qualifi\w*|soulign\w*|"
                           r"stress\w*|comment\w*|r[ée]pon\w*|respond\w*|repl\w*|insist\w*|"
                           r"assur\w*|promis\w*|exhort\w*|urg\w*|salu\w*|welcom\w*|"
                           r"remerci\w*|thank\w*|ni[ée]\w*|den(?:y|ied|ies)|d[ée]menti\w*|"
                           r"tweet\w*|post\w*|écrit|wrote|write\w*)\b")


def only_report_dated(question: str, text: str) -> bool:
    """Whether every day `text` gives is the day it was reported on, and the question does not
    ask of a report."""
    if _REPORT_ASKED.search(question):
        return False
    folded = fold(text)
    reported = [m.span() for m in _REPORTED_DAY.finditer(folded)]
    if not reported:
        return False
    return all(any(a <= m.start() < b for a, b in reported) for m in _ANY_DAY.finditer(folded))


# words said asked as said ("What did X say ...?", "Qu'ont dit ...?")
_SAID_ASKED = re.compile(r"(?i)\bwhat\s+(?:did|have|has|had)\s+[^?]{1,80}?\b(?:say|said|tell|told|"
                         r"declare|declared|state|stated|write|written|report|reported)\b|"
                         r"\bqu['’](?:a|ont|avait|avaient)(?:-t)?(?:-(?:il|elle|ils|elles|on))?\s+"
                         r"(?:[^?\s]+\s+){0,6}?(?:dit|déclaré|affirmé|écrit|rapporté)\b")
# ... and a sentence telling them only as foreseen (not a hedge: "étaient probablement
# manipulés" reports what was said)
_FORECAST = re.compile(r"\b(?:(?:nous|on)\s+(?:allons|va|devrions|devrait)\s+(?:entendre|lire)|"
                       r"s['’]attend(?:re)?\s+a\s+ce\s+que|we\s+(?:will|are\s+going\s+to|"
                       r"should)\s+(?:hear|read)|(?:is|are)\s+(?:likely|expected)\s+to\s+"
                       r"(?:say|claim|announce)|will\s+(?:probably|likely)\s+(?:say|claim|"
                       r"announce))\b")


def only_foreseen(question: str, text: str) -> bool:
    """Whether the question asks what was said and `text` tells it only as foreseen."""
    return bool(_SAID_ASKED.search(question)) and bool(_FORECAST.search(fold(text)))
