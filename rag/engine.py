"""One object that owns the loaded model, index and backend for a long-running process.

Built once from Settings (by the app factory); readers always use the current snapshot, and an
ingest or delete swaps in a new one only after it is committed, so queries never see a
half-written index.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rag.answering.pipeline import Answerer
from rag.config import Settings
from rag.documents import Document
from rag.embedders import Embedder, make_embedder
from rag.errors import DerivedWriteError, RagError
from rag.ingest import Ingestor, IngestReport, PreparedIngest, delete_documents
from rag.llm import LLM, make_llm
from rag.loaders import Skipped, load_paths
from rag.retrieval import Searcher
from rag.store import DocumentInfo, IndexStore, Snapshot

log = logging.getLogger(__name__)


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 llm: LLM | None = None, auto_build: bool | None = None) -> None:
        """`auto_build`: build a missing index from `corpus_dir`; None (default) does so only
        at the default index location, never at a path that may be a typo or an unmounted
        volume."""
        self.settings = settings
        self.embedder = embedder or make_embedder(settings)
        self.store = IndexStore.open(settings)
        self.ingestor = Ingestor(settings, self.embedder, self.store)
        self._write_lock = threading.Lock()
        self.started_at = time.time()
        if auto_build is None:
            auto_build = is_default_index(settings)
        if not self.store.exists() and auto_build and settings.corpus_dir.is_dir():
            log.warning("no index at %s: building it from %s", settings.index_dir,
                        settings.corpus_dir)
            self.ingest_paths([settings.corpus_dir])
        self._searcher: Searcher | None = None
        if self.store.exists():
            self._searcher = Searcher(self.ingestor.load(), self.embedder, settings)
        self.llm = llm if llm is not None else make_llm(settings)
        self.answerer = Answerer(self.searcher, settings, self.llm)
        self._seen_manifest: tuple[float, int] | None = self._manifest_stamp()
        self._checked_at = time.monotonic()

    # ---- reading ----------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        s = self._searcher
        if s is None:
            raise RagError("the index is empty: add documents first (POST /documents or "
                           "`rag ingest PATH`)")
        return s

    @property
    def snapshot(self) -> Snapshot | None:
        return self._searcher.snapshot if self._searcher else None

    def documents(self) -> list[DocumentInfo]:
        return self.store.list_documents()

    def problems(self) -> list[str]:
        """What is wrong with the served index now: damaged rows found by queries, files of
        the served generation that could not be written."""
        found = [f"chunk row {cid} {what}" for cid, what in sorted(self.store.damaged().items())]
        snap = self.snapshot
        if snap is not None and snap.unsaved:
            found.append(f"index files not saved ({snap.unsaved}); served from memory")
        return found

    def health(self) -> dict[str, Any]:
        """`status` is "degraded" when `problems()` is not empty (still HTTP 200: queries that
        do not touch the damage are answered); no filesystem path, /health is public."""
        snap = self.snapshot
        counts = snap.manifest["counts"] if snap else {"documents": 0, "chunks": 0}
        problems = self.problems()
        return {
            "status": "degraded" if problems else "ok",
            **({"problems": problems[:20]} if problems else {}),
            "index_loaded": snap is not None,
            "generation": snap.generation if snap else 0,
            "documents": counts["documents"],
            "chunks": counts["chunks"],
            "embedder": self.embedder.name,
            "backend": self.answerer.backend,
            "uptime_s": round(time.time() - self.started_at, 1),
        }

    # ---- other writers ----------------------------------------------------------------------

    REFRESH_EVERY_S = 1.0

    def _manifest_stamp(self) -> tuple[float, int] | None:
        try:
            st = self.store.manifest_path.stat()
        except OSError:
            return None
        return st.st_mtime, st.st_size

    def store_changed(self) -> bool:
        """Cheap, for every request: at most one stat of the manifest a second."""
        now = time.monotonic()
        if now - self._checked_at < self.REFRESH_EVERY_S:
            return False
        self._checked_at = now
        stamp = self._manifest_stamp()
        return stamp is not None and stamp != self._seen_manifest

    def refresh_if_stale(self) -> bool:
        """Serve a generation another process (`rag ingest`, `rag delete`) committed."""
        return self.store_changed() and self.reload_if_newer()

    def reload_if_newer(self) -> bool:
        """Swap in the committed generation when it is newer than the one served (a reload
        of its files, no re-embedding). True when it did."""
        stamp = self._manifest_stamp()
        with self._write_lock:
            self._seen_manifest = stamp
            served = self.snapshot.generation if self.snapshot is not None else 0
            try:
                if self.store.db_generation() <= served:
                    return False  # our own commit, or a write still in progress
                snapshot = self.ingestor.load()
            except (RagError, OSError, sqlite3.Error) as exc:  # keep serving what we have
                log.warning("index changed on disk but could not be loaded: %s", exc)
                return False
            log.info("index generation %d committed by another process: serving it (was %d)",
                     snapshot.generation, served)
            self._searcher = Searcher(snapshot, self.embedder, self.settings)
            self._seen_manifest = self._manifest_stamp()
        return True

    # ---- writing ----------------------------------------------------------------------------

    def _swap(self, snapshot: Snapshot | None) -> None:
        if snapshot is not None:
            self._searcher = Searcher(snapshot, self.embedder, self.settings)

    def ingest_documents(self, docs: Sequence[Document], skipped: Sequence[Skipped] = ()
                         ) -> IngestReport:
        return self.commit_ingest(self.prepare_ingest(docs, skipped))

    def prepare_ingest(self, docs: Sequence[Document], skipped: Sequence[Skipped] = (),
                       on_chunks: Callable[[int], None] | None = None,
                       progress: Callable[[int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> PreparedIngest:
        """The embedding half, outside the write lock: deletes and other commits go on."""
        return self.ingestor.prepare(docs, skipped, on_chunks=on_chunks, progress=progress,
                                     cancelled=cancelled)

    def commit_ingest(self, prepared: PreparedIngest) -> IngestReport:
        with self._write_lock, self._swap_committed():
            report, snapshot = self.ingestor.commit(prepared)
            self._swap(snapshot)
        return report

    def ingest_paths(self, paths: Sequence[Path]) -> IngestReport:
        loaded = load_paths(paths)
        return self.ingest_documents(loaded.documents, loaded.skipped)

    def delete(self, doc_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        with self._write_lock, self._swap_committed():
            deleted, missing, snapshot = delete_documents(self.store, doc_ids)
            self._swap(snapshot)
        return deleted, missing

    @contextlib.contextmanager
    def _swap_committed(self) -> Iterator[None]:
        """A commit whose index files could not be written is still committed: serve it (from
        memory) so searches follow what is stored, then let the error say so."""
        try:
            yield
        except DerivedWriteError as exc:
            self._swap(exc.snapshot)  # type: ignore[arg-type]
            raise


def is_default_index(settings: Settings) -> bool:
    default: Path = Settings.model_fields["index_dir"].default
    return settings.index_dir.resolve() == default.resolve()
