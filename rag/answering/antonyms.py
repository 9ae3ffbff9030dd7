"""Opposites a claim may put in place of its source's word: "les militaires avaient perdu le
contrôle de l'aéroport" over "... avaient repris le contrôle", "a loosely organised threat"
over "une menace terroriste hautement organisée". The sentence embedding reads both as the
same statement (cosine 0.96); the words say otherwise.

Each pair is two sides of word starts, folded, in both languages. A claim contradicts a
sentence when it holds a word of one side, the sentence a word of the other side, and the
sentence no word of the claim's side (a sentence that says both is not contradicted).
General opposites of news text; some pairs were prompted by study-set misses (never by a
held-out pair), and each is written for the general case, not for the pair that prompted it.
"""

from __future__ import annotations

import re

from rag.answering.cities import SEATS
from rag.answering.countries import nations_of
from rag.text import fold

_Pair = tuple[tuple[str, ...], tuple[str, ...]]
_DAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WORD_PAIRS: tuple[_Pair, ...] = (
    (("perd", "perdu", "lost", "lose", "losing"),
     ("repris", "reprend", "regagn", "regain", "retook", "retake", "recaptur", "reconqu")),
    (("hausse", "augment", "increas", "rise", "rose", "risen", "rising", "flamb", "grimp",
      "soar", "doubl", "multipli"),
     ("baisse", "diminu", "decreas", "fall", "fell", "fallen", "drop", "declin", "reduit",
      "reduc", "chute", "halv", "divise par deux", "divisee par deux", "reduit de moitie")),
    (("accept", "approuv", "approv", "agreed", "consent"),
     ("refus", "reject", "rejet", "declin", "oppos")),
    (("ouvert", "opened", "reopen", "rouvert"), ("ferme", "closed", "shut")),
    (("leve", "lifted", "lifting", "abrog", "scrap", "supprim", "suppression", "abolish",
      "aboli"), ("impos", "introduc", "instaur")),
    (("arriv",), ("depart", "quitt", "withdr", "retir", "left")),
    (("victoire", "vainqu", "gagn", "remport", "won"), ("defaite", "vaincu", "battu", "lost")),
    (("soutien", "soutenu", "soutient", "soutenir", "soutiendr", "support", "backed", "salu",
      "welcom", "approuv"),
     ("condamn", "condemn", "critiqu", "criticis", "criticiz", "denonc", "denounc", "oppos")),
    (("calme", "calm", "paisib", "peaceful"), ("tendu", "tense", "violent", "chaotiq", "chaotic")),
    # ... and what one may not do: "sont autorisés à adhérer à d'autres alliances" over "ne
    # peuvent pas faire partie d'autres blocs militaires"
    (("autoris", "authoris", "authoriz", "allow", "permis", "permit"),
     ("interdi", "forbid", "forbade", "prohib", "banned", "bans ", "ne peuvent pas",
      "ne peut pas", "ne pouvaient pas", "ne pouvait pas", "ne pourront pas", "ne pourra pas",
      "cannot", "can not", "may not", "not allowed", "not permitted", "pas autoris",
      "pas le droit")),
    (("rassur", "reassur", "soulag", "relieved", "optimis", "rejoui", "felicit", "pleased",
      "delighted", "glad "),
     ("preoccup", "worried", "inquiet", "alarmed", "pessimis")),
    (("limite", "limited"), ("illimit", "unlimited", "sans limite", "indefini", "indefinite",
                             "open-ended")),
    # how large a mission: "une mission « limitée »" is not "de grande envergure"
    (("mission limitee", "operation limitee", "intervention limitee", "limited mission",
      "limited operation", "limited intervention", "ampleur limitee", "portee limitee",
      "limited scope"),
     ("grande envergure", "large envergure", "vaste envergure", "large-scale", "large scale",
      "full-scale", "full scale", "a grande echelle", "grande ampleur", "sweeping")),
    (("message ecrit", "lettre ecrite", "written message", "written letter", "in writing",
      "par ecrit"), ("message verbal", "message oral", "verbal message", "oral message",
                     "verbalement", "oralement", "orally")),
    (("juste avant", "shortly before", "just before", "peu avant", "a la veille"),
     ("juste apres", "shortly after", "just after", "peu apres", "au lendemain")),
    (("hautement", "highly", "tres organis", "bien organis", "well-organis", "well organis"),
     ("peu organis", "loosely", "mal organis", "poorly", "disorganis", "desorganis")),
    (("debut", "commenc", "began", "begin", "start", "lanc", "launch"),
     ("fin ", "termin", "ended", "achev", "conclu", "finish")),
    (("sortant", "outgoing"), ("incoming", "entrant", "nouveau", "nouvel", "nouvelle", "new ")),
    (("ancien", "former", "ex-", "ex ", "previous"),
     ("sitting", "current ", "incumbent", "actuel ", "actuels", "actuelle ", "actuelles",
      "en exercice")),
    (("debut de", "au debut", "en debut", "beginning of", "start of", "early in", "earlier in"),
     ("fin de", "a la fin", "en fin", "end of", "late in", "later in")),
    (("avec avertissement", "warning before", "a warning", "sommation prealable"),
     ("sans avertissement", "without warning", "sans sommation")),
    # superlatives and degrees: "le plus grand pays" is not "the smallest country", "les pires
    # troubles" not "les plus légers", a risk "très élevé" not "très faible"
    (("plus grand", "plus grande", "largest", "biggest", "greatest", "plus vaste"),
     ("plus petit", "plus petite", "smallest", "tiniest", "moins grand")),
    # ... and a rank: "Kazakhstan's second-largest city" is not "la plus grande ville"
    # (the superlative with its article: "une plus grande autonomie" is a comparative)
    (("second-largest", "second largest", "second-biggest", "second biggest",
      "deuxieme plus grand", "deuxieme plus grande", "seconde plus grande",
      "deuxieme ville"),
     ("la plus grande", "le plus grand", "les plus grand", "du plus grand", "des plus grand",
      "the largest", "the biggest", "s largest", "s biggest")),
    # how often: "il est toujours très difficile" is not "il est parfois très difficile"
    # ("toujours" is also "still": only before an adjective of ease, "toujours très populaire"
    # is still popular; "not always" is read as "sometimes", below)
    (("always", "invariably", "systematiquement",
      *(f"toujours {a}{e}" for a in ("", "tres ", "aussi ", "si ")
        for e in ("difficile", "facile", "dur", "complique", "simple", "possible",
                  "impossible"))),
     ("parfois", "sometimes", "quelquefois", "occasionally", "at times")),
    (("pire", "worst", "plus grave", "most serious", "most severe"),
     ("plus leger", "plus legere", "mildest", "least serious", "moins grave", "lightest")),
    # (whole words: "élèves", "éleveurs" and "high school" are no degree)
    (("eleve ", "elevee", "tres eleve", "plus eleve", "higher ", "highest", "very high"),
     ("faible", "lower ", "lowest", "very low", "minime")),
    # a country's capital for government, or for business: "Almaty, la capitale économique"
    (("capitale politique", "political capital", "administrative capital",
      "capitale administrative"),
     ("capitale economique", "economic capital", "commercial capital",
      "capitale commerciale", "business capital", "financial capital", "capitale financiere")),
    # when in the day: "early on Wednesday" is not "tard mercredi", nor "aux premières heures
    # de jeudi" "dans la soirée de jeudi"
    (("early on", "early morning", "au petit matin", "tot le matin", "de bon matin",
      "premieres heures", "early hours", "first hours", "le matin", "ce matin", "du matin",
      "dans la matinee", "en matinee", "in the morning", "this morning", "morning of",
      *(f"early {d}" for d in _DAYS_EN), *(f"tot {d}" for d in _DAYS_FR),
      *(f"{d} matin" for d in _DAYS_FR), *(f"{d} morning" for d in _DAYS_EN)),
     ("late on", "late at night", "late in the evening", "tard le soir", "tard dans la soiree",
      "tard dans la nuit", "dans la soiree", "en soiree", "le soir", "ce soir", "du soir",
      "in the evening", "this evening", "evening of", *(f"late {d}" for d in _DAYS_EN),
      *(f"tard {d}" for d in _DAYS_FR), *(f"{d} soir" for d in _DAYS_FR),
      *(f"{d} evening" for d in _DAYS_EN))),
    # needing help is not coping alone: "Kazakhstan would need outside help to resolve its
    # problems" over "le pays peut « résoudre ses propres problèmes »"
    (("besoin d aide", "need help", "needs help", "needed help", "outside help",
      "external help", "foreign help", "aide exterieure", "aide etrangere", "help from abroad"),
     ("ses propres problemes", "its own problems", "on its own", "by itself", "par lui-meme",
      "par elle-meme", "sans aide", "without help", "without outside help")),
    # which freedom: "press freedom" is not "la liberté d'association"
    (("liberte d association", "freedom of association"),
     ("liberte de la presse", "liberte de presse", "press freedom", "freedom of the press",
      "liberte religieuse", "religious freedom", "freedom of religion", "liberte de culte",
      "liberte d expression", "freedom of expression", "free speech", "liberte de reunion",
      "freedom of assembly")),
    # ... nor press freedom religious freedom
    (("liberte de la presse", "liberte de presse", "press freedom", "freedom of the press"),
     ("liberte religieuse", "religious freedom", "freedom of religion", "liberte de culte")),
    # the price of what: electricity is not gas or fuel ("a doubling of electricity prices"
    # over "une double augmentation des prix du gaz de pétrole liquéfié")
    # (whole words: "Gaza", "Gazprom", "gazoduc" are no gas)
    (("electricit",), ("gaz ", "gaz,", "gaz.", "gas ", "gas,", "gas.", "carburant", "fuel",
                       "essence", "petrol", "diesel")),
    # ... nor food prices fuel prices ("triggered by a rise in food prices" over "déclenchées
    # par la hausse des prix du carburant")
    (("food price", "food cost", "prices of food", "price of food", "prix alimentaire",
      "prix des denrees", "prix de la nourriture", "prix du pain", "bread price",
      "price of bread"),
     ("gaz ", "gaz,", "gaz.", "gas ", "gas,", "gas.", "carburant", "fuel", "essence", "petrol",
      "diesel", "electricit")),
    # which balance or tension: "les équilibres ethniques" are not religious ones
    (("ethni",), ("religi", "confessionn")),
    # when in the week: "en milieu de semaine" is not "au cours du week-end"
    (("week-end", "weekend", "week end", "fin de semaine"),
     ("milieu de semaine", "en semaine", "midweek", "mid-week", "middle of the week",
      "pleine semaine", "jours ouvr", "weekday")),
    # where: "la partie nord d'Almaty" is not its southern part
    (("nord", "north", "septentrion"), ("sud ", "sud-", "south", "meridional")),
    (("oriental", "eastern", "east "), ("occidental", "western", "west ")),
    # what is reported as unconfirmed is not confirmed ("selon des informations non
    # confirmées, l'aéroport aurait été pris" is no "il est confirmé que l'aéroport a été pris")
    (("confirm", "officiellement etabli", "established fact"),
     ("unconfirm", "unverif", "non verifi", "non-verifi")),
    # shown, or only guessed at: "des allégations solidement étayées" over "hautement
    # spéculatives"
    (("etaye", "etayee", "substantiated", "well-founded", "well founded", "bien fonde",
      "corrobor", "avere"),
     ("specul", "hypothet", "unfounded", "sans fondement", "infonde", "unsubstantiat",
      "unproven", "non prouv", "non etaye", "conjectur")),
    # done already, or not yet: "details have already been released" over "n'ont pas encore
    # été communiqués" (the same "been": "have already begun" over "... mais le retrait n'est
    # pas encore terminé" says no other thing)
    (("deja ete", "already been"), ("pas encore ete", "not yet been", "not been released yet",
                                    "still not been", "yet to be")),
    # held by one for good, or by each in turn
    (("permanent", "en permanence", "a vie ", "for life", "a titre definitif"),
     ("tour de role", "presidence tournante", "rotating", "rotation", "in turn",
      "alternance")),
    # a government kept in place is not one dismissed ("kept the government in place" over
    # "a initialement limogé le gouvernement")
    (("kept the government", "kept his government", "kept its government", "kept in office",
      "retained the government", "left the government in place", "remained in office",
      "stayed in office", "maintenu le gouvernement", "maintenu en poste",
      "maintenu en fonction", "conserve son gouvernement", "reconduit le gouvernement",
      "reste en poste", "reste en fonction"),
     # (not "fired", "renvoyé": shots fired, a bill sent back)
     ("limog", "dismiss", "sacked", "sacking", "destitu", "demis de", "ousted",
      "removed from office", "removed as", "relieved of")),
    # a first is not one of several ("sa première action militaire")
    (("deja interven", "already interven", "previously interven", "had intervened before",
      "intervenue a plusieurs reprises", "intervenu a plusieurs reprises",
      "intervened several times", "intervened repeatedly", "intervened many times"),
     ("premiere fois", "premiere action", "premiere intervention", "premiere operation",
      "premiere mission", "first time", "first action", "first intervention",
      "first operation", "first mission", "first military")),
    # a strong reaction is not a muted one ("Washington a peu réagi")
    (("vivement", "strongly", "forcefully", "fortement", "vigoureusement", "abondamment",
      "energiquement", "energetically", "firmly", "fermement", "vehemently", "vehement"),
     ("peu reagi", "reagi peu", "peu de reaction", "reacted little", "little reaction",
      "barely react", "hardly react", "muted", "timidement", "timidly", "low-key",
      "discretement", "quietly")),
    # in line with a principle, or against it
    (("respecte ", "respectent", "respecter", "respects ", "respected", "respecting",
      "conforme", "in line with", "consistent with", "complies", "comply", "compatible"),
     ("contraire a", "contraire au", "contraires a", "contraires au", "contrary to", "viola",
      "viole ", "enfrei", "breach", "contraven",
      "incompatible", "inconsistent", "at odds")),
    # there or not there: "malgré la présence de nombreux correspondants" over "compte tenu
    # de l'absence de correspondants"
    # (the noun only: "aucun correspondant n'était présent" says the absence)
    # (the noun only here: "ont été présents" is read by `presence_denied`, of the same
    # people or things)
    (("presence",), ("absence", "absent", "lack of", "manque de", "faute de")),
    # official, or not: "selon des données non officielles" (in either language)
    (("officiel", "official"), ("non-officiel", "non-official", "unofficial", "officieu")),
    # going on, or stopped: "the fighting had stopped" over "les combats se poursuivaient"
    # (as verbs: "sans cesse" is going on, "cessez-le-feu" a truce)
    (("se poursuiv", "continuai", "continuaient", "ont continue", "a continue", "continuent",
      "continuing", "continued", "ongoing", "toujours en cours", "still going on", "persist"),
     ("a cesse ", "ont cesse", "avait cesse", "avaient cesse", "cessent", "cesse de ",
      "stopped", "halted", "had ended", "came to an end", "died down", "subsided",
      "s est arrete", "s etait arrete", "s etaient arrete", "se sont arrete", "pris fin")),
    # how a body decides: by a majority, or all together
    # ("la majorité des pays" is most of them, and unanimity is a majority too)
    (("a la majorite", "par la majorite", "majority vote", "by majority", "by a majority",
      "vote majoritaire"), ("consensus", "consensuel")),
    # how far it spread: "des pillages généralisés" are not "quelques pillages isolés"
    (("generalis", "widespread", "massive", "massif", "massifs", "rampant", "a grande echelle",
      "large-scale", "large scale", "repandu", "grande ampleur", "large ampleur",
      "vaste ampleur"),
     ("isole", "isolated", "sporadi", "ponctuel", "limited number", "nombre limite",
      "small-scale", "small scale", "a petite echelle", "rare ", "rares ", "faible ampleur",
      "petite ampleur", "ampleur limitee", "minor ")),
    # which body of a government spoke: "un porte-parole du département d'État" is not
    # "Jen Psaki, porte-parole de la Maison Blanche", nor the Kremlin its foreign ministry
    (("departement d etat", "state department", "department of state"),
     ("maison blanche", "maison-blanche", "white house", "pentagone", "pentagon")),
    (("maison blanche", "maison-blanche", "white house"), ("pentagone", "pentagon")),
    (("kremlin",), ("ministere des affaires etrangeres", "ministere russe des affaires etrangeres",
                    "foreign ministry", "ministry of foreign affairs", "foreign affairs ministry",
                    "diplomatie russe", "russian diplomacy")),
)
# a word and the same word negated by its prefix: "légitime" / "illégitime"
_PREFIX_PAIRS: tuple[_Pair, ...] = tuple(
    ((stem,), tuple(p + stem for p in prefixes))
    for stem, prefixes in (
        ("legitim", ("il", "non-")), ("legal", ("il", "non-")),
        ("justifi", ("in", "un")), ("possible", ("im",)),
        ("probab", ("im",)), ("stab", ("in", "un")), ("capab", ("in",)),
        ("suffis", ("in",)), ("suffic", ("in",)), ("violent", ("non-",)), ("clear", ("un",)),
        ("known", ("un",)), ("connu", ("in",)), ("expected", ("un",)), ("attendu", ("in",)),
        ("prevu", ("im",)), ("precedent", ("un",)), ("armed", ("un",)),
        ("popular", ("un",)), ("populaire", ("im",)), ("democrat", ("un", "anti", "non-")),
        ("constitutionn", ("in", "anti")), ("constitutional", ("un", "anti")),
    ))
