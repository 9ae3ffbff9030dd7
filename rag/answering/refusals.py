"""A refusal asked and none told: "Quel État membre de l'OTSC a refusé de participer à la
mission ?" over "Tous les membres de l'OTSC ont envoyé du personnel pour la mission" (blind53
b53_016). The question takes as given that someone refused; a sentence that names no refusal,
no negation and no vote against tells who took part, not who refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.text import fold

# a refusal asked, by its verb: "refused to", "a refusé de", "declined to", "rejected",
# "boycotted", "abstained", "voted against", "vetoed", "turned down" (not a number that
# "declined", nor "opposed": an opponent is named by what they said, not by a refusal; nor a
# noun, "the boycott", "le Refus global")
_ASKED = re.compile(r"(?i)(?<!pour )(?<!to )(?<!afin de )\b(?:refus(?:e|es|ed|ing|ai\w*|è\w*|é|ée|"
                    r"és|ées|er)\b(?!\s+global)|declin(?:e|ed|es|ing)\s+to\b|déclin(?:é|ée|és|"
                    r"ées)\b|reject(?:s|ed|ing)?\b(?<!the reject)|rejet(?:é|ée|és|ées|ait|aient|"
                    r"ons|ez|tent|te)\b|boycott(?:ed|ing|é|ée|és|ées)\b|abst(?:ain|ained|enu\w*|"
                    r"enir|iendr\w*)\b|vot(?:ed|é|ée|és|ées)\s+(?:against|contre)\b|"
                    r"veto(?:ed|es)?\b|turn(?:ed)?\s+down\b)")
# (a refusal as a purpose is not taken as given: "Quels termes ... a-t-il employés pour
# rejeter l'idée que ...?", blind44 b44_004; nor one in a relative clause, "Who proposed the
# plan that Parliament rejected?")
_RELATIVE = re.compile(r"(?i)\b(?:that|which|whom|que|qu['’]|dont|lequel|laquelle|lesquel\w*)\b"
                       r"|\bqu['’]")
# (the question's own opening word is none: "Which country ...", "Qu'est-ce que ...")
_WH_OPENING = re.compile(r"(?i)^\s*(?:(?:[^\s?]+\s+){0,5}?(?:which|what|whom|who)\b|"
                         r"qu['’]est-ce\s+qu(?:e\b|['’])|que\b|qu['’])")
# ... asked in the negative ("Which member did not refuse?", "N'a-t-il pas refusé ?") is no
# refusal taken as given
_ASKED_NEGATED = re.compile(r"(?i)\b(?:not|never|pas|jamais)\b|n['’]t\b")
# a refusal, a negation or a vote against told (folded text, either language)
_TOLD = re.compile(r"\b(?:refus\w*|declin\w*|reject\w*|rejet\w*|boycott\w*|boud\w*|absten\w*|"
                   r"abstain\w*|against|contre|not|never|no|none|pas|jamais|aucun\w*|ni|non|nor|"
                   r"sans|without|oppos\w*|veto\w*|down|repouss\w*|stay\w*\s+out|rest\w*\s+"
                   r"(?:a\s+l['’]ecart|en\s+dehors)|ecart\w*|ignor\w*|snub\w*|shun\w*)\b|n['’]t\b")


def refusal_asked(question: str) -> bool:
    """Whether `question` takes a refusal as given (and asks of it)."""
    m = _ASKED.search(question)
    return m is not None and not _ASKED_NEGATED.search(question[:m.start()]) \
        and not _RELATIVE.search(_WH_OPENING.sub("", question[:m.start()], count=1))


def refusal_untold(question: str, texts: Iterable[str]) -> bool:
    """Whether `question` takes a refusal as given and none of `texts` tells one (nor any
    negation): the sentences then say who did it, not who refused."""
    return refusal_asked(question) and not any(_TOLD.search(fold(t)) for t in texts)
