"""Security review 50, F2: in cluster mode every response carried `x-rag-generation`, the
index's commit count, however it was refused: a 401 without a key, a public `/health`, the
guard's 400 for an untrusted Host. `cluster_app` added it in a middleware outside the guard and
the key check. One box shows the generation only to a valid key, or to anyone when no keys are
set (review 49); the cluster's header now follows the same rule, and no refusal carries it.

The cluster app (two shards in process) runs under a real uvicorn server, as test_http.py's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from rag.cluster import ingest as cluster_ingest
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from service.cluster import cluster_app, local_engine
from service.settings import ServiceSettings
from tests.service.conftest import serve

KEY, ADMIN = "sec50-reader-key", "sec50-admin-key"
HEADER = "x-rag-generation"


@pytest.fixture(scope="module")
def cluster_root(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder) -> Path:
    root = tmp_path_factory.mktemp("sec50-cluster")
    settings = ServiceSettings(index_dir=root, llm="extractive")
    docs = [Document("a", "Un volcan islandais est entré en éruption près de Grindavik.", "A"),
            Document("b", "The Etna volcano in Sicily erupted again.", "B")]
    cluster_ingest.commit(root, settings, embedder, cluster_ingest.prepare(
        root, settings, embedder, docs, n_shards=2))
    return root


@pytest.fixture
def keyed(cluster_root: Path) -> Iterator[httpx.Client]:
    settings = ServiceSettings(index_dir=cluster_root, llm="extractive",
                               api_keys=SecretStr(KEY), admin_keys=SecretStr(ADMIN))
    with serve(cluster_app(cluster_root, settings, local_engine(cluster_root, settings))) \
            as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


@pytest.fixture
def open_cluster(cluster_root: Path) -> Iterator[httpx.Client]:
    settings = ServiceSettings(index_dir=cluster_root, llm="extractive")
    with serve(cluster_app(cluster_root, settings, local_engine(cluster_root, settings))) \
            as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def _bearer(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


def test_no_generation_header_without_a_valid_key(keyed: httpx.Client) -> None:
    refused = {
        "401 without a key": keyed.get("/search", params={"q": "volcan"}),
        "401 with a wrong key": keyed.get("/search", params={"q": "volcan"},
                                          headers=_bearer("wrong")),
        "/health without a key": keyed.get("/health"),
        "/health HEAD without a key": keyed.head("/health"),
        "the demo page without a key": keyed.get("/"),
        "the guard's untrusted Host": keyed.get("/health", headers={"host": "evil.example"}),
        "untrusted Host with a key": keyed.get("/search", params={"q": "volcan"},
                                               headers={"host": "evil.example", **_bearer(KEY)}),
        "403 for a reader key on an admin read": keyed.get("/metrics", headers=_bearer(KEY)),
        "unknown path without a key": keyed.get("/nowhere"),
    }
    expected = {"401 without a key": 401, "401 with a wrong key": 401,
                "/health without a key": 200, "/health HEAD without a key": 200,
                "the demo page without a key": 200, "the guard's untrusted Host": 400,
                "untrusted Host with a key": 400,
                "403 for a reader key on an admin read": 403, "unknown path without a key": 401}
    assert {k: r.status_code for k, r in refused.items()} == expected
    shown = {k: r.headers[HEADER] for k, r in refused.items() if HEADER in r.headers}
    assert shown == {}, shown
    assert "generation" not in keyed.get("/health").json()  # (the body, as on one box)


def test_a_valid_key_sees_the_generation(keyed: httpx.Client) -> None:
    for path, params in (("/search", {"q": "volcan"}), ("/health", {}), ("/documents", {})):
        r = keyed.get(path, params=params, headers=_bearer(KEY))
        assert r.status_code == 200, (path, r.text)
        assert r.headers.get(HEADER) == "1", path
    admin = keyed.get("/metrics", headers=_bearer(ADMIN))
    assert admin.status_code == 200 and admin.headers.get(HEADER) == "1"
    assert keyed.get("/health", headers=_bearer(KEY)).json()["generation"] == 1


def test_without_keys_everyone_sees_it_but_not_on_the_guards_refusals(
        open_cluster: httpx.Client) -> None:
    for path, params in (("/search", {"q": "volcan"}), ("/health", {}), ("/documents", {})):
        r = open_cluster.get(path, params=params)
        assert r.status_code == 200, (path, r.text)
        assert r.headers.get(HEADER) == "1", path
    bad_host = open_cluster.get("/health", headers={"host": "evil.example"})
    assert bad_host.status_code == 400 and HEADER not in bad_host.headers
    cross_site = open_cluster.post("/documents", json={"documents": []},
                                   headers={"origin": "https://evil.example",
                                            "sec-fetch-site": "cross-site"})
    assert cross_site.status_code == 403 and HEADER not in cross_site.headers
