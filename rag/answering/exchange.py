"""Two parties exchanged in a claim written in its source's language: "les manifestants
avaient repris le contrôle de l'aéroport, saisi plus tôt par les militaires" over "les
militaires avaient repris le contrôle ..., saisi plus tôt par les manifestants".

Every word of such a claim is in its sentence, and the sentence embedding reads both as one
statement. What differs is where each party stands: the content words around each party in
the claim are those around the other party in the sentence. A party is a name (a capitalised
word) or a group people act as (protesters, soldiers, police ...). Only within one language:
across languages word order differs ("les soldats russes" / "Russian soldiers") and the
neighbours say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.text import STOPWORDS, fold

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_GROUP = re.compile(
    r"(?:manifestant|protester|protestor|demonstrator|emeutier|rioter|militaire|soldat|soldier|"
    r"troop|troupe|police|policier|forces|armee|army|gouvernement|government|autorite|"
    r"authorit(?:y|ie)|president|ministre|minister|terroriste|terrorist|citoyen|citizen|"
    r"habitant|resident|opposition|diplomate|diplomat|journaliste|journalist|rebelle|rebel|"
    r"insurge|insurgent|dirigeant|leader)s?")
EXCHANGE_MAX_WORDS = 120  # longer texts are not read (the check is quadratic in parties)
_GAIN = 2  # neighbours the exchange must match beyond those each party matches in place


def _bare(word: str) -> str:
    return word.split("'")[-1]


def _key(word: str) -> str:
    """As the coverage compares words: folded, the first four letters."""
    w = _bare(word)
    return w[:4] if len(w) > 4 else w


def _content(word: str) -> bool:
    w = _bare(word)
    return len(w) >= 4 and w not in STOPWORDS


def _party(raw: str, word: str) -> bool:
    return raw[:1].isupper() or bool(_GROUP.fullmatch(_bare(word)))


def _near(words: Sequence[str], i: int, step: int) -> int | None:
    """The nearest content word from `i` in direction `step`."""
    i += step
    while 0 <= i < len(words):
        if _content(words[i]):
            return i
        i += step
    return None


def exchanged(claim: str, sentence: str) -> bool:
    """Whether the claim puts two parties of `sentence` each where the other stands: each
    party's neighbouring content words in the claim are the other's in the sentence (at least
    _GAIN more matched than in place), the two parties in the other order."""
    raw = _WORD.findall(claim)
    c = [fold(w).replace("’", "'") for w in raw]
    s = [fold(w).replace("’", "'") for w in _WORD.findall(sentence)]
    if len(c) > EXCHANGE_MAX_WORDS or len(s) > EXCHANGE_MAX_WORDS:
        return False
    ck, sk = [_key(w) for w in c], [_key(w) for w in s]
    where: dict[str, list[int]] = {}
    for j, k in enumerate(sk):
        where.setdefault(k, []).append(j)
    c_near = [(_near(c, i, -1), _near(c, i, 1)) for i in range(len(c))]
    s_near = [(_near(s, j, -1), _near(s, j, 1)) for j in range(len(s))]

    def fit(i: int, key: str) -> int:
        """Neighbours of claim word `i` matched around the sentence's best `key`."""
        best = 0
        for j in where.get(key, ()):
            best = max(best, sum(1 for a, b in zip(c_near[i], s_near[j], strict=True)
                                 if a is not None and b is not None and ck[a] == sk[b]))
        return best

    parties = [i for i, w in enumerate(c) if _content(w) and _party(raw[i], w)
               and ck[i] in where and ck.count(ck[i]) == 1]
    for n, i in enumerate(parties):
        for j in parties[n + 1:]:
            if j - i < 2 or ck[i] == ck[j]:
                continue
            in_place = fit(i, ck[i]) + fit(j, ck[j])
            exchange = fit(i, ck[j]) + fit(j, ck[i])
            if exchange >= 2 and exchange - in_place >= _GAIN:
                return True
    return False
