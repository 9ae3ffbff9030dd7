"""FastAPI app factory: settings and the engine once per app, middleware, routers, handlers.

The routes live in service/routes/ (one `APIRouter` per family) and reach the engine, settings
and metrics through service/deps.py; errors are answered in one place (service/errors.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware
from starlette.types import ASGIApp

from rag import Engine, Settings
from rag.unicode_safe import warm as warm_stream_safe
from service import errors
from service.answer_log import AnswerLog, Recorder
from service.errors import RETRY_AFTER_BUSY_S
from service.guards import BodyBudget, BodyLimit, Guard, body_limit, default_trusted_hosts
from service.jobs import JobManager
from service.metrics import Metrics
from service.observe import Observe
from service.openapi import install as install_openapi
from service.redact import server_roots, source_roots
from service.routes import answers, documents, feedback, openai, operations, verify
from service.schemas import RequestLimits
from service.security import (
    AccessControl,
    ForwardedFor,
    KeyChecker,
    RateLimiter,
    SecurityHeaders,
    parse_keys,
)
from service.settings import ServiceSettings
from service.widget import mount as mount_widget

__all__ = ["RETRY_AFTER_BUSY_S", "create_app"]
log = logging.getLogger("rag.service")


class _App(FastAPI):
    """FastAPI with `SecurityHeaders` around the whole stack, Starlette's outermost error
    layer included (it answers an unhandled exception's 500 outside every added middleware):
    every response carries them, the guard's refusals and that 500 too."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(settings: Settings | None = None, engine: Engine | None = None, *,
               behind_keys: Sequence[Middleware] = ()) -> FastAPI:
    """The app over `engine` (an `Engine(settings)` if None). `behind_keys`: middleware (outer
    first) that sees only requests the guard and the key check let through, refused ones never
    (the cluster's generation header, service/cluster.py)."""
    settings = ServiceSettings.of(settings)
    if settings.filter_keys_defaulted:
        log.warning("RAG_API_KEYS is set without RAG_FILTER_KEYS: filters take only the "
                    "built-in keys (%s); custom metadata keys are not filterable until listed "
                    "in RAG_FILTER_KEYS", ", ".join(settings.filter_keys or ()))
    # the stream-safe table (~0.2 s over every code point) is built here, once a process,
    # not by the first request to count text, maybe in a validator on the event loop
    # (tenth review, F3)
    warm_stream_safe()
    engine = engine or Engine(settings)
    metrics = Metrics()
    metrics.watch_engine(engine)
    # /docs and /redoc only when asked for (RAG_DOCS_PAGES): their scripts come from a CDN
    # into this origin (review 48, F3); the schema they read, /openapi.json, stays
    app = _App(
        title="rag",
        version="0.1.0",
        description="Cited answers over French and English documents: hybrid retrieval, "
        "pluggable LLM backends, an OpenAI-compatible endpoint.",
        docs_url="/docs" if settings.docs_pages else None,
        redoc_url="/redoc" if settings.docs_pages else None,
    )
    state = app.state
    state.settings, state.engine, state.metrics = settings, engine, metrics
    # a `source` filter compares what GET /documents shows (relative to the corpus), not a path
    engine.store.source_roots = source_roots(settings.corpus_dir)
    state.limits = RequestLimits.of(settings)
    state.answers = AnswerLog(settings, engine)  # every answer by id, for POST /feedback
    state.recorder = Recorder(state.answers, metrics)
    # what error messages must not show a client (service/redact.py)
    state.roots = server_roots(settings.index_dir, settings.corpus_dir,
                               settings.model_cache_dir)
    state.jobs = JobManager(roots=state.roots)
    app.router.on_shutdown += [state.answers.close, state.jobs.close]
    errors.install(app)
    _add_middleware(app, settings, metrics, behind_keys)

    for family in (answers, documents, operations, openai, verify, feedback):
        app.include_router(family.router)
    mount_widget(app)
    install_openapi(app)  # the schema says what is sent: error bodies, streams, models
    return app


def _add_middleware(app: FastAPI, settings: ServiceSettings, metrics: Metrics,
                    behind_keys: Sequence[Middleware] = ()) -> None:
    """Innermost first (the last added runs first): body bytes counted as they arrive and
    the body deadline; `behind_keys`; keys and rate limits; request ids, metrics and the log
    line; CORS; then method, Host, cross-site writes and declared body size; before anything
    else, the client address behind trusted proxies (RAG_TRUSTED_PROXIES). Around
    them all, and around Starlette's own error layer: `_App`'s security headers."""
    limit = body_limit(settings.max_request_bytes, settings.max_upload_bytes)
    # the bytes of bodies that requests in flight hold, shared by them all (guards.py)
    app.state.body_budget = BodyBudget(settings.max_body_bytes_in_flight)
    app.add_middleware(BodyLimit, limit=limit, timeout=settings.body_timeout,
                       budget=app.state.body_budget, on_refused=metrics.refusal)
    for cls, args, kwargs in reversed(behind_keys):  # (each added goes outside the last)
        app.add_middleware(cls, *args, **kwargs)
    keys = KeyChecker(parse_keys(settings.api_keys.get_secret_value()),
                      parse_keys(settings.admin_keys.get_secret_value()))
    app.state.keys = keys  # (GET /health shows its counts to a key only)
    if keys.admin_refused:
        log.warning("RAG_API_KEYS is set without RAG_ADMIN_KEYS: document writes, job "
                    "cancels and GET /feedback are refused (403) to every key; set "
                    "RAG_ADMIN_KEYS to allow them")
    app.add_middleware(
        AccessControl,
        keys=keys,
        limiter=RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst),
        failures=RateLimiter(settings.auth_failures_per_minute,
                             settings.auth_failures_per_minute),
        on_refused=metrics.refusal)
    app.add_middleware(Observe, metrics=metrics)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
                           allow_headers=["authorization", "content-type", "x-request-id"],
                           expose_headers=["x-request-id", "retry-after", "x-total-count"])
    trusted = (frozenset(h.lower() for h in settings.trusted_hosts) if settings.trusted_hosts
               else default_trusted_hosts(settings.host))
    app.add_middleware(Guard, trusted_hosts=trusted, cors_origins=settings.cors_origins,
                       limit=limit, keys_set=keys.enabled, on_refused=metrics.refusal)
    if settings.trusted_proxies:  # outermost: every layer sees the client behind them
        app.add_middleware(ForwardedFor, proxies=settings.trusted_proxies)
