"""Answers, streamed or whole, that stop when their client does.

The answer pipeline is a blocking generator (retrieval, then model reads). Run under
Starlette's thread pool, a client that hangs up leaves it suspended and never closed: its
generation slot and the model's request stay taken until garbage collection. Here a thread of
our own drives the generator into the event loop; whatever ends the response (the client
leaves, shutdown cancels the task, an error) fires a cancel token that unblocks the model read,
and that thread then closes the generator, which releases its slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import threading
from collections.abc import AsyncIterable, AsyncIterator, Callable, Generator, Mapping
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from rag import Answer, CancelToken, Citations, Done, Event, LLMError, RagError, Token
from service.errors import public_message

log = logging.getLogger("rag.service")
T = TypeVar("T")


class EventPump:
    """Iterate with `async for`; `close()` (idempotent, any thread) ends it and the model."""

    def __init__(self, events: Generator[Event, None, None], cancel: CancelToken) -> None:
        self._events = events
        self._cancel = cancel
        self._lock = threading.Lock()
        self._claimed = False  # by the producer thread, or by close() when never iterated

    def close(self) -> None:
        self._cancel.cancel()
        with self._lock:
            never_ran, self._claimed = not self._claimed, True
        if never_ran:  # suspended at its first event: closing it is quick
            self._events.close()

    async def __aiter__(self) -> AsyncIterator[Event]:
        with self._lock:
            if self._claimed:
                return
            self._claimed = True
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

        def put(item: tuple[str, Any]) -> None:
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody listens any more
                loop.call_soon_threadsafe(queue.put_nowait, item)

        def produce() -> None:
            try:
                for ev in self._events:
                    put(("event", ev))
                    if self._cancel.cancelled:
                        break
            except Exception as exc:  # re-raised in the event loop, where the route reports it
                put(("error", exc))
            finally:
                self._events.close()  # releases the generation slot in this, its own, thread
                put(("end", None))

        # in the request's context (the query cache keys by its client: rag.retrieval)
        threading.Thread(target=contextvars.copy_context().run, args=(produce,),
                         name="rag-answer-stream", daemon=True).start()
        try:
            while True:
                kind, value = await queue.get()
                if kind == "end":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            self._cancel.cancel()


class PumpedResponse(StreamingResponse):
    """Closes its pump however the response ends: on a disconnect Starlette cancels the body
    task and on shutdown uvicorn cancels the request task, but neither closes an iterator."""

    def __init__(self, content: AsyncIterable[str], pump: EventPump,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(content, media_type="text/event-stream", headers=headers)
        self._pump = pump

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._pump.close()


async def _hung_up(request: Request) -> bool:
    """Wait for the client to hang up (True). Once the body is read, the next ASGI message is
    the disconnect; anything else (False) means it cannot be watched this way."""
    try:
        message = await request.receive()
    except Exception as exc:  # a watcher that fails must not fail the answer
        log.warning("cannot watch the client of request %s: %s",
                    getattr(request.state, "request_id", None), exc)
        return False
    return bool(message["type"] == "http.disconnect")


async def unless_gone(request: Request, work: Callable[[CancelToken], T]) -> T | None:
    """`work(cancel)` in the thread pool, as a sync route runs, and its result; None when the
    client hangs up first. Its hang-up (or the request task's cancellation, at shutdown)
    fires `cancel`, which unblocks the model's read (as a stream's `EventPump.close`), and
    the route waits for `work` to end, so its generation slot is free when it returns."""
    cancel = CancelToken()
    job = asyncio.ensure_future(run_in_threadpool(work, cancel))
    job.add_done_callback(lambda t: t.cancelled() or t.exception())  # read if left behind
    watch = asyncio.ensure_future(_hung_up(request))
    try:
        await asyncio.wait((job, watch), return_when=asyncio.FIRST_COMPLETED)
        if not job.done() and not watch.result():  # cannot watch: wait for the answer
            await asyncio.wait((job,))
    finally:
        watch.cancel()
        if not job.done():
            cancel.cancel()
    if not cancel.cancelled:
        return job.result()
    with contextlib.suppress(Exception):  # the model's read, cut: nobody reads its error
        await job
    return None


def client_gone() -> Response:
    """What a request answers when its client hung up: nobody reads it; 499 (nginx's "client
    closed request") is what the log line and the metrics count."""
    return Response(status_code=499)


def open_stream(events: Generator[Event, None, None], cancel: CancelToken
                ) -> tuple[Citations, EventPump]:
    """The first event, the passages retrieved, computed here (retrieval and admission to
    the generation gate: their errors, a busy generator included, become a plain 4xx/503
    before any byte is sent), and a pump for the rest."""
    first = next(events)
    if not isinstance(first, Citations):
        raise AssertionError(f"an answer stream starts with its passages, not {first!r}")
    return first, EventPump(events, cancel)


# Line breaks to Python's str.splitlines() (and JavaScript's line terminators: U+2028/9) that
# json.dumps leaves raw with ensure_ascii=False; a client splitting the stream that way would
# cut an event whose passage holds one. They are only ever inside JSON strings: escaped there.
_LINE_BREAKS = str.maketrans({c: f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"})


def sse(event: str | None, data: object) -> str:
    """One Server-Sent Event with a JSON payload, on one `data:` line for any line splitter;
    unnamed (`data:` only, as OpenAI streams) when `event` is None."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False).translate(_LINE_BREAKS)}\n\n"


def citations_sse(ev: Citations) -> str:
    return sse("citations", {"citations": [c.to_dict() for c in ev.citations],
                             "cited": ev.cited})


async def ask_sse(first: Citations, pump: EventPump, *, first_token: Callable[[], None],
                  done: Callable[[Answer], None], failed: Callable[[Exception], int],
                  roots: tuple[str, ...] = ()) -> AsyncIterator[str]:
    """The `/ask/stream` body, the pipeline's events as they come (README, "Server-Sent
    Events"): `citations` lists what the numbers in the text so far refer to, `token`s carry
    final numbers, `done` the checked answer. `first_token` and `done` are told when they happen
    (metrics, the answer log); `failed` is told of a backend error mid-way and returns its
    HTTP status, sent in the `error` event, its message without the server's directories
    (`roots`, as `public_message` hides them)."""
    yield citations_sse(first)
    try:
        async for ev in pump:
            if isinstance(ev, Token):
                first_token()
                yield sse("token", {"text": ev.text})
            elif isinstance(ev, Citations):
                yield citations_sse(ev)
            elif isinstance(ev, Done):
                done(ev.answer)
                yield sse("done", ev.answer.to_dict())
    except (RagError, LLMError) as exc:
        yield sse("error", {"error": public_message(exc, roots), "status": failed(exc)})
