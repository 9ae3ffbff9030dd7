"""Ingest: documents -> chunks -> vectors -> one atomic commit, embedding only what changed."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rag.chunking import Chunker, embedding_text
from rag.config import Settings
from rag.documents import Document
from rag.embedders import Embedder
from rag.errors import BM25SettingsChangedError, RagError
from rag.loaders import Skipped
from rag.sentence_store import FILE as SENTENCES_FILE
from rag.sentence_store import SentenceBatch, SentenceStore
from rag.store import FORMAT_VERSION, IndexedDocument, IndexStore, Snapshot
from rag.text import tokenize

Progress = Callable[[int], None]
log = logging.getLogger(__name__)


def make_chunker(settings: Settings, embedder: Embedder) -> Chunker:
    return Chunker(embedder.count_tokens, settings.chunk_tokens, settings.chunk_overlap,
                   embedder.max_tokens)


def index_identity(settings: Settings, embedder: Embedder, chunker: Chunker) -> dict[str, Any]:
    """What makes two indexes interchangeable; stored in the manifest and checked at load."""
    return {
        "format": FORMAT_VERSION,
        "embedder": embedder.name,
        "dim": embedder.dim,
        "chunker": {**chunker.config, "embed_title": settings.embed_title},
        "bm25": {"tokenizer": "fold-stop-v1", "stemmer": settings.bm25_stemmer,
                 "title": settings.bm25_title},
    }


@dataclass(slots=True)
class IngestReport:
    documents: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    total_documents: int = 0
    total_chunks: int = 0
    dropped_lines: int = 0  # site furniture the loader removed from these documents

    @property
    def chunks_per_second(self) -> float:
        return self.chunks / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        return (
            f"{self.documents} documents ({self.added} new, {self.updated} updated, "
            f"{self.unchanged} unchanged), {self.chunks} chunks embedded, "
            f"{len(self.skipped)} skipped, {self.dropped_lines} furniture lines dropped, "
            f"{self.seconds:.2f} s, "
            f"{self.chunks_per_second:.1f} chunks/s; index now holds "
            f"{self.total_documents} documents, {self.total_chunks} chunks"
        )


class IngestCancelled(RagError):
    """Raised between embedding batches when the caller cancelled: nothing is committed."""


@dataclass(slots=True)
class PreparedIngest:
    """Embedded documents waiting for `Ingestor.commit`; holds no lock."""

    docs: list[Document]
    skipped: list[Skipped]
    embedded: list[IndexedDocument]
    rebuild: bool
    started: float
    sentences: SentenceBatch | None = None  # embedded before the commit (`sentence_index`)

    @property
    def chunks(self) -> int:
        return sum(len(p.chunks) for p in self.embedded)


class Ingestor:
    def __init__(self, settings: Settings, embedder: Embedder, store: IndexStore) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.chunker = make_chunker(settings, embedder)
        self.identity = index_identity(settings, embedder, self.chunker)

    def terms(self, title: str, text: str) -> list[str]:
        """A chunk's BM25 terms, with its document's title when `bm25_title` is on."""
        return tokenize(f"{title}\n{text}" if self.settings.bm25_title else text,
                        self.settings.bm25_stemmer)

    def load(self) -> Snapshot:
        """The committed snapshot; an index whose only difference is the BM25 settings gets
        its terms rebuilt from the stored text (seconds, nothing re-embedded)."""
        try:
            return self.store.load(self.identity)
        except BM25SettingsChangedError:
            with self.store.write_lock():
                return self._check_or_migrate() or self.store.load(self.identity)

    def _check_or_migrate(self) -> Snapshot | None:
        try:
            self.store.check_compatible(self.identity)
            return None
        except BM25SettingsChangedError:
            log.warning("BM25 settings changed: rebuilding the BM25 terms of %s",
                        self.store.root)
            return self.store.retokenize(self.identity, self.terms)

    def plan(self, docs: Sequence[Document], rebuild: bool = False) -> tuple[list[Document], int]:
        """Documents whose content changed (or all, on rebuild), and how many are unchanged."""
        if rebuild:
            return list(docs), 0
        known = self.store.doc_hashes()
        todo = [d for d in docs if known.get(d.id) != d.content_hash]
        return todo, len(docs) - len(todo)

    def run(
        self,
        docs: Sequence[Document],
        skipped: Sequence[Skipped] = (),
        rebuild: bool = False,
        on_chunks: Callable[[int], None] | None = None,
        progress: Progress | None = None,
    ) -> tuple[IngestReport, Snapshot | None]:
        return self.commit(self.prepare(docs, skipped, rebuild, on_chunks, progress))

    def prepare(
        self,
        docs: Sequence[Document],
        skipped: Sequence[Skipped] = (),
        rebuild: bool = False,
        on_chunks: Callable[[int], None] | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> PreparedIngest:
        """Chunk and embed what changed, without the write lock: the slow half of an ingest
        must not block deletes and other ingests. `commit` re-checks the plan under the lock."""
        t0 = time.perf_counter()
        if not rebuild:  # fail before minutes of embedding; commit rebuilds changed BM25 terms
            with contextlib.suppress(BM25SettingsChangedError):
                self.store.check_compatible(self.identity)
        todo, _ = self.plan(docs, rebuild)
        embedded = self._prepare(todo, on_chunks, progress, cancelled)
        sentences = None
        if self.settings.sentence_index and embedded:
            store = self.sentence_store()
            try:
                sentences = store.embed(
                    [(p.document.id, [(c.ordinal, c.text, c.start) for c in p.chunks])
                     for p in embedded], self.embedder, self.settings.embed_batch_size,
                    cancelled)
            finally:
                store.close()
        return PreparedIngest(list(docs), list(skipped), embedded, rebuild, t0, sentences)

    def sentence_store(self) -> SentenceStore:
        """sentences.sqlite of this index (created on first use)."""
        self.store.root.mkdir(parents=True, exist_ok=True)
        return SentenceStore(self.store.root, self.embedder.name)

    def commit(self, prepared: PreparedIngest) -> tuple[IngestReport, Snapshot | None]:
        """Write a prepared ingest under the write lock. The plan is made again from the hashes
        stored now: a document another writer stored meanwhile with the same content is
        unchanged, one changed or deleted meanwhile is embedded now (last writer wins), and
        added/updated follow what is stored at commit time."""
        report = IngestReport(documents=len(prepared.docs), skipped=list(prepared.skipped),
                              dropped_lines=sum(d.dropped_lines for d in prepared.docs))
        rebuild = prepared.rebuild
        with self.store.write_lock():
            if not rebuild:
                self._check_or_migrate()
            known = self.store.doc_hashes()
            todo, report.unchanged = self.plan(prepared.docs, rebuild)
            wanted = {d.id for d in todo}
            upserts = [p for p in prepared.embedded if p.document.id in wanted]
            have = {p.document.id for p in upserts}
            # unchanged when embedding, changed or deleted by another writer since: embed now
            upserts += self._prepare([d for d in todo if d.id not in have], None, None)
            report.added = sum(1 for d in todo if d.id not in known)
            report.updated = len(todo) - report.added
            report.chunks = sum(len(p.chunks) for p in upserts)
            snapshot = None
            if upserts or rebuild:
                snapshot = self.store.commit(self.identity, upserts=upserts, rebuild=rebuild)
                if self.settings.sentence_index:
                    self._sync_sentences(snapshot, [u.document.id for u in upserts],
                                         prepared.sentences, rebuild)
            elif self.store.exists():
                snapshot = self.store.load(self.identity)
                if self.settings.sentence_index:  # an index built with the setting off
                    self._sync_sentences(snapshot, [], None, False, snapshot.generation)
        if snapshot is not None:
            report.total_documents = snapshot.manifest["counts"]["documents"]
            report.total_chunks = snapshot.manifest["counts"]["chunks"]
        report.seconds = time.perf_counter() - prepared.started
        return report, snapshot

    def _sync_sentences(self, snapshot: Snapshot, changed: list[str],
                        batch: SentenceBatch | None, rebuild: bool,
                        previous: int | None = None) -> None:
        """sentences.sqlite follows the commit just made (under the write lock). A failure
        here leaves the store's commit standing: the next ingest reconciles the file."""
        gen = snapshot.generation
        sentences = self.sentence_store()
        try:
            before = None if rebuild else gen - 1 if previous is None else previous
            sentences.sync(self.store.db_path, gen, before, changed, batch, self.embedder,
                           self.settings.embed_batch_size)
        except (sqlite3.Error, OSError, RagError) as exc:  # the documents are committed

            log.warning("sentences.sqlite not updated (%s): the next ingest repairs it", exc)
        finally:
            sentences.close()

    def _prepare(
        self,
        docs: Sequence[Document],
        on_chunks: Callable[[int], None] | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[IndexedDocument]:
        chunked = [(d, self.chunker.split(d, cancelled)) for d in docs]
        texts = [embedding_text(c, self.settings.embed_title) for _, cs in chunked for c in cs]
        if on_chunks is not None:
            on_chunks(len(texts))
        vectors = np.empty((len(texts), self.embedder.dim), dtype=np.float32)
        step = self.settings.embed_batch_size
        for i in range(0, len(texts), step):
            if cancelled is not None and cancelled():
                raise IngestCancelled("the ingest was cancelled; nothing was written")
            batch = texts[i : i + step]
            vectors[i : i + len(batch)] = self.embedder.embed_passages(batch)
            if progress is not None:
                progress(len(batch))
        out: list[IndexedDocument] = []
        pos = 0
        for doc, chunks in chunked:
            n = len(chunks)
            tokens = [self.terms(c.title, c.text) for c in chunks]
            out.append(IndexedDocument(doc, chunks, tokens, vectors[pos : pos + n]))
            pos += n
        return out



def delete_documents(
    store: IndexStore, doc_ids: Sequence[str]
) -> tuple[list[str], list[str], Snapshot | None]:
    """Remove documents, no embedder needed; returns (deleted, unknown ids, new snapshot)."""
    with store.write_lock():
        known = store.doc_hashes()
        found = [d for d in dict.fromkeys(doc_ids) if d in known]
        missing = [d for d in dict.fromkeys(doc_ids) if d not in known]
        if not found:
            return [], missing, None
        snap = store.commit(store.stored_identity(), deletes=found)
        if (store.root / SENTENCES_FILE).exists():
            sentences = SentenceStore(store.root, str(snap.manifest.get("embedder", "")))
            try:
                sentences.sync(store.db_path, snap.generation, snap.generation - 1, found,
                               None, None, 1)
            except sqlite3.Error as exc:
                log.warning("sentences.sqlite not updated (%s): the next ingest repairs it", exc)
            finally:
                sentences.close()
    return found, missing, snap
