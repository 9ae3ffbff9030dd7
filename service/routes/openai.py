"""`/v1/chat/completions`, `/v1/completions`, `/v1/models`: existing chat clients (Open WebUI,
OpenAI SDKs) ask the index.

The last user message is the question, earlier user/assistant turns are the history (used to
rewrite follow-ups). Citations are `[n]` in the text, a sources list at its end, and structured
data in the extra `citations` field.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from rag import CancelToken, Citation, Citations, Done, LLMError, Message, RagError, Token
from rag.answering.citations import markers_in
from rag.answering.inert import inert
from service.deps import JSON_BODY, ClientDep, EngineDep, LimitsDep, MetricsDep, RecorderDep
from service.errors import openai_http_error, public_message, request_roots, status_of
from service.json_body import CountedJSONRoute
from service.openai_params import (
    Cutter,
    Limits,
    ParamError,
    apply,
    check,
    prompt_text,
    usage,
)
from service.schemas import (
    ChatCompletion,
    ChatRequest,
    Completion,
    CompletionRequest,
    ModelList,
    ModelOut,
    RequestLimits,
    openai_error,
)
from service.streaming import (
    EventPump,
    PumpedResponse,
    client_gone,
    open_stream,
    sse,
    unless_gone,
)

log = logging.getLogger("rag.service")

router = APIRouter(tags=["openai"], route_class=CountedJSONRoute)

MODEL_ID = "rag"
MODEL = {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "rag"}


def _sources(citations: Sequence[Citation]) -> str:
    """The list under the answer; titles and ids come from documents, so they are made inert
    (no "[3]" read as a marker, no markup rendered by the client, no bidirectional control
    reordering the line: `rag.answering.inert`)."""
    if not citations:
        return ""
    lines = [f"[{c.n}] {inert(c.hit.chunk.title)} ({inert(c.hit.chunk.doc_id)})"
             for c in citations]
    return "\n\nSources:\n" + "\n".join(lines)


def _split(body: ChatRequest, limits: RequestLimits
           ) -> tuple[str, list[Message], str, str | None]:
    """The question (the last user message), the history, within the settings' limits
    (RAG_MAX_QUERY_CHARS, RAG_MAX_HISTORY_MESSAGES, RAG_MAX_MESSAGE_CHARS; a 400 past one),
    and the instructions (`_system`). Called in a worker thread: it measures every message."""
    turns = [m for m in body.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user" or not turns[-1].text().strip():
        raise RagError("the last message must be a non-empty user message")
    question = turns[-1].text().strip()
    if not any(ch.isalnum() for ch in question):  # as /ask (security review 43, N1)
        raise openai_http_error(400, "the last user message has no letter or digit",
                                param="messages")
    history: list[Message] = [{"role": m.role, "content": m.text()} for m in turns[:-1]]
    others = [m.text() for m in body.messages if m is not turns[-1]]
    problem = limits.check_chat(question, history, others)
    if problem is not None:
        raise openai_http_error(400, problem, param="messages")
    return question, history, *_system(body)


_LANG_ASKED = (("en", re.compile(r"\b(in|into) english\b|\ben anglais\b", re.I)),
               ("fr", re.compile(r"\b(in|into) french\b|\ben français\b", re.I)))


def _system(body: ChatRequest) -> tuple[str, str | None]:
    """System and developer messages: instructions for a generative backend's writer, and the
    answer language when they ask for one ("answer in English", "réponds en français"). In
    the worker thread with `_split`, after its bounds: on the event loop, 260 system messages
    of "in in ..." were searched there, 0.2 s of every route's time (tenth review, F2)."""
    text = "\n".join(m.text().strip() for m in body.messages
                     if m.role in ("system", "developer") and m.text().strip())
    lang = next((code for code, asked in _LANG_ASKED if asked.search(text)), None)
    return text, lang


def _params(extra: dict[str, Any] | None) -> Limits:
    """What the client asks of the answer (max_tokens, stop...); a 400 naming what it cannot
    have."""
    try:
        return check(extra or {})
    except ParamError as exc:
        raise openai_http_error(400, str(exc), param=exc.param) from None


@router.get("/v1/models", response_model=ModelList)
def models() -> dict[str, Any]:
    return {"object": "list", "data": [MODEL]}


@router.get("/v1/models/{model_id}", response_model=ModelOut)
def model(model_id: str) -> dict[str, Any]:
    if model_id != MODEL_ID:
        shown = repr(model_id) if len(model_id) <= 80 else repr(model_id[:77]) + "..."
        raise openai_http_error(404, f"no model {shown}; this server has one: "
                                f"{MODEL_ID!r}", param="model", code="model_not_found")
    return MODEL


