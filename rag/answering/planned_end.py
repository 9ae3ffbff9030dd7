"""The day something ended, where the sources give only the day it was set to last until:
"On what date was the state of emergency actually lifted?" over "Tokaïev a déclaré l'état
d'urgence jusqu'au 19 janvier" (traps_study57 t57_015/016). A date after "jusqu'au" / "until"
is a plan made when it was declared; it does not say when it ended.
"""

from __future__ import annotations

import re

from rag.text import fold

# the end of something asked ("was ... lifted", "a-t-il été levé", "prit fin", "when did ...
# end"), as folded words
_END_ASKED = re.compile(
    r"(?<![\w-])(?:lifted|lift|ended|end|expired?|rescinded|revoked|repealed|abolished|"
    r"leve|levee|leves|levees|prise?\s+fin|pris\s+fin|prendre\s+fin|terminee?s?|abroge\w*|"
    r"supprimee?s?|expire)(?![\w-])")
# a day or month written as the term it runs until
_UNTIL = re.compile(r"(?<![\w-])(?:jusqu['’]\s*(?:au|a|en)|until|till|through)\s+"
                    r"(?:le\s+|the\s+)?(?=\d|[a-z]{3,9}\s+\d)")
_DATE = re.compile(r"(?<![\w-])\d{1,2}(?:er)?\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|"
                   r"aout|septembre|octobre|novembre|decembre|january|february|march|april|may|"
                   r"june|july|august|september|october|november|december)(?![\w-])|"
                   r"(?<![\w-])(?:january|february|march|april|may|june|july|august|september|"
                   r"october|november|december)\s+\d{1,2}(?![\w-])")


# ... after a verb that set it in place ("a déclaré l'état d'urgence jusqu'au", "imposed a
# curfew until"), in the same clause: "la manifestation a duré jusqu'au 5 janvier" tells the end
_SET = re.compile(r"(?<![\w-])(?:declar\w*|decret\w*|instaur\w*|impos\w*|prolong\w*|etendu\w*|"
                  r"introdu\w*|extend\w*|extension|introduc\w*|valable\w*|valid\w*|vigueur|"
                  r"prevu\w*|planned|scheduled|set)(?![\w-])")
SET_WITHIN = 90  # characters before "jusqu'au" the verb is read in


def end_asked(question: str) -> bool:
    """Whether the question asks when something ended ("When was the curfew lifted?")."""
    return len(question) <= 300 and bool(_END_ASKED.search(fold(question).lower()))


def only_planned_end(text: str) -> bool:
    """Whether every date of `text` is the term something was set to run until."""
    if len(text) > 2_000:
        return False
    folded = fold(text).lower()
    dates = [m.start() for m in _DATE.finditer(folded)]
    terms = [m.end() for m in _UNTIL.finditer(folded)
             if _SET.search(re.split(r"[.;:]", folded[max(0, m.start() - SET_WITHIN):
                                                       m.start()])[-1])]
    return bool(dates) and all(any(0 <= d - t <= 1 for t in terms) for d in dates)
