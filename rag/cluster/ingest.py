"""Cluster writes: documents routed to shards by a stable hash of their id, each shard committed
with the single-box store (its own atomic commit), then the global BM25 statistics and the
cluster manifest (the cluster's commit point, an atomic rename).

Chunk ids are allocated cluster-wide, in the order one box would give them (the documents'
order in the ingest), so equal scores order alike sharded and on one box. When the cluster's
total reaches the IVF threshold, the coarse quantiser is trained once on a sample across every
shard and each shard rebuilds with it (rag/cluster/quantizer.py).

Only the shards that hold changed or deleted documents are written; the statistics of the
others are read from a per-shard cache keyed by their store generation. The embedding of an
ingest is pluggable: in-process (the Ingestor's own), or Ray Data on an actor pool
(`ray_embed`, one model per actor, loaded once; the actors embed the chunks' sentences too).
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.cluster import quantizer
from rag.cluster.bm25 import GlobalStats
from rag.cluster.manifest import (
    ClusterManifest,
    ShardEntry,
    cluster_lock,
    is_cluster,
    read_manifest,
    sha256_file,
    write_atomic,
    write_manifest,
)
from rag.cluster.quantizer import Centroids
from rag.cluster.shard import open_shard_store, shard_counts
from rag.cluster.sharding import MAX_SHARDS, shard_name, shard_of
from rag.config import Settings, without_secrets
from rag.documents import Document
from rag.embedders import Embedder
from rag.embedders.base import Vectors
from rag.errors import RagError
from rag.ingest import IngestCancelled, Ingestor, IngestReport, PreparedIngest, delete_documents
from rag.loaders import Skipped
from rag.sentence_store import ChunkSentence, SentenceBatch
from rag.store import IndexedDocument, IndexStore

STATS_DIR = "stats"


@dataclass(slots=True)
class Embedded:
    """What an `EmbedFn` gives back: the documents' chunks, BM25 terms and vectors, and the
    vectors of their chunks' sentences (None: each shard embeds those at its commit)."""

    documents: list[IndexedDocument]
    sentences: SentenceBatch | None = None


# documents -> Embedded (no EmbedFn: each shard's Ingestor embeds them)
EmbedFn = Callable[[Sequence[Document]], Embedded]


@dataclass(slots=True)
class ClusterPrepared(PreparedIngest):
    """A prepared ingest per shard (what `Engine.commit_ingest` gets from a cluster engine)."""

    parts: dict[int, PreparedIngest] = field(default_factory=dict)


def shard_count(root: Path, wanted: int | None) -> int:
    """The cluster's shard count; `wanted` must agree with an existing cluster."""
    if is_cluster(root):
        have = len(read_manifest(root).shards)
        if wanted is not None and wanted != have:
            raise RagError(f"the cluster at {root} has {have} shards, not {wanted}: resharding "
                           "means a new cluster directory (`rag cluster ingest --shards N` into "
                           "an empty one)")
        return have
    n = wanted or 2
    if not 1 <= n <= MAX_SHARDS:
        raise RagError(f"--shards must be between 1 and {MAX_SHARDS}, got {n}")
    return n


