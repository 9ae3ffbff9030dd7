"""The kind of place or medium a question asks for by its common noun: "In which Geneva hotel
did the delegations meet?", "Dans quel journal Marie Dumoulin a-t-elle été interrogée ?", "On
which television channel ...?" (b49_023, t52_025, t52_036). These kinds are named with their
noun ("le journal Moskovsky Komsomolets", "la chaîne russe RT", "l'aéroport d'Almaty", "CHU
de Nantes"); a sentence that names none ("la mission diplomatique des États-Unis", "une
allocution télévisée") does not say which one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.text import fold

# each kind by the folded words (both languages, singular and plural) that name it
_KINDS: dict[str, frozenset[str]] = {
    "hotel": frozenset({"hotel", "hotels"}),
    "hospital": frozenset({"hopital", "hopitaux", "hospital", "hospitals", "clinique",
                           "cliniques", "clinic", "clinics", "chu", "hospitalier", "infirmary"}),
    "stadium": frozenset({"stade", "stades", "stadium", "stadiums", "arena", "arenas"}),
    "prison": frozenset({"prison", "prisons", "jail", "jails", "penitencier", "colony",
                         "colonie", "detention", "penitentiary", "penal"}),
    "embassy": frozenset({"ambassade", "ambassades", "embassy", "embassies"}),
    "airport": frozenset({"aeroport", "aeroports", "airport", "airports"}),
    "museum": frozenset({"musee", "musees", "museum", "museums", "galerie", "gallery"}),
    "newspaper": frozenset({"journal", "journaux", "newspaper", "newspapers", "quotidien",
                            "quotidiens", "hebdomadaire", "magazine", "magazines", "gazette",
                            "media", "medias", "outlet", "outlets", "agence", "agency",
                            "agencies", "chaine", "channel", "network", "broadcaster", "radio",
                            "television", "tv", "site"}),
    "channel": frozenset({"chaine", "chaines", "channel", "channels", "network", "broadcaster",
                          "television", "tv", "radio"}),
    "university": frozenset({"universite", "universites", "university", "universities",
                             "institut", "institute", "college", "ecole", "school",
                             "academie", "academy"}),
}
# the nouns a question asks a kind by (fewer than name it: "channels" may be routes, "daily"
# a wage, "media" social)
_ASKED_NOUNS = {
    "hotel": "hotel", "hospital": "hospital", "hopital": "hospital", "clinique": "hospital",
    "clinic": "hospital", "stade": "stadium", "stadium": "stadium", "prison": "prison",
    "jail": "prison", "ambassade": "embassy", "embassy": "embassy", "aeroport": "airport",
    "airport": "airport", "musee": "museum", "museum": "museum", "journal": "newspaper",
    "newspaper": "newspaper", "quotidien": "newspaper", "magazine": "newspaper",
    "media": "newspaper", "outlet": "newspaper", "chaine": "channel", "channel": "channel",
    "universite": "university", "university": "university",
}
_ASKED = re.compile(r"(?i)\b(?:which|what|quel|quelle|quels|quelles)\s+([\w’'-]+)"
                    r"(?:\s+([\w’'-]+))?(?:\s+([\w’'-]+))?(?:\s+([\w’'-]+))?")
# what may follow the noun asked when it heads the question's phrase: a verb, an auxiliary,
# a subject's name, the question's end ("Dans quel journal Marie Dumoulin a-t-elle ...",
# "Which newspaper reported ...", "In which Geneva hotel did ..."); not another noun ("What
# prison sentence", "Which hotel chain", "quelle chaîne de montagnes")
_AUXILIARY = re.compile(r"(?i)(?:did|does|do|is|was|are|were|has|have|had|will|would|can|"
                        r"could|should|a|ont|est|sont|était|étaient|fut|avait|avaient|"
                        r"aurait|auraient|serait|seraient|sera|seront|va|vont|peut|doit|aura|"
                        r"\w+-t-\w+|\w+-(?:il|elle|ils|elles|on))$")
_VERB_LIKE = re.compile(r"(?i)(?:\w+(?:ed|[^s]s)|said|told|wrote|ran|broke|gave|made|put|"
                        r"sent|took|got|held|saw|won|lost|became|began|brought|spoke|led)$")
_COMPLEMENT = re.compile(r"(?i)(?:de|du|des|d['’]\w*|of)$")


def _heads(words: Sequence[str], k: int, french: bool) -> bool:
    """Whether the noun at `k` heads the asked phrase: followed by a verb, an auxiliary, a
    capitalised subject (or in French an article's: "À quel média l'ambassadeur ..."), an
    adverb then a verb ("Which newspaper first reported"), in French one adjective then one
    of those ("quelle chaîne russe a diffusé"), or nothing."""
    after = words[k + 1:]
    if not after:
        return True
    nxt = after[0]
    if _COMPLEMENT.match(nxt):
        return False
    if _AUXILIARY.match(nxt) or nxt[:1].isupper() or _VERB_LIKE.match(nxt):
        return True
    if french and _ARTICLE.match(nxt):
        return True
    if len(after) < 2:
        return False
    return bool((french or _ADVERB.match(nxt)) and (_AUXILIARY.match(after[1]) or (
        after[1][:1].isupper() if french else bool(_VERB_LIKE.match(after[1])))))


_ARTICLE = re.compile(r"(?i)(?:l['’]\w+|le|la|les|un|une|ce|cet|cette|ces|son|sa|ses|leur|leurs)$")
_ADVERB = re.compile(r"(?i)(?:\w+ly|first|also|later|then|initially|still|again)$")


def venue_asked(question: str) -> str:
    """The kind asked by its noun ("hotel"), or ""."""
    for m in _ASKED.finditer(question):
        words = [w for w in m.groups() if w is not None]
        french = m.group(0)[:1].lower() == "q"
        for k, w in enumerate(words[:3]):  # the noun first, or after qualifiers
            if "’" in w or "'" in w or _AUXILIARY.match(w):
                break  # ("What did the hotel say?" asks no hotel; "which agency's paper")
            kind = _ASKED_NOUNS.get(fold(w).lower())
            if kind is not None and _heads(words, k, french):
                return kind
            if not (w[:1].isupper() or (k == 0 and not _VERB_LIKE.match(w))):
                break  # (after one lowercase qualifier, or names: "Which Russian TV channel";
                # not a verb: "What caused the stadium ...")
    return ""


def venue_told(kind: str, text: str) -> bool:
    """Whether `text` names a thing of the kind asked by the kind's word. (A name of its own
    alone, "at the Louvre", is not read: in news a capitalised word after a preposition is as
    often "à la Guerre froide" or "par le CSTO"; the question is then declined, not answered
    wrongly.)"""
    words = _KINDS[kind]
    return any(fold(w).lower() in words for w in re.findall(r"[^\W\d_]+", text))
