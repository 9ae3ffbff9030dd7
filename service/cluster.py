"""The service on a Ray cluster: Ray Serve deployments for the query embedder, each shard
(R replicas with declared CPU and memory) and a router that runs the single-box FastAPI app
(same routes, auth, limits, widget) over a `ClusterEngine`.

The router reaches shards through Serve handles (`ServeShards`): a call that fails because a
replica died is sent again (Serve routes it to a live replica), so clients see no error while
one replica of each shard lives; a shard none of whose replicas answers within the deadline
fails the request with a 503 naming it, never a partial answer. A reply carries the
cluster generation that answered (`x-rag-generation`) where one box's `/health` shows its
generation: with no API keys set, or to a valid key; never on a refusal (`GenerationHeader`).
Ray is imported only here and in what this module starts: the single-box service never loads it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag import RagError, Settings
from rag.cluster.engine import ClusterEngine, local_engine
from rag.cluster.manifest import read_manifest
from rag.cluster.shard import ClusterError, ShardService
from rag.cluster.sharding import shard_name
from rag.config import without_secrets
from rag.embedders import make_embedder
from service.app import RETRY_AFTER_BUSY_S, create_app
from service.redact import hide_paths
from service.security import retry_after

log = logging.getLogger("rag.cluster")
APP_NAME = "rag"


class ServeShards:
    """ShardPool over Serve deployment handles, one per shard, with failover (see module)."""

    def __init__(self, handles: Sequence[Any], deadline_s: float = 10.0) -> None:
        self.handles = list(handles)
        self.deadline_s = deadline_s

    @property
    def n_shards(self) -> int:
        return len(self.handles)

    def _result(self, shard: int, first: Any, method: str, args: tuple[Any, ...]) -> Any:
        deadline = time.monotonic() + self.deadline_s
        response, last = first, ""
        while True:
            left = deadline - time.monotonic()
            try:
                return response.result(timeout_s=max(0.1, left))
            except RagError:
                raise  # the shard's own answer (e.g. a generation change): not a failure
            except Exception as exc:  # a dead or unreachable replica: try another one
                last = f"{type(exc).__name__}"
                log.warning("%s: %s failed (%s); retrying on another replica",
                            shard_name(shard), method, last)
            if time.monotonic() + 0.2 >= deadline:
                raise ClusterError(f"{shard_name(shard)} is unavailable: no replica answered "
                                   f"within {self.deadline_s:g} s ({last}); retry later")
            time.sleep(0.2)
            response = self.handles[shard].call.remote(method, *args)

    def call(self, shard: int, method: str, *args: Any) -> Any:
        return self._result(shard, self.handles[shard].call.remote(method, *args), method, args)

    def call_all(self, method: str, *args: Any) -> list[Any]:
        sent = [h.call.remote(method, *args) for h in self.handles]  # all in flight at once
        return [self._result(i, r, method, args) for i, r in enumerate(sent)]

    def call_each(self, method: str, args: dict[int, tuple[Any, ...]]) -> dict[int, Any]:
        sent = {i: self.handles[i].call.remote(method, *a) for i, a in args.items()}
        return {i: self._result(i, r, method, args[i]) for i, r in sent.items()}


class RemoteEmbedder:
    """The Embedder protocol over the embedder deployment (the router loads no model)."""

    def __init__(self, handle: Any, known: dict[str, Any] | None = None) -> None:
        self._handle = handle
        self._known = dict(known or {})  # e.g. name and dim from the cluster manifest
        self._info: dict[str, Any] | None = None

    def _about(self, key: str) -> Any:
        """Known at construction (name, dim: a Searcher built in a replica's constructor asks
        for them, and that runs in an event loop where Serve refuses blocking calls), else
        asked on first use, from a request thread."""
        if key in self._known:
            return self._known[key]
        if self._info is None:
            self._info = self._handle.info.remote().result(timeout_s=120)
        return self._info[key]

    @property
    def name(self) -> str:
        return str(self._about("name"))

    @property
    def dim(self) -> int:
        return int(self._about("dim"))

    @property
    def max_tokens(self) -> int:
        return int(self._about("max"))

    def count_tokens(self, text: str) -> int:
        n: int = self._handle.count_tokens.remote(text).result(timeout_s=60)
        return n

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        """Many texts in one call (`/verify` counts every sentence and clause it would embed:
        one call each was thousands of calls a request)."""
        try:
            out: list[int] = self._handle.count_tokens_many.remote(list(texts)).result(
                timeout_s=60)
        except RagError:
            raise
        except Exception as exc:
            raise ClusterError(f"the embedder is unavailable ({type(exc).__name__}); "
                               "retry later") from None
        return out

    def embed_passages(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out: npt.NDArray[np.float32] = self._handle.embed_passages.remote(list(texts)).result(
            timeout_s=600)
        return out

    def embed_query(self, text: str) -> npt.NDArray[np.float32]:
        try:
            out: npt.NDArray[np.float32] = self._handle.embed_query.remote(text).result(
                timeout_s=30)
        except RagError:
            raise
        except Exception as exc:
            raise ClusterError(f"the query embedder is unavailable ({type(exc).__name__}); "
                               "retry later") from None
        return out


class QueryEmbedder:
    """Deployment: the embedding model, loaded once per replica."""

    def __init__(self, settings: Settings) -> None:
        self.embedder = make_embedder(settings)

    def info(self) -> dict[str, Any]:
        e = self.embedder
        return {"name": e.name, "dim": e.dim, "max": e.max_tokens}

    def count_tokens(self, text: str) -> int:
        return self.embedder.count_tokens(text)

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        return [self.embedder.count_tokens(t) for t in texts]

    def embed_query(self, text: str) -> npt.NDArray[np.float32]:
        return self.embedder.embed_query(text)

    def embed_passages(self, texts: list[str]) -> npt.NDArray[np.float32]:
        return self.embedder.embed_passages(texts)


class ShardReplica:
    """Deployment: one replica of one shard; follows the manifest on its own (1 s poll)."""

    def __init__(self, root: str, index: int, settings: Settings) -> None:
        self.service = ShardService(Path(root), index, settings, watch_s=1.0)

    def call(self, method: str, *args: Any) -> Any:
        if method.startswith("_") or method == "close":
            raise RagError(f"unknown shard call {method!r}")
        return getattr(self.service, method)(*args)


class GenerationHeader:
    """`x-rag-generation` on the replies of requests the guard and the key check let through
    (create_app's `behind_keys`), and there, when API keys are set, only to a valid key: the
    rule one box's `/health` follows for its generation (review 49). Outside the guard, it was
    on every refusal, a 401 without a key and a bad Host's 400 too (security review 50, F2)."""

    def __init__(self, app: ASGIApp, *, engine: ClusterEngine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["app"].state.keys.enabled
                                       and scope.get("state", {}).get("identity") is None):
            await self.app(scope, receive, send)
            return

        async def send_generation(message: Message) -> None:
            snap = self.engine.snapshot
            if message["type"] == "http.response.start" and snap is not None:
                message = {**message, "headers": [*message.get("headers", []), (
                    b"x-rag-generation", str(snap.generation).encode())]}
            await send(message)

        await self.app(scope, receive, send_generation)


def cluster_app(root: Path, settings: Settings, engine: ClusterEngine) -> FastAPI:
    """The single-box app over a cluster engine, plus the cluster's 503 and generation header."""
    app = create_app(settings, engine,
                     behind_keys=[Middleware(GenerationHeader, engine=engine)])

    async def _unavailable(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": hide_paths(str(exc), app.state.roots)}, status_code=503,
                            headers={"retry-after": retry_after(RETRY_AFTER_BUSY_S)})

    app.add_exception_handler(ClusterError, _unavailable)
    return app


class Router:
    """Deployment: the HTTP entry point (Serve ingress, app built at replica start)."""

    def __init__(self, root: str, settings: Settings, embedder: Any, shards: list[Any],
                 deadline_s: float = 10.0) -> None:
        # a line per request, as `rag serve` writes: this replica is its own process, the
        # driver's logging level does not reach it
        logging.getLogger("rag.service").setLevel(logging.INFO)
        self.root, self.settings = Path(root), settings
        identity = read_manifest(self.root).identity
        known = {"name": identity["embedder"], "dim": identity["dim"]}
        self.engine = ClusterEngine(self.root, settings, RemoteEmbedder(embedder, known),
                                    ServeShards(shards, deadline_s))

    def __serve_build_asgi_app__(self) -> FastAPI:
        return cluster_app(self.root, self.settings, self.engine)


def build(root: Path, settings: Settings, replicas: int = 2, shard_cpus: float = 0.5,
          shard_memory_mb: int = 512, embedder_replicas: int = 1, router_replicas: int = 1,
          deadline_s: float = 10.0) -> Any:
    """The Serve application: one deployment per shard (named like its directory). Only the
    router is given the secrets (it checks API keys and calls the LLM): `without_secrets`."""
    from ray import serve

    deployment: Any = serve.deployment  # its overloads confuse mypy with a class argument
    n = len(read_manifest(root).shards)
    plain = without_secrets(settings)
    embedder = deployment(QueryEmbedder).options(
        name="embedder", num_replicas=embedder_replicas,
        ray_actor_options={"num_cpus": 0.5}).bind(plain)
    shards = [deployment(ShardReplica).options(
        name=shard_name(i), num_replicas=replicas,
        ray_actor_options={"num_cpus": shard_cpus, "memory": shard_memory_mb * 2**20},
    ).bind(str(root), i, plain) for i in range(n)]
    router = deployment(serve.ingress()(Router)).options(
        name="router", num_replicas=router_replicas, ray_actor_options={"num_cpus": 0.25})
    return router.bind(str(root), settings, embedder, shards, deadline_s)


def run(root: Path, settings: Settings, host: str = "127.0.0.1", port: int = 8000,
        **options: Any) -> None:
    """Deploy on the connected Ray cluster, HTTP on the head node only."""
    from ray import serve

    serve.start(http_options={"host": host, "port": port, "location": "HeadOnly"})
    serve.run(build(root, settings, **options), name=APP_NAME, route_prefix="/",
              blocking=False)


def wait_until_healthy(base_url: str, timeout_s: float = 240.0) -> None:
    """Block until the deployed app answers `/health` with 200 (replicas start in minutes on a
    loaded machine); a RuntimeError past `timeout_s`."""
    import contextlib

    import httpx

    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=base_url, timeout=60) as client:
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if client.get("/health").status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError("the Serve app did not come up")
            time.sleep(1)


__all__ = ["ClusterError", "ServeShards", "ShardService", "build", "cluster_app", "local_engine",
           "run", "wait_until_healthy", "without_secrets"]
