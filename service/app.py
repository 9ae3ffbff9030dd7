"""FastAPI app factory: builds the engine once, routes stay thin over the library."""

from __future__ import annotations

import json
import logging
import re
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.answering.pipeline import Answer, BusyError
from rag.config import Settings
from rag.documents import Document
from rag.engine import Engine
from rag.errors import IndexCorruptError, IndexWriteError, RagError
from rag.llm.base import CancelToken, LLMError
from rag.loaders import (
    SUPPORTED_SUFFIXES,
    Skipped,
    document_from_fields,
    load_paths,
    upload_name,
)
from service.jobs import CannotCancel, Job, JobManager, JobsBusy
from service.metrics import Metrics
from service.schemas import (
    AskRequest,
    AskResponse,
    DocumentOut,
    DocumentsIn,
    IngestResponse,
    SearchResponse,
    openai_error,
)
from service.security import PUBLIC_PATHS, KeyChecker, RateLimiter, parse_keys, retry_after
from service.streaming import PumpedResponse, ask_sse, open_stream

log = logging.getLogger("rag.service")


class HTTPError(Exception):
    def __init__(self, status: int, message: str, param: str | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param  # OpenAI error shape only (`/v1/*`): the parameter at fault
        self.code = code


def _inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its `$defs` inlined: a route that reads the raw body does
    not put its model in `components`, so a `$ref` to it would dangle in /openapi.json."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined


RETRY_AFTER_BUSY_S = 2.0  # busy generator, full job queue, index being repaired: soon


def _error(status: int, message: str, request: Request | None = None, param: str | None = None,
           code: str | None = None, headers: dict[str, str] | None = None,
           **extra: Any) -> JSONResponse:
    """Every error body is `{"error": ...}`, on `/v1/*` OpenAI's `{"error": {"message",
    "type", "param", "code"}}` (what its SDKs parse); every 503 says when to come back."""
    headers = dict(headers or {})
    if status == 503:
        headers["retry-after"] = retry_after(RETRY_AFTER_BUSY_S)
    if request is not None and request.url.path.startswith("/v1/"):
        body = openai_error(status, message, param, code, **extra)
    else:
        body = {"error": message, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


async def get_engine(request: Request) -> Engine:
    """Async on purpose: FastAPI runs a plain `def` dependency in the thread pool, one more
    thread hand-off per request for an attribute read."""
    engine: Engine = request.app.state.engine
    changed = getattr(engine, "store_changed", None)  # a ClusterEngine has its own manifest
    if changed is not None and changed():  # another process committed: reload off the loop
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(engine.reload_if_newer)
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


async def _require_json(request: Request) -> None:
    ctype = request.headers.get("content-type", "")
    if not ctype.split(";")[0].strip().lower().endswith("json"):
        raise HTTPError(415, "send the body as JSON with `Content-Type: application/json`")


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _error_status(exc: Exception) -> int:
    if isinstance(exc, BusyError | IndexCorruptError):
        return 503
    if isinstance(exc, LLMError):
        return exc.status
    if isinstance(exc, IndexWriteError):  # disk full, I/O error: the server's side
        return 500
    return 400


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = engine or Engine(settings)
    metrics = Metrics()
    app = FastAPI(
        title="rag",
        version="0.1.0",
        description="Cited answers over French and English documents: hybrid retrieval, "
        "pluggable LLM backends, an OpenAI-compatible endpoint.",
    )
    app.state.engine = engine
    app.state.metrics = metrics
    _watch_engine(metrics, engine)
    from service.feedback_api import AnswerLog

    answers = app.state.answers = AnswerLog(settings)  # every answer by id, for POST /feedback
    app.router.on_shutdown.append(answers.close)

    # ---- errors -----------------------------------------------------------------------------

    @app.exception_handler(HTTPError)
    async def _http_error(request: Request, exc: HTTPError) -> JSONResponse:
        return _error(exc.status, exc.message, request, exc.param, exc.code)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        if first.get("type") == "json_invalid":
            return _error(400, "malformed JSON body", request)
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        msg = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg")}
                   for e in errors]
        return _error(422, f"{where}: {msg}" if where else msg, request, where or None,
                      details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _starlette(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), request)

    @app.exception_handler(RagError)
    async def _rag_error(request: Request, exc: RagError) -> JSONResponse:
        status = _error_status(exc)
        if status < 500:
            return _error(status, str(exc), request)
        rid = getattr(request.state, "request_id", None)
        log.error("request %s: %s", rid, exc)
        return _error(status, str(exc), request, request_id=rid)

    # Any exception no handler above matches. Starlette runs this one in its outermost
    # middleware, outside `_observe`: it counts the request and sets the request id itself.
    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        rid = getattr(request.state, "request_id", None)
        route = getattr(request.scope.get("route"), "path", "unmatched")
        metrics.requests.labels(route, request.method, "500").inc()
        log.error("request %s: unhandled error on %s %s", rid, request.method, route,
                  exc_info=exc)
        # Starlette re-raises after sending this and the server then drops the connection:
        # `connection: close` keeps clients from reusing it for their next request.
        headers = {"connection": "close", **({"x-request-id": rid} if rid else {})}
        return _error(500, "internal error", request, headers=headers, request_id=rid)

    keys = KeyChecker(parse_keys(settings.api_keys.get_secret_value()),
                      parse_keys(settings.admin_keys.get_secret_value()))
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    failures = RateLimiter(settings.auth_failures_per_minute, settings.auth_failures_per_minute)

    def _gate(request: Request) -> JSONResponse | None:
        """Wrong-key throttle, auth and rate limit, before any route work (the body size and
        the rest are the guard's, service/guards.py)."""
        path = request.url.path
        ip = f"ip:{request.client.host if request.client else '-'}"
        if keys.guards(path):
            wait = failures.wait(ip)
            if wait > 0:  # refused before any key is compared
                metrics.refused.labels("auth_throttle").inc()
                return _error(429, "too many wrong API keys from this address; retry later",
                              request, headers={"retry-after": retry_after(wait)})
        verdict = keys.check(request.method, path, request.headers.get("authorization"))
        if verdict.wrong_key:
            failures.hit(ip)
        if verdict.status:
            headers = {"www-authenticate": "Bearer"} if verdict.status == 401 else {}
            return _error(verdict.status, verdict.message, request, headers=headers)
        if path not in PUBLIC_PATHS:
            wait = limiter.hit(verdict.identity or ip)
            if wait > 0:
                return _error(429, "rate limit exceeded; retry later", request,
                              headers={"retry-after": retry_after(wait)})
        return None

    _add_body_limit(app, settings, metrics)  # added before `_observe`: runs inside it

    @app.middleware("http")
    async def _observe(request: Request, call_next: Any) -> Any:
        rid = request.headers.get("x-request-id") or ""
        if not (0 < len(rid) <= 64 and rid.replace("-", "").isalnum()):
            rid = uuid.uuid4().hex[:16]  # never echo or log arbitrary client bytes
        request.state.request_id = rid  # for error bodies (_unhandled, _rag_error)
        t0 = request.state.t0 = time.perf_counter()
        metrics.in_flight.inc()
        try:
            refused = _gate(request)
            response: Any = refused if refused is not None else await call_next(request)
        except BaseException:
            metrics.in_flight.dec()
            raise
        path = _route_template(app, request)  # a closed label set
        response.headers["x-request-id"] = rid

        def finish() -> None:
            """At the last byte sent: a stream's latency is its whole length, and a stream
            that failed after its 200 headers counts with the failure's status."""
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

        response.body_iterator = timed()
        return response

    # ---- answering --------------------------------------------------------------------------

    def _record(answer: Answer, question: str, route: str) -> None:
        answers.remember(answer, question, route)
        t = answer.timings_ms
        metrics.retrieval.observe(t.get("retrieval", 0.0) / 1000)
        metrics.generation.observe(t.get("generation", 0.0) / 1000)

    @app.post("/ask", response_model=AskResponse, tags=["answer"],
              dependencies=[Depends(_require_json)])
    def ask(body: AskRequest, engine: EngineDep) -> dict[str, Any]:
        """Answer a question with `[n]` citations to the passages it used."""
        answer = engine.answerer.answer(body.question, body.k, body.retriever,
                                        [m.model_dump() for m in body.history],  # type: ignore[misc]
                                        filters=body.filters)
        _record(answer, body.question, "/ask")
        return answer.to_dict()

    @app.post("/ask/stream", tags=["answer"], dependencies=[Depends(_require_json)],
              response_class=StreamingResponse)
    def ask_stream(body: AskRequest, engine: EngineDep, request: Request) -> StreamingResponse:
        """Server-Sent Events: `citations` (passages), `token`..., then `done` (checked answer
        and the citations it used); `error` if the backend fails mid-way. A busy generator is
        a 503 before the stream starts; a client that hangs up stops the model at once."""
        cancel = CancelToken()
        events = engine.answerer.stream(body.question, body.k, body.retriever,
                                        [m.model_dump() for m in body.history],  # type: ignore[misc]
                                        cancel, filters=body.filters)
        first, pump = open_stream(events, cancel)  # retrieval errors, busy: a plain 4xx/503

        def failed(exc: Exception) -> int:
            status = _error_status(exc)
            metrics.mark_failed(request.state, status)
            log.error("request %s: stream failed: %s", request.state.request_id, exc)
            return status

        body_events = ask_sse(
            first, pump, failed=failed,
            first_token=lambda: metrics.mark_first_token(request.state, "/ask/stream"),
            done=lambda answer: _record(answer, body.question, "/ask/stream"))
        return PumpedResponse(body_events, pump,
                              headers={"cache-control": "no-cache", "x-accel-buffering": "no"})

    # ---- retrieval --------------------------------------------------------------------------

    @app.get("/search", response_model=SearchResponse, tags=["retrieval"])
    def search(
        engine: EngineDep,
        q: Annotated[str, Query(min_length=1, max_length=2000, description="The question")],
        k: Annotated[int, Query(ge=1, le=100)] = 5,
        retriever: Annotated[str | None, Query(pattern="^(hybrid|dense|bm25)$")] = None,
        filters: Annotated[str | None, Query(max_length=4000, description=(
            "JSON object restricting retrieval, as `filters` in POST /ask: "
            '{"doc_id": ["a"], "date": {"gte": "2022-01-06"}}'))] = None,
    ) -> JSONResponse:
        t0 = time.perf_counter()
        hits = engine.searcher().search(q, k, retriever, filters)
        took = (time.perf_counter() - t0) * 1000
        metrics.retrieval.observe(took / 1000)
        # Plain types in SearchResponse's shape (the schema still documents it): returning a
        # response skips FastAPI's re-validation, which runs in the thread pool for a sync
        # route, i.e. one more thread hand-off per request.
        return JSONResponse({"query": q, "retriever": retriever or engine.settings.retriever,
                             "k": k, "hits": [h.to_dict() for h in hits],
                             "took_ms": round(took, 2)})

    # ---- documents --------------------------------------------------------------------------

    @app.get("/documents", response_model=list[DocumentOut], tags=["documents"])
    def list_documents(engine: EngineDep) -> list[dict[str, Any]]:
        return [{"doc_id": d.doc_id, "title": d.title, "chunks": d.n_chunks, "source": d.source}
                for d in engine.documents()]

    jobs = JobManager()
    app.state.jobs = jobs
    app.router.on_shutdown.append(jobs.close)

    @app.post("/documents", response_model=IngestResponse, tags=["documents"],
              responses={202: {"description": "Accepted as a job: `{\"job_id\", "
                               "\"status_url\"}`; poll `GET /jobs/{job_id}`."}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": _inline_schema(DocumentsIn)},
                  "multipart/form-data": {"schema": {"type": "object", "properties": {
                      "files": {"type": "array", "items": {"type": "string",
                                                           "format": "binary"}}}}}}}})
    async def add_documents(request: Request, engine: EngineDep) -> Any:
        """Add or update documents: a JSON body `{"documents": [{"id", "text", "title"?, ...}]}`
        or a multipart upload of files (.txt .md .html .jsonl .pdf .docx), or web pages to
        fetch: `{"urls": ["https://...", ...]}` (a private or loopback address is a 400;
        a page that cannot be fetched is skipped with the reason). More text than
        `async_ingest_bytes`, `?async=true` or `Prefer: respond-async` make it a job (202)."""
        from starlette.concurrency import run_in_threadpool

        wanted = _async_wanted(request)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json":
            fetched = await _ingest_urls(request, settings, engine)
            docs, skipped = fetched or (await _ingest_json(request, settings), [])
        elif ctype == "multipart/form-data":
            docs, skipped = await _ingest_files(request, settings)
        else:
            raise HTTPError(415, "send JSON (`{\"documents\": [...]}`) or multipart/form-data "
                            "files")
        if wanted is None:
            limit = settings.async_ingest_bytes
            wanted = limit > 0 and sum(len(d.text.encode("utf-8")) for d in docs) > limit
        if not wanted:
            return _report(await run_in_threadpool(engine.ingest_documents, docs, skipped))

        def work(job: Job) -> dict[str, Any]:
            prepared = engine.prepare_ingest(docs, skipped, on_chunks=job.set_total,
                                             progress=job.advance,
                                             cancelled=job.cancel_requested)
            job.enter_commit()
            return _report(engine.commit_ingest(prepared))

        try:
            job = jobs.submit(work, len(docs))
        except JobsBusy as exc:
            raise HTTPError(503, str(exc)) from None
        url = f"/jobs/{job.id}"
        return JSONResponse({"job_id": job.id, "status": job.status, "status_url": url},
                            status_code=202, headers={"location": url})

    @app.delete("/documents/{doc_id:path}", tags=["documents"])
    def delete_document(doc_id: str, engine: EngineDep) -> dict[str, Any]:
        """Ids may hold `/`: `DELETE /documents/a/b` (or `a%2Fb`) deletes `a/b`."""
        deleted, _ = engine.delete([doc_id])
        if not deleted:
            raise HTTPError(404, f"no document {doc_id!r} in the index")
        return {"deleted": deleted}

    @app.get("/jobs/{job_id}", tags=["documents"])
    def get_job(job_id: str) -> dict[str, Any]:
        """An ingest job: status, progress (chunks embedded of total), report or error."""
        job = jobs.get(job_id)
        if job is None:
            raise HTTPError(404, f"no job {job_id!r} (unknown, or finished too long ago)")
        return job.to_dict()

    @app.delete("/jobs/{job_id}", tags=["documents"])
    def cancel_job(job_id: str) -> dict[str, Any]:
        """Cancel a job before it commits: it stops at the next embedding batch, nothing is
        written. 409 once it is committing or finished."""
        job = jobs.get(job_id)
        if job is None:
            raise HTTPError(404, f"no job {job_id!r} (unknown, or finished too long ago)")
        try:
            job.cancel()
        except CannotCancel as exc:
            raise HTTPError(409, str(exc)) from None
        return job.to_dict()

    # ---- operations -------------------------------------------------------------------------

    @app.get("/health", tags=["operations"])
    def health(engine: EngineDep) -> dict[str, Any]:
        return engine.health()

    @app.get("/metrics", tags=["operations"], response_class=PlainTextResponse)
    def prometheus() -> PlainTextResponse:
        body, ctype = metrics.render()
        return PlainTextResponse(body, media_type=ctype)

    # ---- OpenAI-compatible ------------------------------------------------------------------

    from service.feedback_api import register as register_feedback
    from service.openai_api import register as register_openai
    from service.verify_api import register as register_verify
    from service.widget import mount as mount_widget

    register_openai(app, _require_json, _record)
    register_verify(app, _require_json)
    register_feedback(app, _require_json, answers, metrics)
    mount_widget(app)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
                           allow_headers=["authorization", "content-type", "x-request-id"],
                           expose_headers=["x-request-id", "retry-after"])
    _add_guard(app, settings, metrics)  # last added = outermost: runs before CORS and auth
    from service.openapi import install as install_openapi

    install_openapi(app)  # the schema says what is sent: error bodies, streams, models
    return app


