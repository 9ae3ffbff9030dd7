"""Chunking over a real server: a job that is chunking stops when cancelled, and characters
that count as no embedder token make neither chunks nor answers of unbounded size."""

from __future__ import annotations

import time
from typing import Any

FIRST = "La Russie a envoyé 3 000 soldats au Kazakhstan selon le ministère."
SECOND = " Les soldats russes sont arrivés à Almaty."


def test_cancel_stops_a_job_while_it_is_chunking(small_service: Any) -> None:
    """~1 MB of prose is ~7 s of chunking here; the job used to go on chunking after DELETE
    (then stop at its first embedding batch): it now stops within a second."""
    svc = small_service()
    c = svc.client
    before = c.get("/health").json()
    text = " ".join(f"Le rapport {i} note que la station {i % 97} a mesuré {i * 7} "
                    "millimètres de pluie." for i in range(13_000))
    r = c.post("/documents", params={"async": "true"},
               json={"documents": [{"id": "rapports", "text": text}]})
    assert r.status_code == 202, r.text
    url = r.json()["status_url"]
    deadline = time.monotonic() + 10
    while (status := c.get(url).json())["status"] == "queued":
        assert time.monotonic() < deadline, status
        time.sleep(0.02)
    time.sleep(0.3)  # well inside the chunking
    status = c.get(url).json()
    assert status["status"] == "embedding" and status["progress"]["total"] == 0, status
    t0 = time.monotonic()
    assert c.delete(url).status_code == 200
    while (status := c.get(url).json())["status"] == "embedding":
        assert time.monotonic() - t0 < 1.0, "the job went on chunking after its cancel"
        time.sleep(0.02)
    assert status["status"] == "cancelled", status
    after = c.get("/health").json()
    assert (after["generation"], after["chunks"]) == (before["generation"], before["chunks"])


def test_characters_of_no_token_make_no_huge_chunk_or_answer(small_service: Any) -> None:
    """Two sentences around 200,000 zero-width spaces (dropped as the text is read) or
    zero-width non-joiners (kept: Persian needs them; the chunk is cut at 1,024 characters).
    Before: one chunk of 200,000 characters each, ~600 KB in every /search answer."""
    svc = small_service()
    c = svc.client
    docs = [{"id": "zwsp", "title": "Soldats", "text": FIRST + "\u200b" * 200_000 + SECOND},
            {"id": "zwnj", "title": "Soldats", "text": FIRST + "\u200c" * 200_000 + SECOND}]
    r = c.post("/documents", params={"async": "false"}, json={"documents": docs})
    assert r.status_code == 200 and r.json()["added"] == 2, r.text
    r = c.get("/search", params={"q": "soldats russes Almaty", "k": 10})
    assert r.status_code == 200, r.text
    assert len(r.content) < 20_000
    hits = r.json()["hits"]
    assert {h["doc_id"] for h in hits} >= {"zwsp", "zwnj"}
    assert max(len(h["text"]) for h in hits) <= 1024
    zwsp = [h["text"] for h in hits if h["doc_id"] == "zwsp"]
    assert zwsp == [FIRST + SECOND]
