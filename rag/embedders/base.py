"""The Embedder protocol shared by every backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Queries and passages may be embedded differently (e5 prefixes): keep the two calls apart."""

    @property
    def name(self) -> str:
        """Stable identity written into the index manifest; another name means re-ingest."""
        ...

    @property
    def dim(self) -> int: ...

    @property
    def max_tokens(self) -> int:
        """Longest input (in this model's tokens, specials included) embedded without truncation."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """[n, dim] float32, rows L2-normalised."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """[dim] float32, L2-normalised."""
        ...


def normalise(v: Vectors) -> Vectors:
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(v / norms, dtype=np.float32)
