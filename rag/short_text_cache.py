"""An LRU cache of a function of texts that holds no long text.

A cache keeps what it is given: keyed by a claim or a sentence, it held the 20,000-character
texts of POST /verify bodies after the request (security review 43, F3: 155 KB a call, up to
some 300 MB at 4,096 entries). A call with a text longer than CACHED_SENTENCE_CHARS is cached
apart, a few entries only, by the text's length and digest (not the text): a long claim read
against 50 passages is still read once (review 25, F2).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import _CacheInfo, lru_cache, update_wrapper
from typing import Generic, ParamSpec, TypeVar, cast

from rag.sentences import CACHED_SENTENCE_CHARS

P = ParamSpec("P")
R = TypeVar("R")
LONG_ENTRIES = 16  # calls with a long text kept, by digest


def _digest(value: object) -> object:
    if isinstance(value, str) and len(value) > CACHED_SENTENCE_CHARS:
        return ("long", len(value), hashlib.blake2b(value.encode("utf-8", "surrogatepass"),
                                                    digest_size=16).digest())
    return value


class ShortTextCache(Generic[P, R]):
    """`fn` behind an LRU cache of `maxsize` for short texts, and of LONG_ENTRIES by digest
    for calls with a long one."""

    def __init__(self, fn: Callable[P, R], maxsize: int) -> None:
        self._fn = fn
        self._lru = lru_cache(maxsize=maxsize)(fn)
        self._cached = cast(Callable[P, R], self._lru)  # (arguments must be hashable)
        self._long: OrderedDict[Hashable, R] = OrderedDict()
        self._lock = threading.Lock()
        update_wrapper(self, fn)
        self._name: str = fn.__qualname__

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if not any(isinstance(a, str) and len(a) > CACHED_SENTENCE_CHARS
                   for a in (*args, *kwargs.values())):
            return self._cached(*args, **kwargs)
        key = (tuple(_digest(a) for a in args),
               tuple(sorted((k, _digest(v)) for k, v in kwargs.items())))
        with self._lock:
            if key in self._long:
                self._long.move_to_end(key)
                return self._long[key]
        result = self._fn(*args, **kwargs)
        with self._lock:
            self._long[key] = result
            while len(self._long) > LONG_ENTRIES:
                self._long.popitem(last=False)
        return result

    def __reduce__(self) -> str:
        """Pickled by name, as a module's function is (Ray ships functions by pickling)."""
        return self._name

    def cache_info(self) -> _CacheInfo:
        """The short texts' cache."""
        return self._lru.cache_info()

    def long_entries(self) -> int:
        """How many calls with a long text are cached (by digest)."""
        with self._lock:
            return len(self._long)

    def cache_clear(self) -> None:
        self._lru.cache_clear()
        with self._lock:
            self._long.clear()


def short_text_cache(maxsize: int) -> Callable[[Callable[P, R]], ShortTextCache[P, R]]:
    """Decorator: `ShortTextCache` of `maxsize` entries."""
    def wrap(fn: Callable[P, R]) -> ShortTextCache[P, R]:
        return ShortTextCache(fn, maxsize)
    return wrap
