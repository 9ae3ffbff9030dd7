"""What someone is held for: "a été arrêté pour corruption" over "a été arrêté pour trahison".

The claim keeps the passage's names, dates and words but one: the charge, a single word that
the cause check tolerates when the sentence gives a cause of its own (it may reword it). Here
the charge is read as one of a closed set of offences, in either language: where both the
claim and the sentence say what one is arrested, charged or accused of, and they name no
offence in common, the claim gives another charge.
"""

from __future__ import annotations

import re

from rag.text import fold

CHARGE_REACH = 60  # characters after "for" / "pour" / "of" read for the offence
# held, charged, tried, accused, suspected; then up to four words ("arrested on Saturday for",
# "accusé à son tour de"), then what introduces the charge
_HELD_FOR = re.compile(
    r"(?i)(?<!\w)(?:arrest(?:ed|s)?|detain(?:ed|s)?|jail(?:ed|s)?|imprison(?:ed|s)?|"
    r"convict(?:ed|s)?|charg(?:ed|es)|sentenc(?:ed|es)|accus(?:ed|es)|suspect(?:ed|s)|"
    r"indict(?:ed|s)|prosecut(?:ed|es)|investigat(?:ed|es)|"
    r"arr[êe]t[ée]e?s?|interpell[ée]e?s?|inculp[ée]e?s?|condamn[ée]e?s?|d[ée]tenue?s?|"
    r"emprisonn[ée]e?s?|incarc[ée]r[ée]e?s?|accus[ée]e?s?|soup[çc]onn[ée]e?s?|"
    r"poursuivie?s?|mise? en examen|enqu[êe]te)"
    # (not "du" / "des": "Tokaïev a accusé des terroristes d'avoir pillé" names who is accused)
    r"(?:\s+[\w'’-]+){0,4}?\s+(?:(?:for|with|of|on|over|pour|de)(?=\s)|d['’](?=\w))")
_CLAUSE_END = re.compile(r"[.;:!?«»\"“”()]|\s(?:after|apr[èe]s|before|avant|when|while|"
                         r"lorsqu\w*|quand|tandis|et a|and was)\s")
# Offences, each named in English and French (folded, matched from a word's start); not a
# "counter-terrorism operation" someone is charged with overseeing
_NOT_AFTER = r"(?<!counter-)(?<!anti-)(?<!contre-)(?<!counter)(?<!anti)"
_OFFENCES: dict[str, re.Pattern[str]] = {name: re.compile(rf"(?<!\w){_NOT_AFTER}(?:{words})")
                                         for name, words in {
    "treason": r"treason|traitor|trahison|tra[iî]tre",
    # money taken or given wrongly: one family ("tax fraud" is "fraude fiscale", graft is
    # corruption), told apart from treason or terrorism, not from each other
    "graft": r"corrupt|brib|pots?-de-vin|graft|fraud|escroquer|swindl|embezzl|d[ée]tournement|"
             r"misappropriat|launder|blanchiment|abuse of (?:power|office)|"
             r"abus de (?:pouvoir|biens)|tax evasion|[ée]vasion fiscale",
    "terrorism": r"terroris",
    "murder": r"murder|homicid|manslaughter|meurtre|assassinat|killing",
    "espionage": r"espionnage|espionage|spying",
    "extremism": r"extremis|extr[ée]mis",
    "coup": r"coup d['’][ée]tat|(?:attempted|tentative de) coup|coup (?:attempt|plot)|"
            r"seiz\w* (?:of )?power|prise (?:du|de) pouvoir|overthrow|"
            r"renversement (?:du|de l['’])",
    "drugs": r"drug|stup[ée]fiant|trafic de drogue",
    "theft": r"theft|stealing|robber|vols? (?:de |d['’]|[àa] main arm[ée]e|qualifi)",
    "looting": r"loot|pillage|pill[ée]",
    "incitement": r"incit",
    "riots": r"riot|[ée]meute|mass unrest|mass disorder|troubles? (?:massifs?|de masse)|"
             r"hooligan|vandal",
}.items()}


def charges(text: str) -> frozenset[str]:
    """The offences `text` says someone is held, charged or accused of."""
    out: set[str] = set()
    for m in _HELD_FOR.finditer(text):
        window = text[m.end(): m.end() + CHARGE_REACH]
        end = _CLAUSE_END.search(window)
        said = fold(window[: end.start()] if end else window)
        out |= {name for name, rx in _OFFENCES.items() if rx.search(said)}
    return frozenset(out)


def charge_swapped(claim: str, sentence: str) -> bool:
    """Whether the claim holds someone for an offence where the sentence gives another."""
    said = charges(claim)
    if not said:
        return False
    theirs = charges(sentence)
    return bool(theirs) and not (said & theirs)
