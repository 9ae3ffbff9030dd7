"""Twelfth review, F4: a synchronous `POST /documents` ran to its end after its client had
gone (a 2 MB upload embedded on for half an hour, both cores busy, a write slot held). Now the
client's hang-up stops it, nothing is written, and it is counted as 499. Real server, real e5
model; measured by the embedder's own count of texts."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from rag import Document
from rag.ingest import make_chunker
from tests.service.conftest import Service
from tests.service.test_index_health import _count

SENTENCE = "Le relevé de pluie de la station {i} indique {i} millimètres cette semaine-là. "


def test_a_client_that_hangs_up_stops_a_synchronous_ingest(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False, embed_batch_size=4)
    text = "".join(SENTENCE.format(i=i) for i in range(4000))  # ~300 chunks to embed
    body = {"documents": [{"id": "pluie", "text": text, "title": "Pluie"}]}
    embedder = svc.engine.embedder
    before = embedder.calls  # type: ignore[attr-defined]
    with pytest.raises(httpx.ReadTimeout):
        svc.client.post("/documents", params={"async": "false"}, json=body,
                        timeout=httpx.Timeout(30, read=1.5))
    deadline = time.monotonic() + 30
    while _count(svc, "/documents", 499) != 1.0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _count(svc, "/documents", 499) == 1.0
    embedded = embedder.calls - before  # type: ignore[attr-defined]
    chunks = len(make_chunker(svc.settings, embedder).split(
        Document(id="pluie", text=text, title="Pluie")))
    assert chunks > 100 and embedded < chunks / 2, (embedded, chunks)
    time.sleep(0.5)
    assert embedder.calls - before == embedded  # type: ignore[attr-defined]  # stopped
    r = svc.client.get("/documents")
    assert r.status_code == 200 and "pluie" not in r.text, r.text[:300]
    # the write slot is free: a small synchronous ingest goes through
    r = svc.client.post("/documents", params={"async": "false"}, json={"documents": [
        {"id": "petit", "text": "Un petit relevé de pluie.", "title": "Petit"}]})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
