"""The cluster code path without Ray: shards in this process, same answers as one box."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.cluster import ingest as cluster_ingest
from rag.cluster.engine import ClusterEngine
from rag.cluster.manifest import read_manifest
from rag.cluster.search import LocalShards
from rag.cluster.sharding import shard_of
from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.retrieval import Searcher
from rag.store import IndexStore
from tests.cluster.conftest import QUESTIONS


def _build(root: Path, embedder: E5Embedder, docs: list[Document], shards: int) -> None:
    settings = Settings(index_dir=root)
    prepared = cluster_ingest.prepare(root, settings, embedder, docs, n_shards=shards)
    cluster_ingest.commit(root, settings, embedder, prepared)


def _engine(root: Path, embedder: E5Embedder, shards: int) -> ClusterEngine:
    settings = Settings(index_dir=root, llm="extractive")
    return ClusterEngine(root, settings, embedder, LocalShards(root, settings, shards))


def _ids(searcher: Searcher, q: str, retriever: str) -> list[tuple[str, float]]:
    return [(h.chunk.id, round(h.score, 5)) for h in searcher.search(q, 10, retriever)]


@pytest.fixture(scope="module")
def two_shards(tmp_path_factory: pytest.TempPathFactory, kept_embedder: E5Embedder,
               articles: list[Document]) -> Path:
    """The articles on two shards; their vectors are those the session corpus computed
    (tests/conftest.py, `kept_embedder`): sharding, ids and statistics are built as usual."""
    root = tmp_path_factory.mktemp("cluster")
    _build(root, kept_embedder, articles, 2)
    return root


def test_documents_split_by_stable_hash(two_shards: Path, articles: list[Document]) -> None:
    manifest = read_manifest(two_shards)
    assert [s.name for s in manifest.shards] == ["shard-000", "shard-001"]
    assert all(s.documents for s in manifest.shards), "the articles land on both shards"
    assert manifest.documents == len(articles)
    assert shard_of("abc", 2) == shard_of("abc", 2) and shard_of("abc", 7) in range(7)


@pytest.mark.parametrize("retriever", ["hybrid", "dense", "bm25"])
def test_sharded_search_equals_one_box(two_shards: Path, embedder: E5Embedder,
                                       corpus_searcher: Searcher, retriever: str) -> None:
    engine = _engine(two_shards, embedder, 2)
    for q in QUESTIONS:
        assert _ids(engine.searcher(), q, retriever) == _ids(corpus_searcher, q, retriever), q


ENGLISH = [q for q in QUESTIONS if q.startswith("What")] + [
    "How many troops did Russia send?", "Who is the president of Kazakhstan?",
    "Why did gas prices cause protests?", "What did the EU say about the intervention?"]


@pytest.mark.parametrize("weight", [0.0, 0.3, 1.0])
def test_sentence_lift_ranks_as_on_one_box(two_shards: Path, embedder: E5Embedder,
                                           corpus_dir: Path, weight: float) -> None:
    """Each shard lifts its own chunks by their stored sentences (sentences.sqlite per shard),
    so an English question over French text ranks as on one box, whatever the weight."""
    settings = Settings(index_dir=two_shards, llm="extractive", sentence_weight_cross=weight)
    cluster = ClusterEngine(two_shards, settings, embedder, LocalShards(two_shards, settings, 2))
    one_settings = Settings(index_dir=corpus_dir, sentence_weight_cross=weight)
    one = Searcher(IndexStore(corpus_dir).load(
        Ingestor(one_settings, embedder, IndexStore(corpus_dir)).identity), embedder,
        one_settings)
    assert (one.sentences is None) == (weight == 0)
    for q in ENGLISH:
        for retriever in ("dense", "hybrid"):
            assert _ids(cluster.searcher(), q, retriever) == _ids(one, q, retriever), q


def test_sentence_lift_changes_english_rankings(corpus_dir: Path, embedder: E5Embedder) -> None:
    """The parity above would hold trivially if the lift did nothing on these questions."""
    def scores(weight: float) -> list[list[tuple[str, float]]]:
        settings = Settings(index_dir=corpus_dir, sentence_weight_cross=weight)
        s = Searcher(IndexStore(corpus_dir).load(
            Ingestor(settings, embedder, IndexStore(corpus_dir)).identity), embedder, settings)
        return [_ids(s, q, "dense") for q in ENGLISH]

    assert scores(0.0) != scores(0.3)


def test_bm25_coverage_and_idf_are_global(two_shards: Path, embedder: E5Embedder,
                                          corpus_searcher: Searcher) -> None:
    snap = _engine(two_shards, embedder, 2).searcher().snapshot
    one = corpus_searcher.snapshot
    assert len(snap.bm25) == len(one.bm25)
    for term in ("russi", "kazakhstan", "gaz", "absentterm"):
        assert snap.bm25.idf(term) == one.bm25.idf(term)


def test_incremental_ingest_and_delete_touch_only_their_shard(
        tmp_path: Path, embedder: E5Embedder) -> None:
    docs = [Document(f"d{i}", f"Texte numéro {i} sur le sujet {i} et la ville {i}.", f"T{i}")
            for i in range(6)]
    _build(tmp_path, embedder, docs, 2)
    engine = _engine(tmp_path, embedder, 2)
    before = read_manifest(tmp_path)
    target = shard_of("new", 2)
    engine.ingest_documents([Document("new", "Un volcan islandais est entré en éruption.",
                                      "Volcan")])
    after = read_manifest(tmp_path)
    assert after.generation == before.generation + 1
    for b, a in zip(before.shards, after.shards, strict=True):
        assert (a.generation > b.generation) == (a.name == f"shard-{target:03d}")
    assert engine.searcher().search("volcan islandais", 1)[0].chunk.doc_id == "new"
    # the untouched shard rescaled its BM25 to the new global statistics: same as one box
    one_dir = tmp_path / "one"
    one = Engine(Settings(index_dir=one_dir, llm="extractive"), embedder=embedder)
    one.ingest_documents([*docs, Document("new", "Un volcan islandais est entré en éruption.",
                                          "Volcan")])
    for q in ("texte sujet ville", "numéro 3 volcan"):  # these texts tie: order ties by id
        def canon(hits: list[tuple[str, float]]) -> list[tuple[str, float]]:
            return sorted(hits, key=lambda h: (-h[1], h[0]))
        assert canon(_ids(engine.searcher(), q, "bm25")) == canon(_ids(one.searcher(), q, "bm25"))
    assert engine.health()["generation"] == after.generation
    deleted, missing = engine.delete(["new", "nope"])
    assert (deleted, missing) == (["new"], ["nope"])
    assert all(h.chunk.doc_id != "new" for h in engine.searcher().search("volcan islandais", 5))
    assert sorted(d.doc_id for d in engine.documents()) == [d.id for d in docs]
