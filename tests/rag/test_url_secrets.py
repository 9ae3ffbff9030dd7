"""A fetched page is named without the credentials its URL carries (security review 53, N1).

An admin ingested `http://127.0.0.1:18081/r/landing?ticket=ST-SECRET-123&sid=abc`: the ticket
was the document's `source` (GET /documents, for any API key), its `url` metadata, and went
into the hash of its id. The page is still fetched with it; what names the document drops the
values of credential parameters, the userinfo and the fragment. A real HTTP server on
127.0.0.1 (http.server in a thread) serves the pages.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator

import pytest

from rag.documents import Document
from rag.fetch import FetchPolicy, load_sources, parse_url, url_doc_id
from rag.sources import redacted_url, secret_param, shown_source
from tests.local_site import ARTICLE, Route, Site, local_site

LOCAL = FetchPolicy(allow_hosts=("127.0.0.1",), timeout=10.0)
TICKET = "ST-SECRET-123"
SID = "SIDVALUE42"


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        yield s


def _named(doc: Document) -> str:
    """Everything a document is named or described by: id, source, title, metadata."""
    return json.dumps([doc.id, doc.source, doc.title, doc.metadata], ensure_ascii=False)


def test_a_fetched_ticket_names_nothing_but_the_page_is_fetched_with_it(site: Site) -> None:
    path = f"/r/landing?ticket={TICKET}&sid={SID}"
    site.routes[path] = Route(body=ARTICLE.encode())
    url = f"{site.url}{path}"

    result = load_sources([url], LOCAL)

    assert result.skipped == []
    [doc] = result.documents
    assert [p for p, _ in site.seen] == [path]  # fetched with the whole URL
    assert TICKET not in _named(doc) and SID not in _named(doc)
    assert doc.source == f"{site.url}/r/landing?ticket=REDACTED&sid=REDACTED"
    assert doc.metadata["url"] == doc.source
    assert doc.id == url_doc_id(url) and doc.id.startswith("127.0.0.1/r/landing-")
    assert doc.title == "Crue de la Loire à Orléans"


def test_ordinary_parameters_keep_two_pages_two_documents(site: Site) -> None:
    for n in (1, 2):
        site.routes[f"/article?id={n}"] = Route(
            body=ARTICLE.replace("quatre mètres vingt", f"quatre mètres {n}").encode())
    urls = [f"{site.url}/article?id=1", f"{site.url}/article?id=2"]

    result = load_sources(urls, LOCAL)

    assert result.skipped == []
    assert sorted(d.source for d in result.documents) == urls
    assert len({d.id for d in result.documents}) == 2
    assert {d.id for d in result.documents} == {url_doc_id(u) for u in urls}


def test_a_redirect_to_a_url_with_a_token_is_not_kept(site: Site) -> None:
    site.routes["/go?page=2"] = Route(status=302, headers={
        "Location": f"/landing?access_token={TICKET}&page=2"})
    site.routes[f"/landing?access_token={TICKET}&page=2"] = Route(body=ARTICLE.encode())

    [doc] = load_sources([f"{site.url}/go?page=2"], LOCAL).documents

    assert TICKET not in _named(doc)
    assert doc.source == f"{site.url}/go?page=2"
    assert doc.metadata["url"] == f"{site.url}/landing?access_token=REDACTED&page=2"


def test_a_fragment_is_dropped_from_the_source(site: Site) -> None:
    site.routes["/a?lang=fr"] = Route(body=ARTICLE.encode())

    [doc] = load_sources([f"{site.url}/a?lang=fr#session={SID}"], LOCAL).documents

    assert doc.source == f"{site.url}/a?lang=fr" and SID not in _named(doc)


@pytest.mark.parametrize("url, redacted", [
    ("http://127.0.0.1:18081/r/landing?ticket=ST-SECRET-123&sid=abc",
     "http://127.0.0.1:18081/r/landing?ticket=REDACTED&sid=REDACTED"),
    ("https://user:s3cret@example.org/a?id=1#top", "https://example.org/a?id=1"),
    ("https://example.org/a?TOKEN=x&Api-Key=y&apikey=z&X-Amz-Signature=s&X-Amz-Credential=c",
     "https://example.org/a?TOKEN=REDACTED&Api-Key=REDACTED&apikey=REDACTED"
     "&X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED"),
    ("https://example.org/cb?code=abc&state=xyz&id_token=j.w.t&lang=fr",
     "https://example.org/cb?code=REDACTED&state=REDACTED&id_token=REDACTED&lang=fr"),
    ("https://example.org/a?password=p&passwd=p&pwd=p&secret=s&client_secret=s&jwt=j",
     "https://example.org/a?password=REDACTED&passwd=REDACTED&pwd=REDACTED&secret=REDACTED"
     "&client_secret=REDACTED&jwt=REDACTED"),
    ("https://example.org/a?sessionid=1&PHPSESSID=2&session=3&csrftoken=4&sig=5&auth=6",
     "https://example.org/a?sessionid=REDACTED&PHPSESSID=REDACTED&session=REDACTED"
     "&csrftoken=REDACTED&sig=REDACTED&auth=REDACTED"),
    ("https://example.org/a?access%5Ftoken=t&credentials=c&key=k",
     "https://example.org/a?access%5Ftoken=REDACTED&credentials=REDACTED&key=REDACTED"),
    ("https://example.org/page;jsessionid=ABC?x=1", "https://example.org/page;jsessionid=REDACTED?x=1"),
    # a URL in a parameter, raw or percent-encoded, has its own parameters
    ("https://example.org/login?next=https://sso.example.org/?ticket=T1&lang=fr",
     "https://example.org/login?next=https://sso.example.org/?ticket=REDACTED&lang=fr"),
    ("https://example.org/login?next=https%3A%2F%2Fsso%2F%3Fticket%3DT1%26id%3D3",
     "https://example.org/login?next=https%3A%2F%2Fsso%2F%3Fticket%3DREDACTED%26id%3D3"),
    # nothing to drop: unchanged, to the character
    ("https://example.org/a?id=123&page=2&lang=fr", "https://example.org/a?id=123&page=2&lang=fr"),
    ("https://example.org/search?q=password+reset&sort=date&tokens",
     "https://example.org/search?q=password+reset&sort=date&tokens"),
    ("https://medium.com/@user/post", "https://medium.com/@user/post"),
    ("HTTPS://Example.org", "HTTPS://Example.org"),
    ("https://example.org/a?code=&state", "https://example.org/a?code=&state"),
    ("not a url", "not a url"),
])
def test_redacted_url(url: str, redacted: str) -> None:
    assert redacted_url(url) == redacted
    assert redacted_url(redacted) == redacted


@pytest.mark.parametrize("name", ["id", "page", "lang", "q", "sort", "utm_source", "p", "ref",
                                  "article", "keyword", "monkey", "codec", "statement"])
def test_ordinary_parameter_names_are_kept(name: str) -> None:
    assert not secret_param(name)


def test_ids_of_urls_without_credentials_are_unchanged() -> None:
    """Documents fetched before keep their ids: the hash is of the same text as before."""
    for url in ("https://example.org/region/crue.html?id=7", "http://127.0.0.1:8080/a/b",
                "https://example.org/a?page=2&lang=fr"):
        digest = hashlib.sha256(str(parse_url(url)).encode()).hexdigest()[:8]
        assert url_doc_id(url).endswith(f"-{digest}")


def test_the_id_is_no_oracle_for_the_ticket() -> None:
    """The id's hash is of the URL without the ticket's value: a short ticket could be read
    back from a hash of the whole URL, guessing; two tickets to one page name one page."""
    url = "https://example.org/r/landing?ticket=ST-1&page=2"
    assert url_doc_id(url) == url_doc_id(url.replace("ST-1", "ST-2"))
    assert url_doc_id(url) != url_doc_id(url.replace("page=2", "page=3"))
    assert not re.search(r"ST-1|ticket", url_doc_id(url))


def test_a_source_stored_before_is_shown_without_its_credentials() -> None:
    stored = f"http://127.0.0.1:18081/r/landing?ticket={TICKET}&sid={SID}"
    assert shown_source(stored) == "http://127.0.0.1:18081/r/landing?ticket=REDACTED&sid=REDACTED"
    assert shown_source("https://example.org/a?id=1") == "https://example.org/a?id=1"
    assert shown_source("upload:a.txt") == "upload:a.txt"
    assert shown_source("/srv/corpus/a.txt", ["/srv/corpus"]) == "a.txt"
