"""The Engine the HTTP app and the CLI use, backed by a cluster instead of one index.

Reads go through the single-box Searcher over a `ClusterSnapshot` (see search.py); before each
request the manifest's generation is checked (one stat), and a newer one swaps in a new
searcher, so a commit made by any process shows without a restart. Writes route documents to
their shards (cluster/ingest.py).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rag.answering.pipeline import Answerer, GenerationGate
from rag.cluster import ingest as cluster_ingest
from rag.cluster.manifest import MANIFEST, read_manifest
from rag.cluster.search import ShardPool, cluster_searcher
from rag.cluster.shard import load_stats
from rag.config import Settings
from rag.documents import Document
from rag.embedders import Embedder
from rag.engine import Engine
from rag.errors import RagError
from rag.ingest import IngestReport, PreparedIngest
from rag.llm import LLM, make_llm
from rag.loaders import Skipped
from rag.retrieval import Searcher
from rag.store import DocumentInfo, IndexStore


class ClusterEngine(Engine):
    def __init__(self, root: Path, settings: Settings, embedder: Embedder, pool: ShardPool,
                 llm: LLM | None = None,
                 embed: cluster_ingest.EmbedFn | None = None) -> None:
        # Engine.__init__ opens one local index; nothing of it applies here
        self.root = Path(root)
        self.settings = settings
        self.embedder = embedder
        self.pool = pool
        self.embed = embed
        self.store = IndexStore(self.root)  # placeholder: health() and problems() are ours
        self.started_at = time.time()
        self._write_lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._seen: tuple[int, int] = (-1, -1)
        self._searcher: Searcher | None = None
        self._refresh()
        self.llm = llm if llm is not None else make_llm(settings)
        self.work_gate = GenerationGate(settings.answer_concurrency, 0)  # as Engine's
        self.answerer = Answerer(self.searcher, settings, self.llm, work_gate=self.work_gate)

    def _refresh(self) -> None:
        """Follow the manifest: a new generation swaps in a new searcher."""
        try:
            st = os.stat(self.root / MANIFEST)
        except FileNotFoundError:
            return
        key = (st.st_mtime_ns, st.st_ino)
        if key == self._seen:
            return
        with self._refresh_lock:
            if key == self._seen:
                return
            manifest = read_manifest(self.root)
            current = self._searcher
            if current is None or manifest.generation != current.snapshot.generation:
                self._searcher = cluster_searcher(self.root, self.pool, manifest,
                                                  load_stats(self.root, manifest),
                                                  self.embedder, self.settings)
            self._seen = key

    def searcher(self) -> Searcher:
        self._refresh()
        return super().searcher()

    # Engine follows its own index's manifest from the app's engine dependency; a cluster
    # follows cluster.json in `searcher()` instead (one stat per request).
    def store_changed(self) -> bool:
        return False

    def reload_if_newer(self) -> bool:
        before = self.snapshot.generation if self.snapshot is not None else 0
        self._refresh()
        return self.snapshot is not None and self.snapshot.generation != before

    def documents(self) -> list[DocumentInfo]:
        return self.searcher().snapshot.store.list_documents()

    def document_page(self, limit: int, offset: int = 0) -> tuple[list[DocumentInfo], int]:
        return self.searcher().snapshot.store.document_page(limit, offset)

    def problems(self) -> list[str]:
        return []

    def health(self) -> dict[str, Any]:
        self._refresh()
        out = super().health()
        snap = self.snapshot
        out["shards"] = snap.manifest["shards"] if snap else []
        return out

    # ---- writing ----------------------------------------------------------------------------

    def prepare_ingest(self, docs: Sequence[Document], skipped: Sequence[Skipped] = (),
                       on_chunks: Callable[[int], None] | None = None,
                       progress: Callable[[int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> PreparedIngest:
        return cluster_ingest.prepare(self.root, self.settings, self.embedder, docs, skipped,
                                      embed=self.embed, on_chunks=on_chunks, progress=progress,
                                      cancelled=cancelled)

    def commit_ingest(self, prepared: PreparedIngest) -> IngestReport:
        if not isinstance(prepared, cluster_ingest.ClusterPrepared):
            raise RagError("a cluster commits only what it prepared")
        with self._write_lock:
            report = cluster_ingest.commit(self.root, self.settings, self.embedder, prepared)
        self._refresh()
        return report

    def delete(self, doc_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        with self._write_lock:
            out = cluster_ingest.delete(self.root, self.settings, doc_ids)
        self._refresh()
        return out


def local_engine(root: Path, settings: Settings) -> ClusterEngine:
    """The cluster engine with every shard in this process (no Ray): for one box or tests."""
    from rag.cluster.search import LocalShards
    from rag.embedders import make_embedder

    return ClusterEngine(root, settings, make_embedder(settings),
                         LocalShards(root, settings, len(read_manifest(root).shards)))
