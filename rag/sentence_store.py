"""Sentence embeddings kept with the index, in `sentences.sqlite` beside `store.sqlite`.

Two tables. `sentence_vectors` maps (embedder, sentence text) to a float16 vector: the cache the
answering code has always used (rag.answering.sentence_vectors.CachedSentenceVectors), so a sentence
embedded at ingest is found precomputed at answer time and a sentence repeated by overlapping
chunks is embedded once. `chunk_sentences` lists each chunk's sentences (the store's chunk id,
which AUTOINCREMENT never reuses, their offsets into the document and their keys): what the
retrieval signal reads, best sentence per candidate chunk.

The file follows the store, it does not lead it: `sync` runs under the store's write lock after
each commit. When the recorded generation is the one before the commit, only the documents that
changed are redone; otherwise (a crash between the two commits, an index built with the setting
off) the file is reconciled with the store: rows of chunks the store no longer holds go, chunks
without rows are split and embedded. Until then a chunk without rows simply scores by its own
cosine, and answers embed its sentences on demand, as before.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from rag.embedders.base import Embedder, Vectors
from rag.sentences import MAX_SENTENCE_CHARS, embedded_text, joined_sentences

log = logging.getLogger(__name__)

FILE = "sentences.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sentence_vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS chunk_sentences (
    chunk INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    key BLOB NOT NULL,
    PRIMARY KEY (chunk, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chunk_sentences_doc ON chunk_sentences(doc_id);
CREATE INDEX IF NOT EXISTS chunk_sentences_key ON chunk_sentences(key);
CREATE TABLE IF NOT EXISTS sentence_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def sentence_key(embedder: str, text: str) -> bytes:
    """The cache key of one sentence's vector (text as `embedded_text` gives it)."""
    return hashlib.sha1(f"{embedder}\0{text}".encode("utf-8", "replace")).digest()


@dataclass(frozen=True, slots=True)
class ChunkSentence:
    idx: int
    start: int  # offsets into the document
    end: int
    text: str  # what is embedded


def chunk_sentences(text: str, chunk_start: int) -> list[ChunkSentence]:
    """A chunk's sentences as the evidence step scores them, with document offsets."""
    return [ChunkSentence(i, chunk_start + s.start, chunk_start + s.end, embedded_text(s))
            for i, s in enumerate(joined_sentences(text)) if len(s.text) <= MAX_SENTENCE_CHARS]


@dataclass(slots=True)
class SentenceBatch:
    """Sentences of some documents' chunks, embedded before the store's commit (no lock held).
    `chunks[doc_id][ordinal]` are that chunk's sentences; `vectors` are keyed by sentence text."""

    chunks: dict[str, dict[int, list[ChunkSentence]]]
    vectors: dict[str, Vectors]


ChunkRow = tuple[int, str, int, str, int]  # chunk id, doc id, ordinal, text, start


class SentenceScores(Protocol):
    """Where the dense retriever reads each candidate chunk's best sentence cosine: this
    index's file, or a cluster's shards (rag/cluster/search.py)."""

    def best(self, chunk_ids: Sequence[int], query: Vectors) -> dict[int, float]:
        """Each chunk's best sentence cosine with `query`; chunks without stored sentences
        are left out."""
        ...


