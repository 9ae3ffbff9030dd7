"""The text ingests hold while they wait or run, over a real server: each job keeps its parsed
documents in memory until it ends, and before (sixth review, F1) up to 16 could wait whatever
they held: nine 600 KB .docx uploads queued 3 GB of text and the server died. Now the text of
the jobs queued or running (and of the synchronous ingests under way, see
test_review7_pending_ingests.py) is bounded by RAG_MAX_PENDING_CHARS (a 503 with Retry-After
past it); a job stops counting once it is done, failed or cancelled. Before the seventh review
a running job did not count."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.service.conftest import Service, busy_documents

CAP = 5_000
BUSY = busy_documents()
BUSY_CHARS = sum(len(d["text"]) + len(d["title"]) for d in BUSY["documents"])


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


def _refused(r: httpx.Response, held: int, cap: int) -> None:
    assert r.status_code == 503, r.text
    assert r.headers["retry-after"].isdigit(), r.headers
    assert r.json()["error"] == (
        f"the ingests waiting or running already hold {held} characters of text; this one's "
        f"3000 would pass {cap} (RAG_MAX_PENDING_CHARS); retry when one finishes")


def test_jobs_queued_and_running_hold_at_most_max_pending_chars(small_service: Any) -> None:
    cap = BUSY_CHARS + CAP  # the running job's text and 5,000 more
    svc: Service = small_service(embed_batch_size=4, max_pending_chars=cap)
    c = svc.client
    busy = _job(c, BUSY)
    _wait(c, busy, lambda s: s == "embedding")  # the worker is taken: later jobs queue

    first = _job(c, _doc("premier", 3_000))
    assert _status(c, first) == "queued"
    _refused(_post(c, _doc("second", 3_000)), BUSY_CHARS + 3_000, cap)  # 5,000 more at most
    assert c.post("/documents", json=_doc("petit", 1_000),  # within what is left
                  params={"async": "true"}).status_code == 202

    # a cancelled job gives its share back at once
    assert c.delete(f"/jobs/{first}").status_code == 200
    second = _job(c, _doc("second", 3_000))
    _refused(_post(c, _doc("troisieme", 3_000)), BUSY_CHARS + 4_000, cap)

    # a job the worker took still holds its documents: its share comes back when it ends
    assert c.delete(f"/jobs/{busy}").status_code == 200
    _wait(c, busy, lambda s: s == "cancelled")
    third = _job(c, _doc("troisieme", 3_000))
    for job in (second, third):
        assert _wait(c, job, lambda s: s not in ("queued", "embedding", "committing")) == "done"
    ids = {d["doc_id"] for d in c.get("/documents").json()}
    assert {"petit", "second", "troisieme"} <= ids and "premier" not in ids


def test_an_ingest_when_none_holds_text_is_taken_whatever_its_size(small_service: Any) -> None:
    """Waiting would not make room for it: its own request's limits bound it. While it runs,
    it holds its text like any other."""
    svc: Service = small_service(embed_batch_size=4, max_pending_chars=CAP)
    c = svc.client
    big = _job(c, _doc("grand", 2 * CAP))
    r = _post(c, _doc("petit", 1_000))
    assert r.status_code == 503 and "RAG_MAX_PENDING_CHARS" in r.json()["error"], r.text
    assert c.delete(f"/jobs/{big}").status_code == 200
    _wait(c, big, lambda s: s == "cancelled")
    petit = _job(c, _doc("petit", 1_000))
    assert _wait(c, petit, lambda s: s not in ("queued", "embedding", "committing")) == "done"
