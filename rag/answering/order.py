"""Whether a claim tells two events in the other order than its source: "démis de ses
fonctions après avoir été arrêté" over "arrêté ... après avoir été démis de ses fonctions",
"removed after being arrested" over "arrested after being removed". The sentence embedding
reads both as the same statement; which verb stands on which side of "après" / "after" says
otherwise.

Read narrowly: the event before the marker is the participle after the last auxiliary of its
clause ("a été arrêté", "was removed"), the event after it the first word after "avoir été",
"être", "being", "having been" ("après avoir été démis", "after being arrested"). Only when the
claim's two events are the sentence's two, exchanged, does it count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.language import detect_language
from rag.answering.lexicon import other_language_keys
from rag.short_text_cache import short_text_cache
from rag.text import fold

# the event after the marker: "après avoir été démis", "après être parti", "after being
# arrested", "after having been removed", "after he was arrested"
_AFTER = re.compile(
    r"(?i)(?<![\w’'-])(?:apr[èe]s\s+(?:avoir\s+(?:[ée]t[ée]\s+)?|[êe]tre\s+)|"
    r"after\s+(?:being\s+|having\s+(?:been\s+)?|(?:he|she|they|it)\s+(?:was|were|had\s+been)\s+))"
    r"([^\W\d_]{3,})")
# the event before it: the participle after an auxiliary, within the same clause
_BEFORE = re.compile(
    r"(?i)(?<![\w’'-])(?:a|ont|avait|avaient|est|sont|[ée]tait|[ée]taient|[ée]t[ée]|fut|"
    r"was|were|been|has|have|had|is|are)\s+(?!(?:[ée]t[ée]|been|pas|not|d[ée]j[àa]|already)\b)"
    r"([^\W\d_]{3,})")
_CLAUSE_END = re.compile(r"[,;:.!?«»\"“”]")
READ = 300  # characters read before the marker for its clause's auxiliary


def _key(word: str) -> str:
    w = fold(word)
    return w[:5] if len(w) > 5 else w


@short_text_cache(4096)
def _events(text: str) -> tuple[str, str] | None:
    """(word before, word after) of the first "X after being Y" of `text`,
    folded and cut to five letters; None when it has none."""
    m = _AFTER.search(text)
    if m is None:
        return None
    before = text[max(0, m.start() - READ):m.start()]
    parts = _CLAUSE_END.split(before)
    clause = parts[-1] if parts else ""
    # (a parenthesis closes no clause: "chef du Comité national de sécurité (KNB) après ...")
    found = list(_BEFORE.finditer(clause))
    if not found:
        return None
    return _key(found[-1].group(1)), _key(m.group(1))


def order_swapped(claim: str, sentence: str) -> bool:
    """Whether `claim` tells the two events of `sentence` around "après" / "after", in the
    other order (same language by the first five letters of each word)."""
    ours, theirs = _events(claim), _events(sentence)
    if ours is None or theirs is None or ours[0] == ours[1]:
        return False
    return ours[0] == theirs[1] and ours[1] == theirs[0]


# "the same day" / "le même jour": the claim puts a second event on the day of its first
_SAME_DAY = re.compile(r"(?i)(?<![\w’'-])(?:(?:the|that)\s+same\s+day|(?:le|ce)\s+m[êe]me\s+jour|"
                       r"le\s+jour\s+m[êe]me|on\s+the\s+same\s+day)(?![\w’'-])")


def says_same_day(claim: str) -> bool:
    """Whether `claim` puts an event on the day of another it tells ("the same day"): its
    parts are not judged apart (the second has lost its day)."""
    return _SAME_DAY.search(claim) is not None


def same_day_apart(claim: str, claim_days: Sequence[frozenset[str]],
                   sentence_days: Sequence[frozenset[str]]) -> bool:
    """Whether `claim` says "the same day" of a day its passage gives one event of while
    another of its sentences gives another day: "arrived on Thursday, and Belarus flew in its
    task force the same day" over "... arriver jeudi. La Biélorussie a déployé ... vendredi".
    `claim_days` holds the day keys of each of the claim's dates ("w:4", "d:1-6"), and
    `sentence_days` those of each passage sentence. Only a claim with one day is read, and
    days are compared by kind (a weekday with weekdays)."""
    if len(claim_days) != 1 or not claim_days[0] or not _SAME_DAY.search(claim):
        return False
    day = claim_days[0]
    kinds = {k[:2] for k in day}
    given = any(s & day for s in sentence_days)
    other = any(not (s & day) and any(k[:2] in kinds for k in s) for s in sentence_days)
    return given and other


# "X first, then Y": the claim's sequence markers ("a d'abord fait appel aux troupes ..., puis
# ... a limogé le gouvernement") and the passage's ("a initialement limogé le gouvernement ...
# Mais ... il a changé de tactique et invité les troupes")
_FIRST = re.compile(r"(?i)(?<![\w’'-])(?:d['’]abord|initialement|dans un premier temps|"
                    r"en premier lieu|first(?:ly)?|initially|at first)(?![\w’'-])")
_THEN = re.compile(r"(?i)(?<![\w’'-])(?:puis|ensuite|par la suite|avant de|then|later|"
                   r"subsequently|afterwards|before)(?![\w’'-])")
# what tells events against the text's order ("invité les troupes après avoir limogé")
# ... or that tells the second one as done before ("mais la veille il avait déjà limogé",
# "he had sacked", "earlier")
_AGAINST = re.compile(r"(?i)(?<![\w’'-])(?:apr[èe]s|after|avant|before|once|une fois|la veille|"
                      r"earlier|plus t[ôo]t|previously|auparavant|d[ée]j[àa]|already|"
                      r"avai(?:t|ent)|had)(?![\w’'-])")
_WORD = re.compile(r"[^\W\d_]{4,}")
_SEQ_STOP = frozenset(fold(w) for w in """
    avoir être été fait faire faute cause retour comme leur leurs elle elles have been being
    with from that this their they them into when while après avant then also aussi plus
