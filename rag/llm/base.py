"""The LLM protocol: chat messages in, text (whole or streamed) out."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypedDict

from rag.errors import RagError


class Message(TypedDict):
    role: str
    content: str


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts of one generation as its backend counted them (`counted_by`), for the
    OpenAI routes' `usage`: a client paying by the token wants the model's own figures."""

    prompt_tokens: int
    completion_tokens: int
    counted_by: str


class LLMError(RagError):
    """The model backend failed; the message says how."""


class LLMTimeout(LLMError):
    """The model backend did not answer in time."""


class CancelToken:
    """Stops a generation from another thread: a blocked read cannot be closed from outside
    (a generator that is running refuses `close()`), so backends register how to unblock it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._set = False
        self._callbacks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._set

    def cancel(self) -> None:
        """Idempotent; runs every registered callback once, in the calling thread."""
        with self._lock:
            if self._set:
                return
            self._set = True
            callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            fn()

    def on_cancel(self, fn: Callable[[], None]) -> Callable[[], None]:
        """Call `fn` on cancel (now if already cancelled); returns a function that unregisters."""
        with self._lock:
            if not self._set:
                self._callbacks.append(fn)
                return lambda: self._discard(fn)
        fn()
        return lambda: None

    def _discard(self, fn: Callable[[], None]) -> None:
        with self._lock:
            if fn in self._callbacks:
                self._callbacks.remove(fn)


class LLM(Protocol):
    @property
    def name(self) -> str: ...

    def complete(self, messages: Sequence[Message], max_tokens: int,
                 cancel: CancelToken | None = None) -> str:
        """The whole reply; `cancel` from another thread ends the call early (an upstream's
        connection is shut down, a local generation stops at its next token) with an
        `LLMError`: a client that hung up must not hold a thread for the model's answer."""
        ...

    def stream(self, messages: Sequence[Message], max_tokens: int,
               cancel: CancelToken | None = None, *, temperature: float | None = None,
               on_usage: Callable[[Usage], None] | None = None) -> Iterator[str]:
        """Text pieces as the model produces them; closing the iterator stops generation, and
        so does `cancel` from another thread (the iterator then ends quietly). `temperature`
        (None: the backend's own) is a client's; `on_usage` hears the token counts once the
        backend reports them (a generation stopped early may report none)."""
        ...
