"""Check and renumber `[n]` markers so every marker maps to exactly one cited passage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.retrieval import Hit

# [1], [2, 3], [1][2], [1-2] are all read; anything else in brackets is left alone.
_MARKER = re.compile(r"\s?\[(\d{1,3}(?:\s*(?:,|-|–)\s*\d{1,3})*)\]")


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    hit: Hit

    def to_dict(self) -> dict[str, object]:
        c = self.hit.chunk
        return {"n": self.n, "doc_id": c.doc_id, "title": c.title, "chunk_id": c.id,
                "text": c.text, "start": c.start, "end": c.end,
                "score": round(self.hit.score, 6)}


@dataclass(frozen=True, slots=True)
class CheckedAnswer:
    text: str
    citations: list[Citation]
    dropped_markers: int


def _numbers(group: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", group):
        if re.search(r"[-–]", part):
            lo, hi = (int(x) for x in re.split(r"\s*[-–]\s*", part))
            if 0 < hi - lo < 10:
                out.extend(range(lo, hi + 1))
                continue
            out.extend((lo, hi))
        else:
            out.append(int(part))
    return out


def check_citations(text: str, passages: Sequence[Hit]) -> CheckedAnswer:
    """Drop markers that point to no passage; renumber the rest 1..m in order of first use."""
    mapping: dict[int, int] = {}
    order: list[int] = []
    dropped = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal dropped
        kept: list[int] = []
        for n in _numbers(m.group(1)):
            if not 1 <= n <= len(passages):
                dropped += 1
                continue
            if n not in mapping:
                mapping[n] = len(order) + 1
                order.append(n)
            if mapping[n] not in kept:
                kept.append(mapping[n])
        return " " + "".join(f"[{k}]" for k in kept) if kept else ""

    out = _MARKER.sub(repl, text)
    out = re.sub(r"[ \t]{2,}", " ", out).strip()
    citations = [Citation(mapping[n], passages[n - 1]) for n in order]
    return CheckedAnswer(out, citations, dropped)


def markers_in(text: str) -> list[int]:
    """Every marker number in a checked answer, in order of appearance."""
    return [n for m in _MARKER.finditer(text) for n in _numbers(m.group(1))]


class StreamRenumberer:
    """Renumber markers while text streams, as `check_citations` does on the whole text.

    A marker split across pieces ("[", "2", "]") is held back until it closes, so a client
    that cannot replace streamed text (an OpenAI chat client) still sees final numbers.
    """

    def __init__(self, n_passages: int) -> None:
        self._n = n_passages
        self.mapping: dict[int, int] = {}
        self._held = ""
        self._last = ""  # last character sent: a marker after a sent space gets no second one

    def _renumber(self, text: str) -> str:
        def repl(m: re.Match[str]) -> str:
            kept: list[int] = []
            for n in _numbers(m.group(1)):
                if 1 <= n <= self._n:
                    new = self.mapping.setdefault(n, len(self.mapping) + 1)
                    if new not in kept:
                        kept.append(new)
            return " " + "".join(f"[{k}]" for k in kept) if kept else ""

        return _MARKER.sub(repl, text)

    def _emit(self, text: str) -> str:
        out = self._renumber(text)
        if out.startswith(" [") and (not self._last or self._last.isspace()):
            out = out[1:]
        if out:
            self._last = out[-1]
        return out

    def feed(self, piece: str) -> str:
        text = self._held + piece
        cut = text.rfind("[")
        if cut >= 0 and "]" not in text[cut:] and len(text) - cut <= 12:
            self._held, text = text[cut:], text[:cut]
        else:
            self._held = ""
        return self._emit(text)

    def flush(self) -> str:
        text, self._held = self._held, ""
        return self._emit(text)
