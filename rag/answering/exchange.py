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
from itertools import islice

from rag.answering.countries import country_code
from rag.answering.lexicon import other_language_keys
from rag.answering.weekdays import WEEKDAY_WORDS
from rag.text import STOPWORDS, fold

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_GROUP = re.compile(
    r"(?:manifestant|protester|protestor|demonstrator|emeutier|rioter|militaire|soldat|soldier|"
    r"troop|troupe|police|policier|forces|armee|army|gouvernement|government|autorite|"
    r"authorit(?:y|ie)|president|ministre|minister|terroriste|terrorist|citoyen|citizen|"
    r"habitant|resident|opposition|diplomate|diplomat|journaliste|journalist|rebelle|rebel|"
    r"insurge|insurgent|dirigeant|leader)s?")
# Relations where order says nothing of who did what: "entre policiers et manifestants",
# "Poutine s'est entretenu avec Tokaïev", "opposé les policiers aux manifestants"
_SYMMETRIC = re.compile(
    r"(?:entre|between|avec|with|oppos\w*|rencontr\w*|met|meet\w*|entretenu\w*|entretien\w*|"
    r"parl\w*|spoke|talk\w*|negoci\w*|negotiat\w*|discut\w*|discuss\w*|affront\w*|clash\w*|"
    r"heurts?|versus|contre|against|vs)")
_COORDINATION = frozenset("et and ou or ni nor".split())
EXCHANGE_MAX_WORDS = 120  # longer texts are not read (parties are compared pairwise)
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
    """A name (capitalised, not a day: "Vendredi, la Biélorussie ...", review 57) or a group
    ("soldats")."""
    if _bare(word) in WEEKDAY_WORDS:
        return False
    return re.split(r"['’]", raw)[-1][:1].isupper() or bool(_GROUP.fullmatch(_bare(word)))


def _near(words: Sequence[str], i: int, step: int) -> int | None:
    """The nearest content word from `i` in direction `step`."""
    i += step
    while 0 <= i < len(words):
        if _content(words[i]):
            return i
        i += step
    return None


def _symmetric(between: Sequence[str]) -> bool:
    """Whether two parties with `between` between them are coordinated or in a relation that
    goes both ways: order then gives neither a part of its own."""
    return all(w in _COORDINATION or not _content(w) for w in between) or any(
        _SYMMETRIC.fullmatch(_bare(w)) for w in between)


# A past participle and its agent: "attacked by", "soutenue par", "flown in by"
# (a whole word: not "le", nor a present participle, "le transportant par avion")
_PASSIVE_AGENT = re.compile(r"(?i)\b[^\W\d_]{2,}(?<!an)(?:[ée]e?s?|ie?s?|ue?s?|ed|en|wn|te?s?)\s+"
                            r"(?:[^\W\d_]+\s+)?(?:by|par)\b")


# ... a passive whose agent is a party named ("dénoncée par les États-Unis"; not "créé par
# décret", "diffusée par la télévision")
_PASSIVE_PARTY = re.compile(r"\b[^\W\d_]{2,}(?<!an)(?:[ée]e?s?|ie?s?|ue?s?|ed|en|wn|te?s?)\s+"
                            r"(?:[^\W\d_]+\s+)?(?:by|par)\s+(?:(?:les?|la|the)\s+|l['’])?"
                            r"[A-ZÀ-Ý]")


def _party_key(word: str, party: bool) -> str:
    """A party's key across languages: its country ("Belarus", "Biélorussie": "#BY"), else
    its first letters."""
    code = country_code(_bare(word)) if party else None
    return f"#{code}" if code else _key(word)


def _words_within(text: str, most: int = EXCHANGE_MAX_WORDS) -> list[str] | None:
    """The words of `text` when it has at most `most`, else None; at most `most` + 1 words
    are looked for, so a sentence of any length costs no more than one at the bound."""
    words = [m.group() for m in islice(_WORD.finditer(text), most + 1)]
    return words if len(words) <= most else None