class SentenceStore:
    """Reads and writes `sentences.sqlite`; one connection, guarded by a lock (it is shared by
    the retrieval threads of a server)."""

    def __init__(self, root: Path, embedder_name: str, create: bool = True) -> None:
        self.path = root / FILE
        self.embedder_name = embedder_name
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if not create and not self.path.exists():
            return
        try:
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None,
                                 timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            self._db = db
        except sqlite3.Error as exc:  # read-only or damaged: no stored sentences
            log.warning("sentence store %s unavailable (%s)", self.path, exc)

    @property
    def available(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def key(self, text: str) -> bytes:
        return sentence_key(self.embedder_name, text)

    # ---- reads ------------------------------------------------------------------------------

    def known(self, texts: Iterable[str]) -> set[str]:
        """Which of these sentence texts already have a vector (embedded before, any chunk)."""
        keys = {self.key(t): t for t in texts}
        if self._db is None or not keys:
            return set()
        out: set[str] = set()
        items = list(keys)
        with self._lock:
            for i in range(0, len(items), 500):
                part = items[i:i + 500]
                rows = self._db.execute(
                    f"SELECT key FROM sentence_vectors WHERE key IN ({','.join('?' * len(part))})",
                    part).fetchall()
                out.update(keys[bytes(r[0])] for r in rows)
        return out

    def best(self, chunk_ids: Sequence[int], query: Vectors) -> dict[int, float]:
        """Each chunk's best sentence cosine with `query`; chunks without stored sentences are
        left out."""
        if self._db is None or not len(chunk_ids):
            return {}
        ids = [int(c) for c in chunk_ids]
        try:
            with self._lock:
                rows = self._db.execute(
                    "SELECT c.chunk, v.vector FROM chunk_sentences c JOIN sentence_vectors v "
                    f"ON v.key = c.key WHERE c.chunk IN ({','.join('?' * len(ids))})",
                    ids).fetchall()
        except sqlite3.Error as exc:
            log.warning("sentence store unreadable (%s): chunk cosines only", exc)
            return {}
        if not rows:
            return {}
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        owners = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        try:
            mat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16)
            mat = mat.reshape(len(rows), -1)
        except ValueError:  # vectors of another size: not this embedder's
            return {}
        if mat.shape[1] != len(q):
            return {}
        # float64 sums, rounded to float32: a row's cosine must not depend on its position in
        # the matrix (BLAS blocks rows), or equal sentences would break ties differently on
        # one box and on a cluster's shards
        cos = (mat.astype(np.float64) @ q.astype(np.float64)).astype(np.float32)
        out: dict[int, float] = {}
        for c, s in zip(owners.tolist(), cos.tolist(), strict=True):
            if s > out.get(c, -2.0):
                out[c] = s
        return out

    def sentences_of(self, chunk_id: int) -> list[tuple[int, int, int]]:
        """(idx, start, end) of a chunk's stored sentences, in order (offsets in the document)."""
        if self._db is None:
            return []
        with self._lock:
            return [(int(a), int(b), int(c)) for a, b, c in self._db.execute(
                "SELECT idx, start, end FROM chunk_sentences WHERE chunk = ? ORDER BY idx",
                (int(chunk_id),))]

    def counts(self) -> tuple[int, int]:
        """(chunk sentences, stored vectors)."""
        if self._db is None:
            return 0, 0
        with self._lock:
            a = self._db.execute("SELECT COUNT(*) FROM chunk_sentences").fetchone()[0]
            b = self._db.execute("SELECT COUNT(*) FROM sentence_vectors").fetchone()[0]
        return int(a), int(b)

    def generation(self) -> int | None:
        if self._db is None:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM sentence_meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else None

    # ---- writes -----------------------------------------------------------------------------

    def embed(self, chunks: Iterable[tuple[str, Sequence[tuple[int, str, int]]]],
              embedder: Embedder, batch_size: int,
              cancelled: Callable[[], bool] | None = None) -> SentenceBatch:
        """Split every (doc_id, [(ordinal, chunk text, chunk start), ...]) and embed the
        sentences this file does not hold yet, `batch_size` at a time."""
        per_doc: dict[str, dict[int, list[ChunkSentence]]] = {}
        for doc_id, parts in chunks:
            per_doc[doc_id] = {o: chunk_sentences(text, start) for o, text, start in parts}
        texts = [s.text for doc in per_doc.values() for c in doc.values() for s in c]
        return SentenceBatch(per_doc, self._embed_new(texts, {}, embedder, batch_size,
                                                      cancelled))

    def _embed_new(self, texts: Iterable[str], have: dict[str, Vectors],
                   embedder: Embedder, batch_size: int,
                   cancelled: Callable[[], bool] | None = None) -> dict[str, Vectors]:
        """Vectors of the texts neither `have` nor this file holds."""
        wanted = [t for t in dict.fromkeys(texts) if t not in have]
        stored = self.known(wanted)
        todo = [t for t in wanted if t not in stored]
        vectors: dict[str, Vectors] = {}
        for i in range(0, len(todo), batch_size):
            if cancelled is not None and cancelled():
                from rag.ingest import IngestCancelled
                raise IngestCancelled("the ingest was cancelled; nothing was written")
            part = todo[i:i + batch_size]
            vectors.update(zip(part, embedder.embed_passages(part), strict=True))
        return vectors

    def sync(self, store_db: Path, generation: int, previous: int | None,
             changed: Sequence[str], batch: SentenceBatch | None, embedder: Embedder | None,
             batch_size: int) -> None:
        """Bring this file to the store's committed `generation`. `changed`: the documents the
        commit replaced or deleted, redone from `batch` (sentences embedded before the commit)
        or embedded now. `previous`: the generation before the commit, None after a rebuild.
        Called under the store's write lock."""
        if self._db is None:
            return
        complete = True
        if previous is None or self.generation() != previous:
            complete = self._reconcile(store_db, batch, embedder, batch_size)
        else:
            self._replace(changed, _chunk_rows(store_db, changed), batch, embedder, batch_size)
        if complete:  # otherwise the next sync reconciles again
            with self._lock:
                self._db.execute("INSERT OR REPLACE INTO sentence_meta VALUES "
                                 "('generation', ?)", (str(generation),))

    def _reconcile(self, store_db: Path, batch: SentenceBatch | None,
                   embedder: Embedder | None, batch_size: int) -> bool:
        """Rows of chunks the store no longer holds go; chunks without rows get them (when
        there is an embedder). True when every stored chunk has its sentences."""
        assert self._db is not None
        present = {r[0] for r in _query(store_db, "SELECT id FROM chunks")}
        with self._lock:
            mine = {r[0] for r in self._db.execute("SELECT DISTINCT chunk FROM chunk_sentences")}
        stale = sorted(mine - present)
        if stale:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    self._collect(self._delete_chunks(stale))
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        missing = sorted(present - mine)
        if not missing:
            return True
        if embedder is None:
            return False
        log.info("embedding the sentences of %d chunks stored without them", len(missing))
        for i in range(0, len(missing), 20_000):
            part = missing[i:i + 20_000]
            rows = _query(store_db, "SELECT id, doc_id, ordinal, text, start FROM chunks "
                          f"WHERE id IN ({','.join('?' * len(part))})", part)
            self._replace([], rows, batch, embedder, batch_size)
        return True

    def _replace(self, docs: Sequence[str], rows: Sequence[ChunkRow],
                 batch: SentenceBatch | None, embedder: Embedder | None,
                 batch_size: int) -> None:
        """Drop the rows of `docs`, write rows for the store's chunk `rows`, in one transaction.
        Sentences come from `batch` when it holds the chunk, else are split here; vectors from
        `batch`, this file, or the embedder (rows without a vector are not written)."""
        assert self._db is not None
        sentences: dict[int, tuple[str, list[ChunkSentence]]] = {}
        for cid, doc_id, ordinal, text, start in rows:
            pre = batch.chunks.get(doc_id, {}).get(ordinal) if batch is not None else None
            sentences[cid] = (doc_id, pre if pre is not None else chunk_sentences(text, start))
        vectors: dict[str, Vectors] = dict(batch.vectors) if batch is not None else {}
        texts = [s.text for _, sents in sentences.values() for s in sents]
        if embedder is not None:
            vectors.update(self._embed_new(texts, vectors, embedder, batch_size))
        stored = self.known(t for t in texts if t not in vectors)
        needed = set(texts)
        new_vecs = [(self.key(t), np.asarray(v, dtype=np.float16).tobytes())
                    for t, v in vectors.items() if t in needed]
        new_rows = [(cid, s.idx, doc_id, s.start, s.end, self.key(s.text))
                    for cid, (doc_id, sents) in sentences.items() for s in sents
                    if s.text in vectors or s.text in stored]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                keys: set[bytes] = set()
                for doc_id in docs:
                    keys.update(bytes(k[0]) for k in self._db.execute(
                        "SELECT key FROM chunk_sentences WHERE doc_id = ?", (doc_id,)))
                    self._db.execute("DELETE FROM chunk_sentences WHERE doc_id = ?", (doc_id,))
                self._db.executemany("INSERT OR REPLACE INTO sentence_vectors VALUES (?, ?)",
                                     new_vecs)
                self._db.executemany("INSERT OR REPLACE INTO chunk_sentences VALUES "
                                     "(?, ?, ?, ?, ?, ?)", new_rows)
                self._collect(keys)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _delete_chunks(self, chunk_ids: Sequence[int]) -> set[bytes]:
        assert self._db is not None
        keys: set[bytes] = set()
        for i in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[i:i + 500])
            marks = ",".join("?" * len(part))
            keys.update(bytes(k[0]) for k in self._db.execute(
                f"SELECT key FROM chunk_sentences WHERE chunk IN ({marks})", part))
            self._db.execute(f"DELETE FROM chunk_sentences WHERE chunk IN ({marks})", part)
        return keys

    def _collect(self, keys: Iterable[bytes]) -> None:
        """Vectors of removed sentences that no other chunk holds go with them."""
        assert self._db is not None
        self._db.executemany(
            "DELETE FROM sentence_vectors WHERE key = ? AND NOT EXISTS "
            "(SELECT 1 FROM chunk_sentences WHERE key = ?)", [(k, k) for k in keys])


def _query(db: Path, sql: str, params: Sequence[object] = ()) -> list[Any]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return list(conn.execute(sql, list(params)).fetchall())
    finally:
        conn.close()


def _chunk_rows(store_db: Path, doc_ids: Sequence[str]) -> list[ChunkRow]:
    """The store's committed chunks of these documents (none for a deleted one)."""
    out: list[ChunkRow] = []
    for i in range(0, len(doc_ids), 500):
        part = list(doc_ids[i:i + 500])
        out.extend(_query(store_db, "SELECT id, doc_id, ordinal, text, start FROM chunks "
                          f"WHERE doc_id IN ({','.join('?' * len(part))})", part))
    return out
