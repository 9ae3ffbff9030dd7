"""`rag ingest` with web page URLs and PDF files, as a user runs it (a real process)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.local_site import ARTICLE, Route, local_site
from tests.rag.test_cli import _one_error_line, rag
from tests.rag.test_loaders_pdf_docx import three_page_pdf


def test_ingest_urls_and_pdf_then_search_shows_pages(tmp_path: Path) -> None:
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    pdf = tmp_path / "revue.pdf"
    three_page_pdf(pdf)
    with local_site() as site:
        site.routes["/crue"] = Route(body=ARTICLE.encode())
        url = f"{site.url}/crue"

        refused = rag("ingest", url, env=env)
        assert "address not allowed (127.0.0.1 is a loopback" in _one_error_line(refused)
        assert site.seen == []

        env["RAG_FETCH_ALLOW_HOSTS"] = '["127.0.0.1"]'
        out = rag("ingest", url, str(pdf), f"{site.url}/gone", "--json", env=env)
        assert out.returncode == 0, out.stderr
        summary = json.loads(out.stdout)
        assert summary["added"] == 2
        assert [s["source"] for s in summary["skipped"]] == [f"{site.url}/gone"]
        assert f"skipped {site.url}/gone: HTTP 404" in out.stderr

    found = rag("search", "cathédrale Sainte-Croix", "--k", "1", "--json", env=env)
    [hit] = json.loads(found.stdout)["hits"]
    assert hit["doc_id"] == "revue" and hit["page"] == 3
    shown = rag("search", "cathédrale Sainte-Croix", "--k", "1", env=env).stdout
    assert ", p. 3" in shown.splitlines()[0]
    listed = {d["doc_id"]: d for d in json.loads(rag("list", "--json", env=env).stdout)}
    assert listed["revue"]["source"] == str(pdf)
    assert [d["source"] for k, d in listed.items() if k.startswith("127.0.0.1/crue-")] == [url]


def test_ingest_reads_the_document_size_limit_from_the_settings(tmp_path: Path) -> None:
    """RAG_MAX_DOCUMENT_CHARS holds for `rag ingest` as for uploads (it used the built-in
    10 M characters whatever the setting)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "long.txt").write_text("Les soldats russes sont arrivés. " * 100, encoding="utf-8")
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx"), "RAG_MAX_DOCUMENT_CHARS": "1000"}
    line = _one_error_line(rag("ingest", str(docs), env=env))
    assert "long.txt" in line and "1000 characters" in line.replace(",", "")
    env["RAG_MAX_DOCUMENT_CHARS"] = "5000"
    assert rag("ingest", str(docs), env=env).returncode == 0


def test_ingest_refuses_an_invalid_international_name_in_one_line(tmp_path: Path) -> None:
    """`rag ingest http://xn--localhost/` ended in idna's traceback (review 15, F1): it is one
    error line and a failing exit, as a URL with credentials is."""
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert _one_error_line(rag("ingest", "http://xn--localhost/", env=env)) == (
        "rag: error: http://xn--localhost/: not a valid URL (bad international domain name)")
    assert _one_error_line(rag("ingest", "http://u:p@example.org/", env=env)) == (
        "rag: error: http://***@example.org/: credentials in URLs are not accepted")  # masked
    assert _one_error_line(rag("ingest", "http://u:pa/ss@example.org/", env=env)) == (
        "rag: error: http://***@example.org/: not a valid URL (credentials in URLs are not "
        "accepted)")  # a "/" in the password: httpx cannot read it, and it is masked too
    assert not (tmp_path / "idx").exists()
