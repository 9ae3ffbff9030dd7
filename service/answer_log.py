"""Every answer the service gives, logged by id (rag.feedback, `feedback.sqlite` beside the index)
so a vote on it (POST /feedback) copies the question, answer, passages and settings it rates.
Logging never fails an answer: an error there is logged and the answer goes out."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from rag import Answer, Engine
from rag.feedback import FeedbackStore
from service.metrics import Metrics
from service.settings import ServiceSettings

log = logging.getLogger("rag.service")


def shown_model(name: str) -> str:
    """A model's name as /health shows it (`local:<file>`, `st:<last two parts>`), and an
    `openai:` model id that is a server path (vLLM serves a directory by its path) cut the
    same way: `openai:/srv/models/qwen` is `openai:models/qwen`; `openai:org/model` stays."""
    kind, sep, rest = name.partition(":")
    if not sep or "/" not in rest:
        return name
    parts = [part for part in PurePosixPath(rest).parts if part != "/"]
    return f"{kind}:{'/'.join(parts[-2:])}"


class AnswerLog:
    """The app's answer log; `remember` is what every answering route calls. Models are
    recorded by the names /health shows (`local:<file>`, `st:<last two parts>`), never by
    their configured paths: GET /feedback returns them (thirteenth review, F7)."""

    def __init__(self, settings: ServiceSettings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self.store: FeedbackStore | None = None
        try:
            # an answer stays RAG_ANSWER_LOG_MIN_AGE whatever others ask (review 15b, N2)
            self.store = FeedbackStore.beside(settings.index_dir,
                                              min_age=settings.answer_log_min_age)
        except Exception as exc:  # read-only volume: answers still go out, votes get 503
            log.error("feedback log unavailable at %s: %s", settings.index_dir, exc)

    def remember(self, answer: Answer, question: str, route: str, client: str = "",
                 on_evicted: Callable[[int], None] | None = None, **extra: Any) -> None:
        """Log `answer` as given to `client` (service/security.py `client_identity`); past
        the log's size the oldest answers of the client holding the most go, and
        `on_evicted` hears how many."""
        if self.store is None:
            return
        s = self.settings
        knobs = {"route": route, "backend": answer.backend, "llm_model": self._llm_name(),
                 "retriever": s.retriever, "answer_k": s.answer_k,
                 # what the writer was given: the request's k, or answer_k and dense's
                 # first chunk when the fusion ranked it past them (pipeline.with_dense_best)
                 "passages": len(answer.passages),
                 "embedder": shown_model(self.engine.embedder.name),
                 "chunk_tokens": s.chunk_tokens, "chunk_overlap": s.chunk_overlap,
                 "abstained": answer.abstained, "fallback": answer.fallback, **extra}
        try:
            self.store.record_answer(answer.answer_id, question, answer.query, answer.answer,
                                     [c.to_dict() for c in answer.citations], answer.backend,
                                     {k: v for k, v in knobs.items() if v is not None},
                                     client=client, on_evicted=on_evicted)
        except Exception as exc:  # disk full, locked: the answer matters more than its log
            log.error("could not log answer %s: %s", answer.answer_id, exc)

    def _llm_name(self) -> str | None:
        """The answering model's name (None: the extractive writer, no model). An answer was
        just given, so the model is loaded already."""
        llm = self.engine.answerer.llm
        return shown_model(llm.name) if llm is not None else None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


class Recorder:
    """What every answering route does with a finished answer: log it by id (as given to
    `client`, who the rate limit counts) and time its retrieval and generation."""

    def __init__(self, answers: AnswerLog, metrics: Metrics, client: str = "") -> None:
        self.answers = answers
        self.metrics = metrics
        self.client = client

    def for_client(self, client: str) -> Recorder:
        """This recorder for one request's client (service/deps.py `get_recorder`)."""
        return Recorder(self.answers, self.metrics, client)

    def __call__(self, answer: Answer, question: str, route: str) -> None:
        self.answers.remember(answer, question, route, client=self.client,
                              on_evicted=self.metrics.answers_evicted.inc)
        t = answer.timings_ms
        self.metrics.retrieval.observe(t.get("retrieval", 0.0) / 1000)
        self.metrics.generation.observe(t.get("generation", 0.0) / 1000)
