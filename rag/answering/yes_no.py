"""The deed a yes/no question asks about, which a sentence answering it tells.

"Did Kazakhstan accept the EU's offer of support?" is not answered by Borrell's offer alone;
"Was Tokayev re-elected president after the unrest?" not by his request for help; "Nazarbaïev
a-t-il conservé la présidence du Conseil de sécurité ?" not by his call to support the
government. The verb is read only where the question's shape gives it plainly (the participle
after an inverted auxiliary in French; the verb after the subject of "did", or the participle
after "was" / "had", in English); across languages it is compared through the lexicon, and
not at all when the lexicon has no entry for it (a rewording the lexicon does not know is not
held against a sentence).
"""

from __future__ import annotations

import re

from rag.answering.antonyms import contradicted, sides
from rag.answering.lexicon import french_synonyms, other_language_keys
from rag.text import fold, tokenize

# "X a-t-il conservé ...", "X a-t-il fini par se retirer ...", "X s'est-il dissipé ..."
_FR = re.compile(r"(?i)^(?!\s*(?:qu|quel|lequel|laquelle|combien|comment|pourquoi|quand|où|"
                 r"qui)\b)[^?]{0,120}?\b(?:a|ont|avait|avaient|aura|auront|est|sont|était|"
                 r"étaient)-(?:t-)?(?:il|elle|ils|elles|on)\s+((?:[\w’'-]+\s+){0,5})")
_FR_SKIP = frozenset(fold(w) for w in """été pas donc alors finalement déjà ensuite d'abord
    d’abord vraiment réellement encore aussi bien en y ne fini par se s' s’ pu dû su voulu
    tenté cherché effectivement officiellement jamais toujours plus tard tôt enfin aussitôt
    récemment rapidement immédiatement publiquement personnellement formellement lui-même
    elle-même eux-mêmes elles-mêmes même""".split())
# words said: what they say is the question, not the verb ("a-t-il déclaré que la Russie
# partirait ?" is answered by "a annoncé le retrait")
_SAID = re.compile(r"(?:declar|annon|affirm|dit$|dire$|precis|indiqu|expliqu|soulign|ajout|"
                   r"estim|assur|say|said|state|claim|tell|told|announc|report)")
# (a possessive subject goes on: "Did Russia's troops leave ...?"; adverbs before the verb
# are skipped: "Did Armenia also send ...?")
_EN_DID = re.compile(r"(?i)^\s*(?:did|does|do)\s+((?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
                     r"(?:(?<=['’]s)\s+[a-z]+|(?<=s['’])\s+[a-z]+)?|"
                     r"(?:the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,2}?(?:[\w’'-]+s|"
                     # (a body that acts as one: "Did the Kazakh government cancel ...?")
                     r"government|army|police|president|ministry|bloc|alliance|regime|"
                     r"administration|parliament|council|court|military|kremlin))\s+"
                     r"(?:(?:\w+ly|also|ever|not|still|already|indeed|even|actually|finally|"
                     r"never|then|later|too)\s+)*([a-z]+)\b")
# (a long subject: "Has the separate peacekeeping agreement underpinning the CSTO
# intervention been ratified ...?", t58_035: the participle after "been", not one of the
# subject's relative clause, "Has the treaty that they negotiated been ratified?", review 55)
_EN_BEEN = re.compile(r"(?i)^\s*(?:has|have|had)\s+[^?]{0,120}?\bbeen\s+(?:\w+ly\s+)?"
                      r"(?-i:([a-z][a-z-]*ed|held|shut|cut|sent|made|taken|given|built|left|"
                      r"put|struck|brought|chosen|driven|drawn|kept|sold|told|won|lost))\b")
_EN_WAS = re.compile(r"(?i)^\s*(?:was|were|has|have|had)\s+(?:[\w’'-]+\s+){0,5}?"
                     r"(?-i:([a-z][a-z-]*ed|held|shut|cut|sent|made|taken|given|built|left|put|"
                     r"struck|brought|chosen|driven|drawn|kept|sold|told|won|lost))\b")
# a French participle ends so; after "est-il" a noun ("membre") is no deed
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|t|te|ts|tes|er|ir)$")
_EN_NOT_VERBS = frozenset("in of at on for with from to by about and or".split())
COGNATE = 5  # across languages, a verb of these first letters ("confi": "confirmé")
PREFIX = 6  # a verb and its nouns share their first letters: "dissip", "conser" (not "conseq")


def yes_no_verb(question: str) -> tuple[str, str]:
    """The verb of the deed a yes/no question asks about, folded, with the language it is
    read in ("conserve", "fr"); ("", "") when the shape is unclear or the verb says words."""
    verb, lang = _verb(question)
    return ("", "") if _SAID.match(verb) else (verb, lang)


