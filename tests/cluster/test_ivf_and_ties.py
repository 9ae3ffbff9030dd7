"""Sharded search equals one box where it could drift: IVF (shards share one quantiser,
trained once on a sample across them) and equal scores (duplicate documents on both shards)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pytest

from rag.cluster import ingest as cluster_ingest
from rag.cluster.engine import ClusterEngine
from rag.cluster.manifest import read_manifest
from rag.cluster.search import LocalShards
from rag.cluster.sharding import shard_of
from rag.config import Settings
from rag.dense import centroids_of, is_ivf
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.retrieval import Searcher
from tests.cluster.conftest import QUESTIONS


def _cluster(root: Path, settings: Settings, embedder: E5Embedder, docs: list[Document]
             ) -> ClusterEngine:
    if docs:
        cluster_ingest.commit(root, settings, embedder, cluster_ingest.prepare(
            root, settings, embedder, docs, n_shards=2))
    return ClusterEngine(root, settings, embedder, LocalShards(root, settings, 2))


def _one_box(root: Path, settings: Settings, embedder: E5Embedder, docs: list[Document]
             ) -> Engine:
    engine = Engine(settings.model_copy(update={"index_dir": root}), embedder=embedder)
    engine.ingest_documents(docs)
    return engine


def _hits(searcher: Searcher, q: str, retriever: str) -> list[tuple[str, float]]:
    return [(h.chunk.id, round(h.score, 5)) for h in searcher.search(q, 10, retriever)]


def _faiss(index_dir: Path) -> Any:
    manifest = json.loads((index_dir / "manifest.json").read_text())
    return faiss.read_index(str(index_dir / manifest["files"]["dense"]["path"]))


@pytest.fixture(scope="module")
def n_chunks(corpus_searcher: Searcher) -> int:
    return corpus_searcher.snapshot.n_chunks


def test_ivf_shards_share_one_quantiser_and_search_like_one_box(
        tmp_path: Path, kept_embedder: E5Embedder, articles: list[Document], n_chunks: int,
        corpus_searcher: Searcher) -> None:
    # the articles' vectors are those the session corpus computed (tests/conftest.py): the
    # cluster and one box index them, train and search as usual
    embedder = kept_embedder
    # IVF from exactly this corpus' size, 2 lists probed: results depend on the centroids
    settings = Settings(index_dir=tmp_path / "c", llm="extractive", ivf_threshold=n_chunks,
                        ivf_nprobe=2)
    cluster = _cluster(tmp_path / "c", settings, embedder, articles)
    one = _one_box(tmp_path / "one", settings, embedder, articles)
    one_index = _faiss(tmp_path / "one")
    assert is_ivf(one_index)
    manifest = read_manifest(tmp_path / "c")
    assert manifest.quantizer is not None
    shards = [_faiss(tmp_path / "c" / s.name) for s in manifest.shards]
    assert all(is_ivf(s) and 0 < s.ntotal < n_chunks for s in shards)
    for shard in shards:  # trained once, across the shards, on the sample one box draws
        assert np.array_equal(centroids_of(shard), centroids_of(one_index))
    probed_differs = False
    for q in QUESTIONS:
        for retriever in ("dense", "hybrid"):
            assert _hits(cluster.searcher(), q, retriever) == _hits(one.searcher(), q,
                                                                    retriever), (retriever, q)
        probed_differs |= _hits(one.searcher(), q, "dense") != _hits(corpus_searcher, q,
                                                                      "dense")
    assert probed_differs, "nprobe=2 should miss some exact neighbours: the test would be moot"

    # one article fewer: below the threshold, every shard goes back to exact search
    gone = articles[0].id
    assert cluster.delete([gone])[0] == [gone]
    one.delete([gone])
    assert read_manifest(tmp_path / "c").quantizer is None
    assert not any(is_ivf(_faiss(tmp_path / "c" / s.name)) for s in manifest.shards)
    assert not is_ivf(_faiss(tmp_path / "one"))
    for q in QUESTIONS[:3]:
        assert _hits(cluster.searcher(), q, "dense") == _hits(one.searcher(), q, "dense"), q


def test_equal_scores_order_as_on_one_box(tmp_path: Path, embedder: E5Embedder) -> None:
    text = "Des manifestations contre la hausse du prix du gaz ont eu lieu à Almaty."
    # ids in no sorted order: one box numbers chunks in ingest order, so must the cluster
    first = [Document(f"dup-{c}", text, "Dépêche") for c in "hcafdgbe"]
    then = [Document(f"dup-{c}", text, "Dépêche") for c in "kji"]
    assert {shard_of(d.id, 2) for d in first} == {0, 1}
    settings = Settings(index_dir=tmp_path / "c", llm="extractive")
    cluster = _cluster(tmp_path / "c", settings, embedder, first)
    one = _one_box(tmp_path / "one", settings, embedder, first)
    cluster.ingest_documents(then)  # an incremental ingest continues the same numbering
    one.ingest_documents(then)
    for q in ("prix du gaz Almaty", "What happened in Almaty?"):
        for retriever in ("dense", "bm25", "hybrid"):
            got = _hits(cluster.searcher(), q, retriever)
            assert len({s for _, s in got}) == 1, "every hit ties"
            assert got == _hits(one.searcher(), q, retriever), (retriever, q)
