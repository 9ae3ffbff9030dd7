"""A question that takes as done what its sources only fear or call possible: "What damage did
the armed radicals cause when they attacked the Baikonur cosmodrome?" over "une alerte a été
émise ... en raison du risque d'une attaque par des radicaux armés", "Quels réseaux ... les
radicaux ont-ils sabotés ?" over "Les experts n'excluent pas que les radicaux puissent
organiser un sabotage" (traps_study53 t53_008, t53_048). The deed the question tells in the
past (its participle, or the verb after "when they") is named by the sentence only as a risk:
the sentence does not say it happened, so it tells nothing of its outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.text import fold

# the deed a question tells as done: a French participle after an inverted auxiliary ("ont-ils
# sabotés", "a-t-il attaqué"), an English past after "when/after/as" and a subject
_DONE_FR = re.compile(r"(?i)\b(?:a|ont|avait|avaient)(?:-t)?-(?:il|elle|ils|elles|on)\s+"
                      r"(?:été\s+)?([^\W\d_]{4,}(?:é|ée|és|ées|i|is|u|us|t|ts))\b")
_DONE_EN = re.compile(r"(?i)\b(?:when|after|as|once)\s+(?:they|he|she|it|the\s+\w+|\w+)\s+"
                      r"([a-z]{4,}ed)\b")
# a question that asks of a possibility itself ("What risk ...?", "Could ...?", "Que
# craignaient ...?") presupposes nothing done
_ASKS_POSSIBLE = re.compile(r"(?i)\b(?:risk|threat|fear\w*|danger|could|might|may|possib\w*|"
                            r"potential\w*|risque\w*|menace\w*|crain\w*|pourrai\w*|peut|"
                            r"pourrait|possib\w*|éventuel\w*)\b")
# what makes a deed a possibility: it follows one of these within a few words
_POSSIBLE = re.compile(r"\b(?:risques?\s+d|menaces?\s+d|craintes?\s+d|peur\s+d|"
                       r"n.exclu\w*\s+pas|pourrai\w*|puisse\w*|pourr\w+|possibles?|"
                       r"eventuel\w*|risk\s+of|threat\s+of|fears?\s+of|could|might|may|"
                       r"potential\w*|possible)\b")
STEM = 4
WITHIN_WORDS = 6


def done_asked(question: str) -> frozenset[str]:
    """The stems of the deeds `question` tells as done (none when it asks of a possibility)."""
    if _ASKS_POSSIBLE.search(question):
        return frozenset()
    words = [m.group(1) for m in _DONE_FR.finditer(question)]
    words += [m.group(1) for m in _DONE_EN.finditer(question)]
    return frozenset(fold(w)[:STEM] for w in words)


def _mentions(stems: frozenset[str], text: str) -> list[bool]:
    """For each word of `text` naming one of the deeds, whether it names it as a possibility
    (a few words after "risque d'", "n'excluent pas que", "could", ...)."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", fold(text))
    return [bool(_POSSIBLE.search(" ".join(words[max(0, k - WITHIN_WORDS):k])))
            for k, w in enumerate(words) if w[:STEM] in stems]


def only_possible(stems: frozenset[str], texts: Iterable[str]) -> bool:
    """Whether the sentences name the deeds (`stems`) and every time only as a possibility:
    then the sources do not say it happened, and no sentence tells what came of it."""
    if not stems:
        return False
    mentions = [m for text in texts for m in _mentions(stems, text)]
    return bool(mentions) and all(mentions)
