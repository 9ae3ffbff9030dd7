"""Twenty-ninth review: a Markdown upload's front matter was parsed whatever its length, and
only then refused by the store's 64 KiB metadata bound, taking the whole upload with it: 17 MB
of `key: value` lines cost ~5 s of server CPU and ~400 MB to build a dict of 1,700,000 keys,
and the request's other files were lost with a 422. A block over 1 MiB now skips that file
alone, before its lines are read. Real server on loopback."""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.service.conftest import Service

KEYS = 1_700_000


def _front_matter_bomb() -> bytes:
    lines = "".join(f"k{i}: v\n" for i in range(KEYS))
    return f"---\n{lines}---\n# Note\n\nUne note sans importance.\n".encode()


def test_huge_front_matter_skips_its_file_alone(small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    bomb = _front_matter_bomb()
    assert len(bomb) > 16 * 1024 * 1024
    good = "Relevé de pluie\n\nIl est tombé douze millimètres de pluie sur Lyon ce mardi.\n"
    started = time.monotonic()
    r = svc.client.post("/documents", params={"async": "false"}, timeout=120, files=[
        ("files", ("bomb.md", bomb, "text/markdown")),
        ("files", ("pluie.txt", good.encode(), "text/plain"))])
    elapsed = time.monotonic() - started
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    assert body["added"] == 1, body
    reasons = [s["reason"] for s in body["skipped"]]
    assert any("front matter longer than" in x for x in reasons), body["skipped"]
    assert [d["doc_id"] for d in svc.client.get("/documents").json()] == ["pluie"]
    assert elapsed < 4, elapsed  # before: ~5 s of parsing, then a 422 for the whole upload


def test_front_matter_within_the_bound_is_still_metadata(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    md = "---\ntitle: Orage\nlieu: Lyon\n---\nUn orage a frappé Lyon mardi soir.\n"
    r = svc.client.post("/documents", params={"async": "false"},
                        files=[("files", ("orage.md", md.encode(), "text/markdown"))])
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert [(d["doc_id"], d["title"]) for d in svc.client.get("/documents").json()] == [
        ("orage", "Orage")]
    r = svc.client.get("/search", params={"q": "orage Lyon", "k": 1,
                                          "filters": '{"lieu": "Lyon"}'})
    assert r.status_code == 200, r.text
    assert [h["doc_id"] for h in r.json()["hits"]] == ["orage"], r.text
