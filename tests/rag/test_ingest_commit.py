"""Ingest in two halves: embedding holds no lock, the commit re-plans from what is stored then."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.ingest import IngestCancelled, Ingestor, delete_documents
from rag.store import IndexStore
from tests.conftest import small_docs


def _ingestor(root: Path, embedder: E5Embedder, **kw: object) -> Ingestor:
    return Ingestor(Settings(index_dir=root, **kw), embedder, IndexStore(root))  # type: ignore[arg-type]


NEW = Document("lac", "Le lac Léman borde Genève et Lausanne.", "Le lac Léman")


def test_prepare_takes_no_write_lock(tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs())
    with ing.store.write_lock():  # another writer holds it: embedding still goes on
        prepared = ing.prepare([NEW])
    assert prepared.chunks == 1
    report, _ = ing.commit(prepared)
    assert (report.added, report.chunks, report.total_documents) == (1, 1, 5)


def test_commit_replans_against_what_was_stored_meanwhile(tmp_path: Path,
                                                          embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    docs = small_docs()
    ing.run(docs)
    changed = replace(docs[0], text=docs[0].text + " Le second étage a fonctionné.")
    prepared = ing.prepare([changed, docs[1], NEW])  # astro changed, cuisine unchanged, lac new
    # meanwhile another writer stores the same new astro and deletes cuisine
    ing.run([changed])
    delete_documents(ing.store, ["cuisine"])
    report, snap = ing.commit(prepared)
    assert snap is not None
    assert (report.added, report.updated, report.unchanged) == (2, 0, 1)  # cuisine, lac; astro
    stored = {d.doc_id for d in ing.store.list_documents()}
    assert {"astro", "cuisine", "lac"} <= stored  # cuisine, deleted meanwhile, embedded again
    assert snap.manifest["counts"]["documents"] == 5
    assert snap.dense.ntotal == snap.manifest["counts"]["chunks"]


def test_cancel_between_batches_writes_nothing(tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder, embed_batch_size=1)
    ing.run(small_docs())
    generation = ing.store.db_generation()
    seen: list[int] = []
    with pytest.raises(IngestCancelled, match="cancelled"):
        ing.prepare([NEW, replace(NEW, id="lac2")], progress=seen.append,
                    cancelled=lambda: len(seen) >= 1)
    assert seen == [1]  # stopped after the first batch
    assert ing.store.db_generation() == generation
    assert "lac" not in {d.doc_id for d in ing.store.list_documents()}
