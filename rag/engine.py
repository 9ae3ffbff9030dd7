"""The library's one way in: an `Engine` opens an index and answers, searches and writes.

    engine = Engine.open(Settings(index_dir=Path("my-index")))
    engine.ingest([Path("docs/")])
    engine.ask("Combien de soldats ?")

It owns the loaded embedder, index snapshot and answer backend for a long-running process;
readers always use the current snapshot, and an ingest or delete swaps in a new one only after
it is committed, so queries never see a half-written index. Whether a missing index is built
from the corpus is decided here (`builds_missing_index`) for the CLI, the service and the
benchmarks alike.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from rag.answering.pipeline import Answer, Answerer, Event, GenerationGate
from rag.config import Settings
from rag.documents import Document
from rag.embedders import Embedder, make_embedder
from rag.errors import DerivedWriteError, RagError
from rag.ingest import Ingestor, IngestReport, PreparedIngest, Progress, delete_documents
from rag.llm import LLM, make_llm
from rag.llm.base import CancelToken, Message
from rag.loaders import LoadResult, Skipped, TextBudget, load_paths
from rag.retrieval import Hit, Searcher
from rag.store import DocumentInfo, IndexStore, Snapshot

log = logging.getLogger(__name__)

Source = str | Path | Document  # a file, a folder, an http(s) URL or a document in memory


class Engine:
    """Search, answers and writes over one index (`Engine.open`); the CLI, the service and
    the benchmarks all go through it."""

    # Defaults for subclasses that set up their own index (rag.cluster.engine.ClusterEngine).
    _llm_arg: LLM | None = None
    _llm: LLM | None = None
    _llm_ready = False
    _answerer: Answerer | None = None
    _lazy = threading.Lock()
    built: IngestReport | None = None  # the report of the build `open` ran, if any

    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 llm: LLM | None = None, auto_build: bool | None = None, *,
                 require_index: bool = False, load_llm: bool = True,
                 on_build: Callable[[Path], None] | None = None,
                 on_chunks: Callable[[int], None] | None = None,
                 progress: Progress | None = None) -> None:
        """Prefer `Engine.open`. `auto_build` is its `build`; `load_llm=False` defers loading
        the answer backend to the first answer (a search never needs it)."""
        self.settings = settings
        self.embedder = embedder or make_embedder(settings)
        self.store = IndexStore.open(settings)
        self.ingestor = Ingestor(settings, self.embedder, self.store)
        self._write_lock = threading.Lock()
        self._lazy = threading.Lock()
        self._llm_arg = llm
        # answers and searches in progress, shared by the answerer and the /search route
        self.work_gate = GenerationGate(settings.answer_concurrency, 0)
        self.started_at = time.time()
        self._searcher: Searcher | None = None
        if not self.store.exists():
            self._build_missing(auto_build, require_index, on_build, on_chunks, progress)
        if self._searcher is None and self.store.exists():
            self._searcher = Searcher(self.ingestor.load(), self.embedder, settings)
        if load_llm:
            self.answerer  # noqa: B018 - a server loads its model at startup, not mid-request
        self._seen_manifest: tuple[float, int] | None = self._manifest_stamp()
        self._checked_at = time.monotonic()

    @classmethod
    def open(cls, settings: Settings | None = None, *, embedder: Embedder | None = None,
             llm: LLM | None = None, build: bool | None = None, require_index: bool = False,
             on_build: Callable[[Path], None] | None = None,
             on_chunks: Callable[[int], None] | None = None,
             progress: Progress | None = None) -> Engine:
        """Open the index at `settings.index_dir` (default: `Settings()`, the `RAG_`
        environment). A missing index is built from `settings.corpus_dir` as
        `builds_missing_index` decides (`build`: True or False to say so, None for the
        default rule); `on_build(corpus)` announces it, `on_chunks`/`progress` follow its
        embedding. With `require_index`, an index that is still missing is a RagError;
        otherwise the engine opens empty and `ingest` fills it. The answer backend (`llm`,
        else RAG_LLM) loads at the first `ask` or `stream`."""
        return cls(settings or Settings(), embedder, llm, build, require_index=require_index,
                   load_llm=False, on_build=on_build, on_chunks=on_chunks, progress=progress)

    def _build_missing(self, build: bool | None, require_index: bool,
                       on_build: Callable[[Path], None] | None,
                       on_chunks: Callable[[int], None] | None,
                       progress: Progress | None) -> None:
        settings = self.settings
        if not builds_missing_index(settings, build):
            if require_index:
                raise RagError(f"no index at {settings.index_dir}: run `rag ingest PATH` first")
            return
        if not settings.corpus_dir.is_dir():
            if require_index:
                raise RagError(f"no index at {settings.index_dir} and no corpus at "
                               f"{settings.corpus_dir}: run `rag ingest PATH` first")
            return
        if on_build is not None:
            on_build(settings.corpus_dir)
        else:
            log.warning("no index at %s: building it from %s", settings.index_dir,
                        settings.corpus_dir)
        self.built = self.ingest([settings.corpus_dir], on_chunks=on_chunks, progress=progress,
                                 strict=require_index)

    # ---- the answer backend -----------------------------------------------------------------

    @property
    def llm(self) -> LLM | None:
        """The generative backend (None: the extractive writer), loaded once."""
        if not self._llm_ready:
            with self._lazy:
                if not self._llm_ready:
                    self._llm = (self._llm_arg if self._llm_arg is not None
                                 else make_llm(self.settings))
                    self._llm_ready = True
        return self._llm

    @llm.setter
    def llm(self, value: LLM | None) -> None:
        self._llm, self._llm_ready = value, True

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            llm = self.llm
            with self._lazy:
                if self._answerer is None:
                    self._answerer = Answerer(self.searcher, self.settings, llm,
                                              work_gate=self.work_gate)
        return self._answerer

    @answerer.setter
    def answerer(self, value: Answerer) -> None:
        self._answerer = value

    # ---- reading ----------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        s = self._searcher
        if s is None:
            raise RagError("the index is empty: add documents first (POST /documents or "
                           "`rag ingest PATH`)")
        return s

    def search(self, query: str, k: int | None = None, retriever: str | None = None,
               filters: object = None) -> list[Hit]:
        """The k best passages (`retriever`: hybrid, dense or bm25; `filters`: the JSON filter
        of the HTTP API, e.g. {"doc_id": "a"} or {"date": {"gte": "2022-01-06"}})."""
        return self.searcher().search(query, k, retriever, filters)

    def ask(self, question: str, k: int | None = None, retriever: str | None = None,
            history: Sequence[Message] = (), *, lang: str | None = None,
            instructions: str = "", filters: object = None) -> Answer:
        """A cited answer, or a refusal when the sources do not hold one (`abstained`)."""
        return self.answerer.answer(question, k, retriever, history, lang=lang,
                                    instructions=instructions, filters=filters)

    def stream(self, question: str, k: int | None = None, retriever: str | None = None,
               history: Sequence[Message] = (), cancel: CancelToken | None = None, *,
               lang: str | None = None, instructions: str = "", filters: object = None
               ) -> Generator[Event, None, None]:
        """The answer as events: `citations`, `token`..., then `done` with the `Answer`.
        Close the generator when abandoning it (that frees its generation slot)."""
        return self.answerer.stream(question, k, retriever, history, cancel, lang=lang,
                                    instructions=instructions, filters=filters)

    @property
    def snapshot(self) -> Snapshot | None:
        return self._searcher.snapshot if self._searcher else None

    def documents(self) -> list[DocumentInfo]:
        return self.store.list_documents()

    def document_page(self, limit: int, offset: int = 0) -> tuple[list[DocumentInfo], int]:
        """`limit` documents from `offset` in `documents()`' order (by id), and how many there
        are in all (`GET /documents`)."""
        return self.store.document_page(limit, offset)

    def problems(self) -> list[str]:
        """What is wrong with the served index now: damaged rows found by queries, files of
        the served generation that could not be written."""
        found = [f"chunk row {cid} {what}" for cid, what in sorted(self.store.damaged().items())]
        snap = self.snapshot
        if snap is not None and snap.unsaved:
            found.append(f"index files not saved ({snap.unsaved}); served from memory")
        return found

    def health(self) -> dict[str, Any]:
        """`status` is "degraded" when `problems()` is not empty (still served: queries that
        do not touch the damage are answered); no filesystem path, /health is public."""
        snap = self.snapshot
        counts = snap.manifest["counts"] if snap else {"documents": 0, "chunks": 0}
        problems = self.problems()
        return {
            "status": "degraded" if problems else "ok",
            **({"problems": problems[:20]} if problems else {}),
            "index_loaded": snap is not None,
            "generation": snap.generation if snap else 0,
            "documents": counts["documents"],
            "chunks": counts["chunks"],
            "embedder": self.embedder.name,
            "backend": self.answerer.backend,
            "uptime_s": round(time.time() - self.started_at, 1),
        }

    # ---- other writers ----------------------------------------------------------------------

    REFRESH_EVERY_S = 1.0

    def _manifest_stamp(self) -> tuple[float, int] | None:
        try:
            st = self.store.manifest_path.stat()
        except OSError:
            return None
        return st.st_mtime, st.st_size

    def store_changed(self) -> bool:
        """Cheap, for every request: at most one stat of the manifest a second."""
        now = time.monotonic()
        if now - self._checked_at < self.REFRESH_EVERY_S:
            return False
        self._checked_at = now
        stamp = self._manifest_stamp()
        return stamp is not None and stamp != self._seen_manifest

    def refresh_if_stale(self) -> bool:
        """Serve a generation another process (`rag ingest`, `rag delete`) committed."""
        return self.store_changed() and self.reload_if_newer()

    def reload_if_newer(self) -> bool:
        """Swap in the committed generation when it is newer than the one served (a reload
        of its files, no re-embedding). True when it did. Never waits for a write of this
        engine: while one holds the lock this returns False at once and the stamp stays
        unseen, so the next `store_changed` tries again; the write itself serves what it
        commits, which holds what other processes committed before it."""
        stamp = self._manifest_stamp()
        if not self._write_lock.acquire(blocking=False):
            return False
        try:
            self._seen_manifest = stamp
            served = self.snapshot.generation if self.snapshot is not None else 0
            try:
                if self.store.db_generation() <= served:
                    return False  # our own commit, or a write still in progress
                snapshot = self.ingestor.load()
            except (RagError, OSError, sqlite3.Error) as exc:  # keep serving what we have
                log.warning("index changed on disk but could not be loaded: %s", exc)
                return False
            log.info("index generation %d committed by another process: serving it (was %d)",
                     snapshot.generation, served)
            self._searcher = Searcher(snapshot, self.embedder, self.settings)
            self._seen_manifest = self._manifest_stamp()
        finally:
            self._write_lock.release()
        return True

    # ---- writing ----------------------------------------------------------------------------

    def _swap(self, snapshot: Snapshot | None) -> None:
        if snapshot is not None:
            self._searcher = Searcher(snapshot, self.embedder, self.settings)

    def ingest_documents(self, docs: Sequence[Document], skipped: Sequence[Skipped] = ()
                         ) -> IngestReport:
        return self.commit_ingest(self.prepare_ingest(docs, skipped))

    def prepare_ingest(self, docs: Sequence[Document], skipped: Sequence[Skipped] = (),
                       on_chunks: Callable[[int], None] | None = None,
                       progress: Callable[[int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> PreparedIngest:
        """The embedding half, outside the write lock: deletes and other commits go on."""
        return self.ingestor.prepare(docs, skipped, on_chunks=on_chunks, progress=progress,
                                     cancelled=cancelled)

    def commit_ingest(self, prepared: PreparedIngest) -> IngestReport:
        """Write what `prepare_ingest` embedded. The engine's write lock is held only for the
        write: documents changed or deleted by another writer since the prepare are embedded
        first, without it, with the prepare's cancel token and progress (`Ingestor.commit`)."""
        report, _ = self.ingestor.commit(prepared, guard=self._writing, publish=self._swap)
        return report

    def ingest(self, sources: Sequence[Source], *, rebuild: bool = False,
               on_chunks: Callable[[int], None] | None = None,
               progress: Progress | None = None, strict: bool = True) -> IngestReport:
        """Add or update documents: files, folders, http(s) URLs or `Document`s. Unchanged
        ones are skipped; `rebuild` replaces the whole index with these. A source that cannot
        be read is listed in the report's `skipped`; none loadable at all is a RagError
        (unless not `strict`)."""
        t0 = time.perf_counter()
        loaded = load_sources_into(self.settings, getattr(self, "store", None), sources,
                                   strict)
        prepared = (self.ingestor.prepare(loaded.documents, loaded.skipped, rebuild=True,
                                          on_chunks=on_chunks, progress=progress) if rebuild
                    else self.prepare_ingest(loaded.documents, loaded.skipped,
                                             on_chunks=on_chunks, progress=progress))
        report = self.commit_ingest(prepared)
        report.seconds = time.perf_counter() - t0
        return report

    def ingest_paths(self, paths: Sequence[Path]) -> IngestReport:
        loaded = load_paths(paths, budget=TextBudget(self.settings.max_document_chars))
        return self.ingest_documents(loaded.documents, loaded.skipped)

    def delete(self, doc_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        with self._write_lock, self._swap_committed():
            deleted, missing, snapshot = delete_documents(self.store, doc_ids)
            self._swap(snapshot)
        return deleted, missing

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """The engine's write lock, serving a commit whose index files failed to save."""
        with self._write_lock, self._swap_committed():
            yield

    @contextlib.contextmanager
    def _swap_committed(self) -> Iterator[None]:
        """A commit whose index files could not be written is still committed: serve it (from
        memory) so searches follow what is stored, then let the error say so."""
        try:
            yield
        except DerivedWriteError as exc:
            self._swap(exc.snapshot)  # type: ignore[arg-type]
            raise


def is_default_index(settings: Settings) -> bool:
    default: Path = Settings.model_fields["index_dir"].default
    return settings.index_dir.resolve() == default.resolve()


def builds_missing_index(settings: Settings, build: bool | None = None) -> bool:
    """The one rule for a missing index: built from `corpus_dir` when asked (`build` True:
    `rag serve --build`, a corpus named with RAG_CORPUS_DIR on the command line), never when
    refused (False), and by default only at the default index location, never at a path that
    may be a typo or an unmounted volume."""
    return is_default_index(settings) if build is None else build


def load_sources_into(settings: Settings, store: IndexStore | None, sources: Sequence[Source],
                      strict: bool = True) -> LoadResult:
    """Documents from files, folders, URLs (fetched under the settings' policy; a page the
    index holds is asked for with its ETag) and in-memory `Document`s. With `strict`, nothing
    loadable at all is a RagError naming the first reasons."""
    from rag.fetch import FetchPolicy, load_sources

    given = [s for s in sources if isinstance(s, Document)]
    paths = [s for s in sources if not isinstance(s, Document)]
    loaded = LoadResult()
    if paths:
        loaded = load_sources(paths, FetchPolicy.from_settings(settings),
                              lambda i: store.get_document(i)
                              if store is not None and store.exists() else None,
                              budget=TextBudget(settings.max_document_chars))
    loaded.documents = [*given, *loaded.documents]
    if strict and not loaded.documents:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in loaded.skipped[:3])
        more = f" (+{len(loaded.skipped) - 3} more)" if len(loaded.skipped) > 3 else ""
        raise RagError(f"no document could be loaded from the given paths: {reasons}{more}")
    return loaded


