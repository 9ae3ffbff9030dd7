"""A question that takes as done what its sources only fear or call possible: "What damage did
the armed radicals cause when they attacked the Baikonur cosmodrome?" over "une alerte a été
émise ... en raison du risque d'une attaque par des radicaux armés", "Quels réseaux ... les
radicaux ont-ils sabotés ?" over "Les experts n'excluent pas que les radicaux puissent
organiser un sabotage" (traps_study53 t53_008, t53_048). The deed the question tells in the
past (its participle, or the verb after "when they") is named by the sentence only as a risk:
the sentence does not say it happened, so it tells nothing of its outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.answering.lexicon import other_language_keys
from rag.text import fold

# the deed a question tells as done: a French participle after an inverted auxiliary ("ont-ils
# sabotés", "a-t-il attaqué"), an English past after "when/after/as" and a subject
_DONE_FR = re.compile(r"(?i)\b(?:a|ont|avait|avaient)(?:-t)?-(?:il|elle|ils|elles|on)\s+"
                      r"(?:été\s+)?([^\W\d_]{4,}(?:é|ée|és|ées|i|is|u|us|t|ts))\b")
_DONE_EN = re.compile(r"(?i)\b(?:when|after|as|once)\s+(?:they|he|she|it|the\s+\w+|\w+)\s+"
                      r"([a-z]{4,}ed)\b")
# a question that asks of a possibility itself ("What risk ...?", "Could ...?", "Que
# craignaient ...?") presupposes nothing done
_ASKS_POSSIBLE = re.compile(r"(?i)\b(?:risk|threat|fear\w*|danger|could|might|may|possib\w*|"
                            r"potential\w*|risque\w*|menace\w*|crain\w*|pourrai\w*|peut|"
                            r"pourrait|possib\w*|éventuel\w*)\b")
# what makes a deed a possibility: it follows one of these within a few words of its clause
# (not "may": folded, it is also the month, "In May 1940, Germany attacked France")
_POSSIBLE = re.compile(r"\b(?:risques?\s+d|menaces?\s+d|craintes?\s+d|peur\s+d|"
                       r"n.exclu\w*\s+pas|pourrai\w*|puisse\w*|pourr\w+|possibles?|"
                       r"eventuel\w*|risk\s+of|threat\s+of|fears?\s+of|could|might|"
                       r"potential\w*|possible)\b")
STEM = 4
WITHIN_WORDS = 6
_CLAUSE_BREAK = frozenset({",", ";", ":", "qui", "which", "who", "that", "et", "and", "mais",
                           "but"})


def done_asked(question: str) -> frozenset[str]:
    """The stems of the deeds `question` tells as done (none when it asks of a possibility)."""
    if _ASKS_POSSIBLE.search(question):
        return frozenset()
    words = [m.group(1) for m in _DONE_FR.finditer(question)]
    words += [m.group(1) for m in _DONE_EN.finditer(question)]
    return frozenset(fold(w)[:STEM] for w in words)


def _mentions(stems: frozenset[str], text: str) -> list[bool]:
    """For each word of `text` naming one of the deeds, whether it names it as a possibility
    (a few words after "risque d'", "n'excluent pas que", "could", ...)."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[,;:]", fold(text))
    out = []
    for k, w in enumerate(words):
        if w[:STEM] not in stems:
            continue
        before = words[max(0, k - WITHIN_WORDS):k]
        # (the clause of the deed only: "Les Allemands, qui pourraient avoir engagé 300
        # avions, ont bombardé": the possibility is another clause's)
        cut = max((j for j, x in enumerate(before) if x in _CLAUSE_BREAK), default=-1)
        out.append(bool(_POSSIBLE.search(" ".join(before[cut + 1:]))))
    return out


def only_possible(stems: frozenset[str], texts: Iterable[str]) -> bool:
    """Whether the sentences name the deeds (`stems`) and every time only as a possibility:
    then the sources do not say it happened, and no sentence tells what came of it."""
    if not stems:
        return False
    mentions = [m for text in texts for m in _mentions(stems, text)]
    return bool(mentions) and all(mentions)


# An event the question asks the outcome of in the past ("What was decided at the Lugano
# conference?", "Qu'a décidé la réunion de Genève ?") ...
_EVENT = re.compile(r"(?i)\b(conf[ée]rences?|summits?|sommets?|meetings?|r[ée]unions?|talks|"
                    r"entretiens|n[ée]gociations?|negotiations?|votes?|[ée]lections?|"
                    r"referend\w+|r[ée]f[ée]rendums?|trials?|proc[èe]s)\b")
# (what came of it: not "In which city was a conference due to take place?", nor "What did
# Nazarenko hope would be true by the time of the conference?"). Between "did" and the verb,
# at most 60 characters past the spaces around them: each run of spaces is read whole, once
# (`\s++`, a middle that ends on a letter), as "did", a run of 2,000 spaces and no verb was
# split every way between two quantifiers (10 s a question, review 51 F0)
_PAST_ASKED = re.compile(r"(?i)\b(?:(?:was|were)\s+(?:decided|agreed|concluded|adopted|signed|"
                         r"achieved|announced)|(?:did|has|have)(?:\s++[^?]{0,60}(?<=\S)|"
                         r"\s(?=\s))\s++(?:decide|agree|conclude|adopt|achieve|produce|result)|"
                         r"happened\s+at|came\s+out\s+of|"
                         r"outcome|results?\s+of|a\s+été\s+(?:décidé|conclu|adopté|signé|"
                         r"obtenu|annoncé)|ont\s+été\s+(?:décidée?s|conclue?s|adoptée?s|signée?s)|"
                         r"(?:a|ont)-t-(?:il|elle|on|ils|elles)\s+(?:décidé|conclu|adopté|"
                         r"abouti|obtenu)|qu['’](?:a|ont)\s+(?:décidé|conclu|adopté|donné)|"
                         r"s['’]est[- ]il\s+passé|résultats?\s+d|issue\s+d|ressorti)\b")
