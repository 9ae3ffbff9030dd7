"""`GET /documents` pages read in SQL, over a real server (sixth review, F6: every request,
`?limit=1` included, built all the index's document rows and sliced one page out). The pages
and `X-Total-Count` are the same as before; a row outside the page is not even read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tests.service.conftest import Service


def _page(svc: Service, **params: int) -> tuple[list[str], str]:
    r = svc.client.get("/documents", params=params)
    assert r.status_code == 200, r.text
    return [d["doc_id"] for d in r.json()], r.headers["x-total-count"]


def test_pages_and_totals_are_read_in_sql(small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False, async_ingest_bytes=0)
    ids = [f"n{i:03d}" for i in range(40)] + ["Z", "a/b", "é", "_"]
    r = svc.client.post("/documents", json={"documents": [
        {"id": d, "title": f"Note {d}", "text": f"Note {i} sur le jardin et ses tomates."}
        for i, d in enumerate(reversed(ids))]})
    assert r.status_code == 200 and r.json()["added"] == len(ids), r.text
    everything = svc.engine.documents()
    assert [d.doc_id for d in everything] == sorted(ids)
    r = svc.client.get("/documents", params={"limit": 3, "offset": 1})
    assert r.json() == [{"doc_id": d.doc_id, "title": d.title, "chunks": d.n_chunks,
                         "source": d.source} for d in everything[1:4]]
    for limit, offset in [(100, 0), (1, 0), (10, 35), (5, 43), (5, 44), (5, 1000), (1000, 2),
                          (1, 2**70)]:
        assert _page(svc, limit=limit, offset=offset) == (
            sorted(ids)[offset:offset + limit], str(len(ids))), (limit, offset)
    assert _page(svc) == (sorted(ids), str(len(ids)))

    # a row past the page is not read: one Python cannot decode breaks only its own page
    db = sqlite3.connect(svc.engine.store.db_path)
    db.execute("UPDATE documents SET title = CAST(x'ff' AS TEXT) WHERE doc_id = 'n030'")
    db.commit()
    db.close()
    assert _page(svc, limit=10) == (sorted(ids)[:10], str(len(ids)))
    assert _page(svc, limit=5, offset=34) == (sorted(ids)[34:39], str(len(ids)))
