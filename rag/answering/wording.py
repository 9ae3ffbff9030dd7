"""The source's own words beside a claim written in another language.

A model answering an English question from French sources writes "Nazarbayev was 81 years
old [1]": right, but the reader cannot see what the source says without opening it, and a
translated figure or term ("consulates", "at least 13") is the model's rendering, not the
source's. Once the claim is verified, the stretch of its supporting sentence that holds the
claim's figures, dates and words is quoted after it, as written:
"Nazarbayev was 81 years old (« ancien président Noursoultan Nazarbaïev, 81 ans ») [1]."
The quote is a verbatim substring of the supporting sentence, so it is never an invented
quotation, and it is short (what is shared within `MAX_WORDS` words, `CONTEXT` words either
side within its clause).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.answering.anchors import Anchor, Facts, claim_anchors, facts, holds
from rag.answering.inert import inert
from rag.answering.language import detect_language
from rag.sentences import split_sentences
from rag.text import STOPWORDS, fold, tokenize

MAX_WORDS = 14
MAX_WHOLE = 60  # a translated sentence's source is quoted whole up to this many words
CONTEXT = 4  # words kept either side of what the claim shares, within the clause
_CLAUSE = re.compile(r"[,;:()«»“”\"–—]")
_WORD = re.compile(r"[\w-]+")  # "d’Almaty" is two words
_QUOTED = re.compile(r" \(« [^»]{1,400} »\)")
# Citation markers and closing punctuation at a claim's end. Read after a non-space and with
# possessive loops (three whitespace loops side by side were cubic in a run of spaces), and
# only in the claim's last TRAILER_WINDOW characters.
_TRAILER = re.compile(r"(?<!\s)(?:\s*+\[\d{1,3}(?:\s*+[,–-]\s*+\d{1,3})*+\])*+\s*+[.!?]?\s*+$")
TRAILER_WINDOW = 256


def _trailer_start(claim: str) -> int:
    m = _TRAILER.search(claim, max(0, len(claim) - TRAILER_WINDOW))
    return m.start() if m else len(claim)


def stems(text: str) -> set[str]:
    """Figures and content words cut to five letters: "consulates" meets "consulats",
    "terrorism" meets "terrorisme"."""
    return {t if t.isdigit() else t[:5] for t in tokenize(text, "none")
            if t.isdigit() or len(t) >= 4}


def source_wording(claim: str, sentence: str) -> str | None:
    """The stretch of `sentence` (at most `MAX_WORDS` words) that says most of what `claim`
    says, its figures and dates first, as written there, with two words of context either
    side; None when it shares nothing but names with the claim."""
    anchors = claim_anchors(claim)
    names = {x[:4] for a in anchors if a.kind == "name" for x in stems(a.text)}
    words = list(_WORD.finditer(sentence))
    weight = _hits([w.group() for w in words], anchors, stems(claim), names)
    if not sum(weight):
        return None  # a name alone is no wording of the claim

    def rank(i: int) -> tuple[int, int, int]:  # most held, most tightly, earliest
        w = weight[i:i + MAX_WORDS]
        hit = [j for j, x in enumerate(w) if x]
        return sum(w), -(hit[-1] - hit[0] if hit else 0), -i

    first = max(range(max(1, len(words) - MAX_WORDS + 1)), key=rank)
    hit = [first + j for j, x in enumerate(weight[first:first + MAX_WORDS]) if x]
    # a little context either side ("2 600 militaires", "au moins 13"), not past a comma
    lo, hi = max(0, hit[0] - CONTEXT), min(len(words), hit[-1] + 1 + CONTEXT)
    for i in range(hit[0], lo, -1):
        if _CLAUSE.search(sentence[words[i - 1].end():words[i].start()]):
            lo = i
            break
    for i in range(hit[-1], hi - 1):
        if _CLAUSE.search(sentence[words[i].end():words[i + 1].start()]):
            hi = i + 1
            break
    while hi - lo > 1 and fold(words[hi - 1].group()) in STOPWORDS and hi - 1 > hit[-1]:
        hi -= 1  # not ending on "a", "de", "les"
    if hi - lo < 3:  # "81 ans": with the words before, whose it is
        lo = max(0, hit[0] - CONTEXT)
    quote = sentence[words[lo].start():words[hi - 1].end()].strip(" ,;:.–—")
    return quote if len(quote.split()) >= 3 else None


@lru_cache(maxsize=4096)
def _word_facts(word: str) -> Facts:
    return facts(word)


def _holds_a_number(word: str, numbers: list[Anchor]) -> bool:
    """Whether `word` writes one of the claim's figures: its facts read once (not once per
    figure: claim figures x sentence words, twelfth review F2), and cached, since each part
    of a sentence is read again."""
    f = _word_facts(word)  # read only: shared by every caller
    return any(holds(f, x) for x in numbers)


def _hits(words: list[str], anchors: list[Anchor], wanted: set[str], names: set[str]
          ) -> list[int]:
    """Per word: 3 where a figure of the claim is written (digit groups read together,
    "trois" for "three"), 1 where a content word other than a name is shared (its first four
    letters), else 0."""
    numbers = [x for x in anchors if x.kind != "name"]
    digits = {d for d in wanted if d.isdigit()}
    prefixes = {x[:4] for x in wanted if not x.isdigit()} - names
    out = [0] * len(words)
    for i, w in enumerate(words):
        run = next((j for j in range(i + 1, min(i + 4, len(words)) + 1)
                    if w.isdigit() and "".join(words[i:j]) in digits), None)
        if run is not None:
            out[i:run] = [3] * (run - i)
        elif numbers and _holds_a_number(w, numbers):
            out[i] = 3
        elif out[i]:
            continue  # the tail of a digit group already read
        elif {x[:4] for x in stems(w)} & prefixes:
            out[i] = 1
    return out


def with_wording(claim: str, sentence: str, lang: str | None = None, whole: bool = False
                 ) -> str:
    """`claim` with the source's wording quoted before its citation markers, when the claim
    (in `lang`, the answer's language, else as read) is in another language than its
    supporting sentence; else `claim` as it is. A short claim says little of its language:
    pass `lang` where the answer's is known. `whole`: the claim translates the whole sentence
    (a translated quote), so the whole sentence is its wording (up to `MAX_WHOLE` words)."""
    bare = claim[:_trailer_start(claim)]
    if not bare or "«" in _QUOTED.sub("", claim):
        return claim
    lang = lang or detect_language(bare, "en")
    if detect_language(sentence, lang) == lang:
        return claim
    sentence = _one_sentence(bare, sentence)
    text = " ".join(sentence.split()).strip(" .")
    # a claim about as long as its sentence restates all of it: all of it is its wording
    whole = whole or len(bare.split()) >= max(12, 0.6 * len(text.split()))
    quote = text if whole and len(text.split()) <= MAX_WHOLE else source_wording(bare, sentence)
    if quote is None:
        return claim
    # a quotation inside the quotation; and source text never acts: "[3]" would cite passage
    # 3, markup would render (inert.py)
    quote = inert(quote.replace("«", "“").replace("»", "”"))
    cut = _trailer_start(claim)
    return f"{claim[:cut]} (« {quote} »){claim[cut:]}"


def _one_sentence(claim: str, evidence: str) -> str:
    """The sentence of `evidence` (two adjacent ones, when the verifier read a pair) that
    shares most with the claim: a quote holding a sentence break would be split there as a
    claim of its own ("(« ... au total. Des soldats »)")."""
    parts = split_sentences(evidence)
    if len(parts) < 2:
        return evidence
    anchors = claim_anchors(claim)
    names = {x[:4] for a in anchors if a.kind == "name" for x in stems(a.text)}
    wanted = stems(claim)
    return max(parts, key=lambda p: sum(_hits([w.group() for w in _WORD.finditer(p.text)],
                                              anchors, wanted, names))).text


def without_wording(answer: str) -> str:
    """`answer` without the quoted source wordings: what the writer itself said (whether it
    holds what is asked, or only restates the question, is read on this)."""
    return _QUOTED.sub("", answer)
