"""A sentence that stops on an ellipsis does not say what its last words lead to: "il pourrait
s'avérer très difficile de déplacer des forces russes importantes, ..., compte tenu d'autres
facteurs…" names no factor, and "les États membres lancent immédiatement le mécanisme de
consultations paritaires… »" (a treaty quoted in part) does not say what follows the
consultations. A question that restates those last words ("Quels « autres facteurs » ...?",
"what must member states do once they have launched the joint consultation mechanism?") asks
what the source left out (traps_study54: t54_031, t54_032)."""

from __future__ import annotations

import re

from rag.text import fold, tokenize

# an ellipsis closing the sentence, before any closing quote or bracket
_CUT = re.compile(r"(?:…|\.\.\.)[\s»”\"’')\]]*$")
_CLAUSE_MARKS = re.compile(r"[,;:«»“”…()\[\]]")
TAIL_WORDS = 3  # the last content words of the cut clause ...
TAIL_ASKED = 2  # ... of which the question restates this many
# (three first letters: "mécanisme" / "mechanism", "consultations" / "consultation")
PREFIX = 3


def cut_before_asked(question: str, text: str) -> bool:
    """Whether `text` stops on an ellipsis right after words the question restates."""
    m = _CUT.search(text)
    if m is None:
        return False
    tail = _CLAUSE_MARKS.split(text[:m.start()])[-1]
    words = [w for w in tokenize(tail, "none") if len(w) > PREFIX][-TAIL_WORDS:]
    if len(words) < TAIL_ASKED:
        return False
    asked = {w[:PREFIX] for w in tokenize(question, "none") if len(w) > PREFIX}
    tail = {w[:PREFIX] for w in words}
    if sum(1 for w in words if w[:PREFIX] in asked) < TAIL_ASKED:
        return False
    # ... and asks what they lead to: the thing it asks for is among them ("Quels « autres
    # facteurs » ...?"), or what comes once they are done ("what must member states do once
    # they have launched ...?"); not "Quel article ... prévoit le lancement de consultations
    # paritaires ?" (the article opens the sentence), nor "Sous quelle forme ... le tournage
    # du clip ?" over "J'ai hâte de tourner le clip de notre chanson…"
    thing = _THING_ASKED.search(question)
    if thing and any(fold(w)[:PREFIX] in tail for w in thing.groups() if w and len(w) > PREFIX):
        return True
    return bool(_NEXT_ASKED.search(question))


# the thing a question asks for: the words after "quel", "which", "what"
# (the spaces after the question word read whole: "\s+" and "\s*" split a run of them every
# way, review 52 N2)
_THING_ASKED = re.compile(r"(?i)\b(?:quel(?:le)?s?|which|what)\s++[«“\"]?\s*+([^\W\d_]+)"
                          r"(?:\s+([^\W\d_]+))?")
# what comes once a thing is done
# (not "after": "What happened after the fall of the Berlin Wall?" may be answered by a
# sentence beside one cut short there)
_NEXT_ASKED = re.compile(r"(?i)\b(?:once|une\s+fois|dès\s+que|dès\s+qu['’])")
