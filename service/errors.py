"""Errors as the service answers them: the HTTP status of each library error, and one JSON body.

Routes raise `HTTPException` (or let a `RagError` through); the handlers here write every error
as `{"error": ...}`, on `/v1/*` as OpenAI's `{"error": {"message", "type", "param", "code"}}`
(what its SDKs parse). The library knows nothing of HTTP: the status mapping lives here.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from rag import BusyError, IndexCorruptError, IndexWriteError, LLMError, LLMTimeout, RagError
from rag.ingest import IngestConflict
from rag.loaders import NothingLoaded, UnsupportedUpload
from rag.read_clock import ReadTooSlow
from service.redact import hide_paths
from service.schemas import openai_error
from service.security import retry_after

log = logging.getLogger("rag.service")
# Validation errors listed in a 422's details, at most
MAX_DETAILS = 20
# Characters of a field name (each part of an error's location) or message a 422 repeats, at
# most: an unknown key is the client's text, and a 100,000-character one was echoed whole,
# twice (security review 54, N1)
MAX_ECHO = 64

RETRY_AFTER_BUSY_S = 2.0  # busy generator, full job queue, index being repaired: soon


def status_of(exc: Exception) -> int:
    """The status a library error is answered with: the client's fault (4xx) unless the
    server or its model backend failed."""
    if isinstance(exc, BusyError | IndexCorruptError):
        return 503
    if isinstance(exc, LLMTimeout):  # the model backend did not answer in time
        return 504
    if isinstance(exc, LLMError):  # the model backend failed
        return 502
    if isinstance(exc, IndexWriteError):  # disk full, I/O error: the server's side
        return 500
    if isinstance(exc, IngestConflict):  # other writers kept changing those documents
        return 409
    if isinstance(exc, UnsupportedUpload):
        return 415
    if isinstance(exc, ReadTooSlow):  # the files took too long to parse: too large a request
        return 413
    if isinstance(exc, NothingLoaded):
        return 422
    return 400


def public_message(exc: Exception, roots: tuple[str, ...] = ()) -> str:
    """What a client is told of a library error. A model backend's failure keeps its kind and
    drops what follows the colon ("LLM server answered 500: <the upstream's own message>",
    "cannot reach the LLM server: <socket error>"): the upstream's text can name its URL,
    paths or part of a key. Filesystem paths (the index directory in "index database ... is
    unreadable", "another ingest is writing ...") become `<path>` (service/redact.py; `roots`
    are the server's own directories). The whole message goes to the server log."""
    text = str(exc)
    if isinstance(exc, LLMError):
        return text.split(":", 1)[0].strip() or type(exc).__name__
    return hide_paths(text, roots)


def request_roots(request: Request) -> tuple[str, ...]:
    """The directories of the app serving `request`, as `public_message` hides them."""
    roots: tuple[str, ...] = getattr(request.app.state, "roots", ())
    return roots


def openai_http_error(status: int, message: str, param: str | None = None,
                      code: str | None = None) -> HTTPException:
    """An HTTPException whose OpenAI-shaped body names the parameter at fault (`/v1/*`)."""
    return HTTPException(status, {"message": message, "param": param, "code": code})


def error_response(status: int, message: str, request: Request | None = None,
                   param: str | None = None, code: str | None = None,
                   headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """The error body of the route family `request` belongs to; every 503 says when to come
    back."""
    headers = dict(headers or {})
    if status == 503:
        headers["retry-after"] = retry_after(RETRY_AFTER_BUSY_S)
    if request is not None and request.url.path.startswith("/v1/"):
        body = openai_error(status, message, param, code, **extra)
    else:
        body = {"error": message, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


async def _http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail
    headers = dict(exc.headers) if exc.headers else None
    if isinstance(detail, dict):  # openai_http_error: the parameter at fault
        return error_response(exc.status_code, str(detail.get("message")), request,
                              detail.get("param"), detail.get("code"), headers)
    return error_response(exc.status_code, str(detail), request, headers=headers)


def _clipped(part: object, limit: int = MAX_ECHO) -> str:
    """A piece of a validation error as a 422 repeats it, cut to `limit` characters: the error
    must not be the request again."""
    text = str(part)
    return text if len(text) <= limit else text[:limit - 1] + "…"


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        return error_response(400, "malformed JSON body", request)
    where = ".".join(_clipped(p) for p in first.get("loc", ()) if p != "body")
    msg = _clipped(str(first.get("msg", "invalid request")).removeprefix("Value error, "),
                   4 * MAX_ECHO)
    # the first MAX_DETAILS errors (a body of many unknown keys has one each: thirty-ninth
    # review, F1), and how many there were
    details: list[dict[str, Any]] = [
        {"loc": [_clipped(p) for p in e.get("loc", ())],
         "msg": _clipped(str(e.get("msg")), 4 * MAX_ECHO)}
        for e in errors[:MAX_DETAILS]]
    if len(errors) > MAX_DETAILS:
        details.append({"loc": [], "msg": f"... and {len(errors) - MAX_DETAILS} more errors"})
    return error_response(422, f"{where}: {msg}" if where else msg, request, where or None,
                          details=details)


async def _rag_error(request: Request, exc: Exception) -> JSONResponse:
    status = status_of(exc)
    message = public_message(exc, request_roots(request))
    rid = getattr(request.state, "request_id", None)
    if status < 500:
        if message != str(exc):  # the client's fault, but the path is for the operator
            log.warning("request %s: %s", rid, exc)
        return error_response(status, message, request)
    # (a busy server is load, not a fault: a warning, so one client's refusals raise no alert)
    (log.warning if isinstance(exc, BusyError) else log.error)("request %s: %s", rid, exc)
    return error_response(status, message, request, request_id=rid)


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    """Any exception no handler above matches. Starlette runs this one in its outermost
    middleware, outside the request observer: it counts the request itself."""
    rid = getattr(request.state, "request_id", None)
    route = getattr(request.scope.get("route"), "path", "unmatched")
    request.app.state.metrics.requests.labels(route, request.method, "500").inc()
    log.error("request %s: unhandled error on %s %s", rid, request.method, route, exc_info=exc)
    # Starlette re-raises after sending this and the server then drops the connection:
    # `connection: close` keeps clients from reusing it for their next request.
    headers = {"connection": "close", **({"x-request-id": rid} if rid else {})}
    return error_response(500, "internal error", request, headers=headers, request_id=rid)


async def _client_gone(request: Request, exc: Exception) -> Response:
    """A client that hung up while its body was read (`request.body()`, a form): nobody reads
    the answer; 499, as for an answer whose client left, not a 500 and a traceback."""
    return Response(status_code=499)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(RagError, _rag_error)
    app.add_exception_handler(Exception, _unhandled)
