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

# How many times a commit embeds what other writers changed meanwhile (outside the lock) and
# tries again before it gives up (`IngestConflict`).
COMMIT_ATTEMPTS = 3


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


class IngestConflict(RagError):
    """Other writers kept changing or deleting this ingest's documents between its embedding
    and its commit, `COMMIT_ATTEMPTS` times: nothing is committed."""


@dataclass(slots=True)
class PreparedIngest:
    """Embedded documents waiting for `Ingestor.commit`; holds no lock."""

    docs: list[Document]
    skipped: list[Skipped]
    embedded: list[IndexedDocument]
    rebuild: bool
    started: float
    sentences: SentenceBatch | None = None  # embedded before the commit (`sentence_index`)
    # What `prepare` was given, for the documents `Ingestor.catch_up` embeds later: `on_chunks`
    # hears the chunks embedded in all so far (`announced`), `progress` each batch.
    on_chunks: Callable[[int], None] | None = None
    progress: Progress | None = None
    cancelled: Callable[[], bool] | None = None
    announced: int = 0

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
        must not block deletes and other ingests. It ends with a `catch_up` (the documents
        other writers changed or deleted while it embedded, still cancellable); `commit`
        re-checks the plan under the lock."""
        t0 = time.perf_counter()
        if not rebuild:  # fail before minutes of embedding; commit rebuilds changed BM25 terms
            with contextlib.suppress(BM25SettingsChangedError):
                self.store.check_compatible(self.identity)
        todo, _ = self.plan(docs, rebuild)
        embedded = self._prepare(todo, on_chunks, progress, cancelled)
        sentences = self._embed_sentences(embedded, cancelled)
        prepared = PreparedIngest(list(docs), list(skipped), embedded, rebuild, t0, sentences,
                                  on_chunks, progress, cancelled,
                                  sum(len(p.chunks) for p in embedded))
        self.catch_up(prepared)  # what other writers changed while this was embedding
        return prepared

    def _embed_sentences(self, embedded: Sequence[IndexedDocument],
                         cancelled: Callable[[], bool] | None) -> SentenceBatch | None:
        if not self.settings.sentence_index or not embedded:
            return None
        store = self.sentence_store()
        try:
            return store.embed(
                [(p.document.id, [(c.ordinal, c.text, c.start) for c in p.chunks])
                 for p in embedded], self.embedder, self.settings.embed_batch_size, cancelled)
        finally:
            store.close()

    def missing(self, prepared: PreparedIngest) -> list[Document]:
        """The documents the plan made from what is stored now wants embedded and `prepared`
        has not: unchanged when it was prepared, changed or deleted by another writer since.
        (A document it embedded stays good: its vectors are those of its own text.)"""
        todo, _ = self.plan(prepared.docs, prepared.rebuild)
        have = {p.document.id for p in prepared.embedded}
        return [d for d in todo if d.id not in have]

    def catch_up(self, prepared: PreparedIngest) -> int:
        """Embed `missing(prepared)` into it, holding no lock (deletes, reloads and other
        commits go on meanwhile), with the cancel token and progress `prepare` was given: the
        total `on_chunks` hears grows by what is embedded now. The chunks embedded."""
        todo = self.missing(prepared)
        if not todo:
            return 0
        log.info("%d documents changed or deleted since this ingest was prepared: embedding "
                 "them before its commit", len(todo))

        def announce(n: int) -> None:
            prepared.announced += n
            if prepared.on_chunks is not None:
                prepared.on_chunks(prepared.announced)

        extra = self._prepare(todo, announce, prepared.progress, prepared.cancelled)
        batch = self._embed_sentences(extra, prepared.cancelled)
        prepared.embedded = [*prepared.embedded, *extra]
        if batch is not None:
            if prepared.sentences is None:
                prepared.sentences = batch
            else:
                prepared.sentences.chunks.update(batch.chunks)
                prepared.sentences.vectors.update(batch.vectors)
        return sum(len(p.chunks) for p in extra)

    def sentence_store(self) -> SentenceStore:
        """sentences.sqlite of this index (created on first use)."""
        self.store.root.mkdir(parents=True, exist_ok=True)
        return SentenceStore(self.store.root, self.embedder.name)

    def commit(self, prepared: PreparedIngest,
               guard: Callable[[], contextlib.AbstractContextManager[object]] | None = None,
               publish: Callable[[Snapshot | None], None] | None = None,
               ) -> tuple[IngestReport, Snapshot | None]:
        """Write a prepared ingest. Nothing is embedded under the write lock: a document
        unchanged when it was prepared but changed or deleted by another writer since is
        embedded first, without the lock (`catch_up`), then `try_commit` plans again under the
        lock and writes, or finds that more changed meanwhile and the two steps run again, at
        most `COMMIT_ATTEMPTS` times (then IngestConflict, nothing written). `guard`: a lock
        of the caller's taken around each `try_commit` (the engine's), `publish(snapshot)`
        called inside it after the write."""
        for _ in range(COMMIT_ATTEMPTS):
            self.catch_up(prepared)
            with guard() if guard is not None else contextlib.nullcontext():
                done = self.try_commit(prepared)
                if done is not None:
                    if publish is not None:
                        publish(done[1])
                    return done
        raise IngestConflict(
            f"other writers kept changing or deleting documents of this ingest while it was "
            f"embedding them ({COMMIT_ATTEMPTS} tries); nothing was written, send it again")

    def try_commit(self, prepared: PreparedIngest
                   ) -> tuple[IngestReport, Snapshot | None] | None:
        """Write a prepared ingest under the write lock, or None (nothing written, nothing
        embedded) when the plan made again from the hashes stored now wants a document
        `prepared` has not embedded (`catch_up` does that, outside the lock). A document
        another writer stored meanwhile with the same content is unchanged (last writer wins),
        and added/updated follow what is stored at commit time. A cancel seen here still
        writes nothing."""
        report = IngestReport(documents=len(prepared.docs), skipped=list(prepared.skipped),
                              dropped_lines=sum(d.dropped_lines for d in prepared.docs))
        rebuild = prepared.rebuild
        with self.store.write_lock():
            if not rebuild:
                self._check_or_migrate()
            known = self.store.doc_hashes()
            todo, report.unchanged = self.plan(prepared.docs, rebuild)
            have = {p.document.id for p in prepared.embedded}
            if any(d.id not in have for d in todo):
                return None
            if prepared.cancelled is not None and prepared.cancelled():
                raise IngestCancelled("the ingest was cancelled; nothing was written")
            wanted = {d.id for d in todo}
            upserts = [p for p in prepared.embedded if p.document.id in wanted]
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
