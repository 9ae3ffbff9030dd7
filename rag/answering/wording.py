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

from rag.answering.anchors import claim_anchors, facts, holds
from rag.answering.language import detect_language
from rag.text import STOPWORDS, fold

MAX_WORDS = 14
# Where a sentence's clauses part: punctuation and quotation marks.
_CUT = re.compile(r"[,;:()«»“”\"–—]")
_WORD = re.compile(r"[\w’'-]+")
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
    if len(words) > MAX_WORDS:
        digits = {d for d in wanted if d.isdigit()}
        texts = [w.group() for w in words]
        at = [i for i in range(len(texts)) if texts[i].isdigit() and any(
            "".join(texts[i:j]) in digits for j in range(i + 1, min(i + 4, len(texts)) + 1))]
        hits = at or [i for i, w in enumerate(words) if _stems(w.group()) & wanted]
        first = max(0, min((hits[0] if hits else 0) - 3, len(words) - MAX_WORDS))
        words = words[first:first + MAX_WORDS]
        a, b = words[0].start(), words[-1].end()
    quote = sentence[a:b].strip(" ,;:.–—")
    return quote or None


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
