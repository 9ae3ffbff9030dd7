"""A duration asked in full and only the time elapsed so far told: "How long did Kazakhstan's
internet shutdown last in total?" over "L'Internet est bloqué dans tout le pays depuis au
moins une journée entière" (traps_study56 t56_037, t56_038). "Depuis", "for the past", "des
dernières 24 heures" measure a state still going on when written: how long it lasted in the
end is after what the source knows. ("Depuis combien de temps ...?" asks the elapsed time.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.text import fold

# how long something lasted, in the end
_TOTAL_ASKED = re.compile(r"(?i)\bhow\s+long\s+did\b[^?]{0,120}?\blast\b|\bcombien\s+de\s+temps\b"
                          r"[^?]{0,120}?\bdur[ée]\w*|\b(?:durée\s+totale|total\s+duration)\b|"
                          # "How long was the internet shut down?", "Quelle a été la durée ...?"
                          r"\bhow\s+long\s+(?:was|were)\b|\bquelle\s+(?:a\s+été|fut|était)\s+"
                          r"la\s+durée\b")
_UNIT = (r"(?:journees?|jours?|heures?|semaines?|mois|ans|annees?|minutes?|days?|hours?|weeks?|"
         r"months?|years?)")
_DURATION = re.compile(r"\b(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|a|an|"
                       r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|"
                       r"plusieurs|quelques)\s+(?:[a-z]+\s+)?" + _UNIT + r"\b")
# what makes a duration the time elapsed so far: one of these right before it, at most two
# words between ("depuis au moins une journée", "des dernières 24 heures", "for the past three
# days"; not "Depuis 1643, Louis XIV régna 72 ans", nor "The last siege lasted four months")
_ONGOING = re.compile(r"\b(?:depuis|since|so\s+far|jusqu['’]ici|jusqu['’]a\s+present|for\s+the\s+"
                      r"(?:past|last)|over\s+the\s+(?:past|last)|(?:des|ces|les)\s+dernieres?|"
                      r"for\s+more\s+than|(?:the\s+)?(?:past|last))(?:\s+[^\s,;.]+){0,2}\s*$")
ONGOING_WITHIN = 30  # characters before a duration read for an ongoing marker


def only_elapsed(question: str, texts: Iterable[str]) -> bool:
    """Whether `question` asks how long something lasted in all and every duration `texts`
    give is time elapsed so far (and they give one)."""
    if not _TOTAL_ASKED.search(question):
        return False
    marks: list[bool] = []
    for text in texts:
        folded = fold(text)
        for m in _DURATION.finditer(folded):
            marks.append(bool(_ONGOING.search(folded[max(0, m.start() - ONGOING_WITHIN):
                                                     m.start()])))
    return bool(marks) and all(marks)
