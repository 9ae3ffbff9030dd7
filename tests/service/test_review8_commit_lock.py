"""Review 8 over a real server: a job's commit never embeds under the write lock.

Reproduced before the fix: ingest raceX; start a job holding raceX unchanged and a new raceY;
delete raceX while the job embeds raceY. The job reached "committing" with all its progress
done, then embedded raceX again under the engine's write lock: `DELETE /documents/nope`,
/search and even /health (whose engine dependency reloads the changed manifest under that lock)
waited for the whole re-embedding, and `DELETE /jobs/{id}` was a 409. Now raceX is embedded
outside the lock, as part of the job's progress (its total grows) and still cancellable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.service.conftest import Service


def _report(name: str, sentences: int) -> dict[str, str]:
    return {"id": name, "title": f"Relevés {name}", "text": " ".join(
        f"Le relevé {j} de {name} indique {j * 7 + 3} millimètres de pluie à la station "
        f"{j % 11}." for j in range(sentences))}


RACE_X = _report("raceX", 120)  # about 24 chunks: ~2 s of embedding on two cores
RACE_Y = _report("raceY", 80)


def _job(c: httpx.Client, job_id: str) -> dict[str, Any]:
    r = c.get(f"/jobs/{job_id}")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _wait(c: httpx.Client, job_id: str, until: Callable[[dict[str, Any]], bool],
          timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = _job(c, job_id)
        if until(body):
            return body
        assert time.monotonic() < deadline, f"job never reached the state wanted: {body}"
        time.sleep(0.02)


def _timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    t0 = time.perf_counter()
    r = call()
    return r, time.perf_counter() - t0


def _race(svc: Service) -> tuple[str, int]:
    """raceX stored; a job of raceX (unchanged) and raceY started; raceX deleted while the job
    embeds raceY; returns once raceY is embedded: (job id, raceY's chunks)."""
    c = svc.client
    r = c.post("/documents", params={"async": "false"}, json={"documents": [RACE_X]})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    r = c.post("/documents", params={"async": "true"}, json={"documents": [RACE_X, RACE_Y]})
    assert r.status_code == 202, r.text
    job_id = str(r.json()["job_id"])
    first = _wait(c, job_id, lambda b: b["progress"]["embedded"] > 0)
    assert first["status"] == "embedding"
    assert first["progress"]["total"] >= 12  # raceY only: raceX was unchanged
    assert c.delete("/documents/raceX").status_code == 200  # while raceY is embedded
    y_chunks = int(first["progress"]["total"])
    _wait(c, job_id, lambda b: b["progress"]["embedded"] >= y_chunks)
    # ... and once the job embeds raceX again (the old code did so inside its commit): a fixed
    # 0.2 s sleep was too short on a loaded machine (the job had not got there yet)
    _wait(c, job_id, lambda b: b["progress"]["total"] > y_chunks
          or b["status"] not in ("embedding", "committing"))
    return job_id, y_chunks


def test_requests_do_not_wait_while_a_job_embeds_a_document_deleted_meanwhile(
        small_service: Any) -> None:
    svc: Service = small_service(embed_batch_size=4, sentence_index=False)
    c = svc.client
    job_id, y_chunks = _race(svc)

    health, t_health = _timed(lambda: c.get("/health"))
    missing, t_delete = _timed(lambda: c.delete("/documents/no-such-doc"))
    search, t_search = _timed(lambda: c.get("/search", params={"q": "relevé pluie", "k": 1}))
    during = _job(c, job_id)
    assert (missing.status_code, health.status_code, search.status_code) == (404, 200, 200)
    assert max(t_delete, t_health, t_search) < 0.75, (t_delete, t_health, t_search)
    # raceX is being embedded again, and the job says so
    assert during["status"] in ("embedding", "committing"), during
    assert during["progress"]["total"] > y_chunks, during

    done = _wait(c, job_id, lambda b: b["status"] not in ("embedding", "committing"))
    assert done["status"] == "done", done
    assert (done["result"]["added"], done["result"]["unchanged"]) == (2, 0)
    total = done["progress"]["total"]
    assert done["progress"]["embedded"] == total == done["result"]["chunks"] > 2 * y_chunks
    ids = {d["doc_id"] for d in c.get("/documents").json()}
    assert {"raceX", "raceY"} <= ids
    hits = c.get("/search", params={"q": "Le relevé 117 de raceX", "k": 1}).json()["hits"]
    assert hits[0]["doc_id"] == "raceX"
    assert c.get("/health").json()["documents"] == len(ids)


def test_a_job_embedding_a_document_deleted_meanwhile_can_still_be_cancelled(
        small_service: Any) -> None:
    svc: Service = small_service(embed_batch_size=4, sentence_index=False)
    c = svc.client
    generation = c.get("/health").json()["generation"]
    job_id, _ = _race(svc)
    r = c.delete(f"/jobs/{job_id}")
    assert r.status_code == 200, r.text  # was 409: "committing"
    done = _wait(c, job_id, lambda b: b["status"] not in ("embedding", "committing"))
    assert done["status"] == "cancelled" and done["result"] is None, done
    ids = {d["doc_id"] for d in c.get("/documents").json()}
    assert "raceX" not in ids and "raceY" not in ids  # the job wrote nothing
    assert c.get("/health").json()["generation"] == generation + 2  # raceX in, raceX out


def test_a_commit_that_kept_conflicting_is_a_409() -> None:
    """Other writers changed the documents at every try: the client's request conflicts
    with theirs (409, retry later), not a malformed request (400)."""
    from rag.ingest import IngestConflict
    from service.errors import status_of

    assert status_of(IngestConflict("documents changed during 3 commit tries")) == 409