_PAIRS = (*_WORD_PAIRS, *_PREFIX_PAIRS)

# "non confirmé", "not been confirmed", "n'a pas été confirmé": read as one word, so that the
# claim side's "confirm" does not find itself in a sentence that denies it
_UNCONFIRMED = re.compile(
    r"(?:\b(?:non|pas|jamais|never|sans|without|no|aucune?|unable to|impossible de)|"
    r"(?:\b|(?<=can))not)[ -](?:(?:ete|been|be|pu|etre|encore|yet|officiellement|officially|"
    r"independently|independamment|immediately|immediatement|de|d'|a|the|any|officielle|"
    r"official) ){0,3}confirm")

_WORD_START = re.compile(r"[\w'’-]+")

# Present as a verb's adjective, whole and masculine ("présente", "présentés" fold as
# "presented" does), and what is said present: the few words before it.
# (each word read whole, from a word's start: a long word was read from each of its letters)
_PRESENT = re.compile(r"(?<!\S)((?:\S++ ){1,4})(?:(?:ete|etaient|etait|etre|sont|est|were|was|"
                      r"been|are|is) (?:not )?)presents? ")
_ABSENT = re.compile(r" (?:absence (?:de |d |of )|absent |lack of |manque de |manque d |"
                     r"faute de |faute d |without |sans )((?:\S+ ){1,3})")
