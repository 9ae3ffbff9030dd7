"""Yes or no, where a yes/no question's answer sentence tells the deed asked plainly.

"Did Armenia confirm that it would take part in the operation?" is answered by "l'Arménie ...
a confirmé ce matin sa participation à cette opération": the quote alone leaves the reader to
infer the yes. The extractive writer says it first ("Yes [1]."), citing the sentence it reads
it from, only where that is safe: the question is a plain yes/no one (not negated, not "X or
Y?"), its verb is read plainly (`yes_no.asked_verb`), the sentence tells that verb, and either
a negation governs it ("n'a pas confirmé", "did not confirm": no) or the sentence holds no
negation, hedge or condition at all (yes). Anything else says neither.
"""

from __future__ import annotations

import re

from rag.answering.yes_no import deed_told, verb_positions
from rag.text import fold

WORDS = {"yes": {"en": "Yes", "fr": "Oui"}, "no": {"en": "No", "fr": "Non"}}

# a question that denies, or offers two answers, is not answered by yes or no plainly
_NEGATED_ASKED = re.compile(r"(?i)(?<![\w-])(?:not|n['’]t|never|no|ne|n['’]|pas|jamais|"
                            r"aucun\w*|ni|nor)(?![\w-])")
_ALTERNATIVE = re.compile(r"(?i)(?<![\w-])(?:or|ou|either|soit)(?![\w-])")
# a negation, a refusal, a hedge or a condition anywhere: no plain yes
_ANY_DOUBT = re.compile(
    r"(?i)(?<![\w-])(?:not|n['’]t|never|no|none|nor|without|neither|ne|n['’]|pas|jamais|"
    r"aucun\w*|ni|sans|non|refus\w*|refuse\w*|declin\w*|reject\w*|rejet\w*|deni\w*|deny|"
    r"d[ée]ment\w*|ni[ée]\w*|probabl\w*|peut-être|perhaps|maybe|possibl\w*|likely|unlikely|"
    r"reportedly|allegedly|apparently|semble\w*|seem\w*|appear\w*|pourrai\w*|could|might|may|"
    r"would|should|if|si|whether|unless|sauf|unconfirmed|rumou?r\w*|rumeur\w*|selon|"
    r"according|d['’]après|claim\w*|prétend\w*|aurai\w*|serai\w*|devrai\w*|"
    r"\w+(?:rait|raient))(?![\w-])")
# a negation just before the verb: "n'a pas confirmé", "ne sera pas utilisé", "did not
# confirm", "has never sent", "refused to send"
_DENIED_BEFORE = re.compile(
    r"(?i)(?:(?<![\w-])(?:not|n['’]t|never|ne|n['’])(?:\s*[\w’'-]+){0,4}?\s*(?:pas|jamais|"
    r"plus|point|not|never)?|(?<![\w-])(?:refus\w*|declin\w*|rejet\w*|reject\w*)\s+"
    r"(?:de|d['’]|to))\s*(?:[\w’'-]+\s+){0,3}$")


def polarity(question: str, verb: tuple[str, str], sentence: str, sentence_lang: str
             ) -> str | None:
    """"yes", "no" or None (say neither) for the sentence quoted first in answer to
    `question`, whose asked verb is `verb` ((folded verb, its language); ("", "") when the
    question is no plain yes/no one)."""
    if not verb[0] or len(question) > 300 or len(sentence) > 1_000:
        return None
    if _NEGATED_ASKED.search(question) or _ALTERNATIVE.search(question):
        return None
    if not deed_told(*verb, sentence, sentence_lang):
        return None
    where = verb_positions(*verb, sentence, sentence_lang)
    if not where:
        return None  # told by an opposite or a synonym: not plain enough
    for at in where:  # (read back to the start of the verb's clause)
        start = max(sentence.rfind(p, 0, at) for p in ",;:") + 1
        if _DENIED_BEFORE.search(fold(sentence[start:at])):
            return "no"
    return None if _ANY_DOUBT.search(fold(sentence)) else "yes"
