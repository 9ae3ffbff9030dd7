"""The on-disk index: SQLite is the source of truth, FAISS and BM25 are derived files.

Commit protocol (see index/README.md): one SQLite transaction records documents, chunks and
their vectors and bumps the generation; derived files are then written under new names and the
manifest is swapped in with an atomic rename. A crash before the SQLite commit leaves the old
index; a crash after it leaves a manifest one generation behind, and the next load rebuilds the
derived files from SQLite. Either way the index loads and holds the last committed ingest.
A failure writing the derived files after the commit raises `DerivedWriteError`, which carries
the committed generation built in memory so a server keeps serving what is stored.

Each chunk row carries checksums of its text (with its position and BM25 terms) and of its
vector: queries verify the rows they return and record damage (`damaged()`), `rag check`
verifies every row. Rows of indexes written before the checksums existed have NULL sums
("unchecked") until the next commit fills them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rag.bm25 import BM25Index
from rag.chunking import Chunk
from rag.config import Settings
from rag.dense import DenseConfig, configure, fits, id_selector
from rag.dense import build as build_dense
from rag.documents import Document
from rag.errors import (
    BM25SettingsChangedError,
    DerivedWriteError,
    IndexCorruptError,
    IndexMismatchError,
    IndexWriteError,
    RagError,
)
from rag.filters import SHOWN_SOURCE_SQL, Filter, FilterError, parse_filter, to_sql
from rag.local_files import NotARegularFile, read_file_bytes
from rag.sentence_store import SentenceScores, SentenceStore
from rag.sources import shown_source

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1024 * 1024  # a few hundred bytes as written
DB_FILE = "store.sqlite"
LOCK_FILE = ".lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    metadata TEXT NOT NULL,
    text TEXT NOT NULL,
    n_chunks INTEGER NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    tokens TEXT NOT NULL,
    vector BLOB NOT NULL,
    text_sum TEXT,
    vector_sum TEXT
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
"""


_SQL_INT_MAX = 2**63 - 1  # SQLite's integers: a larger Python int is an OverflowError


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    doc_id: str
    title: str
    n_chunks: int
    source: str


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    """A document ready to be written: its chunks, their BM25 tokens and their vectors."""

    document: Document
    chunks: list[Chunk]
    tokens: list[list[str]]
    vectors: npt.NDArray[np.float32]
    # The row id of its first chunk (the rest follow): a cluster allocates ids cluster-wide in
    # the order one box would, so equal scores order alike. None: the next free id.
    first_id: int | None = None


def _part(value: str | bytes | int) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")


def text_sum(doc_id: str | bytes, ordinal: int, start: int, end: int, text: str | bytes,
             tokens: str | bytes) -> str:
    """Checksum of what a chunk row says besides its vector (first 16 hex digits of sha256);
    bytes or str give the same sum, so damaged rows can be checked without decoding them."""
    h = hashlib.sha256()
    for value in (doc_id, ordinal, start, end, text, tokens):
        h.update(_part(value))
        h.update(b"\0")
    return h.hexdigest()[:16]


