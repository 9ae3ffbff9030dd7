"""Check and renumber `[n]` markers so every marker maps to exactly one cited passage.

The same pass makes everything between the markers inert (`rag.answering.inert`): a model
copies markup from its sources as readily as facts, so answer text is escaped outside our own
markers, whoever wrote it. A marker is `[n]` (up to three digits); whatever else a client
could read as one becomes parentheses, as in source text (`inert.SOURCE_MARKER`): more digits
(`[1000]` was left as it was), a backslash-escaped one (`\\[2\\]`, shown as `[2]` by
markdown) and what NFKC folds into one (`［3］`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rag.answering.inert import (
    DIGIT,
    MARKUP,
    SEP,
    SOURCE_MARKER,
    drop_bidi_controls,
    escape_one,
    neutralise_markers,
    rewrite,
)
from rag.retrieval import Hit

# [1], [2, 3], [1][2], [1-2] are all read; other bracketed words are left alone, and what a
# client could still take for a marker (SOURCE_MARKER: [1000], \[2\], ［3］, [ 4 ]) becomes
# parentheses. The space before a marker goes with it; a line break stays ("fin [3]\n[1]").
_MARKER = re.compile(r"[ \t]?\[(?P<nums>\d{1,3}(?:\s*(?:,|-|–)\s*\d{1,3})*)\]")
# What may still follow an opening bracket of a marker not closed yet (a stream holds it).
_OPEN_MARKER = re.compile(rf"(?:{DIGIT}|{SEP}|\s)*\\?")
_OPENERS = "[\uff3b\ufe47"
_CLOSERS = "]\uff3d\ufe48"
# One left-to-right scan: a marker, or markup to escape ("\\[1]" is an escaped bracket).


def strip_markers(text: str) -> str:
    """`text` without its `[n]` markers (and the space before each)."""
    return _MARKER.sub("", text)


_TOKEN = re.compile(
    rf"(?P<marker>{_MARKER.pattern})|(?P<lookalike>{SOURCE_MARKER.pattern})|{MARKUP.pattern}")


@dataclass(frozen=True, slots=True)
class Support:
    """The sentence of a cited passage that supports what cites it; offsets in the document."""

    score: float  # cosine between the claim (or question) and the sentence
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"score": round(self.score, 4), "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    hit: Hit
    support: Support | None = None

    def to_dict(self) -> dict[str, object]:
        c = self.hit.chunk
        return {"n": self.n, "doc_id": c.doc_id, "title": c.title, "chunk_id": c.id,
                "text": c.text, "start": c.start, "end": c.end,
                "score": round(self.hit.score, 6),
                "support": self.support.to_dict() if self.support else None,
                **({"page": self.hit.page} if self.hit.page is not None else {})}


@dataclass(frozen=True, slots=True)
class CheckedAnswer:
    text: str
    citations: list[Citation]
    dropped_markers: int  # markers that pointed to no passage (the unit tests read it)


def _numbers(group: str) -> list[int]:
    out: list[int] = []
    for part in "".join(group.split()).split(","):  # (no rescanning of a run of spaces)
        ends = [int(x) for x in re.split(r"[-–]", part)]  # "1-2-3" was a ValueError
        if len(ends) == 2 and 0 < ends[1] - ends[0] < 10:
            out.extend(range(ends[0], ends[1] + 1))
        else:
            out.extend(ends)
    return out


def _render(text: str, marker: Callable[[re.Match[str]], str], before: str = "") -> str:
    """`text` with each marker replaced by `marker(match)`, each look-alike by parentheses
    and all other markup escaped; `before` is what was emitted ahead of it (a "(" right
    after a marker is escaped)."""
    def one(m: re.Match[str]) -> str:
        if m.group("marker") is not None:
            return marker(m)
        if m.group("lookalike") is not None:
            return neutralise_markers(m.group())
        return escape_one(m.group())

    # (an override or isolate a model copies from a source would reorder what follows)
    return rewrite(drop_bidi_controls(text), _TOKEN, one, before)


def check_citations(text: str, passages: Sequence[Hit],
                    numbering: Mapping[int, int] | None = None) -> CheckedAnswer:
    """Drop markers that point to no passage; renumber the rest 1..m in order of first use.

    `numbering` (passage number -> shown number), from a `StreamRenumberer`, is kept and
    extended instead: a streamed answer's final text uses the numbers its stream showed."""
    mapping: dict[int, int] = dict(numbering or {})
    used: list[int] = []
    dropped = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal dropped
        kept: list[int] = []
        for n in _numbers(m.group("nums")):
            if not 1 <= n <= len(passages):
                dropped += 1
                continue
            new = mapping.setdefault(n, len(mapping) + 1)
            if n not in used:
                used.append(n)
            if new not in kept:
                kept.append(new)
        return _space(m, "") + "".join(f"[{k}]" for k in kept) if kept else ""

    out = _collapse(_render(text, repl))
    out = re.sub(r"[ \t]{2,}", " ", out).strip()
    citations = sorted((Citation(mapping[n], passages[n - 1]) for n in used), key=lambda c: c.n)
    return CheckedAnswer(out, citations, dropped)