_DENIED = re.compile(r" (?:n \S+(?: \S+)?(?: pas)?|(?:was|were|is|are|been) not) presents? $")


def presence_denied(claim: str, sentence: str) -> bool:
    """Whether the claim says present what the sentence says absent, of the same people or
    things ("bien que des correspondants aient été présents" over "compte tenu de l'absence
    de correspondants", blind_pairs32 v32_020), or the other way ("aucun correspondant
    n'était présent" over "la présence de correspondants" is the noun pair's). Soldiers
    present are not what "faute de policiers" says absent."""
    said = " " + " ".join(_WORD_START.findall(re.sub(r"['’]", " ", fold(claim)))) + " "
    text = " " + " ".join(_WORD_START.findall(re.sub(r"['’]", " ", fold(sentence)))) + " "
    for m in _PRESENT.finditer(said):
        if _DENIED.search(said[:m.end()]) or " not " in m.group(0) or " pas " in m.group(0):
            continue  # a presence denied says the absence too
        who = {w[:5] for w in m.group(1).split() if len(w) >= 4}
        if any(who & {w[:5] for w in a.group(1).split() if len(w) >= 4}
               for a in _ABSENT.finditer(text)):
            return True
    return False
_NON_WORD = re.compile(r"\bnon (?=[a-z])")
_NOT_ALWAYS = re.compile(r" (?:pas toujours|not always|not invariably|pas systematiquement) ")


