"""Review 8: a commit never embeds under the write lock.

A document unchanged when an ingest was prepared but deleted (or changed) by another writer
before its commit must be embedded again. It used to be embedded inside `Ingestor.commit`,
under the store's lock and the engine's, with no cancel token and no progress: deletes, reloads
and so every request of a server waited for it. Now it is embedded outside both locks, with the
ingest's cancel token and progress, and the commit plans again (at most `COMMIT_ATTEMPTS`
times). These tests run the real e5 model on real index files; the embedder below only wraps
it to look, at each call, at whether a writer holds the locks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.base import Vectors
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.errors import RagError
from rag.ingest import COMMIT_ATTEMPTS, IngestCancelled, IngestConflict, delete_documents
from rag.store import IndexStore
from tests.conftest import small_docs

BIG = Document("big", " ".join(
    f"Le relevé {j} de la station de Tromsø indique {j * 7 + 3} millimètres de neige "
    "tombés pendant la nuit polaire." for j in range(40)), "Relevés de Tromsø")
NEW = Document("lac", "Le lac Léman borde Genève et Lausanne.", "Le lac Léman")


class Watching:
    """The real e5 embedder, calling `hook()` before each batch of passages it embeds."""

    def __init__(self, inner: E5Embedder) -> None:
        self.inner = inner
        self.hook: Callable[[], None] | None = None

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def embed_query(self, text: str) -> Vectors:
        return self.inner.embed_query(text)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        if self.hook is not None:
            self.hook()
        return self.inner.embed_passages(texts)


def _engine(root: Path, embedder: E5Embedder, **kw: object) -> tuple[Engine, Watching]:
    watch = Watching(embedder)
    engine = Engine.open(Settings(index_dir=root, **kw),  # type: ignore[arg-type]
                         embedder=watch, build=False)
    report = engine.ingest_documents([*small_docs(), BIG])
    assert report.added == 5
    return engine, watch


def _store_locked(store: IndexStore) -> bool:
    """Whether some writer holds the store's lock now (it is never waited for)."""
    try:
        with store.write_lock():
            return False
    except RagError:
        return True


def _returns_within(seconds: float, call: Callable[[], object]) -> float | None:
    """How long `call()` took in another thread, None when it was still waiting after
    `seconds` (the thread then finishes on its own)."""
    t0 = time.perf_counter()
    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(seconds)
    return None if worker.is_alive() else time.perf_counter() - t0


def test_commit_embeds_a_document_deleted_meanwhile_outside_the_write_lock(
        tmp_path: Path, embedder: E5Embedder) -> None:
    """Its chunks and its sentences (sentence_index) are embedded before the lock is taken."""
    engine, watch = _engine(tmp_path, embedder, embed_batch_size=4)
    totals: list[int] = []
    done: list[int] = []
    prepared = engine.prepare_ingest([*small_docs(), BIG, NEW], on_chunks=totals.append,
                                     progress=done.append)
    assert totals == [1] and sum(done) == 1  # only the new document was embedded
    assert engine.delete(["big"]) == (["big"], [])  # another writer, after the prepare

    seen: list[tuple[bool, float | None, float | None]] = []

    def look() -> None:  # each batch of big embedded again: may others write meanwhile?
        if seen:
            seen.append((_store_locked(engine.store), 0.0, 0.0))
            return
        seen.append((_store_locked(engine.store),
                     _returns_within(2.0, lambda: engine.delete(["no-such-doc"])),
                     _returns_within(2.0, engine.reload_if_newer)))

    watch.hook = look
    report = engine.commit_ingest(prepared)
    watch.hook = None

    assert len(seen) >= 2  # big was embedded again, in several batches
    assert not any(locked for locked, _, _ in seen), seen  # never under the store's lock
    _, deleting, reloading = seen[0]
    assert deleting is not None and deleting < 1.0, seen  # a delete did not wait for it
    assert reloading is not None and reloading < 1.0, seen  # nor did a reload
    big_chunks = totals[-1] - 1
    assert big_chunks >= 5 and totals == [1, 1 + big_chunks]  # the total grew
    assert sum(done) == totals[-1]  # and progress followed every batch
    assert (report.added, report.updated, report.unchanged) == (2, 0, 4)
    assert report.chunks == 1 + big_chunks
    stored = {d.doc_id for d in engine.documents()}
    assert stored == {d.id for d in small_docs()} | {"big", "lac"}
    snap = engine.snapshot
    assert snap is not None and snap.generation == engine.store.db_generation()
    assert snap.dense.ntotal == snap.manifest["counts"]["chunks"]
    assert engine.search("neige à Tromsø pendant la nuit polaire", k=1)[0].chunk.doc_id == "big"


