"""A fetched page's Content-Encoding: one layer of gzip or deflate is decoded, never past the
size cap; stacked layers and other codings are refused. A real HTTP server on 127.0.0.1
(tests.local_site) serves the bodies."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from functools import cache

import pytest

from rag.fetch import FetchError, FetchPolicy, fetch, load_sources
from tests.local_site import ARTICLE, Route, Site, local_site

TOO_LARGE = "page larger than {} bytes"
UNSUPPORTED = "unsupported content encoding (one layer of gzip or deflate only)"
LOCAL = FetchPolicy(allow_hosts=("127.0.0.1",), timeout=10.0)


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        yield s


@cache
def zeros_gzip() -> bytes:
    """50 MB of zeros in 50 KB of gzip: one network read of it inflates to all 50 MB."""
    return gzip.compress(bytes(50 * 1024 * 1024))


def _peak_mb(call: Callable[[], object]) -> tuple[object, float]:
    """What `call` returned or raised, and the peak of Python's allocations meanwhile
    (decoded bytes are Python objects: a bomb inflated whole shows here)."""
    tracemalloc.start()
    try:
        try:
            outcome: object = call()
        except FetchError as exc:
            outcome = exc
        return outcome, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_gzip_inside_gzip_is_refused_before_decoding(site: Site) -> None:
    """httpx decoded every layer of each chunk before the size cap looked: 3.5 KB of gzip
    of gzip made 2 GiB (13 s, 4 GB). Layers stacked are refused from the header."""
    site.routes["/bomb"] = Route(body=gzip.compress(zeros_gzip()),
                                 headers={"Content-Encoding": "gzip, gzip"})
    t0 = time.monotonic()

    refused, peak_mb = _peak_mb(lambda: fetch(f"{site.url}/bomb", LOCAL))

    assert isinstance(refused, FetchError) and str(refused) == UNSUPPORTED
    assert "gzip, gzip" in refused.detail  # for the log
    assert peak_mb < 16, f"{peak_mb:.1f} MB"
    assert time.monotonic() - t0 < 5  # the deadline is 10 s


def test_a_gzip_bomb_stops_at_the_size_cap(site: Site) -> None:
    """One layer: 50 MB of zeros against a 1 MB cap is refused as too large once 1 MB has
    come out (httpx inflated the whole 50 MB network chunk first)."""
    site.routes["/bomb"] = Route(body=zeros_gzip(), headers={"Content-Encoding": "gzip"})
    policy = FetchPolicy(allow_hosts=("127.0.0.1",), max_bytes=1024 * 1024)

    refused, peak_mb = _peak_mb(lambda: fetch(f"{site.url}/bomb", policy))

    assert isinstance(refused, FetchError) and str(refused) == TOO_LARGE.format(1024 * 1024)
    assert peak_mb < 16, f"{peak_mb:.1f} MB"


def _raw_deflate(data: bytes) -> bytes:
    squeeze = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return squeeze.compress(data) + squeeze.flush()


@pytest.mark.parametrize(("encoding", "encode"), [
    pytest.param("gzip", gzip.compress, id="gzip"),
    pytest.param("x-gzip", gzip.compress, id="x-gzip"),
    pytest.param("deflate", zlib.compress, id="deflate"),  # as the RFC says: zlib's wrapper
    pytest.param("deflate", _raw_deflate, id="raw-deflate"),  # as some servers send it
    pytest.param("identity", lambda b: b, id="identity"),
])
def test_a_compressed_page_is_decoded(site: Site, encoding: str,
                                      encode: Callable[[bytes], bytes]) -> None:
    site.routes["/a"] = Route(body=encode(ARTICLE.encode()),
                              headers={"Content-Encoding": encoding})

    result = load_sources([f"{site.url}/a"], LOCAL)

    assert result.skipped == []
    [doc] = result.documents
    assert doc.title == "Crue de la Loire à Orléans" and "Saint-Marceau" in doc.text
    # only what is decoded here is asked for (httpx's own header adds br and zstd)
    assert site.seen[0][1]["accept-encoding"] == "gzip, deflate"


def test_a_gzip_page_of_exactly_the_cap_is_kept(site: Site) -> None:
    """The decoder may give one byte past the room left: that byte, not the cap, refuses."""
    cap = 64 * 1024
    page = b"<html><body><p>" + b"a" * (cap - 33) + b"</p></body></html>"
    assert len(page) == cap
    site.routes["/cap"] = Route(body=gzip.compress(page), headers={"Content-Encoding": "gzip"})
    site.routes["/over"] = Route(body=gzip.compress(page + b"\n"),
                                 headers={"Content-Encoding": "gzip"})
    policy = FetchPolicy(allow_hosts=("127.0.0.1",), max_bytes=cap)

    assert fetch(f"{site.url}/cap", policy).body == page
    with pytest.raises(FetchError, match=f"^{TOO_LARGE.format(cap)}$"):
        fetch(f"{site.url}/over", policy)


def _zstd_frame(data: bytes) -> bytes:
    """A zstd frame holding `data` (under 256 bytes) as one raw block."""
    return (b"\x28\xb5\x2f\xfd\x20" + bytes([len(data)])
            + (1 | len(data) << 3).to_bytes(3, "little") + data)


@pytest.mark.parametrize(("encoding", "body"), [
    pytest.param("zstd", _zstd_frame(b"<html><body><p>Nantes</p></body></html>"), id="zstd"),
    # no brotli package here: a plain body, which httpx passed through as the page
    pytest.param("br", b"<html><body><p>Nantes</p></body></html>", id="br"),
    pytest.param("deflate, gzip", gzip.compress(zlib.compress(b"<p>Nantes</p>")),
                 id="deflate-gzip"),
    pytest.param("gzip, br", b"\x1f\x8b", id="gzip-br"),
    pytest.param("compress", b"\x1f\x9d", id="compress"),
    pytest.param("rot13", b"<cybg>", id="unknown"),
])
def test_other_codings_are_refused(site: Site, encoding: str, body: bytes) -> None:
    site.routes["/a"] = Route(body=body, headers={"Content-Encoding": encoding})

    with pytest.raises(FetchError) as refused:
        fetch(f"{site.url}/a", LOCAL)

    assert str(refused.value) == UNSUPPORTED
    assert encoding in refused.value.detail