def _watch_engine(metrics: Metrics, engine: Engine) -> None:
    """Gauges read at scrape time from the served index and the generation gate."""

    def count(key: str) -> Callable[[], float]:
        def read() -> float:
            snap = engine.snapshot
            return float(snap.manifest["counts"][key]) if snap is not None else 0.0
        return read

    def queued() -> float:
        gate = getattr(engine.answerer, "_gate", None)  # admitted beyond the running slots
        inside = getattr(gate, "_inside", 0)
        return float(max(0, inside - engine.settings.generation_slots))

    metrics.watch("rag_index_documents", "Documents in the served index", count("documents"))
    metrics.watch("rag_index_chunks", "Chunks in the served index", count("chunks"))
    metrics.watch("rag_index_generation", "Committed generation of the served index",
                  lambda: float(engine.snapshot.generation) if engine.snapshot else 0.0)
    metrics.watch("rag_generation_queue", "Answers waiting for a generation slot", queued)


def _route_template(app: FastAPI, request: Request) -> str:
    """The matched route's path template, "unmatched" for none. FastAPI's own routes (/docs,
    /openapi.json) leave no `route` in the scope, only their endpoint."""
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


def _body_limit(settings: Settings) -> Any:
    upload_limit = settings.max_upload_bytes + 64 * 1024  # multipart framing on top

    def limit(method: str, path: str) -> tuple[int, int]:
        if method == "POST" and path in ("/documents", "/documents/upload"):
            return upload_limit, settings.max_upload_bytes
        return settings.max_request_bytes, settings.max_request_bytes

    return limit


