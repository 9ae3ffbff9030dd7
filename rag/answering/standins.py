"""Names a passage gives by a generic noun: "le pays", "le bloc", "the cosmodrome".

A passage checked by the verifier is often a few sentences cut from an article; a true claim
restating it names what the article named before ("M. Peskov a souligné que le pays peut
résoudre ses propres problèmes", restated "... que le Kazakhstan peut ..."). Such a name is
not missing when the passage stands for it with a noun of its sort and names nothing of that
sort the claim leaves out: beside "la Russie", "le pays" may be Russia, and a claim naming
Kazakhstan there is a swap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Literal

Sort = Literal["country", "body", "place"]

_STAND_INS: dict[Sort, re.Pattern[str]] = {
    "country": re.compile(r"(?i)(?<!\w)(?:(?:le|du|au|ce|cet|the|this|that) pays|"
                          r"(?:the|this|that) country)(?!\w)"),
    # (words with other senses are no stand-ins: "l'organisation de la conférence", "le site
    # du gouvernement", "the capital raised", "la base de données")
    # (its members: "les participants", "les États membres", "member states")
    "body": re.compile(r"(?i)(?<!\w)(?:(?:le|du|au|ce) bloc|(?:l['’]|cette\s+)alliance|"
                       r"(?:the|this|that)\s+(?:bloc|alliance)|(?:les|ses|leurs) participants|"
                       r"(?:les|ses) (?:pays |États |etats )?membres|(?:the|its) members|"
                       r"member (?:states|countries))(?!\w)"),
    "place": re.compile(r"(?i)(?<!\w)(?:(?:le|du|au|ce) cosmodrome|(?:la|cette) "
                        r"(?:ville|capitale)|(?:l['’]|cette\s+)installation|"
                        r"(?:the|this|that)\s+(?:cosmodrome|spaceport|city|facility|"
                        r"facilities))(?!\w)"),
}
# A place the claim names is one a place noun stands for only when the claim puts it where a
# place goes: after a locative preposition ("à Baïkonour"), or beside such a noun ("the
# Baikonur cosmodrome", "le cosmodrome de Baïkonour"). A person the passage calls "la ville"
# is no stand-in.
_PLACE_NOUN = r"(?:cosmodrome|spaceport|city|facility|facilities|ville|capitale|installations?)"
_LOCATIVE = r"(?:à|a|au|aux|en|dans|in|at|near|près de|from|de|du|of)"


def _as_place(name: str, claim: str) -> bool:
    n = re.escape(name)
    return bool(re.search(
        rf"(?i)(?<!\w){_LOCATIVE}\s+{n}(?!\w)|(?<!\w){n}(?:['’]s)?\s+{_PLACE_NOUN}(?!\w)|"
        rf"(?<!\w){_PLACE_NOUN}\s+(?:de\s+|d['’]|of\s+)?{n}(?!\w)", claim))


def has_stand_in(sort: Sort, text: str) -> bool:
    """Whether `text` holds a generic noun of `sort` ("le pays", "l'alliance", "la ville")."""
    return bool(_STAND_INS[sort].search(text))


def has_stand_in_at(sort: Sort, text: str) -> int | None:
    """Where `text` first holds a generic noun of `sort`, or None."""
    m = _STAND_INS[sort].search(text)
    return m.start() if m else None


def stood_for(name: str, sort: Sort, claim: str, passage: str, sorts_named: set[Sort],
              places: Iterable[str], accounted: Callable[[str], bool]) -> bool:
    """Whether `passage` gives the claim's `name` (of `sort`) by a generic noun: it holds one
    of that sort, and names no country or body at all when `name` is one (`sorts_named`, the
    sorts the passage names: "le pays" beside "le président kazakh" is Kazakhstan, whatever
    the claim names), or, for a place, no name (`places`) the claim leaves out
    (`accounted`)."""
    if not has_stand_in(sort, passage) or _own_stand_ins(sort, name, claim, passage):
        return False
    if sort == "place":
        return _as_place(name, claim) and all(accounted(x) for x in places)
    return sort not in sorts_named


NAME_BESIDE = 16  # characters between a generic noun and the name it is said with


def _own_stand_ins(sort: Sort, name: str, claim: str, passage: str) -> bool:
    """Whether the claim says the passage's generic nouns of `sort` itself, as many times:
    they are its own, standing for what it names nowhere ("dismissed the country's government
    at Moscow's request" over "a limogé le gouvernement du pays": the country is Kazakhstan,
    and Moscow is not said). A noun said with the name is the name's ("Les membres de
    l'OTSC", "CSTO members"), and so is one after it, which may refer back to it ("Le
    Kazakhstan traverse sa pire crise ... le gouvernement du pays": the session's diff
    review)."""
    pattern = _STAND_INS[sort]
    beside = re.compile(rf"(?i)(?<!\w){re.escape(name)}(?!\w)")
    first = beside.search(claim)
    own = sum(1 for m in pattern.finditer(claim)
              if (first is None or m.start() < first.start())
              and not beside.search(claim, max(0, m.start() - NAME_BESIDE),
                                    m.end() + NAME_BESIDE))
    return own >= len(pattern.findall(passage))


def as_place(name: str, claim: str) -> bool:
    """Whether the claim puts `name` where a place goes (`_as_place`)."""
    return _as_place(name, claim)
