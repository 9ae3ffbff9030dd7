"""`GET /health` and `GET /metrics`: what orchestrators and Prometheus poll (`HEAD /health`
too: load balancers and uptime checkers often probe with HEAD)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from service.deps import EngineDep, MetricsDep

router = APIRouter(tags=["operations"])


@router.get("/health")
def health(engine: EngineDep) -> dict[str, Any]:
    return engine.health()


@router.head("/health", include_in_schema=False)  # (one operation in the schema: GET's)
def health_head(engine: EngineDep) -> dict[str, Any]:
    return engine.health()


@router.get("/metrics", response_class=PlainTextResponse)
def prometheus(metrics: MetricsDep) -> PlainTextResponse:
    body, ctype = metrics.render()
    return PlainTextResponse(body, media_type=ctype)
