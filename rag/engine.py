"""One object that owns the loaded model, index and backend for a long-running process.

Built once from Settings (by the app factory); readers always use the current snapshot, and an
ingest or delete swaps in a new one only after it is committed, so queries never see a
half-written index.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.answering.pipeline import Answerer
from rag.config import Settings
from rag.documents import Document
from rag.embedders import Embedder, make_embedder
from rag.errors import RagError
from rag.ingest import Ingestor, IngestReport, delete_documents
from rag.llm import LLM, make_llm
from rag.loaders import Skipped, load_paths
from rag.retrieval import Searcher
from rag.store import DocumentInfo, IndexStore, Snapshot

log = logging.getLogger(__name__)


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 llm: LLM | None = None, auto_build: bool = True) -> None:
        self.settings = settings
        self.embedder = embedder or make_embedder(settings)
        self.store = IndexStore.open(settings)
        self.ingestor = Ingestor(settings, self.embedder, self.store)
        self._write_lock = threading.Lock()
        self.started_at = time.time()
        if not self.store.exists() and auto_build and settings.corpus_dir.is_dir():
            log.warning("no index at %s: building it from %s", settings.index_dir,
                        settings.corpus_dir)
            self.ingest_paths([settings.corpus_dir])
        self._searcher: Searcher | None = None
        if self.store.exists():
            self._searcher = Searcher(self.ingestor.load(), self.embedder, settings)
        self.llm = llm if llm is not None else make_llm(settings)
        self.answerer = Answerer(self.searcher, settings, self.llm)

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

    def health(self) -> dict[str, Any]:
        snap = self.snapshot
        counts = snap.manifest["counts"] if snap else {"documents": 0, "chunks": 0}
        return {
            "status": "ok",
            "index_loaded": snap is not None,
            "index_dir": str(self.settings.index_dir),
            "generation": snap.generation if snap else 0,
            "documents": counts["documents"],
            "chunks": counts["chunks"],
            "embedder": self.embedder.name,
            "backend": self.answerer.backend,
            "uptime_s": round(time.time() - self.started_at, 1),
        }

    # ---- writing ----------------------------------------------------------------------------

    def _swap(self, snapshot: Snapshot | None) -> None:
        if snapshot is not None:
            self._searcher = Searcher(snapshot, self.embedder, self.settings)

    def ingest_documents(self, docs: Sequence[Document], skipped: Sequence[Skipped] = ()
                         ) -> IngestReport:
        with self._write_lock:
            report, snapshot = self.ingestor.run(docs, skipped)
            self._swap(snapshot)
        return report

    def ingest_paths(self, paths: Sequence[Path]) -> IngestReport:
        loaded = load_paths(paths)
        return self.ingest_documents(loaded.documents, loaded.skipped)

    def delete(self, doc_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        with self._write_lock:
            deleted, missing, snapshot = delete_documents(self.store, doc_ids)
            self._swap(snapshot)
        return deleted, missing
