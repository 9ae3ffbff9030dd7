"""A fallback answer put into the question's language, shown only once every claim checks out.

When a generative answer does not hold up, the pipeline quotes the evidence as written: French
sentences for an English question. The same model is then asked to translate those quotes (or
a verified answer it wrote in the wrong language) sentence by sentence, keeping each `[n]`.
The translation is a new text, so it is checked like any answer before it is shown: every
claim shown supported by its passage (the cross-lingual verifier: names, numbers and dates
held, meaning close; a claim the model left uncited gets the passage that holds it), no
passage cited that was not quoted, the first sentence (the best evidence) verified with every
number it quoted, and the text in the asked language. A later sentence that does not verify is
left out; anything less and the quotes stay as written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.answering.citations import Support, strip_markers
from rag.answering.extractive import cite
from rag.answering.grounding import SentenceBuffer, copy_number_forms, number_forms
from rag.answering.language import answer_language, detect_language
from rag.answering.prompt import (
    LANGUAGE_NAMES,
    NOT_IN_SOURCES,
    says_not_in_sources,
    translate_messages,
)
from rag.answering.verify import Evidence, Passage, Verifier, split_claims
from rag.answering.wording import with_wording
from rag.llm.base import LLM, CancelToken, Message, Usage
from rag.retrieval import Hit

log = logging.getLogger(__name__)

# Generated tokens allowed per character of the original (French runs ~3.5 characters a
# token; an English rendering is no longer), plus a margin for the markers.
TOKENS_PER_CHAR = 0.4
MAX_TOKENS = 400

# A number as written: "2 600" (digit groups) or "30"; compared by its digits.
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+")


@dataclass(frozen=True, slots=True)
class Translation:
    text: str  # passage numbering, as the original
    support: dict[int, Support]  # passage number -> the sentence that supports its claims


def pieces_of(text: str) -> list[tuple[int, str]]:
    """`text`'s claims as (first cited passage, claim without markers); uncited ones are
    left out (nothing cited, nothing to check a translation against)."""
    return [(c.citations[0], c.text) for c in split_claims(text) if c.citations]


def needs_translation(pieces: Sequence[tuple[int, str]], lang: str) -> bool:
    """Whether the text is in another language than `lang` (and `lang` is one the prompt
    can ask for)."""
    text = " ".join(t for _, t in pieces)
    return lang in LANGUAGE_NAMES and bool(text) and detect_language(text, lang) != lang


_LEADING = re.compile(r"^\s*\[(\d{1,3})\]\s*(.+?)\s*$")


def _as_answer(text: str) -> str:
    """The model's text as an answer: lines written the way sources are ("[2] The ministry
    ...") get their marker after the sentence, and a trailing NOT_IN_SOURCES after a
    translation is dropped."""
    lines = [ln for ln in text.replace(NOT_IN_SOURCES, "\n").splitlines() if ln.strip()]
    out = [cite(m.group(2), int(m.group(1))) if (m := _LEADING.match(ln)) else ln.strip()
           for ln in lines]
    return " ".join(" ".join(out).split())


def _numbers(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group(0)) for m in _NUMBER.finditer(strip_markers(text))}


def translation_budget(pieces: Sequence[tuple[int, str]]) -> int:
    chars = sum(len(t) for _, t in pieces)
    return min(MAX_TOKENS, int(chars * TOKENS_PER_CHAR) + 16 * len(pieces) + 16)


def check(text: str, pieces: Sequence[tuple[int, str]], passages: Sequence[Hit],
          verifier: Verifier, lang: str) -> Translation | None:
    """The translation made to write numbers as its sources do, if it holds up (see the
    module doc); None otherwise. A later sentence that does not verify (a name misspelt in
    translation, a date reworded) is left out rather than the whole translation: what is
    shown is verified, and the first sentence, the best evidence, must be."""
    text = _as_answer(text)
    if not text or says_not_in_sources(text):
        return _rejected("empty or declined", text)
    sources = [Passage(h.chunk.text, h.chunk.title) for h in passages]
    text = copy_number_forms(text, number_forms("\n".join(p.text for p in sources)))
    claims = verifier.verify(text, sources, recite=False).claims
    if not claims:
        return _rejected("no claims", text)
    quoted = {n for n, _ in pieces}
    kept: list[tuple[str, Evidence]] = []
    for i, c in enumerate(claims):
        if set(c.citations) - quoted:  # a passage cited that was not quoted
            return _rejected("passages cited", text)
        if not (c.supported and c.evidence is not None):
            if i == 0:
                missing = c.evidence.missing if c.evidence is not None else ()
                return _rejected(f"first claim {c.reason} {c.score:.2f} {list(missing)}", text)
            continue
        piece = text[c.start:c.end].strip()
        if not c.citations:  # the model left the marker out: the passage that holds it
            piece = cite(piece, c.evidence.passage)
        kept.append((piece, c.evidence))
    said = " ".join(piece for piece, _ in kept)
    if answer_language(strip_markers(said), lang) != lang:
        return _rejected("language", said)
    if lost := _numbers(pieces[0][1]) - _numbers(said):
        # a figure of the best sentence left out (or rewritten): it lost what was quoted
        return _rejected(f"numbers {sorted(lost)}", said)
    if pieces[0][0] not in {ev.passage for _, ev in kept}:
        return _rejected("the first passage", said)
    support: dict[int, Support] = {}
    for _, ev in kept:
        chunk = passages[ev.passage - 1].chunk
        sup = Support(ev.score, chunk.start + ev.start, chunk.start + ev.end, ev.text)
        if ev.passage not in support or sup.score > support[ev.passage].score:
            support[ev.passage] = sup
    return Translation(" ".join(with_wording(piece, ev.text, lang, whole=True)
                                for piece, ev in kept),
                       support)


def _rejected(why: str, text: str) -> Translation | None:
    log.debug("translation rejected (%s): %s", why, text[:300])
    return None


def translate(llm: LLM, verifier: Verifier, pieces: Sequence[tuple[int, str]],
              passages: Sequence[Hit], lang: str, cancel: CancelToken | None = None,
              on_usage: Callable[[Usage], None] | None = None) -> Translation | None:
    """`pieces` in `lang` from the model, checked (`check`); None when it does not hold up.
    The first sentence is verified as it completes, and the model is stopped there if it
    fails: a rejected translation then costs only that sentence."""
    messages: list[Message] = translate_messages(pieces, lang)
    sources = [Passage(h.chunk.text, h.chunk.title) for h in passages]
    forms = number_forms("\n".join(p.text for p in sources))
    buffer = SentenceBuffer()
    out: list[str] = []
    checked = False
    stream = llm.stream(messages, translation_budget(pieces), cancel, temperature=0.0,
                        on_usage=on_usage)
    try:
        for piece in stream:
            out.append(piece)
            # sentences written the way sources are ("[2] The ...") are read whole, at the end
            if (done := buffer.feed(piece)) and not checked \
                    and not "".join(out).lstrip().startswith("["):
                checked = True  # the first sentence: the best evidence's, it must hold
                if not _holds(copy_number_forms(_as_answer(done), forms), sources, verifier):
                    return _rejected("the first sentence, as it was written", "".join(out))
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    if cancel is not None and cancel.cancelled:
        return None
    return check("".join(out), pieces, passages, verifier, lang)


def _holds(sentence: str, sources: Sequence[Passage], verifier: Verifier) -> bool:
    """Whether every claim of one finished sentence is supported (by a passage it cites, or,
    uncited, by any: `check` then cites it; a sentinel line has no claim to ask about)."""
    claims = verifier.verify(sentence, sources, recite=False).claims
    return all(c.supported for c in claims)
