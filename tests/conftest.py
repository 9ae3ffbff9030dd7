"""Shared fixtures: one real e5 embedder and one real index of the shipped articles per session."""

from __future__ import annotations

from pathlib import Path

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


@pytest.fixture(scope="session")
def articles() -> list[Document]:
    return load_paths([ARTICLES]).documents


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder,
               articles: list[Document]) -> Path:
    """The five articles ingested once; tests must not modify this index."""
    root = tmp_path_factory.mktemp("corpus-index")
    Ingestor(Settings(index_dir=root), embedder, IndexStore(root)).run(articles)
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
