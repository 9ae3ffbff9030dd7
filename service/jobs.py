"""Ingest jobs: a large upload is embedded by a worker thread, not by the request that sent it.

The request answers 202 with a job id at once; `GET /jobs/{id}` reports progress and the ingest
report, `DELETE /jobs/{id}` cancels between embedding batches. A job does not depend on its
client: a disconnect neither loses a finished report nor stops the work, and an unpolled job
still ends (its work is bounded by its size). Finished jobs are kept for a while, then dropped.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any, Literal

from rag import IngestCancelled, RagError
from service.redact import hide_paths

log = logging.getLogger("rag.service.jobs")

Status = Literal["queued", "embedding", "committing", "done", "failed", "cancelled"]
FINISHED: frozenset[str] = frozenset({"done", "failed", "cancelled"})


class JobsBusy(RagError):
    """Too many jobs waiting: refuse new ones rather than queue without bound."""


class CannotCancel(RagError):
    """The job is committing or already finished."""


class Job:
    """One ingest's state, updated by the worker and read by the status route."""

    def __init__(self, work: Callable[[Job], dict[str, Any]], documents: int,
                 roots: tuple[str, ...] = (), chars: int = 0) -> None:
        self.id = uuid.uuid4().hex
        self._roots = roots  # hidden from the error a client reads (service/redact.py)
        self.status: Status = "queued"
        self.documents = documents
        self.chars = chars  # the text its work holds until it finishes (max_pending_chars)
        self.total = 0
        self.embedded = 0
        self.result: dict[str, Any] | None = None
        self.error: str | None = None
        self.created = time.time()
        self.finished: float | None = None
        self._work: Callable[[Job], dict[str, Any]] | None = work
        self._cancel = threading.Event()
        self._lock = threading.Lock()

    # ---- called by the work function ------------------------------------------------------

    def set_total(self, chunks: int) -> None:
        self.total = chunks

    def advance(self, chunks: int) -> None:
        self.embedded += chunks

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def enter_commit(self) -> None:
        """Past this point the job cannot be cancelled; a cancel that came first wins."""
        with self._lock:
            if self._cancel.is_set():
                raise IngestCancelled("the ingest was cancelled; nothing was written")
            self.status = "committing"

    # ---- called by the manager ------------------------------------------------------------

    def cancel(self) -> None:
        with self._lock:
            if self.status in FINISHED:
                raise CannotCancel(f"job {self.id} has already finished ({self.status})")
            if self.status == "committing":
                raise CannotCancel(f"job {self.id} is committing its documents; too late to "
                                   "cancel (delete the documents once it is done)")
            self._cancel.set()
            if self.status == "queued":
                self._finish("cancelled")

    def _finish(self, status: Status, result: dict[str, Any] | None = None,
                error: str | None = None) -> None:
        self.status, self.result, self.error = status, result, error
        self.finished = time.time()
        self._work = None  # the documents it held can be freed

    def run(self) -> None:
        with self._lock:
            work = self._work
            if self.status != "queued" or work is None:
                return  # cancelled while queued
            self.status = "embedding"
        try:
            result = work(self)
        except IngestCancelled as exc:
            with self._lock:
                self._finish("cancelled", error=str(exc))
        except RagError as exc:
            error = hide_paths(str(exc), self._roots)
            if error != str(exc):
                log.warning("ingest job %s failed: %s", self.id, exc)
            with self._lock:
                self._finish("failed", error=error)
        except Exception as exc:  # the worker must survive any job
            log.exception("ingest job %s failed", self.id)
            with self._lock:
                self._finish("failed", error=f"internal error: {type(exc).__name__}")
        else:
            with self._lock:
                self._finish("done", result=result)

    def to_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.id,
            "status": self.status,
            "documents": self.documents,
            "progress": {"embedded": self.embedded, "total": self.total},
            "cancel_requested": self._cancel.is_set(),
            "created_at": round(self.created, 3),
            "finished_at": round(self.finished, 3) if self.finished else None,
            "result": self.result,
            "error": self.error,
        }