# A marker repeated with nothing but spaces between ("[2][2]", "[1] [1]"): one is enough.
_REPEATED = re.compile(r"(?<!\\)(\[\d+\])(?:\s*\1)+")
_LAST_MARKER = re.compile(r"(?<!\\)\[\d+\]$")


def _collapse(text: str) -> str:
    return _REPEATED.sub(r"\1", text)


def markers_in(text: str) -> list[int]:
    """Every marker number in a checked answer, in order of appearance."""
    return [n for m in _TOKEN.finditer(text) if m.group("marker") is not None
            for n in _numbers(m.group("nums"))]


class StreamEscaper:
    """Escape markup in streamed text outside `[n]` markers, which pass unchanged, as
    `check_citations` does on the whole text.

    A marker split across pieces ("[", "2", "]") is held back until it closes, so it is
    never escaped by halves; so is a last "_" or "\\" until the next character.
    """

    def __init__(self) -> None:
        self._held = ""
        self._last = ""  # last character sent

    def _marker(self, m: re.Match[str]) -> str:
        return m.group()

    def _emit(self, text: str) -> str:
        out = _render(text, self._marker, self._last)
        if out:
            self._last = out[-1]
        return out

    def feed(self, piece: str) -> str:
        text = self._held + piece
        cut = _open_marker(text)
        if cut is not None:
            self._held, text = text[cut:], text[:cut]
        elif text.endswith(("_", "\\")) and _escapes_before(text, len(text) - 1) % 2 == 0:
            # what follows decides: "a_b" stays, "\\[" is an escape already
            self._held, text = text[-1], text[:-1]
        else:
            self._held = ""
        return self._emit(text)

    def flush(self) -> str:
        text, self._held = self._held, ""
        return self._emit(text)


class StreamRenumberer(StreamEscaper):
    """Renumber markers while text streams, as `check_citations` does on the whole text, so
    a client sees final numbers as they arrive (one that cannot replace streamed text, an
    OpenAI chat client, most of all); markup between them is escaped."""

    def __init__(self, n_passages: int) -> None:
        super().__init__()
        self._n = n_passages
        self.mapping: dict[int, int] = {}  # passage number -> shown number, in order of use
        self._tail = ""  # the marker the text sent so far ends with ("" if none)

    def _marker(self, m: re.Match[str]) -> str:
        kept: list[int] = []
        for n in _numbers(m.group("nums")):
            if 1 <= n <= self._n:
                new = self.mapping.setdefault(n, len(self.mapping) + 1)
                if new not in kept:
                    kept.append(new)
        return _space(m, self._last) + "".join(f"[{k}]" for k in kept) if kept else ""

    def _emit(self, text: str) -> str:
        out = _collapse(_render(text, self._marker, self._last))
        if self._tail:  # the same marker again right after the one sent: dropped, as whole
            again = re.match(rf"\s*{re.escape(self._tail)}", out)
            while again:
                out = out[again.end():]
                again = re.match(rf"\s*{re.escape(self._tail)}", out)
        # a marker after a sent space gets no second one
        if out.startswith(" [") and (not self._last or self._last.isspace()):
            out = out[1:]
        if self._last in (" ", "\t"):  # spaces run together, as check_citations makes them
            out = out.lstrip(" \t")
        if out:
            self._last = out[-1]
            if out.strip():  # spaces alone keep the marker before them as the tail
                end = _LAST_MARKER.search(out.rstrip())
                self._tail = end.group() if end else ""
        return out


def _space(m: re.Match[str], before: str) -> str:
    """A marker is set off by one space, except at the start of a line, where it stays."""
    if m.group()[:1] in (" ", "\t"):
        return " "
    prev = m.string[m.start() - 1] if m.start() > 0 else before[-1:]
    return "" if prev == "\n" else " "


def _open_marker(text: str) -> int | None:
    """Where a marker that may still close starts at the end of `text` (its escaping
    backslash included), or None: a bracket whose tail could still be a marker, however
    long (a marker let out by halves, "[1000" then "0]", would reach the client whole), or
    any unescaped "[" not closed within 12 characters."""
    cut = max(text.rfind(c) for c in _OPENERS)
    if cut < 0 or any(c in text[cut:] for c in _CLOSERS):
        return None
    escaped = _escapes_before(text, cut) % 2 == 1
    if _OPEN_MARKER.fullmatch(text, cut + 1):
        return cut - 1 if escaped else cut
    if not escaped and len(text) - cut <= 12:
        return cut
    return None


def _escapes_before(text: str, i: int) -> int:
    """How many backslashes precede text[i] (odd: the character is escaped)."""
    j = i
    while j > 0 and text[j - 1] == "\\":
        j -= 1
    return i - j
