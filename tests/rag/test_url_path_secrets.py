"""A fetched page's id names none of the credentials its URL's path parameters carry (security
review 54, F3).

Review 53 redacted `;jsessionid=...` in a page's `source` and `url` metadata and in the text
its id's hash is made from, but the id's readable part was made from the path as received:
`http://127.0.0.1:8755/app;jsessionid=SECRETJSESS123?x=1` got the id
`127.0.0.1/app-jsessionid-SECRETJSESS123-c53a6345`, which every API key reads in
GET /documents and in every citation. A credential `;` parameter is now dropped from the id
whole, and its value REDACTED in the source (raw or percent-encoded `;` and `=`); the page is
still fetched with it. A real HTTP server on 127.0.0.1 (http.server in a thread) serves the
pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from rag.fetch import load_sources, parse_url, url_doc_id
from rag.sources import path_without_secrets, redacted_url, shown_source
from tests.local_site import ARTICLE, Route, Site, local_site
from tests.rag.test_url_secrets import LOCAL, _named

JSESSION = "SECRETJSESS123"
SID = "SIDSECRET2"


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        yield s


@pytest.mark.parametrize("url, secret, doc_id", [
    # the review's two reproductions, and its offline one
    (f"http://127.0.0.1:8755/app;jsessionid={JSESSION}?x=1", JSESSION, "127.0.0.1/app-c53a6345"),
    (f"http://127.0.0.1:8755/page2;sid={SID}?access_token=T0K", SID, "127.0.0.1/page2-"),
    ("https://example.org/p/;sid=ABCDEF/x", "ABCDEF", "example.org/p//x-a6e11779"),
    # any segment, any case, among ordinary parameters (kept), a value holding an escaped `/`
    ("https://example.org/a;v=1/b;token=TKN9;lang=fr", "TKN9", "example.org/a-v-1/b-lang-fr-"),
    ("https://example.org/a;JSESSIONID=JS77", "JS77", "example.org/a-"),
    ("https://example.org/a;PHPSESSID=PH77.node1/b", "PH77", "example.org/a/b-"),
    ("https://example.org/a;sid=AB%2FCD/x", "CD", "example.org/a/x-"),
    # `;` and `=` percent-encoded: the id's readable part is made from the decoded path
    ("https://example.org/a%3Bsid=SEC5/z", "SEC5", "example.org/a/z-"),
    ("https://example.org/a%3bsession%3dSEC6", "SEC6", "example.org/a-"),
])
def test_the_id_has_no_path_credential(url: str, secret: str, doc_id: str) -> None:
    got = url_doc_id(url)
    assert secret not in got and secret not in redacted_url(url), got
    assert got.startswith(doc_id), got
    assert "REDACTED" not in got


def test_the_id_hash_is_no_oracle_for_a_path_session() -> None:
    """Two sessions to one page name one page; another page, another id."""
    url = f"https://example.org/app;jsessionid={JSESSION}/view?id=2"
    assert url_doc_id(url) == url_doc_id(url.replace(JSESSION, "OTHERSESSION"))
    assert url_doc_id(url) != url_doc_id(url.replace("id=2", "id=3"))
    assert url_doc_id(url) == url_doc_id("https://example.org/app;jsessionid=X/view?id=2")


@pytest.mark.parametrize("url, redacted", [
    ("https://example.org/page;jsessionid=ABC?x=1",
     "https://example.org/page;jsessionid=REDACTED?x=1"),
    ("https://example.org/a;v=1/b;token=T;lang=fr",
     "https://example.org/a;v=1/b;token=REDACTED;lang=fr"),
    ("https://example.org/a;sid=AB%2FCD/x", "https://example.org/a;sid=REDACTED/x"),
    ("https://example.org/a%3Bsid=SEC5/z", "https://example.org/a%3Bsid=REDACTED/z"),
    ("https://example.org/a%3bsession%3dSEC6", "https://example.org/a%3bsession%3dREDACTED"),
    ("https://example.org/a;X-Amz-Signature=s;id=1", "https://example.org/a;X-Amz-Signature=REDACTED;id=1"),
    # nothing to drop: unchanged, to the character
    ("https://example.org/a;v=1/b;lang=fr?id=2", "https://example.org/a;v=1/b;lang=fr?id=2"),
    ("https://example.org/a;sid;jsessionid=", "https://example.org/a;sid;jsessionid="),
    ("https://example.org/a%3Bb%25c%3Dd", "https://example.org/a%3Bb%25c%3Dd"),
])
def test_redacted_url_path_parameters(url: str, redacted: str) -> None:
    assert redacted_url(url) == redacted
    assert redacted_url(redacted) == redacted
    assert shown_source(url) == redacted


def test_path_without_secrets_drops_each_credential_parameter_whole() -> None:
    assert path_without_secrets("/app;jsessionid=ABC/x;v=2") == "/app/x;v=2"
    assert path_without_secrets("/a;sid=1;token=2;lang=fr") == "/a;lang=fr"
    assert path_without_secrets("/a%3Bsid%3DX%2FY/z") == "/a/z"
    for kept in ("/a/b", "/a;v=1", "/a;sid", "/a;code=", "/a%20b"):
        assert path_without_secrets(kept) == kept


def test_ids_of_urls_without_path_credentials_are_unchanged() -> None:
    """Documents fetched before keep their ids: the same slug, the hash of the same text."""
    for url, slug in (
            ("https://example.org/a;v=1/b;lang=fr?id=7", "example.org/a-v-1/b-lang-fr"),
            ("https://example.org/region/crue%20x.html", "example.org/region/crue-x.html"),
            ("http://127.0.0.1:8080/a;sid/b", "127.0.0.1/a-sid/b")):
        digest = hashlib.sha256(str(parse_url(url)).encode()).hexdigest()[:8]
        assert url_doc_id(url) == f"{slug}-{digest}"


def test_a_fetched_path_session_names_nothing_but_the_page_is_fetched_with_it(
        site: Site) -> None:
    path = f"/app;jsessionid={JSESSION}/article;sid={SID}?x=1"
    site.routes[path] = Route(body=ARTICLE.encode())
    url = f"{site.url}{path}"

    result = load_sources([url], LOCAL)

    assert result.skipped == []
    [doc] = result.documents
    assert [p for p, _ in site.seen] == [path]  # fetched with the whole URL
    assert JSESSION not in _named(doc) and SID not in _named(doc)
    assert doc.source == f"{site.url}/app;jsessionid=REDACTED/article;sid=REDACTED?x=1"
    assert doc.metadata["url"] == doc.source
    assert doc.id == url_doc_id(url) and doc.id.startswith("127.0.0.1/app/article-")
    assert "jsessionid" not in doc.id and "sid" not in doc.id
