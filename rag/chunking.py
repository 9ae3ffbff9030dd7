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
        self._length = lambda s: max(0, count_tokens(s) - base)
        self.limit = max(16, min(chunk_tokens, max_tokens - TITLE_TOKEN_RESERVE))
        self.overlap = min(overlap, self.limit // 2)
        self.hard_limit = max_tokens - TITLE_TOKEN_RESERVE
        self._splitter: Any = None

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
        pos = 0
        for piece in self._get_splitter().split_text(doc.text):
            for part in self._enforce_limit(piece):
                start = doc.text.find(part, pos)
                if start < 0:  # cannot happen for substrings; keep offsets honest if it does
                    start = doc.text.find(part)
                if start < 0:
                    raise AssertionError(f"chunk not found in document {doc.id!r}")
                end = start + len(part)
                chunks.append(Chunk(doc.id, len(chunks), part, start, end, doc.title))
                pos = start + 1
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
