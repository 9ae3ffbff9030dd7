"""What a writer sends beside a document's text is bounded, over a real server: a JSON title
or metadata too large is a 422 naming it, a fetched page's head fields are cut like its title
(a page's author or site name of any size was stored)."""

from __future__ import annotations

from typing import Any

from rag.fetch import url_doc_id
from tests.local_site import ARTICLE, Route, local_site


def test_json_title_and_metadata_are_bounded(small_service: Any) -> None:
    svc = small_service(ingest=False)
    c = svc.client
    r = c.post("/documents", json={"documents": [{"id": "t", "title": "T" * 1001,
                                                  "text": "Le lac d'Annecy est pur."}]})
    assert r.status_code == 422 and "`title` longer than 1000" in r.json()["error"], r.text
    r = c.post("/documents", json={"documents": [{"id": "m", "text": "Le lac d'Annecy est pur.",
                                                  "notes": "n" * 70_000}]})
    assert r.status_code == 422 and "metadata over 65536 bytes" in r.json()["error"], r.text
    r = c.post("/documents", json={"documents": [{"id": "ok", "title": "T" * 1000,
                                                  "text": "Le lac d'Annecy est pur.",
                                                  "notes": "n" * 60_000}]})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert c.get("/documents").json()[0]["title"] == "T" * 1000


def test_fetched_page_head_fields_are_cut(small_service: Any) -> None:
    page = ARTICLE.replace("Mathilde Léger", "Mathilde Léger " * 3000).replace(
        '<meta name="author"', f'<meta property="og:site_name" content="{"S" * 100_000}">'
        '<meta name="author"')
    with local_site() as site:
        site.routes["/crue"] = Route(body=page.encode())
        svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"])
        url = f"{site.url}/crue"
        r = svc.client.post("/documents", json={"urls": [url]})
    assert r.status_code == 200, r.text
    doc = svc.engine.store.get_document(url_doc_id(url))
    assert doc is not None
    assert len(doc.metadata["author"]) == 300 and doc.metadata["sitename"] == "S" * 300
