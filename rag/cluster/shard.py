"""One shard as a service: its committed snapshot, BM25 under the cluster's statistics, and the
calls the router fans out (top candidates per retriever, chunk text, vectors).

Every call names the cluster generation the router is answering at; a shard behind it reloads
from the manifest first, and every reply says the generation it answered at, so the router
never merges lists from two generations. The same class runs in-process (`LocalShards`) and
inside a Ray Serve replica (service/cluster.py).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rag.bm25 import BM25Index
from rag.chunking import Chunk
from rag.cluster.bm25 import GlobalStats, TermCounts, scored
from rag.cluster.manifest import ClusterManifest, read_manifest, sha256_file
from rag.cluster.quantizer import Centroids, load_centroids, shard_dense_config
from rag.cluster.sharding import global_id, split_id
from rag.config import Settings
from rag.errors import RagError
from rag.sentence_store import SentenceStore
from rag.store import DocumentInfo, IndexStore, Snapshot

log = logging.getLogger(__name__)


class ClusterError(RagError):
    """The cluster cannot answer now (a shard is down or moving): retry later."""


def open_shard_store(root: Path, name: str, settings: Settings,
                     centroids: Centroids | None = None) -> IndexStore:
    """A shard's store: IVF exactly when the cluster names centroids (rag/cluster/quantizer)."""
    return IndexStore(Path(root) / name, shard_dense_config(settings, centroids))


def shard_counts(store: IndexStore, generation: int, shard: int) -> TermCounts:
    """The shard's raw term frequencies, read from its database at `generation` (the BM25 terms
    are stored per chunk; the store's own BM25 file holds shard-local scores, unusable here)."""
    conn = sqlite3.connect(f"file:{store.db_path}?mode=ro", uri=True, timeout=30,
                           isolation_level=None)
    try:
        conn.execute("BEGIN")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if int(meta.get("generation", "0")) != generation:
            raise ClusterError(f"{store.root.name} moved past generation {generation} while "
                               "loading; retry")
        rows = conn.execute("SELECT id, tokens FROM chunks ORDER BY id").fetchall()
        conn.execute("COMMIT")
    finally:
        conn.close()
    ids = np.fromiter((global_id(shard, r[0]) for r in rows), np.int64, len(rows))
    return TermCounts.from_tokens(ids, [r[1].split() for r in rows])


def load_stats(root: Path, manifest: ClusterManifest) -> GlobalStats:
    path = Path(root) / manifest.stats["path"]
    if sha256_file(path) != manifest.stats["sha256"]:
        raise RagError(f"{path} fails its checksum: run `rag cluster ingest` again")
    return GlobalStats.load(path)


@dataclass(frozen=True, slots=True)
class Loaded:
    generation: int  # the cluster's
    snapshot: Snapshot
    bm25: BM25Index  # cluster-wide scores, cluster-wide ids
    counts: TermCounts  # kept: a commit elsewhere only rescales (no database read)
    sentences: SentenceStore | None  # the shard's sentences.sqlite, when it has one


