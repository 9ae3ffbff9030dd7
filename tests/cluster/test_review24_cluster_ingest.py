"""Twenty-fourth review, F2 and F3.

F2: the cluster engine's `prepare_ingest` dropped its `cancelled`, `progress` and `on_chunks`
arguments: a synchronous `POST /documents` whose client hung up embedded on (40 s of CPU) and
was committed, a cancelled job embedded to its end, and a job's progress stayed at 0. Now
every shard's prepare gets them (shards in this process, real e5 model, real shard indexes).

F3: `rag cluster ingest --address` built its Ray Data embedding actors with the full
settings, secrets included (the LLM's key and address); Ray keeps them pickled.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from rag.cluster import ingest as cluster_ingest
from rag.cluster.engine import ClusterEngine
from rag.cluster.search import LocalShards
from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.ingest import IngestCancelled
from service.settings import ServiceSettings
from tests.conftest import small_docs


def _engine(root: Path, embedder: E5Embedder) -> ClusterEngine:
    settings = Settings(index_dir=root, llm="extractive", embed_batch_size=4)
    cluster_ingest.commit(root, settings, embedder, cluster_ingest.prepare(
        root, settings, embedder, small_docs(), n_shards=2))
    return ClusterEngine(root, settings, embedder, LocalShards(root, settings, 2))


def _more(n: int) -> list[Document]:
    return [Document(f"pluie-{i}", f"Le relevé de pluie de la station {i} indique {i} "
                     "millimètres cette semaine-là. " * 8, f"Pluie {i}") for i in range(n)]


def test_a_cluster_ingest_reports_progress_to_every_shard(tmp_path: Path,
                                                          embedder: E5Embedder) -> None:
    engine = _engine(tmp_path / "cluster", embedder)
    totals: list[int] = []
    done: list[int] = []
    prepared = engine.prepare_ingest(_more(12), on_chunks=totals.append, progress=done.append)
    assert totals and totals[-1] >= 12, totals  # the chunks of both shards, told as they grow
    assert sum(done) == totals[-1], (done, totals)
    report = engine.commit_ingest(prepared)
    assert report.added == 12


def test_a_cancelled_cluster_ingest_stops_and_writes_nothing(tmp_path: Path,
                                                             embedder: E5Embedder) -> None:
    engine = _engine(tmp_path / "cluster", embedder)
    batches = 0

    def progress(n: int) -> None:
        nonlocal batches
        batches += 1

    with pytest.raises(IngestCancelled):
        engine.prepare_ingest(_more(24), progress=progress, cancelled=lambda: batches >= 1)
    assert batches <= 2, batches  # stopped after the first batch, not run to the end
    ids = {h.chunk.doc_id for h in engine.searcher().search("relevé de pluie", 10)}
    assert not any(i.startswith("pluie-") for i in ids), ids


def test_ray_embedding_actors_get_no_secrets() -> None:
    settings = ServiceSettings(api_keys="userkey-SECRET-1", admin_keys="adminkey-SECRET-2",
                               llm_api_key="sk-upstream-SECRET-3", llm="openai",
                               llm_base_url="http://u:pw-SECRET-4@127.0.0.1:9/v1",
                               llm_model="m")
    assert b"SECRET" in pickle.dumps((settings,))
    args = cluster_ingest.embed_actor_args(settings)
    assert b"SECRET" not in pickle.dumps(args)
    assert args[0].embedder == settings.embedder and args[0].chunk_tokens == settings.chunk_tokens


def test_a_cancel_during_the_commit_writes_no_shard(tmp_path: Path,
                                                    embedder: E5Embedder) -> None:
    """Closing review H1: the shards' commits each read `cancelled`: a client gone while the
    first shard was written left it written and the second not, the manifest stale."""
    root = tmp_path / "cluster"
    engine = _engine(root, embedder)
    committing = False
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        if not committing:
            return False
        calls += 1
        return calls >= 2  # the client hangs up as the second shard is reached

    prepared = engine.prepare_ingest(_more(12), cancelled=cancelled)
    committing = True
    with pytest.raises(IngestCancelled):
        engine.commit_ingest(prepared)
    for i in range(2):
        store = cluster_ingest.open_shard_store(root, f"shard-00{i}", engine.settings)
        assert not [k for k in store.doc_hashes() if k.startswith("pluie-")], i
    assert engine.searcher().search("relevé de pluie", 3)  # still the old index, readable
