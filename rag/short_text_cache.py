"""An LRU cache of a function of texts that keeps only short ones.

A cache keeps what it is given: keyed by a claim or a sentence, it held the 20,000-character
texts of POST /verify bodies after the request (security review 43, F3: 155 KB a call, up to
some 300 MB at 4,096 entries). A call with a text longer than CACHED_SENTENCE_CHARS is worked
out each time; shorter ones, which every answer repeats, are cached as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import _CacheInfo, lru_cache, update_wrapper
from typing import Generic, ParamSpec, TypeVar, cast

from rag.sentences import CACHED_SENTENCE_CHARS

P = ParamSpec("P")
R = TypeVar("R")


class ShortTextCache(Generic[P, R]):
    """`fn` behind an LRU cache of `maxsize`, bypassed when a text argument is too long."""

    def __init__(self, fn: Callable[P, R], maxsize: int) -> None:
        self._fn = fn
        self._lru = lru_cache(maxsize=maxsize)(fn)
        self._cached = cast(Callable[P, R], self._lru)  # (arguments must be hashable)
        update_wrapper(self, fn)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if any(isinstance(a, str) and len(a) > CACHED_SENTENCE_CHARS
               for a in (*args, *kwargs.values())):
            return self._fn(*args, **kwargs)
        return self._cached(*args, **kwargs)

    def cache_info(self) -> _CacheInfo:
        return self._lru.cache_info()

    def cache_clear(self) -> None:
        self._lru.cache_clear()


def short_text_cache(maxsize: int) -> Callable[[Callable[P, R]], ShortTextCache[P, R]]:
    """Decorator: `ShortTextCache` of `maxsize` entries."""
    def wrap(fn: Callable[P, R]) -> ShortTextCache[P, R]:
        return ShortTextCache(fn, maxsize)
    return wrap