def _verb(question: str) -> tuple[str, str]:
    question = " ".join(question.split())
    if m := _FR.match(question):
        for word in m.group(1).split():
            if fold(word) not in _FR_SKIP and not word[:1].isupper() \
                    and not fold(word).endswith("ment"):
                w = fold(word).split("’")[-1].split("'")[-1]
                return (w, "fr") if len(w) >= 4 and _PARTICIPLE.search(word) else ("", "")
        return "", ""
    if (m := _EN_DID.match(question)) and fold(m.group(2)) not in _EN_NOT_VERBS:
        return fold(m.group(2)), "en"
    if m := _EN_BEEN.match(question) or _EN_WAS.match(question):
        return fold(m.group(1)), "en"
    return "", ""


def asked_verb(question: str) -> tuple[str, str]:
    """The verb a yes/no question asks about, words said included ("Did Armenia confirm
    ...?": ("confirm", "en")); ("", "") when the shape is unclear."""
    return _verb(question)


def verb_positions(verb: str, lang: str, text: str, text_lang: str) -> list[int]:
    """Where `text` writes the verb: a word of the same first letters in one language, of a
    translation's across (the starts of those words; empty when none is found)."""
    out = []
    if lang == text_lang:
        forms = [f.replace("-", "") for f in (_en_forms(verb) if lang == "en" else (verb,))]
        wanted: frozenset[str] = frozenset()
    elif lang == "en":  # (a translation's, or a cognate's: "confirm", "confirmé")
        forms, wanted = [], _translations(verb)
    else:
        return []
    for m in re.finditer(r"[\w’'-]+", text):
        w = fold(m.group(0)).replace("-", "")
        w = w.split("’")[-1].split("'")[-1]
        if any(w[:PREFIX] == f[:PREFIX] and len(w) >= min(len(f), PREFIX) for f in forms) or (
                wanted and (w[:4] if len(w) > 4 else w) in wanted) or (
                lang != text_lang and len(verb) >= COGNATE and w[:COGNATE] == verb[:COGNATE]):
            out.append(m.start())
    return out


def _en_forms(verb: str) -> tuple[str, ...]:
    """An English verb as written, without a "re-" ("re-elected": "elected") and without its
    past ending ("accepted": "accept")."""
    bare = verb[3:] if verb.startswith("re-") else verb
    return verb, bare, re.sub(r"(?:ied|ed)$", "", bare) if len(bare) > 5 else bare


def deed_told(verb: str, lang: str, text: str, text_lang: str) -> bool:
    """Whether `text` tells the deed `verb` names: a word of the same first letters (or a
    French synonym's stem) in its language, a translation across; true when nothing can be
    compared."""
    words = [fold(w).replace("-", "") for w in re.findall(r"[\w’'-]+", text)]
    if (said := sides(verb)) and contradicted(said, text):
        return True  # its opposite answers no ("Did Kazakhstan accept ...?": "declined")
    if lang == text_lang:
        forms = [f.replace("-", "") for f in (_en_forms(verb) if lang == "en" else (verb,))]
        if any(w[:PREFIX] == f[:PREFIX] for w in words for f in forms):
            return True
        if lang == "en":  # another word of the same French translation ("arrested" and
            wanted = _translations(verb)  # "detained")
            return not wanted or any(_translations(w) & wanted for w in set(words))
        stems = set(tokenize(text, "french"))
        stem = next(iter(tokenize(verb, "french")), verb)
        return stem in stems or bool(french_synonyms(stem) & stems)
    if lang != "en":
        return True
    wanted = _translations(verb)
    if not wanted:
        return True  # nothing known to compare it with
    return any((w[:4] if len(w) > 4 else w) in wanted for w in words)


def _translations(verb: str) -> frozenset[str]:
    """The lexicon's French keys for an English verb, in any of its forms (and a reaction
    for a response: "Had Western capitals responded ...?" / "n'ont pas réagi"; not in the
    lexicon, where the verifier would read "réagi" as a deed to match agents with)."""
    keys = frozenset().union(*(other_language_keys(v, "en") for v in _en_forms(verb)))
    for start, french in _DEEDS_APART:
        if verb.startswith(start):
            keys |= french
    return keys


# English verbs the lexicon does not hold (where the verifier would read them as deeds to match
# agents with), by their first letters, and their French keys: "Had Western capitals responded
# ...?" / "n'ont pas réagi"; "Were chemical weapons used ...?" / "utilisées", "employées"
_DEEDS_APART = (
    (("respond", "react"), frozenset({"reag", "reac"})),
    (("use", "used", "using"), frozenset({"util", "empl", "recou", "usag"})),
    # "Did the government cancel the price increase?": a reversal, not the "concessions" it
    # made (traps_study54 t54_015); "Were all flights cancelled?" / "tous les vols étant annulés"
    (("cancel", "scrap", "revers", "rescind", "revok", "repeal", "abolish"),
     frozenset({"annu", "abro", "abol"})),
)
