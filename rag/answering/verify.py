"""Claim verification: is each sentence of an answer supported by the passage it cites?

A claim is one sentence of the answer (split by `rag.sentences`) with the `[n]` markers in it.
Markers at the end of a sentence cite the whole sentence; markers inside it cut it into
clauses, each citing the markers that end it (words after the last marker join the last
clause). `[1][2]` and `[1, 2]` cite both passages: either may support the claim. A claim with no
marker is checked against every passage, so text from any LLM can be checked as is.

A claim is supported by a passage when one of its sentences

1. holds every number, date and name of the claim (spelling- and language-tolerant,
   `anchors.py`); a name may also come from the sentence before or the passage title ("il");
   a rough figure ("plus de 3 800", "nearly 3,000", "about 1,500") holds a source value
   within 10% of it on its side (`approximate`),
2. means the same: cosine of e5 embeddings (the sentence, or a clause of a long one) >=
   `threshold`, calibrated on `evals/verifier/pairs.jsonl` (`python -m evals.verifier.bench`),
3. shares at least 30% of its content words with it when both are in one language, and at
   least 10% of its predicate (the content words after its first name, less names and titles:
   what it says of who it names) when that has two words or more and no number or date: the
   names alone must not carry a sentence that says something else of them ("Pashinyan a été
   arrêté" over "Pashinyan a confirmé qu'une aide serait envoyée"),
4. agrees on negation (a claim with "not"/"ne ... pas" needs a negated sentence; a negated
   sentence of up to 20 words, or a long one whose clause closest to the claim is negated,
   needs a negated claim); a verb of refusal or denial ("refused", "a interdit") counts as a
   negation on both sides; and a claim that says "all", "every", "only" (`QUANTIFIER`) needs
   a sentence that says so too ("toutes les résidences" over "au moins une résidence"), a
   claim said of some ("une partie seulement des vols", `PARTIAL`) a sentence not said of
   all or none ("tous les vols"); it puts no opposite in place of the sentence's word
   (`antonyms.py`: "perdu le contrôle" over "repris le contrôle"), and a cause or purpose it
   gives shares a word with the sentence when that gives one too, in the same language
   (`_CAUSE`: "déclenchée par l'arrestation ..." over "provoquée par la hausse des prix"),
5. gives no one a title the passage gives them none of ("CSTO Secretary General Maria
   Zakharova" where the passage calls her the Russian diplomacy's spokeswoman; `titles.py`),
6. does not exchange who did what to whom (`swapped`, reason `agent`: "Russia's top diplomat
   warned the European Union" over "le plus haut diplomate de l'Union européenne a mis en garde
   la Russie"), nor give a role to another country's holder ("the US ambassador to Russia"
   over "l'ambassadeur de Russie aux États-Unis"). Parties joined by "et"/"and" before the
   main verb are one agent ("Le Kazakhstan et la Russie ont signé" over "La Russie et le
   Kazakhstan ..."); a claim or sentence over SWAP_MAX_CHARS characters is not checked, and
   each name is read with a bounded look-back, so the check stays linear in the text.

When no one sentence does, two adjacent ones may together (a claim that sums both up, each
giving it words of its own; a claim that restates one with a name of the other swapped in does
not pass), embedded only then, and checked as one sentence is (negation, quantifiers,
antonyms, another cause, a swapped agent). A claim that joins statements ("X did A, tandis
que B said C") none of this supports is cut at the conjunction (`conjuncts`) and supported
when each part is, by any sentence of the passages it cites (a model sums up sentences that
are not adjacent).

The best such sentence is the evidence (offsets into the passage text). For a claim its
citations do not support, `find_support` looks through all passages (to re-cite it).
All embeddings of one `verify` call are computed in one `embed_passages` call; callers that
cache passage sentences pass their vectors (`sentence_vectors`, from `embed_sentences`).

In the answering pipeline: `Verifier(engine.embedder).verify(answer, [Passage(h.chunk.text,
h.chunk.title) for h in hits])`; then drop an unsupported claim (`claim.start:claim.end` in the
answer), re-cite it to `claim.support.passage`, or fall back; `claim.evidence` gives the
sentence to highlight (add `h.chunk.start` for document offsets).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal, cast, get_args

import numpy as np

from rag.answering.anchors import (
    GENERIC,
    NUMBER_WORDS,
    STARTERS,
    Anchor,
    Facts,
    accounted,
    approximate,
    claim_anchors,
    facts,
    fold,
    holds,
    negated,
    same_name,
    within,
    words_of,
)
from rag.answering.antonyms import (
    contradicted,
    nation_contradicted,
    presence_denied,
    sides,
    stances_of_nations,
)
from rag.answering.attribution import speaker_swapped
from rag.answering.bodies import other_body, role_bodies
from rag.answering.borders import border_swapped
from rag.answering.charges import charge_swapped
from rag.answering.cities import SEAT_WORDS, SEATS, capitals_unsaid, cities_unsaid
from rag.answering.countries import (
    bodies_at,
    country_code,
    is_country,
    name_code,
    nations_of,
    role_nations,
)
from rag.answering.each_or_all import each_or_all_swapped, likeness_denied
from rag.answering.exchange import bindings_swapped, exchanged
from rag.answering.fates_unsaid import fates_unsaid
from rag.answering.lexicon import french_synonyms, other_language_keys
from rag.answering.nationality_swap import nationalities_unsaid, nationality_swapped
from rag.answering.negation_scope import affirms_denied
from rag.answering.one_made_many import one_made_many
from rag.answering.order import (
    order_swapped,
    same_day_apart,
    says_same_day,
    sequence_swapped,
)
from rag.answering.passive_agents import agent_added, agents_exchanged, first_of_other
from rag.answering.standins import Sort, as_place, has_stand_in, has_stand_in_at, stood_for
from rag.answering.subjects import subject_exchanged
from rag.answering.tense import tense_differs, times, told
from rag.answering.titles import ministry_swapped, misplaced_title, office_swapped, titles
from rag.documents import embedded_chars
from rag.embedders.base import Embedder, Vectors
from rag.errors import RagError
from rag.sentences import CACHED_SENTENCE_CHARS, Span, split_sentences
from rag.short_text_cache import short_text_cache
from rag.text import tokenize

# Calibrated on the tuning split of evals/verifier/pairs.jsonl (see evals/README.md).
DEFAULT_THRESHOLD = 0.83
# Names may also come from the sentence before the evidence (who "il" is) and the title, and
# any name but a country's from anywhere in the passage (`_at`): news names a speaker, then
# quotes them over two sentences ("Anatoly Antonov ... « ... . Nous soutiendrons ... », a
# déclaré le diplomate"). Numbers must be in the evidence sentence itself, dates there or in
# the sentence before when it gives none.
NAME_CONTEXT = 1
# A claim without negation over a negated sentence is flagged when the sentence is this short,
# or when the clause of a longer one closest to the claim is negated: elsewhere in a long
# sentence the negation is often in a clause the claim does not repeat.
SHORT_NEGATED = 20
RESTATED_WHOLE = 0.4  # share of a long sentence's words a claim restating it all repeats
# A claim in its source's language must share this much of its content words (stemmed) with
# the evidence: e5 scores any on-topic sentence high, words tell an unrelated claim apart
# (benchmark: true claims >= 0.43, unrelated ones that pass the cosine mostly <= 0.25).
MIN_OVERLAP = 0.3
# ... and its predicate (the content words after its first name, less names and titles) must
# not be new: a small model joins one sentence's names to another's predicate ("Le Premier
# ministre arménien Nikol Pashinyan a été arrêté pour trahison" over the Pashinyan sentence;
# the arrest was Massimov's), and the names alone lift the word overlap above MIN_OVERLAP.
# Checked when the predicate has PREDICATE_WORDS words or more and no number or date (those
# are anchors, checked already). Benchmark ("predicate" kind of evals/verifier/pairs.jsonl):
# true claims of the tune split >= 0.75, French predicate swaps 0; the low end of that gap
# because a model rewords more (a true answer claim of evals/reports/answers: 1 word of 6).
MIN_PREDICATE = 0.1
PREDICATE_WORDS = 2
_STEMMER = {"fr": "french", "en": "english"}
_FR_WORDS = frozenset("le la les des du une est sont ont été dans pour avec sur qui que par au "
                      "aux ce cette ses leur selon et un".split())
_EN_WORDS = frozenset("the of and is are was were has have had been that which with from by "
                      "this these their its for in to".split())
# Sentences of this many words or more are also embedded clause by clause (clauses of at
# least CLAUSE_WORDS words): a short claim restating one clause scores against that clause.
# A claim no single sentence supports is tried against this many pairs of adjacent sentences.
PAIRS_TRIED = 3
# ... and the pair must be closer to the claim than either sentence alone by this much: a claim
# that restates one sentence with a name or figure swapped in from the next is closest to the
# one sentence it restates, a claim that sums up both is closer to both.
PAIR_MARGIN = 0.0
# Each sentence of the pair gives the claim this many content words or anchors the other lacks,
# and the smaller share is at least PAIR_OWN_SHARE of the larger (evals/verifier/
# combined_dev.jsonl: adjacent swaps give 1-2 words of 4-14; faithful two-sentence claims
# 2-10, at least 0.4).
PAIR_OWN_WORDS = 2
PAIR_OWN_SHARE = 0.3
PAIR_OWN_WORDS_UNANCHORED = 3
# A claim in the other language than its evidence shares no word with it when it names no one
# and gives no figure ("The crisis has already left dozens of protesters dead" over "Une crise
# qui a déjà fait des dizaines de morts"): meaning alone then, and clearly. 0.87 and 0.85 both
# take one false alarm off blind_pairs3 against 0.90 and change nothing on any other bench.
CROSS_UNANCHORED = 0.87
# ... and a claim in its source's language that rewords most of its words ("C'est le
# renchérissement de l'essence qui a mis le feu aux poudres" over "déclenchées par la hausse des
# prix du carburant") is taken on meaning alone this close, when it shares a name, figure or
# word with it. Measured over every verifier bench (twenty-second session, evals/README.md):
# 7 true claims kept for 1 false one let through at 0.925; 12 for 8 at 0.89.
CLOSE_REWORDING = 0.925
CLAUSE_SENTENCE_WORDS = 20
CLAUSE_WORDS = 6
# A claim that joins two statements ("X did A, while B said C") is supported when each part,
# of CONJUNCT_WORDS words or more, is supported on its own (by any sentence of the passages it
# cites): a model sums up two sentences that are not adjacent.
CONJUNCT_WORDS = 6
MAX_CONJUNCTS = 4
_CONJUNCTION = re.compile(
    # (a colon only before a clause with a verb: "a double message: firmness ..." joins none;
    # not the English article "a", nor any word in "-ed": "need", "United")
    r"\s*(?:;|(?<!\d):(?!\d)(?=[^:;]*?\b(?:ont|est|sont|était|étaient|sera|seront|avait|"
    r"avaient|has|have|had|is|are|was|were|will|would|\w+(?:eront|era|ait|aient))\b)|"
    r",\s*(?:and|but|while|whereas|after|et|mais|tandis qu[e']|alors qu[e']|"
    r"apr[eè]s qu[e'])|\s(?:while|whereas|tandis qu[e']|alors qu[e']))\s*", re.I)
_MARKER = re.compile(r"\s?\[(\d{1,3}(?:\s*(?:,|-|–)\s*\d{1,3})*)\]")
_MAX_SENTENCE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    passage: int  # 1-based, as cited
    start: int  # the supporting sentence's offsets in the passage text
    end: int
    text: str
    score: float  # cosine between claim and sentence
    missing: tuple[str, ...] = ()  # claim anchors the passage does not hold

    def to_dict(self) -> dict[str, Any]:
        return {"passage": self.passage, "start": self.start, "end": self.end,
                "text": self.text, "score": round(self.score, 4), "missing": list(self.missing)}


# Why a claim is or is not supported: the verdict the API and the CLI report, from a closed set.
Reason = Literal["supported", "missing", "meaning", "negation", "quantifier", "antonym",
                 "cause", "agent", "title", "tense", "hedge", "no passage"]
REASONS: tuple[Reason, ...] = get_args(Reason)
# A supported claim that joins statements is refused when one of them no sentence supports and
# one contradicts, for one of these reasons (a part below the threshold alone is not refused:
# it has lost the context the whole claim had)
PART_DENIES: frozenset[Reason] = frozenset({"negation", "antonym", "quantifier", "cause",
                                            "agent", "tense", "title", "hedge"})


@dataclass(frozen=True, slots=True)
class Claim:
    text: str  # markers removed, whitespace collapsed
    start: int  # offsets in the answer (markers included)
    end: int
    citations: tuple[int, ...]
    supported: bool
    score: float  # the evidence's cosine (0 when there is none)
    reason: Reason
    evidence: Evidence | None
    support: Evidence | None = None  # for an unsupported claim: a passage that does support it

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "citations": list(self.citations), "supported": self.supported,
                "score": round(self.score, 4), "reason": self.reason,
                "evidence": self.evidence.to_dict() if self.evidence else None,
                "support": self.support.to_dict() if self.support else None}


@dataclass(frozen=True, slots=True)
class Verification:
    claims: list[Claim]
    threshold: float

    @property
    def all_supported(self) -> bool:
        return all(c.supported for c in self.claims)

    def to_dict(self) -> dict[str, Any]:
        ok = sum(c.supported for c in self.claims)
        return {"claims": [c.to_dict() for c in self.claims], "supported": ok,
                "unsupported": len(self.claims) - ok, "all_supported": self.all_supported,
                "threshold": self.threshold}


@dataclass(slots=True)
class _Sentences:
    """One passage split and described: spans, per-sentence facts, the whole passage's facts."""

    spans: list[Span]
    facts: list[Facts]
    title: Facts
    whole: Facts
    vectors: Vectors | None = None  # one row per unit
    units: list[tuple[int, str]] = field(default_factory=list)  # (sentence, text) embedded
    windows: list[Facts] = field(default_factory=list)  # name context before each sentence
    titles: dict[str, set[str]] = field(default_factory=dict)  # person -> titles the text gives
    # Computed once per passage, whatever the number of claims checked against it: the vectors
    # of adjacent pairs (`_two_sentences`) and each sentence's `_stems`.
    pair_vectors: dict[int, Vectors] = field(default_factory=dict)
    part_vectors: dict[str, Vectors] = field(default_factory=dict)  # `_said_negated`'s parts
    stem_sets: dict[int, set[str]] = field(default_factory=dict)
    text: str = ""  # the sentences joined
    text_and_title: str = ""  # ... and the title (what the passage names anywhere)
    lang: str | None = None  # the language most of its sentences are in (`_passage_language`)
    # how a claim's missing name is given (`_anchor_stood_for`), by (claim, name)
    stand_ins: dict[tuple[str, str], str] = field(default_factory=dict)
    stand_ins_missing: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    sorts: tuple[set[Sort], list[str], list[str]] | None = None  # `_named_sorts`
    # a claim's anchors each sentence must hold itself (`_sentence_anchors`), by claim
    sentence_anchors: dict[str, list[Anchor]] = field(default_factory=dict)
    # a capitalised word -> how the passage writes it (`_surname_uses`)
    surnames: dict[str, tuple[bool, bool, bool, bool, bool]] = field(default_factory=dict)

    orders: frozenset[int] | None = None  # orders of size the passage gives (`_orders_held`)
    word_orders: tuple[dict[int, int], frozenset[int]] | None = None  # `orders_in_words`

    def stems(self, i: int) -> set[str]:
        if i not in self.stem_sets:
            self.stem_sets[i] = _stems(self.spans[i].text)
        return self.stem_sets[i]

    def orders_held(self) -> frozenset[int]:
        if self.orders is None:
            self.orders = _orders_held(self.whole, " ".join(sp.text for sp in self.spans))
        return self.orders

    def orders_in_words(self) -> tuple[dict[int, int], frozenset[int]]:
        """How many times the passage gives each order of size in words, and the orders its
        figures give."""
        if self.word_orders is None:
            text = " ".join(sp.text for sp in self.spans)
            self.word_orders = (_order_times(fold(text)), _figure_orders(self.whole, text))
        return self.word_orders


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a claim asserts: anchors, its names (to account for source names), negation."""

    anchors: list[Anchor]
    names: set[str]  # folded names and their parts
    negated: bool
    lang: str
    terms: set[str]  # stemmed content words, in the claim's language
    stems: set[str] = field(default_factory=set)  # content words cut to 5 letters, any language
    predicate: set[str] = field(default_factory=set)  # `terms` after the first name, less names
    roles: tuple[tuple[frozenset[str], str], ...] = ()  # what its figures count (number_roles)
    titles: dict[str, set[str]] = field(default_factory=dict)  # person -> title it gives them
    universal: bool = False  # says "all", "every", "only" ... (QUANTIFIER)
    partial: bool = False  # says "some of", "une partie" ... (PARTIAL)
    cause: frozenset[str] = frozenset()  # stemmed words of the cause it gives (`_cause`)
    cause_words: tuple[str, ...] = ()  # ... as written, folded
    opposites: frozenset[tuple[int, int]] = frozenset()  # antonyms.sides of its words
    text: str = ""  # as checked, for `swapped`
    parties: tuple[_Party, ...] = ()  # who it names, in order (`parties`)
    # the bodies of countries it names, by key ("b:CSTO") and as written: the passage must
    # name each, in any of its names ("the Eurasian Economic Union" is not "l'OTSC")
    bodies: dict[str, str] = field(default_factory=dict)
    # each conjunct of a cause that gives two or more, stemmed ("en raison de ses réserves
    # d'hydrocarbures et des installations de Baïkonour"): the sentence must hold each
    cause_parts: tuple[frozenset[str], ...] = ()
    times: frozenset[str] = frozenset()  # "future" / "past" as it tells of them (`tense.times`)
    most: bool = False  # says "most of", "la plupart" ... (MOST)
    hedged: bool = False  # says it is likely, reported, expected ... (HEDGED)
    bounds: dict[str, str] = field(default_factory=dict)  # its bounded figures (`_bounds`)
    told: frozenset[str] = frozenset()  # `times` of what it tells, saying aside (`tense.told`)
    # its statements' vectors (`_restated_negated`), embedded once whatever the passages
    piece_vectors: dict[str, Vectors] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _ClaimText:
    text: str
    start: int
    end: int
    citations: tuple[int, ...]


def _numbers(group: str) -> list[int]:
    out: list[int] = []
    # (whitespace dropped first: "\s*,\s*" rescans a long run of spaces from each of them)
    for part in "".join(group.split()).split(","):
        bounds = [int(x) for x in re.split(r"[-–]", part) if x]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] < 10:
            out.extend(range(bounds[0], bounds[1] + 1))
        else:
            out.extend(bounds)
    return list(dict.fromkeys(out))


def split_claims(answer: str) -> list[_ClaimText]:
    """The answer's claims: sentences, cut after inner marker groups (see the module doc)."""
    out: list[_ClaimText] = []
    for sent in split_sentences(answer):
        groups = list(_MARKER.finditer(sent.text))
        cuts: list[tuple[int, int, tuple[int, ...]]] = []  # (start, end, citations)
        pos = 0
        for g in groups:
            between = sent.text[pos:g.start()]
            nums = tuple(_numbers(g.group(1)))
            if cuts and not re.search(r"\w{2}", between):
                s, _, c = cuts[-1]
                cuts[-1] = (s, g.end(), tuple(dict.fromkeys(c + nums)))
            else:
                cuts.append((pos, g.end(), nums))
            pos = g.end()
        if cuts:  # words after the last marker join its clause
            s, _, c = cuts[-1]
            cuts[-1] = (s, len(sent.text), c)
        else:
            cuts.append((0, len(sent.text), ()))
        for s, e, cites in cuts:
            raw = sent.text[s:e]
            text = " ".join(_MARKER.sub("", raw).split())
            lead = len(raw) - len(raw.lstrip())
            if re.search(r"\w", text):
                out.append(_ClaimText(text, sent.start + s + lead, sent.start + e, cites))
    return out


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(text: str) -> str:
    """Lone surrogates (legal JSON escapes) cannot be encoded for the model: replace each by
    U+FFFD, one character for one, so offsets stay those of the input."""
    return _SURROGATE.sub("\ufffd", text)


def _as_passage(p: str | Passage) -> Passage:
    p = p if isinstance(p, Passage) else Passage(p)
    return Passage(_clean(p.text), _clean(p.title))


def _spans(text: str) -> list[Span]:
    """A passage's sentences as the verifier reads them: those of at most _MAX_SENTENCE_CHARS,
    or the whole text when it has none."""
    return [s for s in split_sentences(text) if len(s.text) <= _MAX_SENTENCE_CHARS] or [
        Span(0, len(text), text)]


def describe(passage: str | Passage) -> _Sentences:
    """Split a passage into sentences and read their anchors (no embeddings)."""
    p = _as_passage(passage)
    spans = _spans(p.text)
    per = [_with_bodies(facts(s.text), s.text) for s in spans]
    title = _with_bodies(facts(p.title), p.title) if p.title else Facts()
    whole = title
    for f in per:
        whole = whole.merge(f)
    windows = []
    for i in range(len(spans)):
        w = title
        for f in per[max(0, i - NAME_CONTEXT): i]:
            w = w.merge(f)
        windows.append(w)
    units = [(i, t) for i, sp in enumerate(spans) for t in [sp.text, *_clauses(sp.text)]]
    return _Sentences(spans, per, title, whole, windows=windows,
                      units=units, titles=titles(" ".join([p.title, *(s.text for s in spans)])),
                      text=" ".join(sp.text for sp in spans),
                      text_and_title=" ".join([*(sp.text for sp in spans), p.title]))


def conjuncts(claim: str) -> list[str]:
    """The statements a claim joins (see CONJUNCT_WORDS), or [] when it joins none: parts cut
    at "; ", ", and", ", while", "tandis que" ..., each of CONJUNCT_WORDS words or more."""
    # (whitespace collapsed first: the pattern's leading \s* is tried at each space of a run)
    parts = [p.strip(" ,;") for p in _CONJUNCTION.split(" ".join(claim.split()))]
    if not 2 <= len(parts) <= MAX_CONJUNCTS or any(len(p.split()) < CONJUNCT_WORDS
                                                    for p in parts):
        return []
    return parts


