"""The unit of ingestion: one document with its text and metadata."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from rag.unicode_safe import stream_safe


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str = ""
    source: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    # site furniture lines the loader removed from `text` (reported, never stored or hashed)
    dropped_lines: int = field(default=0, compare=False)

    @property
    def content_hash(self) -> str:
        """Identity of what gets chunked and embedded; unchanged hash means nothing to redo."""
        h = hashlib.sha256()
        h.update(self.title.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        h.update(json.dumps(self.metadata, sort_keys=True, default=str).encode())
        return h.hexdigest()


# Characters normalised at a time: at most 18 times that in memory, and one C call that holds
# the GIL ~4 ms at most ("\ufdfa"). A server counts documents in a worker thread: with pieces of
# 65,536 (60 ms a call) its event loop, waiting for the GIL at each step of a request, answered
# /health in 0.27 s (median; 0.5 s at worst) while 12 such documents were counted; 0.04 s with
# these (ninth review, F2).
_NFKC_PIECE = 1 << 12


def embedded_chars(text: str) -> int:
    """What `text` costs to chunk and embed, in characters: the longer of it and its NFKC
    form, which the embedder reads (rag/embedders/e5.py). One character can be 18 there
    ("\ufdfa"): 1,000 of them (3 KB) made 30 chunks and 4.4 s of ingest where 3,000 Latin
    characters made 8 and 0.9 s, while every limit counted 1,000 (seventh review, F4). The
    limits on a document's text charge this; the stored text is never changed. Text already in
    NFKC (nearly all) is counted as it is; other text is normalised a piece at a time, so a
    character sequence cut between two pieces may count a character or two more."""
    if text.isascii():
        return len(text)
    # a piece at a time, the quick check too: over the whole text, a "maybe" (combining marks
    # in order) normalised all of it in one call (20 MB: 1.8 s holding the GIL; re-check A);
    # and each piece made stream-safe, so no run of marks is sorted in quadratic time (B)
    nfkc = 0
    for i in range(0, len(text), _NFKC_PIECE):
        piece = text[i:i + _NFKC_PIECE]
        nfkc += (len(piece) if unicodedata.is_normalized("NFKC", piece)
                 else len(unicodedata.normalize("NFKC", stream_safe(piece))))
    return max(len(text), nfkc)
