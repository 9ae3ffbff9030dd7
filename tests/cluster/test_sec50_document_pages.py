"""Security review 50, F3: a cluster's `GET /documents?limit=1` read every document of every
shard (each shard's whole list, over Ray on a real cluster) to answer one page, and any API
key may ask for it. Each shard now sends only its first `offset + limit` documents by id, and
the router merges them in order and slices: the same page, in the same order, with the same
`X-Total-Count` as the merged whole list gave.

The cluster app (three shards in process) runs under a real uvicorn server; the shards'
replies are counted on their way to the router."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.cluster import ingest as cluster_ingest
from rag.cluster.engine import ClusterEngine
from rag.cluster.manifest import read_manifest
from rag.cluster.search import LocalShards
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.store import DocumentInfo
from service.cluster import cluster_app
from service.settings import ServiceSettings
from tests.service.conftest import serve

# ids whose order by code point is not their order by any other reading: case, digits,
# accents, scripts outside Latin-1
IDS = [f"doc-{i:02d}" for i in range(24)] + [
    "Zèbre", "zèbre", "a", "B", "10", "9", "é", "ß", "日本", "Ωmega", "doc-1", "~end", "!start"]


class CountedShards(LocalShards):
    """LocalShards that count the document rows each shard sends the router."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.rows_sent: list[int] = []

    def call_all(self, method: str, *args: Any) -> list[Any]:
        replies = super().call_all(method, *args)
        self.rows_sent += [sum(len(part) for part in reply if isinstance(part, list)
                               and all(isinstance(d, DocumentInfo) for d in part))
                           for reply in replies if isinstance(reply, tuple)]
        return replies


@pytest.fixture(scope="module")
def cluster_root(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder) -> Path:
    root = tmp_path_factory.mktemp("sec50-pages")
    settings = ServiceSettings(index_dir=root, llm="extractive")
    docs = [Document(i, f"Le document {i} parle d'un volcan numéro {n}.", f"Titre {i}")
            for n, i in enumerate(IDS)]
    cluster_ingest.commit(root, settings, embedder, cluster_ingest.prepare(
        root, settings, embedder, docs, n_shards=3))
    return root


@pytest.fixture
def served(cluster_root: Path, embedder: E5Embedder
           ) -> Iterator[tuple[httpx.Client, CountedShards, ClusterEngine]]:
    settings = ServiceSettings(index_dir=cluster_root, llm="extractive")
    pool = CountedShards(cluster_root, settings, len(read_manifest(cluster_root).shards))
    engine = ClusterEngine(cluster_root, settings, embedder, pool)
    with serve(cluster_app(cluster_root, settings, engine)) as url, \
            httpx.Client(base_url=url, timeout=60) as client:
        yield client, pool, engine


def _shown(d: DocumentInfo) -> dict[str, Any]:
    return {"doc_id": d.doc_id, "title": d.title, "chunks": d.n_chunks, "source": d.source}


def test_a_page_reads_only_what_it_needs_from_each_shard(
        served: tuple[httpx.Client, CountedShards, ClusterEngine]) -> None:
    client, pool, _ = served
    for limit, offset in ((1, 0), (3, 0), (2, 5)):
        pool.rows_sent.clear()
        r = client.get("/documents", params={"limit": limit, "offset": offset})
        assert r.status_code == 200, r.text
        assert len(r.json()) == limit
        assert r.headers["x-total-count"] == str(len(IDS))
        assert len(pool.rows_sent) == 3, pool.rows_sent  # one reply a shard
        # each shard sends at most the first offset + limit of its documents, not all of them
        assert max(pool.rows_sent) <= offset + limit, (limit, offset, pool.rows_sent)


def test_every_page_is_the_merged_lists_slice(
        served: tuple[httpx.Client, CountedShards, ClusterEngine]) -> None:
    client, _, engine = served
    # the whole list as the cluster merged it for every page before (every shard's list,
    # sorted by id): what each page must still be a slice of
    whole = [_shown(d) for d in engine.searcher().snapshot.store.list_documents()]
    assert [d["doc_id"] for d in whole] == sorted(IDS) and len(IDS) == len(set(IDS))
    for limit, offset in ((1, 0), (5, 0), (5, 5), (7, 30), (100, 0), (10, len(IDS) - 1),
                          (3, len(IDS)), (1000, 10**9)):
        r = client.get("/documents", params={"limit": limit, "offset": offset})
        assert r.status_code == 200, r.text
        assert r.json() == whole[offset:offset + limit], (limit, offset)
        assert r.headers["x-total-count"] == str(len(IDS))
    walked: list[dict[str, Any]] = []
    while len(walked) < len(IDS):
        r = client.get("/documents", params={"limit": 4, "offset": len(walked)})
        walked += r.json()
    assert walked == whole
    assert client.get("/documents").json() == whole  # (the default page, 100, holds them all)
