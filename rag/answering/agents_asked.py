"""Who did something, asked of a sentence that says it was done by no one named: "Which agency
arrested Karim Massimov?" is not answered by "Massimov ... a été arrêté pour trahison" (the
organisation named there is one he headed), only by an active sentence or "arrêté par X"."""

from __future__ import annotations

import re

from rag.answering.lexicon import other_language_keys
from rag.text import fold

KEY = 4  # verbs are compared by their first letters, as the lexicon keys them
# "Who arrested X?", "Which agency ordered X?", "Qui a arrêté X ?", "Quelle institution a
# décidé X ?", "Par qui X a-t-il été arrêté ?", "By whom was X arrested?", "Which agency or
# ministry arrested X?", "Quelle agence ou quel ministère a arrêté X ?"
_ASKED = (
    re.compile(r"(?i)^\s*(?:who|(?:which|what) [\w-]+(?: [\w-]+)?"
               r"(?: or (?:which |what |an? |the )?[\w-]+)?) "
               r"([a-z]+ed|sent|led|made|took|gave|shot|chose|wrote|began|set|brought|"
               r"caught|held|built|sold|bought|paid|threw|drove|struck|forced)\b"),
    re.compile(r"(?i)^\s*(?:qui|quel(?:le)?s? [\w-]+(?: [\w-]+)?"
               r"(?: ou (?:quel(?:le)?s? )?[\w-]+)?) (?:a|ont|avait|avaient) "
               r"(?:(?!été\b)\w+ )?(?!été\b)([a-zà-ÿ]+(?:é|ée|és|ées|it|is|u|us))\b"),
    re.compile(r"(?i)^\s*(?:par qui|by whom)\b[^?]*?\b(?:été|was|were|been) "
               r"([a-zà-ÿ]+(?:é|ée|és|ées|it|is|u|us|ed))\b"),
)
_NOT_ASKED = frozenset("""used based called named said located situated died arrived returned
    fled left came went fell born happened occurred emerged stayed remained""".split())
_AUXILIARY = frozenset(fold(w) for w in """été was were been being est sont fut furent is are
    étaient était""".split())
_AGENT = re.compile(r"(?i)^(?:par|by)$")
AGENT_WITHIN = 6
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_PARTICIPLE = re.compile(r"(?:e|ee|es|ees|ed|i|is|ie|ies|it|u|us|ue|ues|en)$")


def agent_verb(question: str, lang: str) -> frozenset[str]:
    """The keys (first letters, folded, in both languages) of the verb whose doer the question
    asks; empty when it asks none."""
    for pattern in _ASKED:
        if m := pattern.match(question):
            verb = fold(m.group(1))
            if verb in _NOT_ASKED or len(verb) < KEY:
                return frozenset()
            other = other_language_keys(verb, "en" if lang == "en" else "fr")
            return frozenset({verb[:KEY], *(k[:KEY] for k in other if len(k) >= KEY)})
    return frozenset()


def agentless(keys: frozenset[str], text: str) -> bool:
    """Whether the sentence tells the act only in the passive, naming no doer ("a été arrêté
    pour trahison"); False when it does not tell the act, or tells it actively or "par X"."""
    words = [fold(w) for w in _WORD.findall(text)]
    seen = False
    for k, w in enumerate(words):
        if w[:KEY] not in keys or len(w) < KEY + 1 or not _PARTICIPLE.search(w):
            continue  # (a noun, "l'arrestation", or another verb, "intervient", tells no act)
        seen = True
        if not any(p in _AUXILIARY for p in words[max(0, k - 2):k]):
            return False  # active ("a arrêté X") or a noun: it may name the doer
        if any(_AGENT.match(a) for a in words[k + 1:k + 1 + AGENT_WITHIN]):
            return False  # "arrêté par le KNB"
    return seen
