"""The text ingest jobs hold while they wait, over a real server: each queued job keeps its
parsed documents in memory until the one worker takes it, and before (sixth review, F1) up
to 16 could wait whatever they held: nine 600 KB .docx uploads queued 3 GB of text and the
server died. Now the queued jobs' text is bounded by RAG_MAX_PENDING_CHARS (a 503 with
Retry-After past it); a job stops counting once it starts or is cancelled."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.service.conftest import Service, busy_documents

CAP = 5_000


def _doc(doc_id: str, chars: int) -> dict[str, Any]:
    """A document of `chars` characters, its title's included."""
    text = ("Le lac Léman borde Genève et Lausanne. " * (chars // 39 + 1))[:chars - 3]
    return {"documents": [{"id": doc_id, "title": "Lac", "text": text}]}


def _post(c: httpx.Client, payload: dict[str, Any]) -> httpx.Response:
    return c.post("/documents", json=payload, params={"async": "true"})


def _job(c: httpx.Client, payload: dict[str, Any]) -> str:
    r = _post(c, payload)
    assert r.status_code == 202, r.text
    return str(r.json()["job_id"])


def _status(c: httpx.Client, job_id: str) -> str:
    return str(c.get(f"/jobs/{job_id}").json()["status"])


def _wait(c: httpx.Client, job_id: str, until: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + 120
    while not until(status := _status(c, job_id)):
        assert time.monotonic() < deadline, f"job {job_id} stayed {status}"
        time.sleep(0.05)
    return status


def _refused(r: httpx.Response, queued: int) -> None:
    assert r.status_code == 503, r.text
    assert r.headers["retry-after"].isdigit(), r.headers
    assert r.json()["error"] == (
        f"the ingest jobs waiting already hold {queued} characters of text; this one's 3000 "
        f"would pass {CAP} (RAG_MAX_PENDING_CHARS); retry when one starts")


def test_queued_jobs_hold_at_most_max_pending_chars(small_service: Any) -> None:
    svc: Service = small_service(embed_batch_size=4, max_pending_chars=CAP)
    c = svc.client
    busy = _job(c, busy_documents())
    _wait(c, busy, lambda s: s == "embedding")  # the worker is taken: later jobs queue

    first = _job(c, _doc("premier", 3_000))
    assert _status(c, first) == "queued"
    _refused(_post(c, _doc("second", 3_000)), 3_000)  # 6,000 would wait: over 5,000
    assert c.post("/documents", json=_doc("petit", 1_000),  # within what is left
                  params={"async": "true"}).status_code == 202

    # a cancelled job gives its share back at once
    assert c.delete(f"/jobs/{first}").status_code == 200
    second = _job(c, _doc("second", 3_000))
    _refused(_post(c, _doc("troisieme", 3_000)), 4_000)

    # so does a job the worker takes
    assert c.delete(f"/jobs/{busy}").status_code == 200
    _wait(c, busy, lambda s: s == "cancelled")
    _wait(c, second, lambda s: s != "queued")
    third = _job(c, _doc("troisieme", 3_000))
    for job in (second, third):
        assert _wait(c, job, lambda s: s not in ("queued", "embedding", "committing")) == "done"
    ids = {d["doc_id"] for d in c.get("/documents").json()}
    assert {"petit", "second", "troisieme"} <= ids and "premier" not in ids


def test_a_job_alone_in_the_queue_is_taken_whatever_its_size(small_service: Any) -> None:
    """Waiting would not make room for it: its own request's limits bound it."""
    svc: Service = small_service(embed_batch_size=4, max_pending_chars=CAP)
    c = svc.client
    busy = _job(c, busy_documents())
    _wait(c, busy, lambda s: s == "embedding")
    big = _job(c, _doc("grand", 2 * CAP))
    assert _status(c, big) == "queued"
    r = _post(c, _doc("petit", 1_000))
    assert r.status_code == 503 and "RAG_MAX_PENDING_CHARS" in r.json()["error"], r.text
    for job in (big, busy):
        assert c.delete(f"/jobs/{job}").status_code == 200