""".split())


SEQ_WORDS = 40  # words of each event read


def _keys(word: str, lang: str) -> frozenset[str]:
    w = fold(word)
    return frozenset({w[:5], w[:4]}) | other_language_keys(w, lang)


def _word_index(passage: str) -> dict[str, list[int]]:
    """Where each of the passage's words is, by its first five and first four letters: read
    once a call (each claim word scanned every passage word: 2.8 s for a 19 KB /verify
    body, security review 43 F2)."""
    index: dict[str, list[int]] = {}
    for m in _WORD.finditer(passage):
        w = fold(m.group())
        index.setdefault(w[:5], []).append(m.start())
        if w[:4] != w[:5]:
            index.setdefault(w[:4], []).append(m.start())
    return index


def _at(index: dict[str, list[int]], keys: frozenset[str]) -> list[int]:
    """The positions of the passage's words whose first five or four letters are a key."""
    return sorted({pos for k in keys for pos in index.get(k, ())})


def sequence_swapped(claim: str, passage: str) -> bool:
    """Whether `claim` tells "first X, then Y" of two events the passage tells as Y first, in
    so many words: it marks its own order ("initialement" in the sentence of the first,
    "puis", "then" between them) with no "après" / "after" / "had" between them that would
    tell them against the text."""
    first = _FIRST.search(claim)
    then = _THEN.search(claim, first.end()) if first is not None else None
    if first is None or then is None:
        return False
    lang = detect_language(claim)
    after = re.split(r"[.;!?]", claim[then.end():], maxsplit=1)[0]  # to the sentence's end
    # (the first SEQ_WORDS words of each event: a claim of thousands of words between the
    # markers made the positions read words x passage words, diff review 43)
    a_all = dict.fromkeys(fold(w) for w in _WORD.findall(claim[first.end():then.start()]))
    b_all = dict.fromkeys(fold(w) for w in _WORD.findall(after))
    a = [w for w in a_all if w not in _SEQ_STOP and w not in b_all][:SEQ_WORDS]
    b = [w for w in b_all if w not in _SEQ_STOP and w not in a_all][:SEQ_WORDS]
    index = _word_index(passage)
    at_a = sorted(p for w in a for p in _at(index, _keys(w, lang)))
    at_b = sorted(p for w in b for p in _at(index, _keys(w, lang)))
    if len(at_a) < 2 or len(at_b) < 2:
        return False
    pa, pb = at_a[len(at_a) // 2], at_b[len(at_b) // 2]
    if pa <= pb:
        return False
    between = passage[pb:pa]
    if _AGAINST.search(between):
        return False
    # the passage marks its order: "initialement" in the sentence of the event it tells
    # first, or "puis", "ensuite", "then" between the two
    opening = max(passage.rfind(".", 0, pb), passage.rfind("!", 0, pb),
                  passage.rfind("?", 0, pb)) + 1
    return bool(_FIRST.search(passage[opening:pb + 1]) or _THEN.search(between))