def _refusals(metrics: Metrics) -> Any:
    def refused(reason: str, status: int) -> None:
        metrics.refused.labels(reason).inc()
        log.info(json.dumps({"refused": reason, "status": status}))

    return refused


def _add_guard(app: FastAPI, settings: Settings, metrics: Metrics) -> None:
    """Method, Host, cross-site writes, declared body size: before CORS, auth and routing."""
    from service.guards import Guard, default_trusted_hosts

    trusted = (frozenset(h.lower() for h in settings.trusted_hosts) if settings.trusted_hosts
               else default_trusted_hosts(settings.host))
    app.add_middleware(Guard, trusted_hosts=trusted, cors_origins=settings.cors_origins,
                       limit=_body_limit(settings), on_refused=_refusals(metrics))


def _add_body_limit(app: FastAPI, settings: Settings, metrics: Metrics) -> None:
    """Body bytes counted as they arrive, and the body deadline (service/guards.py)."""
    from service.guards import BodyLimit

    app.add_middleware(BodyLimit, limit=_body_limit(settings), timeout=settings.body_timeout,
                       on_refused=_refusals(metrics))


def _async_wanted(request: Request) -> bool | None:
    """`?async=true|false` or `Prefer: respond-async`; None lets the body size decide."""
    raw = request.query_params.get("async")
    if raw is not None:
        flag = raw.strip().lower()
        if flag not in ("true", "1", "yes", "false", "0", "no"):
            raise HTTPError(422, "async: use true or false")
        return flag in ("true", "1", "yes")
    prefer = request.headers.get("prefer", "")
    if "respond-async" in [p.split("=")[0].strip().lower() for p in prefer.split(",")]:
        return True
    return None