def _clauses(sentence: str) -> list[str]:
    """Clauses of a long sentence, so a short claim is compared with the part it restates."""
    if len(sentence.split()) < CLAUSE_SENTENCE_WORDS:
        return []
    out: list[str] = []
    # (split at the mark alone, then stripped: "\s*" on both sides of it was retried from
    # every space of a run, quadratic: 20,000 spaces in a passage took 1.8 s, review 44 F1)
    for part in (p.strip() for p in re.split(r"[,;:–—()«»“”\"]", sentence)):
        if out and len(out[-1].split()) < CLAUSE_WORDS:
            out[-1] = f"{out[-1]}, {part}"
        elif part.strip():
            out.append(part)
    if len(out) > 1 and len(out[-1].split()) < CLAUSE_WORDS:
        last = out.pop()
        out[-1] = f"{out[-1]}, {last}"
    return out if len(out) > 1 else []


def check_cost(answer: str, passages: Sequence[str]) -> int:
    """An upper bound of the name, number and date lookups `Verifier.verify` makes: the
    anchors of every claim times the sentences of every passage (a claim may be re-cited to
    any); 0 for claims without any (their cost is bounded by the claim and check counts).
    The service refuses a request past its limit before any work (seventeenth review, H1)."""
    anchors = sum(len(claim_anchors(c.text)) for c in split_claims(_clean(answer)))
    return anchors * sum(len(split_sentences(_clean(p))) for p in passages)


def embedding_cost(answer: str, passages: Sequence[str],
                   count_tokens: Callable[[list[str]], list[int]], max_tokens: int) -> int:
    """What `Verifier.verify` embeds, weighted by length: each claim and its conjuncts, each
    passage unit as `describe` reads it (its sentences, or the whole passage when it has none,
    and their clauses), each cut at `max_tokens` tokens; a text of n tokens counts
    n + 2n² / max_tokens, as a long text costs more a token (50 texts of 512 tokens of "A. A."
    took 41 s, against ~22 s for 18,000 tokens of prose in short sentences: twenty-fifth
    review, F2). The pairs of adjacent sentences and a claim's negated parts are embedded too
    and not counted: at most as many texts again, of the same sentences. `count_tokens`
    counts a list at once (one call to a remote embedder, not one per text)."""
    texts = [t for c in split_claims(_clean(answer)) for t in (c.text, *conjuncts(c.text))]
    for p in passages:
        texts += [t for s in _spans(_clean(p)) for t in (s.text, *_clauses(s.text))]
    total = 0
    for n in count_tokens(texts):
        n = min(n, max_tokens)
        total += n + 2 * n * n // max_tokens
    return total


# What the claim checks read (security review 55, F1): each judgement of a claim against a
# passage reads the claim and the passage's sentence closest to it, failing that a pair of
# adjacent sentences, whole, with some thirty tests each linear in their length: up to ~8 µs a
# character and judgement (a unit of `embedding_cost` is ~1.5 ms). A passage without a
# sentence break is one sentence of up to 20,000 characters, which the embedder reads as 512
# tokens: 200 claims over two of 13,000 characters took 46 s of CPU, charged 9,472. Past
# READ_FREE_CHARS (a claim with the longest sentence and pair of ordinary prose: evals/
# verifier pairs' sentences are at most ~500 characters) each READ_CHARS_PER_COST characters
# count one.
READ_FREE_CHARS = 1_000
READ_CHARS_PER_COST = 150


def reading_cost(answer: str, passages: Sequence[str], recite: bool = True) -> int:
    """What the claim checks of `Verifier.verify` read, in `embedding_cost`'s units: for the
    claim and each of its conjuncts, against each passage it may be judged on (those it cites;
    all of them for a claim without a marker, or with `recite`), the characters (NFKC) of the
    claim, of the passage's longest sentence and of its longest pair of adjacent sentences as
    `describe` reads them, past READ_FREE_CHARS (ordinary prose: 0 to 2 a check; the shipped
    articles' longest sentence and pair are 489 and 681 characters). The service adds it to
    the embedding cost it bounds and charges."""
    reads = []
    for p in passages:
        sizes = [embedded_chars(s.text) for s in _spans(_clean(p))]
        pair = max((sizes[i] + sizes[i + 1] for i in range(len(sizes) - 1)), default=0)
        reads.append(max(sizes, default=0) + pair)
    everywhere = list(range(len(passages)))
    total = 0
    for c in split_claims(_clean(answer)):
        pool = everywhere if recite or not c.citations else [
            n - 1 for n in c.citations if 1 <= n <= len(passages)]
        size = embedded_chars(c.text)
        judged = 1 + len(conjuncts(c.text))
        total += judged * sum(max(0, size + reads[i] - READ_FREE_CHARS) for i in pool)
    return total // READ_CHARS_PER_COST


class Verifier:
    """Check claims against passages; see the module doc for what "supported" means."""

    def __init__(self, embedder: Embedder, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.embedder = embedder
        self.threshold = threshold

    # ---- embeddings ---------------------------------------------------------------------

    def embed_sentences(self, passage: str | Passage) -> Vectors:
        """The passage's vectors as `verify` uses them (its sentences, and the clauses of long
        ones), to cache and pass back as `sentence_vectors`."""
        return self.embedder.embed_passages([t for _, t in describe(passage).units])

    def _embed(self, claims: Sequence[str], described: Sequence[_Sentences]) -> Vectors:
        """Claims, then the sentences of passages without vectors: one embedding call."""
        texts = list(claims)
        for d in described:
            if d.vectors is None:
                texts.extend(t for _, t in d.units)
        vecs = self.embedder.embed_passages(texts) if texts else np.zeros(
            (0, self.embedder.dim), dtype=np.float32)
        pos = len(claims)
        for d in described:
            if d.vectors is None:
                d.vectors = vecs[pos: pos + len(d.units)]
                pos += len(d.units)
        return vecs[: len(claims)]

    # ---- one claim against one passage ----------------------------------------------------

    def _judge(self, claim: _Facts, claim_vec: Vectors, n: int, d: _Sentences
               ) -> tuple[Evidence, Reason]:
        """Best evidence in passage `n` and the reason it does or does not support. A date
        from the sentence before (`_at`, `loose_dates`) is tried only when the claim is not
        supported without: taking it may change which sentence is judged, and must not turn
        a supported claim into a refused one."""
        strict = self._judge_once(claim, claim_vec, n, d, False)
        if strict[1] == "supported" or not any(a.kind == "date" for a in claim.anchors):
            return strict
        loose = self._judge_once(claim, claim_vec, n, d, True)
        return loose if loose[1] == "supported" else strict

    def _judge_once(self, claim: _Facts, claim_vec: Vectors, n: int, d: _Sentences,
                    loose_dates: bool) -> tuple[Evidence, Reason]:
        assert d.vectors is not None
        anchors = claim.anchors
        scores = np.full(len(d.spans), -1.0, dtype=np.float32)
        unit_scores = d.vectors @ claim_vec
        np.maximum.at(scores, [i for i, _ in d.units], unit_scores)
        bodies = tuple(said for key, said in claim.bodies.items() if key not in d.whole.keys
                       and not _body_stood_for(d, said, claim))
        bodies += _roles_unsaid(claim.text, d.whole.words)
        bodies += fates_unsaid(claim.text, d.whole.words)
        bodies += _orders_unsaid(claim.text, d)
        bodies += cities_unsaid(claim.text, d.whole.words)
        bodies += capitals_unsaid(claim.text, d.whole.words)
        bodies += nationalities_unsaid(claim.text, claim.lang, d.text_and_title)
        if says_same_day(claim.text) and same_day_apart(
                claim.text, _days(anchors), [_days_of(f) for f in d.facts]):
            bodies += ("the same day",)
        missing_whole = tuple(a.text for a in anchors if not _holds(d, d.whole, a)
                              and not _anchor_stood_for(d, a, claim)) + bodies
        best_any = int(np.argmax(scores))
        ok = [] if bodies else [i for i in range(len(d.spans))
                                if _fits(d, i, claim, loose_dates)]
        if not ok:
            s = d.spans[best_any]
            missing = missing_whole or tuple(a.text for a in anchors
                                             if not _at(d, best_any, a, loose_dates))
            single = Evidence(n, s.start, s.end, s.text, float(scores[best_any]), missing)
            if bodies:
                return single, "missing"  # what the passage never says, no two sentences say
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (single, "missing"))
        best = max(ok, key=lambda i: float(scores[i]))
        s = d.spans[best]
        ev = Evidence(n, s.start, s.end, s.text, float(scores[best]))
        why = _meaning(claim, s.text, ev.score, self.threshold)
        if why != "supported":
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores, (ev, why))
        if misplaced_title(claim.titles, d.titles) or office_swapped(claim.text, s.text) \
                or ministry_swapped(claim.text, s.text):
            return ev, "title"
        f = d.facts[best]
        if (claim.universal and not _all_said(claim.text, s.text)) or _bounds_differ(
                claim, s.text) or factor_differs(claim.text, s.text) or one_made_many(
                claim.text, claim.lang, s.text, _passage_language(d)) or each_or_all_swapped(
                claim.text, s.text):
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "quantifier"))
        if (claim.cause and (_other_cause(claim, s.text) or _cause_swapped(claim, s.text))) or (
                charge_swapped(claim.text, s.text)):
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "cause"))
        if (claim.partial and _of_all(s.text)) or _most_unsaid(claim, s.text):
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "quantifier"))
        if _hedge_dropped(claim, _said_where(d, best, unit_scores, claim), s.text):
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "hedge"))
        if contradicted(claim.opposites, s.text) or presence_denied(claim.text, s.text) or (
                best + 1 < len(d.spans) and _GOES_ON.match(d.spans[best + 1].text)
                and contradicted(claim.opposites, f"{s.text} {d.spans[best + 1].text}")):
            # (or in the next sentence, where it goes on about the same subject: "takes its
            # decisions by majority vote" over "... présidé à tour de rôle. Il prend des
            # décisions sur une base consensuelle.")
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "antonym"))
        if _to_another(claim, s.text) or speaker_swapped(claim.text, s.text) \
                or _deed_next_door(claim, d, best) or (
                    claim.lang == _passage_language(d) and agent_added(claim.text, s.text,
                                                                       d.text)):
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "agent"))
        if nationality_swapped(claim.text, claim.lang, s.text, _passage_language(d)) or (
                border_swapped(claim.text, d.text)):
            # ("villes russes" over "villes kazakhes")
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "antonym"))
        if claim.opposites and (nation_contradicted(claim.text, s.text) or (
                best + 1 < len(d.spans) and not stances_of_nations(s.text)
                and _GOES_ON_ABOUT.match(d.spans[best + 1].text)
                and nation_contradicted(claim.text, d.spans[best + 1].text))):
            # (after the agents: two verbs whose agents are exchanged are that; or in the next
            # sentence where this one gives no nation a stance: "... au Kazakhstan pour appuyer
            # le pouvoir. Une initiative dénoncée par les États-Unis mais soutenue par la Chine.")
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "antonym"))
        if tense_differs(claim.times, s.text, _leaning(s.text), claim.told) or order_swapped(
                claim.text, s.text) or sequence_swapped(claim.text, d.text):
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "tense"))
        if (claim.negated and not (f.negated or refuses(s.text) or _ceased(claim.text, s.text)
                                   or _negated_next_door(claim.text, d, best))
                ) or (claim.negated and affirms_denied(claim.text, s.text)) or _contrast_swapped(
                    claim.text, s.text) or _preference_swapped(
                    claim.text, s.text) or likeness_denied(claim.text, s.text) or (
                not claim.negated and not _UNKNOWN.search(claim.text)
                and not prefix_negation_agrees(claim.text, s.text)
                and self._said_negated(claim, claim_vec, d, best, unit_scores)):
            return self._two_sentences(claim, claim_vec, n, d, scores, unit_scores,
                                       (ev, "negation"))
        return ev, "supported"

    def _said_negated(self, claim: _Facts, claim_vec: Vectors, d: _Sentences, i: int,
                      unit_scores: Vectors) -> bool:
        """Whether what sentence i says where the claim restates it (`_said_where`) is
        negated; where it joins statements of which only some say no, whether the one closest
        to the claim does (embedded only then), unless the claim joins statements too ("report
        a real danger but say they feel well protected" restates both)."""
        text = _said_where(d, i, unit_scores, claim)
        if not text or not _says_no(text):
            return self._restated_negated(claim, d, i)
        parts = _joined(text)
        if len(_joined(claim.text, _JOINED_ANY)) > 1 or not 1 < len(parts) <= JOINED_MOST:
            return True
        said = [_says_no(p) for p in parts]
        if all(said) or not any(said):
            return True
        todo = [p for p in parts if p not in d.part_vectors]
        if todo:
            d.part_vectors.update(zip(todo, self.embedder.embed_passages(todo), strict=True))
        cos = [float(d.part_vectors[p] @ claim_vec) for p in parts]
        plain = max(c for c, no in zip(cos, said, strict=True) if not no)
        denied = max(c for c, no in zip(cos, said, strict=True) if no)
        return plain < denied + JOINED_MARGIN

    def _restated_negated(self, claim: _Facts, d: _Sentences, i: int) -> bool:
        """Whether a claim that joins statements restates one of them where sentence i says
        no: each statement is read against the clause of i closest to it ("would engage
        directly with protesters and take over law enforcement" over "ne sera pas utilisé pour
        s'engager directement avec les manifestants, et les tâches ... continueront d'être
        effectuées par la police locale": the whole claim is closest to the second clause).
        Embedded only when the claim joins statements and a clause of i says no."""
        clauses = [k for k, (j, _) in enumerate(d.units) if j == i][1:]
        no = [k for k in clauses if _says_no(d.units[k][1])]
        if not no:
            return False
        pieces = _joined(claim.text, _JOINED_ANY)
        if not 1 < len(pieces) <= JOINED_MOST:
            return False
        pieces = [p for p in pieces if len(p.split()) >= STATEMENT_WORDS]
        units = d.vectors
        assert units is not None
        yes = [k for k in clauses if k not in no]
        todo = [p for p in pieces if p not in claim.piece_vectors]
        if todo:
            claim.piece_vectors.update(zip(todo, self.embedder.embed_passages(todo),
                                           strict=True))
        for piece in pieces:
            vec = claim.piece_vectors[piece]
            denied = max(float(units[k] @ vec) for k in no)
            plain = max((float(units[k] @ vec) for k in yes), default=-1.0)
            if plain < denied - JOINED_MARGIN:
                return True
            if plain < denied and _words_side_with(piece, [d.units[k][1] for k in no],
                                                   [d.units[k][1] for k in yes]):
                return True
        return False

    def _two_sentences(self, claim: _Facts, claim_vec: Vectors, n: int, d: _Sentences,
                       scores: Vectors, unit_scores: Vectors, single: tuple[Evidence, Reason]
                       ) -> tuple[Evidence, Reason]:
        """No one sentence supports the claim: two adjacent ones together may ("Josep Borrell
        ... s'est dit préoccupé. « ... », a-t-il déclaré, ajoutant que « l'UE est prête »"
        summed up as one claim). Tried on the PAIRS_TRIED pairs closest to the claim that hold
        its anchors between them, embedded only now (the cache holds single sentences)."""
        if any(key not in d.whole.keys for key in claim.bodies):
            return single  # a body the passage never names: no pair names it either
        fits = [i for i in range(len(d.spans) - 1) if _pair_fits(d, i, claim)]
        fits = sorted(fits, key=lambda i: -max(float(scores[i]), float(scores[i + 1])))
        fits = fits[:PAIRS_TRIED]
        if not fits:
            return single
        texts = [d.spans[i].text + " " + d.spans[i + 1].text for i in fits]
        todo = [(i, t) for i, t in zip(fits, texts, strict=True) if i not in d.pair_vectors]
        if todo:
            vecs = self.embedder.embed_passages([t for _, t in todo])
            d.pair_vectors.update((i, v) for (i, _), v in zip(todo, vecs, strict=True))
        cos = [float(d.pair_vectors[i] @ claim_vec) for i in fits]
        i, text, score = max(zip(fits, texts, cos, strict=True),
                             key=lambda x: x[2])
        if score <= max(float(scores[i]), float(scores[i + 1])) + PAIR_MARGIN or _meaning(
                claim, text, score, self.threshold) != "supported":
            return single
        if misplaced_title(claim.titles, d.titles) or _subject_from_neighbour(claim, d, i,
                                                                            scores) \
                or ministry_swapped(claim.text, text):
            return single
        if (claim.negated and not (d.facts[i].negated or d.facts[i + 1].negated
                                   or refuses(text))) or (
                not claim.negated and (d.facts[i].negated or d.facts[i + 1].negated
                                       or refuses(text))):
            return single  # a fallback, so stricter: a negation anywhere in the two
        if claim.negated and affirms_denied(claim.text, text):
            return single
        if (claim.universal and not _all_said(claim.text, text)) or _bounds_differ(
                claim, text) or contradicted(claim.opposites, text) or presence_denied(
                claim.text, text) or (
                claim.opposites and nation_contradicted(claim.text, text)) or (
                claim.partial and _of_all(text)) or _most_unsaid(claim, text) or _hedge_dropped(
                claim, text) or (
                claim.cause and (_other_cause(claim, text) or _cause_swapped(claim, text)
                                 or _cause_of_one_other(claim, d, i))
            ) or charge_swapped(claim.text, text) or _to_another(claim, text) or speaker_swapped(
                claim.text, text) or nationality_swapped(
                claim.text, claim.lang, text, _passage_language(d)) or border_swapped(
                claim.text, text) or one_made_many(
                claim.text, claim.lang, text, _passage_language(d)) or each_or_all_swapped(
                claim.text, text) or likeness_denied(claim.text, text) or (
                tense_differs(claim.times, text, _leaning(text), claim.told)) or order_swapped(
                claim.text, text) or sequence_swapped(claim.text, text):
            return single
        a, b = d.spans[i], d.spans[i + 1]
        return Evidence(n, a.start, b.end, text, score), "supported"

    def _best(self, claim: _Facts, claim_vec: Vectors, candidates: Sequence[int],
              described: Sequence[_Sentences], stop: Callable[[], None] | None = None
              ) -> tuple[Evidence | None, Reason]:
        rank = {"supported": 4, "negation": 3, "quantifier": 3, "antonym": 3, "cause": 3,
                "agent": 3, "tense": 3, "hedge": 3,
                "title": 2, "meaning": 1, "missing": 0}
        best: tuple[Evidence | None, Reason] = (None, "no passage")
        for n in candidates:
            if stop is not None:
                stop()
            ev, why = self._judge(claim, claim_vec, n, described[n - 1])
            old_ev, old_why = best
            if old_ev is None or (rank[why], ev.score) > (rank[old_why], old_ev.score):
                best = (ev, why)
        return best

    def _by_parts(self, claim: str, pool: Sequence[int], described: Sequence[_Sentences],
                  whole: tuple[Evidence | None, Reason], stop: Callable[[], None] | None = None
                  ) -> tuple[Evidence | None, Reason]:
        """A claim joining statements (`conjuncts`) each supported in `pool`: supported, with
        its first part's evidence and the lowest part's score. Else `whole`, the claim's own
        verdict (also for a claim whose part takes its day from another: "the same day")."""
        parts = conjuncts(claim)
        if not parts or says_same_day(claim):
            return whole
        vecs = self.embedder.embed_passages(parts)
        found: list[Evidence] = []
        for part, vec in zip(parts, vecs, strict=True):
            ev, why = self._best(_claim_facts(part), vec, pool, described, stop)
            if why != "supported" or ev is None:
                return whole
            found.append(ev)
        first = found[0]
        return Evidence(first.passage, first.start, first.end, first.text,
                        min(e.score for e in found)), "supported"

    def _each_part(self, claim: str, pool: Sequence[int], described: Sequence[_Sentences],
                   whole: tuple[Evidence | None, Reason], stop: Callable[[], None] | None = None
                   ) -> tuple[Evidence | None, Reason]:
        """A supported claim joining statements (`conjuncts`) whose one part no sentence of
        `pool` supports and one contradicts (PART_DENIES): that part's verdict. Else `whole`."""
        parts = conjuncts(claim)
        if not parts:
            return whole
        hedged = bool(HEDGED.search(claim))  # ("According to X, A, and B": B is X's too)
        vecs = self.embedder.embed_passages(parts)
        for part, vec in zip(parts, vecs, strict=True):
            facts = _claim_facts(part)
            if hedged and not facts.hedged:
                facts = replace(facts, hedged=True)
            ev, why = self._best(facts, vec, pool, described, stop)
            if why in PART_DENIES:
                return ev, why
        return whole

    # ---- public --------------------------------------------------------------------------

    def verify(self, answer: str, passages: Sequence[str | Passage],
               sentence_vectors: Sequence[Vectors | None] | None = None,
               recite: bool = True, stop: Callable[[], None] | None = None) -> Verification:
        """Check every claim of `answer` against the passages it cites (1-based `[n]`).

        `sentence_vectors[i]`, when given and not None, are passage i's sentence vectors from
        `embed_sentences` (same split, same embedder). With `recite`, an unsupported claim
        gets `support`: the best passage that does support it, if any. `stop`, when given, is
        called before each claim is checked against each passage, and may raise to end the
        work (the service's hang-up).
        """
        claims = split_claims(_clean(answer))
        described = [describe(p) for p in passages]
        if sentence_vectors is not None:
            if len(sentence_vectors) != len(described):
                raise ValueError("sentence_vectors must have one entry per passage")
            for d, v in zip(described, sentence_vectors, strict=True):
                if v is not None:
                    if len(v) != len(d.units):
                        raise ValueError("sentence_vectors do not match the passage's sentences")
                    d.vectors = v
        anchors = [_claim_facts(c.text) for c in claims]
        # Only passages a claim may be checked against need their sentences embedded.
        everywhere = range(1, len(described) + 1)
        needed: set[int] = set()
        for c, a in zip(claims, anchors, strict=True):
            cited = [n for n in c.citations if 1 <= n <= len(described)]
            needed.update(cited)
            if recite or not c.citations:
                needed.update(n for n in everywhere
                              if all(_holds(described[n - 1], described[n - 1].whole, x)
                                     for x in a.anchors))
        todo = [d if (i + 1) in needed else _Sentences([], [], Facts(), Facts(),
                                                        np.zeros((0, 1), np.float32))
                for i, d in enumerate(described)]
        vecs = self._embed([c.text for c in claims], todo)
        out: list[Claim] = []
        for k, (c, a) in enumerate(zip(claims, anchors, strict=True)):
            cited = [n for n in c.citations if 1 <= n <= len(described)]
            pool = cited if c.citations else [n for n in everywhere if n in needed]
            ev, why = self._best(a, vecs[k], pool, described, stop)
            if why != "supported" and pool:
                ev, why = self._by_parts(c.text, pool, described, (ev, why), stop)
            elif why == "supported":
                ev, why = self._each_part(c.text, pool, described, (ev, why), stop)
            if c.citations and not cited:
                why = "no passage"
            elif not pool:
                why = "missing"
            support = None
            if why != "supported" and recite and c.citations:
                others = [n for n in everywhere if n in needed and n not in cited]
                alt, alt_why = self._best(a, vecs[k], others, described, stop)
                support = alt if alt_why == "supported" else None
            out.append(Claim(c.text, c.start, c.end, c.citations, why == "supported",
                             ev.score if ev else 0.0, why, ev, support))
        return Verification(out, self.threshold)

    def find_support(self, claim: str, passages: Sequence[str | Passage]) -> Evidence | None:
        """The passage sentence that best supports `claim` (markers ignored), or None."""
        result = self.verify(" ".join(_MARKER.sub("", claim).split()), passages, recite=False)
        found = [c.evidence for c in result.claims if c.supported and c.evidence]
        return max(found, key=lambda e: e.score) if len(found) == len(result.claims) and found \
            else None


