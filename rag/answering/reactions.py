"""Who a question asks to have reacted: "How did the Ukrainian government react to ...?" is
answered by a sentence naming that government, not by one where Ukraine is a border troops
mass on; "Comment le Kremlin a-t-il réagi ...?" not by Tokayev's own order."""

from __future__ import annotations

import re

from rag.answering.countries import is_country, is_people
from rag.text import fold

_REACTED = r"(?:react|respond|repl(?:y|ied|ies)|answer|retort)\w*"
_REACTION = r"(?:reactions?|responses?|repl(?:y|ies)|answers?|retorts?)"
_ENDS = (r"(?=\s+(?:to|on|regarding|about|after|when|over|à|aux?|face|devant|sur|après|lors)\b"
         r"|\s*[?,]|$)")
_INVERTED = r"-(?:t-)?(?:il|elle|ils|elles)"
_REACTION_ASKED = (
    re.compile(rf"(?i)^\s*how (?:did|does|do|has|have|had|would|will|could) (.{{1,80}}?) "
               rf"{_REACTED}\b"),
    re.compile(rf"(?i)^\s*what (?:was|is|were|has been|have been) the (?:\w+ )?{_REACTION} "
               rf"(?:of|from|by) (.{{1,80}}?){_ENDS}"),
    re.compile(rf"(?i)^\s*what (?:was|is|were|has been|have been) (.{{1,80}}?)['’]s? "
               rf"(?:\w+ )?{_REACTION}\b"),
    re.compile(rf"(?i)^\s*comment (.{{1,80}}?) (?:(?:a|ont|avait|avaient)(?:{_INVERTED})?"
               rf"(?: \w+)? (?:réagi|répondu|riposté|rétorqué)|(?:réagi|répond|ripost|rétorqu)"
               rf"\w*{_INVERTED})\b"),
    re.compile(rf"(?i)^\s*qu['’](?:a|ont|avait|avaient)(?:{_INVERTED})? "
               rf"(?:répondu|rétorqué|riposté) (.{{1,80}}?){_ENDS}"),
    re.compile(rf"(?i)^\s*quelle (?:a été|fut|est|était) la (?:\w+ )?(?:réaction|réponse|riposte)"
               rf" (?:\w+ )?(?:de la |de l['’]|du |des |de |d['’])(.{{1,80}}?){_ENDS}"),
)
# A body named by its kind, as the words (folded word starts) a sentence names it by: "le
# gouvernement kazakh" by its government or authorities, "Kazakhstan's foreign ministry" by a
# ministry, its minister or its spokesman
_HEADS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("gouvernement", "government", "gouvernements", "governments", "cabinet"),
                    ("gouvernement", "government", "cabinet", "autorit", "authorit",
                     "executi")),
    **dict.fromkeys(("ministere", "ministry", "ministeres", "ministries", "diplomatie",
                     "diplomacy"),
                    ("minist", "diplomat", "porte-parole", "spokes")),
    **dict.fromkeys(("parlement", "parliament"), ("parlement", "parliament", "deput", "senat")),
    **dict.fromkeys(("armee", "army", "military"), ("arme", "army", "militar")),
}
# The acronyms of bodies across the two languages
_ACRONYMS = {"nato": "otan", "otan": "nato", "csto": "otsc", "otsc": "csto", "eu": "ue",
             "ue": "eu", "un": "onu", "onu": "un", "who": "oms", "oms": "who"}
_NOT_NAMES = frozenset("the le la les l un une des du de d".split())
# Titles written with a capital ("President Vladimir Putin", "the Kazakh Prime Minister"): no
# name a sentence must repeat
_ROLE_WORDS = frozenset(fold(w) for w in """president président prime premier minister ministre
    chancellor chancelier general général secretary secrétaire king roi queen reine foreign
    affairs state état chef head leader spokesman spokeswoman porte-parole ambassador
    ambassadeur mr m mme dr sir lord pope pape deputy vice""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _reaction(question: str) -> re.Match[str] | None:
    """The reaction a question asks, its group 1 who reacted; None when it asks none."""
    return next((m for p in _REACTION_ASKED if (m := p.match(question))), None)


def reactor(question: str) -> tuple[tuple[str, ...], ...]:
    """The words, one of each group, a sentence must name who reacted by (folded; a body's
    kind as word starts). Countries are left to `countries.actors`; a phrase naming no body
    of a known kind and no name asks nothing more ("les milieux diplomatiques")."""
    if (m := _reaction(question)) is None:
        return ()
    needs: list[tuple[str, ...]] = []
    names: list[tuple[str, ...]] = []  # a person or a body named: what is required alone
    name: list[str] = []
    nation: list[str] = []  # "the Ukrainian government": whose government, named too
    for w in _WORD.findall(m.group(1)):
        word = re.sub(r"['’]s$", "", re.sub(r"^[LlDd]['’]", "", w))
        f = fold(word)
        if is_country(f) or is_people(f):
            nation.append(f)
        elif word[:1].isupper() and f not in _NOT_NAMES and f not in _ROLE_WORDS:
            name.append(f)
            continue
        if name:
            names.append((*name, *(_ACRONYMS[n] for n in name if n in _ACRONYMS)))
            name = []
        if f in _HEADS:
            needs.append(_HEADS[f])
    if name:
        names.append((*name, *(_ACRONYMS[n] for n in name if n in _ACRONYMS)))
    if names:  # "le président russe Vladimir Poutine": Poutine named is enough
        return tuple(names)
    if needs and nation:  # (a country alone is `countries.actors`'s)
        needs.append(tuple(nation))
    return tuple(needs)


def reacted_to(question: str) -> tuple[str, ...]:
    """The names of whose deed or words a reaction is asked to ("Comment Zas a-t-il répondu à
    la remarque de Blinken ?": Blinken), folded; a sentence naming none of them (nor the one
    before it) tells another reaction. Countries, peoples, titles and acronyms are not read
    (sources may say them otherwise)."""
    if (m := _reaction(question)) is None:
        return ()
    to = re.match(r"(?i)\s*(?:to|à|aux|au|face à|devant)\b([^?]*)", question[m.end():])
    if not to:
        return ()
    out = []
    for w in _WORD.findall(to.group(1)):
        word = re.sub(r"['’]s$", "", re.sub(r"^[LlDd]['’]", "", w))
        f = fold(word)
        if word[:1].isupper() and not word.isupper() and f not in _NOT_NAMES \
                and f not in _ROLE_WORDS and not is_country(f) and not is_people(f):
            out.append(f)
    return tuple(out)