def sides(text: str) -> frozenset[tuple[int, int]]:
    """(pair, side) for each side of a pair `text` holds a word of: a claim's, read once."""
    # (elided articles apart: "l'absence" is "absence")
    # ("non officielles" is "non-officielles"; "a voté non, officiellement" is not)
    raw = _NON_WORD.sub("non-", re.sub(r"['’]", " ", fold(text)))
    folded = " " + " ".join(_WORD_START.findall(raw)) + " "
    folded = _UNCONFIRMED.sub(" unconfirm", folded)
    folded = _NOT_ALWAYS.sub(" parfois ", folded)
    found: list[tuple[int, int]] = []
    for p, pair in enumerate(_PAIRS):
        for side, starts in enumerate(pair):
            if any(f" {s}" in folded for s in starts):
                found.append((p, side))
    return frozenset(found)


def contradicted(said: frozenset[tuple[int, int]], sentence: str) -> bool:
    """Whether a claim holding the sides `said` puts the opposite of a word of `sentence` in
    its place."""
    if not said:
        return False
    source = sides(sentence)
    return any((p, 1 - side) in source and (p, side) not in source
               and (p, 1 - side) not in said  # a claim that says both puts neither in place
               for p, side in said)


def contradicts(claim: str, sentence: str) -> bool:
    """Whether `claim` puts the opposite of a word of `sentence` in its place."""
    return contradicted(sides(claim), sentence)


