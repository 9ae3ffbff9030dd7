"""The unit of ingestion: one document with its text and metadata."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


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
