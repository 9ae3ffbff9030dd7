"""The claim verifier over the shared embedder, for the answering tests."""

from __future__ import annotations

import pytest

from rag.answering.verify import Verifier
from rag.embedders.e5 import E5Embedder


@pytest.fixture(scope="module")
def verifier(embedder: E5Embedder) -> Verifier:
    return Verifier(embedder)