def vector_sum(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()[:16]


def _io_reason(exc: OSError) -> str:
    """The OS error without the path: messages reach HTTP clients."""
    if exc.errno is not None and exc.strerror:
        return f"[Errno {exc.errno}] {exc.strerror}"
    return str(exc) or type(exc).__name__


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # a disk-full write must not leave half a file
            tmp.unlink()
        raise


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Snapshot:
    """One committed generation, loaded for reading: FAISS, BM25 and chunk lookup."""

    def __init__(self, store: IndexStore, manifest: dict[str, Any], dense: Any, bm25: BM25Index):
        self.store = store
        self.manifest = manifest
        self.dense = dense
        self.bm25 = bm25
        self.unsaved: str | None = None  # why the files of this generation are not on disk
        self._filter_lock = threading.Lock()
        self._metadata_keys: frozenset[str] | None = None
        self._allowed: OrderedDict[str, Allowed] = OrderedDict()

    @property
    def generation(self) -> int:
        return int(self.manifest["generation"])

    @property
    def n_chunks(self) -> int:
        return int(self.manifest["counts"]["chunks"])

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]:
        return self.store.chunks_by_id(ids)

    def sentence_scores(self, embedder_name: str) -> SentenceScores | None:
        """This index's stored sentences (sentences.sqlite), None when it has none."""
        root = getattr(self.store, "root", None)
        if root is None:
            return None
        found = SentenceStore(root, embedder_name, create=False)
        return found if found.available else None

    def metadata_keys(self) -> frozenset[str]:
        """Every key of any document's metadata, read once per generation."""
        if self._metadata_keys is None:
            self._metadata_keys = frozenset(self.store.metadata_keys())
        return self._metadata_keys

    def allowed(self, raw: object, filter_keys: Iterable[str] | None = None) -> Allowed | None:
        """The chunks a filter keeps (None: no filter), as FAISS ids and a BM25 row mask.

        `raw` is the JSON object (or its text) or a parsed Filter; an unknown key (one
        outside `filter_keys` when they are set) or a bad value raises FilterError. Resolved
        sets are kept in a small LRU: this snapshot is one generation, so the key is the
        filter alone."""
        if raw is None or raw == "" or raw == {}:
            return None
        if not isinstance(self.bm25, BM25Index):  # a cluster's fan-out takes no row mask yet
            raise FilterError("filters are not supported over a sharded index yet")
        f = raw if isinstance(raw, Filter) else parse_filter(
            raw, self.metadata_keys() if filter_keys is None else None, filter_keys)
        if f is None:
            return None
        # repr, not hash(f): keeps 1 and true apart; its digest, so 64 cached filters of
        # 1,000 long values each do not hold their text for the generation's life
        key = hashlib.sha256(repr(f).encode("utf-8", "surrogatepass")).hexdigest()
        with self._filter_lock:
            hit = self._allowed.get(key)
            if hit is not None:
                self._allowed.move_to_end(key)
                return hit
        ids = self.store.filter_ids(f)
        rows = self.bm25.ids
        mask = np.isin(rows, ids) if len(rows) else np.zeros(0, dtype=bool)
        found = Allowed(ids, mask, int(mask.sum()), id_selector(ids))
        with self._filter_lock:
            self._allowed[key] = found
            while len(self._allowed) > FILTER_CACHE:
                self._allowed.popitem(last=False)
        return found


FILTER_CACHE = 64  # resolved filters kept per snapshot


@dataclass(frozen=True, slots=True)
class Allowed:
    """A resolved filter: allowed chunk ids (sorted; FAISS ids) and a mask over BM25 rows."""

    ids: npt.NDArray[np.int64]
    mask: npt.NDArray[np.bool_]
    count: int  # allowed rows in this snapshot's BM25 index
    selector: Any = None  # rag.dense.id_selector(ids), built once per filter


