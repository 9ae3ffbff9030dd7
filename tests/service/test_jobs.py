"""Ingest jobs over a real server: 202 and progress, embedding outside the write lock, cancel,
and a job that outlives the client that started it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.settings import ServiceSettings
from tests.service.conftest import Service, busy_documents, running_service

SMALL = {"documents": [
    {"id": "lac", "title": "Le lac Léman", "text": "Le lac Léman borde Genève et Lausanne."},
    {"id": "vercors", "title": "Le Vercors", "text": "Le massif du Vercors domine Grenoble."},
]}


def _wait(c: httpx.Client, job_id: str, until: Callable[[dict[str, Any]], bool],
          timeout: float = 300.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        r = c.get(f"/jobs/{job_id}")
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        if until(body):
            return body
        assert body["status"] not in ("failed",), body
        assert time.monotonic() < deadline, f"job never reached the state wanted: {body}"
        time.sleep(0.05)


def _ids(c: httpx.Client) -> set[str]:
    return {d["doc_id"] for d in c.get("/documents").json()}


def _start(c: httpx.Client, payload: dict[str, Any], **kw: Any) -> str:
    r = c.post("/documents", json=payload, **kw)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status_url"] == f"/jobs/{body['job_id']}"
    assert r.headers["location"] == body["status_url"]
    return str(body["job_id"])


def test_async_ingest_returns_202_then_done(small_service: Any) -> None:
    svc: Service = small_service(async_ingest_bytes=2048)
    c = svc.client
    job_id = _start(c, SMALL, params={"async": "true"})
    done = _wait(c, job_id, lambda b: b["status"] == "done")
    assert done["result"]["added"] == 2 and done["error"] is None
    assert done["progress"]["embedded"] == done["progress"]["total"] == done["result"]["chunks"]
    hits = c.get("/search", params={"q": "massif du Vercors Grenoble", "k": 1}).json()["hits"]
    assert hits[0]["doc_id"] == "vercors"
    # asked with a header instead
    again = {"documents": [{"id": "alpes", "text": "Les Alpes traversent la Savoie."}]}
    job_id = _start(c, again, headers={"prefer": "respond-async"})
    assert _wait(c, job_id, lambda b: b["status"] == "done")["result"]["added"] == 1
    # over async_ingest_bytes: a job unless the client asks to wait
    payload = busy_documents(3)
    job_id = _start(c, payload)
    assert _wait(c, job_id, lambda b: b["status"] == "done")["result"]["added"] == 3
    r = c.post("/documents", json=payload, params={"async": "false"})
    assert r.status_code == 200 and r.json()["unchanged"] == 3, r.text
    # small bodies keep the synchronous answer
    r = c.post("/documents", json={"documents": [{"id": "jura", "text": "Le Jura est boisé."}]})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    for bad in (c.get("/jobs/nope"), c.delete("/jobs/nope")):
        assert bad.status_code == 404 and "nope" in bad.json()["error"]
    r = c.post("/documents", json=SMALL, params={"async": "maybe"})
    assert r.status_code == 422 and "async" in r.json()["error"]


def test_job_embeds_outside_the_write_lock(small_service: Any) -> None:
    svc: Service = small_service(embed_batch_size=4)
    c = svc.client
    job_id = _start(c, busy_documents(), params={"async": "true"})
    _wait(c, job_id, lambda b: b["status"] == "embedding" and b["progress"]["embedded"] > 0)
    # writes and reads go on while the job embeds: the write lock is not held meanwhile
    r = c.delete("/documents/astro")
    assert r.status_code == 200, r.text
    r = c.post("/documents", json=SMALL)
    assert r.status_code == 200 and r.json()["added"] == 2, r.text
    r = c.get("/search", params={"q": "massif du Vercors Grenoble", "k": 1})
    assert r.status_code == 200 and r.json()["hits"][0]["doc_id"] == "vercors"
    status = c.get(f"/jobs/{job_id}").json()
    assert status["status"] == "embedding", status
    assert status["progress"]["embedded"] < status["progress"]["total"]
    assert c.delete(f"/jobs/{job_id}").status_code == 200
    _wait(c, job_id, lambda b: b["status"] == "cancelled")


def test_cancel_stops_the_job_and_commits_nothing(small_service: Any) -> None:
    svc: Service = small_service(embed_batch_size=4)
    c = svc.client
    before = c.get("/health").json()
    job_id = _start(c, busy_documents(), params={"async": "true"})
    _wait(c, job_id, lambda b: b["progress"]["embedded"] > 0)
    r = c.delete(f"/jobs/{job_id}")
    assert r.status_code == 200, r.text
    assert r.json()["cancel_requested"] is True
    end = _wait(c, job_id, lambda b: b["status"] not in ("queued", "embedding"))
    assert end["status"] == "cancelled", end
    assert end["result"] is None and "cancelled" in end["error"]
    assert end["progress"]["embedded"] < end["progress"]["total"]
    assert _ids(c) == {"astro", "cuisine", "foot", "volcan"}
    after = c.get("/health").json()
    assert (after["generation"], after["chunks"]) == (before["generation"], before["chunks"])
    r = c.delete(f"/jobs/{job_id}")
    assert r.status_code == 409 and "finished" in r.json()["error"]


def test_job_finishes_after_its_client_goes_away(small_service: Any) -> None:
    svc: Service = small_service()
    with httpx.Client(base_url=svc.url, timeout=30) as gone:
        job_id = _start(gone, SMALL, params={"async": "true"})
    c = svc.client  # another connection, as a client coming back later would use
    done = _wait(c, job_id, lambda b: b["status"] == "done")
    assert done["result"]["added"] == 2
    assert {"lac", "vercors"} <= _ids(c)


def test_jobs_need_the_admin_key_to_cancel(small_service: Any) -> None:
    svc: Service = small_service(api_keys="reader", admin_keys="boss")
    with httpx.Client(base_url=svc.url, timeout=30) as c:
        admin = {"authorization": "Bearer boss"}
        job_id = _start(c, SMALL, params={"async": "true"}, headers=admin)
        r = c.delete(f"/jobs/{job_id}", headers={"authorization": "Bearer reader"})
        assert r.status_code == 403, r.text
        assert c.get(f"/jobs/{job_id}").status_code == 401
        r = c.get(f"/jobs/{job_id}", headers={"authorization": "Bearer reader"})
        assert r.status_code == 200, r.text


def test_a_job_lost_in_a_restart_is_not_reported_as_finished(
        tmp_path: Path, embedder: E5Embedder) -> None:
    """Thirteenth review, F8: jobs live in the server's memory, so a restart loses the ones
    not committed, and the 404 that followed read "finished too long ago". It now says the
    job may have been lost, and what to do."""
    settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                               rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    with running_service(settings, engine) as svc:
        job_id = _start(svc.client, busy_documents(100), params={"async": "true"})
    # the server stopped (its jobs cancelled, nothing committed); a new one on the same index
    with running_service(settings, Engine(settings, embedder=embedder,
                                          auto_build=False)) as svc:
        for r in (svc.client.get(f"/jobs/{job_id}"), svc.client.delete(f"/jobs/{job_id}")):
            assert r.status_code == 404
            error = r.json()["error"]
            assert job_id in error and "lost in a server restart" in error, error
            assert "resubmit" in error and "too long ago" not in error, error
        assert svc.client.get("/documents").json() == []  # the job's documents never came
