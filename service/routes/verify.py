"""`POST /verify`: check any answer's `[n]`-cited sentences against the passages given.

Independent of the index: the caller sends the answer and the sources (from any LLM or
search), the service embeds them with its own embedder and says, claim by claim, whether the
cited passage supports it, with the supporting sentence's offsets.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from rag import BusyError, Engine, Passage, Verifier
from service.deps import JSON_BODY

router = APIRouter(tags=["answer"])

MAX_ANSWER_CHARS = 20_000
MAX_PASSAGES = 50
MAX_PASSAGE_CHARS = 20_000
# All of a request's text together: every sentence of it is embedded, so the work grows with
# it (an answer and 50 passages at their own limits were 1 M characters, a quarter of an hour
# of CPU on two cores); a k=20 answer and its passages fit well within this.
MAX_TOTAL_CHARS = 40_000

PassageText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSAGE_CHARS)]


class PassageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: PassageText
    title: str = Field(default="", max_length=1000)


class VerifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str = Field(min_length=1, max_length=MAX_ANSWER_CHARS,
                        examples=["La Russie a envoyé 3 000 soldats [1]."])
    passages: list[PassageText | PassageIn] = Field(
        min_length=1, max_length=MAX_PASSAGES,
        description="Passage n is cited as [n]: a string or {text, title}.",
        examples=[["La Russie a envoyé quelque 3 000 personnes, selon l'agence RIA."]])
    recite: bool = Field(default=True, description="For an unsupported claim, look for a "
                         "passage that does support it (`support`).")

    @field_validator("answer")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the answer is empty")
        return v

    @model_validator(mode="after")
    def _bounded(self) -> VerifyRequest:
        total = len(self.answer) + sum(len(p if isinstance(p, str) else p.text)
                                       for p in self.passages)
        if total > MAX_TOTAL_CHARS:
            raise ValueError(f"the answer and passages hold {total} characters together; "
                             f"the limit is {MAX_TOTAL_CHARS}")
        return self


class EvidenceOut(BaseModel):
    passage: int
    start: int
    end: int
    text: str
    score: float
    missing: list[str]


class ClaimOut(BaseModel):
    text: str
    start: int
    end: int
    citations: list[int]
    supported: bool
    score: float
    reason: str
    evidence: EvidenceOut | None
    support: EvidenceOut | None


class VerifyResponse(BaseModel):
    claims: list[ClaimOut]
    supported: int
    unsupported: int
    all_supported: bool
    threshold: float


class Slots:
    """At most `n` verifications at once, as many as generations (RAG_GENERATION_SLOTS): each
    one embeds every sentence it is sent. One more is refused at once (BusyError: a 503 with
    Retry-After), not queued: a burst of requests must not hold every worker thread."""

    def __init__(self, n: int) -> None:
        self._sem = threading.BoundedSemaphore(max(1, n))

    @contextmanager
    def held(self) -> Iterator[None]:
        if not self._sem.acquire(blocking=False):
            raise BusyError("every verification slot is taken; retry later")
        try:
            yield
        finally:
            self._sem.release()


async def get_slots(request: Request) -> Slots:
    slots: Slots | None = getattr(request.app.state, "verify_slots", None)
    if slots is None:
        engine: Engine = request.app.state.engine
        slots = request.app.state.verify_slots = Slots(engine.settings.generation_slots)
    return slots


async def get_verifier(request: Request) -> Verifier:
    """One verifier per app, over the engine's embedder (no second model in memory)."""
    verifier: Verifier | None = getattr(request.app.state, "verifier", None)
    if verifier is None:
        engine: Engine = request.app.state.engine
        verifier = request.app.state.verifier = Verifier(engine.embedder)
    return verifier


@router.post("/verify", response_model=VerifyResponse, dependencies=[JSON_BODY])
def verify(body: VerifyRequest, verifier: Annotated[Verifier, Depends(get_verifier)],
           slots: Annotated[Slots, Depends(get_slots)]) -> dict[str, Any]:
    """Is each sentence of `answer` supported by the passage its `[n]` cites? Claims with
    no marker are checked against every passage. At most `MAX_TOTAL_CHARS` of text in all;
    a 503 while every verification slot is taken."""
    passages = [Passage(p) if isinstance(p, str) else Passage(p.text, p.title)
                for p in body.passages]
    with slots.held():
        return verifier.verify(body.answer, passages, recite=body.recite).to_dict()