class JobManager:
    """One worker thread (ingests serialise on the write lock anyway) and a bounded table:
    at most `max_pending` jobs not finished, and the text of the ingests not finished (each
    job holds its documents until it ends, and so does a synchronous ingest: `hold`) at most
    `max_pending_chars` in all (None: no bound)."""

    def __init__(self, max_pending: int = 16, keep_seconds: float = 3600.0,
                 keep_finished: int = 100, roots: tuple[str, ...] = (),
                 max_pending_chars: int | None = None) -> None:
        self.max_pending = max_pending
        self.max_pending_chars = max_pending_chars
        self.roots = roots
        self.keep_seconds = keep_seconds
        self.keep_finished = keep_finished
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._held_sync = 0  # the text of the synchronous ingests under way (`hold`)

    def submit(self, work: Callable[[Job], dict[str, Any]], documents: int, chars: int = 0,
               max_pending_chars: int | None = None) -> Job:
        """Queue `work` (holding `chars` characters of text until it finishes); JobsBusy when
        `max_pending` jobs are not finished, or when this one's text would pass
        `max_pending_chars` (see `_admit`)."""
        with self._lock:
            if self._closed:
                raise JobsBusy("the service is shutting down; retry later")
            self._prune()
            pending = sum(1 for j in self._jobs.values() if j.status not in FINISHED)
            if pending >= self.max_pending:
                raise JobsBusy(f"{pending} ingest jobs are already waiting; retry when one "
                               "finishes")
            self._admit(chars, max_pending_chars)
            job = Job(work, documents, self.roots, chars)
            self._jobs[job.id] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._worker, name="rag-ingest-jobs",
                                                daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    @contextlib.contextmanager
    def hold(self, chars: int, max_pending_chars: int | None = None) -> Iterator[None]:
        """A synchronous ingest (`?async=false`, or under `async_ingest_bytes`) holding `chars`
        characters of text while the block runs, counted with the jobs' (JobsBusy past
        `max_pending_chars`, see `_admit`) and given back when it ends, by an error too.
        Before (seventh review), ten requests waiting at the write gate held their documents
        uncounted beside the jobs'."""
        with self._lock:
            self._admit(chars, max_pending_chars)
            self._held_sync += chars
        try:
            yield
        finally:
            with self._lock:
                self._held_sync -= chars

    def _admit(self, chars: int, max_pending_chars: int | None) -> None:
        """JobsBusy when the text the ingests not finished hold and `chars` more would pass
        `max_pending_chars` (this call's, else the manager's): each keeps its parsed documents
        in memory, and nine 600 KB .docx uploads queued 3 GB of text, which killed the server
        (sixth review, F1); a running job still holds its documents, so it counts until it
        ends (seventh review). An ingest when none holds text is taken whatever its size: its
        request's own limits bound it, and waiting would not help. Called under `_lock`."""
        limit = self.max_pending_chars if max_pending_chars is None else max_pending_chars
        held = self._held_chars()
        if limit is not None and held and held + chars > limit:
            raise JobsBusy(f"the ingests waiting or running already hold {held} characters of "
                           f"text; this one's {chars} would pass {limit} "
                           "(RAG_MAX_PENDING_CHARS); retry when one finishes")

    def _held_chars(self) -> int:
        """The text the ingests not finished hold: the jobs queued or running (a job stops
        counting once it is done, failed or cancelled) and the synchronous ones (`hold`)."""
        return self._held_sync + sum(j.chars for j in self._jobs.values()
                                     if j.status not in FINISHED)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            self._prune()
            return self._jobs.get(job_id)

    def close(self, timeout: float = 5.0) -> None:
        """Cancel what has not been committed and let the worker stop."""
        with self._lock:
            self._closed = True
            jobs = list(self._jobs.values())
            thread = self._thread
        for job in jobs:
            with contextlib.suppress(CannotCancel):  # committing or done: let it be
                job.cancel()
        self._queue.put(None)
        if thread is not None:
            thread.join(timeout)

    def _worker(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            job.run()

    def _prune(self) -> None:
        """Forget finished jobs past `keep_seconds`, and the oldest beyond `keep_finished`."""
        now = time.time()
        finished = sorted((j for j in self._jobs.values() if j.finished is not None),
                          key=lambda j: j.finished or 0.0)
        extra = len(finished) - self.keep_finished
        for i, job in enumerate(finished):
            if i < extra or now - (job.finished or now) > self.keep_seconds:
                del self._jobs[job.id]
