"""Security review 49, note: `/health` is public (liveness probes send no key), and with API
keys set it still showed anyone the index's document and chunk counts and its generation
(how large the index is, and when it changes). Without a valid key it shows the status
alone now; a key sent there is checked as on any route, so it tells a right key from a
wrong one no faster than the wrong-key throttle allows."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import small_docs
from tests.service.conftest import Service

KEY = "right-key-123"
FULL = {"status", "index_loaded", "generation", "documents", "chunks", "embedder", "backend",
        "uptime_s"}


def test_health_shows_counts_to_a_key_only(small_service: Callable[..., Service]) -> None:
    svc = small_service(api_keys=KEY, admin_keys="admin-key-1", auth_failures_per_minute=3)
    c = svc.client
    r = c.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}, r.text
    assert c.head("/health").status_code == 200
    r = c.get("/health", headers={"authorization": f"Bearer {KEY}"})
    assert r.status_code == 200 and set(r.json()) == FULL, r.text
    assert r.json()["documents"] == len(small_docs())
    # a wrong key is a 401 there too, counted toward the throttle; a probe without one passes
    wrong = [c.get("/health", headers={"authorization": f"Bearer guess-{i}"}).status_code
             for i in range(4)]
    assert wrong == [401] * 3 + [429], wrong
    assert c.get("/health", headers={"authorization": f"Bearer {KEY}"}).status_code == 429
    assert c.get("/health").json() == {"status": "ok"}


def test_health_shows_everything_without_keys(small_service: Callable[..., Service]) -> None:
    r = small_service().client.get("/health")
    assert r.status_code == 200 and set(r.json()) == FULL, r.text
    assert r.json()["documents"] == len(small_docs())