def reindex(settings: Settings, *, embedder: Embedder | None = None,
            on_chunks: Callable[[int], None] | None = None,
            progress: Progress | None = None) -> IngestReport:
    """Chunk and embed again every document the index stores, under the current settings (`rag
    reindex`): what a new chunker, chunk size or embedder asks, without the files or pages the
    documents came from (a folder moved, a URL gone, documents added by the API). Like a
    rebuild, it never reads the index it replaces: only the stored texts."""
    store = IndexStore.open(settings)
    if not store.exists():
        raise RagError(f"no index at {settings.index_dir}: nothing to re-index")
    documents = [doc for info in store.list_documents()
                 if (doc := store.get_document(info.doc_id)) is not None]
    if not documents:
        raise RagError(f"the index at {settings.index_dir} holds no document to re-index")
    return ingest_sources(settings, documents, embedder=embedder, rebuild=True,
                          on_chunks=on_chunks, progress=progress)


def ingest_sources(settings: Settings, sources: Sequence[Source], *,
                   embedder: Embedder | None = None, rebuild: bool = False,
                   on_chunks: Callable[[int], None] | None = None,
                   progress: Progress | None = None) -> IngestReport:
    """`Engine.ingest` without opening the index for queries first (`rag ingest`): a
    `rebuild` after a settings change must not have to read the index it replaces."""
    t0 = time.perf_counter()
    embedder = embedder or make_embedder(settings)
    store = IndexStore.open(settings)  # http(s) URLs: what it holds decides what is unchanged
    loaded = load_sources_into(settings, store, sources)
    report, _ = Ingestor(settings, embedder, store).run(
        loaded.documents, loaded.skipped, rebuild=rebuild, on_chunks=on_chunks,
        progress=progress)
    report.seconds = time.perf_counter() - t0
    return report
