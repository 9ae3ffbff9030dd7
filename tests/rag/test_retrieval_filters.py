"""Filters restrict retrieval before ranking: k allowed hits even when none is in the
unfiltered top k, for every retriever, over a real index."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.filters import FilterError
from rag.ingest import Ingestor
from rag.retrieval import Searcher
from rag.store import IndexStore

QUERY = "Quand la fusée Ariane a-t-elle décollé de Kourou ?"


def _docs() -> list[Document]:
    space = [Document(f"space-{i}", f"La fusée Ariane {i} a décollé de Kourou en Guyane avec "
                      f"le satellite numéro {i}. Le lancement depuis Kourou a réussi.",
                      f"Ariane {i}", "espace.fr", {"section": "espace", "date": f"2022-01-0{i}"})
             for i in range(1, 7)]
    # the allowed documents name the query's words once, among other topics
    food = [Document(f"food-{i}", f"Recette {i} de ratatouille aux aubergines, servie aux "
                     f"techniciens après le décollage, loin de la fusée.", f"Cuisine {i}",
                     "cuisine.fr", {"section": "cuisine", "date": f"2021-12-1{i}"})
            for i in range(1, 4)]
    return space + food


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder) -> Searcher:
    root: Path = tmp_path_factory.mktemp("filter-index")
    settings = Settings(index_dir=root)
    ing = Ingestor(settings, embedder, IndexStore(root))
    ing.run(_docs())
    return Searcher(IndexStore(root).load(ing.identity), embedder, settings)


@pytest.mark.parametrize("retriever", ["hybrid", "dense", "bm25"])
def test_filtered_search_returns_k_allowed_hits(searcher: Searcher, retriever: str) -> None:
    plain = searcher.search(QUERY, 3, retriever)
    assert all(h.chunk.doc_id.startswith("space-") for h in plain)  # none allowed up there
    hits = searcher.search(QUERY, 3, retriever, {"section": "cuisine"})
    assert sorted(h.chunk.doc_id for h in hits) == ["food-1", "food-2", "food-3"]


def test_filter_shapes(searcher: Searcher) -> None:
    def docs(f: object) -> set[str]:
        return {h.chunk.doc_id for h in searcher.search(QUERY, 9, "hybrid", f)}

    assert docs({"doc_id": ["space-2", "food-1"]}) == {"space-2", "food-1"}
    assert docs({"date": {"gte": "2022-01-05"}}) == {"space-5", "space-6"}
    assert docs('{"date": {"lt": "2022-01-01"}, "source": "cuisine.fr"}') == {
        "food-1", "food-2", "food-3"}
    assert docs({"title": "Ariane 4"}) == {"space-4"}
    assert docs({"doc_id": "nope"}) == set()
    assert len(docs(None)) == 9


def test_bad_filters_raise(searcher: Searcher) -> None:
    with pytest.raises(FilterError, match="unknown key 'colour'"):
        searcher.search(QUERY, 3, "hybrid", {"colour": "red"})
    with pytest.raises(FilterError, match="malformed date"):
        searcher.search(QUERY, 3, "hybrid", {"date": {"gte": "2022-13-45"}})


def test_resolved_filters_are_cached_per_snapshot(searcher: Searcher) -> None:
    snap = searcher.snapshot
    a = snap.allowed({"section": "espace"})
    assert a is not None and a.count == 6 and snap.allowed({"section": "espace"}) is a
    assert snap.allowed({}) is None


@pytest.mark.parametrize("bad", [{"doc_id": 10**30}, {"date": {"gte": "2022-01-01"},
                                                    "doc_id": [f"d{i}" for i in range(260_000)]}])
def test_filters_sqlite_cannot_run_are_filter_errors(searcher: Searcher, bad: object) -> None:
    """A number past 64 bits or a list past SQLite's variable limit: the user's input, a 400,
    not a 500 from the database."""
    with pytest.raises(FilterError):
        searcher.search(QUERY, 3, "hybrid", bad)