async def _ingest_json(request: Request, settings: Settings) -> list[Document]:
    raw = await request.body()
    if len(raw) > settings.max_upload_bytes:
        raise HTTPError(413, f"request body over {settings.max_upload_bytes} bytes")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: deep nesting
        raise HTTPError(400, "malformed JSON body") from None
    items = body.get("documents") if isinstance(body, dict) else None
    if isinstance(body, dict) and items is None and "text" in body:
        items = [body]  # a single document object
    if not isinstance(items, list) or not items:
        raise HTTPError(422, "expected {\"documents\": [{\"id\", \"text\", ...}, ...]}")
    if len(items) > settings.max_documents_per_request:
        raise HTTPError(413, f"at most {settings.max_documents_per_request} documents a request")
    docs = []
    seen: set[str] = set()
    for i, obj in enumerate(items):
        try:
            doc = document_from_fields(obj, source="api")
            doc = replace(doc, metadata=_storable(doc.metadata))
        except ValueError as exc:
            raise HTTPError(422, f"documents[{i}]: {exc}") from None
        if doc.id in seen:
            raise HTTPError(422, f"documents[{i}]: duplicate id {doc.id!r}")
        seen.add(doc.id)
        docs.append(doc)
    return docs


async def _ingest_urls(request: Request, settings: Settings, engine: Engine
                       ) -> tuple[list[Document], list[Skipped]] | None:
    """`{"urls": [...]}`: web pages the server fetches (rag.fetch); None for other bodies."""
    from starlette.concurrency import run_in_threadpool

    from rag.fetch import FetchPolicy, FetchRefused, check_urls, load_sources

    raw = await request.body()
    if b'"urls"' not in raw or len(raw) > settings.max_upload_bytes:
        return None
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None  # _ingest_json says what is wrong
    if not isinstance(body, dict) or "urls" not in body:
        return None
    if "documents" in body:
        raise HTTPError(422, "send either `documents` or `urls`, not both")
    try:
        urls = check_urls(body["urls"])
    except ValueError as exc:
        raise HTTPError(422, str(exc)) from None
    if len(urls) > settings.max_documents_per_request:
        raise HTTPError(413, f"at most {settings.max_documents_per_request} URLs a request")
    store = engine.store
    try:
        loaded = await run_in_threadpool(
            load_sources, urls, FetchPolicy.from_settings(settings),
            lambda i: store.get_document(i) if store.exists() else None)
    except FetchRefused as exc:
        raise HTTPError(400, str(exc)) from None
    docs = [replace(d, metadata=_storable(d.metadata)) for d in loaded.documents]
    if not docs:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in loaded.skipped)
        raise HTTPError(422, f"no page could be loaded: {reasons or 'nothing fetched'}")
    return docs, loaded.skipped


