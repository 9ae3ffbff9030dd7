"""POST /documents `{"urls": [...]}` with an SSO ticket in a URL, against a real local web
server: neither the document listing nor a search hit shows it (security review 53, N1: any
API key read the ticket in GET /documents, and the id in every citation)."""

from __future__ import annotations

import json
from typing import Any

from rag.documents import Document
from rag.fetch import url_doc_id
from tests.local_site import ARTICLE, Route, local_site

TICKET = "ST-SECRET-123"
SID = "SIDVALUE42"


def test_a_ticket_in_a_fetched_url_is_listed_nowhere(small_service: Any) -> None:
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"])
    c = svc.client
    with local_site() as site:
        landing = f"/r/landing?ticket={TICKET}&sid={SID}"
        site.routes[landing] = Route(body=ARTICLE.encode())
        for n in (1, 2):
            site.routes[f"/article?id={n}"] = Route(body=ARTICLE.replace(
                "quatre mètres vingt", f"quatre mètres {n}").replace(
                "Crue de la Loire", f"Crue {n} de la Loire").encode())
        urls = [f"{site.url}{landing}", f"{site.url}/article?id=1", f"{site.url}/article?id=2"]
        r = c.post("/documents", json={"urls": urls})
        assert r.status_code == 200, r.text
        assert r.json()["added"] == 3, r.text
        assert landing in [p for p, _ in site.seen]  # fetched with its ticket

    listing = c.get("/documents")
    assert listing.status_code == 200
    assert TICKET not in listing.text and SID not in listing.text
    listed = {d["doc_id"]: d["source"] for d in listing.json()}
    assert listed == {
        url_doc_id(urls[0]): f"{site.url}/r/landing?ticket=REDACTED&sid=REDACTED",
        url_doc_id(urls[1]): urls[1],  # ?id=1 and ?id=2: two pages, two documents
        url_doc_id(urls[2]): urls[2]}
    hits = c.get("/search", params={"q": "niveau de la Loire à Orléans", "k": 5})
    assert hits.status_code == 200 and len(hits.json()["hits"]) >= 3
    assert TICKET not in hits.text and SID not in hits.text


def test_a_url_stored_with_its_ticket_is_listed_without_it(small_service: Any) -> None:
    """A page fetched before the fix keeps its stored source; it is shown without the ticket,
    and a `source` filter matches the form shown."""
    svc = small_service(ingest=False)
    stored = f"https://intranet.example.org/landing?ticket={TICKET}&lang=fr"
    report = svc.engine.ingest_documents([Document(
        id="old-page", text="La Loire a atteint quatre mètres vingt lundi matin à Orléans.",
        title="Crue", source=stored)])
    assert report.added == 1
    listing = svc.client.get("/documents")
    assert TICKET not in listing.text
    shown = "https://intranet.example.org/landing?ticket=REDACTED&lang=fr"
    assert [d["source"] for d in listing.json()] == [shown]
    hits = svc.client.get("/search", params={"q": "niveau de la Loire", "k": 3,
                                             "filters": json.dumps({"source": shown})})
    assert hits.status_code == 200, hits.text
    assert [h["doc_id"] for h in hits.json()["hits"]] == ["old-page"]
    assert TICKET not in hits.text
