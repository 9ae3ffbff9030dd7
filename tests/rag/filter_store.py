"""An in-memory SQLite database with the store's schema, one document (and one chunk) per
row: what the filter tests run a filter's SQL against."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from rag.store import _SCHEMA


def filter_store(docs: Sequence[tuple[str, dict[str, object]]]) -> sqlite3.Connection:
    """Documents d0, d1, ... (title T0, ...) with these (source, metadata), one chunk each."""
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    for i, (source, meta) in enumerate(docs):
        db.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?)",
                   (f"d{i}", f"T{i}", source, "h", json.dumps(meta, ensure_ascii=False),
                    "x", 1, 0.0))
        db.execute("INSERT INTO chunks (doc_id, ordinal, text, start, end, tokens, vector) "
                   "VALUES (?,0,'x',0,1,'',x'')", (f"d{i}",))
    return db