async def _ingest_files(request: Request, settings: Settings
                        ) -> tuple[list[Document], list[Skipped]]:
    from starlette.concurrency import run_in_threadpool

    form = await request.form(max_files=settings.max_documents_per_request,
                              max_part_size=settings.max_upload_bytes)
    uploads = [v for v in form.getlist("files") if not isinstance(v, str)]
    uploads += [v for k, v in form.multi_items() if k != "files" and not isinstance(v, str)]
    if not uploads:
        raise HTTPError(422, "no file in the upload (use the form field `files`)")
    with tempfile.TemporaryDirectory(prefix="rag-upload-") as tmp:
        total = 0
        names: dict[str, int] = {}
        refused: list[Skipped] = []  # skipped with the reason, as `rag ingest` does
        for i, up in enumerate(uploads):
            try:
                name = upload_name(up.filename)  # no directories: no traversal
            except ValueError as exc:
                raise HTTPError(400, f"files[{i}] {_shown(up.filename)}: {exc}") from None
            if name in names:
                raise HTTPError(400, f"files[{i}] {_shown(up.filename)}: same name as "
                                f"files[{names[name]}] ({name!r}); each file needs its own")
            names[name] = i
            if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                refused.append(Skipped(f"upload:{name}", "unsupported file type; use one of "
                                       f"{', '.join(SUPPORTED_SUFFIXES)}"))
                continue
            data = await up.read()
            total += len(data)
            if total > settings.max_upload_bytes:
                raise HTTPError(413, f"upload over {settings.max_upload_bytes} bytes")
            slot = Path(tmp) / f"{i:04d}"  # one folder per upload keeps its name as the id
            slot.mkdir()
            (slot / name).write_bytes(data)
        if len(refused) == len(uploads):  # nothing to read: the request's type is wrong
            raise HTTPError(415, "; ".join(f"{s.source.removeprefix('upload:')}: {s.reason}"
                                           for s in refused))
        loaded = await run_in_threadpool(load_paths, [Path(tmp)])
        try:
            docs = [replace(d, source=_public(d.source, tmp), metadata=_storable(d.metadata))
                    for d in loaded.documents]
        except ValueError as exc:
            raise HTTPError(422, _scrub(str(exc), tmp)) from None
        skipped = refused + [Skipped(_public(s.source, tmp), _scrub(s.reason, tmp))
                             for s in loaded.skipped]
        if not docs:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no documents"
            raise HTTPError(422, f"no document could be loaded: {reasons}")
    return docs, skipped


