"""`POST /v1/chat/completions`: existing chat clients (Open WebUI, OpenAI SDKs) ask the index.

The last user message is the question, earlier user/assistant turns are the history (used to
rewrite follow-ups). Citations are `[n]` in the text, a sources list at its end, and structured
data in the extra `citations` field.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fastapi import Depends, FastAPI, Request

from rag.answering.citations import Citation, StreamRenumberer
from rag.answering.inert import inert
from rag.answering.pipeline import Answer
from rag.engine import Engine
from rag.errors import RagError
from rag.llm.base import CancelToken, LLMError, Message
from service.schemas import MAX_MESSAGE_CHARS, ChatRequest
from service.streaming import PumpedResponse, open_stream

MODEL_ID = "rag"


def _sources(citations: list[Citation]) -> str:
    """The list under the answer; titles and ids come from documents, so they are made inert
    (no "[3]" read as a marker, no markup rendered by the client)."""
    if not citations:
        return ""
    lines = [f"[{c.n}] {inert(c.hit.chunk.title)} ({inert(c.hit.chunk.doc_id)})"
             for c in citations]
    return "\n\nSources:\n" + "\n".join(lines)


def _split(body: ChatRequest) -> tuple[str, list[Message]]:
    turns = [m for m in body.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user" or not turns[-1].text().strip():
        raise RagError("the last message must be a non-empty user message")
    question = turns[-1].text().strip()
    if len(question) > 2000:
        raise RagError(f"the question is {len(question)} characters long; the limit is 2000")
    history: list[Message] = [{"role": m.role, "content": m.text()[:MAX_MESSAGE_CHARS]}
                              for m in turns[:-1]]
    return question, history


def register(app: FastAPI, require_json: Callable[[Request], Awaitable[None]],
             record: Callable[[Answer], None]) -> None:
    def engine_of(request: Request) -> Engine:
        engine: Engine = request.app.state.engine
        return engine

    @app.get("/v1/models", tags=["openai"])
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0,
                                            "owned_by": "rag"}]}

    @app.post("/v1/chat/completions", tags=["openai"], dependencies=[Depends(require_json)])
    def chat(body: ChatRequest, request: Request) -> Any:
        engine = engine_of(request)
        question, history = _split(body)
        cid = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        created = int(time.time())
        if not body.stream:
            answer = engine.answerer.answer(question, history=history)
            record(answer)
            return {
                "id": cid, "object": "chat.completion", "created": created, "model": body.model,
                "choices": [{"index": 0, "finish_reason": "stop", "message": {
                    "role": "assistant",
                    "content": answer.answer + _sources(answer.citations)}}],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                "citations": [c.to_dict() for c in answer.citations],
                "abstained": answer.abstained,
            }
        cancel = CancelToken()  # a client that hangs up stops the model at once
        events = engine.answerer.stream(question, history=history, cancel=cancel)
        first, pump = open_stream(events, cancel)  # retrieval errors, busy: a plain 4xx/503

        def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
            payload = {"id": cid, "object": "chat.completion.chunk", "created": created,
                       "model": body.model, "choices": [{"index": 0, "delta": delta,
                                                         "finish_reason": finish}], **extra}
            return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

        async def gen() -> AsyncIterator[str]:
            renum = StreamRenumberer(len(first.data))
            yield chunk({"role": "assistant", "content": ""})
            try:
                async for ev in pump:
                    if ev.kind == "token":
                        text = renum.feed(ev.data)
                        if text:
                            yield chunk({"content": text})
                    elif ev.kind == "done":
                        answer: Answer = ev.data
                        record(answer)
                        tail = renum.flush()
                        if answer.fallback:  # the model's uncited text is replaced, visibly
                            tail += "\n\n" + answer.answer
                        tail += _sources(answer.citations)
                        if tail:
                            yield chunk({"content": tail})
                        yield chunk({}, "stop", citations=[c.to_dict() for c in
                                                           answer.citations],
                                    abstained=answer.abstained)
            except (RagError, LLMError) as exc:
                yield f"data: {json.dumps({'error': {'message': str(exc)}})}\n\n"
            yield "data: [DONE]\n\n"

        return PumpedResponse(gen(), pump, headers={"cache-control": "no-cache"})
