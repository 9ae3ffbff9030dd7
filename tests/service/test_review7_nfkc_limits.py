"""The limits on a request's text count it as the embedder reads it (NFKC), over a real server:
one "\ufdfa" is 18 characters there, and 1,000 of them (3 KB) made 30 chunks and 4.4 s of
ingest while every limit charged 1,000 (seventh review, F4). The stored text is as sent."""

from __future__ import annotations

import time
from typing import Any

from tests.service.conftest import Service, busy_documents

LIGATURE = "\ufdfa"
BUSY = busy_documents()
BUSY_CHARS = sum(len(d["text"]) + len(d["title"]) for d in BUSY["documents"])


def _one(doc_id: str, text: str) -> dict[str, Any]:
    return {"documents": [{"id": doc_id, "title": "T", "text": text}]}


def test_max_document_chars_counts_the_nfkc_form(small_service: Any) -> None:
    svc: Service = small_service(ingest=False, max_document_chars=3000)
    r = svc.client.post("/documents", json=_one("long", LIGATURE * 200))  # 3,600 in NFKC
    assert r.status_code == 422, r.text
    assert r.json()["error"] == ("documents[0]: `text` longer than 3000 characters (limit per "
                                 "document)")
    text = f"La ﬁn, score ３ à 1. {LIGATURE * 10}"  # within: stored as sent
    r = svc.client.post("/documents", json=_one("court", text))
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert svc.engine.store.get_document("court").text == text


def test_async_ingest_bytes_counts_the_nfkc_form(small_service: Any) -> None:
    """150 "\ufdfa" are 450 bytes and 2,700 characters to embed: past 2,000, a job."""
    svc: Service = small_service(ingest=False, async_ingest_bytes=2000)
    r = svc.client.post("/documents", json=_one("latin", "Le lac Léman. " * 100))  # 1,500 B
    assert r.status_code == 200, r.text
    r = svc.client.post("/documents", json=_one("ligatures", LIGATURE * 150))
    assert r.status_code == 202, r.text
    job = r.json()["status_url"]
    deadline = time.monotonic() + 60
    while svc.client.get(job).json()["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert svc.client.get(job).json()["status"] == "done"


def test_max_pending_chars_counts_the_nfkc_form(small_service: Any) -> None:
    cap = BUSY_CHARS + 5000
    svc: Service = small_service(embed_batch_size=4, max_pending_chars=cap)
    c = svc.client
    busy = c.post("/documents", json=BUSY, params={"async": "true"}).json()["job_id"]
    r = c.post("/documents", json=_one("ligatures", LIGATURE * 300), params={"async": "true"})
    assert r.status_code == 503, r.text
    assert r.json()["error"] == (  # 300 characters sent, 5,400 to embed (title "T": 1)
        f"the ingests waiting or running already hold {BUSY_CHARS} characters of text; this "
        f"one's 5401 would pass {cap} (RAG_MAX_PENDING_CHARS); retry when one finishes")
    r = c.post("/documents", json=_one("latin", "Le lac Léman. " * 300), params={"async": "true"})
    assert r.status_code == 202, r.text  # 4,200 characters, as many to embed
    for job in (busy, r.json()["job_id"]):
        assert c.delete(f"/jobs/{job}").status_code in (200, 409)