def exchanged(claim: str, sentence: str, claim_lang: str | None = None) -> bool:
    """Whether the claim puts two parties of `sentence` each where the other stands: each
    party's neighbouring content words in the claim are the other's in the sentence (at least
    _GAIN more matched than in place), the two parties in the other order. With `claim_lang`
    the sentence is in the other language: parties are matched by country, and a neighbour
    by the lexicon's translations too ("Russia deployed a working group ... via Belarus" over
    "La Biélorussie a déployé un groupe de travail ... via la Russie"); subject, verb and
    object stand in the same order in English and French."""
    raw, s_raw = _words_within(claim), _words_within(sentence)
    if raw is None or s_raw is None:
        return False  # (counted before anything is folded or searched: a 13,000-character
        # sentence of 6,500 words had every word folded, twice a claim check, before this
        # bound was read; security review 55, F1)
    if claim_lang is not None and (_PASSIVE_AGENT.search(claim)
                                   or _PASSIVE_AGENT.search(sentence)):
        return False  # "Belarus was attacked by Russia" over "La Russie a attaqué la
        # Biélorussie": a passive puts the doer last (diff review 45)
    if claim_lang is None and bool(_PASSIVE_PARTY.search(claim)) != bool(
            _PASSIVE_PARTY.search(sentence)):
        return False  # ... in one language too: "une initiative que la Chine soutient et que
        # les États-Unis dénoncent" over "Une initiative dénoncée par les États-Unis mais
        # soutenue par la Chine" (blind_pairs44 v44_017)
    c = [fold(w).replace("’", "'") for w in raw]
    s = [fold(w).replace("’", "'") for w in s_raw]
    # a neighbour that is itself a party says nothing of where the other stands ("la Russie,
    # la Biélorussie, l'Arménie" in another order)
    c_party = [_party(r, w) for r, w in zip(raw, c, strict=True)]
    s_party = [_party(r, w) for r, w in zip(s_raw, s, strict=True)]
    if claim_lang is None:
        ck, sk = [_key(w) for w in c], [_key(w) for w in s]
        near_keys = [frozenset({k}) for k in ck]
    else:
        ck = [_party_key(w, p) for w, p in zip(c, c_party, strict=True)]
        sk = [_party_key(w, p) for w, p in zip(s, s_party, strict=True)]
        near_keys = [frozenset({k}) | other_language_keys(w, claim_lang)
                     for k, w in zip(ck, c, strict=True)]
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
                                 if a is not None and b is not None and sk[b] in near_keys[a]
                                 and not c_party[a] and not s_party[b]))
        return best

    # (across languages only countries, which are matched by what country they are: a
    # name's neighbours in the other language are too loosely placed, v8_003)
    parties = [i for i, w in enumerate(c) if _content(w) and c_party[i]
               and ck[i] in where and ck.count(ck[i]) == 1
               and (claim_lang is None or ck[i].startswith("#"))]
    for n, i in enumerate(parties):
        for j in parties[n + 1:]:
            if j - i < 2 or ck[i] == ck[j] or _symmetric(
                    [w for w, party in zip(c[i + 1:j], c_party[i + 1:j], strict=True)
                     if not party]):  # a list of parties is coordinated too
                continue
            in_place = fit(i, ck[i]) + fit(j, ck[j])
            exchange = fit(i, ck[j]) + fit(j, ck[i])
            if exchange >= 2 and exchange - in_place >= _GAIN:
                return True
    return False


# "de fermeté d'une part aux manifestants, de loyauté d'autre part vis-à-vis de Moscou": what
# is given or shown to whom. A quality, a word that points it at someone, the one it is for.
_TOWARDS = frozenset(fold(w) for w in """
    envers vis-à-vis aux au à towards toward to regarding contre against pour for
""".split())
_FILLER = frozenset(fold(w) for w in """
    part d'une d'autre de des du d'un the a an une un le la les l' of its their his her ses sa son
    leur leurs one other hand
""".split())
_BOUND_WITHIN = 4  # words between a quality, its pointer and the party


def _bindings(text: str, lang: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(quality keys, party keys) of each "quality towards party" of `text`; keys as
    `_key` makes them, with the lexicon's translations ("loyalty" has "loya" of "loyauté")."""
    raw = _WORD.findall(text)
    words = [fold(w).replace("’", "'") for w in raw]
    out = []
    for t, w in enumerate(words):
        if not (_content(w) and _party(raw[t], w)):
            continue
        pointer = next((k for k in range(t - 1, max(-1, t - _BOUND_WITHIN), -1)
                        if words[k] in _TOWARDS), None)
        if pointer is None or any(_content(x) and x not in _FILLER and x not in _TOWARDS
                                  for x in words[pointer + 1:t]):
            continue
        q = next((k for k in range(pointer - 1, max(-1, pointer - _BOUND_WITHIN), -1)
                  if words[k] not in _FILLER and words[k] not in _TOWARDS), None)
        if q is None or not _content(words[q]) or _party(raw[q], words[q]):
            continue
        out.append((_keys(words[q], lang), _keys(w, lang)))
    return out


def _keys(word: str, lang: str) -> frozenset[str]:
    return frozenset({_key(word)}) | other_language_keys(_bare(word), lang)


def bindings_swapped(claim: str, claim_lang: str, sentence: str, sentence_lang: str) -> bool:
    """Whether the claim points two qualities at two parties the other way round from the
    sentence: "loyalty to the protesters and firmness towards Moscow" over "de fermeté d'une
    part aux manifestants, de loyauté d'autre part vis-à-vis de Moscou". In either language
    (by the lexicon's translations; a name is written alike)."""
    ours, theirs = _bindings(claim, claim_lang), _bindings(sentence, sentence_lang)
    if len(ours) < 2 or len(theirs) < 2:
        return False

    def bound(q: frozenset[str], t: frozenset[str]) -> bool:
        return any(q & q2 and t & t2 for q2, t2 in theirs)

    for n, (q1, t1) in enumerate(ours):
        for q2, t2 in ours[n + 1:]:
            if q1 & q2 or t1 & t2 or bound(q1, t1) or bound(q2, t2):
                continue
            if bound(q1, t2) and bound(q2, t1):
                return True
    return False
