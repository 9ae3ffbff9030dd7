"""Who did it, across languages: a claim that gives a sentence's deed to another party it
names. "By Thursday evening, protesters had retaken the main airport, which the military had
seized earlier" over "Jeudi soir, les militaires avaient repris le contrôle du principal
aéroport, saisi plus tôt par les manifestants"; "NATO is seeking security guarantees from
Moscow" over "Moscou cherche à obtenir des garanties de sécurité de la part de l'OTAN".

Every name and number of such a claim is in its sentence, and the embedding reads both as one
statement; `exchange` compares the words around each party, which across languages are too
loosely placed. What holds in both languages is that a clause's subject stands right before
its verb. The claim's verb is translated (the lexicon, and the few deeds below it lacks); when
the sentence puts another party the claim names right before that verb, never the claim's
subject, and names the claim's subject elsewhere, the two were exchanged (a party replaced by
one the sentence never names is the anchors' to catch).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rag.answering.countries import country_code
from rag.answering.language import detect_language
from rag.answering.lexicon import french_words
from rag.text import fold

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
MAX_CHARS = 600  # a longer claim or sentence is not read
# groups people act as, by class across the two languages (first letters, folded)
_GROUPS = (
    (("manifest", "protest", "demonstr", "contestat"), "protesters"),
    (("emeut", "riot"), "rioters"),
    (("militaire", "military", "soldat", "soldier", "troop", "troup", "army", "armee"),
     "military"),
    (("polic",), "police"),
    (("gouvern", "govern"), "government"),
    (("terroris",), "terrorists"),
)
# places and bodies that stand for a country or an alliance when they act
_STANDS_FOR = {
    "moscou": "#RU", "moscow": "#RU", "kremlin": "#RU", "washington": "#US",
    "pekin": "#CN", "beijing": "#CN", "astana": "#KZ", "nour-soultan": "#KZ",
    "nur-sultan": "#KZ", "otan": "NATO", "nato": "NATO", "otsc": "CSTO", "csto": "CSTO",
    "ue": "EU", "eu": "EU", "onu": "UN",
}
# English deeds the lexicon does not hold, and the starts of their French words (five
# letters or more: "repri" is "repris", "reprise", never "représentants")
_DEEDS = (
    (("retak", "retook"), ("repri", "repren")),
    (("seek", "sought"), ("cherch", "recherch", "sollicit")),
    (("storm",), ("assaut",)),
    (("captur",), ("captur", "empar", "saisi")),
    (("attack",), ("attaqu", "agress")),
    (("accus",), ("accus",)),
    (("deploy",), ("deploi", "deploy")),
    (("request",), ("demand", "sollicit", "requi")),
    (("invit",), ("invit",)),
    (("launch",), ("lance", "lancer", "lances")),
)
# what befell someone is no deed of theirs ("Why did soldiers kill protesters?" over "des
# manifestants sont morts")
_STATES = frozenset("mort morts deces decede decedes decedee decedees".split())
# words between a subject and its verb: auxiliaries, negations, adverbs of time
_BETWEEN = frozenset(fold(w) for w in """
    a ont avait avaient aura auront est sont était étaient été ont-ils se s' s’ ne n' n’ y en
    déjà aussi alors ensuite encore finalement également rapidement plus tôt tard
    is are was were has have had been being will would did does do also then already later
    reportedly finally quickly soon not
""".split())
_SKIP_AS_ADJECTIVE = 1  # one word between a party and its verb may qualify it ("russes")


def _group(word: str) -> str | None:
    return next((cls for starts, cls in _GROUPS if word.startswith(starts)), None)


_TIMES = frozenset(fold(w) for w in """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december lundi mardi mercredi jeudi vendredi
    samedi dimanche janvier février mars avril mai juin juillet août septembre octobre
    novembre décembre
