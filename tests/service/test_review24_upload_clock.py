"""Twenty-fourth review, F1: an upload's files were parsed to the end whatever they cost
together, and after their client had hung up (three 5.5 KB PDFs: 36 s of server CPU, busy 39 s
after the client left; a write slot held all along). Now an upload has
RAG_UPLOAD_READ_SECONDS of parsing in all (413 past it, nothing kept), and a hang-up stops it
(499). Real server on loopback, real python-docx."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from tests.rag.test_read_clock import SLOW_WORD
from tests.service.conftest import Service
from tests.service.test_index_health import _count


def _files(n: int) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (f"runs{i}.docx", SLOW_WORD, "application/octet-stream"))
            for i in range(n)]


def test_an_upload_slower_to_parse_than_allowed_is_a_413(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False, upload_read_seconds=1.0)
    r = svc.client.post("/documents", params={"async": "false"}, files=_files(8),
                        timeout=60)
    assert r.status_code == 413, r.text
    assert "to read in all" in r.json()["error"], r.text
    assert svc.client.get("/documents").json() == []


def test_a_client_that_hangs_up_stops_the_parsing_of_its_upload(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):  # eight files: ~14 s to parse
        svc.client.post("/documents", params={"async": "false"}, files=_files(8),
                        timeout=httpx.Timeout(30, read=1.5))
    deadline = started + 30
    while _count(svc, "/documents", 499) != 1.0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _count(svc, "/documents", 499) == 1.0
    assert time.monotonic() - started < 8  # stopped, not parsed to the end
    # the write slot is free: a small synchronous ingest goes through
    r = svc.client.post("/documents", params={"async": "false"}, json={"documents": [
        {"id": "petit", "text": "Un petit relevé de pluie.", "title": "Petit"}]})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert [d["doc_id"] for d in svc.client.get("/documents").json()] == ["petit"]


def test_a_client_that_hangs_up_stops_the_fetching_of_its_pages(
        small_service: Callable[..., Service]) -> None:
    """F5d: 50 slow URLs held a write slot ~125 s after their client had gone; now no page is
    fetched once it has (those under way end within their timeout) and it is counted 499."""
    from tests.local_site import ARTICLE, Route, local_site

    svc = small_service(ingest=False, fetch_allow_hosts=["127.0.0.1"], fetch_timeout=8)
    with local_site() as site:
        for i in range(12):  # 8 s each (their timeout), four at a time
            site.routes[f"/slow{i}"] = Route(body=ARTICLE.encode() * 4, drip=0.2)
        urls = [f"{site.url}/slow{i}" for i in range(12)]
        with pytest.raises(httpx.ReadTimeout):
            svc.client.post("/documents", params={"async": "false"}, json={"urls": urls},
                            timeout=httpx.Timeout(30, read=1.5))
        deadline = time.monotonic() + 30
        while _count(svc, "/documents", 499) != 1.0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _count(svc, "/documents", 499) == 1.0
        assert len(site.seen) <= 4, len(site.seen)  # the first four only
    assert svc.client.get("/documents").json() == []
