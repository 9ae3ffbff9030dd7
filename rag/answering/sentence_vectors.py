"""Embeddings of passage sentences, computed once: stored at ingest (`rag.sentence_store`) or
embedded on first sight and cached in memory and beside the index."""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from threading import Lock
from typing import Protocol

import numpy as np

from rag.embedders.base import Embedder, Vectors
from rag.sentence_store import sentence_key

log = logging.getLogger(__name__)

class SentenceVectors(Protocol):
    """Embeddings of passage sentences: stored at ingest, or computed and cached."""

    def __call__(self, texts: Sequence[str]) -> Vectors: ...


class CachedSentenceVectors:
    """Embeds sentences on first sight and keeps them: an LRU in memory and, with `path`, a
    SQLite file beside the index, so a sentence is embedded once per index, not once per
    process (keys are the embedder's name and the sentence text, so they never go stale).

    It is an `Embedder` too (queries pass through uncached), so the claim verifier embeds the
    same passage sentences through the same cache."""

    def __init__(self, embedder: Embedder, size: int = 50_000, path: Path | None = None) -> None:
        self._embedder = embedder
        self._size = size
        self._items: OrderedDict[str, Vectors] = OrderedDict()
        self._lock = Lock()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            try:
                self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("CREATE TABLE IF NOT EXISTS sentence_vectors "
                                 "(key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
            except sqlite3.Error as exc:  # a read-only or damaged file: memory only
                log.warning("sentence vector cache unavailable (%s): memory only", exc)
                self._db = None

    @property
    def name(self) -> str:
        return self._embedder.name

    @property
    def dim(self) -> int:
        return self._embedder.dim

    @property
    def max_tokens(self) -> int:
        return self._embedder.max_tokens

    def count_tokens(self, text: str) -> int:
        return self._embedder.count_tokens(text)

    def embed_query(self, text: str) -> Vectors:
        return self._embedder.embed_query(text)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self(texts)

    def _key(self, text: str) -> bytes:
        """The key ingest stores sentences under (rag.sentence_store): found precomputed."""
        return sentence_key(self._embedder.name, text)

    def _load(self, texts: list[str]) -> dict[str, Vectors]:
        if self._db is None or not texts:
            return {}
        keys = {self._key(t): t for t in texts}
        found: dict[str, Vectors] = {}
        try:
            with self._lock:
                marks = ",".join("?" * len(keys))
                rows = self._db.execute(f"SELECT key, vector FROM sentence_vectors WHERE key IN "
                                        f"({marks})", list(keys)).fetchall()
        except sqlite3.Error:
            return {}
        for key, blob in rows:
            v = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
            if len(v) == self._embedder.dim:
                found[keys[bytes(key)]] = v
        return found

    def _save(self, new: dict[str, Vectors]) -> None:
        if self._db is None or not new:
            return
        rows = [(self._key(t), np.asarray(v, dtype=np.float16).tobytes()) for t, v in new.items()]
        try:
            with self._lock:
                self._db.executemany("INSERT OR REPLACE INTO sentence_vectors VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            log.warning("could not persist sentence vectors: %s", exc)

    def __call__(self, texts: Sequence[str]) -> Vectors:
        found: list[Vectors | None] = []
        with self._lock:
            for t in texts:
                v = self._items.get(t)
                if v is not None:
                    self._items.move_to_end(t)
                found.append(v)
        missing = list(dict.fromkeys(t for t, v in zip(texts, found, strict=True) if v is None))
        new = self._load(missing)
        todo = [t for t in missing if t not in new]
        if todo:
            embedded = dict(zip(todo, self._embedder.embed_passages(todo), strict=True))
            self._save(embedded)
            new.update(embedded)
        if new:
            with self._lock:
                self._items.update(new)
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        if not texts:
            return np.zeros((0, self._embedder.dim), dtype=np.float32)
        return np.stack([v if v is not None else new[t]
                         for t, v in zip(texts, found, strict=True)]).astype(np.float32)
