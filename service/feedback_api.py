"""`POST /feedback` and `GET /feedback`: thumbs on answers, kept so thumbs-down become evals.

Every answer the service gives is logged by id (rag.feedback, `feedback.sqlite` beside the
index); a vote copies the question, answer, passages and settings it rates. Logging never fails
an answer: an error there is logged and the answer goes out.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from rag.answering.pipeline import Answer
from rag.config import Settings
from rag.feedback import MAX_TEXT, FeedbackStore, InvalidFeedback, UnknownAnswer
from service.metrics import Metrics

log = logging.getLogger("rag.service")


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: str = Field(min_length=1, max_length=64, pattern=r"^[0-9a-f]+$",
                           description="`answer_id` of an /ask, /ask/stream or chat answer")
    rating: Literal["up", "down"]
    comment: str = Field(default="", max_length=MAX_TEXT)
    expected: str = Field(default="", max_length=MAX_TEXT,
                          description="the answer the user expected (becomes the gold answer)")


class FeedbackCreated(BaseModel):
    feedback_id: str


class AnswerLog:
    """The app's answer log; `remember` is what every answering route calls."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: FeedbackStore | None = None
        try:
            self.store = FeedbackStore.beside(settings.index_dir)
        except Exception as exc:  # read-only volume: answers still go out, votes get 503
            log.error("feedback log unavailable at %s: %s", settings.index_dir, exc)

    def remember(self, answer: Answer, question: str, route: str, **extra: Any) -> None:
        if self.store is None:
            return
        s = self.settings
        knobs = {"route": route, "backend": answer.backend, "llm_model": s.llm_model,
                 "retriever": s.retriever, "answer_k": s.answer_k, "embedder": s.embedder,
                 "chunk_tokens": s.chunk_tokens, "chunk_overlap": s.chunk_overlap,
                 "abstained": answer.abstained, "fallback": answer.fallback, **extra}
        try:
            self.store.record_answer(answer.answer_id, question, answer.query, answer.answer,
                                     [c.to_dict() for c in answer.citations], answer.backend,
                                     {k: v for k, v in knobs.items() if v is not None})
        except Exception as exc:  # disk full, locked: the answer matters more than its log
            log.error("could not log answer %s: %s", answer.answer_id, exc)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def register(app: FastAPI, require_json: Callable[[Request], Awaitable[None]],
             answers: AnswerLog, metrics: Metrics) -> None:
    from service.app import HTTPError

    def store() -> FeedbackStore:
        if answers.store is None:
            raise HTTPError(503, "the feedback log is unavailable on this server")
        return answers.store

    @app.post("/feedback", tags=["feedback"], status_code=201, response_model=FeedbackCreated,
              dependencies=[Depends(require_json)])
    def post_feedback(body: FeedbackIn) -> JSONResponse:
        """Thumbs up or down on an answer, with an optional comment and expected answer."""
        try:
            fid = store().add_feedback(body.answer_id, body.rating, body.comment,
                                       body.expected)
        except UnknownAnswer:
            raise HTTPError(404, f"no answer {body.answer_id!r} (unknown, or logged too long "
                            "ago)") from None
        except InvalidFeedback as exc:
            raise HTTPError(422, str(exc)) from None
        metrics.feedback.labels(body.rating).inc()
        return JSONResponse({"feedback_id": fid}, status_code=201)

    @app.get("/feedback", tags=["feedback"])
    def list_feedback(
        rating: Annotated[Literal["up", "down"] | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, Any]:
        """Latest votes, newest first, with the rated question, answer and passages (an admin
        key is needed when admin keys are set: these are other people's questions)."""
        return {"feedback": [f.to_dict() for f in store().list_feedback(rating, limit)]}
