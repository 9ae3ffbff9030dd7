"""Split documents into overlapping passages measured in the embedder's own tokens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rag.documents import Document

# Paragraphs, lines, then sentence ends (French spacing before ?!: included), closing
# guillemets, clauses, words. Kept at the end of the piece they close.
FRENCH_SEPARATORS = [
    "\n\n",
    "\n",
    ". ",
    "? ",
    "! ",
    "… ",
    "» ",
    "; ",
    ": ",
    ", ",
    " ",
    "",
]

# Room kept for the title line prepended at embedding time, in tokens.
TITLE_TOKEN_RESERVE = 64
TITLE_MAX_CHARS = 200


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
        self._splitter: Any = None

    def _length(self, text: str) -> int:
        return max(0, self._count(text) - self._base)

    def _get_splitter(self) -> Any:
        # Imported on first use: langchain costs ~0.2 s at start-up, and search never splits.
        if self._splitter is None:
            from langchain_text_splitters import RecursiveCharacterTextSplitter

            self._splitter = RecursiveCharacterTextSplitter(
                separators=FRENCH_SEPARATORS,
                keep_separator="end",
                chunk_size=self.limit,
                chunk_overlap=self.overlap,
                length_function=self._length,
                strip_whitespace=True,
            )
        return self._splitter

    @property
    def config(self) -> dict[str, object]:
        return {
            "splitter": "recursive-fr-v1",
            "chunk_tokens": self.limit,
            "overlap_tokens": self.overlap,
        }

    def split(self, doc: Document) -> list[Chunk]:
        chunks: list[Chunk] = []
        text = doc.text
        prev_start, prev_end = -1, 0
        for piece in self._get_splitter().split_text(text):
            for part in self._enforce_limit(piece):
                start = _locate(text, part, prev_start, prev_end)
                chunks.append(Chunk(doc.id, len(chunks), part, start, start + len(part),
                                    doc.title))
                prev_start, prev_end = start, start + len(part)
        return chunks

    def _enforce_limit(self, piece: str) -> list[str]:
        """Token counts of pieces do not add up exactly: split again anything still too long."""
        if self._length(piece) <= self.hard_limit:
            return [piece]
        cut = piece.rfind(" ", 0, len(piece) // 2 + 1)
        if cut <= 0:
            cut = len(piece) // 2
        left, right = piece[:cut].strip(), piece[cut:].strip()
        return [p for half in (left, right) if half for p in self._enforce_limit(half)]


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
