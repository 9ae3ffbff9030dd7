"""Every request's id, metrics and log line, at the last byte sent (a stream's latency is its
whole length)."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from service.metrics import Metrics

log = logging.getLogger("rag.service")


def route_template(app: FastAPI, request: Request) -> str:
    """The matched route's path template, "unmatched" for none (a closed label set). FastAPI's
    own routes (/docs, /openapi.json) leave no `route` in the scope, only their endpoint."""
    route = request.scope.get("route")
    if route is not None:
        return str(getattr(route, "path", "unmatched"))
    endpoint = request.scope.get("endpoint")
    if endpoint is None:
        return "unmatched"
    for r in app.routes:
        if getattr(r, "endpoint", None) is endpoint or getattr(r, "app", None) is endpoint:
            return str(getattr(r, "path", "unmatched"))
    return "unmatched"


def request_id(given: str | None) -> str:
    """The client's `x-request-id` when it is short and plain, else a new one: arbitrary
    client bytes are never echoed or logged."""
    rid = given or ""
    if 0 < len(rid) <= 64 and rid.isascii() and rid.replace("-", "").isalnum():  # (not
        # "²" or "é", which str.isalnum takes: review 33)
        return rid
    return uuid.uuid4().hex[:16]


# An HTML page (the demo at /, /docs, /redoc) is never shown inside another site's frame: a
# page there could dress it up and have its visitor click for it (clickjacking). The widget's
# script (text/javascript) is meant for other sites' pages and has neither header.
NO_FRAMING = {"x-frame-options": "DENY",
              "content-security-policy": "frame-ancestors 'none'"}


class Observe(BaseHTTPMiddleware):
    """Sets `request.state.request_id` (error bodies quote it) and `t0` (time to first token),
    answers with `x-request-id` (and HTML pages with `NO_FRAMING`), counts and logs the
    request when its last byte is sent."""

    def __init__(self, app: Any, metrics: Metrics) -> None:
        super().__init__(app)
        self.metrics = metrics

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        metrics = self.metrics
        rid = request.state.request_id = request_id(request.headers.get("x-request-id"))
        t0 = request.state.t0 = time.perf_counter()
        metrics.in_flight.inc()
        try:
            response = await call_next(request)
        except BaseException:
            metrics.in_flight.dec()
            raise
        path = route_template(request.app, request)
        response.headers["x-request-id"] = rid
        if response.headers.get("content-type", "").lower().startswith("text/html"):
            for name, value in NO_FRAMING.items():
                response.headers.setdefault(name, value)

        def finish() -> None:
            """A stream that failed after its 200 headers counts with the failure's status."""
            metrics.in_flight.dec()
            elapsed = time.perf_counter() - t0
            status = getattr(request.state, "stream_status", response.status_code)
            metrics.observe_request(path, request.method, status, elapsed)
            log.info(json.dumps({"request_id": rid, "method": request.method, "route": path,
                                 "status": status, "ms": round(elapsed * 1000, 1)}))

        body = getattr(response, "body_iterator", None)
        if body is None:
            finish()
            return response

        async def timed() -> AsyncIterator[Any]:
            try:
                async for part in body:
                    yield part
            finally:
                finish()

        response.body_iterator = timed()  # type: ignore[attr-defined]
        return response
