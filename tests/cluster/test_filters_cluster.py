"""A sharded index does not filter yet: a filter is refused with a message (a 400 over HTTP),
never answered as if nothing matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.filters import FilterError
from tests.cluster.test_local import _build, _engine


def test_filters_are_refused_over_shards(tmp_path: Path, embedder: E5Embedder) -> None:
    docs = [Document(f"d{i}", f"Texte numéro {i} sur la ville {i}.", f"T{i}") for i in range(4)]
    _build(tmp_path, embedder, docs, 2)
    searcher = _engine(tmp_path, embedder, 2).searcher()
    assert searcher.search("ville", 2, "hybrid", {})  # no filter: as before
    with pytest.raises(FilterError, match="not supported over a sharded index"):
        searcher.search("ville", 2, "hybrid", {"doc_id": "d1"})
