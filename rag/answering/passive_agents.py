"""Who a passive verb says did it, in a claim and in its sentence: "une initiative dénoncée
par les États-Unis mais soutenue par la Chine" restated as "saluée par les États-Unis mais
dénoncée par la Chine" gives the denouncing to China.

Every name and word of such a claim is in its sentence, and the embedding reads both as one
statement. What differs is which agent follows which verb. A claim's (verb, agent) pair is
contradicted when the sentence has the same verb with another agent, never with the claim's,
and the claim's agent behind another verb of its own: the two were exchanged, not replaced
(a replaced name is missing from the sentence, which the anchors check).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.text import fold

# A past participle (French or English) then "par"/"by", an article, and a capitalised name of
# one to three words ("les États-Unis", "the Kremlin", "Vladimir Poutine")
_BY_AGENT = re.compile(
    r"(?<![\w-])([^\W\d_]{3,}(?:ée?s?|ie?s?|ue?s?|te?s?|ed|en))\s+(?:par|by)\s+"
    r"(?:(?:les|le|la|l['’]|the)\s*)?([A-ZÀ-Ý][\w’'-]*(?:\s+[A-ZÀ-Ý][\w’'-]*){0,2})")
MAX_CHARS = 1_000  # a longer claim or sentence is not read (pairs are compared pairwise)


def _pairs(text: str, agent_key: Callable[[str], str]) -> list[tuple[str, str]]:
    return [(fold(m.group(1)), agent_key(m.group(2))) for m in _BY_AGENT.finditer(text)]


def _same_verb(a: str, b: str, translations: Callable[[str], frozenset[str]]) -> bool:
    """Same verb: the same first five letters, or across languages the same first four (a
    cognate: "denounced", "dénoncée") or a translation's."""
    if a[:5] == b[:5]:
        return True
    return b[:4] in translations(a) or a[:4] == b[:4]


def agents_exchanged(claim: str, sentence: str, agent_key: Callable[[str], str],
                     translations: Callable[[str], frozenset[str]]) -> bool:
    """Whether the claim puts an agent of `sentence` behind a passive verb the sentence gives
    to another agent (see the module doc). `agent_key` names an agent's party (a country's
    code for "les États-Unis" and "Washington"), `translations` a claim word's keys in the
    sentence's language (empty within one language)."""
    if len(claim) > MAX_CHARS or len(sentence) > MAX_CHARS:
        return False
    mine = _pairs(claim, agent_key)
    if not mine:
        return False
    theirs = _pairs(sentence, agent_key)
    for verb, agent in mine:
        same = [a for v, a in theirs if _same_verb(verb, v, translations)]
        if not same or agent in same:
            continue
        if any(a == agent for v, a in theirs if not _same_verb(verb, v, translations)):
            return True
    return False


# "X a été le premier à", "X were the first to", "les premiers à arriver": who came first
_FIRST = re.compile(r"(?i)(?<!\w)(?:(?:les?|la|the)\s+(?:premi[eè]re?s?|first)\s+(?:[àa]|to|"
                    r"(?:country|nation|state|pays|[ée]tat)s?)\b)")


def _first_party(text: str, party_keys: Callable[[str], set[str]]) -> set[str] | None:
    """The parties of the clause before the first "the first to" of `text`, or None when it
    says no such thing."""
    m = _FIRST.search(text)
    if m is None:
        return None
    clause = re.split(r"[.;:!?]", text[:m.start()])[-1]
    return party_keys(clause)


def first_of_other(claim: str, evidence: str, party_keys: Callable[[str], set[str]]) -> bool:
    """Whether the claim says a party came first where its evidence says another did: "La
    Biélorussie a été la première à déployer ses forces" over "Des soldats russes ont été les
    premiers à arriver" (`party_keys`: the parties a clause names, by key)."""
    if len(claim) > MAX_CHARS or len(evidence) > 2 * MAX_CHARS:
        return False
    mine = _first_party(claim, party_keys)
    if not mine:
        return False
    theirs = _first_party(evidence, party_keys)
    return theirs is not None and bool(theirs) and not mine & theirs
