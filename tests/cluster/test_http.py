"""The single-box app over a cluster engine (shards in process), under a real uvicorn server:
same /search as one box, generation header, /health, writes through the API."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from rag.cluster import ingest as cluster_ingest
from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.retrieval import Searcher
from service.cluster import cluster_app, local_engine
from tests.cluster.conftest import QUESTIONS
from tests.service.conftest import serve


def test_cluster_app_answers_like_one_box(tmp_path: Path, kept_embedder: E5Embedder,
                                          articles: list[Document],
                                          corpus_searcher: Searcher) -> None:
    settings = Settings(index_dir=tmp_path, llm="extractive")
    # the articles' vectors are those the session corpus computed (tests/conftest.py)
    cluster_ingest.commit(tmp_path, settings, kept_embedder, cluster_ingest.prepare(
        tmp_path, settings, kept_embedder, articles, n_shards=2))
    engine = local_engine(tmp_path, settings)
    with serve(cluster_app(tmp_path, settings, engine)) as url, \
            httpx.Client(base_url=url, timeout=60) as client:
        health = client.get("/health")
        assert health.status_code == 200, health.text
        assert health.json()["shards"] == ["shard-000", "shard-001"]
        for q in QUESTIONS[:4]:
            r = client.get("/search", params={"q": q, "k": 10})
            assert r.status_code == 200, r.text
            assert r.headers["x-rag-generation"] == "1"
            assert [h["chunk_id"] for h in r.json()["hits"]] == \
                [h.chunk.id for h in corpus_searcher.search(q, 10)]
        r = client.post("/documents", json={"documents": [
            {"id": "volcan", "title": "Volcan", "text": "Un volcan islandais est entré en "
             "éruption près de Grindavik."}]})
        assert r.status_code == 200, r.text
        r = client.get("/search", params={"q": "volcan Grindavik", "k": 1})
        assert r.headers["x-rag-generation"] == "2"
        assert r.json()["hits"][0]["doc_id"] == "volcan"
        assert client.delete("/documents/volcan").status_code == 200
        ids = [d["doc_id"] for d in client.get("/documents").json()]
        assert sorted(ids) == sorted(d.id for d in articles)


@pytest.mark.parametrize("q", ["", "x" * 3000])
def test_bad_query_is_a_4xx(tmp_path: Path, embedder: E5Embedder, q: str) -> None:
    settings = Settings(index_dir=tmp_path, llm="extractive")
    docs = [Document("a", "Texte court sur un sujet.", "A")]
    cluster_ingest.commit(tmp_path, settings, embedder, cluster_ingest.prepare(
        tmp_path, settings, embedder, docs, n_shards=2))
    with serve(cluster_app(tmp_path, settings, local_engine(tmp_path, settings))) as url:
        r = httpx.get(f"{url}/search", params={"q": q})
        assert 400 <= r.status_code < 500 and "error" in r.json()
