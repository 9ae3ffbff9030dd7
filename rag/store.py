"""The on-disk index: SQLite is the source of truth, FAISS and BM25 are derived files.

Commit protocol (see index/README.md): one SQLite transaction records documents, chunks and
their vectors and bumps the generation; derived files are then written under new names and the
manifest is swapped in with an atomic rename. A crash before the SQLite commit leaves the old
index; a crash after it leaves a manifest one generation behind, and the next load rebuilds the
derived files from SQLite. Either way the index loads and holds the last committed ingest.
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rag.bm25 import BM25Index
from rag.chunking import Chunk
from rag.config import Settings
from rag.dense import DenseConfig, configure, kind_of, wanted_kind
from rag.dense import build as build_dense
from rag.documents import Document
from rag.errors import BM25SettingsChangedError, IndexCorruptError, IndexMismatchError, RagError

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
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
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
"""


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


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


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

    @property
    def generation(self) -> int:
        return int(self.manifest["generation"])

    @property
    def n_chunks(self) -> int:
        return int(self.manifest["counts"]["chunks"])

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]:
        return self.store.chunks_by_id(ids)


class IndexStore:
    """Reads and writes one index directory. Writers take an exclusive file lock."""

    @classmethod
    def open(cls, settings: Settings) -> IndexStore:
        return cls(settings.index_dir, DenseConfig(settings.ivf_threshold, settings.ivf_nprobe))

    def __init__(self, root: Path, dense: DenseConfig | None = None) -> None:
        self.root = Path(root)
        self.dense_config = dense or DenseConfig()
        self._local = threading.local()

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
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                raise IndexCorruptError(
                    f"index database {self.db_path} is unreadable ({exc}); re-ingest into a new "
                    "index directory"
                ) from None
            self._local.conn = conn
        return conn

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
        try:
            raw = self.manifest_path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            manifest = json.loads(raw)
            if not isinstance(manifest, dict):
                raise ValueError("not an object")
            return manifest
        except ValueError as exc:
            raise IndexCorruptError(f"{self.manifest_path} is not valid JSON ({exc})") from None

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
                f"{FORMAT_VERSION}: re-ingest with `rag ingest --rebuild PATH`"
            )
        for key in ("embedder", "dim", "chunker", "bm25"):
            if built.get(key) != identity.get(key):
                error = BM25SettingsChangedError if key == "bm25" else IndexMismatchError
                raise error(
                    f"index at {self.root} was built with {key}={built.get(key)!r}, current "
                    f"settings give {identity.get(key)!r}: re-ingest with "
                    "`rag ingest --rebuild PATH` (or use the settings it was built with)"
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

    def get_document(self, doc_id: str) -> Document | None:
        row = self._connect().execute(
            "SELECT doc_id, text, title, source, metadata FROM documents WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        return Document(row[0], row[1], row[2], row[3], json.loads(row[4]))

    def chunks_by_id(self, ids: Sequence[int]) -> dict[int, Chunk]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._connect().execute(
            "SELECT c.id, c.doc_id, c.ordinal, c.text, c.start, c.end, d.title "
            f"FROM chunks c JOIN documents d USING (doc_id) WHERE c.id IN ({marks})",
            [int(i) for i in ids],
        )
        return {r[0]: Chunk(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows.fetchall()}

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
                for c, toks, vec in zip(u.chunks, u.tokens, u.vectors, strict=True):
                    cur = conn.execute(
                        "INSERT INTO chunks (doc_id, ordinal, text, start, end, tokens, vector) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (c.doc_id, c.ordinal, c.text, c.start, c.end, " ".join(toks),
                         np.ascontiguousarray(vec, dtype=np.float32).tobytes()),
                    )
                    assert cur.lastrowid is not None
                    added_ids.append(cur.lastrowid)
                    added_vecs.append(vec)
            gen += 1
            self._set_generation(conn, gen, identity)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        dense = None
        if previous is not None and previous.generation == gen - 1:
            dense = previous.dense
            expected = dense.ntotal - len(removed) + len(added_ids)
            if kind_of(dense) != wanted_kind(expected, self.dense_config):
                dense = None  # crossing the size threshold: rebuild with the other kind
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
            rows = conn.execute(
                "SELECT c.id, c.text, d.title FROM chunks c JOIN documents d USING (doc_id)"
            ).fetchall()
            conn.executemany("UPDATE chunks SET tokens = ? WHERE id = ?",
                             [(" ".join(terms(title, text)), cid) for cid, text, title in rows])
            gen = int(self._meta(conn).get("generation", "0")) + 1
            self._set_generation(conn, gen, identity)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        same = previous is not None and previous.generation == gen - 1
        return self._write_derived(identity, gen, previous.dense if same and previous else None)

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
        _write_atomic(self.root / dense_name, bytes(faiss.serialize_index(dense)))
        _write_atomic(self.root / bm25_name, bm25.to_bytes())
        manifest: dict[str, Any] = {
            **identity,
            "generation": gen,
            "counts": {"documents": int(n_docs), "chunks": len(ids)},
            "files": {
                "dense": {"path": dense_name, "sha256": _sha256(self.root / dense_name)},
                "bm25": {"path": bm25_name, "sha256": _sha256(self.root / bm25_name)},
            },
            "updated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _write_atomic(self.manifest_path, json.dumps(manifest, indent=2).encode())
        _fsync_dir(self.root)
        self._remove_stale(keep={dense_name, bm25_name})
        return Snapshot(self, manifest, dense, bm25)

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
        manifest = self.read_manifest()
        gen = self.db_generation()
        if manifest is not None and int(manifest.get("generation", -1)) == gen:
            try:
                snap = self._load_derived(manifest, identity)
                if snap is not None:
                    return snap
            except IndexCorruptError as exc:
                log.warning("%s; rebuilding from the database", exc)
        log.info("rebuilding the derived index files of %s (generation %d)", self.root, gen)
        try:
            return self.rebuild_derived(identity)
        except OSError as exc:
            raise IndexCorruptError(
                f"index at {self.root} needs its derived files rebuilt but cannot be written "
                f"({exc})"
            ) from None


