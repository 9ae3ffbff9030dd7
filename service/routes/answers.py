"""`POST /ask`, `POST /ask/stream` and `GET /search`: questions in, cited answers or passages
out."""

from __future__ import annotations

import logging
import time
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from rag import CancelToken
from rag.config import RetrieverName
from service.deps import JSON_BODY, ClientDep, EngineDep, LimitsDep, MetricsDep, RecorderDep
from service.errors import request_roots, status_of
from service.json_body import CountedJSONRoute
from service.schemas import AskRequest, AskResponse, SearchResponse, check_filters_text
from service.streaming import (
    PumpedResponse,
    ask_sse,
    client_gone,
    open_stream,
    unless_gone,
)

log = logging.getLogger("rag.service")

router = APIRouter(route_class=CountedJSONRoute)


@router.post("/ask", response_model=AskResponse, tags=["answer"], dependencies=[JSON_BODY])
async def ask(body: AskRequest, engine: EngineDep, limits: LimitsDep, record: RecorderDep,
              request: Request, client: ClientDep) -> Any:
    """Answer a question with `[n]` citations to the passages it used. A client that hangs
    up stops the model at once, as on a stream."""
    # in a worker thread: it may normalise (NFKC) each history message, tens of ms in all
    await run_in_threadpool(limits.check_ask, body)

    def work(cancel: CancelToken) -> dict[str, Any] | None:
        answer = engine.answerer.answer_unless(
            cancel, body.question, body.k, body.retriever,
            [m.model_dump() for m in body.history],  # type: ignore[misc]
            filters=body.filters, client=client)
        if answer is None:
            return None
        record(answer, body.question, "/ask")
        return answer.to_dict()

    answered = await unless_gone(request, work)
    return client_gone() if answered is None else answered


@router.post("/ask/stream", tags=["answer"], dependencies=[JSON_BODY],
             response_class=StreamingResponse)
def ask_stream(body: AskRequest, engine: EngineDep, limits: LimitsDep, record: RecorderDep,
               metrics: MetricsDep, request: Request, client: ClientDep) -> StreamingResponse:
    """Server-Sent Events: `citations` (passages), `token`..., then `done` (checked answer
    and the citations it used); `error` if the backend fails mid-way. A busy generator is
    a 503 before the stream starts; a client that hangs up stops the model at once."""
    limits.check_ask(body)
    cancel = CancelToken()
    events = engine.answerer.stream(body.question, body.k, body.retriever,
                                    [m.model_dump() for m in body.history],  # type: ignore[misc]
                                    cancel, filters=body.filters, client=client)
    first, pump = open_stream(events, cancel)  # retrieval errors, busy: a plain 4xx/503

    def failed(exc: Exception) -> int:
        status = status_of(exc)
        metrics.mark_failed(request.state, status)
        log.error("request %s: stream failed: %s", request.state.request_id, exc)
        return status

    body_events = ask_sse(
        first, pump, failed=failed, roots=request_roots(request),
        first_token=lambda: metrics.mark_first_token(request.state, "/ask/stream"),
        done=lambda answer: record(answer, body.question, "/ask/stream"))
    return PumpedResponse(body_events, pump,
                          headers={"cache-control": "no-cache", "x-accel-buffering": "no"})


@router.get("/search", response_model=SearchResponse, tags=["retrieval"])
def search(
    engine: EngineDep,
    limits: LimitsDep,
    metrics: MetricsDep,
    client: ClientDep,
    q: Annotated[str, Query(min_length=1, description="The question (at most "
                            "`RAG_MAX_QUERY_CHARS` characters)")],
    k: Annotated[int, Query(ge=1, description="At most `RAG_MAX_K`")] = 5,
    retriever: Annotated[RetrieverName | None, Query()] = None,
    filters: Annotated[str | None, Query(max_length=4000, description=(
        "JSON object restricting retrieval, as `filters` in POST /ask: "
        '{"doc_id": ["a"], "date": {"gte": "2022-01-06"}}'))] = None,
) -> JSONResponse:
    limits.check_search(q, k)
    check_filters_text(filters)
    ticket = engine.work_gate.admit(client)  # (a 503 past the client's share of places)
    try:
        t0 = time.perf_counter()
        hits = engine.searcher().search(q, k, retriever, filters)
        took = (time.perf_counter() - t0) * 1000
    finally:
        ticket.release()
    metrics.retrieval.observe(took / 1000)
    # Plain types in SearchResponse's shape (the schema still documents it): returning a
    # response skips FastAPI's re-validation, which runs in the thread pool for a sync
    # route, i.e. one more thread hand-off per request.
    return JSONResponse({"query": q, "retriever": retriever or engine.settings.retriever,
                         "k": k, "hits": [h.to_dict() for h in hits],
                         "took_ms": round(took, 2)})