# Where a sentence gives two nations opposite stances ("Une initiative dénoncée par les
# États-Unis mais soutenue par la Chine"), it holds both sides, so `contradicted` lets a claim
# through that gives one nation the other's stance ("also opposed by Beijing"). Read stance by
# clause and by the nation acting in it: the one the clause opens on or names after "par" /
# "by" (not one it acts upon: "Washington a critiqué la Russie" is not Russia's criticism).
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and|et|but|mais|while|whereas|tandis que|alors que|"
                           r"yet|although|bien que)\s", re.I)
_AGENT = re.compile(r"(?i)(?:^\W*(?:(?:also|aussi|then|puis|even|même|the|la|le|les|l['’])\s*)*"
                    r"|\b(?:par|by)\s+(?:(?:the|la|le|les|l['’])\s*)?)"
                    r"(?=((?:[^\W\d_][\w’'-]*\W*){1,2}))")
# clauses read per text: a sentence of more is no prose (and each costs a reading of sides)
MAX_CLAUSES = 24
MAX_AGENTS = 24  # ... and places an agent is read at per clause
# a government by its seat ("Beijing", "le Kremlin")
_SEAT_CODES = {**SEATS, "elysee": "FR", "maison blanche": "US", "maison-blanche": "US",
               "white house": "US"}


