"""Split documents into overlapping passages measured in the embedder's own tokens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rag.documents import Document

# Paragraphs, lines, then sentence ends (French spacing before ?!: included), closing
# guillemets, clauses, words. Kept at the end of the piece they close. Regexes: a line break
# that the next line continues (", explique X", "." or a lower-case word after a quote set on
# lines of its own) is no boundary, so a quote is not cut from its speaker.
FRENCH_SEPARATORS = [
    r"\n\n",
    r"\n(?![ \t]*[,.;:!?…)»\]a-zà-ÿ])",
    r"\. ",
    r"\? ",
    r"! ",
    r"… ",
    r"» ",
    r"; ",
    r": ",
    r", ",
    r" ",
    "",
]

# Room kept for the title line prepended at embedding time, in tokens.
TITLE_TOKEN_RESERVE = 64
TITLE_MAX_CHARS = 200
# A chunk holds at most this many characters a token of its size (`Chunker.max_chars`):
# sizes are in tokens, and zero-width and other format characters, U+3000, U+2028 and runs
# of spaces count as none, so 500,000 zero-width spaces between two sentences made one chunk
# of 2 M characters (6 MB in each /search and /ask answer that cited it). Real text runs at
# ~4-5 characters a token (5.2 at most over the shipped articles and PIAF, 1,733 chunks of at
# most 578 characters at 128 tokens): 8 leaves every real chunk as it was.
CHUNK_CHARS_PER_TOKEN = 8
# How often the splitter checks whether the caller cancelled, in token counts (~0.1 ms each).
CANCEL_EVERY = 64


@dataclass(frozen=True, slots=True)
class Chunk:
    doc_id: str
    ordinal: int
    text: str
    start: int
    end: int
    title: str = ""

    @property
    def id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"


def embedding_text(chunk: Chunk, with_title: bool) -> str:
    """What the embedder reads for a chunk: the title gives an isolated passage its topic."""
    if with_title and chunk.title and not chunk.text.startswith(chunk.title[:40]):
        return f"{chunk.title[:TITLE_MAX_CHARS]}\n{chunk.text}"
    return chunk.text


class Chunker:
    """Recursive splitting on French-friendly separators, sizes in tokens, exact char offsets."""

    def __init__(
        self,
        count_tokens: Callable[[str], int],
        chunk_tokens: int,
        overlap: int,
        max_tokens: int,
    ) -> None:
        base = count_tokens("")  # specials and prefix, counted once per chunk not per piece
        self._count = count_tokens
        self._base = base
        self.limit = max(16, min(chunk_tokens, max_tokens - TITLE_TOKEN_RESERVE))
        self.overlap = min(overlap, self.limit // 2)
        self.hard_limit = max_tokens - TITLE_TOKEN_RESERVE
        self.max_chars = CHUNK_CHARS_PER_TOKEN * self.limit
        self._splitter: Any = None

    def _length(self, text: str) -> int:
        return max(0, self._count(text) - self._base)

    def _get_splitter(self) -> Any:
        if self._splitter is None:
            self._splitter = self._new_splitter(self._length)
        return self._splitter

    def _new_splitter(self, length: Callable[[str], int]) -> Any:
        # Imported on first use: langchain costs ~0.2 s at start-up, and search never splits.
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        return RecursiveCharacterTextSplitter(
            separators=FRENCH_SEPARATORS,
            is_separator_regex=True,
            keep_separator="end",
            chunk_size=self.limit,
            chunk_overlap=self.overlap,
            length_function=length,
            strip_whitespace=True,
        )

    def _cancellable(self, cancelled: Callable[[], bool]) -> Callable[[str], int]:
        """The token count, raising IngestCancelled once `cancelled()` says so (asked every
        CANCEL_EVERY counts): the splitter spends its time counting (2.5-7 s a MB of text), so
        a cancelled job stops within milliseconds, not at the end of its documents."""
        from rag.ingest import IngestCancelled  # rag.ingest imports this module

        calls = 0

        def length(text: str) -> int:
            nonlocal calls
            if calls % CANCEL_EVERY == 0 and cancelled():
                raise IngestCancelled("the ingest was cancelled; nothing was written")
            calls += 1
            return self._length(text)

        return length

    @property
    def config(self) -> dict[str, object]:
        return {
            "splitter": "recursive-fr-v2",
            "chunk_tokens": self.limit,
            "overlap_tokens": self.overlap,
        }

    def split(self, doc: Document, cancelled: Callable[[], bool] | None = None
              ) -> list[Chunk]:
        """`doc`'s chunks; IngestCancelled (rag.ingest) as soon as `cancelled()` is true."""
        chunks: list[Chunk] = []
        text = doc.text
        prev_start, prev_end = -1, 0
        length: Callable[[str], int]
        if cancelled is None:
            splitter, length = self._get_splitter(), self._length
        else:  # a splitter of its own: the chunker is shared by threads
            length = self._cancellable(cancelled)
            splitter = self._new_splitter(length)
        for piece in splitter.split_text(text):
            for part in self._enforce_limit(piece, length):
                if not _shows_anything(part):  # format characters cut from a run of them
                    continue
                start = _locate(text, part, prev_start, prev_end)
                chunks.append(Chunk(doc.id, len(chunks), part, start, start + len(part),
                                    doc.title))
                prev_start, prev_end = start, start + len(part)
        return chunks

    def _enforce_limit(self, piece: str, length: Callable[[str], int] | None = None
                       ) -> list[str]:
        """Token counts of pieces do not add up exactly: split again anything still too long,
        in tokens or in characters (`max_chars`: characters that count as no token)."""
        length = length or self._length
        if len(piece) > self.max_chars:
            return [p for part in _cut(piece, self.max_chars)
                    for p in self._enforce_limit(part, length)]
        if length(piece) <= self.hard_limit:
            return [piece]
        cut = piece.rfind(" ", 0, len(piece) // 2 + 1)
        if cut <= 0:
            cut = len(piece) // 2
        left, right = piece[:cut].strip(), piece[cut:].strip()
        return [p for half in (left, right) if half for p in self._enforce_limit(half, length)]


def _shows_anything(text: str) -> bool:
    """Whether `text` has a character a reader sees: not only zero-width joiners, bidi marks
    and blanks (a run of them cut at `max_chars` would be chunks of nothing to embed)."""
    return any(c.isprintable() and not c.isspace() for c in text)


def _cut(text: str, most: int) -> list[str]:
    """`text` in stripped pieces of at most `most` characters, each cut at its last space in
    its second half where there is one, else at `most`; pieces of only blanks are left out
    (the splitter strips such pieces away too)."""
    out: list[str] = []
    pos = 0
    while len(text) - pos > most:
        cut = text.rfind(" ", pos + most // 2, pos + most)
        end = cut if cut > pos else pos + most
        out.append(text[pos:end])
        pos = end
    out.append(text[pos:])
    return [p for p in (piece.strip() for piece in out) if p]


def _locate(text: str, part: str, prev_start: int, prev_end: int) -> int:
    """Where the splitter took `part` from: the first match after the previous chunk's start
    that reaches past its end (chunks come in order, each adding new text).

    In purely repetitive text several places match and the choice among them is arbitrary; the
    span is still exact (`text[start:end] == part`).
    """
    lo = prev_start + 1
    while True:
        start = text.find(part, lo)
        if start < 0 or start + len(part) > prev_end:
            break
        lo = start + 1
    if start < 0:  # not expected from a splitter that keeps every character; stay exact anyway
        start = text.find(part)
    if start < 0:
        raise AssertionError("chunk text not found in its document")
    return start
