"""POST /documents `{"urls": [...]}` of pages whose paths carry `;jsessionid=` and `;sid=`,
against a real local web server: neither the document listing nor a search hit shows the
session (security review 54, F3: the id was `127.0.0.1/app-jsessionid-SECRETJSESS123-...`,
read by any API key in GET /documents and in every citation)."""

from __future__ import annotations

from typing import Any

from rag.fetch import url_doc_id
from tests.local_site import ARTICLE, Route, local_site

JSESSION = "SECRETJSESS123"
SID = "SIDSECRET2"


def test_a_path_session_in_a_fetched_url_is_listed_nowhere(small_service: Any) -> None:
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"])
    c = svc.client
    with local_site() as site:
        paths = [f"/app;jsessionid={JSESSION}?x=1", f"/page2;sid={SID}?access_token=T0KEN9"]
        for n, path in enumerate(paths):
            site.routes[path] = Route(body=ARTICLE.replace(
                "Crue de la Loire", f"Crue {n} de la Loire").replace(
                "quatre mètres vingt", f"quatre mètres {n}").encode())
        urls = [f"{site.url}{p}" for p in paths]
        r = c.post("/documents", json={"urls": urls})
        assert r.status_code == 200, r.text
        assert r.json()["added"] == 2, r.text
        assert sorted(p for p, _ in site.seen) == sorted(paths)  # fetched with their sessions

    listing = c.get("/documents")
    assert listing.status_code == 200
    for secret in (JSESSION, SID, "T0KEN9"):
        assert secret not in listing.text, listing.text
    listed = {d["doc_id"]: d["source"] for d in listing.json()}
    assert listed == {
        url_doc_id(urls[0]): f"{site.url}/app;jsessionid=REDACTED?x=1",
        url_doc_id(urls[1]): f"{site.url}/page2;sid=REDACTED?access_token=REDACTED"}
    assert sorted(d.split("-")[0] for d in listed) == ["127.0.0.1/app", "127.0.0.1/page2"]
    hits = c.get("/search", params={"q": "niveau de la Loire à Orléans", "k": 5})
    assert hits.status_code == 200 and len(hits.json()["hits"]) >= 2
    for secret in (JSESSION, SID, "T0KEN9"):
        assert secret not in hits.text
