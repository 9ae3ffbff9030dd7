"""A cluster commit embeds what other writers changed before it takes the cluster lock (review
8, as the single-box commit does outside its write lock): a document unchanged when an ingest
was prepared but deleted since used to be embedded under `cluster_lock`, so every other
cluster writer was refused ("another ingest or delete is writing") for that long. Real e5,
real shard stores; the embedder wrapper only looks, at each call, whether the lock is free."""

from __future__ import annotations

from pathlib import Path

from rag.cluster import ingest as cluster_ingest
from rag.cluster.manifest import cluster_lock, read_manifest
from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.errors import RagError
from tests.conftest import small_docs
from tests.rag.test_ingest_commit_replan import BIG, NEW, Watching


def test_a_document_deleted_meanwhile_is_embedded_before_the_cluster_lock(
        tmp_path: Path, embedder: E5Embedder) -> None:
    root = tmp_path / "cluster"
    settings = Settings(index_dir=root)
    watch = Watching(embedder)
    first = cluster_ingest.prepare(root, settings, watch, [*small_docs(), BIG], n_shards=2)
    cluster_ingest.commit(root, settings, watch, first)

    prepared = cluster_ingest.prepare(root, settings, watch, [BIG, NEW], n_shards=2)
    deleted, _ = cluster_ingest.delete(root, settings, [BIG.id])  # another writer, meanwhile
    assert deleted == [BIG.id]

    held: list[bool] = []

    def lock_is_held() -> None:
        try:
            with cluster_lock(root):
                held.append(False)
        except RagError:
            held.append(True)

    watch.hook = lock_is_held
    report = cluster_ingest.commit(root, settings, watch, prepared)
    assert held and not any(held), held  # BIG embedded again, with the lock free
    assert report.added == 2 and read_manifest(root).documents == len(small_docs()) + 2
