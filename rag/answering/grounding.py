"""Generated answers checked claim by claim before anyone sees them.

A model's text is held back one sentence at a time; each complete sentence goes through the
claim verifier (`verify.py`) against the passages its `[n]` markers cite. A supported claim is
kept; a claim another passage supports is re-cited to that passage; any other claim is dropped,
so an unsupported claim is never shown as cited. What supported each kept citation (score, the
sentence and its offsets in the document) travels with it to the API.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.citations import Support, strip_markers
from rag.answering.extractive import cite
from rag.answering.verify import Claim, Passage, Verifier
from rag.retrieval import Hit
from rag.sentences import split_sentences


class Grounder:
    """Checks generated text against the passages it was written from."""

    def __init__(self, verifier: Verifier, passages: Sequence[Hit]) -> None:
        self._verifier = verifier
        self._hits = list(passages)
        self._passages = [Passage(h.chunk.text, h.chunk.title) for h in passages]
        self._forms = number_forms("\n".join(p.text for p in self._passages))
        self.support: dict[int, Support] = {}  # passage number -> best support seen
        self.dropped = 0
        self.recited = 0

    def _note(self, n: int, score: float, start: int, end: int, text: str) -> None:
        hit = self._hits[n - 1]
        s = Support(score, hit.chunk.start + start, hit.chunk.start + end, text)
        if n not in self.support or score > self.support[n].score:
            self.support[n] = s

    def _keep(self, answer: str, c: Claim) -> str | None:
        piece = answer[c.start:c.end].strip()
        if c.supported and c.evidence is not None:
            self._note(c.evidence.passage, c.score, c.evidence.start, c.evidence.end,
                       c.evidence.text)
            if not c.citations:  # a claim with no marker gets the passage that holds it
                return cite(piece, c.evidence.passage)
            return piece
        if c.support is not None:
            self.recited += 1
            alt = c.support
            self._note(alt.passage, alt.score, alt.start, alt.end, alt.text)
            return cite(strip_markers(piece), alt.passage)
        self.dropped += 1
        return None

    def check(self, text: str) -> str:
        """`text` with supported claims kept, re-cited ones renumbered, the rest removed."""
        if not text.strip():
            return ""
        text = copy_number_forms(text, self._forms)
        result = self._verifier.verify(text, self._passages)
        kept = [k for c in result.claims if (k := self._keep(text, c))]
        return " ".join(kept)


# A number written with thousands groups: "2 600", "2,600", "2, 600", "750.000", "3 000 000".
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:(?:[ \u00a0\u202f]|[,.][ \u00a0\u202f]?)\d{3})+"
                      r"(?![\d]|[,.]\d)")


def _value(text: str) -> str:
    return re.sub(r"\D", "", text)


def number_forms(source: str) -> dict[str, str]:
    """Each grouped number of `source` by its digits, as the source writes it."""
    forms: dict[str, str] = {}
    for m in _GROUPED.finditer(source):
        forms.setdefault(_value(m.group(0)), m.group(0))
    return forms


def copy_number_forms(claim: str, source: str | dict[str, str]) -> str:
    """`claim` with each grouped number written as its supporting source writes it: a model
    turns "2 600" into "2,600" or "2, 600"; the answer keeps the source's digit groups, so a
    French figure reads as in the article and can be found in it. `source` is the text, or
    its `number_forms` computed once."""
    forms = number_forms(source) if isinstance(source, str) else source

    def swap(m: re.Match[str]) -> str:
        return forms.get(_value(m.group(0)), m.group(0))

    return _GROUPED.sub(swap, claim) if forms else claim


class SentenceBuffer:
    """Streamed text released a whole sentence at a time (its markers included)."""

    def __init__(self) -> None:
        self._text = ""

    def feed(self, piece: str) -> str:
        """The sentences completed by `piece` ("" while the current one is still open)."""
        self._text += piece
        spans = split_sentences(self._text)
        if len(spans) < 2:
            return ""
        cut = spans[-1].start
        done, self._text = self._text[:cut], self._text[cut:]
        return done

    def flush(self) -> str:
        done, self._text = self._text, ""
        return done
