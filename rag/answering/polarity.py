"""Yes or no, where a yes/no question's answer sentence tells the deed asked plainly.

"Did Armenia confirm that it would take part in the operation?" is answered by "l'Arménie ...
a confirmé ce matin sa participation à cette opération": the quote alone leaves the reader to
infer the yes. The extractive writer says it first ("Yes [1]."), citing the sentence it reads
it from, only where a wrong yes or no is unlikely, since a confident wrong one is the worst
answer there is:

- the question is a plain yes/no one (not negated, not "X or Y?"), its verb read plainly
  (`yes_no.asked_verb`), and each name it gives is in the sentence;
- the sentence writes that verb as a finite past right after its auxiliary ("a confirmé",
  "had confirmed", or an English past "confirmed" after its subject), with the question's
  first name (its subject) before it, no "que"/"that" between (reported words), and the
  question's other names in the verb's clause ("a limogé le gouvernement, et Nazarbaïev
  a conservé ..." does not say he dismissed Nazarbayev);
- yes: nothing in the sentence doubts, plans, demands, accuses or denies, and the passage
  denies nothing; no: the negation sits on that verb ("n'a pas confirmé", "did not
  confirm"), the rest as for yes.
Diff review 54 probed the first version (any mention of the verb): 40 of 75 probes gave a
wrong yes or no, for another party, a plan, a demand, a denial next door, "ne ... que".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.holds import _has_focus, _words
from rag.answering.yes_no import deed_told, verb_positions
from rag.text import fold

WORDS = {"yes": {"en": "Yes", "fr": "Oui"}, "no": {"en": "No", "fr": "Non"}}

# a question that denies, or offers two answers, is not answered by yes or no plainly
_NEGATED_ASKED = re.compile(r"(?i)(?<![\w-])(?:n['’]|(?:not|n['’]t|never|no|ne|pas|jamais|"
                            r"aucun\w*|ni|nor)(?![\w-]))")
_ALTERNATIVE = re.compile(r"(?i)(?<![\w-])(?:or|ou|either|soit)(?![\w-])")
# anything in the sentence that doubts, plans, wants, accuses, fails or denies (folded)
_ANY_DOUBT = re.compile(
    r"(?<![\w-])(?:n['’]|qu['’]|(?:not|n['’]t|never|none|nor|without|neither|ne|pas|jamais|"
    r"aucun\w*|que|only|seulement|"
    r"ni|sans|non|refus\w*|refuse\w*|declin\w*|reject\w*|rejet\w*|deni\w*|deny|dement\w*|"
    r"false\w*|faux|fausse\w*|ironi\w*|pretend\w*|alleg\w*|accus\w*|probabl\w*|peut-etre|"
    r"perhaps|maybe|possibl\w*|likely|unlikely|reportedly|apparently|semble\w*|seem\w*|"
    r"appear\w*|pourrai\w*|could|might|may|would|should|will|shall|if|si|whether|unless|"
    r"sauf|unconfirmed|rumou?r\w*|rumeur\w*|selon|according|d['’]apres|claim\w*|aurai\w*|"
    r"serai\w*|devr\w*|doi[tv]\w*|dev\w*|va|vont|going|expect\w*|attend\w*|plan\w*|prevu\w*|"
    r"project\w*|intend\w*|compt\w*|ask\w*|demand\w*|exig\w*|reclam\w*|request\w*|urg\w*|"
    r"appel\w*|call\w*|fail\w*|echou\w*|tent\w*|tried|try\w*|attempt\w*|yet|encore|vain|"
    r"wrong\w*|erron\w*|\w+(?:rait|raient|ront|era|eras))(?![\w-]))")
# the passage denies or corrects what a sentence says
_DENIAL = re.compile(r"(?<![\w-])(?:dement\w*|denied|denies|deny|refut\w*|false\w*|faux|"
                     r"fausse\w*|erron\w*|corrig\w*|correct(?:ed|ion))(?![\w-])")
# right before the verb: a finite past's auxiliary ("a confirmé", "had confirmed"), with at most
# one adverb; a passive or a perfect infinitive is not the deed done ("ont été attaqués")
_AUX_BEFORE = re.compile(r"(?<![\w-])(?:a|ont|avait|avaient|eut|eurent|has|have|had|did)\s+"
                         r"(?:[a-z]+ment\s+|also\s+|already\s+|deja\s+|aussi\s+|bien\s+)?$")
_NEG_BEFORE = re.compile(r"(?<![\w-])(?:n['’]\s*|ne\s+)(?:a|ont|avait|avaient)\s+(?:pas|jamais)\s+$"
                         r"|(?<![\w-])(?:did|has|have|had)\s+(?:not|never)\s+$"
                         r"|(?<![\w-])(?:didn['’]t|hasn['’]t|haven['’]t|hadn['’]t)\s+$")
_PASSIVE_BEFORE = re.compile(r"(?<![\w-])(?:ete|been|being|be|was|were|is|are|to|will|would)\s+$")
_REPORTED = re.compile(r"(?<![\w-])(?:que|qu['’]|that)(?![\w-])")
_CLAUSE_END = re.compile(r"[,;:]|(?<![\w-])(?:et|and|mais|but|tandis|while|whereas|alors)"
                         r"(?![\w-])")
BEFORE_CHARS = 40  # what is read before the verb for its auxiliary


def polarity(question: str, verb: tuple[str, str], sentence: str, sentence_lang: str,
             focus: Sequence[str] = (), passage: str = "") -> str | None:
    """"yes", "no" or None (say neither) for the sentence quoted first in answer to
    `question`, whose asked verb is `verb` ((folded verb, its language); ("", "") when the
    question is no plain yes/no one); `focus`: the question's names in its order (folded),
    the first its subject; `passage`: the text the sentence is from."""
    if not verb[0] or len(question) > 300 or len(sentence) > 1_000 or len(passage) > 20_000:
        return None
    if _NEGATED_ASKED.search(question) or _ALTERNATIVE.search(question) or not focus:
        return None
    if not deed_told(*verb, sentence, sentence_lang):
        return None
    folded = fold(sentence).lower()
    if _DENIAL.search(fold(passage).lower()):
        return None
    said = None
    for at in verb_positions(*verb, sentence, sentence_lang):
        before = folded[max(0, at - BEFORE_CHARS):at]
        if _PASSIVE_BEFORE.search(before):
            continue
        neg = _NEG_BEFORE.search(before)
        negated = neg is not None
        finite = negated or bool(_AUX_BEFORE.search(before)) or (
            verb[1] == "en" == sentence_lang and folded[at:].split(" ", 1)[0].endswith("ed"))
        if not finite or not _in_clause(focus[0], _names(question), sentence, at):
            continue
        said, rest = "yes", folded
        if neg is not None:  # (read for doubt without the negation it says no by)
            said, rest = "no", folded[:at - len(before) + neg.start()] + " " + folded[at:]
        break
    if said is None:
        return None
    return None if _ANY_DOUBT.search(rest) else said


def _names(question: str) -> set[str]:
    """The question's capitalised words past its first (folded): "EU" in "Did Kazakhstan
    accept the EU's offer?"."""
    caps = re.findall(r"(?<![\w-])[A-ZÀ-Ý][\w’'-]*", question)[1:]
    return {w for w in _words(" ".join(caps)) if len(w) >= 2}


def _in_clause(subject: str, names: set[str], sentence: str, at: int) -> bool:
    """Whether the subject is before the verb at `at`, with no "que"/"that" between, and the
    question's other names in the verb's clause (before the next clause break)."""
    head = sentence[:at]
    if not _has_focus(subject, _words(head)) or _REPORTED.search(fold(head).lower()):
        return False
    tail = sentence[at:]
    end = _CLAUSE_END.search(fold(tail).lower())
    clause = _words(head + " " + (tail[:end.start()] if end else tail))
    return all(_has_focus(name, clause) for name in names if name != subject)