def _shown(filename: str | None) -> str:
    """A client's file name as an error message may quote it: escaped, at most 80 chars."""
    text = repr(filename or "")
    return text if len(text) <= 80 else text[:77] + "..."


def _storable(metadata: dict[str, Any]) -> dict[str, Any]:
    """Extra fields as the store can write them: lone surrogates (legal as JSON escapes, not
    encodable as UTF-8) are replaced, as the loader does for the text; else a 500 at commit."""
    try:
        raw = json.dumps(metadata, ensure_ascii=False, default=str)
        cleaned: dict[str, Any] = json.loads(raw.encode("utf-8", "replace"))
    except RecursionError:
        raise ValueError("metadata nested too deeply") from None
    return cleaned


def _public(source: str, tmp: str) -> str:
    """`upload:<name>[:line]`: the temporary folder is nobody's business."""
    rest = source.removeprefix(tmp).lstrip("/")
    return "upload:" + rest.split("/", 1)[-1]


def _scrub(text: str, tmp: str) -> str:
    """A reason that names an uploaded file (`first in /tmp/...`) names it as `upload:<name>`."""
    return re.sub(re.escape(tmp) + r"/\d+/", "upload:", text).replace(tmp, "upload:")


def _report(report: Any) -> dict[str, Any]:
    return {
        "documents": report.documents, "added": report.added, "updated": report.updated,
        "unchanged": report.unchanged, "chunks": report.chunks,
        "skipped": [{"source": s.source, "reason": s.reason} for s in report.skipped],
        "dropped_lines": report.dropped_lines,
        "seconds": round(report.seconds, 3), "total_documents": report.total_documents,
        "total_chunks": report.total_chunks,
    }