# A sentence that goes on about its predecessor's subject: "Il prend des décisions ..."
_GOES_ON = re.compile(r"\s*(?:il|elle|ils|elles|it|they|its|their|he|she)\b", re.I)
# ... or a noun phrase with no verb of its own that qualifies what the sentence before told
# ("Une initiative dénoncée par ...", "Cette décision ...", "A move welcomed by ...")
_GOES_ON_ABOUT = re.compile(r"(?i)\s*(?:(?:une?|a|an)\s+[\w’'-]+\s+[\w’'-]+(?:ée?s?|ed)\b|"
                            r"(?:ce|cet|cette|ces|this|that|these|those)\s)")


# A sentence that opens on the person who acts: "M. Blinken a, selon ce communiqué, ...",
# "Josep Borrell s'est dit ...", "Tokayev said ..."
_SUBJECT = re.compile(
    r"\s*(?:(?:M|Mme|Mr|Mrs|Ms|Dr)\.?\s+)?((?:[A-ZÀ-Ý][\w’'-]+\s+){0,2}[A-ZÀ-Ý][\w’'-]+)"
    r"(?:\s*+,)?\s++(?:a|ont|avait|avaient|est|était|s['’]est|has|had|is|was|said|says|told)\b")


def _subject_from_neighbour(claim: _Facts, d: _Sentences, i: int, scores: Vectors) -> bool:
    """Two sentences i, i+1 support a claim together: whether the one closer to it in
    meaning opens on a person the claim never names, while a person the claim names is only
    in the other ("L'ex-président Nazarbaïev a «tourné en ridicule ...»" over "M. Blinken a
    «tourné en ridicule ...». En parallèle, l'ex-président Nazarbaïev a appelé ..."): the
    neighbour's name put in the doer's place."""
    a, b = (i, i + 1) if scores[i] >= scores[i + 1] else (i + 1, i)
    m = _SUBJECT.match(d.spans[a].text)
    if m is None:
        return False
    # (an elided article is no part of the name, and an acronym is a body: "L'OTSC a ...")
    subject = [re.sub(r"^[ld]'", "", fold(w).replace("’", "'")) for w in m.group(1).split()
               if not re.sub(r"^[LlDd]['’]", "", w).isupper()]
    subject = [w for w in subject if w and not is_country(w) and w not in GENERIC]
    if not subject or any(same_name(n, w, True) for n in claim.names for w in subject):
        return False
    return any(n in d.facts[b].names and n not in d.facts[a].names and not is_country(n)
               for n in claim.names)


def _meaning(claim: _Facts, text: str, score: float, threshold: float) -> Reason:
    """"supported" when `text` says what the claim says (cosine, shared words), else
    "meaning"."""
    if score < threshold:
        return "meaning"
    overlap, predicate = _shares(claim, text)
    if (overlap < MIN_OVERLAP or predicate < MIN_PREDICATE) and not (
            score >= CLOSE_REWORDING and overlap >= MIN_OVERLAP / 2
            and (claim.anchors or claim.stems & _stems(text))):
        return "meaning"
    if not claim.anchors and not claim.stems & _stems(text) and not (
            claim.lang and _language(text) not in ("", claim.lang) and (
                score >= CROSS_UNANCHORED or _translated(claim, text))):
        return "meaning"  # no name, number or word in common: "Je pense que oui."
    return "supported"


# Across languages, a claim without anchors whose words the sentence says in its own language
# (the lexicon's translations, or a cognate's first letters): this many, and at least half.
CROSS_TRANSLATED = 2


