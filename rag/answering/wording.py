"""The source's own words beside a claim written in another language.

A model answering an English question from French sources writes "Nazarbayev was 81 years
old [1]": right, but the reader cannot see what the source says without opening it, and a
translated figure or term ("consulates", "at least 13") is the model's rendering, not the
source's. Once the claim is verified, the clause of its supporting sentence that holds the
claim's figures, dates and words is quoted after it, as written:
"Nazarbayev was 81 years old (« Noursoultan Nazarbaïev, 81 ans ») [1]."
The quote is a verbatim substring of the supporting sentence, so it is never an invented
quotation, and it is short (a clause, at most `MAX_WORDS` words).
"""

from __future__ import annotations

import re

from rag.answering.anchors import Anchor, claim_anchors, facts, holds
from rag.answering.language import detect_language
from rag.text import STOPWORDS, fold

MAX_WORDS = 14
# Where a sentence's clauses part: punctuation and quotation marks.
_CUT = re.compile(r"[,;:()«»“”\"–—]")
_WORD = re.compile(r"[\w-]+")  # "d’Almaty" is two words
_QUOTED = re.compile(r" \(« [^»]{1,400} »\)")
_TRAILER = re.compile(r"(?:\s*\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])*\s*[.!?]?\s*$")


def _stems(text: str) -> set[str]:
    """Digits and content words cut to five letters: "consulates" meets "consulats"."""
    out = set()
    for w in _WORD.findall(fold(text)):
        w = w.strip("’'-")
        if w.isdigit():
            out.add(w)
        elif len(w) >= 4 and w not in STOPWORDS:
            out.add(w[:5])
    return out


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CUT.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def source_wording(claim: str, sentence: str) -> str | None:
    """The clause of `sentence` that says what `claim` says (its figures and dates, else its
    content words), as written there; None when no clause shares more than a name."""
    anchors = claim_anchors(claim)
    wanted = _stems(claim)
    best: tuple[float, int, int] | None = None
    for a, b in _clauses(sentence):
        text = sentence[a:b]
        f = facts(text)
        held = [x for x in anchors if holds(f, x)]
        figures = sum(1 for x in held if x.kind != "name")
        names = {fold(x.text) for x in held if x.kind == "name"}
        shared = {s for s in wanted & _stems(text)
                  if not s.isdigit() and not any(n.startswith(s) for n in names)}
        if not figures and not shared:
            continue  # a name alone: the claim already says it
        score = 2.0 * figures + len(shared) + 0.5 * len(names)
        if best is None or score > best[0]:
            best = (score, a, b)
    if best is None:
        return None
    _, a, b = best
    if len(sentence[a:b].split()) < 3:  # "81 ans": with the clause before, whose it is
        before = [s for s in _clauses(sentence) if s[1] <= a]
        if before:
            a = before[-1][0]
    words = list(_WORD.finditer(sentence, a, b))
    weight = _hits([w.group() for w in words], anchors, wanted)
    if sum(weight) < 2:
        return None  # one shared word is no wording of the claim
    if len(words) > MAX_WORDS:  # the stretch holding most of the claim, figures first
        def rank(i: int) -> tuple[int, int, int]:  # most held, most tightly, earliest
            w = weight[i:i + MAX_WORDS]
            hit = [j for j, x in enumerate(w) if x]
            return sum(w), -(hit[-1] - hit[0] if hit else 0), -i
        first = max(range(len(words) - MAX_WORDS + 1), key=rank)
        hit = [first + j for j, x in enumerate(weight[first:first + MAX_WORDS]) if x]
        # with a little context either side ("2 600 militaires", "au moins 13")
        words = words[max(0, hit[0] - 2):hit[-1] + 3]
        a, b = words[0].start(), words[-1].end()
    quote = sentence[a:b].strip(" ,;:.–—")
    return quote if len(quote.split()) >= 3 else None


def _hits(words: list[str], anchors: list[Anchor], wanted: set[str]) -> list[int]:
    """Per word: 3 where a figure of the claim is written (digit groups read together,
    "trois" for "three"), 1 where a content word is shared (its first four letters), else 0."""
    numbers = [x for x in anchors if x.kind != "name"]
    digits = {d for d in wanted if d.isdigit()}
    prefixes = {x[:4] for x in wanted if not x.isdigit()}
    out = [0] * len(words)
    for i, w in enumerate(words):
        run = next((j for j in range(i + 1, min(i + 4, len(words)) + 1)
                    if w.isdigit() and "".join(words[i:j]) in digits), None)
        if run is not None:
            out[i:run] = [3] * (run - i)
        elif numbers and any(holds(facts(w), x) for x in numbers):
            out[i] = 3
        elif out[i]:
            continue  # the tail of a digit group already read
        elif {x[:4] for x in _stems(w)} & prefixes:
            out[i] = 1
    return out


def with_wording(claim: str, sentence: str, lang: str | None = None) -> str:
    """`claim` with the source's wording quoted before its citation markers, when the claim
    (in `lang`, the answer's language, else as read) is in another language than its
    supporting sentence; else `claim` as it is. A short claim says little of its language:
    pass `lang` where the answer's is known."""
    bare = _TRAILER.sub("", claim)
    if not bare or "«" in claim:
        return claim
    lang = lang or detect_language(bare, "en")
    if detect_language(sentence, lang) == lang:
        return claim
    quote = source_wording(bare, sentence)
    if quote is None:
        return claim
    m = _TRAILER.search(claim)
    cut = m.start() if m else len(claim)
    return f"{claim[:cut]} (« {quote} »){claim[cut:]}"


def without_wording(answer: str) -> str:
    """`answer` without the quoted source wordings: what the writer itself said (whether it
    holds what is asked, or only restates the question, is read on this)."""
    return _QUOTED.sub("", answer)
