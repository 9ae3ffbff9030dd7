"""What would have happened had things gone otherwise: "If Tokayev had not called on the CSTO,
how would Russia have responded?", "Si la Suisse n'avait pas été neutre, où la rencontre se
serait-elle tenue ?" (t52_001, t52_048). News tells what happened: a sentence answers such a
question only where it says what would or could have been ("aurait", "would have", "sans
l'intervention ..., le régime serait tombé").
"""

from __future__ import annotations

import re

_ASKED = re.compile(
    r"(?i)\b(?:if|had)\b[^?]{2,160}?\b(?:had(?:n['’]t)?|were(?:n['’]t)?)\b[^?]*\b(?:would|could|"
    r"might)\b|\b(?:would|could|might)\b[^?]{0,160}?\bhave\b[^?]{1,160}?\bif\b[^?]{1,160}?"
    r"\bhad\b|"
    r"\bsi\b[^?]{2,160}?\b(?:n['’])?(?:avai(?:t|ent)|étai(?:t|ent))\b[^?]*\b(?:aurai(?:t|ent)|"
    r"serai(?:t|ent)|pourrai(?:t|ent)|aurai(?:t|ent)-(?:il|elle|ils|elles)|"
    r"serai(?:t|ent)-(?:il|elle|ils|elles))")
_TOLD = re.compile(
    r"(?i)\b(?:would|could|might)(?: not|n['’]t)? have\b|\bhad it not been\b|"
    r"\b(?:aurai(?:t|ent)|serai(?:t|ent)|pourrai(?:t|ent)|aurions|serions)\b")


def counterfactual_asked(question: str) -> bool:
    """Whether the question asks what would have happened otherwise."""
    return bool(_ASKED.search(question))


def counterfactual_told(text: str) -> bool:
    """Whether `text` says what would or could have been."""
    return bool(_TOLD.search(text))