# ... that the sources tell only as coming ("se tiendra à Lugano ... en juillet 2022")
_COMING = re.compile(r"\b(?:se\s+tiendra|se\s+tiendront|aura\s+lieu|auront\s+lieu|doit\s+se\s+"
                     r"tenir|doivent\s+se\s+tenir|doit\s+avoir\s+lieu|est\s+prevue?|sont\s+"
                     r"prevue?s|prevue?s?\s+(?:pour|le|en|a)|devrait\s+(?:se\s+tenir|avoir\s+"
                     r"lieu)|will\s+(?:be\s+held|take\s+place|meet|convene)|is\s+(?:due|"
                     r"scheduled|set|planned)\s+to|are\s+(?:due|scheduled|set|planned)\s+to|"
                     r"upcoming|a\s+venir|prochaine?s?|next\s+(?:week|month|year))\b")


def event_asked_done(question: str) -> str:
    """The event whose outcome the question asks in the past, as a stem ("" for none)."""
    m = _EVENT.search(question)
    if m is None or not _PAST_ASKED.search(question) or _ASKS_POSSIBLE.search(question):
        return ""
    return fold(m.group(1))[:STEM]


def only_coming(event: str, texts: Iterable[str]) -> bool:
    """Whether the sentences name the event and tell it only as yet to come: its outcome is
    after what the sources know."""
    if not event:
        return False
    folded = (fold(text) for text in texts)
    naming = [f for f in folded if any(w[:STEM] == event for w in re.findall(r"[^\W\d_]+", f))]
    return bool(naming) and all(_COMING.search(f) for f in naming)


# A deed the question tells as done that its sources deny: "According to Peskov, what help had
# Kazakhstan requested from Russia?" over "le Kazakhstan n'avait pas demandé l'aide de la
# Russie" (traps_study55 t55_001, t55_002). Also an English perfect ("had Kazakhstan
# requested"), put into the sources' French by the lexicon.
_DONE_HAD = re.compile(r"(?i)\b(?:had|has|have)\s+(?:[\w-]+\s+){1,3}?([a-z]{4,}ed)\b")
# ... or its simple past, of a deed asked for ("What help did Kazakhstan request?"; not a
# yes/no question, "Did Russia send troops?", which a denial answers)
_DONE_DID = re.compile(r"(?i)\b(?:what|which|how\s+many|how\s+much)\s+(?:[\w-]++\s+){0,3}?did\s+"
                       r"(?:[\w-]++\s+){1,4}?(request|ask|seek|send|dispatch|deploy|receive|"
                       r"accept|promise)\b")
_NEGATED = re.compile(r"\b(?:pas|jamais|point|aucune?|not|never|no|n't|nor|ni)\b|n['’]t\b")
_ASKS_NEGATED = re.compile(r"(?i)\b(?:pas|jamais|not|never|refus\w*|declin\w*|rejet\w*|"
                           r"reject\w*)\b|n['’]t\b")
# words before the deed read for its negation ("n'avait pas demandé"; not "n'a pas tardé à
# envoyer", whose negation is of another verb)
NEGATION_WITHIN = 2
_NOT_DENIAL = re.compile(r"\b(?:not\s+only|non\s+seulement|sans\s+(?:aucun\s+)?doute|no\s+doubt|"
                         r"pas\s+seulement|not\s+just)\b")


def deeds_asked(question: str, lang: str) -> frozenset[str]:
    """The stems of the deeds `question` tells as done, and, for an English question, their
    French stems (none when it asks of a possibility or of a denial itself)."""
    if _ASKS_NEGATED.search(question):
        return frozenset()
    stems = set(done_asked(question))
    if lang == "en":
        words = [m.group(1).lower() for m in _DONE_EN.finditer(question)]
        words += [m.group(1).lower() for m in _DONE_HAD.finditer(question)]
        words += [m.group(1).lower() for m in _DONE_DID.finditer(question)]
        if _ASKS_POSSIBLE.search(question):
            words = []
        for w in words:
            stems.add(fold(w)[:STEM])
            stems.update(other_language_keys(w, "en"))
    return frozenset(stems)


# words sharing a deed's stem that tell no deed ("demain" is no "demande")
_NOT_DEEDS = frozenset({"demain", "envol", "envols"})


def only_denied(stems: frozenset[str], texts: Iterable[str]) -> bool:
    """Whether the sentences name the deeds and every time as not done ("n'avait pas
    demandé"): what came of it is then nothing the sources could tell."""
    if not stems:
        return False
    mentions: list[bool] = []
    for text in texts:
        words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[,;:]", fold(text))
        for k, w in enumerate(words):
            if w[:STEM] not in stems or w in _NOT_DEEDS:
                continue
            before = words[max(0, k - NEGATION_WITHIN):k]
            cut = max((j for j, x in enumerate(before) if x in _CLAUSE_BREAK), default=-1)
            said = " ".join(words[max(0, k - NEGATION_WITHIN - 1):k + 2])
            mentions.append(bool(_NEGATED.search(" ".join(before[cut + 1:])))
                            and not _NOT_DENIAL.search(said))
    return bool(mentions) and all(mentions)
