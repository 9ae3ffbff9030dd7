"""Web pages a `POST /documents {"urls": [...]}` fetches are held to the text limits uploaded
files are, over a real server and a real local web site: RAG_MAX_DOCUMENT_CHARS a page (over
it, skipped with the reason; a 422 when no page is left) and, in all, what the largest upload
may read (4 characters a byte of RAG_MAX_UPLOAD_BYTES; a 413 past it). Before (sixth review,
F3), the same text as a file was a 422 and as a page was stored whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.local_site import ARTICLE, Route, Site, local_site

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
LONG = "\n\n".join(f"Paragraphe {i} : la crue de la Loire monte encore à Orléans ce soir."
                   for i in range(90))  # 6,300 characters


def _note(i: int) -> bytes:
    return " ".join(f"Note {i}.{j} : le jardin du quartier {i} fleurit en mai."
                    for j in range(19)).encode()  # ~970 characters


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        s.routes["/long.txt"] = Route(body=LONG.encode(), headers=PLAIN)
        s.routes["/article"] = Route(body=ARTICLE.encode())
        for i in range(5):
            s.routes[f"/note{i}.txt"] = Route(body=_note(i), headers=PLAIN)
        yield s


def _ids(svc: Any) -> set[str]:
    return {d["doc_id"] for d in svc.client.get("/documents").json()}


def test_a_page_over_max_document_chars_is_skipped_as_a_file_is(small_service: Any,
                                                                site: Site) -> None:
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"], max_document_chars=1000)
    c = svc.client
    reason = "more than 1000 characters of text (limit per document)"
    r = c.post("/documents", json={"urls": [f"{site.url}/long.txt"]})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == f"no page could be loaded: {site.url}/long.txt: {reason}"
    # as a job too: refused before anything is queued
    r = c.post("/documents", json={"urls": [f"{site.url}/long.txt"]}, params={"async": "true"})
    assert r.status_code == 422, r.text
    assert _ids(svc) == set()

    r = c.post("/documents", json={"urls": [f"{site.url}/long.txt", f"{site.url}/article"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1
    assert body["skipped"] == [{"source": f"{site.url}/long.txt", "reason": reason}]
    [listed] = c.get("/documents").json()
    assert listed["source"] == f"{site.url}/article"

    # the same text uploaded as a file: the same limit
    r = c.post("/documents", files={"files": ("long.txt", LONG.encode())})
    assert r.status_code == 422 and reason in r.json()["error"], r.text


def test_the_pages_of_one_request_share_a_total(small_service: Any, site: Site) -> None:
    """RAG_MAX_UPLOAD_BYTES of 1 KiB: 4,096 characters in all, the fifth ~970-character page
    passes it; nothing is ingested."""
    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"], max_upload_bytes=1024)
    urls = [f"{site.url}/note{i}.txt" for i in range(5)]
    assert sum(len(_note(i)) for i in range(4)) <= 4096 < sum(
        len(_note(i)) for i in range(5))
    r = svc.client.post("/documents", json={"urls": urls})
    assert r.status_code == 413, r.text
    assert r.json()["error"] == (f"{urls[4]}: the files and pages give more than 4096 "
                                 "characters of text in all (limit 4 per byte of "
                                 "RAG_MAX_UPLOAD_BYTES)")
    assert _ids(svc) == set()
    r = svc.client.post("/documents", json={"urls": urls[:4]})
    assert r.status_code == 200 and r.json()["added"] == 4, r.text
