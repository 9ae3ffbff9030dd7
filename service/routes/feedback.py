"""`POST /feedback` and `GET /feedback`: thumbs on answers, kept so thumbs-down become evals.

A vote copies what the answer log (service/answer_log.py) holds for its answer id. The log
keeps the newest votes only (rag.feedback.MAX_FEEDBACK), and anyone who may ask may vote, so
each client's votes are bounded an hour (RAG_FEEDBACK_PER_HOUR; review 9: about 22,000
requests from one address replaced every real vote) and evictions are counted.
"""

from __future__ import annotations

import threading
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from rag.feedback import MAX_TEXT, FeedbackStore, InvalidFeedback, TooManyVotes, UnknownAnswer
from service.deps import JSON_BODY, KeyDep, MetricsDep
from service.json_body import CountedJSONRoute
from service.security import client_bucket, client_identity, retry_after
from service.settings import ServiceSettings

router = APIRouter(tags=["feedback"], route_class=CountedJSONRoute)


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


class VoteQuota:
    """Votes per client identity: a bucket of `per_hour` votes, refilled evenly over the hour
    (up to `per_hour` at once, then one every 3600/per_hour seconds). At most `max_clients`
    buckets are kept: full ones go first (a full bucket is a client never seen), then the
    idlest, as the rate limiter does."""

    def __init__(self, per_hour: int, max_clients: int = 10_000) -> None:
        self.per_hour = per_hour
        self._rate = per_hour / 3600.0
        self._buckets: dict[str, tuple[float, float]] = {}  # identity -> (votes left, when)
        self._max = max_clients
        self._lock = threading.Lock()

    def _left(self, client: str, now: float) -> float:
        left, last = self._buckets.get(client, (float(self.per_hour), now))
        return min(float(self.per_hour), left + (now - last) * self._rate)

    def take(self, client: str, now: float | None = None) -> float:
        """0 and one vote taken when `client` has one left, else the seconds until it has."""
        now = time.monotonic() if now is None else now
        with self._lock:
            left = self._left(client, now)
            if left < 1.0:
                return (1.0 - left) / self._rate
            self._buckets[client] = (left - 1.0, now)
            if len(self._buckets) > self._max:
                self._forget(now)
        return 0.0

    def give_back(self, client: str, now: float | None = None) -> None:
        """The vote taken was not stored (unknown answer, too many on it): not counted."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if client in self._buckets:
                self._buckets[client] = (min(float(self.per_hour),
                                             self._left(client, now) + 1.0), now)

    def _forget(self, now: float) -> None:
        full = [c for c in self._buckets if self._left(c, now) >= self.per_hour]
        for c in full:
            del self._buckets[c]
        if len(self._buckets) > self._max:
            idlest = sorted(self._buckets.items(), key=lambda kv: kv[1][1])
            for c, _ in idlest[: len(self._buckets) - self._max + self._max // 10]:
                del self._buckets[c]


_QUOTA_LOCK = threading.Lock()


async def vote_quota(request: Request) -> VoteQuota | None:
    """The app's VoteQuota (made at its first vote, from RAG_FEEDBACK_PER_HOUR); None when
    votes are not limited."""
    state = request.app.state
    quota: VoteQuota | None = getattr(state, "feedback_quota", None)
    if quota is None:
        settings: ServiceSettings = state.settings
        if settings.feedback_per_hour <= 0:
            return None
        with _QUOTA_LOCK:
            quota = getattr(state, "feedback_quota", None)
            if quota is None:
                quota = state.feedback_quota = VoteQuota(settings.feedback_per_hour)
    return quota


QuotaDep = Annotated[VoteQuota | None, Depends(vote_quota)]


def voter(request: Request, key: str | None) -> str:
    """Who votes, as the rate limit counts clients (service/security.py): the API key's
    fingerprint and the client address, or the address alone without keys."""
    return client_identity(key, client_bucket(request.client.host if request.client else None))


@router.post("/feedback", status_code=201, response_model=FeedbackCreated,
             dependencies=[JSON_BODY])
def post_feedback(body: FeedbackIn, store: StoreDep, metrics: MetricsDep, quota: QuotaDep,
                  request: Request, key: KeyDep) -> JSONResponse:
    """Thumbs up or down on an answer, with an optional comment and expected answer; a 409
    past `MAX_VOTES_PER_ANSWER` votes on one answer, a 429 with Retry-After past the
    client's `RAG_FEEDBACK_PER_HOUR` votes."""
    client = voter(request, key)
    if quota is not None:
        wait = quota.take(client)
        if wait > 0:
            raise HTTPException(429, f"too many votes from this client (at most "
                                f"{quota.per_hour} an hour); retry later",
                                headers={"retry-after": retry_after(wait)})
    stored = False
    try:
        fid = store.add_feedback(body.answer_id, body.rating, body.comment, body.expected,
                                 on_evicted=metrics.feedback_evicted.inc)
        stored = True
    except UnknownAnswer:
        raise HTTPException(404, f"no answer {body.answer_id!r} (unknown, or logged too long "
                            "ago)") from None
    except InvalidFeedback as exc:
        raise HTTPException(422, str(exc)) from None
    except TooManyVotes as exc:
        raise HTTPException(409, str(exc)) from None
    finally:
        if not stored and quota is not None:  # a refused vote is not one of the client's
            quota.give_back(client)
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