class IndexStore:
    """Reads and writes one index directory. Writers take an exclusive file lock."""

    @classmethod
    def open(cls, settings: Settings) -> IndexStore:
        return cls(settings.index_dir, DenseConfig(settings.ivf_threshold, settings.ivf_nprobe))

    def __init__(self, root: Path, dense: DenseConfig | None = None) -> None:
        self.root = Path(root)
        self.dense_config = dense or DenseConfig()
        self._local = threading.local()
        self._sums: bool | None = None  # the chunk table has checksum columns
        self._damage: dict[int, str] = {}  # chunk id -> what a query found wrong with it
        self._damage_lock = threading.Lock()
        # Set by the service (the corpus directories): a `source` filter then compares the
        # source as `GET /documents` shows it (rag.sources), never the stored server path.
        self.source_roots: tuple[str, ...] | None = None

    # ---- paths and connections -------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILE

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def exists(self) -> bool:
        return self.db_path.exists()

    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if not self.db_path.exists():
                raise RagError(f"no index at {self.root}: run `rag ingest PATH` first")
            try:
                conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA foreign_keys=ON")
                conn.create_function(SHOWN_SOURCE_SQL, 1, self._shown_source,
                                     deterministic=True)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                raise IndexCorruptError(
                    f"index database {self.db_path} is unreadable ({exc}); re-ingest into a new "
                    "index directory"
                ) from None
            self._local.conn = conn
        return conn

    def _shown_source(self, source: object) -> str | None:
        return shown_source(source, self.source_roots or ()) if isinstance(source, str) else None

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.db_path, isolation_level=None)
        try:
            conn.executescript(_SCHEMA)
        finally:
            conn.close()

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """One writer at a time across processes; readers never wait on it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / LOCK_FILE).open("a+") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RagError(f"another ingest or delete is writing {self.root}; try again "
                               "when it finishes") from None
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    # ---- metadata ---------------------------------------------------------------------------

    def read_manifest(self) -> dict[str, Any] | None:
        """The manifest, None when there is none; IndexCorruptError when it is damaged (not
        JSON, or not the shape this version writes). Loading treats both alike: rebuilt."""
        try:
            # a link to /dev/zero grew without bound, a FIFO blocked the open (29th review)
            raw = read_file_bytes(self.manifest_path, MAX_MANIFEST_BYTES)
        except FileNotFoundError:
            return None
        except (OSError, NotARegularFile) as exc:
            raise IndexCorruptError(f"{self.manifest_path} is unreadable ({exc})") from None
        try:
            manifest = json.loads(raw)
            _check_manifest_shape(manifest)
        except (ValueError, RecursionError) as exc:
            raise IndexCorruptError(f"{self.manifest_path} is damaged ({exc})") from None
        assert isinstance(manifest, dict)
        return manifest

    def _meta(self, conn: sqlite3.Connection) -> dict[str, str]:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())

    def db_generation(self) -> int:
        return int(self._meta(self._connect()).get("generation", "0"))

    def stored_identity(self) -> dict[str, Any]:
        meta = self._meta(self._connect())
        if not meta.get("identity"):
            raise RagError(f"index at {self.root} is empty: run `rag ingest PATH` first")
        identity: dict[str, Any] = json.loads(meta["identity"])
        return identity

    def check_compatible(self, identity: dict[str, Any]) -> None:
        """Refuse an index made by another embedder, chunker or format: vectors would not match."""
        if not self.exists():
            return
        try:
            meta = self._meta(self._connect())
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(
                f"index database {self.db_path} is unreadable ({exc})"
            ) from None
        if not meta.get("identity"):
            return
        built = json.loads(meta["identity"])
        if built.get("format") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"index at {self.root} has format {built.get('format')}, this version reads "
                f"{FORMAT_VERSION}: re-ingest with `rag ingest --rebuild PATH`, or re-index "
                "the documents it holds with `rag reindex`"
            )
        for key in ("embedder", "dim", "chunker", "bm25"):
            if built.get(key) != identity.get(key):
                error = BM25SettingsChangedError if key == "bm25" else IndexMismatchError
                raise error(
                    f"index at {self.root} was built with {key}={built.get(key)!r}, current "
                    f"settings give {identity.get(key)!r}: re-index the documents it holds "
                    "with `rag reindex`, re-ingest with `rag ingest --rebuild PATH`, or use the "
                    "settings it was built with"
                )

    # ---- reads ------------------------------------------------------------------------------

    def doc_hashes(self) -> dict[str, str]:
        if not self.exists():
            return {}
        rows = self._connect().execute("SELECT doc_id, content_hash FROM documents")
        return dict(rows.fetchall())

    def list_documents(self) -> list[DocumentInfo]:
        if not self.exists():
            return []
        rows = self._connect().execute(
            "SELECT doc_id, title, n_chunks, source FROM documents ORDER BY doc_id"
        )
        return [DocumentInfo(*r) for r in rows.fetchall()]

    def document_page(self, limit: int, offset: int = 0) -> tuple[list[DocumentInfo], int]:
        """`limit` documents from `offset` in `list_documents`' order, and how many there are
        in all: the page and the count are read in SQL (one statement, so one snapshot of the
        index), not by building every document's row in Python to slice it."""
        if not self.exists():
            return [], 0
        rows = self._connect().execute(
            "SELECT n.total, p.doc_id, p.title, p.n_chunks, p.source "
            "FROM (SELECT COUNT(*) AS total FROM documents) n LEFT JOIN ("
            "  SELECT doc_id, title, n_chunks, source FROM documents "
            "  ORDER BY doc_id LIMIT ? OFFSET ?) p ORDER BY p.doc_id",  # the LEFT JOIN gives
            [min(max(0, n), _SQL_INT_MAX) for n in (limit, offset)],  # the total on a row of
        ).fetchall()  # NULLs past the last page; an offset past 2**63 is past it too
        total = int(rows[0][0]) if rows else 0
        return [DocumentInfo(*r[1:]) for r in rows if r[1] is not None], total

    def get_document(self, doc_id: str) -> Document | None:
        row = self._connect().execute(
            "SELECT doc_id, text, title, source, metadata FROM documents WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        return Document(row[0], row[1], row[2], row[3], json.loads(row[4]))

    def doc_pages(self, doc_ids: Sequence[str]) -> dict[str, Any]:
        """`metadata["pages"]` of these documents (those read page by page; rag.pages), read
        only: a bonus for citations, so an unreadable row gives nothing rather than an error."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        try:
            rows = self._connect().execute(
                "SELECT doc_id, json_extract(metadata, '$.pages') FROM documents WHERE doc_id "
                f"IN ({','.join('?' * len(ids))}) AND metadata LIKE '%\"pages\"%'", ids,
            ).fetchall()
            return {d: json.loads(p) for d, p in rows if isinstance(p, str)}
        except (sqlite3.DatabaseError, ValueError):
            return {}

    def metadata_keys(self) -> list[str]:
        """Distinct top-level keys of the documents' metadata (the keys a filter may name)."""
        if not self.exists():
            return []
        rows = self._connect().execute(
            "SELECT DISTINCT j.key FROM documents d, json_each(d.metadata) j "
            "WHERE json_type(d.metadata) = 'object'")
        return sorted(str(r[0]) for r in rows.fetchall())

    def filter_ids(self, f: Filter) -> npt.NDArray[np.int64]:
        """The ids of the chunks whose document matches `f`, sorted (read only)."""
        if not self.exists():
            return np.zeros(0, dtype=np.int64)
        sql, params = to_sql(f, shown_sources=self.source_roots is not None)
        try:
            rows = self._connect().execute(sql, params).fetchall()
        except OverflowError:
            raise FilterError("filters: a number is out of range (64-bit integers)") from None
        except UnicodeEncodeError:  # a lone surrogate ("\\udfff" in JSON): no UTF-8 for SQLite
            raise FilterError("filters: a value holds a lone surrogate, which is not a "
                              "character: send valid Unicode") from None
        except sqlite3.OperationalError as exc:
            if "too many SQL variables" not in str(exc):
                raise
            raise FilterError("filters: too many values") from None
        return np.sort(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))

    def chunks_by_id(self, ids: Sequence[int]) -> dict[int, Chunk]:
        """The chunks with these ids, each checked against its stored checksum. A row that
        cannot be read or fails its checksum is recorded (`damaged()`) and the read raises
        IndexCorruptError: a query never answers from damaged text."""
        if not ids:
            return {}
        wanted = [int(i) for i in ids]
        try:
            rows = self._chunk_rows(wanted)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            bad = [i for i in wanted if not self._row_readable(i)] or wanted
            log.error("chunk rows %s of %s are unreadable: %s", bad, self.root, exc)
            self._record_damage(bad, "unreadable")
            raise IndexCorruptError(_damage_message(bad, "cannot be read")) from None
        out: dict[int, Chunk] = {}
        bad = []
        for cid, doc_id, ordinal, text, start, end, title, tokens, tsum in rows:
            if tsum is not None and tsum != text_sum(doc_id, ordinal, start, end, text, tokens):
                bad.append(cid)
            out[cid] = Chunk(doc_id, ordinal, text, start, end, title)
        if bad:
            log.error("chunk rows %s of %s fail their checksum", bad, self.root)
            self._record_damage(bad, "fails its checksum")
            raise IndexCorruptError(_damage_message(bad, "fail their checksum"))
        return out

    def _chunk_rows(self, ids: Sequence[int]) -> list[tuple[Any, ...]]:
        conn = self._connect()
        sums = "c.tokens, c.text_sum" if self._has_sums(conn) else "NULL, NULL"
        marks = ",".join("?" * len(ids))
        return conn.execute(
            f"SELECT c.id, c.doc_id, c.ordinal, c.text, c.start, c.end, d.title, {sums} "
            f"FROM chunks c JOIN documents d USING (doc_id) WHERE c.id IN ({marks})",
            list(ids),
        ).fetchall()

    def _row_readable(self, cid: int) -> bool:
        try:
            self._chunk_rows([cid])
            return True
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            return False

    def _has_sums(self, conn: sqlite3.Connection) -> bool:
        if self._sums is None:
            cols = {r[1] for r in conn.execute("PRAGMA table_info(chunks)")}
            self._sums = {"text_sum", "vector_sum"} <= cols
        return self._sums

    # ---- damage found by queries ------------------------------------------------------------

    def _record_damage(self, ids: Sequence[int], what: str) -> None:
        with self._damage_lock:
            for i in ids:
                self._damage[int(i)] = what

    def damaged(self) -> dict[int, str]:
        """Chunk rows queries found damaged since this store was opened, still in the index."""
        with self._damage_lock:
            return dict(self._damage)

    def _forget_removed_damage(self) -> None:
        """After a commit: rows that were deleted or replaced are no longer damage (chunk ids
        are never reused)."""
        with self._damage_lock:
            known = list(self._damage)
        if not known:
            return
        marks = ",".join("?" * len(known))
        rows = self._connect().execute(f"SELECT id FROM chunks WHERE id IN ({marks})", known)
        present = {r[0] for r in rows.fetchall()}
        with self._damage_lock:
            for i in known:
                if i not in present:
                    self._damage.pop(i, None)

    # ---- writes -----------------------------------------------------------------------------

    def commit(
        self,
        identity: dict[str, Any],
        upserts: Sequence[IndexedDocument] = (),
        deletes: Sequence[str] = (),
        rebuild: bool = False,
    ) -> Snapshot:
        """Apply one ingest or delete atomically; must be called under `write_lock()`."""
        if not self.exists():
            self._create()
        conn = self._connect()
        now = time.time()
        previous = self._try_load_derived(identity)
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._add_sum_columns(conn)
            gen = int(self._meta(conn).get("generation", "0"))
            if rebuild:
                removed = [r[0] for r in conn.execute("SELECT id FROM chunks")]
                conn.execute("DELETE FROM documents")
            else:
                targets = list(deletes) + [u.document.id for u in upserts]
                removed = self._chunk_ids_of(conn, targets)
                conn.executemany("DELETE FROM documents WHERE doc_id = ?", [(d,) for d in targets])
            added_ids: list[int] = []
            added_vecs: list[npt.NDArray[np.float32]] = []
            for u in upserts:
                d = u.document
                conn.execute(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.id, d.title, d.source, d.content_hash,
                     json.dumps(d.metadata, ensure_ascii=False, default=str), d.text,
                     len(u.chunks), now),
                )
                for j, (c, toks, vec) in enumerate(
                        zip(u.chunks, u.tokens, u.vectors, strict=True)):
                    terms = " ".join(toks)
                    blob = np.ascontiguousarray(vec, dtype=np.float32).tobytes()
                    cur = conn.execute(
                        "INSERT INTO chunks (id, doc_id, ordinal, text, start, end, tokens, "
                        "vector, text_sum, vector_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (None if u.first_id is None else u.first_id + j, c.doc_id, c.ordinal,
                         c.text, c.start, c.end, terms, blob,
                         text_sum(c.doc_id, c.ordinal, c.start, c.end, c.text, terms),
                         vector_sum(blob)),
                    )
                    assert cur.lastrowid is not None
                    added_ids.append(cur.lastrowid)
                    added_vecs.append(vec)
            self._fill_missing_sums(conn)
            gen += 1
            self._set_generation(conn, gen, identity)
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # disk full, I/O error, locked too long
            _rollback(conn)
            raise IndexWriteError(f"nothing was committed: writing the database failed ({exc})"
                                  ) from exc
        except BaseException:
            _rollback(conn)
            raise
        self._forget_removed_damage()
        dense = None
        if previous is not None and previous.generation == gen - 1:
            dense = previous.dense
            expected = dense.ntotal - len(removed) + len(added_ids)
            if not fits(dense, expected, self.dense_config):
                dense = None  # crossing the size threshold (or new shared centroids): rebuild
        if dense is not None:
            if removed:
                dense.remove_ids(np.asarray(removed, dtype=np.int64))
            if added_ids:
                dense.add_with_ids(np.vstack(added_vecs).astype(np.float32),
                                   np.asarray(added_ids, dtype=np.int64))
        return self._write_derived(identity, gen, dense)

    def retokenize(
        self, identity: dict[str, Any], terms: Callable[[str, str], list[str]]
    ) -> Snapshot:
        """Recompute every chunk's BM25 terms from its stored text and title (BM25 settings
        changed); vectors and the FAISS index are kept. Must be called under `write_lock()`."""
        previous = self._try_load_derived(identity)  # dense files don't depend on BM25 settings
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._add_sum_columns(conn)
            rows = conn.execute(
                "SELECT c.id, c.doc_id, c.ordinal, c.start, c.end, c.text, d.title "
                "FROM chunks c JOIN documents d USING (doc_id)"
            ).fetchall()
            updates = []
            for cid, doc_id, ordinal, start, end, text, title in rows:
                toks = " ".join(terms(title, text))
                updates.append((toks, text_sum(doc_id, ordinal, start, end, text, toks), cid))
            conn.executemany("UPDATE chunks SET tokens = ?, text_sum = ? WHERE id = ?", updates)
            self._fill_missing_sums(conn)
            gen = int(self._meta(conn).get("generation", "0")) + 1
            self._set_generation(conn, gen, identity)
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        same = previous is not None and previous.generation == gen - 1
        return self._write_derived(identity, gen, previous.dense if same and previous else None)

    def _add_sum_columns(self, conn: sqlite3.Connection) -> None:
        """Migration, inside the write transaction: indexes from before the checksums."""
        cols = {r[1] for r in conn.execute("PRAGMA table_info(chunks)")}
        for col in ("text_sum", "vector_sum"):
            if col not in cols:
                conn.execute(f"ALTER TABLE chunks ADD COLUMN {col} TEXT")
        self._sums = True

    @staticmethod
    def _fill_missing_sums(conn: sqlite3.Connection) -> None:
        """Checksum the rows written before checksums existed, as they are stored now (read as
        bytes: an undecodable row must not stop the commit; `rag check` reports it)."""
        rows = conn.execute(
            "SELECT id, CAST(doc_id AS BLOB), ordinal, start, end, CAST(text AS BLOB), "
            "CAST(tokens AS BLOB), vector FROM chunks WHERE text_sum IS NULL OR vector_sum IS NULL"
        ).fetchall()
        conn.executemany(
            "UPDATE chunks SET text_sum = ?, vector_sum = ? WHERE id = ?",
            [(text_sum(d, o, s, e, t, k), vector_sum(v), cid) for cid, d, o, s, e, t, k, v in rows],
        )

    @staticmethod
    def _set_generation(conn: sqlite3.Connection, gen: int, identity: dict[str, Any]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [("generation", str(gen)), ("identity", json.dumps(identity, sort_keys=True))],
        )

    @staticmethod
    def _chunk_ids_of(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> list[int]:
        out: list[int] = []
        for d in doc_ids:
            out.extend(r[0] for r in conn.execute("SELECT id FROM chunks WHERE doc_id = ?", (d,)))
        return out

    def rebuild_derived(self, identity: dict[str, Any]) -> Snapshot:
        """Rewrite the FAISS and BM25 files of the committed generation from the database: crash
        repair, or a FAISS index of a kind this version no longer builds at that size."""
        with self.write_lock():
            return self._write_derived(identity, self.db_generation(), None)

    def _write_derived(self, identity: dict[str, Any], gen: int, dense: Any) -> Snapshot:
        """Write FAISS and BM25 files for generation `gen`, then swap the manifest in."""
        import faiss

        conn = self._connect()
        conn.execute("BEGIN")  # one consistent read of the committed generation
        try:
            db_gen = int(self._meta(conn).get("generation", "0"))
            rows = conn.execute("SELECT id, tokens FROM chunks ORDER BY id").fetchall()
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            if dense is None:
                dim = int(identity["dim"])
                vecs = np.empty((len(ids), dim), dtype=np.float32)
                vec_rows = conn.execute("SELECT vector FROM chunks ORDER BY id")
                for i, (blob,) in enumerate(vec_rows):
                    vecs[i] = np.frombuffer(blob, dtype=np.float32)
                dense = build_dense(dim, ids, vecs, self.dense_config)
            n_docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.execute("COMMIT")
        if db_gen != gen:
            raise RagError("the index changed while it was being written; run the command again")
        bm25 = BM25Index.build([r[1].split() for r in rows], ids)

        dense_name, bm25_name = f"dense-{gen:06d}.faiss", f"bm25-{gen:06d}.npz"
        manifest: dict[str, Any] = {
            **identity,
            "generation": gen,
            "counts": {"documents": int(n_docs), "chunks": len(ids)},
            "files": {},
            "updated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        snapshot = Snapshot(self, manifest, dense, bm25)
        step = dense_name
        try:
            _write_atomic(self.root / dense_name, bytes(faiss.serialize_index(dense)))
            step = bm25_name
            _write_atomic(self.root / bm25_name, bm25.to_bytes())
            manifest["files"] = {
                "dense": {"path": dense_name, "sha256": _sha256(self.root / dense_name)},
                "bm25": {"path": bm25_name, "sha256": _sha256(self.root / bm25_name)},
            }
            step = MANIFEST
            _write_atomic(self.manifest_path, json.dumps(manifest, indent=2).encode())
            _fsync_dir(self.root)
        except OSError as exc:
            log.error("generation %d of %s is committed but writing %s failed: %s", gen,
                      self.root, step, exc)
            snapshot.unsaved = f"writing {step} failed: {_io_reason(exc)}"
            raise DerivedWriteError(
                f"the change is committed (generation {gen}: {n_docs} documents, {len(ids)} "
                f"chunks) and searchable, but {snapshot.unsaved}; the index files are rebuilt "
                "from the database at the next load", snapshot) from exc
        self._remove_stale(keep={dense_name, bm25_name})
        return snapshot

    def _remove_stale(self, keep: set[str]) -> None:
        for path in self.root.iterdir():
            stale = path.name.startswith(("dense-", "bm25-", ".dense-", ".bm25-"))
            if stale and path.name not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()

    # ---- load -------------------------------------------------------------------------------

    def _try_load_derived(self, identity: dict[str, Any]) -> Snapshot | None:
        try:
            return self._load_derived(self.read_manifest(), identity)
        except (IndexCorruptError, IndexMismatchError, OSError):
            return None

    def _load_derived(
        self, manifest: dict[str, Any] | None, identity: dict[str, Any]
    ) -> Snapshot | None:
        if manifest is None:
            return None
        import faiss

        files = manifest.get("files", {})
        loaded: dict[str, Path] = {}
        for key in ("dense", "bm25"):
            entry = files.get(key) or {}
            name = str(entry.get("path", ""))
            path = self.root / name
            if not name or "/" in name or not path.is_file():
                raise IndexCorruptError(f"index file for {key} is missing from {self.root}")
            if _sha256(path) != entry.get("sha256"):
                raise IndexCorruptError(f"index file {path} fails its checksum (corrupted)")
            loaded[key] = path
        dense = configure(faiss.deserialize_index(np.fromfile(loaded["dense"], dtype=np.uint8)),
                          self.dense_config)
        bm25 = BM25Index.load(loaded["bm25"])
        if dense.d != identity.get("dim") or dense.ntotal != len(bm25):
            raise IndexCorruptError(f"index files in {self.root} disagree with each other")
        # Counting (through the indexes) and walking each table's b-tree from its root surface
        # damaged database pages now rather than at the first query.
        conn = self._connect()
        n_docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        n_chunks = conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        conn.execute("SELECT length(text) FROM documents LIMIT 1").fetchone()
        conn.execute("SELECT length(text), length(vector) FROM chunks LIMIT 1").fetchone()
        counts = manifest.get("counts") or {}
        if (counts.get("documents"), counts.get("chunks")) != (n_docs, n_chunks) or \
                n_chunks != dense.ntotal:
            raise IndexCorruptError(f"the manifest of {self.root} disagrees with its database")
        return Snapshot(self, manifest, dense, bm25)

    def load(self, identity: dict[str, Any]) -> Snapshot:
        """Open the last committed generation, rebuilding derived files if a crash left them."""
        try:
            return self._load(identity)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise IndexCorruptError(
                f"index database {self.db_path} is damaged ({exc}); re-ingest into a new index "
                "directory"
            ) from None

    def _load(self, identity: dict[str, Any]) -> Snapshot:
        if not self.exists():
            raise RagError(f"no index at {self.root}: run `rag ingest PATH` first")
        self.check_compatible(identity)
        try:
            manifest = self.read_manifest()
        except IndexCorruptError as exc:  # derived like the files it points to: rebuilt
            log.warning("%s; rebuilding it from the database", exc)
            manifest = None
        gen = self.db_generation()
        if manifest is not None and manifest["generation"] == gen:
            try:
                snap = self._load_derived(manifest, identity)
                if snap is not None:
                    return snap
            except IndexCorruptError as exc:
                log.warning("%s; rebuilding from the database", exc)
        log.info("rebuilding the derived index files of %s (generation %d)", self.root, gen)
        try:
            return self.rebuild_derived(identity)
        except DerivedWriteError as exc:  # e.g. a read-only volume: serve it from memory
            log.warning("%s", exc)
            snapshot: Snapshot = exc.snapshot  # type: ignore[assignment]
            return snapshot
        except OSError as exc:
            raise IndexCorruptError(
                f"index at {self.root} needs its derived files rebuilt but cannot be written "
                f"({exc})"
            ) from None




def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open: SQLite ends it by itself on some errors (disk
    full, I/O error), and a failing ROLLBACK must not replace the error that caused it."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            log.error("rollback failed: %s", exc)


def _damage_message(ids: Sequence[int], what: str) -> str:
    shown = ", ".join(str(i) for i in ids[:5]) + (" ..." if len(ids) > 5 else "")
    return (f"the index is damaged: chunk row(s) {shown} {what}; run `rag check`, then delete "
            "and re-ingest the affected documents (or rebuild with `rag ingest --rebuild PATH`)")


def _check_manifest_shape(manifest: Any) -> None:
    """Raise ValueError unless `manifest` has the fields loading reads, with their types."""
    if not isinstance(manifest, dict):
        raise ValueError("not an object")
    counts, files = manifest.get("counts"), manifest.get("files")
    if type(manifest.get("generation")) is not int:
        raise ValueError("no integer generation")
    if not isinstance(counts, dict) or not all(
            type(counts.get(k)) is int for k in ("documents", "chunks")):
        raise ValueError("no document and chunk counts")
    if not isinstance(files, dict) or not all(
            isinstance(files.get(k), dict) for k in ("dense", "bm25")):
        raise ValueError("no file entries")
