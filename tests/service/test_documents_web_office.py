"""POST /documents with `{"urls": [...]}` against a real local web server, and an uploaded PDF
whose page numbers come back in /search hits and /ask citations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rag.fetch import url_doc_id
from tests.local_site import ARTICLE, Route, Site, local_site
from tests.rag.test_loaders_pdf_docx import three_page_pdf
from tests.service.conftest import parse_sse


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        yield s


def test_urls_are_fetched_refused_or_skipped_with_reasons(small_service: Any,
                                                         site: Site) -> None:
    site.routes["/crue"] = Route(body=ARTICLE.encode(), etag='"v1"')
    site.routes["/image"] = Route(body=b"\x89PNG", headers={"Content-Type": "image/png"})
    url = f"{site.url}/crue"

    # loopback is refused by default, before anything is fetched
    plain = small_service(ingest=False)
    r = plain.client.post("/documents", json={"urls": [url]})
    assert r.status_code == 400 and "address not allowed (127.0.0.1 is a loopback" in r.json()[
        "error"]
    assert site.seen == []
    r = plain.client.post("/documents", json={"urls": ["ftp://example.org/a"]})
    assert r.status_code == 422 and "only http and https" in r.json()["error"]
    r = plain.client.post("/documents", json={"urls": "http://example.org/"})
    assert r.status_code == 422
    r = plain.client.post("/documents", json={"urls": [url], "documents": [{"id": "a",
                                                                           "text": "Un."}]})
    assert r.status_code == 422 and "not both" in r.json()["error"]

    svc = small_service(fetch_allow_hosts=["127.0.0.1"])
    c = svc.client
    r = c.post("/documents", json={"urls": [url, f"{site.url}/image", f"{site.url}/gone"]})
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["added"] == 1
    reasons = {s["source"].rsplit("/", 1)[1]: s["reason"] for s in report["skipped"]}
    assert reasons["image"].startswith("unsupported content type 'image/png'")
    assert reasons["gone"].startswith("HTTP 404")
    listed = {d["doc_id"]: d for d in c.get("/documents").json()}
    assert listed[url_doc_id(url)]["source"] == url
    assert listed[url_doc_id(url)]["title"] == "Crue de la Loire à Orléans"
    hits = c.get("/search", params={"q": "niveau de la Loire à Orléans", "k": 1}).json()["hits"]
    assert hits[0]["doc_id"] == url_doc_id(url) and "page" not in hits[0]

    again = c.post("/documents", json={"urls": [url]}).json()  # ETag sent back: a 304
    assert again["unchanged"] == 1 and again["chunks"] == 0
    assert site.seen[-1][1].get("if-none-match") == '"v1"'

    r = c.post("/documents", json={"urls": [f"{site.url}/gone"]})
    assert r.status_code == 422 and "HTTP 404" in r.json()["error"]


def test_uploaded_pdf_pages_reach_hits_and_citations(small_service: Any,
                                                     tmp_path: Path) -> None:
    svc = small_service()
    c = svc.client
    pdf = three_page_pdf(tmp_path / "rapport.pdf")
    r = c.post("/documents", files={"files": ("rapport.pdf", pdf, "application/pdf")})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1 and r.json()["dropped_lines"] == 3

    hits = c.get("/search", params={"q": "diplômes des élèves de Sète", "k": 1}).json()["hits"]
    assert hits[0]["doc_id"] == "rapport" and hits[0]["page"] == 2

    body = c.post("/ask", json={"question": "La cathédrale Sainte-Croix d'Orléans a-t-elle "
                                "rouvert ses portes au public samedi après trois ans de travaux ?"})
    assert body.status_code == 200, body.text
    cites = body.json()["citations"]
    assert cites and all(x["page"] is None or x["doc_id"] == "rapport" for x in cites)
    [cite] = [x for x in cites if "Sainte-Croix" in x["text"]]
    assert cite["page"] == 3
    # the streamed `citations` event (every passage given to the answer) carries pages too
    stream = c.post("/ask/stream", json={"question": "Combien d'élèves ont eu leur diplôme "
                                         "de marin pêcheur à Sète ?"}).text
    first = next(d for e, d in parse_sse(stream) if e == "citations")["citations"]
    assert {(x["doc_id"], x.get("page")) for x in first} >= {("rapport", 2)}