@router.post("/v1/completions", dependencies=[JSON_BODY], response_model=Completion)
async def completions(body: CompletionRequest, request: Request, engine: EngineDep,
                      limits: LimitsDep, record: RecorderDep, client: ClientDep) -> Any:
    """The prompt is the question; for clients that only speak the legacy completions API
    (LlamaIndex `OpenAILike` without `is_chat_model=True`). No streaming here. A client that
    hangs up stops the model."""
    filters = body.filters  # declared as chat declares its own (README, `filters`)
    params = _params(body.model_extra)
    if body.stream:
        raise openai_http_error(400, "stream is not supported on /v1/completions; use "
                                "/v1/chat/completions", param="stream")
    prompt = body.prompt[0] if isinstance(body.prompt, list) and len(body.prompt) == 1 \
        else body.prompt
    if isinstance(prompt, str) and len(prompt.strip()) > limits.query_chars:
        # refused on its length as sent before `prompt_text` normalises it (NFKC) on the
        # event loop: the embedder's count is never below it (ninth review, F1)
        raise openai_http_error(400, f"the prompt is {len(prompt.strip())} characters long; "
                                f"the limit is {limits.query_chars}", param="prompt")
    try:  # in a worker thread: it normalises the prompt (tenth review, F1)
        question = await run_in_threadpool(prompt_text, body.prompt, limits.query_chars)
    except ParamError as exc:
        raise openai_http_error(400, str(exc), param=exc.param) from None
    created = int(time.time())

    def work(cancel: CancelToken) -> dict[str, Any] | None:
        answer = engine.answerer.answer_unless(cancel, question, filters=filters,
                                               temperature=params.temperature, client=client)
        if answer is None:
            return None
        record(answer, question, "/v1/completions")
        text, reason = apply(answer.answer, params)
        return {"id": f"cmpl-{uuid.uuid4().hex[:24]}", "object": "text_completion",
                "created": created, "model": body.model,
                "choices": [{"index": 0, "text": text + _sources(answer.citations),
                             "finish_reason": reason, "logprobs": None}],
                "usage": usage(answer, question),
                "citations": [c.to_dict() for c in answer.citations],
                "abstained": answer.abstained, "query": answer.query,
                "answer_id": answer.answer_id}

    answered = await unless_gone(request, work)
    return client_gone() if answered is None else answered


@router.post("/v1/chat/completions", dependencies=[JSON_BODY], response_model=ChatCompletion,
             responses={200: {"content": {"text/event-stream": {}}, "description":
                              "A chat.completion, or chunks when `stream` is true."}})
async def chat(body: ChatRequest, request: Request, engine: EngineDep, limits: LimitsDep,
               record: RecorderDep, metrics: MetricsDep, client: ClientDep) -> Any:
    """A client that hangs up stops the model at once, streaming or not."""
    params = _params(body.model_extra)
    # in a worker thread: every message is measured, system and tool messages searched
    question, history, instructions, lang = await run_in_threadpool(_split, body, limits)
    cid = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    if not body.stream:

        def work(cancel: CancelToken) -> dict[str, Any] | None:
            answer = engine.answerer.answer_unless(
                cancel, question, history=history, lang=lang, instructions=instructions,
                filters=body.filters, temperature=params.temperature, client=client)
            if answer is None:
                return None
            record(answer, question, "/v1/chat/completions")
            text, reason = apply(answer.answer, params)
            return {
                "id": cid, "object": "chat.completion", "created": created,
                "model": body.model,
                "choices": [{"index": 0, "finish_reason": reason, "message": {
                    "role": "assistant", "content": text + _sources(answer.citations)}}],
                "usage": usage(answer, question),
                "citations": [c.to_dict() for c in answer.citations],
                "abstained": answer.abstained,
                "query": answer.query,
                "answer_id": answer.answer_id,
            }

        answered = await unless_gone(request, work)
        return client_gone() if answered is None else answered
    cancel = CancelToken()  # a client that hangs up stops the model at once

    def start() -> EventPump:
        """In the thread pool, off the event loop: the model's first load, retrieval."""
        events = engine.answerer.stream(question, history=history, cancel=cancel, lang=lang,
                                        instructions=instructions, filters=body.filters,
                                        temperature=params.temperature, client=client)
        return open_stream(events, cancel)[1]  # retrieval errors, busy: a plain 4xx/503

    pump = await run_in_threadpool(start)

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        payload = {"id": cid, "object": "chat.completion.chunk", "created": created,
                   "model": body.model, "choices": [{"index": 0, "delta": delta,
                                                     "finish_reason": finish}], **extra}
        return sse(None, payload)

    async def gen() -> AsyncIterator[str]:
        cutter = Cutter(params)  # stop and max_tokens, each token read once
        cited: tuple[Citation, ...] = ()  # what the numbers in the text refer to
        yield chunk({"role": "assistant", "content": ""})
        try:
            async for ev in pump:
                if isinstance(ev, Citations):
                    cited = ev.citations if ev.cited else cited
                elif isinstance(ev, Token) and cutter.reason is None:
                    # final numbers already, and a fallback answer comes as tokens too
                    metrics.mark_first_token(request.state, "/v1/chat/completions")
                    piece = cutter.feed(ev.text)
                    if piece:
                        yield chunk({"content": piece})
                elif isinstance(ev, Done):
                    answer = ev.answer
                    record(answer, question, "/v1/chat/completions")
                    held = cutter.flush()  # the start of a stop sequence that never came
                    if held:
                        yield chunk({"content": held})
                    used = set(markers_in(cutter.text))  # a text cut short cites fewer
                    tail = _sources([c for c in cited if c.n in used])
                    if tail:
                        yield chunk({"content": tail})
                    finish = "length" if cutter.reason == "length" else "stop"
                    yield chunk({}, finish, citations=[c.to_dict() for c in
                                                       answer.citations],
                                abstained=answer.abstained, query=answer.query,
                                answer_id=answer.answer_id)
                    if params.include_usage:
                        payload = {"id": cid, "object": "chat.completion.chunk",
                                   "created": created, "model": body.model, "choices": [],
                                   "usage": usage(answer, question)}
                        yield sse(None, payload)
        except (RagError, LLMError) as exc:
            status = status_of(exc)
            metrics.mark_failed(request.state, status)
            log.error("request %s: stream failed: %s", request.state.request_id, exc)
            yield sse(None, openai_error(status, public_message(exc, request_roots(request))))
        yield "data: [DONE]\n\n"

    return PumpedResponse(gen(), pump, headers={"cache-control": "no-cache"})