""".split())
# a claim opening on when or where ("By Thursday evening, ...", "On Friday, ..."): its subject
# comes after the comma
_OPENING = re.compile(r"(?i)^\s*(?:by|on|in|at|after|before|during|since|late|early|earlier|"
                      r"later|last|this|then|according\s+to|selon|d['’]après)\b[^,]{0,60},")
# a word that makes the party after it a complement, no subject ("des pays alliés de Moscou se
# déploient", "l'aéroport d'Almaty aurait été pris")
_COMPLEMENT = frozenset(fold(w) for w in """
    de d' d’ du des à au aux par pour avec sur contre vers chez of to from by with in for on at
    against towards
""".split())
# a passive: the party before the verb is who it was done to ("aurait été pris ... par les
# émeutiers", "was seized by")
_PASSIVE = frozenset(fold(w) for w in "été être etre was were been be being".split())


def _party_key(raw: str, word: str) -> str | None:
    """A party's key in either language: its group, its country, what it stands for, else
    (a capitalised name) its first four letters; None for a word that names no party."""
    if (g := _group(word)) is not None:
        return g
    bare = word.split("'")[-1].split("’")[-1]
    if bare in _STANDS_FOR:
        return _STANDS_FOR[bare]
    if not raw.split("'")[-1].split("’")[-1][:1].isupper() or bare in _TIMES:
        return None
    code = country_code(bare)
    return f"#{code}" if code else (bare[:4] if len(bare) >= 4 else None)


def _words(text: str) -> tuple[list[str], list[str], list[str]]:
    """The words of `text` as written, folded, and the text between each and the one before
    (its punctuation)."""
    matches = list(_WORD.finditer(text))
    gaps = [text[(matches[n - 1].end() if n else 0):m.start()] for n, m in enumerate(matches)]
    raw = [m.group(0) for m in matches]
    return raw, [fold(w).replace("’", "'") for w in raw], gaps


# punctuation that closes a clause between a party and a verb ("La Russie, qui dirige
# l'OTSC, a envoyé": the OTSC is not who sent)
_CLAUSE_MARK = re.compile(r"[,;:()«»\"–—]")
_BETWEEN_TWO = frozenset({"entre", "between"})  # "entre les manifestants et la police"


def _subject_before(raw: Sequence[str], words: Sequence[str], at: int,
                    gaps: Sequence[str] | None = None) -> str | None:
    """The party right before word `at` (auxiliaries and adverbs skipped, and one word that
    may qualify the party), None when none stands there (or a clause closes between)."""
    i, loose = at - 1, _SKIP_AS_ADJECTIVE
    while i >= 0:
        if gaps is not None and _CLAUSE_MARK.search(gaps[i + 1]):
            return None
        if words[i] in _PASSIVE and not words[at].endswith("ing"):
            return None
        if words[i] in _BETWEEN:
            i -= 1
            continue
        key = _party_key(raw[i], words[i])
        if key is not None:
            complement = (i > 0 and words[i - 1] in _COMPLEMENT) or words[i].startswith("d'") \
                or bool(_BETWEEN_TWO & set(words[max(0, i - 5):i]))
            return None if complement else key
        if loose and not raw[i][:1].isupper():
            loose -= 1
            i -= 1
            continue
        return None
    return None


# words said are no deed: who says them is read elsewhere (`attribution`), and "How did the
# Russian foreign ministry say ...?" is answered by the ministry's words in a sentence whose
# "a déclaré" follows a spokesman
_SAID = re.compile(r"(?:say|said|tell|told|state|claim|announc|declar|report|add|note|warn|"
                   r"stress|insist|assert|explain|comment|describ|call|urg|ask|believ|think|"
                   r"thought|consider|become|became|receiv|get|got|have|had|make|made)")


def _verb_words(word: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """An English verb's French words (whole, folded) and word starts; empty for words said
    and states."""
    if _SAID.match(word):
        return frozenset(), ()
    words = frozenset(w for w in french_words(word) if w not in _STATES)
    starts = tuple(x for starts, french in _DEEDS if word.startswith(starts) for x in french)
    return words, starts


def _translates(word: str, words: frozenset[str], starts: tuple[str, ...]) -> bool:
    """Whether a folded French word is one of `words` (give or take a gender or number
    ending) or begins with one of `starts`."""
    bare = re.sub(r"(?:e|s|es)$", "", word)
    return word in words or bare in words or any(re.sub(r"(?:e|s|es)$", "", w) == bare
                                                 for w in words) or word.startswith(starts)


def _claim_subject(raw: Sequence[str], words: Sequence[str]
                   ) -> tuple[str, frozenset[str], tuple[str, ...]]:
    """The claim's first subject and its verb's French words and starts: the first word with
    French words that a party stands right before; ("", {}, ()) when there is none."""
    for at, w in enumerate(words[:12]):
        if at == 0 or _party_key(raw[at], w) is not None or w in _BETWEEN:
            continue
        french, starts = _verb_words(w)
        if (french or starts) and (subject := _subject_before(raw, words, at)) is not None:
            return subject, french, starts
    return "", frozenset(), ()


def _doers(claim: str, sentence: str) -> tuple[str, set[str], list[str]]:
    """The claim's subject, the other parties it names, and the parties the sentence puts
    right before the claim's verb (empty when the sentence does not name the subject)."""
    c_raw, c_words, _ = _words(_OPENING.sub("", claim, count=1))
    subject, french, starts = _claim_subject(c_raw, c_words)
    if not subject:
        return "", set(), []
    others = {k for r, w in zip(c_raw, c_words, strict=True)
              if (k := _party_key(r, w)) is not None and k != subject}
    s_raw, s_words, gaps = _words(sentence)
    if subject not in {k for r, w in zip(s_raw, s_words, strict=True)
                       if (k := _party_key(r, w)) is not None}:
        return subject, others, []
    doers = [_subject_before(s_raw, s_words, j, gaps) for j, w in enumerate(s_words)
             if _translates(w, french, starts) and _party_key(s_raw[j], w) is None
             and not {"par", "by"} & set(s_words[j + 1:j + 3])]  # ("soutenue par la Chine")
    return subject, others, [d for d in doers if d is not None]