def test_a_cancel_while_embedding_again_writes_nothing(tmp_path: Path,
                                                       embedder: E5Embedder) -> None:
    engine, watch = _engine(tmp_path, embedder, embed_batch_size=4, sentence_index=False)
    stop = threading.Event()
    prepared = engine.prepare_ingest([*small_docs(), BIG, NEW], cancelled=stop.is_set)
    engine.delete(["big"])
    generation = engine.store.db_generation()
    calls: list[int] = []

    def cancel_at_first_batch() -> None:
        calls.append(1)
        stop.set()

    watch.hook = cancel_at_first_batch
    with pytest.raises(IngestCancelled, match="nothing was written"):
        engine.commit_ingest(prepared)
    assert calls == [1]  # stopped at the next batch, not after all of big
    assert engine.store.db_generation() == generation
    assert {d.doc_id for d in engine.documents()} == {d.id for d in small_docs()}


def test_documents_that_keep_changing_fail_the_commit_after_bounded_tries(
        tmp_path: Path, embedder: E5Embedder) -> None:
    # 32 a batch, no sentences: one call each time the documents deleted meanwhile are embedded
    engine, watch = _engine(tmp_path, embedder, sentence_index=False)
    prepared = engine.prepare_ingest([*small_docs(), BIG, NEW])
    engine.delete(["big"])
    before = engine.store.db_generation()
    victims = [d.id for d in small_docs()]
    refused: list[str] = []

    def another_writer_deletes_one() -> None:  # while each re-embedding runs
        if victims:
            try:
                delete_documents(engine.store, [victims.pop(0)])
            except RagError as exc:  # the store's lock was held: the old commit
                refused.append(str(exc))

    watch.hook = another_writer_deletes_one
    with pytest.raises(IngestConflict, match=f"{COMMIT_ATTEMPTS} tries"):
        engine.commit_ingest(prepared)
    assert refused == []
    left = {d.doc_id for d in engine.documents()}
    assert left == set(victims) == {d.id for d in small_docs()[COMMIT_ATTEMPTS:]}
    assert "lac" not in left and "big" not in left  # the ingest wrote nothing: the only
    assert engine.store.db_generation() == before + COMMIT_ATTEMPTS  # commits were the deletes
    assert engine.snapshot is not None and engine.snapshot.generation == before


def test_reload_does_not_wait_for_a_writer(tmp_path: Path, embedder: E5Embedder) -> None:
    engine, _ = _engine(tmp_path, embedder, sentence_index=False)
    other = Engine.open(Settings(index_dir=tmp_path, sentence_index=False), embedder=embedder,
                        build=False)
    other.ingest_documents([NEW])  # another process commits a generation
    with engine._write_lock:  # a writer of this engine is mid-write
        took = _returns_within(2.0, lambda: engine.reload_if_newer())
        assert took is not None and took < 1.0
        assert "lac" not in {h.chunk.doc_id for h in engine.search("lac Léman Genève", k=3)}
    assert engine.reload_if_newer()  # the next check loads it
    assert engine.search("lac Léman Genève", k=1)[0].chunk.doc_id == "lac"
