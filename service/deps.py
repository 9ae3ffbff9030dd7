"""What routes need from the app, as `Annotated` dependencies: one engine, settings, metrics,
answer log and job table per app (built by `create_app`, kept in `app.state`).

Async on purpose: FastAPI runs a plain `def` dependency in the thread pool, one more thread
hand-off per request for an attribute read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from rag import Engine
from service.answer_log import Recorder
from service.jobs import JobManager
from service.metrics import Metrics
from service.schemas import RequestLimits
from service.security import IPV6_ANSWER_LOG_PREFIX, client_bucket, client_identity
from service.settings import ServiceSettings


async def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    changed = getattr(engine, "store_changed", None)  # a ClusterEngine has its own manifest
    if changed is not None and changed():  # another process committed: reload off the loop
        await run_in_threadpool(engine.reload_if_newer)
    return engine


async def get_settings(request: Request) -> ServiceSettings:
    settings: ServiceSettings = request.app.state.settings
    return settings


async def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


async def get_jobs(request: Request) -> JobManager:
    jobs: JobManager = request.app.state.jobs
    return jobs


async def get_limits(request: Request) -> RequestLimits:
    limits: RequestLimits = request.app.state.limits
    return limits


async def current_key(request: Request) -> str | None:
    """Who is asking: the fingerprint of the API key (`key:...`) when keys are configured,
    else None. Set by the access middleware (service/security.py) before any route runs."""
    identity: str | None = getattr(request.state, "identity", None)
    return identity


async def get_recorder(request: Request) -> Recorder:
    """What answering routes call with each finished answer (log and timings), for this
    request's client as the rate limit counts it, but an IPv6 address by its /48: the answer
    log evicts the answers of the client holding the most first (review 15, F3; 15b, N2)."""
    recorder: Recorder = request.app.state.recorder
    key: str | None = getattr(request.state, "identity", None)
    ip = client_bucket(request.client.host if request.client else None,
                       IPV6_ANSWER_LOG_PREFIX)
    return recorder.for_client(client_identity(key, ip))


async def current_client(request: Request) -> str:
    """Who is asking, as the rate limit counts them (`client_identity`): the generator's and
    the verifier's places are shared out by it."""
    key: str | None = getattr(request.state, "identity", None)
    return client_identity(key, client_bucket(request.client.host if request.client else None))


async def require_json(request: Request) -> None:
    """Routes that read a JSON body refuse other content types with a 415."""
    ctype = request.headers.get("content-type", "")
    if not ctype.split(";")[0].strip().lower().endswith("json"):
        raise HTTPException(415, "send the body as JSON with `Content-Type: application/json`")


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[ServiceSettings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
JobsDep = Annotated[JobManager, Depends(get_jobs)]
LimitsDep = Annotated[RequestLimits, Depends(get_limits)]
RecorderDep = Annotated[Recorder, Depends(get_recorder)]
KeyDep = Annotated[str | None, Depends(current_key)]
ClientDep = Annotated[str, Depends(current_client)]
JSON_BODY = Depends(require_json)
