"""The kind of place or medium a question asks for by its common noun: "In which Geneva hotel
did the delegations meet?", "Dans quel journal Marie Dumoulin a-t-elle été interrogée ?", "On
which television channel ...?" (b49_023, t52_025, t52_036). These kinds are named with their
noun ("le journal Moskovsky Komsomolets", "la chaîne russe RT", "l'aéroport d'Almaty"): a
sentence that names no such thing ("la mission diplomatique des États-Unis", "une allocution
télévisée") does not say which one.
"""

from __future__ import annotations

import re

from rag.text import fold

# each kind by the folded words (both languages, singular and plural) that name it
_KINDS: dict[str, frozenset[str]] = {
    "hotel": frozenset({"hotel", "hotels"}),
    "hospital": frozenset({"hopital", "hopitaux", "hospital", "hospitals", "clinique",
                           "cliniques", "clinic", "clinics"}),
    "stadium": frozenset({"stade", "stades", "stadium", "stadiums", "arena", "arenas"}),
    "prison": frozenset({"prison", "prisons", "jail", "jails", "penitencier"}),
    "embassy": frozenset({"ambassade", "ambassades", "embassy", "embassies"}),
    "airport": frozenset({"aeroport", "aeroports", "airport", "airports"}),
    "museum": frozenset({"musee", "musees", "museum", "museums"}),
    "newspaper": frozenset({"journal", "journaux", "newspaper", "newspapers", "quotidien",
                            "quotidiens", "daily", "hebdomadaire", "weekly", "magazine",
                            "magazines", "gazette", "media", "medias", "outlet",
                            "outlets"}),
    "channel": frozenset({"chaine", "chaines", "channel", "channels"}),
    "university": frozenset({"universite", "universites", "university", "universities"}),
}
_NOUN_KIND = {w: kind for kind, words in _KINDS.items() for w in words}
# "which/what NOUN", "quel(le)(s) NOUN", with up to two words between ("which Geneva hotel",
# "quelle chaîne russe"); not a noun after a possessive ("which agency's newspaper": the
# agency is asked)
_ASKED = re.compile(r"(?i)\b(?:which|what|quel|quelle|quels|quelles)\s+([\w’'-]+)"
                    r"(?:\s+([\w’'-]+))?(?:\s+([\w’'-]+))?")
_AUXILIARY = re.compile(r"(?i)(?:did|does|do|is|was|are|were|has|have|had|will|would|can|"
                        r"could|should)$")

# ... social media are no outlet ("On which social media platform ...?", "quels médias sociaux")
_SOCIAL = re.compile(r"(?i)\bsocial\w* m[ée]dias?\b|\bm[ée]dias? sociaux\b")


def venue_asked(question: str) -> str:
    """The kind asked by its noun ("hotel"), or ""."""
    for m in _ASKED.finditer(question):
        words = [w for w in m.groups() if w is not None]
        for k, w in enumerate(words):
            if "’" in w or "'" in w or _AUXILIARY.match(w):
                break  # ("What did the hotel say?" asks no hotel)
            kind = _NOUN_KIND.get(fold(w).lower())
            if kind is not None and not _SOCIAL.search(" ".join(words[max(0, k - 1):k + 2])):
                return kind
    return ""


def venue_told(kind: str, text: str) -> bool:
    """Whether `text` names a thing of the kind asked."""
    words = _KINDS[kind]
    return any(fold(w).lower() in words for w in re.findall(r"[^\W\d_]+", text))
