"""`GET /health` and `GET /metrics`: what orchestrators and Prometheus poll (`HEAD /health`
too: load balancers and uptime checkers often probe with HEAD)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from service.deps import EngineDep, MetricsDep

router = APIRouter(tags=["operations"])


@router.get("/health")
def health(engine: EngineDep, request: Request) -> dict[str, Any]:
    """The index's status; its counts, generation, models and problems too without API keys
    set, or to a request with a valid key. Without one `/health` is public, and the counts
    and generation told anyone how large the index was and when it changed (review 49)."""
    found = engine.health()
    if request.app.state.keys.enabled and getattr(request.state, "identity", None) is None:
        return {"status": found["status"]}
    return found


@router.head("/health", include_in_schema=False)  # (one operation in the schema: GET's)
def health_head(engine: EngineDep, request: Request) -> dict[str, Any]:
    return health(engine, request)


@router.get("/metrics", response_class=PlainTextResponse)
def prometheus(metrics: MetricsDep) -> PlainTextResponse:
    body, ctype = metrics.render()
    return PlainTextResponse(body, media_type=ctype)
