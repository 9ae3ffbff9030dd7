"""Synchronous ingests (`?async=false`, or under RAG_ASYNC_INGEST_BYTES) count against
RAG_MAX_PENDING_CHARS as jobs do, over a real server and a real local web site: before (seventh
review), ten requests waiting at the write gate held their documents and nothing counted them.
A synchronous ingest holds its text from the moment its documents are read until it answers,
by an error too."""

from __future__ import annotations

import fcntl
import threading
import time
from typing import Any

import httpx

from tests.local_site import ARTICLE, Route, local_site
from tests.service.conftest import Service

CAP = 5_000


def _doc(doc_id: str, chars: int) -> dict[str, Any]:
    text = ("Le lac Léman borde Genève et Lausanne. " * (chars // 39 + 1))[:chars - 3]
    return {"documents": [{"id": doc_id, "title": "Lac", "text": text}]}


def test_a_synchronous_ingest_holds_its_text_while_it_waits_at_the_gate(
        small_service: Any) -> None:
    with local_site() as site:
        for i in range(2):  # two slow pages take both threads of the write gate (~3 s)
            site.routes[f"/lent{i}"] = Route(body=ARTICLE.encode(), drip=0.3)
        svc: Service = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"],
                                     max_pending_chars=CAP)
        results: dict[str, httpx.Response] = {}

        def post(name: str, body: dict[str, Any]) -> None:
            with httpx.Client(base_url=svc.url, timeout=60) as c:
                results[name] = c.post("/documents", json=body, params={"async": "false"})

        threads = [threading.Thread(target=post, args=(f"lent{i}", {"urls": [
            f"{site.url}/lent{i}"]})) for i in range(2)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10
        while len(site.seen) < 2:  # both fetches are under way, each holding a gate thread
            assert time.monotonic() < deadline, site.seen
            time.sleep(0.01)
        waiting = threading.Thread(target=post, args=("sync", _doc("attente", 3_000)))
        waiting.start()
        threads.append(waiting)
        time.sleep(0.5)  # its documents are read: it waits at the gate, holding 3,000

        r = svc.client.post("/documents", json=_doc("job", 3_000), params={"async": "true"})
        assert r.status_code == 503, r.text
        assert r.headers["retry-after"].isdigit()
        assert r.json()["error"] == (
            "the ingests waiting or running already hold 3000 characters of text; this one's "
            f"3000 would pass {CAP} (RAG_MAX_PENDING_CHARS); retry when one finishes")
        r = svc.client.post("/documents", json=_doc("sync2", 3_000), params={"async": "false"})
        assert r.status_code == 503 and "RAG_MAX_PENDING_CHARS" in r.json()["error"], r.text
        for t in threads:
            t.join(timeout=60)
    assert {k: v.status_code for k, v in results.items()} == {
        "lent0": 200, "lent1": 200, "sync": 200}
    # its text is given back with its answer
    r = svc.client.post("/documents", json=_doc("job", 3_000), params={"async": "true"})
    assert r.status_code == 202, r.text
    assert svc.client.delete(f"/jobs/{r.json()['job_id']}").status_code in (200, 409)


def test_a_synchronous_ingest_that_fails_gives_its_text_back(small_service: Any) -> None:
    """Another process writing the index (`rag ingest` holds its lock) fails the ingest at its
    commit; what it held is released all the same."""
    svc: Service = small_service(max_pending_chars=CAP)
    c = svc.client
    with (svc.engine.store.root / ".lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            r = c.post("/documents", json=_doc("refuse", 3_000), params={"async": "false"})
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert r.status_code == 400 and "another ingest or delete" in r.json()["error"], r.text
    # had it kept its 3,000, this one would pass 5,000 while a job holds 3,000
    job = c.post("/documents", json=_doc("job", 3_000), params={"async": "true"})
    assert job.status_code == 202, job.text
    r = c.post("/documents", json=_doc("lac", 1_500), params={"async": "false"})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert c.delete(f"/jobs/{job.json()['job_id']}").status_code in (200, 409)
