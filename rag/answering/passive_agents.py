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

# A past participle (French or English) then "par"/"by" and its agents: capitalised names of one
# to three words, after an article, joined by "et"/"and"/commas ("par la France et
# l'Allemagne", "the Kremlin", "Vladimir Poutine")
_NAME = r"(?:(?:les|le|la|l['’]|the)\s*)?[A-ZÀ-Ý][\w’'-]*(?:\s+[A-ZÀ-Ý][\w’'-]*){0,2}"
# ... also "dénoncée aussi bien par les États-Unis que par la Chine", "both by X and by Y"
_BOTH = r"(?:(?:aussi bien|à la fois|a la fois|tant|both)\s+)?"
_JOIN = (r"\s*(?:,|\bet\b(?:\s+par\b)?|\band\b(?:\s+by\b)?|\bque\s+par\b|"
         r"\bainsi que\b(?:\s+par\b)?|\bas well as\b(?:\s+by\b)?)\s*")
_BY_AGENT = re.compile(
    rf"(?<![\w-])([^\W\d_]{{3,}}(?:ée?s?|ie?s?|ue?s?|te?s?|ed|en))\s+{_BOTH}(?:par|by)\s+"
    rf"({_NAME}(?:{_JOIN}{_NAME}){{0,3}})")
_ONE_NAME = re.compile(_NAME)
MAX_CHARS = 1_000  # a longer claim or sentence is not read (pairs are compared pairwise)


def _pairs(text: str, agent_key: Callable[[str], str]) -> list[tuple[str, frozenset[str]]]:
    """(participle, the keys of its agents) for each passive verb with named agents."""
    return [(fold(m.group(1)), frozenset(agent_key(re.sub(r"^(?:les|le|la|l['’]|the)\s*", "",
                                                          n.group(0), flags=re.I))
                                         for n in _ONE_NAME.finditer(m.group(2))))
            for m in _BY_AGENT.finditer(text)]


def _same_verb(a: str, b: str, translations: Callable[[str], frozenset[str]],
               cross: bool) -> bool:
    """Same verb: within one language the same first five letters ("présentée" is not
    "présidée"); across languages the same first four (a cognate: "denounced", "dénoncée") or
    a translation's."""
    if not cross:
        return a[:5] == b[:5]
    return a[:4] == b[:4] or b[:4] in translations(a)


def agents_exchanged(claim: str, sentence: str, agent_key: Callable[[str], str],
                     translations: Callable[[str], frozenset[str]], cross: bool = False
                     ) -> bool:
    """Whether the claim puts an agent of `sentence` behind a passive verb the sentence gives
    to other agents only (see the module doc). `agent_key` names an agent's party (a
    country's code for "les États-Unis" and "Washington", a person's surname), `translations`
    a claim word's keys in the sentence's language, `cross` whether the languages differ."""
    if len(claim) > MAX_CHARS or len(sentence) > MAX_CHARS:
        return False
    mine = _pairs(claim, agent_key)
    if not mine:
        return False
    theirs = _pairs(sentence, agent_key)
    for verb, agents in mine:
        same = [a for v, a in theirs if _same_verb(verb, v, translations, cross)]
        if not same:
            continue
        # (each of the claim's agents the sentence gives the verb to is kept; one it gives
        # another verb only, set against it, is exchanged: "dénoncée aussi bien par les
        # États-Unis que par la Chine" over "dénoncée par les États-Unis mais soutenue par la
        # Chine", v47_010)
        given = frozenset().union(*same)
        others = frozenset().union(*(a for v, a in theirs
                                     if not _same_verb(verb, v, translations, cross)))
        if (agents - given) & others and (not agents & given or _CONTRAST.search(sentence)):
            return True
    return False


# the two verbs set against each other ("dénoncée par les États-Unis mais soutenue par la
# Chine"): "condamnée par Washington et dénoncée par Pékin" gives both the same deed
_CONTRAST = re.compile(r"(?i)\b(?:mais|but|while|whereas|tandis\s+que|alors\s+que|yet|"
                       r"cependant|however|en\s+revanche)\b")


# "X a été le premier à", "X were the first to", "les premiers à arriver": who came first
_FIRST = re.compile(r"(?i)(?<!\w)(?:(?:les?|la|the)\s+(?:premi[eè]re?s?|first)\s+(?:[àa]|to|"
                    r"(?:country|nation|state|pays|[ée]tat)s?)\b)")