class ShardService:
    """Serves shard `index` of the cluster at `root`."""

    def __init__(self, root: Path, index: int, settings: Settings, watch_s: float = 0.0) -> None:
        self.root = Path(root)
        self.index = index
        self.settings = settings
        self._lock = threading.Lock()
        self._loaded = self._load(read_manifest(self.root))
        self._stop = threading.Event()
        if watch_s > 0:  # replicas pick a commit up before the first query needs it
            threading.Thread(target=self._watch, args=(watch_s,), daemon=True,
                             name=f"shard-{index}-watch").start()

    def _load(self, manifest: ClusterManifest) -> Loaded:
        entry = manifest.shards[self.index]
        stats = load_stats(self.root, manifest)
        before = getattr(self, "_loaded", None)
        if before is not None and before.snapshot.generation == entry.generation:
            # another shard changed: same rows here, new global statistics
            return Loaded(manifest.generation, before.snapshot, scored(before.counts, stats),
                          before.counts, before.sentences)
        store = open_shard_store(self.root, entry.name, self.settings,
                                 load_centroids(self.root, manifest.quantizer))
        snap = store.load(manifest.identity)
        if snap.generation != entry.generation:
            raise ClusterError(f"{entry.name} holds generation {snap.generation}, the cluster "
                               f"manifest names {entry.generation}: a write is in progress "
                               "(or did not finish: run `rag cluster ingest` again)")
        counts = shard_counts(store, snap.generation, self.index)
        bm25 = scored(counts, stats)
        snap.bm25 = bm25  # the store's shard-local scores are never used here: free them
        sentences = SentenceStore(store.root, str(snap.manifest.get("embedder", "")),
                                  create=False)
        log.info("%s loaded at cluster generation %d", entry.name, manifest.generation)
        return Loaded(manifest.generation, snap, bm25, counts,
                      sentences if sentences.available else None)

    def _at(self, generation: int) -> Loaded:
        loaded = self._loaded
        if loaded.generation >= generation:
            return loaded
        with self._lock:
            if self._loaded.generation < generation:
                manifest = read_manifest(self.root)
                if manifest.generation > self._loaded.generation:
                    self._loaded = self._load(manifest)
            return self._loaded

    def _watch(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                self._at(read_manifest(self.root).generation)
            except RagError as exc:
                log.warning("reload of shard %d failed: %s", self.index, exc)

    def close(self) -> None:
        self._stop.set()

    # ---- calls from the router --------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        loaded = self._loaded
        return {"shard": self.index, "generation": loaded.generation, "pid": os.getpid(),
                "store_generation": loaded.snapshot.generation,
                "chunks": loaded.snapshot.n_chunks}

    def dense_top(self, vector: npt.NDArray[np.float32], k: int, generation: int
                  ) -> tuple[int, list[int], list[float]]:
        loaded = self._at(generation)
        index = loaded.snapshot.dense
        if index.ntotal == 0:
            return loaded.generation, [], []
        scores, ids = index.search(vector.reshape(1, -1), min(k, index.ntotal))
        keep = ids[0] >= 0
        return (loaded.generation, [global_id(self.index, i) for i in ids[0][keep]],
                scores[0][keep].tolist())

    def bm25_top(self, tokens: list[str], k: int, generation: int
                 ) -> tuple[int, list[int], list[float]]:
        loaded = self._at(generation)
        ids, scores = loaded.bm25.top(tokens, k)
        return loaded.generation, ids.tolist(), scores.tolist()

    def chunks(self, ids: list[int], generation: int
               ) -> tuple[int, dict[int, Chunk], dict[str, Any]]:
        """The chunks, and the page maps of their documents (asked for next by the Searcher)."""
        loaded = self._at(generation)
        local = {split_id(g)[1]: g for g in ids}
        found = loaded.snapshot.chunks(list(local))
        _, pages = self.doc_pages(list({c.doc_id for c in found.values()}), generation)
        return loaded.generation, {local[i]: c for i, c in found.items()}, pages

    def sentence_best(self, ids: list[int], vector: npt.NDArray[np.float32], generation: int
                      ) -> tuple[int, dict[int, float]]:
        """The best stored sentence cosine of each of these chunks (cluster-wide ids) that
        has stored sentences: the dense retriever's sentence lift, as on one box."""
        loaded = self._at(generation)
        if loaded.sentences is None:
            return loaded.generation, {}
        local = {split_id(g)[1]: int(g) for g in ids}
        best = loaded.sentences.best(list(local), vector)
        return loaded.generation, {local[c]: s for c, s in best.items()}

    def reconstruct(self, gid: int, generation: int) -> tuple[int, npt.NDArray[np.float32]]:
        loaded = self._at(generation)
        vec: npt.NDArray[np.float32] = loaded.snapshot.dense.reconstruct(split_id(gid)[1])
        return loaded.generation, vec

    def documents(self, generation: int) -> tuple[int, list[DocumentInfo]]:
        loaded = self._at(generation)
        return loaded.generation, loaded.snapshot.store.list_documents()

    def document_page(self, first: int, generation: int
                      ) -> tuple[int, list[DocumentInfo], int]:
        """This shard's first `first` documents by id and how many it holds (ClusterStore's
        `document_page` merges them)."""
        loaded = self._at(generation)
        page, total = loaded.snapshot.store.document_page(first, 0)
        return loaded.generation, page, total

    def doc_pages(self, doc_ids: list[str], generation: int) -> tuple[int, dict[str, Any]]:
        loaded = self._at(generation)
        pages = getattr(loaded.snapshot.store, "doc_pages", None)  # newer stores only
        return loaded.generation, pages(doc_ids) if pages is not None else {}