def subject_exchanged(claim: str, claim_lang: str, sentence: str, sentence_lang: str) -> bool:
    """Whether an English claim's subject does the deed its French sentence gives another
    party the claim names, the claim's subject standing elsewhere in the sentence."""
    if claim_lang != "en" or sentence_lang != "fr" or len(claim) > MAX_CHARS \
            or len(sentence) > MAX_CHARS:
        return False
    subject, others, doers = _doers(claim, sentence)
    return bool(doers) and subject not in doers and any(d in others for d in doers)


# what an English question takes as done: "Why did protesters retake Almaty's airport from
# the army?" takes "protesters retake Almaty's airport from the army"
_PREMISE = re.compile(r"(?i)^\s*(?:why|when|where|how|(?:what|which)(?:\s+\w+)?)\s+(?:did|does|"
                      r"do)\s+([^?]{6,300})\??\s*$")


def premise_exchanged(question: str, lang: str, sentences: Iterable[str]) -> bool:
    """Whether an English question's premise gives its deed to the wrong party: a French
    sentence naming the question's subject gives the deed to another party the question names,
    none gives it to the subject ("Why did protesters retake Almaty's main airport from the
    army?" over "les militaires avaient repris le contrôle du principal aéroport, saisi plus
    tôt par les manifestants", traps_study53 t53_044)."""
    if lang != "en" or (m := _PREMISE.match(question)) is None:
        return False
    premise, exchanged = m.group(1), False
    for sentence in sentences:
        if len(sentence) > MAX_CHARS or detect_language(sentence) != "fr":
            continue
        subject, others, doers = _doers(premise, sentence)
        if subject in doers:
            return False
        exchanged = exchanged or any(d in others for d in doers)
    return exchanged
