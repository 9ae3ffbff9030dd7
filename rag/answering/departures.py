"""A departure asked and none told: "Which countries have left the CSTO since it was formed in
1992?" over "Le bloc de sécurité, composé de six anciens États soviétiques – Arménie,
Biélorussie, ... – a été formé en 1992" (traps_study57 t57_017/018). The question takes as
given that someone left; a sentence that tells no leaving, withdrawal or suspension lists who
is there, not who went.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.text import fold

# a departure asked, by its verb: "have left", "left the", "quit", "withdrew from", "pulled
# out of", "a quitté", "se sont retirés de", "est sorti de" (not "were left" / "is left",
# what remains, nor "the left")
_ASKED = re.compile(
    r"(?i)(?<![\w-])(?:(?:has|have|had)\s+(?:(?:already|since|ever|also|recently)\s+)?"
    r"(?:left|quit|withdrawn|exited|pulled\s+out)|(?<!were\s)(?<!was\s)(?<!is\s)(?<!are\s)"
    r"(?<!be\s)(?<!been\s)(?<!the\s)left\s+(?:the|its|their)|quit\s+the|withdrew|"
    r"exited|pulled\s+out\s+of|quitt[ée]e?s?|quitter|se\s+(?:sont|est)\s+retir[ée]e?s?|"
    r"s['’]est\s+retir[ée]e?|(?:s['’]est|se\s+sont)\s+(?:désengag|retir)\w*|"
    r"(?:est|sont)\s+sorti(?:e|s|es)?\s+de)(?![\w-])")
_WH = re.compile(r"(?i)^\s*(?:[^\s?]+\s+){0,3}?(?:which|what|who|how\s+many|quels?|quelles?|"
                 r"qui|combien|lesquel\w*|laquelle|lequel)(?![\w-])")
_ASKED_NEGATED = re.compile(r"(?i)(?<![\w-])(?:not|never|pas|jamais)(?![\w-])|n['’]t(?![\w-])")
# a leaving, withdrawal, suspension or a negation told (folded text, either language)
_TOLD = re.compile(r"(?<![\w-])(?:quitt\w*|left|leav\w*|retir\w*|retrait\w*|withdr\w*|sorti\w*|"
                   r"depart\w*|exit\w*|pull\w*\s+out|desengag\w*|abandon\w*|suspend\w*|"
                   r"suspension|gel\w*|froze\w*|freez\w*|exclu\w*|expel\w*|not|never|pas|"
                   r"jamais|aucun\w*|none|no)(?![\w-])|n['’]t(?![\w-])")


def departure_asked(question: str) -> bool:
    """Whether a wh-question takes a departure as given (and asks of it)."""
    if len(question) > 300 or not _WH.match(question):
        return False
    m = _ASKED.search(question)
    return m is not None and not _ASKED_NEGATED.search(question)


def departure_untold(question: str, texts: Iterable[str]) -> bool:
    """Whether `question` takes a departure as given and none of `texts` tells one (nor any
    negation): the sentences then say who is there, not who left."""
    return departure_asked(question) and not any(_TOLD.search(fold(t).lower()) for t in texts)