def _translated(claim: _Facts, text: str) -> bool:
    """Whether `text` says at least half of the claim's words (and CROSS_TRANSLATED) in its
    own language: "The crisis has
    already killed dozens" over "Cette crise a déjà fait des dizaines de morts" (crisis, killed,
    dozens), which shares no stem with it."""
    words = tokenize(claim.text, "none")
    keys = {_key4(w) for w in tokenize(text, "none")}
    said = sum(1 for w in words if (other_language_keys(w, claim.lang) | {_key4(w)}) & keys)
    return said >= max(CROSS_TRANSLATED, (len(words) + 1) // 2)


# "No longer" over an end: "Massimov ne dirige plus le KNB" over "démis de ses fonctions de
# chef du KNB", "is no longer prime minister" over "former prime minister".
_NO_LONGER = re.compile(r"(?i)\bn(?:e\s+|['’])(?:[\w-]+\s+){1,2}?plus\b(?!\s+(?:de|d['’]|que|"
                        r"qu['’]|tard|tôt|loin|haut|bas)\b)|\bno longer\b|\bnot any ?more\b")
_ENDED = re.compile(r"(?i)\b(?:d[ée]mis|limog\w*|destitu\w*|r[ée]voqu\w*|d[ée]missionn\w*|"
                    r"dismiss\w*|sacked|ousted|removed from|resign\w*|stepped down|"
                    # ... or a former holder of a post (review: "a former diplomat, supports")
                    r"(?:ancien|ancienne|ex-|former)\s*(?:premier\s+|prime\s+)?(?:ministre|"
                    r"pr[ée]sident\w*|chef|dirigeant\w*|directeur|directrice|secr[ée]taire|"
                    r"minister|president|head|leader|director|secretary|chairman))")


def _ceased(claim: str, sentence: str) -> bool:
    """Whether a claim's only negation is "no longer" and the sentence tells of an end."""
    rest = _NO_LONGER.sub(" ", claim)
    return rest != claim and not negated(rest) and bool(_ENDED.search(sentence))


def _cause_of_one_other(claim: _Facts, d: _Sentences, i: int) -> bool:
    """Whether one sentence of the pair i, i+1 gives a cause of its own that is not the
    claim's: "a annoncé une mission « limitée » parce que des bâtiments avaient été incendiés"
    over "... a annoncé une mission « limitée » en raison de la « menace pour la sécurité
    nationale ». Cette annonce intervient après que ... des bâtiments gouvernementaux
    incendiés" (v15_034): the pair holds the claim's words, the announcement another cause."""
    return any(gives_cause(_PURPOSE_SAID.sub(" ", d.spans[j].text))
               and _other_cause(claim, d.spans[j].text) for j in (i, i + 1))


# A purpose is no cause of its own ("a annoncé l'envoi d'une mission afin de stabiliser la
# situation" beside "cette décision a été prise en raison de la menace")
_PURPOSE_SAID = re.compile(r"(?i)(?<!\w)(?:afin (?:de|d['’])|in order to|so as to|pour (?=\w+(?:er|"
                           r"ir|re)\b))")


def _pair_fits(d: _Sentences, i: int, claim: _Facts) -> bool:
    """Sentences i and i+1 hold every anchor between them (names also from before i), and
    each holds one at least: a pair is only tried for a claim that draws on both."""
    both = d.facts[i].merge(d.facts[i + 1])
    if not claim.anchors or not all(
            _holds(d, both, a) or (a.kind == "name" and holds(d.windows[i], a))
            for a in claim.anchors):
        return False
    if not _roles_agree(claim, d.spans[i].text + " " + d.spans[i + 1].text):
        return False
    # ... and words of each (not only a name): a claim that restates sentence i with a name
    # of sentence i+1 swapped in takes one word or none from i+1.
    a, b = d.stems(i), d.stems(i + 1)
    only = [sum(1 for x in claim.anchors if _holds(d, d.facts[j], x)
                and not _holds(d, d.facts[k], x)) for j, k in ((i, i + 1), (i + 1, i))]
    words = (len((claim.stems & a) - b) + only[0], len((claim.stems & b) - a) + only[1])
    # A sentence holding none of the claim's anchors is drawn on only by more of its own
    # words: "... confirmed that it was monitoring the unrest, saying in a statement that it
    # favours settling all problems ... through dialogue" over "... a confirmé qu'il
    # surveillait les troubles. « Nous préconisons la résolution pacifique de tous les
    # problèmes ... par le dialogue »" (v33_018)
    if not all(any(_holds(d, d.facts[j], x) for x in claim.anchors)
               or words[n] >= PAIR_OWN_WORDS_UNANCHORED for n, j in enumerate((i, i + 1))):
        return False
    own = sorted(words)
    return own[0] >= PAIR_OWN_WORDS and own[0] >= PAIR_OWN_SHARE * own[1]


def _said_where(d: _Sentences, i: int, unit_scores: Vectors, claim: _Facts | None = None
                ) -> str:
    """What sentence i says where the claim restates it: the clause of a long sentence closest
    to the claim ("... n'est pas impliqué dans les activités de combat », a déclaré vendredi le
    ministère"), else the sentence, when short or one clause; "" when a long sentence of one
    clause (its negation is often in a part the claim does not repeat). (Any clause above the
    threshold instead: 3 more false alarms over 253 true claims, 1 catch.)"""
    clauses = [k for k, (j, _) in enumerate(d.units) if j == i][1:]
    if clauses:
        return d.units[max(clauses, key=lambda k: float(unit_scores[k]))][1]
    text = d.spans[i].text
    if d.facts[i].length <= SHORT_NEGATED or len(text.split()) < CLAUSE_SENTENCE_WORDS:
        return text
    # ... unless the claim restates most of it ("the intervention is expected to ease the
    # tensions between Moscow and Western capitals" over "... les tensions actuelles entre
    # Moscou et les capitales occidentales ne vont pas s'en trouver atténuées")
    said = d.stems(i)
    if claim is not None and said and len(claim.stems & said) >= RESTATED_WHOLE * len(said):
        return text
    return ""


# A claim's elliptic negation, a clause of its own: ", et pas la première,", "but not the
# last", or what opens a part of a claim so joined (what it bears on: the word after it, an
# article aside)
_NO_OF = (r"(?:pas|not|jamais|never)\s+(?:(?:la|le|les|un|une|the|a|an)\s+|l['’]\s*)?"
          r"([^\W\d_]{4,})\b")
_ELLIPTIC_NO = re.compile(r"(?i)(?:^\s*|(?:,|\bet|\bmais|\band|\bbut)\s+)" + _NO_OF)
_SAID_NO_OF = re.compile(r"(?i)\b" + _NO_OF)


def _negated_next_door(claim: str, d: _Sentences, i: int) -> bool:
    """Whether a claim whose only negation is an elliptic clause of its own (", et pas la
    première,") takes it from the sentence after or before sentence i, which says no of that
    very word: a claim joining two sentences ("a qualifié de « tentative grossière », et pas
    la première, l'humour ...") restates the second's "ce n'est pas la première". A claim
    negating its verb ("n'a pas fermé sa frontière") is read against its own sentence."""
    m = _ELLIPTIC_NO.search(claim)
    if m is None or negated(claim[:m.start()] + " " + claim[m.end():]):
        return False
    word = fold(m.group(1))
    for j in (i - 1, i + 1):
        if 0 <= j < len(d.spans) and d.facts[j].negated and word in {
                fold(w.group(1)) for w in _SAID_NO_OF.finditer(d.spans[j].text)}:
            return True
    return False


# "X, mais pas Y", "X but not Y": what is said and what is denied
# (tried only where a run of spaces starts, not from each space of it: a passage's run of
# 19,000 spaces took 11 s a claim; review 33 F1)
_BUT_NOT = re.compile(r"(?i)(?<![\s,]),?\s+(?:mais pas|mais non|mais jamais|but not|but never)"
                      r"\s+")


def _contrast_swapped(claim: str, sentence: str) -> bool:
    """Whether a claim and its sentence both say "X, but not Y" with the sides exchanged:
    "on sait quand elles se terminent, mais pas quand elles commencent" over "on sait quand
    elles commencent, mais pas quand elles se terminent" (each side's own words read in the
    other side of the sentence)."""
    c, s = _BUT_NOT.split(claim, maxsplit=1), _BUT_NOT.split(sentence, maxsplit=1)
    if len(c) != 2 or len(s) != 2:
        return False
    (ca, cb), (sa, sb) = ([_stems(x) for x in pair] for pair in (c, s))
    # the claim denies what the sentence says, says what it denies, and denies nothing it does
    return bool((cb & sa) - sb) and bool((ca & sb) - sa) and not (cb & sb)


# "X plutôt que Y", "Y et non X": which of two things a text prefers, read in the few words on
# each side of the marker. A claim rejecting what its sentence prefers, and preferring nothing
# it does, swaps them: "par la force plutôt que par le dialogue" over "par le dialogue et non
# par des émeutes"
_PREFERS = re.compile(r"(?i)(?<!\w)(?:plut[ôo]t\s+que?|plut[ôo]t\s+qu['’]|rather\s+than|"
                      r"instead\s+of|au\s+lieu\s+(?:de|d['’])|et\s+non(?:\s+pas)?|and\s+not|"
                      r"mais\s+pas|but\s+not)(?!\w)")
_PREFER_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
PREFER_WORDS = 3  # words read on each side
PREFER_CHARS = 80


def _preference(text: str) -> tuple[set[str], set[str]] | None:
    """(stems of what `text` prefers, of what it rejects) around its first `_PREFERS`."""
    m = _PREFERS.search(text)
    if m is None:
        return None
    left = _PREFER_WORD.findall(text[max(0, m.start() - PREFER_CHARS):m.start()])
    right = _PREFER_WORD.findall(text[m.end():m.end() + PREFER_CHARS])
    return (_stems(" ".join(left[-PREFER_WORDS:])), _stems(" ".join(right[:PREFER_WORDS])))


def _preference_swapped(claim: str, sentence: str) -> bool:
    ours, theirs = _preference(claim), _preference(sentence)
    if ours is None or theirs is None:
        return False
    (pref, rej), (their_pref, their_rej) = ours, theirs
    return bool(rej & their_pref) and not (rej & their_rej) and not (pref & their_pref)


def _words_side_with(piece: str, denied: Sequence[str], plain: Sequence[str]) -> bool:
    """Whether a claim's statement shares clearly more of its words (`_stems`) with a clause
    that says no than with any that does not, where the embedding barely tells them apart
    ("le déploiement servirait à affronter directement les manifestants" is 0.897 from "ne sera
    pas utilisé pour s'engager directement avec les manifestants" and 0.880 from "les tâches
    ... continueront d'être effectuées par la police locale, ont promis des responsables", but
    shares three words with the first and one with the second: v50_010)."""
    own = _stems(piece)
    if not own:
        return False
    share = [len(own & _stems(t)) / len(own) for t in (*denied, *plain)]
    return max(share[:len(denied)]) >= max(share[len(denied):], default=0.0) + WORDS_SIDE


@short_text_cache(4096)
def _says_no(text: str) -> bool:
    return negated(text) or refuses(text)


# Statements a clause joins, cut before "et"/"and"/"mais"/"but": "Les participants organisent
# des exercices ... chaque année et ne peuvent pas faire partie d'autres blocs" says no only in
# its second part. A part shorter than JOINED_WORDS words joins the next ("la Russie et le
# Kazakhstan n'ont pas signé" is one statement).
# (from a run of spaces' start only: tried from each space of a 20,000-space run, once per
# claim, it took 8 s a claim; review 35 F2)
_JOINED = re.compile(
    r"(?i)(?<!\s)\s+(?:et|and|mais|but)\s+(?=n['’]|(?:ne|ont|a|est|sont|avait|avaient|se|s['’]|il|elle|"
    r"ils|elles|has|have|had|is|are|was|were|will|would|did|does|do|cannot|can|could|not|never|"
    r"they|he|she|it)\b)")
_JOINED_ANY = re.compile(r"(?i)(?<!\s)\s+(?:et|and|mais|but)\s+")  # a claim's: "... but say ..."
JOINED_WORDS = 4
# ... only where the next part opens with a verb, a negation or a pronoun ("n'ont pas confirmé
# le nombre de morts et le nombre de personnes arrêtées" is one statement; closing review M4),
# at most JOINED_MOST parts (each is embedded: M5), and the part without a negation must be
# closer to the claim than every negated one by JOINED_MARGIN
JOINED_MOST = 4
STATEMENT_WORDS = 6  # a claim's piece read on its own ("L'auteur estime que Washington" is none)
JOINED_MARGIN = 0.02
# ... or, closer by less than that, sharing this much more of its words with the negated one
WORDS_SIDE = 0.2


def _joined(text: str, joins: re.Pattern[str] = _JOINED) -> list[str]:
    parts: list[str] = []
    for part in joins.split(text):
        if parts and len(parts[-1].split()) < JOINED_WORDS:
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    if len(parts) > 1 and len(parts[-1].split()) < JOINED_WORDS:
        last = parts.pop()
        parts[-1] = f"{parts[-1]} {last}"
    return parts


_UNKNOWN_WORDS = (r"unknown|inconnue?s?|unclear|myst[eè]res?|myst[ée]rieu(?:x|se|ses)|"
                  r"mysteries|mystery|mysterious|"
                  r"ignor(?:e|es|ent|ait|aient|é|ée|és|ées|ed|ing|er|ant)")
# Verbs that say no without a negation word: "refused to invite" over "a invité", "announced a
# ban" over "a annoncé autoriser". Read as a negation on both sides, so "a refusé" = "did not
# accept" = "rejected".
_REFUSAL = re.compile(
    r"(?<![\w-])(?:refus\w*|reject\w*|rejet\w*|deny|denie[sd]|denying|forb[ai]d\w*|"
    r"bann(?:ed|ing)|barred from|bars from|barring from|prohib\w*|interdi\w*|d[ée]ment\w*|"
    r"d[ée]menti\w*|ni[ée]e?s?|nier|"
    r"declined to|declines to|failed to|fails to|[ée]chou\w*|" + _UNKNOWN_WORDS + r"|"
    r"unable|incapables?|impossible|absence|lack(?:s|ed|ing)?)(?![\w-])", re.I)
# A claim that something is not known says no without a negation word ("the cause remains a
# mystery" over "on ne sait rien quant à la cause"): no negated sentence contradicts it.
_UNKNOWN = re.compile(r"(?<![\w-])(?:" + _UNKNOWN_WORDS + r")(?![\w-])", re.I)


def refuses(text: str) -> bool:
    """Whether `text` holds a verb of refusal or denial (see _REFUSAL)."""
    return bool(_REFUSAL.search(text))


# Participles that say "not" by their prefix ("unaffected", "inchangé"), each with the forms
# of its verb in either language (folded; "deterred" is no "determined", "altered" no
# "alternative": diff review 57)
_UN_FORMS: dict[str, str] = {
    "affected": r"affect(?:s|ed|ing|e|es|ent|er|era|eront|erait|eraient|ait|aient|ee?s?)?",
    "changed": r"chang(?:e|es|ed|ing|er|ent|era|eront|erait|eraient|ait|aient|ee?s?)|"
               r"modifi\w*",
    "harmed": r"harm(?:s|ed|ing)?",
    "hurt": r"hurt(?:s|ing)?|bless(?:e|ee|es|ees|er|ent)",
    "touched": r"touch(?:es|ed|ing)|touch(?:e|ee|es|ees)|atteint\w*",
    "deterred": r"deter(?:s|red|ring)?|dissua\w*",
    "impeded": r"imped(?:e|es|ed|ing)|entrav\w*",
    "altered": r"alter(?:s|ed|ing)?",
    "disturbed": r"disturb(?:s|ed|ing)?|perturb\w*",
}
_UN_FORMS["inchang"] = _UN_FORMS["changed"]
_UN_PREFIXED = re.compile(r"(?i)(?<![\w-])(?:un(" + "|".join(k for k in _UN_FORMS if k != "inchang")
                          + r")|(inchang)[ée]e?s?)(?![\w-])")
_UN_FORM = {k: re.compile(rf"(?<![\w-])(?:{v})(?![\w-])") for k, v in _UN_FORMS.items()}
# ... and a negation right before a form: "n'affecteront pas", "did not affect"
_NEGATOR_NEAR = re.compile(r"(?:\b(?:not|never|n't|no|ne|n|pas|jamais|aucune?)\b\W+(?:\w+\W+){0,2}"
                           r"$)")
NEGATOR_REACH = 40  # characters read before a form for its negation
_CONTRASTED = re.compile(r"(?i)\b(?:but|mais|yet|though)\b|\b(?:while|whereas|tandis\s+que|"
                         r"alors\s+que|whilst|however|cependant|pourtant|unlike|contrairement)\b")


def _prefix_stems(text: str) -> set[str]:
    return {(m.group(1) or m.group(2)).lower() for m in _UN_PREFIXED.finditer(text)}


def _forms_at(stems: set[str], folded: str) -> list[int]:
    """Where the verbs of `stems` stand in `folded` (folded, lower-cased text)."""
    return [m.start() for k in stems for m in _UN_FORM[k].finditer(folded)]


def prefix_negation_agrees(claim: str, sentence: str) -> bool:
    """Whether the claim's "not" is a prefix whose verb the sentence negates where it says it:
    "unaffected by the unrest" over "les troubles n'affecteront pas les plans" (blind_pairs48
    v48_004). Only then: "unchanged" over "a maintenu" is the meaning check's, a passage's
    "libérés indemnes" does not deny "libérés", "affected oil exports, which did not resume"
    negates another verb, and a contrast may put the negation on another thing (diff review
    57)."""
    stems = _prefix_stems(claim)
    if not stems or not negated(sentence) or _CONTRASTED.search(sentence):
        return False  # ("did not affect rail services, but the airport was shut": the
        # negation may be another thing's, diff review 57)
    folded = fold(sentence[:5_000]).lower()  # (read once for the verbs and their negation)
    return any(_NEGATOR_NEAR.search(folded[max(0, at - NEGATOR_REACH):at])
               for at in _forms_at(stems, folded))


# Linear: without the lookbehind and possessive runs, a long word with no hyphen was tried
# from each of its letters (20,000 letters: 4 s).
_HYPHENATED = re.compile(r"(?<!\w)\w++(?:-\w++)+")


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, a language-blind way to see two texts share a word
    ("alliance"/"alliance", "intervention"/"intervention", "déployé"/"deployed")."""
    joined = [w.replace("-", "") for w in _HYPHENATED.findall(text.lower())]
    return {t[:5] for t in [*tokenize(text, "none"), *joined] if len(t) >= 4 and not t.isdigit()}


def _with_bodies(f: Facts, text: str) -> Facts:
    """`f` with a key for each body of countries `text` names ("l'OTSC", "the CSTO")."""
    f.keys.update(f"b:{code}" for _, _, code in bodies_at(text))
    return f


def _claim_facts(text: str) -> _Facts:
    anchors = approximate(text, claim_anchors(text))
    names = {a.name for a in anchors if a.kind == "name"}
    names |= {w for a in anchors if a.kind == "name" for w in words_of(a.text)}
    lang = _language(text)
    terms = set(tokenize(text, _STEMMER[lang])) if lang else set()
    return _Facts(anchors, names, negated(text) or refuses(text), lang, terms, _stems(text),
                  _predicate(text, anchors, names, lang),
                  number_roles(text, anchors, every_role=False),
                  titles(text), bool(QUANTIFIER.search(_DEGREE.sub(" ", text))), _of_some(text),
                  *_cause(text, lang), sides(text), text,
                  parties(text) if len(text) <= SWAP_MAX_CHARS else (),
                  {f"b:{code}": text[s:e] for s, e, code in bodies_at(text)},
                  _cause_parts(text, lang), times(text, _leaning(text)),
                  bool(MOST.search(text)), bool(HEDGED.search(text)), _bounds(text),
                  told(text, _leaning(text)))


# "All", "every", "only", "none but": a claim that says it of everyone (or of one alone) over a
# sentence that says no such thing ("toutes les résidences" over "au moins une résidence",
# "all of them police officers" over "dont des citoyens et des policiers") says more than its
# source. Either language on either side: "every year" is "chaque année".
QUANTIFIER = re.compile(
    r"(?i)\b(?<!above )(?<!after )(?<!at )(?<!of )(?:all|every|each|entire|entirely|whole|"
    r"solely|exclusively|sole|tous|toutes|tout le|toute la|tout l['’]|toute l['’]|chaque|chacun|"
    r"chacune|seul|seule|seuls|seules|uniquement|exclusivement|entier|entière|entiers|entières|"
    r"l['’]ensemble|"
    r"totalité|intégralité|entirety)"
    r"\b(?! the same)|\b(?<!not )only\b|\b(?<!non )seulement\b"
    r"|\bn(?:e\s+|['’])(?:\w+\s+){1,3}?que\b")



# The whole country, said of a place or a measure: "dans tout le pays" over "au niveau
# national" ("des pannes d'Internet persistantes au niveau national").
_COUNTRYWIDE = re.compile(r"(?i)\b(?:tout le (?:pays|territoire)|toute la nation|"
                          r"l['’]ensemble du (?:pays|territoire)|(?:the )?(?:whole|entire) "
                          r"(?:country|nation)|all (?:over|across) the country)\b")
_NATIONAL = re.compile(r"(?i)\b(?:(?:au|à l['’]) (?:niveau|échelle) (?:national|nationale|du pays)|"
                       r"nationwide|countrywide|across the country|throughout the country|"
                       r"(?:at|on) (?:the|a) national (?:level|scale)|à travers le pays|"
                       r"partout dans le pays|territoire national)\b")


# A figure bounded one way by the claim and the other way by its source: "no more than 2,500
# soldiers" over "plus de 2 500 soldats", "at least 61 million" over "jusqu'à 61 millions".
# "Under", "less than", "nearly" bound it from above too ("just under one million dollars"
# over "plus d'un million de dollars"), and a round figure may be written in words ("one
# million", "un million": read as its digit, as "1 million" is).
_UPPER = (r"no more than|not more than|at most|up to|pas plus de|au plus|au maximum|"
          r"jusqu['’]à|under|below|less than|fewer than|nearly|almost|moins de|moins d['’]|"
          r"près de|près d['’]|presque|en dessous de")
_LOWER = (r"more than|over|above|at least|no fewer than|no less than|not less than|"
          r"plus de|plus d['’]|au moins|pas moins de|pas moins d['’]")
_BOUNDED = re.compile(rf"(?i)\b(?:(?P<up>{_UPPER})|(?P<low>{_LOWER}))\s*+[$€£]?\s*+"
                      r"(?P<n>\d[\d\u00a0\u202f ,.]*\d|\d|(?:one|an?|une?)(?=\s+(?:million|"
                      r"billion|milliard|thousand|hundred|millier|centaine)))")


def _bounds(text: str) -> dict[str, str]:
    """Figure (digits only) -> "up" or "low", as `text` bounds it."""
    out: dict[str, str] = {}
    for m in _BOUNDED.finditer(text):
        side = "up" if m.group("up") else "low"
        if side == "low" and re.search(r"(?i)\b(?:no|not|pas)\s+$", text[max(0, m.start() - 4):
                                                                         m.start()]):
            continue  # ("no more than" is read as "up")
        out[re.sub(r"\D", "", m.group("n")) or "1"] = side
    return out


# A multiplier said in words: "doublé", "triplement", "twice", "threefold", "multiplié par
# deux", "three times higher", "x3". Read as its factor, so that a claim's "triplement" is
# not supported by a sentence's "multiplication par deux"
_FACTOR_STEMS = (("doubl", 2), ("tripl", 3), ("quadrupl", 4), ("quintupl", 5),
                 ("décupl", 10), ("decupl", 10), ("centupl", 100))
_FACTOR_N = r"(deux|trois|quatre|cinq|dix|cent|two|three|four|five|ten|hundred|\d+)"
_FACTOR_WORD = re.compile(
    r"(?i)\b(?:(doubl|tripl|quadrupl|quintupl|d[ée]cupl|centupl)\w*|(twice)\b|(thrice)\b|"
    r"(?:multipli\w*|multiplication)\s+(?:par|by)\s+" + _FACTOR_N + r"\b|"
    r"(?:by\s+)?a\s+factor\s+of\s+" + _FACTOR_N + r"\b|"
    + _FACTOR_N + r"(?:\s+fois\s+(?:plus|moins|sup[ée]rieur|inf[ée]rieur)|\s+times\s+"
    r"(?:more|higher|larger|bigger|greater|as|over)|-?fold\b))")


def factors(text: str) -> frozenset[int]:
    """The multipliers `text` says in words ("doublé" 2, "threefold" 3, "multiplié par
    quatre" 4)."""
    out: set[int] = set()
    for m in _FACTOR_WORD.finditer(text):
        stem, twice, thrice = m.group(1), m.group(2), m.group(3)
        if stem:
            low = stem.lower()
            out.add(next(v for k, v in _FACTOR_STEMS if low.startswith(k)))
            continue
        if twice or thrice:
            out.add(2 if twice else 3)
            continue
        low = next(g for g in m.groups()[3:] if g).lower()  # "three" of "threefold" too
        out.add(int(low) if low.isdigit() else NUMBER_WORDS[low])
    return frozenset(out)


def factor_differs(claim: str, sentence: str) -> bool:
    """Whether the claim says a multiplier ("triplement") where the sentence says another
    ("multiplication par deux") and not the claim's."""
    mine = factors(claim)
    if not mine:
        return False
    theirs = factors(sentence)
    return bool(theirs) and not mine <= theirs


def _bounds_differ(claim: _Facts, sentence: str) -> bool:
    mine = claim.bounds
    if not mine:
        return False
    theirs = _bounds(sentence)
    return any(theirs.get(n, side) != side for n, side in mine.items())


# "depends entirely on how long" is "aussi longtemps que": a degree, not a quantity
_DEGREE = re.compile(r"(?i)(?<=depends )entirely(?= on (?:how|whether))|(?<=depend )entirely"
                     r"(?= on (?:how|whether))|(?<=dépend )entièrement(?= (?:de la durée|du "
                     r"temps|de combien))")


# ... of which these say it of one alone: "only Armenia deployed equipment" over "l'Arménie, le
# Kirghizistan et le Tadjikistan ont envoyé ... chacun" says the opposite of "each".
_ALONE = re.compile(
    r"(?i)^(?:solely|exclusively|sole|seule?s?|uniquement|exclusivement|only|seulement)$|"
    r"^n(?:e\s+|['’])")
_ALONE_SAID = re.compile(
    r"(?i)\b(?:solely|exclusively|sole|seule?s?|uniquement|exclusivement|alone|single|unique|"
    r"(?<!not )only|(?<!non )seulement)\b|\bn(?:e\s+|['’])(?:\w+\s+){1,3}?que\b")


def _all_said(claim: str, sentence: str) -> bool:
    """Whether the sentence says the "all" of the claim: a word of QUANTIFIER, or the whole
    country as national when that is the claim's only "all"; and a word saying it of one
    alone when the claim says one (`_ALONE`)."""
    said = [m.group() for m in QUANTIFIER.finditer(claim)]
    alone = [w for w in said if _ALONE.match(w)]
    if alone and not _ALONE_SAID.search(sentence):
        return False
    if QUANTIFIER.search(sentence):
        return True
    if not _NATIONAL.search(sentence):
        return False
    wide = [m.span() for m in _COUNTRYWIDE.finditer(claim)]
    return bool(wide) and all(any(a <= q.start() < b for a, b in wide)
                              for q in QUANTIFIER.finditer(claim))


# "Most of": a claim that says it of most over a sentence that gives no share as large ("most
# of those killed were beheaded" over "deux des personnes tuées ont été décapitées").
MOST = re.compile(r"(?i)\b(?:(?<!the )(?<!at )most of|(?<!the )(?<!at )most (?=\w+s\b)"
                  r"(?!\w+(?:ous|less|ss)\b)|(?:the|a|une|la) "
                  r"(?:large |vast |great |grande |large )?majorit(?:y|é)|la plupart|"
                  r"(?:la|une) (?:majeure|plus grande) partie|the greater part|"
                  r"majoritairement|the bulk of|l['’]essentiel d)")
_MOST_SAID = re.compile(r"(?i)\b(?:most|majorit\w*|plupart|bulk|essentiel|more than half|"
                        r"(?:majeure|plus grande|grande) partie|greater part|large part|"
                        r"plus de la moitié|over half|trois quarts|three quarters|"
                        r"(?:presque|quasiment|nearly|almost|virtually) (?:tou\w*|all)|"
                        r"quasi-totalité|principalement|essentiellement|surtout|mainly|"
                        r"largely|mostly|overwhelmingly|predominantly|deux tiers|two-thirds|"
                        r"two thirds|en majorité|neuf sur dix|nine in ten|"
                        r"\d+[\s\u00a0\u202f]?%|\d+ (?:pour cent|percent|per cent))")


def _most_unsaid(claim: _Facts, sentence: str) -> bool:
    return claim.most and not _MOST_SAID.search(sentence)


# A hedge: what the source gives as likely, reported or expected ("il semble que la mission
# sera probablement axée sur", "ils auraient transporté des parachutistes") is no certainty,
# so a claim that says it plainly ("the mission will focus on", "they carried") says more. Read
# in the part of the sentence the claim restates (`_said_where`).
_HEDGE = re.compile(
    r"(?i)\b(?:il semble|semble-t-il|semblerait|probablement|vraisemblablement|peut-être|"
    r"sans doute|apparemment|n['’]exclu(?:en)?t pas|n['’]est pas exclu|"
    r"(?:does|do|did) not rule out|(?:doesn|don|didn)['’]t rule out|not ruling out|"
    r"likely|probably|possibly|perhaps|reportedly|allegedly|apparently|presumably|"
    r"seems?|seemed|appears? to|appeared to)\b")
# ... or a past conditional, hearsay ("ils auraient transporté", "aurait été pris"), unless it
# is the future of a past in reported speech or an indirect question ("a confirmé qu'une aide
# serait envoyée", "si des soldats seraient déployés")
_HEARSAY = re.compile(r"(?i)\b(?:aurai(?:en)?t|serai(?:en)?t) (?:été )?"
                      r"(?!pu\b|dû\b|fallu\b|voulu\b|aimé\b|lieu\b|aussi\b|plus\b|ainsi\b)"
                      r"\w+(?:é|ée|és|ées|i|is|u|us|ue|ues|it|ts?)\b")
# (the words of a clause back to its "que" / "si", within its sentence)
_REPORTED = re.compile(r"(?i)(?:\b(?:que|si|if|that)\s+|\bqu['’])[^.;:!?]{0,90}$")
# A claim's own hedge: any of the source's, a conditional, "according to", "alleged" ...
_NOT_CONDITIONAL = r"(?!(?:re|por|ex|abs|at|dis|sous)?traits?\b)"
HEDGED = re.compile(
    r"(?i)\b(?:il semble|semble|semblerait|probablement|vraisemblablement|peut-être|"
    r"sans doute|apparemment|présumée?s?|supposée?s?|selon|d['’]après|"
    + _NOT_CONDITIONAL + r"\w+(?:rait|raient)|censée?s?|devait|devaient|probable|"
    r"paraît|potentiel\w*|possibles?|"
    r"likely|probably|possibly|perhaps|reportedly|allegedly|alleged|apparently|presumably|"
    r"supposedly|potentially|seems?|seemed|appears?|appeared|suspected|said to|reported|"
    r"reports?|unconfirmed|unverified|non confirmée?s?|rumou?rs?|rumeurs?|according to|"
    r"expected|believed|thought to|would|could|may|might|should|set to|supposed to|claimed|"
    r"claims|n['’]exclu(?:en)?t pas|pas exclu|rule out|ruling out)\b")


# A sentence that says a thing may happen ("n'excluent pas que les radicaux puissent organiser
# un sabotage", "could") over a claim that says it will or did, hedged by an attribution only
# ("Selon les experts, les radicaux vont organiser un sabotage"): the attribution is kept, the
# possibility dropped
_OUTRIGHT_POSSIBLE = (r"\bn['’]exclu(?:en)?t pas\b|\bn['’]est pas exclu|\brule out\b|"
                      r"\bruling out\b|\bpourrai(?:en)?t\b|\bcould\b|\bmight\b")
_POSSIBLE = re.compile(rf"(?i)(?:{_OUTRIGHT_POSSIBLE}|\bpuisse(?:nt)?\b)")
# ... or by a plain "say" ("Experts say the radicals are going to sabotage Baikonur"), where
# the sentence says the possibility outright (not "tout acte qui puisse jeter les bases", a
# subjunctive the claim need not repeat)
_SAID_POSSIBLE = re.compile(rf"(?i)(?:{_OUTRIGHT_POSSIBLE})")
_SAYS = re.compile(r"(?i)\b(?:says?|said|told|stated?|declared?|a déclaré|ont déclaré|"
                   r"a dit|ont dit|disent|dit|affirme\w*|estime\w*|déclare\w*)\b")
# ... unless the claim says a possibility, a likelihood, a future of the past or a risk itself
_MAYBE_TOO = re.compile(
    r"(?i)(?:\bn['’]exclu|\bexclu|\brule|\bpourr|\bpuiss|\bpeu[tv]|\bpossib|\bpotenti|"
    r"\bprobab|\brisk|\brisqu|\bmenac|\bthreat|\bchance|\bcould\b|\bmight\b|\bmay\b|"
    r"\bcan\b|\bwould\b|\blikel|\bunlikel|\bvraisembl|\bperhaps\b|\bpeut-être\b|"
    r"\bfear|\bcrai|\bwarn|\bavert|\bexpect|\bs['’]attend|\bhypoth|\bsuspect|"
    r"\b\w+(?:rait|raient)\b)")  # (from a word's start: review 33 F2)


def _hedge_dropped(claim: _Facts, said: str, sentence: str = "") -> bool:
    """Whether the claim drops a hedge of what it restates (`said`), or, hedged by an
    attribution only, drops a possibility its sentence says (in any clause: "n'excluent pas
    que les radicaux puissent organiser un sabotage, car ...")."""
    if not claim.hedged:
        return _hedges(said) or _hearsay_restated(claim.text, sentence) or (
            bool(_SAYS.search(claim.text)) and bool(
            _SAID_POSSIBLE.search(sentence or said)) and not _MAYBE_TOO.search(claim.text))
    return bool(_POSSIBLE.search(sentence or said)) and not _MAYBE_TOO.search(claim.text)


def _hearsay_restated(claim: str, sentence: str) -> bool:
    """Whether the claim tells as done a deed its sentence gives as hearsay ("a été pris
    d'assaut" over "aurait été pris d'assaut", v46_002), wherever the clause the claim is
    closest to (`_said_where` may pick the place's apposition, not the verb's clause)."""
    for m in _HEARSAY.finditer(sentence):
        if _REPORTED.search(sentence[max(0, m.start() - 80):m.start()]):
            continue
        deed = m.group(0).split()[-1]
        if re.search(rf"(?i)\b(?:a|ont|est|sont|avait|avaient|était|étaient) "
                     rf"(?:été )?{re.escape(deed)}\b", claim):
            return True
    return False


@short_text_cache(4096)
def _hedges(said: str) -> bool:
    """Whether `said` hedges (`_HEDGE`, `_HEARSAY`): read once a sentence, whatever the
    claims checked against it."""
    return bool(_HEDGE.search(said)) or any(
        not _REPORTED.search(said[max(0, m.start() - 80):m.start()])
        for m in _HEARSAY.finditer(said))


# "Some of", "only part of": a claim that says it of some over a sentence that says it of all
# or none ("une partie seulement des vols a été annulée" over "tous les vols étant annulés")
# says otherwise, when one says "some" and not "all" or "none", the other the opposite.
PARTIAL = re.compile(
    r"(?i)\b(?:une partie (?:seulement )?d(?:es|u|e la|e l['’])|seulement une partie|"
    r"only (?:some|part|a (?:few|part|portion|fraction))|some of the|(?<!as )part of the|"
    r"a portion of|a fraction of|certaine?s d(?:es|e ces|e leurs)|"
    r"(?:a few|quelques|some) (?!\d|(?:heure|hour|jour|day|minute|semaine|week|month|année|"
    r"an|year|seconde|second|fois|time|centaine|millier|dizaine|hundred|thousand|dozen|"
    r"million)s\b|fois\b)(?=[a-zà-ÿ]{3,}s\b))")
# ("a few flights"; not "some 3,000", nor "a few hours later")
# Not "all \\w+s" of a verb or pronoun ("Not all was lost"), nor "no less than 300 flights".
_NOT_PLURAL = r"(?!(?:was|is|has|this|his|its|us|thus|less|longer|as|across|towards)\b)"
_ALL_OR_NONE = re.compile(r"(?i)\b(?:tous les|toutes les|all the|all of|"
                          rf"all {_NOT_PLURAL}\w+s|every|aucune?|none of|no {_NOT_PLURAL}\w+s)\b")


def _of_all(sentence: str) -> bool:
    return bool(_ALL_OR_NONE.search(sentence)) and not PARTIAL.search(sentence)


def _of_some(claim: str) -> bool:
    """Says "some of" and not "all" or "none" too ("aucune liste ..., quelques-uns")."""
    return bool(PARTIAL.search(claim)) and not _ALL_OR_NONE.search(claim)


# A cause or purpose a claim gives ("déclenchée par l'arrestation de figures de l'opposition",
# "afin de protéger les troupes russes") over a sentence that gives one too, in the same
# language, and shares none of its words: another cause ("provoquée par la hausse des prix du
# carburant"). The first CAUSE_WORDS content words after the marker, up to the clause's end.
_CAUSE = re.compile(
    r"(?i)(?<!\w)(?:(?:(?:provoqu|d[ée]clench|caus(?!erie|eur|euse)|suscit|motiv|aliment(?!aire|ation))\w*(?:\s+\w+){0,3}?"
    r" par|[àa] cause d(?:es|u|e)|en raison d(?:es|u|e)|du fait d(?:es|u|e)|suite [àa]|"
    r"[àa] la suite d(?:es|u|e)|afin de|d[ûu]e?s? [àa]|"
    # (not a schedule: "are due to hold three rounds of talks", v3_018; "was due to heavy
    # rain" is a cause)
    r"parce que|because(?: of)?|due to(?!\s+(?:hold|meet|be|begin|start|take|arrive|visit|"
    r"resume|sign|travel|vote|return|make|give|announce|open|close|leave|attend|host|speak|"
    r"deliver|publish|release|end|finish|come|go|expire|launch|testify|appear|decide|hear|"
    r"rule|report|present|discuss|review|enter|join|step)\b)|owing to|as a result of|"
    r"in order to|so as to|"
    # a reaction is what it answers: "en réaction à la répression", "in response to the call"
    r"en r[ée](?:action|ponse) (?:[àa]|aux?)|in (?:response|reaction|retaliation) (?:to|for)|"
    r"en repr[ée]sailles? (?:[àa]|aux?)|"
    r"(?:caused|triggered|sparked|prompted|fuell?ed|driven) by|"
    # what someone blames a thing on is its cause as they tell it: "blamed the unrest ... on
    # the surge in fuel prices", "a imputé les troubles à ...", "attributed the riots to"
    r"(?:blam(?:e|es|ed|ing)|attribut(?:e|es|ed|ing)(?=\s+(?:the|its|his|her|their|this|"
    r"these|those)\b)|imput[ée]\w*|attribu[ée](?:e?s?|r|rent|ait|aient|ent)?)"
    # (not a phrasal verb's "on" in a clause between: "blamed the unrest, which saw buildings
    # set on fire ..., on economic grievances", v16_018)
    r"(?:[^.;:!?«»]{0,120}?)(?<!\bset)(?<!\bput)(?<!\bcarried)(?<!\bwent)(?<!\bgoing)"
    r"(?<!\bbased)(?<!\bfocused)(?<!\bturned)(?<!\bopened)(?<!\bfired)\s(?:on|to|[àa]|aux?)"
    r"(?=\s)(?! fire\b)|mis(?:es)? sur le compte d(?:es|u|e)|"
    # a charge is what one is held for: "arrêté pour trahison", "arrested for corruption"
    r"(?:arrested|detained|jailed|convicted|charged|sentenced|arr[êe]t[ée]e?s?|"
    r"inculp[ée]e?s?|condamn[ée]e?s?|d[ée]tenue?s?|emprisonn[ée]e?s?)(?:\s+\w+){0,3}?"
    r"\s+(?:for|pour))(?!\w)|"
    r"(?:[àa] cause|en raison|du fait|[àa] la suite|afin) d['’]|parce qu['’]|"
    # "blamed the rise in fuel prices for the unrest": what is blamed is the cause
    r"blam(?:e|es|ed|ing)(?=\s+(?!(?:it|him|her|them|this|that|those|us|me|you)\b)"
    r"[^.;:!?«»]{1,80}?\sfor\s))")
# A sentence may give its purpose with a bare "pour" ("pour mettre un terme aux émeutes"); a
# claim's "pour gérer les manifestations" is too often a rewording of the sentence's own.
PURPOSE = re.compile(r"(?i)(?<!\w)pour(?= \w+(?:er|ir|re)\b)(?! (?:notre|votre|autre|premier|"
                      r"dernier|entre|contre|hier|quatre|cher)\b)")
# ... and in French only ("car" is a vehicle in English): "car il a une frontière avec la
# Russie", "compte tenu de l'absence de correspondants"
_CAUSE_FR = re.compile(r"(?i)(?<!\w)(?<!un )(?<!le )(?<!du )(?<!en )(?<!des )(?<!les )"
                       r"(?:car(?!\s+(?:de|du|des|d['’]|scolaires?)\b)|puisque|vu que|"
                       r"[ée]tant donn[ée]e?s?|compte tenu d(?:es|u|e))(?!\w)|compte tenu d['’]|"
                       r"puisqu['’]|d['’]autant (?:plus )?qu(?:e(?!\w)|['’])")
CAUSE_WORDS = 3
# ... and up to a time clause: "arrested for corruption after being removed" gives one cause
_CAUSE_END = re.compile(r"(?i)[,;:.!?«»\"“”()]|\s(?:after|apr[èe]s|before|avant|when|while|"
                        r"lorsqu\w*|quand|tandis)\s")
# ... of the first CAUSES_READ causes, each read within CAUSE_CHARS: every marker re-read the
# rest of the claim ("car " x 2,000: 8 s; closing review M1)
CAUSES_READ = 4
CAUSE_CHARS = 200
# ... of which figures, modal verbs and countries say nothing of what the cause is ("car elle
# pourrait déstabiliser l'économie kazakhe" and "car elle pourrait perturber les équilibres
# ethniques au Kazakhstan" share "pourrait" and Kazakhstan)
_MODAL = re.compile(r"^(?:\d+|pourr\w*|peu[tv]\w*|could|might|may|would|should|must|can|"
                    r"devr\w*|doi[tv]\w*|sembl\w*|seem\w*)$")
# Across languages a cause is compared by the lexicon's translations: only when this many of
# its words have one (an unknown word may be the passage's, translated).
CAUSE_KNOWN = 2
# ... and where it shares some, at least half of them must be said once this many are known
CAUSE_KNOWN_MOSTLY = 3
# In the claim's language, this many of a cause's words must be the sentence's (all when it has
# fewer): "provoquées par l'attaque d'un entrepôt de produits chimiques" over "suivies d'une
# odeur de produits chimiques" shares one word of three.
# Only where the sentence gives no cause or purpose of its own.
CAUSE_SHARED = 2


# A sentence telling a cause by its verb ("La grève ... a entraîné l'annulation", "est à
# l'origine de l'incendie", "Faced with weaker demand"): the claim's cause may be its subject
_ACTIVE_CAUSE = re.compile(
    r"(?i)\b(?:entraîn\w*|provoqu\w*|déclench\w*|à l['’]origine d(?:e|u|es)|"
    r"a fait (?:tomber|grimper|dérailler|chuter|baisser|monter)|sous l['’]effet|face à|"
    r"pes\w* sur|causé\w*|"
    r"s['’]expliqu\w* par|explained by|tien\w* à|conduit\w*(?:\s+[\w’']+){0,3}?\s+à|"
    r"pouss\w*|contraint\w*|"
    r"prompted|drove|amid|sur fond d|après|(?:a|ont) fait \w+(?:er|ir|re)|"
    r"led to|lead to|leads to|forced|started|set off|brought down|pushed up|faced with|"
    r"weighed on|caused|triggered|sparked|resulted in|results in)\b")


def _cause_word(word: str) -> bool:
    """Whether a word says what a cause is: not a figure, written in digits or in words (the
    verifier checks those on their own: "parce qu'il partage plus de sept mille kilomètres de
    frontière" over "car il a une frontière ... de plus de 7 000 kilomètres"), a modal verb or
    a country."""
    return not _MODAL.match(word) and word not in NUMBER_WORDS and country_code(word) is None


def gives_cause(text: str) -> bool:
    """Whether `text` gives a cause or a purpose, in either language (`_CAUSE`, `_CAUSE_FR`):
    for the answer ranking when a cause is asked."""
    return bool(_CAUSE.search(text) or _CAUSE_FR.search(text))


def _cause_at(text: str, lang: str) -> re.Match[str] | None:
    found = [m for m in (_CAUSE.search(text), _CAUSE_FR.search(text) if lang == "fr" else None)
             if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _cause(text: str, lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Stemmed words of the causes `text` gives (see _CAUSE), the first CAUSE_WORDS of each,
    and the same words as written (folded); none without a language. Any of them the sentence
    shares keeps the claim ("Sparked by higher fuel prices ..., fuelled by anger at
    Nazarbayev's rule" over the sentence on the anger)."""
    if not lang:
        return frozenset(), ()
    stems: set[str] = set()
    raw_all: list[str] = []
    for raw in _cause_groups(text, lang):
        raw_all.extend(raw)
        stems.update(tokenize(" ".join(raw), _STEMMER[lang]))
    return frozenset(stems), tuple(dict.fromkeys(raw_all))


_QUOTED_CAUSE = re.compile(r"^(\s*(?:(?:une?|la|le|les|des|du|l['’]|the|a|an)\s*)?)[«“\"]\s*")


def _cause_groups(text: str, lang: str) -> list[list[str]]:
    """The first CAUSE_WORDS content words (folded) of each of the first CAUSES_READ causes
    `text` gives."""
    return [words for _, words in _cause_groups_marked(text, lang)]


# A reaction's marker: what follows is what was answered, one word as well as more ("a limogé
# le gouvernement en réponse aux troubles")
_REACTION = re.compile(r"(?i)^(?:en r[ée](?:action|ponse)|in (?:response|reaction|retaliation)|"
                       r"en repr[ée]sailles?)\s")


def _cause_groups_marked(text: str, lang: str) -> list[tuple[str, list[str]]]:
    """`_cause_groups`, each with the marker that gives it."""
    found = sorted([*_CAUSE.finditer(text), *(_CAUSE_FR.finditer(text) if lang == "fr"
                                               else ())], key=lambda m: m.start())
    out = []
    for m in found[:CAUSES_READ]:
        # (a cause in quotes is read inside them: "a imputé à une « agression extérieure »")
        phrase = _QUOTED_CAUSE.sub(r"\1", text[m.end():m.end() + CAUSE_CHARS], count=1)
        phrase = _CAUSE_END.split(phrase, maxsplit=1)[0]
        out.append((m.group(0),
                    [w for w in tokenize(phrase, "none") if _cause_word(w)][:CAUSE_WORDS]))
    return out


_CLAUSE_AFTER = re.compile(r"(?i)(?<!\w)(?:(?:que|qui|that|which|who|o[uù]|where|dont)(?!\w)|"
                           r"qu['’])")
_FINITE = re.compile(r"(?i)\b(?:a|ont|est|sont|avait|avaient|fut|sera|has|have|had|is|are|was|"
                     r"were|will)\b")
_CAUSE_AND = re.compile(r"(?i)\s(?:et|and|ainsi que|as well as)\s")


def _cause_parts(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """The conjuncts of the first cause `text` gives when it gives two or more, each as the
    stems of its first CAUSE_WORDS content words (`_cause`)."""
    if not lang:
        return ()
    m = _cause_at(text, lang)
    if m is None:
        return ()
    phrase = _CAUSE_END.split(text[m.end():m.end() + CAUSE_CHARS], maxsplit=1)[0]
    # ... up to a clause of its own: "parce que les forces étaient débordées qu'il a été fait
    # appel aux forces russes et de l'OTSC" gives one cause
    phrase = _CLAUSE_AFTER.split(phrase, maxsplit=1)[0]
    parts = []
    for k, part in enumerate(_CAUSE_AND.split(phrase)[:CAUSES_READ]):
        if k and _FINITE.search(part):
            break  # "à cause de la hausse des prix et le président a limogé ...": a new clause
        raw = [w for w in tokenize(part, "none") if _cause_word(w)][:CAUSE_WORDS]
        if raw:
            parts.append(frozenset(tokenize(" ".join(raw), _STEMMER[lang])))
    return tuple(parts) if len(parts) >= 2 else ()


# A source saying that a cause is not known (so it gives none; extractive.py declines a
# cause asked over it): "on ne sait rien quant à la cause de
# l'incident", "la cause des explosions reste inconnue", "the reason is still unclear" (the
# cause's word is what is unknown: "pour des raisons de sécurité, le lieu reste inconnu" is not)
_CAUSE_WORD = r"(?:cause|raison|motif|origine|reason|motive)s?"
CAUSE_UNKNOWN = re.compile(
    r"(?i)\b(?:on ne sait (?:rien|pas)|on ignore(?:nt)?|nothing is known|(?:it is|it was|it "
    r"remains) (?:still )?(?:not (?:yet )?(?:known|clear)|unknown|unclear))(?:\s+[\w'’]+){0,3}?"
    rf"\s+(?:quant [àa] |about |of |sur |as to )?(?:la |les |le |l['’]|the )?(?:{_CAUSE_WORD}|"
    r"why|pourquoi)\b|"
    rf"\b(?:la |les |le |l['’]|the )?{_CAUSE_WORD}(?:\s+[\w'’]+){{0,4}}?\s+(?:est|sont|"
    r"reste|restent|demeure|demeurent|is|are|was|were|remains?|remained)\s+(?:encore |toujours "
    r"|still )?(?:inconnue?s?|ignorée?s?|indéterminée?s?|unknown|unclear|not (?:yet )?(?:known|"
    r"clear|established))\b|"
    rf"\b{_CAUSE_WORD}(?:\s+[\w'’]+){{0,4}}?\s+n['’](?:a|ont) pas (?:encore )?été (?:"
    r"communiquée?s?|précisée?s?|révélée?s?|établie?s?|déterminée?s?|élucidée?s?|expliquée?s?)")


def _says_cause_word(claim: _Facts, sentence: str, lang: str) -> bool:
    """Whether `sentence` holds a word of the claim's cause: by stem in its language, by the
    lexicon's translations across."""
    if lang == claim.lang and lang:
        words = {w[:5] for w in tokenize(sentence, _STEMMER[lang])}
        return any(x[:5] in words for w in claim.cause_words
                   for x in tokenize(w, _STEMMER[lang]))
    keys = {_key4(w) for w in tokenize(sentence, "none")}
    return any(keys & (other_language_keys(w, claim.lang) | {_key4(w)})
               for w in claim.cause_words)


def _other_cause(claim: _Facts, sentence: str) -> bool:
    """Whether `sentence` holds none of the words of the claim's cause, whether it gives a
    cause of its own or none ("caused by chemical weapons" over a sentence that says only that
    explosions were heard): in the claim's language by stem, across languages by the lexicon's
    translations ("triggered by the arrest of opposition leaders" over "déclenchées par la
    hausse des prix du carburant"); or says the cause is not known ("caused by sabotage" over
    "on ne sait rien quant à la cause de l'incident")."""
    lang = _language(sentence)
    if CAUSE_UNKNOWN.search(sentence) and not CAUSE_UNKNOWN.search(claim.text) \
            and not _says_cause_word(claim, sentence, lang):
        return True  # (a cause unknown of something else beside the claim's: diff review 43)
    if not lang:
        return False
    if lang == claim.lang:
        words = {w[:5] for w in tokenize(sentence, _STEMMER[claim.lang])}
        folded = set(tokenize(sentence, "none"))
        shared = sum(1 for w in claim.cause_words if any(
            x[:5] in words for x in tokenize(w, _STEMMER[claim.lang])) or (
            w in claim.names and any(same_name(w, x, True) for x in folded)))
        # (a sentence that gives a cause or purpose of its own may reword the claim's: "parce
        # qu'il partage avec elle une frontière" over "car il a une frontière")
        least = 1 if gives_cause(sentence) or PURPOSE.search(sentence) else CAUSE_SHARED
        if shared and _links_nothing(sentence):
            return True  # the cause's words said, as no cause: the link is the claim's
        return shared < min(least, len(claim.cause_words)) or any(
            part and not any(w[:5] in words for w in part) for part in claim.cause_parts) or (
            _cause_unsaid(claim, words, folded))
    keys = {_key4(w) for w in tokenize(sentence, "none")}
    for part in claim.cause_parts:
        # (each conjunct of the cause whose words the lexicon knows, said in the sentence:
        # "fuelled by resentment over his decades in power and over soaring unemployment"
        # over "alimentées par le ressentiment ... et de la répartition inégale des richesses")
        known_part = [other_language_keys(w, claim.lang) for w in part]
        if any(known_part) and not any(k & keys or _key4(w) in keys
                                       for w, k in zip(part, known_part, strict=True)):
            return True
    known = said = 0
    for w in claim.cause_words:
        others = other_language_keys(w, claim.lang)
        # (a name is written alike in both languages: "Moscow", "Moscou")
        known += bool(others) or w in claim.names
        said += bool(keys & (others | {_key4(w)}))
    if said and _links_nothing(sentence):
        return True  # (as in one language: "triggered by the persistent internet outages" over
        # "dans un contexte de pannes d'Internet persistantes", v51_007)
    if said and said < min(CAUSE_SHARED, len(claim.cause_words)) and not (
            gives_cause(sentence) or PURPOSE.search(sentence)
            or _ACTIVE_CAUSE.search(sentence)):
        # (a sentence that gives no cause, across languages as within one, must say
        # CAUSE_SHARED of the cause's words: "caused by sabotage at a chemical facility" over
        # "suivies d'une odeur de produits chimiques" says one, v47_025)
        return True
    if said:  # one word of three said is another cause that names the same people: "because
        # many officers had sided with the protesters" over "dépassées par la virulence des
        # manifestants" (v15_038); where the sentence gives no cause itself (one that does may
        # give another of the claim's: "Sparked by higher fuel prices, ... fuelled by
        # resentment" over "alimentées par le ressentiment", v25_013)
        return (known >= CAUSE_KNOWN_MOSTLY and said * 2 < known
                and not gives_cause(sentence))
    return known >= min(CAUSE_KNOWN, len(claim.cause_words)) > 0



def _links_nothing(sentence: str) -> bool:
    """Whether `sentence` tells no cause, purpose or effect at all (no marker of `_CAUSE`,
    `_CAUSE_FR`, `PURPOSE`, `_ACTIVE_CAUSE`): a claim that gives as a cause what such a sentence
    only sets beside its fact ("des pillages ... – dans un contexte de pannes d'Internet
    persistantes –" restated "looting triggered by the internet outages"; "l'Arménie ... a
    confirmé sa participation" restated "explaining that its chairmanship obliged it") adds the
    link."""
    return not (gives_cause(sentence) or PURPOSE.search(sentence)
                or _ACTIVE_CAUSE.search(sentence) or _LINKS_TOO.search(sentence))


# ... nor these, which the markers above miss: "compte tenu également de l'absence de
# correspondants" (an adverb inside), "pour lui permettre de surmonter cette crise" (a pronoun
# before the verb), "so that", "pour que"
_LINKS_TOO = re.compile(r"(?i)(?<!\w)(?:compte tenu\s+\w+\s+d|pour\s+(?:lui|leur|les|le|la|se|"
                        r"s['’]|nous|vous|y|en|ne)\s|pour qu|afin qu|so that|in order|"
                        r"de (?:sorte|mani[èe]re|fa[çc]on) (?:à|qu)|si bien qu)")


@lru_cache(maxsize=256)
def _claim_cause_groups(text: str, lang: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(g) for g in _cause_groups(text, lang))


def _cause_unsaid(claim: _Facts, words: set[str], folded: set[str]) -> bool:
    """Whether, of the two or more causes a claim gives, one the sentence says (CAUSE_SHARED of
    its words) stands beside another it does not: "provoquées par le doublement du prix du gaz
    ... à la suite d'une hausse des taxes de l'État" over "causées par une multiplication par
    deux du prix du gaz ... après la suppression des subventions de l'État" (v40_018)."""
    groups = _claim_cause_groups(claim.text, claim.lang)
    if len(groups) < 2:
        return False
    stemmer = _STEMMER[claim.lang]

    def said(w: str) -> bool:
        return any(x[:5] in words for x in tokenize(w, stemmer)) or (
            w in claim.names and any(same_name(w, x, True) for x in folded))
    counts = [(sum(1 for w in g if said(w)), len(g)) for g in groups if len(g) >= 2]
    return any(n >= min(CAUSE_SHARED, k) for n, k in counts) and any(
        n < min(CAUSE_SHARED, k) for n, k in counts)


def _cause_swapped(claim: _Facts, sentence: str) -> bool:
    """Whether the claim and `sentence` each give a cause, share none of its words, and each
    names the other's cause elsewhere: cause and effect exchanged ("protests triggered by the
    government's resignation, which led to a rise in fuel prices" over "protests triggered by
    a rise in fuel prices, which brought down the government"). A claim that names the
    sentence's cause only as its cause (or not at all) is `_other_cause`'s."""
    lang = _language(sentence)
    if not lang or not claim.cause_words:
        return False
    marked = [(m, g) for m, g in _cause_groups_marked(sentence, lang) if g]
    if not marked:
        return False
    groups = [g for _, g in marked]
    across = lang != claim.lang
    if across:  # (by the lexicon's translations; a name is written alike)
        words = frozenset(_key4(w) for w in tokenize(sentence, "none"))
        claim_words = frozenset(_key4(w) for w in tokenize(claim.text, "none"))
    else:
        words = _stem_keys(sentence, lang)
        claim_words = _stem_keys(claim.text, lang)

    def keys(word: str, word_lang: str) -> frozenset[str]:
        if across:
            return other_language_keys(word, word_lang) | {_key4(word)}
        return _stem_keys(word, lang)

    theirs = [[keys(w, lang) for w in g] for g in groups]
    ours = [keys(w, claim.lang) for w in claim.cause_words]
    their_own = frozenset().union(*(t & words for g in theirs for t in g))
    if any(k & their_own for k in ours):
        return False  # (the sentence's cause holds a word of the claim's)
    if sum(1 for k in ours if k & words) < min(CAUSE_SHARED, len(ours)):
        return False
    # ... and the claim says one of the sentence's causes, of two words or more, elsewhere
    # (not a one-word charge it gives too: "interpellé pour trahison ... à la suite des
    # émeutes" over "arrêté pour trahison ... des émeutes déclenchées par une hausse"); what
    # a reaction answers may be one word: "les troubles ont éclaté en réaction au limogeage du
    # gouvernement" over "a limogé le gouvernement en réponse aux troubles" (v49_018)
    return any(sum(1 for t in g if t & claim_words) >= min(
        CAUSE_SHARED, len(g) if _REACTION.match(marker) else CAUSE_SHARED)
        for (marker, _), g in zip(marked, theirs, strict=True))


def _stem_keys(text: str, lang: str) -> frozenset[str]:
    return frozenset(x[:5] for x in tokenize(text, _STEMMER[lang]))


def _key4(word: str) -> str:
    """As the lexicon keys words across languages: the first four letters."""
    return word[:4]

# What a figure counts, when it is one of these (in either language): "13 policiers ont été
# tués et 353 blessés" is 13 dead and 353 injured, and a claim of "353 killed" says otherwise.
ROLES = {
    "dead": re.compile(r"^(killed|dead|died|deaths?|fatalities|tu[ée]e?s?|morte?s?|d[ée]c[èe]s|"
                       r"d[ée]c[ée]d[ée]e?s?|p[ée]ri)$", re.I),
    "injured": re.compile(r"^(injured|wounded|hurt|injuries|bless[ée]e?s?|blessures)$", re.I),
    "arrested": re.compile(r"^(arrested|detained|arrests|arr[êe]t[ée]e?s?|interpell[ée]e?s?|"
                           r"d[ée]tenue?s?|arrestations|interpellations)$", re.I),
}
# ... or the unit it is in, read right after it: "4 350 miles" is not "4 350 kilomètres"
UNITS = {
    "km": re.compile(r"^(?:km|kilom[eè]tres?|kilometers?|kilometres?)$", re.I),
    "mile": re.compile(r"^miles?$", re.I),
    "metre": re.compile(r"^(?:m[eè]tres?|meters?|metres?)$", re.I),
    "tonne": re.compile(r"^(?:tonnes?|tons?|t)$", re.I),
    "kg": re.compile(r"^(?:kg|kilos?|kilogrammes?|kilograms?)$", re.I),
}
_ROLE_AFTER = 8  # words read after a figure for what it counts ("353 officers were killed")
_ROLE_BEFORE = 3  # ... else before it ("killed at least 13")
_ROLE_CHARS = 400  # characters read after a figure for those words
# A word for the dead, the injured or the arrested right before a figure is a verb whose object
# it is ("killed 12 and injured 353", "killed dozens"): read before the words after it. Bounds
# between them are skipped ("arrested at least 4,000", "a tué au moins 12").
_BOUND_WORDS = frozenset({"at", "least", "more", "than", "over", "about", "nearly", "some",
                          "around", "almost", "up", "to", "au", "moins", "plus", "de", "d",
                          "environ", "pres", "près", "quelque", "quelques"})


def _role_before(head: Sequence[str]) -> str | None:
    """What the figure after `head` (words before it, in its clause) counts when the word
    right before it, bounds aside, is one of ROLES."""
    words = [w.strip("«»\"'’").lower() for w in head]
    while words and words[-1] in _BOUND_WORDS:
        words.pop()
    if not words:
        return None
    return next((r for r, rx in ROLES.items() if rx.match(words[-1])), None)
_HEAD_CHARS = 200  # ... and before it


# Who is among those counted, said between commas ("Des dizaines de personnes, dont des
# policiers, ont été tuées", "dozens of people, including police officers, were killed"): what
# they count is said after it.
_AMONG_THEM = re.compile(r"(?i)^,\s*(?:(?:dont|including|among them|parmi (?:eux|elles|"
                         r"lesquel(?:le)?s)|y compris)\s[^,;:.()\d]{0,120}|"
                         # (", civils et policiers compris,": v46_022)
                         r"[^,;:.()\d]{1,120}\s(?:compris|inclus|included))\s*,")


def _role_tail(after: str) -> list[str]:
    """The words after a figure in its clause, where what it counts is said, and after a
    clause of who is among them."""
    head = re.split(r"[,;:.()]|\d", after, maxsplit=1)[0]
    words = head.split()
    among = _AMONG_THEM.match(after[len(head):])
    if among:
        words += re.split(r"[,;:.()]|\d", after[len(head) + among.end():], maxsplit=1)[0].split()
    return words


def number_roles(text: str, anchors: Sequence[Anchor] | None = None, every_role: bool = True
                 ) -> tuple[tuple[frozenset[str], str], ...]:
    """(keys of a figure, what it counts) for each figure of `text` followed (within its
    clause, before the next figure) or else preceded by a word for the dead, the injured or
    the arrested."""
    out: list[tuple[frozenset[str], str]] = []
    # (each figure as written once: a figure written a thousand times is read where it is first
    # written, as it always was, once; and only a window either side of it: reading the whole
    # rest of the text for each "dix" of "x dix x dix ..." was quadratic, thirty-eighth review)
    numbers = list({a.text: a for a in (claim_anchors(text) if anchors is None else anchors)
                    if a.kind == "number"}.values())
    for a in numbers:
        at = text.find(a.text)
        if at < 0:
            continue
        end = at + len(a.text)
        tail = _role_tail(text[end:end + _ROLE_CHARS])
        head = re.split(r"[,;:.()]|\d", text[max(0, at - _HEAD_CHARS):at])[-1].split()
        found = next((f"unit:{u}" for u, rx in UNITS.items() if tail and rx.match(
            tail[0].strip("«»\"'’"))), None) or _role_before(head)
        if found is None:
            found = next((r for w in tail[:_ROLE_AFTER] for r, rx in ROLES.items()
                          if rx.match(w.strip("«»\"'’"))), None)
        if found is None:
            found = next((r for w in reversed(head[-_ROLE_BEFORE:]) for r, rx in ROLES.items()
                          if rx.match(w.strip("«»\"'’"))), None)
        if found is not None:
            out.append((a.keys, found))
    return tuple(out) + _order_roles(text, every_role)


def _order_roles(text: str, every_role: bool = True) -> tuple[tuple[frozenset[str], str], ...]:
    """... and for each order of size said in words ("des milliers ont été arrêtées, des
    centaines blessées"), keyed "o:<order>": "des centaines arrêtées" over that sentence gives
    the injured's order to the arrested."""
    folded = fold(text)
    found = list(_ORDER_WORD.finditer(folded))
    out: list[tuple[frozenset[str], str]] = []
    for k, m in enumerate(found):
        if _COUNTED_BEFORE.search(folded[max(0, m.start() - 24):m.start()]):
            continue  # "3 millions": a figure, read above
        end = found[k + 1].start() if k + 1 < len(found) else len(folded)
        tail = _role_tail(folded[m.end():end])
        key = frozenset({f"o:{_ORDER_OF[m.group(2) or m.group(1)]}"})
        start = found[k - 1].end() if k else 0
        before = folded[max(start, m.start() - 60):m.start()].split()
        by = 2 if before[-2:] == ["by", "the"] else 1 if before[-1:] == ["par"] else 0
        if by:  # counted by the order: "les morts se comptent par dizaines et les blessés
            # par centaines" (v19_004): only a role right before it says whose
            role = _role_before(before[:-by])
            if role is not None:
                out.append((key, role))
            continue
        verb = _role_before(re.split(r"[,;:.()]|\d", folded[max(start, m.start() - 60):
                                                            m.start()])[-1].split())
        if verb is not None:  # ("killed dozens and injured hundreds": dozens are the dead)
            out.append((key, verb))
            continue
        # every role a source says of it ("des centaines de manifestants blessés ont été
        # arrêtés" counts both): a claim's role agrees with any of them. A claim's is its
        # first ("des dizaines de morts et au moins mille blessés": the dead)
        roles = list(dict.fromkeys((key, r) for w in tail[:_ROLE_AFTER]
                                   for r, rx in ROLES.items() if rx.match(w.strip("«»\"'’"))))
        out.extend(roles if every_role else roles[:1])
    return tuple(out)


def _sentence_roles(sentence: str) -> tuple[tuple[frozenset[str], str], ...]:
    """`number_roles` of a source sentence: read once, however many claims it is judged for
    (thirty-eighth review: each claim re-read it); a long one each time (CACHED_SENTENCE_CHARS:
    it is one of few)."""
    if len(sentence) > CACHED_SENTENCE_CHARS:
        return number_roles(sentence)
    return _cached_roles(sentence)


@lru_cache(maxsize=1024)
def _cached_roles(sentence: str) -> tuple[tuple[frozenset[str], str], ...]:
    return number_roles(sentence)


def _roles_agree(claim: _Facts, sentence: str) -> bool:
    """A figure the claim says counts the dead (injured, arrested) is not one the sentence
    says counts something else of these."""
    if not claim.roles:
        return True
    source = _sentence_roles(sentence)
    for keys, role in claim.roles:
        said = {r for k, r in source if k & keys}
        if not said:  # a rough figure: "plus de 4 000 kilomètres" over "4 350 miles"
            near = next((a.near for a in claim.anchors if a.keys == keys and a.near), None)
            if near is not None:
                said = {r for k, r in source if within(k, near)}
        if said and role not in said:
            return False
    return True


def _predicate(text: str, anchors: list[Anchor], names: set[str], lang: str) -> set[str]:
    """Stemmed content words after the claim's first name, without names and titles (GENERIC):
    roughly what it says of who it names. Empty when there is no name, no clear language, or a
    number or date after the name (anchors, checked on their own)."""
    first = next((a for a in anchors if a.kind == "name"), None)
    if first is None or not lang:
        return set()
    m = re.search(rf"(?<!\w){re.escape(first.text)}(?!\w)", text)
    if m is None:
        return set()
    tail = text[m.end():]
    if any(a.kind != "name" and a.text in tail for a in anchors):
        return set()
    words = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", tail)
             if not words_of(w) <= names and fold(w) not in GENERIC]
    return set(tokenize(" ".join(words), _STEMMER[lang]))


def _passage_language(d: _Sentences) -> str:
    """The language most of a passage's sentences are in ("" when none says), read once."""
    if d.lang is None:
        said = [lang for sp in d.spans if (lang := _language(sp.text))]
        d.lang = max(("fr", "en"), key=said.count) if said else ""
    return d.lang


@short_text_cache(4096)
def _language(text: str) -> str:
    """"fr" or "en" when function words say so clearly (two or more, none of the other), else
    "": short claims ("Russia sent 3,000 people.") carry too few to tell."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if fr >= 2 and en == 0:
        return "fr"
    if en >= 2 and fr == 0:
        return "en"
    return ""


def _across(claim: _Facts, other: str) -> str | None:
    """The claim's language when its sentence is in the other one (`other`, as `_language`
    reads it): a claim too short for `_language` is in English when it has an English
    function word and no French one ("Russia deployed a working group ... via Belarus"), and
    the other way round."""
    if not other:
        return None
    lang = claim.lang
    if not lang:
        words = re.findall(r"[a-zà-ÿ]+", claim.text.lower())
        fr = any(w in _FR_WORDS for w in words)
        en = any(w in _EN_WORDS for w in words)
        lang = "en" if en and not fr else "fr" if fr and not en else ""
    return lang if lang and lang != other else None


@short_text_cache(4096)
def _leaning(text: str) -> str:
    """`_language`, or the language whose function words outnumber the other's three to one
    ("Le National Endowment for Democracy a dépensé ..." is French): for verb forms, which a
    name in the other language does not change."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if fr >= 2 and fr >= 3 * en:
        return "fr"
    if en >= 2 and en >= 3 * fr:
        return "en"
    return ""


def _shares(claim: _Facts, sentence: str) -> tuple[float, float]:
    """Shares of the claim's content words and of its predicate's words in the sentence (the
    sentence read once), each 1.0 when not checked: across languages (only anchors and the
    embedding compare them), for a claim without content words, or for a short or anchored
    predicate."""
    if _language(sentence) != claim.lang or not claim.terms:
        return 1.0, 1.0
    words = set(tokenize(sentence, _STEMMER[claim.lang]))
    held = {t for t in claim.terms if t in words or (
        claim.lang == "fr" and french_synonyms(t) & words)}  # ("troupes" over "soldats")
    overlap = len(held) / len(claim.terms)
    if len(claim.predicate) < PREDICATE_WORDS:
        return overlap, 1.0
    return overlap, len(claim.predicate & held) / len(claim.predicate)


def _sentence_anchors(d: _Sentences, claim: _Facts) -> list[Anchor]:
    """The claim's anchors `_at` must look for in each sentence: not a name, other than a
    country's, that the passage holds anywhere (it counts for every sentence). Read once a
    claim per passage: 50 names over 940 sentences were 80 s of CPU looked up sentence by
    sentence (seventeenth review, H1)."""
    got = d.sentence_anchors.get(claim.text)
    if got is None:
        got = d.sentence_anchors[claim.text] = [
            a for a in claim.anchors
            if not (a.kind == "name" and not _a_country(a) and holds(d.whole, a))]
    return got


def _fits(d: _Sentences, i: int, claim: _Facts, loose_dates: bool = False) -> bool:
    """Sentence i holds every anchor. A name read from the sentence before (or the title) only
    counts when the sentence names nothing of the same sort (acronym or not) that the claim's
    names leave out: "Tokayev said" over "Il a dit", not "Russia" over a sentence about
    Kazakhstan next to one about Russia."""
    if not all(_at(d, i, a, loose_dates) or _anchor_stood_for(d, a, claim, i)
               for a in _sentence_anchors(d, claim)):
        return False
    if not _roles_agree(claim, d.spans[i].text):
        return False
    here = d.facts[i]
    others: list[str] | None = None  # the sentence's names the claim leaves out
    for a in claim.anchors:
        if a.kind != "name":
            continue
        if others is None:
            others = [x for x in here.names if not accounted(x, claim.names)
                      and not _same_seat(x, claim.names) and not _nation_said(x, claim.text)]
            if not others:
                return True
        # (a first name: its surname is the check)
        if not _holds(d, here, a) and d.stand_ins.get((claim.text, a.text)) != "first":
            acronym = a.text.isupper()
            if any((x in here.acronyms) == acronym for x in others):
                return False
    return True


def _nation_said(name: str, claim: str) -> bool:
    """Whether a source name is a country the claim names in another form, most often its
    people's word: "le Royaume-Uni compte plus de 85 ONG" for "85 ONG britanniques", "le
    gouvernement du Kazakhstan" for "le gouvernement kazakh"."""
    code = name_code(name)
    return code is not None and code in nations_of(claim)


def _same_seat(name: str, names: set[str]) -> bool:
    """Whether `name` is a seat of power whose country another of `names` is a seat of
    ("kremlin" for "moscou")."""
    seat = _SEATS.get(name)
    return seat is not None and any(_SEATS.get(n) == seat for n in names)


def _at(d: _Sentences, i: int, a: Anchor, loose_dates: bool = False) -> bool:
    """Whether sentence i holds anchor a. A name may also be in its context (the sentence
    before, the title) and, unless it is a country, anywhere in the passage: a claim names
    the outlet, body or speaker its passage gives in another sentence ("selon des journalistes
    de Sputnik"); `_fits` still refuses a sentence that names someone else of that sort. A
    country is not: "Kyrgyzstan sent 3,000" over Russia's 3,000 with Kyrgyzstan nearby. A
    date may come from the sentence before when this one gives none (a date of its own would
    be the one it says), with `loose_dates`."""
    if loose_dates and a.kind == "date" and holds(d.windows[i], a) and not any(
            k[:2] in ("d:", "w:", "m:") for k in d.facts[i].keys):
        return True  # "trois explosions ont été entendues ce vendredi. ... ces explosions"
    return _holds(d, d.facts[i], a) or (a.kind == "name" and (
        holds(d.windows[i], a) or (not _a_country(a) and holds(d.whole, a))))


@lru_cache(maxsize=8192)
def _sort_of(name: str) -> Sort:
    """A passage's name (folded) as `stood_for` sorts it: any name not a country or a body
    counts as a place (a person named beside "la ville" keeps a claim's place from it)."""
    if country_code(name) is not None or is_country(name) or name in _SEATS:
        return "country"
    return "body" if bodies_at(name.upper()) or bodies_at(name) else "place"


def _named_sorts(d: _Sentences) -> tuple[set[Sort], list[str], list[str]]:
    """The sorts of names a passage writes (`_sort_of`, its words too: "kazakh" is a country),
    its names that are places and those that are bodies: read once a passage."""
    if d.sorts is None:
        sorts: set[Sort] = set()
        places: list[str] = []
        bodies: list[str] = []
        for x in d.whole.names | d.whole.words:
            sort = _sort_of(x)
            if sort == "place":
                if x in d.whole.names:
                    places.append(x)
            else:
                sorts.add(sort)
                if sort == "body":
                    bodies.append(x)
        d.sorts = (sorts, places, bodies)
    return d.sorts


def _stood_for(d: _Sentences, name: str, sort: Sort, claim: _Facts) -> bool:
    """Whether the passage gives the claim's `name` by a generic noun (`stood_for`). A body
    the passage names beside its generic noun is no other one when the claim names it too
    ("Les participants ... ne peuvent pas faire partie d'autres blocs, tels que l'OTAN" for
    "CSTO members ... such as NATO")."""
    sorts, places, bodies = _named_sorts(d)
    if sort == "body" and "body" in sorts and all(accounted(x, claim.names) for x in bodies) \
            and _in_order(d, name, bodies, claim):
        sorts = sorts - {"body"}
    return stood_for(name, sort, claim.text, d.text, sorts, places,
                     lambda x: accounted(x, claim.names))


def _in_order(d: _Sentences, name: str, bodies: list[str], claim: _Facts) -> bool:
    """Whether the claim puts its `name` on the same side of each of the passage's `bodies`
    (folded, names the claim says too) as the passage puts its generic noun: "CSTO members
    ... such as NATO" over "Les participants ... tels que l'OTAN", not "NATO members ... such
    as the CSTO". Both texts folded once."""
    text, said = fold(d.text), fold(claim.text)
    noun = has_stand_in_at("body", text)
    mine = re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", said)
    if noun is None or mine is None:
        return False
    for body in bodies:
        at_body = re.search(rf"(?<!\w){re.escape(body)}(?!\w)", text)
        theirs = next((m for w in claim.names if same_name(body, w, True)
                       for m in [re.search(rf"(?<!\w){re.escape(w)}(?!\w)", said)] if m),
                      None)
        if at_body is None or theirs is None \
                or (noun < at_body.start()) != (mine.start() < theirs.start()):
            return False
    return True


# Honorifics a passage may write where a claim gives a first name: "M. Peskov".
_HONORIFIC = frozenset({"M", "Mr", "Mme", "Mrs", "Ms", "Mlle", "Dr", "Pr", "Me"})
_WORD_BEFORE = re.compile(r"([\w’'-]+)\.?\s+$")
WORD_BEFORE_CHARS = 40  # how far back the word before a surname is read
_TITLE_BEFORE = re.compile(
    r"(?i)pr[ée]sident\w*|ministre|minister|porte-parole|spokes\w*|secr[ée]taire|secretary|"
    r"g[ée]n[ée]ral|general|ambassad\w*|chef|leader|dirigeant\w*|expert\w*|analyst\w*|"
    r"directeur|directrice|director|command\w*|diplomate|diplomat|journaliste|journalist|"
    r"chancel\w*|premier|pm|sénat\w*|senator|députée?|deputy|maire|mayor|juge|judge")


def _first_name(d: _Sentences, a: Anchor, claim: _Facts) -> bool:
    """Whether the claim's name `a` is the first name of a surname the passage writes without
    one ("Dmitry Peskov" over "M. Peskov"): the claim's next word is that surname, and the
    passage never puts another capitalised word before it ("Sergueï Peskov" would be someone
    else's first name). Each word before is read within WORD_BEFORE_CHARS (review 16 F2: a
    search back over the whole passage was quadratic)."""
    if a.text.isupper() or _a_country(a) or bodies_at(a.text):
        return False
    m = re.search(rf"(?<!\w){re.escape(a.text)}\s+([A-ZÀ-Ý][\w’'-]+)", claim.text)
    if not m or fold(m.group(1)) not in d.whole.proper:
        return _given_name_after(d, a, claim)
    # ... after an honorific or a title ("M. Peskov"), never after another capitalised word,
    # nor as an outlet's or a body's name ("Igor Sputnik" is not the agency of "la presse
    # russe Sputnik"). Not alone as a verb's subject ("Antony Blinken" over "Blinken s'est
    # dit"): tried, one false alarm fewer for three catches lost (two of them on the held-out
    # bench; evals/README.md)
    _, titled, after_other, _, outlet = _surname_uses(d, m.group(1))
    return titled and not after_other and not outlet


# A name given to an outlet, a party or a body ("l'agence de presse russe Sputnik", "le parti
# Nur Otan"), up to 30 characters before it.
_OUTLET_BEFORE = re.compile(
    r"(?i)\b(?:agence|presse|journal|m[ée]dia|site|cha[îi]ne|quotidien|hebdomadaire|magazine|"
    r"revue|radio|t[ée]l[ée]vision|t[ée]l[ée]|newspaper|agency|outlet|channel|network|"
    r"broadcaster|tv|parti|party|mouvement|movement|groupe|group|soci[ée]t[ée]|company|firm|"
    r"entreprise|banque|bank|op[ée]ration|operation|programme|program|projet|project)\b"
    r"[^.!?]{0,30}$")



def _surname_uses(d: _Sentences, word: str) -> tuple[bool, bool, bool, bool, bool]:
    """How the passage writes `word`: at all, after an honorific or a title ("M. Peskov"),
    after another capitalised word ("Sergueï Peskov"; not "Selon Peskov"), before one, as an
    outlet's or a body's name (`_OUTLET_BEFORE`). Read once a word per passage (seventeenth
    review, M1: every claim and first name re-read the passage)."""
    got = d.surnames.get(word)
    if got is not None:
        return got
    seen = titled = after_other = before_other = outlet = False
    for w in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", d.text):
        seen = True
        outlet = outlet or bool(_OUTLET_BEFORE.search(d.text[max(0, w.start() - 60):w.start()]))
        b = _WORD_BEFORE.search(d.text[max(0, w.start() - WORD_BEFORE_CHARS):w.start()])
        before = b.group(1) if b else ""
        if before in _HONORIFIC or _TITLE_BEFORE.fullmatch(before):
            titled = True
        elif before[:1].isupper() and fold(before) not in _NOT_PEOPLE:
            after_other = True
        if re.match(r"\s+[A-ZÀ-Ý]", d.text[w.end():w.end() + 3]):
            before_other = True
        if titled and after_other and before_other and outlet:
            break
    # (a given name after the surname asks only where it is written: `_given_name_after`)
    d.surnames[word] = (seen, titled, after_other, before_other, outlet)
    return seen, titled, after_other, before_other, outlet


# The capitalised word right before a name, read within this many characters of it: searched
# for as one pattern, each capital of a long word was a start scanned to its end, once per name
# (60 names after "Ab-" x 6,000: 51 s; thirty-sixth review, F2).
WORD_BEFORE_CHARS = 60
_CAPITALISED_LAST = re.compile(r"([A-ZÀ-Ý][\w’'-]+)\s+$")


def _word_before(text: str, name: str) -> re.Match[str] | None:
    """The capitalised word written right before the first `name` of `text` (a whole word)."""
    for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?!\w)", text):
        found = _CAPITALISED_LAST.search(text, max(0, m.start() - WORD_BEFORE_CHARS), m.start())
        if found is not None:
            return found
    return None


def _given_name_after(d: _Sentences, a: Anchor, claim: _Facts) -> bool:
    """Whether the claim's name `a` is the given name after a surname the passage writes
    alone ("Xi Jinping" over "Xi a fait ces remarques"): the claim's word before it is that
    surname, and the passage never writes another capitalised word next to it ("Xi Mingze"
    would be someone else)."""
    m = _word_before(claim.text, a.text)
    if not m or fold(m.group(1)) not in d.whole.proper or fold(m.group(1)) in _NOT_PEOPLE:
        return False
    if country_code(fold(m.group(1))) is not None or bodies_at(m.group(1)) or (
            fold(m.group(1)) in _SEATS):  # ("The Washington Post" over "Washington a dit")
        return False
    seen, _, after_other, before_other, outlet = _surname_uses(d, m.group(1))
    return seen and not after_other and not before_other and not outlet


def _stand_in_of(d: _Sentences, a: Anchor, claim: _Facts) -> str:
    """How the passage gives the claim's missing name `a`: "first" (`_first_name`), the sort
    of the generic noun that stands for it (`_stood_for`), or "" when it does not."""
    if _first_name(d, a, claim):
        return "first"
    sort = _anchor_sort(a, claim)
    if sort is None or not has_stand_in(sort, d.text):
        return ""
    # one noun stands for one name: "le pays" is not both the Russia and the Kazakhstan a
    # claim names (the claim's missing names sorted once per passage: closing review 1)
    missing = d.stand_ins_missing.get(claim.text)
    if missing is None:
        missing = d.stand_ins_missing[claim.text] = {
            (_anchor_sort(x, claim) or "", _anchor_key(x)) for x in claim.anchors
            if x.kind == "name" and not _holds(d, d.whole, x)}
    others = sum(1 for s, _ in missing if s == sort)
    return sort if others <= 1 and _stood_for(d, a.text, sort, claim) else ""


def _anchor_stood_for(d: _Sentences, a: Anchor, claim: _Facts, i: int | None = None) -> bool:
    """`_stand_in_of`, read once a claim and name per passage; for sentence i, the generic
    noun must be in it or the sentence before."""
    if a.kind != "name":
        return False
    key = (claim.text, a.text)
    if (how := d.stand_ins.get(key)) is None:
        how = d.stand_ins[key] = _stand_in_of(d, a, claim)
    if not how or how == "first" or i is None:
        return bool(how)
    window = " ".join(sp.text for sp in d.spans[max(0, i - 1): i + 1])
    return has_stand_in(cast(Sort, how), window)


def _body_stood_for(d: _Sentences, said: str, claim: _Facts) -> bool:
    """Whether the passage gives a body the claim names (`_Facts.bodies`) by a generic noun,
    read once a claim and body per passage."""
    key = (claim.text, f"body:{said}")
    if (how := d.stand_ins.get(key)) is None:
        how = d.stand_ins[key] = "body" if _stood_for(d, said, "body", claim) else ""
    return bool(how)


def _anchor_sort(a: Anchor, claim: _Facts) -> Sort | None:
    """A claim's name as a stand-in gives it: a country (or its seat of power), a body, a
    place where the claim puts it as one; None for anything else (a person: "il" or
    "l'expert" standing for a named person was tried, and lost catches without clearing the
    held-out bench's false alarms; evals/README.md)."""
    if _a_country(a) or fold(a.text) in _SEATS:
        return "country"
    if bodies_at(a.text):
        return "body"
    return "place" if as_place(a.text, claim.text) else None


def _anchor_key(a: Anchor) -> str:
    """One key per country ("Russian" and "Russia" are one), else the folded name."""
    return next((c for x in (a.name, fold(a.text)) if (c := country_code(x)) is not None),
                a.name)


def _a_country(a: Anchor) -> bool:
    """A country or its people's word ("Russian"), in either language."""
    return _country_word(a.name, a.text)


@short_text_cache(8192)
def _country_word(name: str, text: str) -> bool:
    return any(country_code(x) is not None or is_country(x) for x in (name, fold(text)))


def _holds(d: _Sentences, f: Facts, a: Anchor) -> bool:
    if holds(f, a):
        return True
    # a seat of power for another of its country's: "Moscou avait plaidé" over "le Kremlin
    # avait appelé"
    if a.kind == "name" and (seat := _SEATS.get(fold(a.text))) is not None:
        # (the seats of that country looked up in the words, not every word in the seats: a
        # claim naming a capital thousands of times over a passage of thousands of words,
        # review 37 F1)
        return any(w in f.words for w in SEAT_WORDS[seat])
    # a people for its country: "les Américains devraient peut-être descendre dans la rue"
    # over "peut-être devrions-nous faire des émeutes ici [aux États-Unis]"
    if a.kind == "name" and (code := country_code(a.name)) is not None \
            and not is_country(a.name):
        return any(name_code(w) == code for w in f.proper)
    # "January 7" over "le 7 ..." with the month said elsewhere in the passage.
    key = next(iter(a.keys), "") if a.kind == "date" else ""
    if key.startswith("d:"):
        month, day = key[2:].split("-")
        return f"n:{day}" in f.keys and f"m:{month}" in d.whole.keys
    return False


# ---- who did what to whom ----------------------------------------------------------------
# A claim that gives one party's deed to the other ("Russia's top diplomat warned the
# European Union" over "le plus haut diplomate de l'Union européenne a mis en garde la
# Russie") names the same parties as its source, in the same words: anchors, words and
# embeddings all pass it. Parties are countries (by name, people, or seat: "Moscou", "the
# Kremlin"), bodies (EU, CSTO ...) and people (a capitalised word, by its first four letters:
# "Tokaïev" is "Tokayev"), read in order with what they are to the sentence: its agent (the
# first named, or the one after "par"/"by" behind a passive verb) or another party; not a
# place ("au Kazakhstan", "to Russia", "for Kazakhstan"), a modifier ("Russia-led", "dirigée
# par la Russie"), a speaker ("a déclaré jeudi Jen Psaki", "X said"), nor who opens a clause
# before the main one ("Alors que le président kazakh ..., Peskov a souligné"). A party "of"
# a thing is kept as such ("les commentaires de Moscou", "l'appel de Nazarbaïev"), one "of" a
# role stands for whoever holds it ("le diplomate de l'UE", "Kazakhstan's president").
# Names written next to each other (apposition, title) are one party. Only the main clause
# counts: text after ", qui/who/which/où ..." is left out.

# Seats of power named for their country ("Moscou a dénoncé", "the Kremlin said").
_SEATS = SEATS
_PARTY_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Capitalised words that are not people: function words opening a sentence, titles, days,
# months, institutions' words.
_NOT_PEOPLE = frozenset(fold(w) for w in """
le la les un une des du de the and et ou or but mais selon according apres after before avant
in en au aux on sur at this that ce cette ces il elle ils elles he she they it its his her
their son sa ses leur leurs cest mr mrs ms mme monsieur madame president presidente minister
ministre premier prime secretary state foreign affairs ministry lundi mardi mercredi jeudi
vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday janvier
fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january february
march april may june july august september october november december union etat department
departement maison blanche white house quand when while alors si if as lors pendant during
tard late early plus more nous vous on je we you us them eux lui
""".split())
# Nouns that a party "of" stands for: "le diplomate de l'UE" is the EU acting.
_ROLE_NOUN = re.compile(
    r"(?i)^(?:pr[ée]sident\w*|diplomat\w*|ministr\w*|minist[èe]re|porte-parole|spokes\w*|"
    r"ambassad\w*|chef|head|leader\w*|dirigeant\w*|gouvernement\w*|government\w*|"
    r"secr[ée]tar\w*|troupes?|troops?|forces?|arm[ée]e|army|autorit[ée]s|authorit\w*|"
    r"diplomatie|diplomacy|police|envoy[ée]?|émissaire|officials?|responsables?|"
    r"chancel\w*|foreign|premier|prime|top|haut|plus)$")
_ARTICLE = r"(?:(?:le|la|les|l['’]|the)\s*)?"
_AS_PLACE = re.compile(r"(?i)(?<!\w)(?:au|aux|en|in|into|to|for|pour|dans|à|at|near|vers|"
                       rf"from|across|throughout|within|inside|sur|on|contre|against)\s+{_ARTICLE}$")
_BY = re.compile(rf"(?i)(?<!\w)(?:par|by)\s+{_ARTICLE}$")
_LED = re.compile(rf"(?i)(?:dirig\w*|men[ée]e?s?|led)\s+(?:par|by)\s+{_ARTICLE}$")
_LED_WORD = re.compile(r"(.+)-(?:led|backed|based)")
_OF = re.compile(r"(?i)(?<!\w)(?:de|d['’]|du|des|of)\s*(?:(?:le|la|les|l['’]|the|son|sa|ses|"
                 r"leur|leurs|its|his|her|their)\s*)?$")
_RELATIVE = re.compile(r"(?i),\s*(?:qui|who|which|o[uù]|where|dont|whose)(?!\w)")
_PASSIVE_BEFORE = re.compile(r"(?i)(?:[ée]e?s?|ie?s?|ue?s?|ed|en|wn)\s*$")
_OPENING = re.compile(r"(?i)^\s*(?:alors qu|tandis qu|while|as |apr[èe]s qu|after|avant qu|"
                      r"before|comme|selon|according to|d['’]apr[èe]s|si |if |when|quand|"
                      r"lorsqu|bien qu|although)[^,]*$")
_SPEAKS = re.compile(
    r"(?i)(?<!\w)(?:said|says|told|stated|declared|added|according to|selon|d['’]apr[èe]s|"
    r"a (?:d[ée]clar[ée]|dit|affirm[ée]|indiqu[ée]|ajout[ée]|estim[ée]|soulign[ée]|"
    r"expliqu[ée]|assur[ée]|pr[ée]cis[ée]|[ée]crit|fait savoir)|d[ée]clare|affirme|"
    r"a-t-il|a-t-elle|s['’]est dit|wrote|ont annonc[ée] que|announced that|"
    r"a r[ée]pondu|replied|cit[ée]e? par|quoted)(?!\w)")
_THAT = re.compile(r"(?i)(?<!\w)(?:que|qu['’]|that)(?!\w)")
_VERB_BETWEEN = re.compile(r"(?i)(?<!\w)(?:a|ont|avait|avaient|eut|est|sont|has|have|had|is|"
                           r"are|was|were|will|qui|que|who|that|which|et|and|mais|but|\w+ed)"
                           r"(?!\w)|[;:«»]")
_TAG_ORDER = ("speaker", "opening", "by", "plain", "of")
# The party a claim gives the deed to must name the other within this many words after it:
# "Blinken warned it would be very hard for Kazakhstan to get Russian troops to leave" names
# Russia far from Blinken, in what he said, not as whom he warned.
SWAP_WINDOW = 8
# Bounds that keep the check linear in the text (a 20,000-character claim of "Abc, Abc, ..."
# took 20 s): what is read before a party to tag it, the title and name words stripped before
# it, and the length of a claim or sentence checked at all (a longer one is no one deed).
LOOK_BACK = 200
STRIP_WORDS = 6
SWAP_MAX_CHARS = 600
# Parties joined by "et"/"and"/"avec"/"with" before the main verb are one agent: "Le
# Kazakhstan et la Russie ont signé" over "La Russie et le Kazakhstan ont signé" swaps no one.
_AND = re.compile(r"(?i)^\s*+,?\s*+(?:et|and|avec|with|ainsi que|as well as)\s+"
                  r"(?:(?:le|la|les|l['’]|the)\s*)?$")
_MAIN_VERB = re.compile(r"(?i)(?<!\w)(?:a|ont|avait|avaient|eut|est|sont|has|have|had|is|are|"
                        r"was|were|will|qui|que|who|that|which)(?!\w)|(?<!\w)(?-i:[a-z]\w*ed)"
                        r"(?!\w)|[;:«»]")


@dataclass(frozen=True, slots=True)
class _Party:
    keys: frozenset[str]  # country or body codes, "p:" + a person's first four letters
    tag: str  # plain, by, of, speaker, opening
    start: int
    end: int


def _strip_titles(before: str) -> str:
    """`before` less the titles and name words right before a party ("de l'ex-président
    Noursoultan " -> "de l'")."""
    words = before.rstrip().split(" ")
    for _ in range(STRIP_WORDS):
        if not (words and words[-1]):
            break
        last = words[-1]
        bare = re.sub(r"(?i)^ex-", "", re.split(r"['’]", last)[-1])
        if not (_ROLE_NOUN.match(bare) or last[:1].isupper()
                or fold(last) in ("ex", "ancien", "former", "sortant")):
            break
        words.pop()
        if (ap := re.search(r"['’]", last)) is not None:
            return " ".join([*words, last[: ap.end()]])
    return " ".join(words) + " "


def _mentions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, key, tag) of each party named (see the section's comment)."""
    found: list[tuple[int, int, str, str]] = []
    taken = sorted(bodies_at(text))
    found.extend((s, e, code, "") for s, e, code in taken)
    starts = [s for s, _, _ in taken]
    reach: list[int] = []  # the furthest end of the bodies starting at or before each
    for _, e, _ in taken:
        reach.append(max(e, reach[-1]) if reach else e)
    for m in _PARTY_WORD.finditer(text):
        k = bisect_right(starts, m.start())
        if k and reach[k - 1] > m.start():
            continue
        word = m.group(0)
        led = _LED_WORD.fullmatch(word)
        base = led.group(1) if led else word
        w = fold(base).replace("’", "'")
        code = _SEATS.get(w) if base[:1].isupper() else None
        if code is None and (c := country_code(base)) is not None and not (
                base[:1].islower() and is_country(w)):
            code = c
        if code is None and base[:1].isupper() and len(w) >= 3 and w not in _NOT_PEOPLE \
                and not base.isupper() and m.start() > 0:
            code = "p:" + w[:4]
        if code is not None:
            found.append((m.start(), m.end(), code, "mod" if led else ""))
    found.sort()
    out: list[tuple[int, int, str, str]] = []
    for start, end, key, tag in found:
        prev = out[-1] if out else None
        if not tag and prev is not None and prev[3] != "mod" \
                and not text[prev[1]:start].strip(" -"):
            tag = prev[3]  # "the Soviet Union": one name
        out.append((start, end, key, tag or _tag(text, start, end)))
    return out


def _tag(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - LOOK_BACK):start], text[end:end + LOOK_BACK]
    if _LED.search(before):
        return "mod"
    if _AS_PLACE.search(before):
        return "place"
    if (by := _BY.search(before)) is not None:
        return "by" if _PASSIVE_BEFORE.search(before[:by.start()]) else "plain"
    if start <= LOOK_BACK and _OPENING.search(before):
        return "opening"
    near = " ".join(before.split()[-6:])
    said = list(_SPEAKS.finditer(near))
    if (said and not _THAT.search(near[said[-1].end():])) or _SPEAKS.search(
            " ".join(after.split()[:5])):
        return "speaker"
    b = before.rstrip()
    last = (b.split() or [""])[-1]
    if text[start:start + 1].islower() and not _ROLE_NOUN.match(last):
        b = b[:len(b) - len(last)]  # "de son voisin russe": the noun it qualifies
    head = _strip_titles(b + " ")
    if (of := _OF.search(head)) is not None:
        noun = re.split(r"['’]", (head[:of.start()].split() or [""])[-1])[-1]
        return "plain" if _ROLE_NOUN.match(noun) else "of"
    if re.match(r"['’]s\s", after) and not any(_ROLE_NOUN.match(w)
                                               for w in after[2:].split()[:3]):
        return "of"  # "Tokayev's hand-picked successor"; not "Russia's top diplomat"
    return "plain"


@short_text_cache(4096)
def parties(text: str) -> tuple[_Party, ...]:
    """The parties of `text`'s main clause in order, names written together merged (a
    person and their title, an apposition; those joined by "et"/"and" before the main verb);
    places and modifiers left out. Cached: a sentence is read once for all claims."""
    cut = _RELATIVE.search(text)
    end = cut.start() if cut else len(text)
    verb = _MAIN_VERB.search(text)
    verb_at = verb.start() if verb else len(text)
    out: list[_Party] = []
    for s, e, key, tag in _mentions(text):
        if tag in ("place", "mod") or s >= end:
            continue
        if out:
            last = out[-1]
            between = text[last.end:s]
            if (len(between.split()) <= 4 and not _VERB_BETWEEN.search(between)) or (
                    s < verb_at and _AND.match(between)):
                best = min(last.tag, tag, key=_TAG_ORDER.index)
                out[-1] = _Party(last.keys | {key}, best, last.start, e)
                continue
        out.append(_Party(frozenset({key}), tag, s, e))
    return tuple(out)


def _agent(ps: Sequence[_Party]) -> _Party | None:
    """Who does the deed: the first party after a passive verb's "par"/"by", else the first
    named as such."""
    return next((p for p in ps if p.tag == "by"), None) or next(
        (p for p in ps if p.tag == "plain"), None)


# A role said to be one country's where the source says another's ("the US ambassador to
# Russia" over "l'ambassadeur de Russie aux États-Unis").
_ROLES = (("ambassad",), ("diplomat",), ("ministr", "minister"), ("porte-parole", "spokes"),
          ("presiden",))


# People by their office, either language (not "ministry": a body), each with the words a
# passage may name it by ("le chef de la diplomatie russe" is the foreign minister, "porte
# parole" unhyphenated a spokesman)
_DIPLOMACY = r"|diplomats?|diplomates?|diplomatie|diplomacy|diplomatique|diplomatic"
_OFFICE_WORDS = (
    (re.compile(r"(?:ambassadors?|ambassadeurs?|ambassadrices?)"),
     re.compile(r"(?:ambassadors?|ambassadeurs?|ambassadrices?|ambassades?|embassy|embass"
                r"ies)")),
    (re.compile(r"(?:diplomats?|diplomates?)"),
     re.compile(rf"(?:ministers?|ministres?{_DIPLOMACY})")),
    (re.compile(r"(?:ministers?|ministres?)"),
     re.compile(rf"(?:ministers?|ministres?{_DIPLOMACY})")),
    (re.compile(r"(?:spokes(?:man|men|woman|women|person|persons|people)|porteparoles?)"),
     re.compile(r"(?:spokes(?:man|men|woman|women|person|persons|people)|porteparoles?|"
                r"parole)")),
    # a premier heads a government ("China's premier" over "le président chinois Xi
    # Jinping"); read in English only: "premier" is French for "first"
    (re.compile(r"premiers?"),
     re.compile(r"(?:premiers?|prime|ministers?|ministres?|governments?|gouvernements?)")),
    # a speaker presides a chamber ("a former speaker of the Senate" over "ancien Premier
    # ministre", v12_050); in English only, singular ("Russian speakers" speak a language)
    (re.compile(r"speaker"),
     re.compile(r"(?:speakers?|senat|senate|senats|senateurs?|senators?|parlement|"
                r"parliament|parlementaires?|parliamentary|chambre|chamber|assemblee|assembly|"
                r"majilis|mazhilis)")))  # (the chamber: "président" alone is not its)
_EN_ONLY_OFFICES = (4, 5)


def _roles_unsaid(claim: str, words: set[str]) -> tuple[str, ...]:
    """The offices (spokesman, ambassador, diplomat, minister) the claim gives someone that
    its passage never names, as written: "the Russian foreign ministry spokeswoman warned"
    over a passage where Blinken said it."""
    return tuple(mine for k, mine in _offices_given(claim)
                 if not any(_OFFICE_WORDS[k][1].fullmatch(w) for w in words))


@short_text_cache(1024)
def _offices_given(claim: str) -> tuple[tuple[int, str], ...]:
    """The offices a claim gives, as (index in _OFFICE_WORDS, as written): read once a claim,
    whatever the number of passages (a 20,000-character claim over 50 passages folded its
    words 1.4 M times, 7 s: twenty-fifth review, F2)."""
    folded = [(w, fold(w).replace("-", "")) for w in dict.fromkeys(re.findall(r"[\w-]+", claim))]
    out = []
    english = _leaning(claim) == "en"
    for k, (office, _) in enumerate(_OFFICE_WORDS):
        if k in _EN_ONLY_OFFICES and not english:
            continue
        mine = next((w for w, f in folded if office.fullmatch(f)), None)
        if mine:
            out.append((k, mine))
    return tuple(out)


# Orders of size said without a figure: "des dizaines de morts", "hundreds were arrested",
# "une centaine de blessés". A claim's order must be its passage's, in words or in a figure of
# that size: "hundreds dead" over "des dizaines de morts" says ten times more. "Tens of
# thousands" is an order of thousands; "une cinquantaine" is of tens.
_ORDERS = (("dizaine", 10), ("dizaines", 10), ("dozens", 10), ("tens", 10), ("douzaines", 10),
           ("vingtaine", 10), ("trentaine", 10), ("quarantaine", 10), ("cinquantaine", 10),
           ("soixantaine", 10), ("centaine", 100), ("centaines", 100), ("hundreds", 100),
           ("millier", 1000), ("milliers", 1000), ("thousands", 1000), ("millions", 10**6),
           # ... and the English singular after "several", "a few" ("several thousand
           # soldiers" over "des troupes russes": an order the passage does not give, v4_090;
           # "fifteen hundred" is a figure)
           ("dozen", 10), ("hundred", 100), ("thousand", 1000))
_ORDER_OF = dict(_ORDERS)
_VAGUE_BEFORE = r"(?:(?<=several )|(?<=a few )|(?<=some )|(?<=many ))"
# ("several hundred thousand" is no order of a hundred)
_ORDER_ALTS = "|".join(w if w not in ("dozen", "hundred", "thousand") else
                       _VAGUE_BEFORE + w + r"(?!\s+(?:hundred|thousand|millions?|billions?)\b)"
                       for w, _ in _ORDERS)
_ORDER_WORD = re.compile(r"\b(" + _ORDER_ALTS + r")\b"
                         r"(?:\s+(?:of|de|d['’])\s*(" + _ORDER_ALTS + r")\b)?")
# a figure right before the word ("3 millions", "2,5 milliers") or a fraction: a number
_COUNTED_BEFORE = re.compile(r"(?:\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|two|"
                             r"three|four|five|six|seven|eight|nine|ten|quarters?|quarts?|"
                             r"half|demi|of a|d['’]un))[\s\u00a0\u202f]*$")
_YEARS = re.compile(r"(?<!\d)(?<!\d[\s\u00a0\u202f.,])(?:1[0-9]|20)\d\d"
                    r"(?!\d|[\s\u00a0\u202f.,]\d)")


def _order(value: float) -> int:
    return 10**6 if value >= 10**6 else 1000 if value >= 1000 else 100 if value >= 100 else 10


def _orders_said(folded: str, vague_only: bool) -> dict[int, str]:
    """The orders of size a folded text gives in words (order -> as written)."""
    out: dict[int, str] = {}
    for m in _ORDER_WORD.finditer(folded):
        if vague_only and _COUNTED_BEFORE.search(folded[max(0, m.start() - 24):m.start()]):
            continue  # "3 millions", "three quarters of a million": a figure, not an order
        out.setdefault(_ORDER_OF[m.group(2) or m.group(1)], m.group(0))
    return out


def _orders_held(whole: Facts, text: str) -> frozenset[int]:
    """The orders of size a passage gives, in words or as a figure (a year, "2022", is no
    count of thousands): read once a passage, whatever the number of claims checked."""
    return frozenset(_orders_said(fold(text), vague_only=False)) | _figure_orders(whole, text)


def _figure_orders(whole: Facts, text: str) -> frozenset[int]:
    """The orders of size a passage's figures give (its years apart)."""
    held: set[int] = set()
    years = {float(y) for y in _YEARS.findall(text)}
    for key in whole.keys:
        if key.startswith("n:"):
            try:
                value = float(key[2:])
            except ValueError:
                continue
            if value >= 10 and value not in years:
                held.add(_order(value))
    return frozenset(held)


def _days(anchors: Sequence[Anchor]) -> list[frozenset[str]]:
    """The day keys (a date, a weekday) of each of a claim's dates that gives a day."""
    days = [frozenset(k for k in a.keys if k[:2] in ("d:", "w:")) for a in anchors
            if a.kind == "date"]
    return [x for x in days if x]


def _days_of(f: Facts) -> frozenset[str]:
    return frozenset(k for k in f.keys if k[:2] in ("d:", "w:"))


def _orders_unsaid(claim: str, d: _Sentences) -> tuple[str, ...]:
    """The orders of size the claim gives in words that its passage does not give."""
    mine = _orders_said(fold(claim), vague_only=True)
    if not mine:
        return ()
    held = d.orders_held()
    unsaid = tuple(said for order, said in mine.items() if order not in held)
    if unsaid:
        return unsaid
    # ... or more often than the passage gives it, where it gives it in words only: "hundreds
    # were killed ... and hundreds more injured" over "des dizaines ... tuées ... et des
    # centaines d'autres blessées"
    given, figures = d.orders_in_words()  # (a figure may be what a repeated word stands for)
    return tuple(mine[o] for o, n in _order_times(fold(claim)).items()
                 if o in mine and 0 < given.get(o, 0) < n and o not in figures)


def _order_times(folded: str) -> dict[int, int]:
    """How many times each order of size is given in words alone ("des centaines" twice)."""
    out: dict[int, int] = {}
    for m in _ORDER_WORD.finditer(folded):
        if not _COUNTED_BEFORE.search(folded[max(0, m.start() - 24):m.start()]):
            order = _ORDER_OF[m.group(2) or m.group(1)]
            out[order] = out.get(order, 0) + 1
    return out


@short_text_cache(4096)
def _role_nations(text: str, role: tuple[str, ...]) -> frozenset[str]:
    return role_nations(text, role)


# The role a party is named by, before it: "le plus haut diplomate de l'Union européenne" is the
# EU, and its words are the party's own, not words between the agent and the other party.
_ROLE_OF_END = re.compile(
    r"(?i)(?:(?:le|la|les|l['’]|the)\s*)?(?:(?:plus\s+)?haute?s?\s+|top\s+|chief\s+|senior\s+)?"
    r"(?:pr[ée]sident\w*|diplomat\w*|ministr\w*|minist[èe]re|porte-parole|spokes\w*|"
    r"ambassad\w*|chef|head|leader\w*|dirigeant\w*|secr[ée]tar\w*|envoy[ée]?|émissaire|"
    r"officials?|responsables?)\s+(?:de|du|des|d['’]|of)\s*(?:(?:la|le|les|l['’]|the)\s*)?$")
ROLE_LOOK_BACK = 60


def _role_start(text: str, start: int) -> int:
    """Where the role naming the party at `start` begins (`_ROLE_OF_END`), else `start`."""
    lead = max(0, start - ROLE_LOOK_BACK)
    m = _ROLE_OF_END.search(text[lead:start])
    return lead + m.start() if m else start


def swapped(claim: str, sentence: str, claim_parties: Sequence[_Party] | None = None) -> bool:
    """Whether `claim` gives the deed of `sentence`'s agent to another party it names, and
    that party's part to the agent: each names the same two parties (the claim within
    SWAP_WINDOW words of its agent), agent and other exchanged. Or whether it gives a role
    (ambassador, diplomat, minister, spokesman, president) to another country's holder."""
    if len(claim) > SWAP_MAX_CHARS or len(sentence) > SWAP_MAX_CHARS:
        return False
    for role in _ROLES:
        mine, theirs = _role_nations(claim, role), _role_nations(sentence, role)
        if mine and theirs and not mine & theirs:
            return True
    if (bodies := role_bodies(claim)) and other_body(bodies, sentence):
        return True  # "NATO Secretary General Stanislav Zas": the CSTO's
    cp = tuple(parties(claim) if claim_parties is None else claim_parties)
    sp = parties(sentence)
    ca, sa = _agent(cp), _agent(sp)
    if ca is None or sa is None or ca.keys & sa.keys:
        return False
    claim_keys = frozenset().union(*(p.keys for p in cp))
    sentence_keys = frozenset().union(*(p.keys for p in sp))
    mine_others = [p for p in cp if p is not ca and p.tag in ("plain", "by", "of")
                   and p.keys & sentence_keys
                   and len(re.findall(r"\w+", claim[ca.end:_role_start(claim, p.start)]))
                   <= SWAP_WINDOW]
    their_others = [p for p in sp if p is not sa and p.tag in ("plain", "by", "of")
                    and p.keys & claim_keys]
    if len(mine_others) != 1 or len(their_others) != 1:
        return False
    return bool(ca.keys & their_others[0].keys) and bool(sa.keys & mine_others[0].keys)


# The verb of a claim's deed, after its agent: a participle after an auxiliary ("a confirmé",
# "s'est engagé", "a d'abord limogé", "has confirmed") or an English past ("confirmed").
# A passive ("was formed", "a été formé") gives the deed to no one named before it.
_DEED = {
    "fr": re.compile(
        r"(?i)(?<!\w)(?:a|ont|avait|avaient|s['’]est|se sont|s['’]était)\s+(?:(?:\w+ment|"
        r"d['’]abord|déjà|aussi|également|alors|ensuite)\s+)?(?!été\b)([^\W\d_]{3,}(?:é|ée|és|"
        r"ées|i|ie|is|ies|u|ue|us|ues|it|its|ert|erts))(?!\w)"),
    # "has a contingent" is no deed (closing review M7): a participle after "has"
    "en": re.compile(
        r"(?i)(?<!\w)(?:has|have|had)\s+(?:(?:first|also|already|then|\w+ly)\s+)?"
        r"(?!been\b)([^\W\d_]{3,}(?:ed|en|wn|ght|ent|ung|ook|ade|old))(?!\w)|(?<!\w)"
        r"(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )([^\W\d_]{3,}ed)(?!\w)"),
}
DEED_WITHIN = 40  # characters after the agent the claim's verb is read in
DOER_WITHIN = 6  # words between the party named last and the verb, at most, for it to be the
# doer ("le président Tokayev a imputé"; not the country that ends a long subject phrase)


def deed_of_other(claim: str, sentence: str, claim_parties: Sequence[_Party] | None = None,
                  lang: str = "", claim_lang: str = "") -> bool:
    """Whether the deed the claim gives its agent is, in the sentence (same language), done by
    another party: "Le porte-parole du Kremlin, Dmitry Peskov, s'est engagé à ne pas quitter
    la capitale" over "... Peskov s'est exprimé sur ces événements qui ont vu le président
    kazakh s'engager à ne pas quitter la capitale". The doer is the party named last before
    the verb (or after its "par"/"by"), not a speaker; a verb of saying, or one the sentence
    uses twice, is not read. With `lang`, the claim's language when the sentence is in
    another, the verb is found by the lexicon's translations ("blamed" is "imputé")."""
    if len(claim) > SWAP_MAX_CHARS or len(sentence) > SWAP_MAX_CHARS:
        return False
    cp = tuple(parties(claim) if claim_parties is None else claim_parties)
    ca = _agent(cp)
    if ca is None:
        return False
    deed = _DEED.get(claim_lang or lang or _language(claim) or "fr")
    m = deed.search(claim[ca.end:ca.end + DEED_WITHIN]) if deed is not None else None
    if m is None:
        return False
    verb = fold(next(g for g in m.groups() if g))
    if _SPEAKS.search(verb) or re.match(r"(?:declar|dit|said|told|stat|affirm|indiqu|ajout|"
                                        r"soulign|estim|add|note|report|annonc|announc)", verb):
        return False
    words = list(re.finditer(r"[^\W\d_]+", sentence))
    if lang:
        keys = other_language_keys(verb, lang) | {verb[:4]}
        at = [w for w in words if fold(w.group(0))[:4] in keys]
    else:
        at = [w for w in words if fold(w.group(0)).startswith(verb[:5])]
    if len(at) != 1:
        return False
    where = at[0].start()
    every = _mentions(sentence)
    agent_words = [fold(w) for w in _PARTY_WORD.findall(claim[ca.start:ca.end])]
    # the claim's agent named after the verb: an inverted subject, "par la voix de son
    # porte-parole Dmitri Peskov" (closing review M3)
    if any(s >= at[0].end() and (k in ca.keys or _same_party(agent_words, sentence[s:e]))
           for s, e, k, _ in every):
        return False
    mentions = [x for x in every if x[3] not in ("speaker", "opening", "place")]
    after = sentence[at[0].end():at[0].end() + 60]
    # a passive's agent right after the verb ("saisi par les manifestants"), not "par décret"
    if (by := re.match(r"(?i)\s+(?:par|by)\s", after)) is not None:
        doers = [x for x in mentions if x[0] >= at[0].end() + by.end() - 1][:1]
    else:
        doers = [x for x in mentions if x[1] <= where][-1:]
        # a sentence's end or a quote opened between them: the doer is unknown ("... a déclaré
        # Ned Price. «Nous appelons ...»")
        if doers and (re.search(r"[.!?;«“]", sentence[doers[0][1]:where])
                      or len(sentence[doers[0][1]:where].split()) > DOER_WITHIN):
            return False
    if not doers:
        return False
    # the doer with the names written next to it ("le président kazakh Kassym-Jomart Tokayev")
    near = [(s, e, k) for s, e, k, _ in mentions
            if abs(s - doers[0][0]) <= 40 or abs(e - doers[0][1]) <= 40]
    # "Putin" is "Poutine" (closing review M2): names compared as the anchors compare them
    return not {k for _, _, k in near} & ca.keys and not any(
        _same_party(agent_words, sentence[s:e]) for s, e, _ in near)


def _same_party(agent_words: Sequence[str], written: str) -> bool:
    words = [fold(w) for w in _PARTY_WORD.findall(written)]
    return any(same_name(a, w, True) for a in agent_words for w in words)


# Who succeeds whom: "Le successeur trié sur le volet de Nazarbayev, le président Tokayev"
# names Tokayev as Nazarbayev's successor; "Nazarbayev, Tokayev's hand-picked successor" and
# "Tokayev hand-picked Nazarbayev as his successor" say the reverse.
_SUCCESSION_WORD = re.compile(r"(?i)(?<!\w)(?:successeur|successor|pr[ée]d[ée]cesseur|"
                              r"predecessor|dauphin|h[ée]ritier|heir)s?(?!\w)")
_OF_WHOM_AFTER = re.compile(r"(?i)^(?:[\w'’-]+\s+){0,5}?(?:de|d['’]|du|of|par|by)\s*$")
_WHOM = re.compile(r"(?i)\s*+,?\s*+(?:whom|que\b|qu['’]|lequel|laquelle)")  # right after the first
_AS_HIS = re.compile(r"(?i)(?:as|comme|en tant que)\s+(?:his|her|their|son|sa|leur)\s+"
                     r"(?:[\w-]+\s+){0,2}$")


def _people(text: str) -> list[tuple[int, int, str]]:
    """Capitalised words that may be people, the first word included ("Nazarbayev, Tokayev's
    successor"), as (start, end, "p:" + first four letters)."""
    out: list[tuple[int, int, str]] = []
    for m in _PARTY_WORD.finditer(text):
        word = m.group(0)
        w = fold(word).replace("’", "'")
        if word[:1].isupper() and not word.isupper() and len(w) >= 3 \
                and w not in _NOT_PEOPLE and country_code(word) is None \
                and w not in _SEATS and not (m.start() == 0 and (w in STARTERS or w in GENERIC)):
            out.append((m.start(), m.end(), "p:" + w[:4]))
    return out


def _succession(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(whose successor, who) as person keys, when `text` says it once; else None."""
    found = list(_SUCCESSION_WORD.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    people = _people(text)
    if not people:
        return None
    before = text[max(0, m.start() - 80):m.start()]
    of_whom: list[tuple[int, int, str]] = []
    if _AS_HIS.search(before):  # "X picked Y as his successor": X's; "Y, whom X had
        # picked as his successor": X's too (the one after the relative pronoun)
        ahead = [x for x in people if x[1] <= m.start()]
        of_whom = people[:1]
        if len(ahead) >= 2 and _WHOM.match(text[ahead[-2][1]:ahead[-1][0]]):
            of_whom = ahead[-1:]
    elif re.search(r"['’]s\s+(?:[\w-]+\s+){0,2}$", before):  # "Tokayev's hand-picked successor"
        poss = [x for x in people if x[1] <= m.start()
                and re.match(r"['’]s\s", text[x[1]:x[1] + 3])]
        of_whom = poss[-1:]
    else:  # "le successeur ... de Nazarbayev", "successeur choisi par Tokayev"
        after = [x for x in people if x[0] >= m.end() and x[0] - m.end() <= 60]
        if after and _OF_WHOM_AFTER.search(text[m.end():after[0][0]].lstrip()):
            of_whom = [x for x in after if x[0] - after[0][1] <= 2 or x is after[0]][:2]
    if not of_whom:
        return None
    whose = frozenset(k for _, _, k in of_whom)
    near = [x for x in people if x not in of_whom and abs(x[0] - m.start()) <= 100]
    who = frozenset(k for _, _, k in near) - whose
    return (whose, who) if who else None


def succession_swapped(claim: str, sentence: str) -> bool:
    """Whether the claim names the sentence's successor as the one succeeded and the other
    way round."""
    if len(claim) > SWAP_MAX_CHARS or len(sentence) > SWAP_MAX_CHARS:
        return False
    mine, theirs = _succession(claim), _succession(sentence)
    if mine is None or theirs is None:
        return False
    return bool(mine[0] & theirs[1]) and bool(mine[1] & theirs[0]) and not mine[0] & theirs[0]


def _to_another(claim: _Facts, sentence: str) -> bool:
    """Whether the claim gives what the sentence says of one party to another: the deed
    (`swapped`, `deed_of_other`), a succession (`succession_swapped`), or two parties each put
    where the other stands, in the sentence's language (`exchanged`), or two qualities pointed
    at two parties the other way round (`bindings_swapped`)."""
    if swapped(claim.text, sentence, claim.parties) or _deed_of_other(claim, sentence) \
            or succession_swapped(claim.text, sentence) or _agents_exchanged(claim, sentence) \
            or first_of_other(claim.text, sentence, _party_keys) \
            or _addressee_swapped(claim, sentence):
        return True
    lang = _language(sentence)  # (read once for the three below)
    return (bool(claim.lang) and lang == claim.lang and exchanged(claim.text, sentence)) \
        or ((across := _across(claim, lang)) is not None
            and (exchanged(claim.text, sentence, across)
                 or subject_exchanged(claim.text, across, sentence, lang))) \
        or (len(claim.text) <= SWAP_MAX_CHARS and len(sentence) <= SWAP_MAX_CHARS
            and bindings_swapped(claim.text, claim.lang, sentence, lang))


# Who a message is addressed to: the first name within a few words after "adressé à",
# "sent to" ("un message verbal adressé au président kazakh Kassym-Jomart Tokayev").
_ADDRESSED = re.compile(
    r"(?i)\b(?:adress[ée]e?s?|envoy[ée]e?s?|[ée]crite?s?|destin[ée]e?s?|addressed|sent|written|"
    r"delivered)\s+(?:à|au|aux|to)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?-i:((?:[A-ZÀ-Ý][\w-]+\s+){0,3}[A-ZÀ-Ý][\w-]+))")


def _addressee(text: str) -> frozenset[str]:
    """The words of the name a message is addressed to (`_ADDRESSED`), folded."""
    m = _ADDRESSED.search(text)
    return frozenset(fold(w) for w in m.group(1).split()) if m is not None else frozenset()


def _addressee_swapped(claim: _Facts, sentence: str) -> bool:
    """Whether the claim addresses a message to the one the sentence has address it, and
    the other way round: "Dans un message adressé à Xi Jinping, Tokayev a évoqué" over "Xi
    ... dans un message verbal adressé au président kazakh Kassym-Jomart Tokayev"."""
    mine, theirs = _addressee(claim.text), _addressee(sentence)
    if not mine or not theirs or any(same_name(a, b, True) for a in mine for b in theirs):
        return False
    claim_words = {fold(w) for w in re.findall(r"[\w-]+", claim.text)}
    sentence_words = {fold(w) for w in re.findall(r"[\w-]+", sentence)}
    return bool(theirs & claim_words) and bool(mine & sentence_words)


def _agent_key(agent: str) -> str:
    """A passive verb's agent as a party: a country's code ("les États-Unis", "Washington"),
    a body's, else its first word's first four letters (folded)."""
    for w in agent.split():
        f = fold(w).replace("’", "'")
        if (code := country_code(f) or _SEATS.get(f)) is not None:
            return code
    if body := bodies_at(agent):
        return body[0][2]
    last = fold(agent.split()[-1])  # a person by the surname: "Vladimir Putin" is "Putin"
    return last[:4] if len(last) > 4 else last


def _party_keys(clause: str) -> set[str]:
    """The parties a clause names (`_agent_key`): capitalised words and countries' adjectives
    ("les soldats russes"), not its first word when that is only capitalised as such."""
    out: set[str] = set()
    for k, m in enumerate(re.finditer(r"[^\W\d_][\w’'-]*", clause)):
        w = m.group(0)
        f = fold(w).replace("’", "'").split("'")[-1]
        if (code := country_code(f) or _SEATS.get(f)) is not None:
            out.add(code)
        elif w[:1].isupper() and f not in _NOT_PEOPLE and (k or bodies_at(w)):
            out.add(_agent_key(w.split("'")[-1].split("’")[-1]))
    return out


def _agents_exchanged(claim: _Facts, sentence: str) -> bool:
    lang = _language(sentence)
    if not claim.lang or not lang:
        return False
    cross = lang != claim.lang
    return agents_exchanged(claim.text, sentence, _agent_key,
                            (lambda w: other_language_keys(w, claim.lang)) if cross
                            else (lambda w: frozenset()), cross)


def _deed_next_door(claim: _Facts, d: _Sentences, i: int) -> bool:
    """Whether the deed the claim gives its agent is told, not in sentence i that supports
    the rest, but in the one before or after it, of another party: "Nikol Pashinyan blamed
    the unrest on 'external aggression' before announcing a 'limited' mission" over
    "Pashinyan a annoncé une mission « limitée » ... Cette annonce intervient après que le
    président Tokayev a imputé à une « agression extérieure » les troubles" (v36_015). The
    two are read as one text: a verb the supporting sentence has too is read twice, and not
    at all."""
    if not claim.lang:  # (`_deed_of_other` reads no claim of unknown language)
        return False
    here = d.spans[i].text
    return any(_deed_of_other(claim, joined) for joined in (
        *((f"{d.spans[i - 1].text} {here}",) if i > 0 else ()),
        *((f"{here} {d.spans[i + 1].text}",) if i + 1 < len(d.spans) else ())))


def _deed_of_other(claim: _Facts, sentence: str) -> bool:
    lang = _language(sentence)
    if not claim.lang or not lang:
        return False
    return deed_of_other(claim.text, sentence, claim.parties,
                         "" if lang == claim.lang else claim.lang, claim.lang)


def passages_from_json(data: object) -> list[Passage]:
    """`["text", {"text", "title"}, ...]` (as `POST /verify` takes them) -> passages."""
    if not isinstance(data, list) or not data:
        raise RagError("passages must be a non-empty JSON list of strings or {text, title}")
    out: list[Passage] = []
    for i, p in enumerate(data):
        if isinstance(p, str):
            out.append(Passage(p))
        elif isinstance(p, dict) and isinstance(p.get("text"), str) and isinstance(
                p.get("title", ""), str):
            out.append(Passage(p["text"], p.get("title", "")))
        else:
            raise RagError(f"passages[{i}]: expected a string or an object with a text string")
    return out
