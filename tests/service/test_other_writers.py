"""A server notices what another process committed to its index (issue 15 item 5)."""

from __future__ import annotations

import time
from collections.abc import Callable

from rag.documents import Document
from rag.engine import Engine
from tests.service.conftest import Service


def _finds(svc: Service, doc_id: str) -> bool:
    hits = svc.client.get("/search", params={"q": "glacier Perito Moreno", "k": 2}).json()
    return any(h["doc_id"] == doc_id for h in hits["hits"])


def test_a_commit_by_another_writer_is_served_within_seconds(
        small_service: Callable[..., Service]) -> None:
    svc = small_service()
    assert not _finds(svc, "glacier")
    other = Engine(svc.settings, embedder=svc.engine.embedder, llm=None, auto_build=False)
    other.ingest_documents([Document("glacier", "Le glacier Perito Moreno en Patagonie "
                                     "argentine a perdu un pan de glace.", "Glacier")])
    deadline = time.monotonic() + 10
    while not _finds(svc, "glacier"):
        assert time.monotonic() < deadline, "the server never served the new generation"
        time.sleep(0.3)
    health = svc.client.get("/health").json()
    assert health["documents"] == 5 and health["generation"] == other.snapshot.generation  # type: ignore[union-attr]
    other.delete(["glacier"])
    deadline = time.monotonic() + 10
    while _finds(svc, "glacier"):
        assert time.monotonic() < deadline, "the server never served the deletion"
        time.sleep(0.3)