def _agents(clause: str) -> frozenset[str]:
    """The nations acting in `clause`: named at its start or after "par" / "by"."""
    out: set[str] = set()
    for k, m in enumerate(_AGENT.finditer(clause)):
        if k == MAX_AGENTS:
            break
        words = m.group(1)
        out |= nations_of(words)
        folded = " ".join(_WORD_START.findall(fold(words)))
        for seat in (folded, folded.partition(" ")[0]):
            if (code := _SEAT_CODES.get(seat)) is not None:
                out.add(code)
    return frozenset(out)


def _stances(text: str) -> list[tuple[frozenset[str], frozenset[tuple[int, int]]]]:
    """Each clause of `text` with a nation acting in it: its nations and its sides."""
    out = []
    for clause in _CLAUSE_BREAK.split(text, maxsplit=MAX_CLAUSES)[:MAX_CLAUSES]:
        if (agents := _agents(clause)) and (held := sides(clause)):
            out.append((agents, held))
    return out


def stances_of_nations(text: str) -> bool:
    """Whether `text` gives some nation a stance (`_stances`)."""
    return bool(_stances(text))


def nation_contradicted(claim: str, sentence: str) -> bool:
    """Whether `claim` gives a nation the opposite stance `sentence` gives it, where the
    sentence gives no clause of that nation the claim's stance."""
    said = _stances(claim)
    if not said:
        return False
    source = _stances(sentence)
    for nations, held in said:
        theirs = [h for n, h in source if n & nations]
        for p, side in held:
            if (p, 1 - side) in held:
                continue
            if any((p, 1 - side) in h for h in theirs) and not any((p, side) in h
                                                                   for h in theirs):
                return True
    return False
