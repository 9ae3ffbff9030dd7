"""A question's evidence, computed once per answer and shared by every step that needs it.

Every sentence of the retrieved passages gets the signals that say whether it answers: its
meaning (cosine between the question and the sentence embedding, which works across French and
English), its lexical coverage of the question's weighted terms, whether it holds what the
question asks for (an age, a number, a date, a name, a place) and the question's focus (the
entity it is about), and whether it can be an answer at all: questions, photo captions and
credits, bylines, headlines and site navigation never are. The relevance gate, the extractive
writer, the prompt compactor and the verifier all read this one ranking.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from rag.answering.agents_asked import agentless
from rag.answering.anchors import claim_anchors
from rag.answering.bodies import other_body, role_bodies
from rag.answering.bound_asked import only_other_bound
from rag.answering.bylines import byline_told, credit_line
from rag.answering.claim_authors import said_by_nobody
from rag.answering.collectives import collective_said
from rag.answering.countries import (
    BODIES,
    mentions_country,
    nations_of,
    role_nations,
)
from rag.answering.duration_holder import duration_holder, holder_named
from rag.answering.event_dates import LIFESPAN, days_of_other_events, occasion_told
from rag.answering.exclusions import only_the_excluded
from rag.answering.factors import change_given
from rag.answering.furniture import is_furniture, on_title_line, title_head, unpunctuated_line
from rag.answering.holds import (
    _DAY_OF_MONTH,
    _EXACT_NUMBER_WORDS,
    _SUCCESSION,
    AGE_AT,
    APPOSED_SUPERLATIVE,
    DISPATCH_ASKED,
    FIRST_ASKED,
    ORDER,
    SIZE_ASKED,
    SUPERLATIVE,
    _gives_money,
    _has_focus,
    _holds_kind,
    _in_other_units,
    _mentions,
    _named_beside_role,
    _names_measure,
    _names_role,
    _other_years_only,
    _rough_only,
    _vague_only,
    _words,
    counts,
    counts_something_else,
    end_dates_only,
    fate_of_others_only,
    labels,
    lent_names,
    money_only,
    none_only_of_other,
    other_labels_only,
    per_other_unit,
    proper_names,
    ranks_size,
    rate_unit,
    vague_for_how_much_time,
    vague_of_others,
    without_dateline,
    without_first_only,
    without_other_subsets,
)
from rag.answering.hypothetical import counterfactual_told
from rag.answering.language import detect_language
from rag.answering.levels import names_thing
from rag.answering.lexicon import french_synonyms, other_language_keys
from rag.answering.meanings import meaning_told
from rag.answering.nationality_swap import named_codes
from rag.answering.particulars import OWN_SENTENCE, particular_told
from rag.answering.planned_end import only_planned_end
from rag.answering.provisional import counted_so_far
from rag.answering.provisions import provisions_told
from rag.answering.question import (
    _INTERIM,
    _MONEY,
    _SAME_FAMILY,
    ABOUT_SOMEONE_ANSWERS,
    CLAUSE_PREFIX,
    COMPARISON,
    QuestionInfo,
    _fates,
    _question_years,
    analyse_question,
    ordinals,
    other_offices,
    role_clause,
    unsourced,
)
from rag.answering.recase import recase
from rag.answering.sentence_vectors import SentenceVectors
from rag.answering.spans import one_year_only
from rag.answering.speakers import another_speaks, reports_speech, said_by_pronoun
from rag.answering.status_groups import asks_status_group, status_group_told
from rag.answering.time_counts import asks_time_count, length_of_time_told
from rag.answering.trips import tells_trip_to, went_to
from rag.answering.venues import venue_told
from rag.answering.verify import gives_cause
from rag.answering.weekdays import dates_named, days_named
from rag.answering.yes_no import deed_told
from rag.embedders.base import Vectors
from rag.retrieval import Hit
from rag.sentences import MAX_SENTENCE_CHARS, Span, embedded_text
from rag.sentences import continues as _continues
from rag.sentences import joined_sentences as _sentences
from rag.short_text_cache import short_text_cache
from rag.text import fold, tokenize

log = logging.getLogger(__name__)


def _sentences_before(spans: Sequence[tuple[int, int, Span, Hit]]) -> dict[int, str]:
    """For each passage, the sentence right before its first one when another retrieved passage
    of the same document holds it (chunks overlap and are cut mid-text: "Une autre subvention
    de 740 740 $" opens a chunk whose previous sentence says the grants are American)."""
    ends: dict[tuple[str, int], str] = {}
    for _, _, span, hit in spans:
        ends[(hit.chunk.doc_id, hit.chunk.start + span.end)] = span.text
    out: dict[int, str] = {}
    for i, j, span, hit in spans:
        if j != 0 or i in out:
            continue
        start = hit.chunk.start + span.start
        for gap in range(0, 6):  # the whitespace between two sentences
            if (text := ends.get((hit.chunk.doc_id, start - gap))) is not None:
                out[i] = text
                break
    return out




# A life span in brackets dates the one named right before it ("Carlo Gesualdo (1566-1613)"),
# not the focus a sentence also names ("... ses contemporains, comme Le Caravage (1571-1610)")
LIFESPAN_REACH = 40  # characters before the bracket where the focus name must be


def _event_said(event: re.Pattern[str], text: str, focus: Sequence[str]) -> bool:
    """Whether `text` says the event asked (`QuestionInfo.event`), a life span in brackets
    only after a focus name."""
    folded = fold(text)
    for m in event.finditer(folded):
        if "(" not in m.group(0) and ")" not in m.group(0):
            return True
        bracket = folded.rfind("(", 0, m.end())
        if bracket < 0:
            continue  # a closing bracket of no span
        before = set(re.findall(r"[\w-]+", re.sub(r"['’]", " ", folded[
            max(0, bracket - LIFESPAN_REACH):bracket])))  # ("d'Alembert": "alembert")
        if not focus or any(f in before or f.replace("-", "") in before for f in focus):
            return True
    return False


_REFUSAL_SAID = re.compile(r"(?i)\b(?:refus\w*|declin\w*|reject\w*|rejet\w*|ne|n['’]|pas|not|"
                           r"never|jamais|no|aucun\w*|sans|without|oppos\w*|r[ée]ticen\w*|"
                           r"reluctan\w*|\w+n['’]t|"
                           # ... or gives a reason: "cited a border dispute as the reason",
                           # "jugeait la loi trop coûteuse", "said the bill would raise taxes"
                           r"reasons?|raisons?|motifs?|cit(?:ed|ing)|invoqu\w*|because|parce|"
                           r"car|faute|trop|too|said|says|jug\w*|estim\w*|expliqu\w*|"
                           r"explain\w*|argu\w*)\b")
_LAST_SAID = re.compile(r"(?i)\b(?:derni(?:er|ère)s?|last|latest|final(?:ly)?|enfin|ensuite|"
                        r"puis|après|after(?:wards)?|then|later|plus tard|à son tour|in turn)\b")
_FIRST_SAID = re.compile(r"(?i)\b(?:premi(?:er|ère)s?(?!\s+ministre)|first(?!\s+minister)|"
                         r"firstly|d['’]abord|initialement|"
                         r"initially|originally|à l['’]origine|pionni\w*|pioneer\w*|inaugur\w*|"
                         r"avant (?:tout|les autres|eux)|before (?:anyone|others|them)|earliest|"
                         r"le plus tôt|"
                         # ... or a start ("Au début de l'année 2022, les habitants de
                         # Zhanaozen et d'Aktau s'opposaient": the first to protest)
                         r"débuts?|commenc\w*|began|begun|begin\w*|start\w*|déclench\w*|"
                         r"éclat\w*|broke out|erupt\w*)\b")
# what sources say of their own present ("l'Arménie, qui assure actuellement la présidence")
_THEIR_PRESENT = re.compile(r"(?i)\b(?:actuellement|à\s+l['’]heure\s+actuelle|aujourd['’]hui|"
                            r"currently|at\s+present|presently|today|ce\s+matin|this\s+morning|"
                            r"cette\s+semaine|this\s+week)\b")


def _after_the_sources(question: str, passages: Sequence[Hit]) -> bool:
    """Whether the question asks of a year after every year its passages name, and they speak
    of their own present ("qui assure actuellement la présidence"): written before that year,
    they cannot tell what held then (traps_study56 t56_011, t56_012). Not when they name no
    year, nor when none speaks of its present ("président depuis 2019" may have been written
    years later and still hold)."""
    asked = [int(y) for y in _YEAR.findall(question)]
    if not asked:
        return False
    texts = [f"{h.chunk.title}\n{h.chunk.text}" for h in passages]
    said = [int(y) for t in texts for y in _YEAR.findall(t)]
    return bool(said) and max(asked) > max(said) and any(_THEIR_PRESENT.search(t) for t in texts)


@dataclass(frozen=True, slots=True)
class EvidenceSentence:
    passage: int  # 1-based position among the passages
    index: int  # position of the sentence in its passage
    start: int  # offsets into the passage's document
    end: int
    text: str
    dense: float  # cosine with the question
    coverage: float  # share of the question's weighted terms it holds
    focus: float  # weighted share of the question's focus names it holds (1 when none)
    kind: bool  # holds what the question asks for (or it asks nothing specific)
    usable: bool  # not a question, caption, byline, headline or navigation
    score: float
    # the part of `score` that only ranks (a title's terms, a cause or a saying asked): how
    # firm the evidence is (`score - ranking`) is read as before it
    ranking: float = 0.0
    # it holds the person asked only through the next sentence, which closes its quote
    # naming who said it (`_speaker_after`): quoted, that one is quoted with it
    attributed: bool = False
    # it names none of the focus itself: it holds it through what its opening noun or pronoun
    # refers to ("La force est composée d'environ 2 600 militaires" after "... l'OTSC ...")
    referred: bool = False


@dataclass(slots=True)
class Evidence:
    question: QuestionInfo
    cross_lingual: bool
    passages: list[Hit]
    sentences: list[EvidenceSentence]  # best first
    by_passage: dict[int, list[EvidenceSentence]] = field(default_factory=dict)

    def answers(self) -> list[EvidenceSentence]:
        """Usable sentences that hold what is asked, best first; when the question asks for a
        specific thing (an age, a number, a date, a name) about someone or something, the
        sentence must also be about them: Tokayev's age is not Nazarbayev's."""
        when = self.question.when
        if when and not any(_mentions(f"{h.chunk.title}\n{h.chunk.text}", when)
                            for h in self.passages):
            return []  # "l'élection de novembre 2022": no passage speaks of that time
        if _after_the_sources(self.question.text, self.passages):
            return []  # "Which country held the CSTO's presidency in 2023?" over sources that
            # tell of 2022 at the latest ("qui assure actuellement la présidence")
        asked = labels(self.question.text)
        if asked and not any(labels(f"{h.chunk.title}\n{h.chunk.text}") & asked
                             for h in self.passages):
            return []  # "What does Article 3 provide?": no passage quotes that article
        specific = (bool(set(self.question.asks) & ABOUT_SOMEONE_ANSWERS)
                    and bool(self.question.focus)) or (
            # "In which city was Karim Massimov arrested?": a city named beside him
            "city" in self.question.asks and bool(self.question.named))
        # ... and a question that names nothing ("Dans quelle ville se trouvait la résidence
        # présidentielle incendiée ?") is answered by a sentence that shares some of its words
        # (in its language: across languages only names and numbers can be shared)
        least = (MIN_COVERAGE_UNNAMED if self.question.asks and not self.question.focus
                 and not self.cross_lingual else 0.0)
        # ... and when the sentence ranked first holds the whole focus but not what is asked,
        # the sources speak of the focus without saying it: a sentence that names none of the
        # focus (nor do its passage's title and sentences before it) is about something else
        # ("Quel folkloriste a recueilli le conte Alionouchka et Ivanouchka ?" is not answered
        # by an architect of another passage)
        top = next((s for s in self.sentences if s.usable), None)
        elsewhere = (bool(self.question.focus) and bool(self.question.asks) and top is not None
                     and top.focus >= 1.0 and not top.kind)
        out = [s for s in self.sentences if s.usable and s.kind and s.coverage >= least
               and (not specific or s.focus >= MIN_FOCUS)
               and not (elsewhere and s.focus <= 0.0)]
        if "number" in self.question.asks:  # "how many" is answered by a figure when one is there
            # (written out or not: "trois explosions" is as exact as "3")
            figures = [s for s in out if re.search(r"\d", s.text)
                       or _EXACT_NUMBER_WORDS.search(s.text)]
            return figures or out
        return out

# the quality a superlative ranks by, by family across the two languages: "le plus vaste
# pays" is "plus grand pays", not "le plus peuplé" (diff review 51)
_QUALITIES = (
    ("grand", "vast", "larg", "eten", "big", "superf"),
    ("peupl", "popul"),
    ("haut", "elev", "high", "tall"),
    ("long",),
    ("petit", "small", "moindr"),
    ("ancien", "vieu", "old"),
    ("riche", "rich", "weal"),
    ("import", "major", "princip"),
)
_ASKED_QUALITY = re.compile(r"(?i)\b(?:le|la|les|l['’])\s*(?:plus|moins)\s+([^\W\d_]{3,})|"
                            r"\b([a-z]{3,}?)(?:est)\b|\b(?:most|least)\s+([a-z]{3,})")


def _quality(word: str) -> int | None:
    w = fold(word)
    return next((n for n, starts in enumerate(_QUALITIES) if w.startswith(starts)), None)


def _apposed_ranks(text: str, nouns: Sequence[str], lang: str, question: str = "") -> bool:
    """Whether `text` ranks, in apposition, the noun a question's superlative ranks by the
    same quality ("Le Kazakhstan, plus grand pays d'Asie centrale" for "le plus vaste pays"
    or "the largest country", not for "la plus grande ville" nor "le pays le plus
    peuplé")."""
    if not nouns:
        return False
    keys = {n[:5] for n in nouns} if lang == "fr" else {
        k for n in nouns for k in other_language_keys(n, lang)}
    width = 5 if lang == "fr" else 4
    asked = next((q for m in _ASKED_QUALITY.finditer(question) for g in m.groups()
                  if g and (q := _quality(g)) is not None), None)
    return any(fold(m.group(2))[:width] in keys
               and (asked is None or _quality(m.group(1)) in (asked, None))
               for m in APPOSED_SUPERLATIVE.finditer(text))


# An English count asked of one plain noun: "How many banks were looted?", "the official
# number of civilians killed" (not "How many rounds of talks", "How many members of the
# security forces", "How many law enforcement officers": what those count is another word)
_COUNTED_NOUN = re.compile(r"(?i)\b(?:how\s+many|number\s+of)\s+([a-z]+)\s+(?:were|was|are|is|"
                           r"have|had|has|did|do|does|will|killed|wounded|injured|arrested|"
                           r"detained|dead|looted|destroyed)\b")


def _counted_noun(question: str, measure: str) -> bool:
    """Whether the question counts one plain noun, the measure read (`_COUNTED_NOUN`)."""
    m = _COUNTED_NOUN.search(question)
    return m is not None and fold(m.group(1)).startswith(measure)


# A chunk's first sentence that continues one the chunk cut ("mais sa demande ... fut
# rejetée") is quoted when it says this much on its own (", poursuit X." does not), does not
# open on a verb whose subject was cut ("a démissionné mardi ..."), and opens on who said it
# (", explique Marie Dumoulin, directrice de programme à l'ECFR": who she is) only when the
# question does not ask what was said, which is in the sentence the chunk cut
WHOLE_FRAGMENT_WORDS = 12
_VERB_OPENING = re.compile(r"(?i)\s*(?:a|ont|avait|avaient|est|sont|était|étaient|sera|seront|"
                           r"fut|has|have|had|is|are|was|were|will|would|said|says|told|"
                           r"added)\b")
_SAID_ASKED = re.compile(r"(?i)\b(?:qu['’](?:a|ont|avait)(?:-t-(?:il|elle))? (?:\w+ ){0,4}?"
                         r"(?:dit|déclaré|affirmé|annoncé|expliqué)|que (?:dit|déclare|pense)|"
                         r"what (?:did|does|do|has|have) [^?]{1,60}?\b(?:say|said|declare|"
                         r"announce|explain|tell|told)|according to whom)\b")


# "How did X describe ...", "What did X call / claim ...": what someone said is asked too
_DESCRIBED_ASKED = re.compile(r"(?i)\b(?:how|what) (?:did|does|do|has|have|had) [^?]{1,60}?\b"
                              r"(?:describe|call|claim|characteri[sz]e|term|label)\b|"
                              r"\bcomment (?:\w+ ){0,4}?(?:a|ont)(?:-t-(?:il|elle))? "
                              r"(?:qualifié|décrit)")
# ... and a sentence that reports speech: a verb of saying, or a quote
_SAID_VERBS = (r"(?:déclaré|dit|affirmé|estimé|souligné|indiqué|assuré|insisté|qualifié|"
               r"expliqué|ajouté|annoncé|jugé|dénoncé|précisé)")
_REPORTS_SPEECH = re.compile(r"(?i)\b(?:a|ont|avait|avaient|a-t-(?:il|elle)|ont-(?:ils|elles))\s+"
                             + _SAID_VERBS + r"\b|"
                             r"\b(?:said|says|told|stated|claimed|described|added)\b|[«“»”]")

# A share given as a percentage: "12 %", "douze pour cent", "per cent"
_PERCENT_SAID = re.compile(r"(?i)[%％]|\b(?:pour ?cent|per ?cent|percent|pourcentage|percentage|"
                           r"moitié|tiers|quarts?|half|third|quarters?|p\. ?100|pour 100|"
                           r"out of|doubl\w*|tripl\w*|multipli\w*)s?\b|\b\d+ sur \d+\b|"
                           r"\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|one|two|"
                           r"three|four|five|six|seven|eight|nine|ten|\d+) (?:\w+ )?(?:sur|in) "
                           r"(?:deux|trois|quatre|cinq|dix|cent|mille|two|three|four|five|ten|"
                           r"hundred|thousand|\d+)\b|"
                           r"\b(?:de|from) [\d\s,.]+ (?:\w+ )?(?:à|to) [\d\s,.]+")
# a comparison told, for "How did X compare with Y?": besides `_compares`'s
_COMPARED_TOLD = re.compile(r"(?i)\b(?:par rapport (?:à|a|au|aux)|compared (?:with|to)|"
                            r"(?:down|up) from|(?:plus|moins|more|less)\s+\w+|than|que l['’]an)\b")
# A sentence crediting what it says to someone: "selon X", "a déclaré X", "X said"
_CREDITS = re.compile(r"(?i)\b(?:selon|d['’]après|according to|(?:a|ont|avait|avaient) (?:"
                      + _SAID_VERBS + r"|rapporté)|said|says|told|stated|reported|announced)\b")

# ... and a figure given by someone, for the source of a figure asked: "The health ministry
# confirmed 225 deaths", "communiqué par le parquet", "a fait état de 225 morts"
_SOURCE_CREDITS = re.compile(_CREDITS.pattern + r"|(?i:\b(?:confirm\w*|gave|given by|put|"
                             r"communiqu\w*|fait état|faisait état|annonc\w*|publi[ée]\w*|"
                             r"published|estim\w*|recens\w*|dénombr\w*|compt\w* par|"
                             r"cit[ée]\w* par|cited|citing|quoting)\b)")

# Words read after a credit for whom it names, and the titles that credit someone by office
# ("a affirmé le chef de la diplomatie de l'UE": maybe the one asked, by his title)
CREDIT_WITHIN = 7
_TITLE_WORD = re.compile(r"(?i)^(?:chef|président\w*|president|ministre|minister|porte-parole|"
                         r"spokes\w*|secrétaire|secretary|diplomat\w*|head|chief|leader|"
                         r"ambassad\w*|envoy\w*|émissaire|général|general|directeur|director)$")


# a range ("entre 100 et 200 personnes") is one figure: one said of each side ("chacun")
# compares none
# (a figure's digits in groups one space apart, "de 3 000 à 4 000": no two quantifiers over
# the same spaces, which read a run of spaces in cubic time; security review 51 F1)
_RANGE = re.compile(r"(?i)\b(?:entre|between|de|from)\s+\d[\d.,]*(?:\s\d[\d.,]*)*\s?"
                    r"(?:et|and|à|to)\s+(?=\d)")


def _compares(text: str, before: str = "") -> bool:
    """Whether a sentence (with the one before it) compares two sides: in words ("plus de
    soldats que", "moins à Zhanaozen", "la ville la plus touchée") or by a figure of each
    ("150 soldats et l'Arménie 100"); one figure said of each ("ont envoyé entre 100 et 200
    personnes chacun") does not."""
    if COMPARISON.search(_BOUND.sub(" ", text)) or _COMPARATIVE.search(text) \
            or _MOST.search(text):
        return True  # "Des dizaines de personnes ont été tuées à Almaty, moins à Zhanaozen"
    own = _figures(text)
    if own <= 1 and _EACH_SAME.search(text):
        return False  # "ont envoyé entre 100 et 200 personnes chacun": one for every side
    return own + _figures(before) >= 2  # "... 3 000 parachutistes. L'Arménie n'en a envoyé
    # que 70."


def _figures(text: str) -> int:
    """How many figures a text gives: a range is one, a year none ("formé en 1992", not
    "2 000 soldats"), "des dizaines" one."""
    years = {f"n:{y}" for y in _YEAR.findall(text)}
    keys = [a.keys for a in claim_anchors(_RANGE.sub(" ", text)) if a.kind == "number"
            and not a.keys & years]
    return len(keys) + len(_ORDER_WORDS.findall(text))


_EACH_SAME = re.compile(r"(?i)\b(?:chacun|chacune|each|apiece)\b")


# a year: four digits written together ("1992"), not a figure with a thousands separator
_YEAR = re.compile(r"(?<![\d.,])(?<!\d\s)(1[0-9]\d\d|20\d\d)(?!\d)(?![\s.,]\d)")
# a superlative ranking one side ("la ville la plus touchée", "the largest contingent"), not
# a first ("sa première action militaire")
_MOST = re.compile(r"(?i)\b(?:le|la|les|the)\s+(?:plus|moins|most|least)\s+(?!de\b|d['’]|\d)|"
                   r"\b(?:largest|biggest|smallest|highest|lowest|greatest|fewest)\b")
_BOUND = re.compile(r"(?i)\b(?:more|fewer|less)\s+than\s+(?=\d)")  # "more than 3,000"
# a comparative standing alone, not a bound on a figure ("au moins 13", "more than 3,000")
_COMPARATIVE = re.compile(r"(?i)(?<!\bau )\b(?:moins|davantage|fewer|less|more|plus nombreu\w*|"
                          r"supérieur\w*|inférieur\w*|larger|smaller|bigger|higher|lower|"
                          r"greater)\b(?!\s+(?:de\s+|d['’]|than\s+|que\s+|of\s+)?\d)")
# a figure in words: "des dizaines de morts à Almaty, 3 à Zhanaozen"
_ORDER_WORDS = re.compile(r"(?i)\b(?:dizaines|centaines|milliers|dozens|hundreds|thousands)\b")


def _credits_other(text: str) -> bool:
    """Whether the sentence credits what it says to someone it names ("selon l'agence de presse
    russe RIA", "a déclaré Jen Psaki"), not by a title alone ("a affirmé le chef de la
    diplomatie de l'UE") nor a pronoun ("selon lui")."""
    for m in _CREDITS.finditer(text):
        credited = re.split(r"[,;:«»()]|\.(?:\s|$)", text[m.end():], maxsplit=1)[0]
        for t in re.findall(r"[^\W_][\w’'.-]*", credited)[:CREDIT_WITHIN]:
            part = t.split("’")[-1].split("'")[-1]
            if _TITLE_WORD.match(part):
                break
            if part[:1].isupper():
                return True
    return False

# ... to someone named before: "selon lui", "a-t-il ajouté", "he said"
_CREDITS_PRONOUN = re.compile(r"(?i)\b(?:selon|d['’]après|according to) (?:lui|elle|eux|elles|"
                              r"him|her|them)\b|-t-(?:il|elle|ils|elles)\b|\b(?:he|she|they) "
                              r"(?:said|says|told|added|stated)\b|\b(?:il|elle|ils|elles) "
                              r"(?:a|ont) (?:déclaré|dit|ajouté|affirmé|estimé|indiqué|précisé|"
                              r"expliqué)\b")


# Within how many words after a thing its name is given ("la place de la République", "l'accord
# dit « de Minsk »"), and how a name is given: capitalised, quoted, or called so
THING_NAME_WITHIN = 6
THING_NAME_BEFORE = 3  # ... or right before it, in apposition
_CALLED = re.compile(r"(?i)^(?:appel\w*|nomm\w*|baptis\w*|dite?s?|called|named|known)$")


def _named_beside(thing: str, text: str, focus: Sequence[str]) -> bool:
    """Whether a sentence that names the thing asked gives a name right after it (not one of
    the question's own names); a sentence that does not name the thing may give its name
    alone (the kind check read that)."""
    tokens = re.findall(r"[«»“”\",;:()]|[^\W_][\w’'-]*", text)
    bare = [fold(t.split("’")[-1].split("'")[-1]) for t in tokens]  # "l’accord"
    spots = [k for k, b in enumerate(bare) if b in (thing, thing + "s", thing + "x")
             or (thing.endswith(("s", "x")) and b == thing[:-1])]
    if not spots:
        return True
    for k in spots:
        if any(t[:1].isupper() and not any(_has_focus(f, {fold(t)}) for f in focus)
               for t in tokens[max(0, k - THING_NAME_BEFORE):k]):
            return True  # "le Mvett, légende des origines du peuple Fang"
        after = tokens[k + 1:k + 1 + THING_NAME_WITHIN]
        for n, t in enumerate(after):
            if t in "«“\"" or _CALLED.match(t):
                return True
            if t in ",;:()":  # "la place principale d'Almaty, selon Reuters": another's
                # name ("la place principale, appelée X" goes on)
                if n + 1 < len(after) and _CALLED.match(after[n + 1]):
                    return True
                break
            part = t.split("’")[-1].split("'")[-1]  # "d’Almaty"
            key = fold(part).replace("-", "")
            if part[:1].isupper() and key and not any(_has_focus(f, {key}) for f in focus):
                return True
    return False


def _names_reactor(needs: tuple[tuple[str, ...], ...], words: set[str]) -> bool:
    """Whether the words name who the question asks to have reacted: one word of each group,
    a name as `_has_focus` reads it, a body's kind by a word's start ("minist")."""
    return all(any(_has_focus(a, words) or any(w.startswith(a) for w in words) for a in need)
               for need in needs)


def _says_alone(fragment: str, question: str) -> bool:
    if len(fragment.split()) < WHOLE_FRAGMENT_WORDS or _VERB_OPENING.match(fragment):
        return False
    return fragment.lstrip()[:1] not in ",;:)»”" or not _SAID_ASKED.search(question)

# A sentence must hold most of what the question is about (weighted by rarity): a name only the
# passage's title or an earlier sentence holds counts half ...
MIN_FOCUS = 0.5
CONTEXT_FOCUS = 0.5
# ... and three quarters in a sentence that names nothing at all: "La force est composée
# d'environ 2 600 militaires au total." is about the OTSC of the sentence before it, while
# "Nazarbaïev, 81 ans, ..." after a sentence on Tokaïev is about Nazarbaïev
CONTEXT_FOCUS_NAMELESS = 0.75
_NAMES_ANY = re.compile(r"[\s'’(«\"-][A-ZÀ-Ý]")

# ... and a question asking something specific without a name must share this much of its
# words with the sentence (idf-weighted; dev sets: answered traps at 0.00-0.11, matched
# answers from 0.23, one lucky match at 0.00 aside)
MIN_COVERAGE_UNNAMED = 0.15

# A count need not name what it counts when the sentence holds this much of the question.
MEASURE_OR_COVERAGE = 0.5


@dataclass(frozen=True, slots=True)
class EvidenceWeights:
    """How the signals add up; chosen on the tuning split of the dev sets (evals/README.md)."""

    dense: float = 0.0  # same language: lexical coverage ranks better (gold FR 0.857 vs 0.786)
    dense_cross: float = 3.0  # across languages only meaning can (dev_en 0.51 -> 0.55)
    # against rank, kind and the SECOND_WITHIN window: at 0.5 a close second or third sentence
    # is quoted more often (answers 1.8 -> 2.1 sentences, 418 -> ~450 chars on the article sets)
    coverage: float = 0.5
    kind: float = 0.15
    focus: float = 0.0
    rank: float = 0.12
    # share of the previous sentence's coverage that an "Il/Elle/Sa ..." sentence inherits
    # (all splits: gold FR 0.833 -> 0.881, PIAF FR 0.603 -> 0.610, PIAF EN 0.533 -> 0.540)
    anaphor: float = 0.5
    # share of the question's weighted terms a sentence leaves to its passage's title that
    # still counts (PIAF tune FR 0.743 -> 0.768, EN 0.680 -> 0.705; heldout FR 0.700 ->
    # 0.725): "Il étonne ses maîtres ... lauréat du concours général" is about the
    # "Ernest-Charles Lasègue" of its title. Across languages only a title naming the focus
    # ("masse" is no "Massimov").
    title: float = 0.75
    # a sentence that gives a cause ("provoquée par la hausse des prix", "en raison de"), when
    # a cause is asked ("Why ...", "What triggered ...")
    cause: float = 0.15
    # a sentence that reports what someone said ("a déclaré que", "«...»"), when what someone
    # said or how they described something is asked
    said: float = 0.1
    # share of the focus names an "Il/Elle/Sa ..." sentence's referent lends to its coverage
    # (`_referent`); 0 turns the borrowing off, its full focus credit with it
    referent: float = 1.0
    # a sentence that gives the year the question is pinned to ("Qui remporte le championnat
    # de France en 1968 ?": "En 1968, le club termine à égalité ... avec le Stade héninois")
    year: float = 0.1




# The year a question is pinned to ("en 1968", "in 2020"), not one inside a date ("du 6
# janvier 2022"): a sentence giving it ranks higher (EvidenceWeights.year)
_YEAR_PINNED = re.compile(r"(?i)\b(?:en|in|during|au cours de|pendant|year|l['’]année)\s+"
                          r"((?:1[0-9]|20)\d\d)\b")


# A sentence that opens on a pronoun or a possessive is about what the previous one named:
# "Sa présidence dure jusqu'en 1911." answers a question about Porfirio Díaz.
# A share of what a figure counts, said after it: what the question says of the counted
# noun, said only of the share, is not said of the figure
_SHARE_OF_THEM = re.compile(r"(?i)\b(?:la (?:majorité|plupart)|une (?:partie|minorité)|"
                            r"certaine?s|beaucoup|nombre|(?:the )?most|many|some|"
                            r"(?:a|the) (?:majority|minority)|part)\s+(?:d['’]\s*entre\s+"
                            r"(?:elles|eux)|of (?:them|these|those))\b")
_ANAPHOR = re.compile(r"\s*[«\"]?\s*(il|elle|ils|elles|sa|son|ses|leur|leurs|celui-ci|celle-ci|"
                      r"he|she|they|his|her|its|their)\b|"
                      # a quote in the first person plural speaks for the body the sentence
                      # before names ("Le ministère ... a confirmé ... « Nous préconisons ...")
                      r"\s*[«\"“]\s*(nous|notre|nos|we|our)\b", re.I)


# ... and it may borrow the question's focus from the one it refers to: the nearest of the
# ANAPHOR_BACK sentences before it in its passage that names anyone, when that one names the
# focus before anyone else ("Martin Pierre Brodeur naît le 6 mai 1972 ... Il est le cinquième
# enfant de la famille : Line, Claude, Sylvie et Denis junior le précèdent."). A sentence
# naming someone else in between takes the pronoun, and so does someone the referent names
# first ("Étienne Báthory, roi de Pologne, prend la ville ... Il invite les Jésuites" is
# Báthory, not Poland); only a singular pronoun or possessive borrows ("Ils obtinrent ..." is
# not Du Bosc). A passage's title is not borrowed (PIAF: "Elle est divisée en voïvodies" under
# "Pologne" and "Il était le symbole ..." under "Château de Kilkenny" are about them, but then
# outrank the sentences that answered: 2 matches lost for none won).
ANAPHOR_BACK = 2
_SINGULAR_ANAPHOR = re.compile(r"\s*[«\"]?\s*(il|elle|sa|son|ses|celui-ci|celle-ci|he|she|his|"
                               r"her|its)\b", re.I)
_WORD = re.compile(r"[\wÀ-ÿ'’-]+")
# A definite noun phrase naming a group by its kind refers back as a pronoun does: "Le bloc a
# son siège à Moscou", "La force est composée d'environ 2 600 militaires" are about the
# alliance and the force the sentence before named ("... l'OTSC ..."). A sentence before it
# opening on the same noun is the same one ("Le bloc de sécurité ... a été formé en 1992"),
# passed over on the way back.
_NOMINAL_ANAPHOR = re.compile(r"\s*[«\"]?\s*(?:le|la|l['’]|the)\s*(bloc|alliance|"
                              r"organisation|organization|coalition|contingent|force|mission|"
                              r"groupe|group)\b", re.I)


# What a fate asked befell people in or by ("blessées par les explosions", "killed in the
# attack"), and the stems a sentence tells each such event with, in either language
_EVENTS: dict[str, tuple[str, ...]] = {
    "explos": ("explos", "blast", "detonat", "deflagr"),
    "blast": ("explos", "blast", "detonat", "deflagr"),
    "attaq": ("attaq", "attack", "assaut", "assault", "attentat"),
    "attack": ("attaq", "attack", "assaut", "assault", "attentat"),
    "attentat": ("attentat", "attaq", "attack", "bomb"),
    "bombard": ("bombard", "bomb", "frappe", "strike"),
    "bombing": ("bombard", "bomb", "frappe", "strike", "attentat"),
    "affront": ("affront", "clash", "heurt", "combat", "fight"),
    "clash": ("affront", "clash", "heurt", "combat", "fight"),
    "accident": ("accident", "crash", "collision", "deraill", "derail"),
    "crash": ("accident", "crash", "collision", "ecras"),
    "seisme": ("seisme", "earthquake", "quake", "tremblement"),
    "earthquake": ("seisme", "earthquake", "quake", "tremblement"),
    "incendie": ("incend", "fire", "feu", "flamm", "blaze"),
    "fire": ("incend", "fire", "feu", "flamm", "blaze"),
    "tempete": ("tempet", "storm", "ouragan", "hurrican", "cyclone", "typhon", "typhoon"),
    "storm": ("tempet", "storm", "ouragan", "hurrican", "cyclone", "typhon", "typhoon"),
    "inondation": ("inond", "flood", "crue"),
    "flood": ("inond", "flood", "crue"),
    "fusillade": ("fusill", "shoot", "tir", "gunfire", "feu"),
    "shooting": ("fusill", "shoot", "tir", "gunfire", "feu"),
}
_FATE_CAUSE = re.compile(
    r"\b(?:par|by|in|dans|lors d(?:es?|u)|during|from)\s+(?:the |les |la |le |l['’]|an? |"
    r"une? |ces |these |this |cette |ce |those |cet )?(?:[\w-]+ )?("
    + "|".join(_EVENTS) + r")(?:s|es|ions?|ues?|ements?|e)?\b")


def _fate_cause(question: str) -> tuple[str, ...]:
    """The stems that tell the event a fate asked befell people in or by ("Combien de
    personnes ont été blessées par les explosions entendues à Almaty ?"): a sentence that
    counts the wounded of something else does not answer it."""
    return tuple(dict.fromkeys(st for m in _FATE_CAUSE.finditer(fold(question))
                               for st in _EVENTS[m.group(1)]))


def _tells_event(stems: Sequence[str], text: str) -> bool:
    words = re.findall(r"[a-z]+", fold(text))
    return any(w.startswith(stems) for w in words)


def _names_first(text: str, focus: Sequence[str], names: frozenset[str]) -> bool:
    """Whether `text` names one of `focus` before any other of its passage's `names` (but
    those of the focus's own full name: "Edwige Lawson")."""
    tokens = [_words(t.group(0)) for t in _WORD.finditer(text)]
    for k, got in enumerate(tokens):
        if any(_has_focus(f, got) for f in focus):
            return True
        if got & names and not any(_has_focus(f, nxt) for nxt in tokens[k + 1:k + 3]
                                   for f in focus):
            return False
    return False


def _referent(spans: Sequence[tuple[int, int, Span, Hit]], words: Sequence[set[str]], n: int,
              focus: Sequence[str], names: frozenset[str]) -> set[str] | None:
    """The words of the sentence that sentence `n` (opening on a singular pronoun or
    possessive) refers to, when that one names one of `focus` first: the nearest sentence
    before it in its passage, within ANAPHOR_BACK, that names the focus or any of the
    passage's other `names` (its proper names)."""
    i = spans[n][0]
    opens = _NOMINAL_ANAPHOR.match(spans[n][2].text)
    head = opens.group(1).lower() if opens else None
    for k in range(n - 1, max(-1, n - 1 - ANAPHOR_BACK), -1):
        if spans[k][0] != i:
            return None  # the passage starts here
        same = _NOMINAL_ANAPHOR.match(spans[k][2].text) if head else None
        if same and same.group(1).lower() == head and not any(_has_focus(f, words[k])
                                                               for f in focus):
            continue  # "Le bloc de sécurité ..." before "Le bloc a son siège ..."
        if any(_has_focus(f, words[k]) for f in focus):
            return words[k] if _names_first(spans[k][2].text, focus, names) else None
        if words[k] & names:
            return None  # someone else, named in between, is who the pronoun stands for
    return None


# The question's own names, past its first word
_QUESTION_NAME = re.compile(r"(?<=\W)[A-ZÀ-Ý][\w-]+")


# A figure a nation is said to have is that nation's ("le Royaume-Uni compte plus de 85 ONG",
# "Russia has 2,000 troops there"): a sentence that gives the figure so to another nation and
# never names the one asked about does not count the asked nation's. Only a verb of having:
# "L'Arménie ... ont envoyé entre 100 et 200 personnes" is read by the nation rules above.
_HAS_FIGURE = re.compile(r"(?i)\b(?:compte|comptait|comptent|possède|possédait|possèdent|"
                         r"dispose d['’e]|disposait d['’e]|has|had|have|counts|owns|boasts)\s+"
                         r"(?:(?:plus|moins|près|environ|autour|au moins|more|less|fewer|over|"
                         r"about|around|nearly|some|de|d['’]|than|at least)\s*){0,3}\d")
OWNER_REACH = 30  # characters before the verb where its nation is named


def _owned_by_other(text: str, asked: frozenset[str]) -> bool:
    """Whether `text` gives its figure to a nation other than `asked`, naming none of them."""
    verbs = list(_HAS_FIGURE.finditer(text))  # (the cheap test first: most have none)
    if not verbs or mentions_country(text, asked):
        return False
    return any((owner := nations_of(text[max(0, m.start() - OWNER_REACH):m.start()]))
               and not owner & asked for m in verbs)


# A former holder of an office is not its holder, unless a former one is asked about: "Karim
# Massimov, ancien Premier ministre" did not head the government just dismissed.
_FORMER_ROLE = re.compile(
    r"(?i)\b(?:ancien(?:ne)?s?|former|ex-|ex |previous|précédente?|onetime|one-time)\s*"
    r"(?:(?<![\w-])[A-ZÀ-Ý][\w-]++\s+)?(?:(?:premier|première|prime|vice)[\s-]+)?(?:"
    r"secrétaires?[- ]général\w*|secretar(?:y|ies)[- ]general|président\w*|president\w*|"
    r"ministre|minister|chef|leader|dirigeant\w*|secrétaire|secretary|ambassad\w*|"
    r"porte-parole|spokes\w*|command\w*|général|general|directeur|directrice|director|maire|"
    r"mayor)")
_FORMER_ASKED = re.compile(r"(?i)\b(?:ancien(?:ne)?s?|former|ex-|previous|précédente?|"
                           r"prédécesseur|predecessor|onetime|one-time|before him|avant lui|"
                           r"(?:in|en|de|from|until|jusqu'en) (?:1[0-9]\d\d|20\d\d)|"
                           r"à l['’]époque|at the time)")


# A leader of any office: "Which Armenian leader" may be its prime minister
_ANY_OFFICE = re.compile(r"(?i)\b(?:leaders?|dirigeante?s?|chefs?(?! de l['’][ée]tat)|"
                         r"heads?(?! of state))\b")


# A role newly taken: "le nouveau Premier ministre", "took over as", "a été porté à la tête"
_NEWLY = re.compile(r"(?i)\b(?:nouveau|nouvel|nouvelle|new|newly|took over|prend la tête|pris "
                    r"la tête|devenu|became|porté à la tête|élu|elected|investi|sworn in)\b")


# A quote that goes on in the next sentence, said by the same speaker: "«Nous appelons les
# forces de l'OTSC à ...», a-t-il ajouté." is part of what the sentence before attributes.
_SAID_ON = re.compile(r"\b(?:a-t-(?:il|elle)|ont-(?:ils|elles)|(?:ajoute|poursuit|précise|"
                      r"insiste)-t-(?:il|elle)|(?:he|she|they) (?:added|went on|continued))\b",
                      re.I)


# A sentence that ends a quote by naming who said it: "..., a déclaré le porte-parole X."
_SPEAKER = re.compile(r"[»\"”]\s*,?\s*(?:a|ont|avait|avaient)\s+(?:déclaré|dit|affirmé|"
                      r"ajouté|souligné|expliqué|indiqué|précisé|assuré|estimé)\b|[»\"”]\s*,?\s*"
                      r"(?:said|told|added|stated|explained)\b", re.I)


# People counted ("how many young Kazakhs", "combien de soldats"), as 5-letter starts: a
# sentence whose only figures are sums of money counts none of them
# (the count families of people: soldiers, people, the dead, inhabitants, the wounded, the
# arrested, protesters; and a few other people counted)
_PEOPLE = frozenset(k[:5] for family in _SAME_FAMILY[:7] for k in family) | frozenset(
    "jeune young enfan child etudi stude citoy citiz membr membe emplo worke salar agent polic "
    "offic genda".split())

# Machines counted ("avions", "chars", "véhicules"), as 4-letter starts: no count of people
# counts them
_MACHINES = frozenset("avio airc plan heli chop char tank vehi navi ship bate boat dron miss "
                      "camio truc voit bus trai sous subm".split())


def _counts_people(measure: Sequence[str]) -> bool:
    return any(m[:5] in _PEOPLE for m in measure)


# A place the question names by its kind and its name ("la garde du cosmodrome de Baïkonour",
# "Baikonur cosmodrome"): a sentence saying "du cosmodrome" speaks of it, by its kind alone
_FACILITIES = (r"cosmodromes?|aeroports?|airports?|airbases?|bases?|ports?|centrales?|usines?|"
               r"plants?|stades?|stadiums?|palais|palaces?|barrages?|dams?|raffineries?|"
               r"refiner(?:y|ies)|gares?|prisons?|hopitaux|hopital|hospitals?|cathedrales?|"
               r"cathedrals?|chateaux|chateau|castles?|musees?|museums?|camps?")
_FACILITY_OF = re.compile(rf"\b({_FACILITIES})\s+(?:de|du|d'|of)\s*(?:la\s+|le\s+|l')?"
                          r"([a-z][\w-]+)")
_FACILITY_AFTER = re.compile(rf"(?<![\w-])([a-z][\w-]++)\s+({_FACILITIES})\b")  # (word read whole)


def _facility_heads(question: str, focus: Sequence[str]) -> dict[str, re.Pattern[str]]:
    """Each focus name the question gives with a facility's kind, and how a sentence names
    that facility by its kind alone ("le cosmodrome", "the cosmodrome"), folded."""
    text = fold(question).replace("’", "'")
    out: dict[str, re.Pattern[str]] = {}
    pairs = [(m.group(2), m.group(1)) for m in _FACILITY_OF.finditer(text)]
    pairs += [(m.group(1), m.group(2)) for m in _FACILITY_AFTER.finditer(text)]
    for name, kind in pairs:
        f = next((f for f in focus if f == name.replace("-", "")), None)
        if f is not None:
            head = kind.rstrip("s")
            out[f] = re.compile(rf"\b(?:le|du|au|the|ce|cet|this|that)\s+{head}s?\b")
    return out


_OPENERS, _CLOSERS = "«“", "»”"


def _speaker_after(text: str, after: str) -> str:
    """Where the sentence after `text` closes the quote `text` is part of by naming who said
    it ("[aux États-Unis] également », a déclaré Rasmussen."), the words from that close on;
    "" otherwise (a quote `text` closes itself, one the next sentence opens, "a-t-il dit")."""
    if sum(text.count(c) for c in _CLOSERS) > sum(text.count(c) for c in _OPENERS):
        return ""  # it closes a quote itself
    if any(text.rfind(c) > max(text.rfind(o) for o in _OPENERS) for c in _CLOSERS):
        return ""  # its last quote is closed in it
    first = min((k for k in (after.find(c) for c in _OPENERS + _CLOSERS) if k >= 0),
                default=-1)
    if first < 0 or after[first] not in _CLOSERS:
        return ""
    m = _SPEAKER.match(after, first)
    return after[first:] if m else ""


def _quote_on(spans: Sequence[tuple[int, int, Span, Hit]], words: Sequence[set[str]],
              n: int) -> set[str]:
    """The words (`words[k]`: sentence k's, read once) of the quote that opens right after
    sentence `n` and that its next sentences give to the same speaker ("..., a-t-il
    ajouté"): up to three sentences of its passage."""
    i = spans[n][0]
    follow = [s.text for p, _, s, _ in spans[n + 1:n + 4] if p == i]
    if not follow or not follow[0].lstrip().startswith(("«", '"', "“")):
        return set()
    for k, text in enumerate(follow):
        if _SAID_ON.search(text):
            return set().union(*words[n + 1:n + 2 + k])
        if any(q in text for q in ("»", '"', "”")):
            return set()  # closed and not said on: someone else's, or no one's
    # still open where the passage ends (the chunk cut it) after a sentence that gave its
    # speaker: the quote goes on in that speaker's voice
    ends = n + 1 + len(follow) >= len(spans) or spans[n + 1 + len(follow)][0] != i
    if ends and _SPEAKER.search(spans[n][2].text):
        return set().union(*words[n + 1:n + 1 + len(follow)])
    return set()


def _qualified(qualifiers: Sequence[str], words: set[str]) -> bool:
    """Whether `words` hold half of a name's qualifiers (`QuestionInfo.qualifiers`), by their
    first five letters ("politiques" is "politique")."""
    starts = {w[:5] for w in words}
    held = sum(1 for q in qualifiers if q[:5] in starts)
    return 2 * held >= len(qualifiers)


# Between the keys of one cross-language term: the word's own start and its translations'
_ALTERNATIVES = "|"


@lru_cache(maxsize=4096)
def _keys_of(term: str) -> frozenset[str]:
    """A cross-language term's keys, split once (the coverage reads each for every sentence)."""
    return frozenset(term.split(_ALTERNATIVES))


def _coverage_terms(question: str, idf: Callable[[str], float], stemmer: str,
                    cross: bool, lang: str = "") -> dict[str, float]:
    if not cross:
        terms = {t: idf(t) for t in tokenize(question, stemmer)}
        return {t: w for t, w in terms.items() if w > 0}
    caps = {fold(w).replace("-", "") for w in re.findall(r"\b[A-ZÀ-Ý][\w-]+", question)[1:]}
    out: dict[str, float] = {}
    for t in tokenize(question, "none"):
        weight = 2.0 if t in caps or t.isdigit() else 1.0
        key = t[:4] if len(t) > 4 and not t.isdigit() else t
        # ... or its usual translations ("blamed" is "imputé"): one term, any of its keys
        others = () if t in caps or t.isdigit() else sorted(other_language_keys(t, lang))
        out[_ALTERNATIVES.join(dict.fromkeys((key, *others)))] = weight
    return out


def _coverage(terms: dict[str, float], text: str, stemmer: str, cross: bool) -> float:
    return _covered(terms, _coverage_tokens(text, stemmer, cross), cross)


def _coverage_tokens(text: str, stemmer: str, cross: bool) -> set[str]:
    """The tokens `_covered` matches a question's terms against (across languages, keys of
    four letters)."""
    if cross:
        return {w[:4] if len(w) > 4 and not w.isdigit() else w for w in tokenize(text, "none")}
    return set(tokenize(text, stemmer))


SYNONYM_STEM = 5


def _covered(terms: dict[str, float], toks: set[str], cross: bool,
             synonyms: bool = False) -> float:
    """The share of the question's term weights `toks` hold; half for a term held by its first
    letters only, or (French, `synonyms`) by a word of the same meaning ("démarré" by
    "commencé", "contestation" by "manifestations", "attribué" by "imputé")."""
    plain = _covered_plain(terms, toks, cross)
    return min(1.0, plain + _synonym_share(terms, toks)) if synonyms and not cross else plain


def _synonym_share(terms: dict[str, float], toks: set[str]) -> float:
    """What `_covered` adds for the terms `toks` hold only by a French word of the same
    meaning: half their weight, as a share of the whole (stems of five letters or more:
    "fond", "form" and "bat" join words of other meanings, "fondée" and "formé", "bâtiment"
    and "battu"; diff review 51)."""
    total = sum(terms.values())
    if total <= 0:
        return 0.0
    held = sum(w for t, w in terms.items() if len(t) >= SYNONYM_STEM and t not in toks
               and not (len(t) >= 6 and any(x.startswith(t[:5]) for x in toks))
               and any(len(x) >= SYNONYM_STEM and x in toks for x in french_synonyms(t)))
    return 0.5 * held / total


def _covered_plain(terms: dict[str, float], toks: set[str], cross: bool) -> float:
    total = sum(terms.values())
    if total <= 0:
        return 0.0
    if cross:
        covered = sum(w for t, w in terms.items() if not toks.isdisjoint(_keys_of(t)))
        return min(1.0, covered / total)
    covered = sum(w for t, w in terms.items() if t in toks)
    prefixes = {t[:5]: w for t, w in terms.items() if len(t) >= 6 and t not in toks}
    fuzzy = sum(w for p, w in prefixes.items() if any(x.startswith(p) for x in toks))
    return min(1.0, (covered + 0.5 * fuzzy) / total)


def _safe(idf: Callable[[str], float]) -> Callable[[str], float]:
    def weight(term: str) -> float:
        try:
            return idf(term) if term else 0.0
        except (IndexError, KeyError):  # a term the BM25 vocabulary cannot score
            return 0.0
    return weight


def _focus_weights(focus: Sequence[str], idf: Callable[[str], float],
                   stemmer: str) -> dict[str, float]:
    """Rarer names weigh more ("Tokaïev" over "Kazakhstan"); a name the index has never seen
    (an English spelling) gets the weight of the rarest one seen."""
    raw = {f: max((idf(t) for t in tokenize(f, stemmer)), default=0.0) for f in focus
           if len(f) > 2}
    seen = sorted(v for v in raw.values() if v > 0)
    mid = seen[len(seen) // 2] if seen else 1.0
    return {f: (v if v > 0 else mid) for f, v in raw.items()}


@short_text_cache(256)
def _ordinals_of(text: str) -> frozenset[int]:
    """A passage's ordinals, read once for the passages every question retrieves again."""
    return ordinals(text)


def _passage_ordinals(hit: Hit) -> frozenset[int]:
    """The ordinals a passage names, its title included ("la troisième dynastie d'Ur")."""
    return _ordinals_of(f"{hit.chunk.title}\n{hit.chunk.text}")


_UNOFFICIAL = re.compile(r"(?i)\b(?:non[- ]officiel\w*|officieu\w*|unofficial\w*|not official\w*|"
                         r"non confirmée?s?|unconfirmed)\b")


def _ranked_keys(nouns: tuple[str, ...], lang: str, hits: Sequence[Hit]) -> frozenset[str]:
    """Across languages, the keys of the nouns a superlative asked ranks (their translations
    in the lexicon: "demand", "demandes", "revendications"), when the retrieved passages say
    one of them; else none, and nothing is read (a noun the lexicon does not translate, or a
    passage that says it in other words)."""
    keys = {k for n in nouns for k in other_language_keys(n, lang)}
    said = any(w[:4] in keys for h in hits for w in _words(h.chunk.text))
    return frozenset(keys) if said else frozenset()


def gather_evidence(question: str, passages: Sequence[Hit], query_vector: Vectors | None,
                    sentence_vectors: SentenceVectors | None, idf: Callable[[str], float],
                    stemmer: str = "french", lang: str | None = None,
                    weights: EvidenceWeights | None = None) -> Evidence:
    """Split, embed (cached) and score every sentence of `passages` for `question`, once."""
    w = weights or EvidenceWeights()
    idf = _safe(idf)
    info = analyse_question(recase(question, [f"{h.chunk.title}\n{h.chunk.text}"
                                              for h in passages]), lang)
    cross = bool(passages) and detect_language(passages[0].chunk.text) != info.lang
    langs: dict[int, str] = {}  # each passage's language, read once where a rule needs it
    figures_seen: dict[int, set[str]] = {}  # the figures each passage gave so far
    terms = _coverage_terms(unsourced(question), idf, stemmer, cross, info.lang)
    synonyms = stemmer == "french" and not cross  # (a French question over French text)
    spans: list[tuple[int, int, Span, Hit]] = []
    for i, hit in enumerate(passages, 1):
        for j, span in enumerate(_sentences(hit.chunk.text)):
            if len(span.text) > MAX_SENTENCE_CHARS:
                continue
            spans.append((i, j, span, hit))
    if spans and sentence_vectors is not None and query_vector is not None:
        vecs = sentence_vectors([embedded_text(s) for _, _, s, _ in spans])
        dense = vecs @ np.asarray(query_vector, dtype=np.float32).reshape(-1)
    else:  # lexical signals only (tests, or an embedder-less caller)
        dense = np.zeros(len(spans), dtype=np.float32)
    top = float(dense.max()) if len(dense) else 0.0
    fw = _focus_weights(info.focus, idf, stemmer)
    total_fw = sum(fw.values())
    standing = _facility_heads(info.text, info.focus)
    fate_cause = _fate_cause(info.text) if info.fate else ()
    went = went_to(info.text) if info.cause else None  # the place of a trip asked, read once
    holder = duration_holder(info.text) if "duration" in info.asks else ""
    # a count of years or of citizens asked, read once
    years_counted = "number" in info.asks and asks_time_count(info.measure, info.text)
    citizens_counted = ("number" in info.asks and cross
                        and asks_status_group(info.measure, info.text))
    out: list[EvidenceSentence] = []
    prev_words: dict[int, set[str]] = {}
    prev_texts: dict[int, str] = {}
    prev_cov: dict[int, float] = {}
    seen_words: dict[int, set[str]] = {}  # the passage's title and sentences read so far
    heads: dict[int, str] = {}  # each passage's folded title, read once
    propers: dict[int, frozenset[str]] = {}  # the names each passage writes mid-sentence
    # the names any passage writes as a run of capitalised words mid-sentence (`lent_names`)
    borrowed = (frozenset().union(*(lent_names(h.chunk.text) for h in passages))
            if {"person", "place"} & set(info.asks) else frozenset())
    title_toks: dict[int, set[str]] = {}  # the terms a passage's title may lend
    leads = _sentences_before(spans)
    former_asked = bool(_FORMER_ASKED.search(info.text))
    size_asked = info.superlative and bool(SIZE_ASKED.search(info.text))
    asked_labels = labels(info.text)
    said_asked = bool(_SAID_ASKED.search(info.text) or _DESCRIBED_ASKED.search(info.text))
    asked_years = set(_YEAR_PINNED.findall(info.text))
    # the figures whose source is asked ("De quelle source provient le bilan d'« au moins un
    # millier de blessés » ?"): the crediting sentence gives one of them
    source_keys = frozenset(k for a in claim_anchors(info.text) if a.kind == "number"
                            for k in a.keys) if info.source_asked else frozenset()
    any_office = bool(_ANY_OFFICE.search(info.text))
    others = other_offices(info.role) if info.role else ()
    clause = role_clause(info.text, info.focus) if info.role else frozenset()
    span_words = [_words(s.text) for _, _, s, _ in spans]
    # a city is not one the question names itself: "Dans quelle ville de la Côte d'Azur ...?"
    # is not answered by "sur la Côte d'Azur" (a place may be: "où à Almaty ...?" is answered
    # "sur la place principale d'Almaty")
    own_places = (*info.focus, *(fold(m.group(0)).replace("-", "")
                                 for m in _QUESTION_NAME.finditer(info.text)))
    # a dispatch's dateline ("WASHINGTON (Sputnik) –") says where it was filed, not where
    # what it tells happened: no place for "In which US cities did people riot?" nor "In which
    # city is Eurasia Group based?" (traps_study55 t55_005, t55_027), unless the dispatch is
    # what is asked ("De quelle ville la dépêche de Sputnik est-elle datée ?")
    ranked_keys = (_ranked_keys(info.superlative_of, info.lang,
                                list({i: h for i, _, _, h in spans}.values()))
                   if info.superlative and info.superlative_of and info.lang else frozenset())
    # (the thing a change is asked of; in English, over French sources, read only where a
    # retrieved sentence names it: the lexicon may lack its word, "rates" for "taux")
    changed_said = bool(info.changed) and (info.lang == "fr" or any(
        names_thing(info.changed, s.text) for _, _, s, _ in spans))
    places_asked = {"city", "place", "region"} & set(info.asks)
    keep_dateline = bool(DISPATCH_ASKED.search(info.text))
    first_asked = bool(FIRST_ASKED.search(info.text))
    names_of: dict[int, frozenset[str]] = {}  # each passage's proper names, but the focus
    for n, ((i, j, span, hit), cos) in enumerate(zip(spans, dense, strict=True)):
        text = span.text
        words = span_words[n]
        before = prev_words.get(i, set())
        prev_words[i] = words
        prev_text = prev_texts.get(i) or leads.get(i, "")
        prev_texts[i] = text
        # a name the passage's title or an earlier sentence holds counts half: "Le bloc de
        # sécurité ... a été formé en 1992" is about the OTSC its article is about
        context = seen_words.setdefault(i, _words(hit.chunk.title))
        earlier = set(context)
        context |= words
        earlier |= _quote_on(spans, span_words, n)
        referent: set[str] | None = None
        if w.referent and fw and (_SINGULAR_ANAPHOR.match(text)
                                  or _NOMINAL_ANAPHOR.match(text)):
            if i not in names_of:
                names_of[i] = frozenset(x for x in proper_names(hit.chunk.text)
                                        if not any(_has_focus(f, {x}) for f in fw))
            referent = _referent(spans, span_words, n, tuple(fw), names_of[i])
        if total_fw > 0:
            share = CONTEXT_FOCUS_NAMELESS if not _NAMES_ANY.search(text.strip()[1:]) \
                else CONTEXT_FOCUS
            got = sum(wt if _has_focus(f, words) or (referent and _has_focus(f, referent))
                      else share * wt if _has_focus(f, earlier)
                      or (f in standing and standing[f].search(fold(text)))
                      else 0.0 for f, wt in fw.items())
            focus = got / total_fw
            referred = bool(referent) and not any(_has_focus(f, words) for f in fw)
        else:
            focus, referred = 1.0, False
        if i not in propers:
            # ... or another passage does: "Xi a fait ces remarques ..." opens on the name
            # "le président chinois Xi Jinping" writes mid-sentence a passage before
            propers[i] = (proper_names(hit.chunk.text) | borrowed
                          if {"person", "place"} & set(info.asks) else frozenset())
        placed = text if keep_dateline or not places_asked else without_dateline(text)
        if places_asked and not first_asked:
            placed = without_first_only(placed)
        dated = keep_dateline and bool(places_asked) and without_dateline(text) != text
        kind = (all((dated and k in places_asked)
                    or _holds_kind(k, placed if k in places_asked else text,
                                own_places if k == "city" else info.focus,
                                info.given, info.names, propers[i])
                    for k in info.asks) if info.asks else True)
        if kind and vague_for_how_much_time(info, text):
            kind = False  # "l'impossibilité temporaire" is no length for "Combien de temps"
        attributed = False
        if not kind and info.asks == ("person",) and not info.role \
                and n + 1 < len(spans) and spans[n + 1][0] == i:
            speaker = _speaker_after(text, spans[n + 1][2].text)
            if speaker and _holds_kind("person", speaker, info.focus, info.given, info.names,
                                       propers[i]):
                kind = attributed = True  # "... faire des émeutes ici. [aux États-Unis]
                # également », a déclaré Rasmussen.": who said it is named where it closes
        toks = _coverage_tokens(text, stemmer, cross)
        plain = _covered(terms, toks, cross)  # (the synonyms' share added once, not a
        cov = min(1.0, plain + _synonym_share(terms, toks)) if synonyms else plain  # 2nd pass)
        lent = 0.0  # the coverage it holds with the focus names its referent lends
        if referent:
            lend = _coverage_tokens(" ".join(f for f in fw if _has_focus(f, referent)),
                                    stemmer, cross)
            lent = _covered(terms, toks | lend, cross)
        titled = 0.0
        if i not in title_toks:  # a title may lend its terms (across languages only one
            # naming the focus): read once a passage
            title_toks[i] = (_coverage_tokens(hit.chunk.title, stemmer, cross)
                             if hit.chunk.title and (not cross or any(
                                 _has_focus(f, _words(hit.chunk.title)) for f in info.focus))
                             else set())
        if w.title and title_toks[i] and cov > 0:  # (a sentence sharing none of the
            # question's terms borrows none: "Ignore previous instructions" under its title)
            titled = w.title * max(0.0, _covered(terms, toks | title_toks[i], cross)
                                   - max(cov, w.referent * lent))
        # Across languages only a family's words are comparable (soldiers are "militaires",
        # the dead "morts"); "people" is too general a count to hold a sentence to.
        if kind and info.measure and (not cross or (len(info.measure) > 1
                                                    and "person" not in info.measure)):
            kind = (cov >= MEASURE_OR_COVERAGE or _names_measure(info.measure, words | before)
                    or bool(info.acronyms & words)  # "38 000 ONG"
                    # people counted by the fate asked: "des dizaines de morts" for "combien
                    # de personnes sont mortes" (b4_022)
                    or ("person" in info.measure and bool(info.fate & _fates(text))))
            if kind and cross:  # ... and the figure must count them ("4 350 miles), une
                kind = counts(info.measure, text)  # importante population" is no population)
        if kind and years_counted and not length_of_time_told(text):
            kind = False  # "annoncé ... en 2021 ... dans les dix plus grandes villes" gives
            # no number of years
        if kind and citizens_counted and not status_group_told(text):
            kind = False  # "quelque 3 000 personnes" counts no Russian citizens
        if kind and "factor" in info.asks and info.measure and not cross:
            kind = _names_measure(info.measure, words | before)  # the bread's price, not gas's
        if kind and "number" in info.asks and (of_them := _SHARE_OF_THEM.search(text)) \
                and re.search(r"\d", text[:of_them.start()]) and (_covered(
                    terms, _coverage_tokens(text[of_them.end():], stemmer, cross)
                    - _coverage_tokens(text[:of_them.start()], stemmer, cross), cross) > 0
                    or info.nation & (nations_of(text[of_them.end():])
                                      - nations_of(text[:of_them.start()]))):
            kind = False  # "38 000 ONG ..., tandis que la majorité d'entre elles sont
            # financées par les États-Unis": the figure counts them all, not those funded so,
            # nor the American ones ("How many American NGOs")
        if kind and "number" in info.asks and info.nation and _owned_by_other(text, info.nation):
            kind = False  # "le Royaume-Uni compte plus de 85 ONG" counts no American ones
        if kind and "number" in info.asks and vague_of_others(info.measure, text, cross):
            kind = False  # "des dizaines de personnes, dont des policiers": no police count
        if kind and info.age_at and not AGE_AT.search(text):
            kind = False  # his age when he stepped down is not "âgé de 81 ans"
        if kind and info.measure and "number" in info.asks \
                and none_only_of_other(info.measure, text):
            kind = False  # "aucune liste n'a été fournie" counts no soldiers
        if kind and not cross and len(info.measure) > 1 and "person" not in info.measure \
                and counts_something_else(info.measure, text):
            kind = False  # "ces trois explosions" are no paratroopers
        if kind and not cross and len(info.measure) == 1 and info.measure[0][:4] in _MACHINES \
                and counts_something_else(info.measure, text, _PEOPLE):
            kind = False  # "combien d'avions": "quelque 3 000 personnes" counts people (a
            # thing of no family may be written uncounted beside another figure: only people,
            # and only for machines: "Combien d'élèves ...?" is "Vingt-deux jeunes")
        if kind and cross and len(info.measure) == 1 and "number" in info.asks \
                and not _counts_people(info.measure) \
                and _counted_noun(info.text, info.measure[0]) and counts_something_else(
                    (*info.measure, info.measure[0][:4],
                     *other_language_keys(info.measure[0], info.lang)), text, _PEOPLE):
            kind = False  # "How many banks were looted?": "3 811 personnes", "13 agents" count
            # people (the English word counted by its usual French translations or its
            # cognate: "banques")
        if kind and info.collective and not collective_said(info.collective, text):
            kind = False  # one office's grant is not what "les agences américaines" gave (the
            # sentence itself: the one before may be the agencies' figure of another year)
        if kind and set(info.measure) & _MONEY:  # a price or a sum: a figure in a currency,
            kind = _gives_money(text)  # not "il y a 30 ans" beside "l'Union européenne"
        if kind and "number" in info.asks and _counts_people(info.measure) \
                and money_only(text):
            kind = False  # "plus d'un million de dollars" counts no young Kazakhs
        if kind and info.event is not None:
            kind = (_event_said(info.event, text, info.focus)
                    or _event_said(info.event, prev_text, info.focus))
        if kind and info.measure and "person" not in info.measure \
                and _in_other_units(info.measure, text):
            kind = False  # a length where barrels are counted (people: as loose as above)
        if kind and "number" in info.asks and (unit := rate_unit(info.text)) \
                and per_other_unit(unit, text):
            kind = False  # a price per gallon where one per litre is asked
        if kind and info.event is None and {"date", "year", "calendar"} & set(info.asks) \
                and not any(_holds_kind(k, LIFESPAN.sub(" ", text), info.focus)
                            for k in info.asks if k in ("date", "year", "calendar")):
            kind = False  # "Edward Dickinson Baker (24 février 1811 - 21 octobre 1861) est
            # un politicien" dates his life, not when he entered Congress
        if kind and info.start_asked and end_dates_only(text):
            kind = False  # "a déclaré l'état d'urgence jusqu'au 19 janvier": when it ends
        if kind and info.exact_day and not _DAY_OF_MONTH.search(text):
            kind = False  # "à quelle date précise": "en juillet 2022" gives no day
        if kind and info.order and not (ORDER.search(text) or ORDER.search(prev_text)):
            kind = False  # "après l'Arménie": a list of the bloc's members says no order
        if kind and info.ordinal and not info.ordinal <= _passage_ordinals(hit):
            kind = False  # "the second round": a passage on the first one only says nothing
            # of it (the sentence itself may not repeat it: "la troisième dynastie d'Ur ...
            # Son dernier roi ...")
        if kind and info.superlative and not (SUPERLATIVE.search(text)
                                              or SUPERLATIVE.search(prev_text)
                                              or _apposed_ranks(text, info.superlative_of,
                                                                info.lang, info.text)):
            kind = False  # "the largest contingent": a sentence that ranks none says not which
        if kind and info.superlative and info.superlative_of:
            if i not in langs:
                langs[i] = detect_language(hit.chunk.text)
            if langs[i] == info.lang and not any(
                    w[:5] == n[:5] for w in words | before for n in info.superlative_of):
                kind = False  # "la plus importante minorité": "le plus haut diplomate" ranks
                # another thing
            elif langs[i] != info.lang and ranked_keys and not any(
                    w[:4] in ranked_keys for w in words | before):
                kind = False  # "the main demand": "a joué un rôle clé" ranks a role, where
                # the passages say "demandes" elsewhere
        if kind and info.refusal and not (_REFUSAL_SAID.search(text)
                                     or _REFUSAL_SAID.search(prev_text)):
            kind = False  # "Pourquoi la Biélorussie a-t-elle refusé ...?": it deployed
        if kind and info.compared and not (all(_has_focus(f, words | before) for f in fw)
                                           and _compares(text, prev_text if any(
                                               _has_focus(f, words) for f in fw) else "")):
            kind = False  # "more killed in Almaty than in Zhanaozen?": a sentence on Zhanaozen
            # alone compares nothing
        if kind and info.source and _credits_other(text) and not any(
                _has_focus(s, words | context if _CREDITS_PRONOUN.search(text) else words)
                for s in info.source):
            kind = False  # "According to Josep Borrell, how many troops ...?": "selon
            # l'agence de presse russe RIA" is another's figure ("selon lui" may be his, named
            # before)
        if kind and info.ranked and info.ranked not in ordinals(text) | ordinals(prev_text):
            kind = False  # "the second-largest city": "la plus grande ville du Kazakhstan,
            # Almaty" ranks the first
        if kind and info.speaker and (another_speaks(info.speaker, text)
                                      or not reports_speech(text) or not _has_focus(
                info.speaker[-1], words | before | (context if said_by_pronoun(text)
                                                    else set()) | _words(
                    _speaker_after(text, spans[n + 1][2].text)
                    if n + 1 < len(spans) and spans[n + 1][0] == i else ""))):
            kind = False  # "What did Joe Biden say ...?": "«Joe Biden et Vladimir Poutine se
            # sont rencontrés ...», ajoute Laurent Goetschel" is Goetschel's, and a sentence
            # that names him nowhere near (nor the close of its quote), or reports no words,
            # tells nothing he said
        if kind and info.deed[0]:
            if i not in langs:
                langs[i] = detect_language(hit.chunk.text)
            if not any(deed_told(*info.deed, t, langs[i]) for t in (text, prev_text) if t):
                kind = False  # "Did Kazakhstan accept the EU's offer?": the offer alone
        if info.figures:  # (every sentence's figures are kept, read once, in passage order)
            seen = figures_seen.setdefault(i, set())
            seen.update(k for a in claim_anchors(text) if a.kind == "number" for k in a.keys)
            if kind and not info.figures & seen:
                kind = False  # "Which organisations received the USD 750,000 ...?": a
                # sentence listing organisations, its passage giving no such sum before it
        if kind and info.meaning[0] and not (meaning_told(*info.meaning, text)
                                              or meaning_told(*info.meaning, prev_text)):
            kind = False  # "What does the acronym RIA stand for?": "l'agence de presse russe
            # RIA" uses it, spells nothing out
        if kind and info.venue and not venue_told(info.venue, f"{prev_text} {text}"):
            kind = False  # "In which Geneva hotel ...?": "la mission diplomatique des
            # États-Unis à Genève" is no hotel
        if kind and info.counterfactual and not counterfactual_told(text):
            kind = False  # "If Tokayev had not called on the CSTO, how would Russia have
            # responded?": what Russia did is not what it would have done
        if kind and info.source_asked and not (_SOURCE_CREDITS.search(text) and (
                not source_keys or any(source_keys & a.keys for a in claim_anchors(text)
                                       if a.kind == "number"))):
            kind = False  # "Which source gave the figure of about 2,600 troops?": "La force
            # est composée d'environ 2 600 militaires" credits none, and "ont été incendiés,
            # selon des vidéos" credits another thing
        if kind and info.byline and not byline_told(text):
            kind = False  # "Who took the photograph of Putin and Tokayev?": what they said
            # on the phone credits no picture
        if kind and info.provisions and not (provisions_told(text)
                                             or provisions_told(prev_text)):
            kind = False  # "Que stipulent les accords de sécurité ...?": "dans le cadre des
            # accords de sécurité" names them, says nothing of what they provide
        if kind and info.particular and not (
                particular_told(info.particular, text, info.text)
                or ((info.particular not in OWN_SENTENCE or _ANAPHOR.match(text))
                    and particular_told(info.particular, prev_text, info.text))):
            kind = False  # "In what language did Pashinyan post the statement?": the post,
            # in no language named
        if kind and changed_said and not (names_thing(info.changed, text)
                                          or names_thing(info.changed, prev_text)):
            kind = False  # "By how much did ... raise young people's engagement?": "a
            # dépensé plus d'un million de dollars" names no engagement
        if kind and info.factors and not (change_given(info.factors, text)
                                          or change_given(info.factors, prev_text)):
            kind = False  # "Pourquoi le prix a-t-il triplé ?": "une multiplication par deux"
        if kind and holder and not (holder_named(holder, info.lang, text, cross)
                                    or holder_named(holder, info.lang, prev_text, cross)):
            kind = False  # "How long does each member's term ... last?": "l'état d'urgence
            # jusqu'au 19 janvier" is the emergency's length
        if kind and info.occasion and not (occasion_told(info.occasion, text)
                                           or occasion_told(info.occasion, prev_text)):
            kind = False  # "On what date did Kazakhstan gain its independence?": "Le bloc
            # ... a été formé en 1992" dates a founding
        if kind and days_of_other_events(info.dated_event, text):
            kind = False  # "When did Biden and Putin hold their summit?": "Contrairement au
            # sommet ..., la rencontre de lundi se déroule ..."
        if kind and info.span and ("number" in info.asks or bool(set(info.measure) & _MONEY)) \
                and one_year_only(text):
            kind = False  # "How much has the NED spent over the past decade?": "... en 2020"
        if kind and info.days and not (info.days & (days_named(text) | days_named(prev_text))
                                       or info.day_dates & (dates_named(text)
                                                            | dates_named(prev_text))):
            kind = False  # "What did Josep Borrell say on Friday 7 January?": his words named
            # with no day may be of another
        if kind and info.role_body and (other_body(info.role_body, text) or (
                said_asked and not info.speaker
                and not role_bodies(f"{prev_text} {text}") & info.role_body)):
            kind = False  # "NATO's secretary general": "le secrétaire général de l'OTSC", and
            # what he said is told where he is named so ("le secrétaire général du bloc", or
            # "des discussions entre Washington, Moscou et l'OTAN", is not)
        if kind and info.agent_asked and agentless(info.agent_asked, text):
            kind = False  # "Which agency arrested Massimov?": "a été arrêté pour trahison"
        if kind and info.thing and not _named_beside(info.thing, text, info.focus):
            kind = False  # "Comment s'appelle la place principale d'Almaty ?": "sur la place
            # principale d'Almaty, selon Reuters" names the agency, not the square
        if kind and info.interim and not (_INTERIM.search(text) or _INTERIM.search(prev_text)):
            kind = False  # "Who became acting president ...?": Tokayev's own presidency
        if kind and info.how_compared and not (_compares(text, prev_text)
                                               or _COMPARED_TOLD.search(text)):
            kind = False  # "How did US aid in 2020 compare with the previous year?": "En
            # 2020, les agences américaines ont transféré 61 millions" gives one side
        if kind and info.percent and not _PERCENT_SAID.search(text):
            kind = False  # "What percentage of the NGOs ...?": "plus de 85 ONG" gives none
        if kind and info.located and not any(_has_focus(n, words | before | context)
                                             for n in info.located):
            kind = False  # "Dans quelle région se trouvent Zhanaozen et Aktau ?": a sentence
            # naming neither says where they are not ("en province", "Asie centrale")
        if kind and info.reacted_to and not any(_has_focus(n, words | before | context)
                                                for n in info.reacted_to):
            kind = False  # "Comment Zas a-t-il répondu à la remarque de Blinken ?": Zas on
            # the troops' mandate answers no remark of Blinken's
        if kind and info.reactor and not _names_reactor(info.reactor, words | before):
            kind = False  # "How did the Ukrainian government react?": troops massed on
            # Ukraine's border is no reaction of its government
        if kind and info.last_to and not (_LAST_SAID.search(text)
                                        or _LAST_SAID.search(prev_text)):
            kind = False  # "le dernier à faire arriver ses troupes": "les premiers à arriver"
            # say who came first, a list of the bloc's members no order at all
        if kind and info.first_to and not (_FIRST_SAID.search(text)
                                           or _FIRST_SAID.search(prev_text)):
            kind = False  # "Which US official was the first to say ...?": one who said it
            # is not the first, several saying it tell no order
        if kind and size_asked and not (ranks_size(text) or ranks_size(prev_text)
                                        or _apposed_ranks(text, info.superlative_of, info.lang,
                                                          info.text)):
            kind = False  # ... nor one that says who came first ("les premiers à arriver")
        whole = (without_other_subsets(text, info.measure, info.text)
                 if kind and (info.exact or info.total) else text)
        if kind and info.exact and _rough_only(whole):
            kind = False  # "exactement": "entre 100 et 200" is no exact count, nor "des
            # dizaines de morts, dont douze policiers" of the protesters
        if kind and info.total and _vague_only(whole):
            kind = False  # "au total": "des dizaines de morts" is no whole count
        if kind and info.bound and only_other_bound(info.bound, text):
            kind = False  # "the minimum amount": "jusqu'à 61 millions" is a ceiling
        if kind and info.excluded and only_the_excluded(text, info.text, info.excluded):
            kind = False  # "Outre le cosmodrome de Baïkonour, quels autres sites ...?":
            # "comme le célèbre cosmodrome de Baïkonour" names no other
        if kind and info.name_of and not (_has_focus(info.name_of, _words(text))
                                          or _has_focus(info.name_of, _words(prev_text))):
            kind = False  # "le nom complet de « Walt »": another person's full name
        if kind and info.final and counted_so_far(text):
            kind = False  # "le nombre définitif": "au moins 13", "a déjà fait ... douze"
        if kind and info.author and said_by_nobody(text):
            kind = False  # "Who had suggested that ...?": "les suggestions selon lesquelles"
            # are nobody's; the one named rejected them
        if kind and info.end and only_planned_end(text):
            kind = False  # "When was it lifted?": "déclaré ... jusqu'au 19 janvier" is a plan
        if kind and info.official and (_vague_only(text) or _UNOFFICIAL.search(text)):
            kind = False  # "officially confirmed dead": "des dizaines de personnes" is no toll,
            # nor a figure "selon certaines données non officielles"
        if kind and went is not None and not tells_trip_to(went, text):
            kind = False  # why he flew to Moscow: a call with Putin is no trip there (nor
            # the photo caption before it, "Poutine et Tokaïev à Moscou, le 21 août 2021")
        if kind and info.fate and not (_fates(text) | _fates(prev_text)) & info.fate:
            kind = False  # it counts the dead where the convicted are asked
        if kind and info.fate and fate_cause and not (_tells_event(fate_cause, text)
                                                      or _tells_event(fate_cause, prev_text)):
            kind = False  # "blessées par les explosions": the riots' toll is not theirs
        if kind and info.fate and info.measure and "person" not in info.measure \
                and (not cross or len(info.measure) > 1) \
                and fate_of_others_only(info.measure, info.fate, text):
            kind = False  # the police officers killed are not the protesters killed
        if kind and not {"date", "year"} & set(info.asks) \
                and (years := _question_years(info.text)) \
                and _other_years_only(text, prev_text, years):
            kind = False  # "spent in 2021" is not answered by the figure for 2020, nor "where
            # were the 2020 exercises" by the place of the 2021 ones (a date asked is another
            # year: "When did the 2014 crisis end?" "en mars 2015")
        if kind and asked_labels and other_labels_only(text, asked_labels):
            kind = False  # what article 2 of a treaty says is not what its article 3 says
        if kind and info.nation:  # Kyrgyz soldiers are not Russia's 3 000 (any country asked:
            # "Et l'Arménie ?" after a question about Russia asks of either)
            # ... a body of countries asked about acts: "How much aid did the EU offer
            # Kazakhstan?" is the EU's aid, whoever else is named
            told = " ".join((text, prev_text, hit.chunk.title))
            kind = mentions_country(told, info.nation & BODIES or info.nation) or (
                bool(set(info.asks) & {"base", "airport"})
                and bool(named_codes(told) & info.nation))  # (a base: "partis de Minsk")
        if kind and info.qualifiers and not _qualified(info.qualifiers, words | earlier):
            kind = False  # "une école de médecine" is not "l'École libre des sciences
            # politiques" (its words or the passage's before it: the title, an earlier sentence)
        if kind and info.succession:  # "Qui a remplacé X ?": who did, not X
            kind = bool(_SUCCESSION.search(text) or _SUCCESSION.search(prev_text))
        if kind and info.role and clause and not cross and not (
                clause & {w[:CLAUSE_PREFIX] for w in words | earlier | _words(prev_text)}):
            kind = False  # "le Premier ministre dont le gouvernement a été limogé": a sentence
            # naming a Premier ministre and nothing of the clause names another one
        if kind and info.role:
            role_text, role_prev = text, prev_text
            if not former_asked:  # "l'ancien Premier ministre" is not the one asked for
                role_text, role_prev = _FORMER_ROLE.sub(" ", text), _FORMER_ROLE.sub(" ", prev_text)
            # ... about whom it is asked: Kyrgyzstan's president, not "le président kazakh"
            kind = (_names_role(info.role, role_text) or _names_role(info.role, role_prev)
                    ) and focus >= MIN_FOCUS
            if kind and info.role_nation and (of := role_nations(text, info.role)):
                kind = bool(of & info.role_nation)  # Russia's ambassador is not the US one
            elif kind and info.role_nation:  # "le porte-parole" of a text that never names
                # China is not the Chinese ministry's spokesman
                kind = mentions_country(" ".join((text, prev_text, hit.chunk.title)),
                                        info.role_nation)
                if kind and not any_office \
                        and info.role_nation <= role_nations(text, others):
                    kind = False  # "le président sortant du bloc, le Premier ministre
                    # arménien": Armenia's is the minister, not the president asked for
            if kind and info.portfolio:
                kind = (_names_role(info.portfolio, role_text)
                        or _names_role(info.portfolio, role_prev))
            if kind and info.new_role:  # "the new prime minister": appointed, not former
                kind = bool(_SUCCESSION.search(text) or _NEWLY.search(text))
            if kind and "person" in info.asks and _names_role(info.role, role_text):
                kind = _named_beside_role(text, info.role, info.focus)  # "le président
                # suisse a joué le rôle d'hôte" names no president
        # a fragment the chunk cut from its sentence (", explique X ...") is not quotable
        alone = len(hit.chunk.text.strip()) <= len(text) + 20
        if i not in heads:
            heads[i] = title_head(hit.chunk.title)
        # (the page's credit line answers who wrote the article or when it came out)
        credit = (info.byline or info.published) and credit_line(text)
        usable = ((credit or not is_furniture(text, hit.chunk.title, alone,
                                              on_title_line(hit.chunk.text, span, heads[i]),
                                              info.caption))
                  and not (j == 0 and _continues(text) and not (
                      info.asks in (("identity",), ("org",), ("organ",)) and kind)
                      and not _says_alone(text, info.text))
                  # (a caption is a line without a full stop: one may answer when asked)
                  and (info.caption or credit or not unpunctuated_line(hit.chunk.text, span)))
        if not kind:  # words of the same meaning rank the sentences that hold what is asked;
            cov = plain  # one that does not is measured as it was, as a restatement
            # (`extractive._restated_without_answer`: "Le bloc a son siège à Moscou" is not
            # outweighed by a sentence on the alliance that says "collective" twice, b24_018)
        before_cov = prev_cov.get(i, 0.0)
        prev_cov[i] = cov
        if w.anaphor and _ANAPHOR.match(text):
            cov = min(1.0, cov + w.anaphor * before_cov)
        if lent > cov:  # (the previous sentence's share it inherits holds the focus too)
            cov = cov + w.referent * (lent - cov)
        ranking = w.coverage * titled
        if w.cause and info.cause and gives_cause(text):
            ranking += w.cause
        if w.said and said_asked and _REPORTS_SPEECH.search(text):
            ranking += w.said
        if w.year and asked_years and asked_years & set(_YEAR.findall(text)):
            ranking += w.year
        score = ((w.dense_cross if cross else w.dense) * (float(cos) - top)
                 + w.coverage * cov + w.kind * kind + w.focus * focus + w.rank / i + ranking)
        out.append(EvidenceSentence(i, j, hit.chunk.start + span.start,
                                    hit.chunk.start + span.end, text, float(cos), cov, focus,
                                    kind, usable, score, ranking, attributed, referred))
    out.sort(key=lambda s: (-s.score, s.passage, s.index))
    by_passage: dict[int, list[EvidenceSentence]] = {}
    for s in out:
        by_passage.setdefault(s.passage, []).append(s)
    return Evidence(info, cross, list(passages), out, by_passage)