def prepare(root: Path, settings: Settings, embedder: Embedder, docs: Sequence[Document],
            skipped: Sequence[Skipped] = (), n_shards: int | None = None,
            rebuild: bool = False, embed: EmbedFn | None = None,
            on_chunks: Callable[[int], None] | None = None,
            progress: Callable[[int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> ClusterPrepared:
    """Plan each shard against what it stores and embed only what changed (no lock held).
    `on_chunks` is told the chunks to embed so far (shard after shard), `progress` each batch
    embedded, and `cancelled` stops it (IngestCancelled; `commit` reads it once more, before
    any shard is written), as one box's `Ingestor.prepare`: a job's progress and a hang-up
    reach every shard (twenty-fourth review, F2: a cluster embedded on after its client had
    gone, and committed). With `embed` (a Ray pool) neither progress nor a cancel is read
    until the pool has embedded the batch."""
    t0 = time.perf_counter()
    if cancelled is not None and cancelled():
        raise IngestCancelled("ingest cancelled")
    shard_totals: dict[int, int] = {}

    def counted(shard: int) -> Callable[[int], None]:
        def told(total: int) -> None:  # a shard's running total (its catch-up re-tells it)
            shard_totals[shard] = total
            if on_chunks is not None:
                on_chunks(sum(shard_totals.values()))
        return told

    n = shard_count(root, n_shards)
    by_shard: dict[int, list[Document]] = {i: [] for i in range(n)}
    for d in docs:
        by_shard[shard_of(d.id, n)].append(d)
    ingestors = {i: _ingestor(root, settings, embedder, i) for i in range(n)}
    todo = {i: ingestors[i].plan(ds, rebuild)[0] for i, ds in by_shard.items()}
    embedded: dict[str, IndexedDocument] = {}
    sentences: SentenceBatch | None = None
    if embed is not None:
        out = embed([d for ds in todo.values() for d in ds])
        embedded = {p.document.id: p for p in out.documents}
        sentences = out.sentences
        if cancelled is not None and cancelled():
            raise IngestCancelled("ingest cancelled")
    parts = {}
    for i, ds in by_shard.items():
        if embed is None:
            parts[i] = ingestors[i].prepare(ds, rebuild=rebuild, on_chunks=counted(i),
                                            progress=progress, cancelled=cancelled)
        else:
            parts[i] = PreparedIngest(ds, [], [embedded[d.id] for d in todo[i]], rebuild, t0,
                                      sentences=_shard_sentences(sentences, todo[i]))
    return ClusterPrepared(list(docs), list(skipped), [], rebuild, t0, parts=parts)


def commit(root: Path, settings: Settings, embedder: Embedder, prepared: ClusterPrepared
           ) -> IngestReport:
    """Commit every shard that changed, then the statistics and the manifest."""
    report = IngestReport(documents=len(prepared.docs), skipped=list(prepared.skipped),
                          dropped_lines=sum(d.dropped_lines for d in prepared.docs))
    # What other writers changed since the prepare is embedded before the cluster lock is
    # taken (as the single-box commit does outside its write lock): under it, each shard's
    # commit re-plans and embeds only what changed in the meantime, usually nothing.
    if is_cluster(root):
        for i, part in sorted(prepared.parts.items()):
            early = _ingestor(root, settings, embedder, i)
            if part.docs and early.store.exists():
                early.catch_up(part)
            early.store.close()
    with cluster_lock(root):
        # Cancelled (the client hung up) is read once, here: past this point every shard is
        # committed, or none would be and the manifest would not match its shards.
        if any(p.cancelled is not None and p.cancelled() for p in prepared.parts.values()):
            raise IngestCancelled("the ingest was cancelled; nothing was written")
        for part in prepared.parts.values():
            part.cancelled = None
        entry = read_manifest(root).quantizer if is_cluster(root) else None
        centroids = quantizer.load_centroids(root, entry)
        ingestors = {i: _ingestor(root, settings, embedder, i, centroids)
                     for i in prepared.parts}
        _allocate_ids(prepared, ingestors)
        for i, part in sorted(prepared.parts.items()):
            ingestor = ingestors[i]
            if not part.docs and not part.rebuild and ingestor.store.exists():
                continue
            if not ingestor.store.exists():
                with ingestor.store.write_lock():  # an empty shard is still a loadable index
                    ingestor.store.commit(ingestor.identity, rebuild=True)
            shard_report, _ = ingestor.commit(part)
            report.added += shard_report.added
            report.updated += shard_report.updated
            report.unchanged += shard_report.unchanged
            report.chunks += shard_report.chunks
        identity = ingestors[0].identity
        entry = _settle_quantizer(root, settings, identity, len(prepared.parts), entry)
        manifest = publish(root, settings, identity, len(prepared.parts), entry)
    report.total_documents, report.total_chunks = manifest.documents, manifest.chunks
    report.seconds = time.perf_counter() - prepared.started
    return report


def delete(root: Path, settings: Settings, doc_ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """Remove documents from the shards that hold them; (deleted, unknown ids)."""
    manifest = read_manifest(root)
    n = len(manifest.shards)
    wanted = list(dict.fromkeys(doc_ids))
    deleted: list[str] = []
    with cluster_lock(root):
        centroids = quantizer.load_centroids(root, manifest.quantizer)
        for i in range(n):
            ids = [d for d in wanted if shard_of(d, n) == i]
            if ids:
                found, _, _ = delete_documents(
                    open_shard_store(root, shard_name(i), settings, centroids), ids)
                deleted += found
        if deleted:
            entry = _settle_quantizer(root, settings, manifest.identity, n, manifest.quantizer)
            publish(root, settings, manifest.identity, n, entry)
    return deleted, [d for d in wanted if d not in deleted]


def _allocate_ids(prepared: ClusterPrepared, ingestors: dict[int, Ingestor]) -> None:
    """Give each document to upsert the chunk ids one box would: the next ids after the
    highest any shard ever gave, in the ingest's document order. Must be called under
    `cluster_lock` (a document re-embedded by `Ingestor.commit` takes its shard's next id)."""
    todo: set[str] = set()
    for i, part in prepared.parts.items():
        todo.update(d.id for d in ingestors[i].plan(part.docs, part.rebuild)[0])
    embedded = {p.document.id: (i, j) for i, part in prepared.parts.items()
                for j, p in enumerate(part.embedded)}
    next_id = 1 + max((quantizer.last_chunk_id(g.store) for g in ingestors.values()), default=0)
    for d in prepared.docs:
        if d.id not in todo or d.id not in embedded:
            continue
        i, j = embedded.pop(d.id)
        item = prepared.parts[i].embedded[j]
        prepared.parts[i].embedded[j] = dataclasses.replace(item, first_id=next_id)
        next_id += len(item.chunks)


def _settle_quantizer(root: Path, settings: Settings, identity: dict[str, Any], n: int,
                      entry: dict[str, str] | None) -> dict[str, str] | None:
    """After the shards committed: train the shared quantiser when the cluster's total reaches
    the IVF threshold (drop it below), and rebuild every shard's FAISS index to match (an empty
    commit, so replicas reload). Otherwise the shards already use `entry`. Must be called under
    `cluster_lock`."""
    stores = [open_shard_store(root, shard_name(i), settings) for i in range(n)]
    total = sum(quantizer.chunk_count(s) for s in stores)
    want = total >= settings.ivf_threshold
    if want == (entry is not None):
        return entry
    centroids: Centroids | None = None
    if want:
        gen = (read_manifest(root).generation if is_cluster(root) else 0) + 1
        centroids = quantizer.train(stores, int(identity["dim"]))
        entry = quantizer.save(root, centroids, gen)
    else:
        entry = None
    for i in range(n):
        store = open_shard_store(root, shard_name(i), settings, centroids)
        with store.write_lock():
            store.commit(identity)
    return entry


def publish(root: Path, settings: Settings, identity: dict[str, Any], n: int,
            quantizer_entry: dict[str, str] | None = None) -> ClusterManifest:
    """Sum the shards' statistics and switch the manifest to a new generation. Must be called
    under `cluster_lock`."""
    previous = read_manifest(root) if is_cluster(root) else None
    gen = (previous.generation if previous else 0) + 1
    entries, parts = [], []
    (root / STATS_DIR).mkdir(parents=True, exist_ok=True)
    for i in range(n):
        store = open_shard_store(root, shard_name(i), settings)
        m = store.read_manifest()  # cheap: the counts without loading the shard's indexes
        if m is None or m["generation"] != store.db_generation():
            store = open_shard_store(root, shard_name(i), settings,
                                     quantizer.load_centroids(root, quantizer_entry))
            m = store.load(identity).manifest  # repaired on the way
        gen_i, counts = int(m["generation"]), m["counts"]
        entries.append(ShardEntry(shard_name(i), gen_i, int(counts["documents"]),
                                  int(counts["chunks"])))
        parts.append(_shard_stats(root, store, i, gen_i))
    stats_name = f"{STATS_DIR}/global-{gen:06d}.npz"
    write_atomic(root / stats_name, GlobalStats.summed(parts).to_bytes())
    manifest = ClusterManifest(gen, identity, entries, {
        "path": stats_name, "sha256": sha256_file(root / stats_name)}, "", quantizer_entry)
    write_manifest(root, manifest)
    quantizer.remove_stale(root, {e["path"] for e in (
        quantizer_entry, previous.quantizer if previous else None) if e})
    _remove_stale(root, keep={stats_name, *(_stats_name(i, e.generation)
                                            for i, e in enumerate(entries))},
                  previous=previous.stats["path"] if previous else None)
    return manifest


def _stats_name(shard: int, generation: int) -> str:
    return f"{STATS_DIR}/{shard_name(shard)}-g{generation:06d}.npz"


def _shard_stats(root: Path, store: IndexStore, shard: int, generation: int) -> GlobalStats:
    """A shard's statistics, read from its rows once per store generation."""
    path = root / _stats_name(shard, generation)
    if path.is_file():
        return GlobalStats.load(path)
    stats = shard_counts(store, generation, shard).local_stats()
    write_atomic(path, stats.to_bytes())
    return stats


def _remove_stale(root: Path, keep: set[str], previous: str | None) -> None:
    """Old statistics; the previous global file stays one generation for replicas mid-reload."""
    for path in (root / STATS_DIR).iterdir():
        rel = f"{STATS_DIR}/{path.name}"
        if rel not in keep and rel != previous:
            with contextlib.suppress(OSError):
                path.unlink()


def _shard_sentences(batch: SentenceBatch | None, docs: Sequence[Document]
                     ) -> SentenceBatch | None:
    """The part of `batch` that one shard's documents hold: their chunks' sentences and
    those sentences' vectors."""
    if batch is None:
        return None
    chunks = {d.id: batch.chunks[d.id] for d in docs if d.id in batch.chunks}
    texts = {s.text for per_chunk in chunks.values() for ss in per_chunk.values() for s in ss}
    return SentenceBatch(chunks, {t: v for t, v in batch.vectors.items() if t in texts})


def _ingestor(root: Path, settings: Settings, embedder: Embedder, shard: int,
              centroids: Centroids | None = None) -> Ingestor:
    return Ingestor(settings, embedder,
                    open_shard_store(root, shard_name(shard), settings, centroids))


# What an embedding actor sends back per document: the document embedded, its chunks'
# sentences by chunk ordinal (None without `sentence_index`), their vectors by sentence text
DocSentences = tuple[IndexedDocument, dict[int, list[ChunkSentence]] | None, dict[str, Vectors]]


def _doc_sentences(batch: SentenceBatch | None, doc: IndexedDocument) -> DocSentences:
    if batch is None:
        return doc, None, {}
    chunks = batch.chunks.get(doc.document.id, {})
    texts = {s.text for ss in chunks.values() for s in ss}
    return doc, chunks, {t: batch.vectors[t] for t in texts if t in batch.vectors}


def ray_embed(settings: Settings, actors: int, docs_per_batch: int = 8) -> EmbedFn:
    """Embedding on a Ray Data actor pool: each actor loads the model once and turns batches
    of documents into chunks, terms and vectors, and their chunks' sentences into vectors
    (with `sentence_index`), with the Ingestor's own code. The shards' commits are given the
    sentence vectors: the driver does not embed them again."""

    def embed(docs: Sequence[Document]) -> Embedded:
        if not docs:
            return Embedded([])
        import pickle

        import ray

        ds = ray.data.from_items([{"doc": pickle.dumps(d)} for d in docs],
                                 override_num_blocks=min(len(docs), 4 * actors))
        out = ds.map_batches(_EmbedActor, fn_constructor_args=embed_actor_args(settings),
                             compute=ray.data.ActorPoolStrategy(size=actors),
                             batch_size=docs_per_batch, num_cpus=1, batch_format="numpy")
        return gather([pickle.loads(row["item"]) for row in out.take_all()])

    return embed


def gather(rows: Sequence[DocSentences]) -> Embedded:
    """The embedding actors' rows as one Embedded (with sentences when every row has them)."""
    sentences = None
    if rows and all(chunks is not None for _, chunks, _ in rows):
        sentences = SentenceBatch({p.document.id: chunks for p, chunks, _ in rows
                                   if chunks is not None}, {})
        for _, _, vectors in rows:
            sentences.vectors.update(vectors)
    return Embedded([p for p, _, _ in rows], sentences)


def embed_actor_args(settings: Settings) -> tuple[Settings]:
    """What each embedding actor is built with: the settings without their secrets (API and
    admin keys, the LLM's key and address). Ray keeps an actor's arguments pickled where
    anyone who reaches the cluster reads them (twenty-fourth review, F3)."""
    return (without_secrets(settings),)


class _EmbedActor:
    """One embedding model per actor, loaded once."""

    def __init__(self, settings: Settings) -> None:
        from rag.embedders import make_embedder

        self.ingestor = Ingestor(settings, make_embedder(settings),
                                 IndexStore(Path("/nonexistent/rag-embed-actor")))

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import pickle

        docs = [pickle.loads(b) for b in batch["doc"]]
        prepared = self.ingestor.prepare(docs, rebuild=True)  # the shard planned already
        return {"item": [pickle.dumps(_doc_sentences(prepared.sentences, p))
                         for p in prepared.embedded]}
