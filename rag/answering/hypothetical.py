"""What would have happened had things gone otherwise: "If Tokayev had not called on the CSTO,
how would Russia have responded?", "Si la Suisse n'avait pas été neutre, où la rencontre se
serait-elle tenue ?" (t52_001, t52_048). News tells what happened: a sentence answers such a
question only where it says what would or could have been ("aurait", "would have", "sans
l'intervention ..., le régime serait tombé"). An open condition ("If protesters were arrested,
what penalties could they face?") is no such question.
"""

from __future__ import annotations

import re

# (read in the question's first QUESTION_CHARS: the clauses are short, and a bounded read
# keeps "had " x 500 from costing seconds)
QUESTION_CHARS = 400
# English: "if ... had (not) ... would/could/might (...) have", "if ... were not / had not
# ... would", "would have ... if ... had"
_ASKED_EN = re.compile(
    r"(?i)\bif\b[^?]{0,160}?\bhad\b[^?]{0,160}?\b(?:would|could|might)(?:\s+\w+){0,3}?\s+have\b|"
    r"\bif\b[^?]{0,160}?\b(?:had not|hadn['’]t|had never|were not|weren['’]t|was not|"
    r"wasn['’]t)\b[^?]{0,160}?\b(?:would|could|might)\b|"
    r"\b(?:would|could|might)(?:\s+\w+){0,3}?\s+have\b[^?]{1,160}?\bif\b[^?]{1,160}?\bhad\b")
# French: "si ... avait / était ... aurait / serait" (the conditional past)
_ASKED_FR = re.compile(
    r"(?i)\bsi\b[^?]{0,160}?\b(?:n['’])?(?:avai(?:t|ent)|étai(?:t|ent))\b[^?]{0,160}?"
    r"\b(?:aurai(?:t|ent)|serai(?:t|ent))\b")
_TOLD = re.compile(
    r"(?i)\b(?:would|could|might)(?: not|n['’]t)?(?:\s+\w+){0,2}?\s+have\b|\bwould['’]ve\b|"
    r"\bhad it not been\b|\b(?!\w*traits?\b)\w{2,}(?:rait|raient|rions|riez)\b")


def counterfactual_asked(question: str) -> bool:
    """Whether the question asks what would have happened otherwise."""
    head = question[:QUESTION_CHARS]
    return bool(_ASKED_EN.search(head) or _ASKED_FR.search(head))


def counterfactual_told(text: str) -> bool:
    """Whether `text` says what would or could have been."""
    return bool(_TOLD.search(text))
