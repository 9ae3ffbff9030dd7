"""The Serve deployments that neither answer HTTP nor call the LLM (the query embedder, the
shards) are not given the service's secrets (service/cluster.py, `without_secrets`).

Fourteenth review, F4: `build()` bound the same `ServiceSettings` to every deployment, and
their pickled form held RAG_API_KEYS, RAG_ADMIN_KEYS and RAG_LLM_API_KEY; Serve keeps a
deployment's arguments in its controller and Ray's GCS. The application is built (`bind`
only: no Ray cluster is started) over a real two-shard cluster index, and its bound
arguments are read.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from rag.cluster import ingest as cluster_ingest
from rag.embedders.e5 import E5Embedder
from service.settings import ServiceSettings
from tests.conftest import small_docs

SECRETS = (b"userkey-SECRET-1", b"adminkey-SECRET-2", b"sk-upstream-SECRET-3",
           b"pw-SECRET-4")


def test_only_the_router_is_given_the_secrets(tmp_path: Path, embedder: E5Embedder) -> None:
    pytest.importorskip("ray.serve")
    from service.cluster import build

    root = tmp_path / "cluster"
    settings = ServiceSettings(index_dir=root, api_keys=SECRETS[0].decode(),
                               admin_keys=SECRETS[1].decode(), llm_api_key=SECRETS[2].decode(),
                               llm="openai", llm_base_url="http://u:pw-SECRET-4@127.0.0.1:9/v1",
                               llm_model="m", embed_batch_size=8)
    cluster_ingest.commit(root, settings, embedder, cluster_ingest.prepare(
        root, settings, embedder, small_docs(), n_shards=2))

    app = build(root, settings)
    router_args: tuple[Any, ...] = app._bound_deployment.init_args
    _, router_settings, embedder_app, shard_apps, _ = router_args
    assert router_settings is settings  # the router checks the keys and calls the LLM
    assert all(s in pickle.dumps(router_settings) for s in SECRETS)
    bound = [("embedder", embedder_app._bound_deployment.init_args[0])]
    bound += [(a._bound_deployment.name, a._bound_deployment.init_args[2]) for a in shard_apps]
    assert [name for name, _ in bound] == ["embedder", "shard-000", "shard-001"]
    for name, given in bound:
        pickled = pickle.dumps(given)
        assert not [s for s in SECRETS if s in pickled], name
        assert given.api_keys.get_secret_value() == "" and given.llm_api_key is None
        # everything else is the router's
        kept = set(type(settings).model_fields) - {"api_keys", "admin_keys", "llm_api_key",
                                                   "llm_base_url"}
        assert given.model_dump(include=kept) == settings.model_dump(include=kept), name