def _first_parties(text: str, party_keys: Callable[[str], set[str]]) -> list[set[str]]:
    """The parties of the clause before each "the first to" of `text`."""
    return [party_keys(re.split(r"[.;:!?]", text[:m.start()])[-1])
            for m in _FIRST.finditer(text)]


def first_of_other(claim: str, evidence: str, party_keys: Callable[[str], set[str]]) -> bool:
    """Whether the claim says a country came first where its evidence says only other
    countries did: "La Biélorussie a été la première à déployer ses forces" over "Des soldats
    russes ont été les premiers à arriver" (`party_keys`: the parties a clause names, by key;
    a country's is its two-letter code). Countries only: "Tokaïev" and "le président kazakh"
    may be one."""
    if len(claim) > MAX_CHARS or len(evidence) > 2 * MAX_CHARS:
        return False
    mine = [{k for k in p if _COUNTRY.fullmatch(k)} for p in _first_parties(claim, party_keys)]
    if not mine or not mine[0]:
        return False
    theirs = [{k for k in p if _COUNTRY.fullmatch(k)} for p in _first_parties(evidence,
                                                                              party_keys)]
    theirs = [t for t in theirs if t]
    return bool(theirs) and not any(mine[0] & t for t in theirs)


_COUNTRY = re.compile(r"[A-Z]{2}")


# A passive verb after its auxiliary, then "par"/"by" and a common noun: "ont été incendiés par
# des émeutiers venus de l'étranger", "were set on fire by rioters"
_AUX = (r"(?:été|ete|est|sont|était|étaient|fut|furent|soit|soient|is|are|was|were|been|be|"
        r"being|get|got|gets)")
_BY_ANYONE = re.compile(
    rf"(?i)(?<![\w-]){_AUX}\s+(?:[^\W\d_]{{2,}}ment\s+|on\s+fire\s+)?"
    rf"((?!par\b|by\b)[^\W\d_]{{3,}}(?:ée?s?|ie?s?|ue?s?|te?s?|ed|en)(?:\s+(?:on\s+fire|up|down|off|"
    rf"out))?)\s+(?:par|by)\s+(?:(?:des|les|le|la|l['’]|un|une|the|some|a|an)\s*)?"
    rf"([^\W\d_][\w’'-]{{3,}})")
# ("par exemple", "par rapport", "by far", "by means of": no agent)
_NO_AGENT = frozenset("""
    exemple rapport ailleurs contre suite voie biais moment endroits endroit decret ordonnance
    ordre erreur hasard consequent avance avion avions train route balle balles force mer terre
    telephone courrier jour mois semaine semaines annee heure vagues vague precaution mesure
    helicoptere helicopteres bateau voiture camion mail email courriel ovations neige
    far means way then now virtue default accident mistake chance decree order phone plane
    road rail land day month week year hour half gunfire helicopter helicopters boat car
    truck mail email wave waves
""".split())
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def agent_added(claim: str, sentence: str, passage: str) -> bool:
    """Whether the claim gives a passive deed an agent (a common noun) where its sentence, in
    the same language, says the deed with no "par"/"by" after it and the passage never names
    that agent: "ont été incendiés par des émeutiers venus de l'étranger" over "ont été
    incendiés, selon des vidéos". (A named agent the passage lacks is a missing name; one it
    names elsewhere is read by `agents_exchanged`.)"""
    if len(claim) > MAX_CHARS or len(sentence) > MAX_CHARS:
        return False
    said = {fold(w).lower()[:5] for w in _WORD.findall(passage)}
    for m in _BY_ANYONE.finditer(claim):
        noun = fold(m.group(2)).lower()
        if noun in _NO_AGENT or noun[:5] in said or m.group(2)[0].isupper():
            continue
        verb = fold(m.group(1).split()[0]).lower()[:5]
        uses = [w for w in _WORD.finditer(sentence) if fold(w.group(0)).lower()[:5] == verb]
        # (the sentence's own agent may come a few words after its verb: "a été repris jeudi
        # par l'armée", "dispersés à coups de grenades par les forces de l'ordre")
        if uses and not any(re.match(r"(?i)(?:\s+[\w’'-]+){0,5}?\s+(?:par|by)(?![\w-])",
                                     sentence[w.end():w.end() + 80]) for w in uses):
            return True
    return False
