"""`POST /feedback` and `GET /feedback`: thumbs on answers, kept so thumbs-down become evals.

A vote copies what the answer log (service/answer_log.py) holds for its answer id.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from rag.feedback import MAX_TEXT, FeedbackStore, InvalidFeedback, TooManyVotes, UnknownAnswer
from service.deps import JSON_BODY, MetricsDep

router = APIRouter(tags=["feedback"])


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


async def feedback_store(request: Request) -> FeedbackStore:
    """The answer log's store; a 503 when it could not be opened (read-only volume)."""
    store: FeedbackStore | None = request.app.state.answers.store
    if store is None:
        raise HTTPException(503, "the feedback log is unavailable on this server")
    return store


StoreDep = Annotated[FeedbackStore, Depends(feedback_store)]


@router.post("/feedback", status_code=201, response_model=FeedbackCreated,
             dependencies=[JSON_BODY])
def post_feedback(body: FeedbackIn, store: StoreDep, metrics: MetricsDep) -> JSONResponse:
    """Thumbs up or down on an answer, with an optional comment and expected answer; a 409
    past `MAX_VOTES_PER_ANSWER` votes on one answer."""
    try:
        fid = store.add_feedback(body.answer_id, body.rating, body.comment, body.expected)
    except UnknownAnswer:
        raise HTTPException(404, f"no answer {body.answer_id!r} (unknown, or logged too long "
                            "ago)") from None
    except InvalidFeedback as exc:
        raise HTTPException(422, str(exc)) from None
    except TooManyVotes as exc:
        raise HTTPException(409, str(exc)) from None
    metrics.feedback.labels(body.rating).inc()
    return JSONResponse({"feedback_id": fid}, status_code=201)


@router.get("/feedback")
def list_feedback(
    store: StoreDep,
    rating: Annotated[Literal["up", "down"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Latest votes, newest first, with the rated question, answer and passages (an admin
    key is needed when admin keys are set: these are other people's questions)."""
    return {"feedback": [f.to_dict() for f in store.list_feedback(rating, limit)]}
