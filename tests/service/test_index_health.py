"""Index damage and server errors as an HTTP client sees them: JSON with a request id, counted
in /metrics, /health saying degraded; a failed index write after the commit says so."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.store import IndexStore
from service.settings import ServiceSettings
from tests.conftest import small_docs
from tests.rag.test_store_integrity import _chunk_id, flip_stored
from tests.service.conftest import Service, free_port, running_service


def _count(svc: Service, route: str, status: int) -> float:
    text = svc.client.get("/metrics").text
    for line in text.splitlines():
        if line.startswith("rag_requests_total{") and f'route="{route}"' in line \
                and f'status="{status}"' in line:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_damaged_rows_give_json_errors_and_a_degraded_health(
        tmp_path: Path, embedder: E5Embedder) -> None:
    root = tmp_path / "index"
    settings = ServiceSettings(index_dir=root, corpus_dir=tmp_path / "none",
                               rate_limit_per_minute=0)
    Ingestor(settings, embedder, IndexStore(root)).run(small_docs())
    cid = _chunk_id(root, "cuisine")
    flip_stored(root, b"aubergines", b"auberg\xffnes", "SELECT CAST(text AS BLOB) FROM chunks "
                "WHERE id = ?", cid)  # not UTF-8 any more
    flip_stored(root, b"Victoire de l'OM", b"Victoire de l\xffOM",
                "SELECT CAST(title AS BLOB) FROM documents WHERE doc_id = 'foot'")
    engine = Engine(settings, embedder=embedder, auto_build=False)
    with running_service(settings, engine) as svc:
        health = svc.client.get("/health").json()
        assert health["status"] == "ok" and "index_dir" not in health
        assert str(root) not in json.dumps(health)

        ok = svc.client.get("/search", params={"q": "fusée Ariane Kourou", "k": 1,
                                               "retriever": "bm25"})
        assert ok.status_code == 200 and ok.json()["hits"][0]["doc_id"] == "astro"

        bad = svc.client.get("/search", params={"q": "ratatouille aubergines", "k": 1,
                                                "retriever": "bm25"},
                             headers={"x-request-id": "damage-1"})
        assert bad.status_code == 503, bad.text
        body = bad.json()
        assert body["request_id"] == "damage-1" == bad.headers["x-request-id"]
        assert f"chunk row(s) {cid}" in body["error"] and "rag check" in body["error"]
        health = svc.client.get("/health").json()
        assert health["status"] == "degraded", health
        assert health["problems"] == [f"chunk row {cid} unreadable"]

        # An error no handler knows (a documents row SQLite cannot decode): JSON, counted.
        before = _count(svc, "/documents", 500)
        crash = svc.client.get("/documents")
        assert crash.status_code == 500, crash.text
        assert crash.headers["content-type"] == "application/json"
        rid = crash.headers["x-request-id"]
        assert crash.json() == {"error": "internal error", "request_id": rid}
        assert _count(svc, "/documents", 500) == before + 1


def test_failed_index_write_after_commit_is_reported_and_served(
        small_service: Callable[..., Service]) -> None:
    svc = small_service()
    root = svc.settings.index_dir
    gen = IndexStore(root).db_generation() + 1
    (root / f".dense-{gen:06d}.faiss.tmp").mkdir()  # the FAISS file cannot be written
    doc = {"id": "jardin", "title": "Le potager",
           "text": "Les tomates du potager mûrissent en août sous le soleil du jardin."}
    r = svc.client.post("/documents", json={"documents": [doc]})
    assert r.status_code == 500, r.text
    body = r.json()
    assert "committed" in body["error"] and "Is a directory" in body["error"], body
    assert str(root) not in body["error"] and body["request_id"] == r.headers["x-request-id"]
    listed = {d["doc_id"] for d in svc.client.get("/documents").json()}
    assert "jardin" in listed
    hits = svc.client.get("/search", params={"q": "tomates potager", "k": 1}).json()["hits"]
    assert hits[0]["doc_id"] == "jardin"
    health = svc.client.get("/health").json()
    assert health["status"] == "degraded" and health["documents"] == 5, health
    assert "index_dir" not in health


def test_upstream_errors_do_not_reveal_its_url(small_service: Callable[..., Service]) -> None:
    port = free_port()
    svc = small_service(llm="openai", llm_base_url=f"http://127.0.0.1:{port}/v1",
                        llm_model="m", llm_timeout=2)
    r = svc.client.post("/ask", json={"question": "Où la fusée a-t-elle décollé ?"})
    assert r.status_code == 502, r.text
    assert "cannot reach" in r.json()["error"]
    assert str(port) not in r.json()["error"] and "127.0.0.1" not in r.json()["error"]
