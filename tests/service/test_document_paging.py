"""`GET /documents` a page at a time (the security review: an unbounded listing): `limit`
(100 by default, at most 1000) and `offset`, the total in `X-Total-Count`, the body still a
list of the same objects."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service


def test_documents_are_listed_a_page_at_a_time(small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False, async_ingest_bytes=0)
    docs = [{"id": f"d{i:03d}", "text": f"Note {i} sur le jardin potager et ses tomates."}
            for i in range(130)]
    r = svc.client.post("/documents", json={"documents": docs})
    assert r.status_code == 200 and r.json()["added"] == 130, r.text

    first = svc.client.get("/documents")  # no parameters: the first 100
    assert first.status_code == 200, first.text
    assert first.headers["x-total-count"] == "130"
    body = first.json()
    assert [d["doc_id"] for d in body] == [f"d{i:03d}" for i in range(100)]
    assert set(body[0]) == {"doc_id", "title", "chunks", "source"}  # the shape it had

    rest = svc.client.get("/documents", params={"offset": 100})
    assert [d["doc_id"] for d in rest.json()] == [f"d{i:03d}" for i in range(100, 130)]
    page = svc.client.get("/documents", params={"limit": 5, "offset": 10})
    assert [d["doc_id"] for d in page.json()] == [f"d{i:03d}" for i in range(10, 15)]
    assert page.headers["x-total-count"] == "130"
    assert len(svc.client.get("/documents", params={"limit": 1000}).json()) == 130
    past = svc.client.get("/documents", params={"offset": 500})
    assert past.status_code == 200 and past.json() == []

    for params in ({"limit": 0}, {"limit": 1001}, {"limit": -1}, {"offset": -1},
                   {"limit": "many"}, {"offset": "1.5"}):
        bad = svc.client.get("/documents", params=params)
        assert bad.status_code == 422, (params, bad.text)
        assert next(iter(params)) in bad.json()["error"], bad.text
