"""Fetched pages are held to the text limits files are (RAG_MAX_DOCUMENT_CHARS, a request's
total): they were charged nothing, so a page over the per-document limit was ingested whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.fetch import FetchPolicy, load_sources
from rag.loaders import TextBudget, TextTooLarge
from tests.local_site import ARTICLE, Route, Site, local_site
from tests.rag.test_cli import rag

LOCAL = FetchPolicy(allow_hosts=("127.0.0.1",), timeout=10.0)
LONG = "\n\n".join(f"Paragraphe {i} : la crue de la Loire monte encore à Orléans ce soir."
                   for i in range(40))  # 2,800 characters


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        s.routes["/long.txt"] = Route(body=LONG.encode(),
                                      headers={"Content-Type": "text/plain; charset=utf-8"})
        s.routes["/long.html"] = Route(body=f"<html><head><title>Crue</title></head><body>"
                                       f"<article><p>{LONG}</p></article></body></html>".encode())
        s.routes["/article"] = Route(body=ARTICLE.encode())
        yield s


def test_a_fetched_page_over_the_per_document_limit_is_skipped_as_a_file_is(
        site: Site, tmp_path: Path) -> None:
    file = tmp_path / "long.txt"
    file.write_text(LONG, encoding="utf-8")
    urls = [f"{site.url}/long.txt", f"{site.url}/long.html", f"{site.url}/article"]

    result = load_sources([file, *urls], LOCAL, budget=TextBudget(1000))

    reason = "more than 1000 characters of text (limit per document)"
    assert {(s.source, s.reason) for s in result.skipped} == {
        (str(file), reason), (urls[0], reason), (urls[1], reason)}
    [doc] = result.documents
    assert doc.source == urls[2] and doc.title == "Crue de la Loire à Orléans"


def test_fetched_pages_count_against_the_total(site: Site, tmp_path: Path) -> None:
    file = tmp_path / "court.txt"
    file.write_text(LONG[:1000], encoding="utf-8")
    url = f"{site.url}/long.txt"

    with pytest.raises(TextTooLarge) as caught:
        load_sources([file, url], LOCAL, budget=TextBudget(10_000, total=3000))

    assert str(caught.value) == (f"{url}: the files and pages give more than 3000 characters "
                                 "of text in all")
    [doc] = load_sources([file, url], LOCAL, budget=TextBudget(10_000, total=4000)).documents[1:]
    assert doc.source == url


def test_rag_ingest_holds_urls_to_rag_max_document_chars(site: Site, tmp_path: Path) -> None:
    """The review's reproduction: the file was skipped over the limit, the same text fetched
    was ingested whole (14 chunks)."""
    file = tmp_path / "long.txt"
    file.write_text(LONG, encoding="utf-8")
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx"), "RAG_MAX_DOCUMENT_CHARS": "1000",
           "RAG_FETCH_ALLOW_HOSTS": '["127.0.0.1"]'}
    url = f"{site.url}/long.txt"

    out = rag("ingest", url, str(file), f"{site.url}/article", "--json", env=env)

    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["added"] == 1
    reason = "more than 1000 characters of text (limit per document)"
    assert sorted((s["source"], s["reason"]) for s in summary["skipped"]) == sorted(
        [(url, reason), (str(file), reason)])
