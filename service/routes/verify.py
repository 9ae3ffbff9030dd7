"""`POST /verify`: check any answer's `[n]`-cited sentences against the passages given.

Independent of the index: the caller sends the answer and the sources (from any LLM or
search), the service embeds them with its own embedder and says, claim by claim, whether the
cited passage supports it, with the supporting sentence's offsets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, cast

import numpy as np
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from rag import BusyError, CancelToken, Embedder, Engine, Passage, Verifier
from rag.answering.verify import (
    READ_FREE_CHARS,
    Reason,
    check_cost,
    embedding_cost,
    reading_cost,
    split_claims,
)
from rag.embedders.base import Vectors
from rag.sentences import split_sentences
from service.deps import JSON_BODY, ClientDep
from service.json_body import CountedJSONRoute
from service.schemas import text_length
from service.security import retry_after
from service.settings import ServiceSettings
from service.streaming import client_gone, unless_gone

router = APIRouter(tags=["answer"], route_class=CountedJSONRoute)

MAX_ANSWER_CHARS = 20_000
MAX_PASSAGES = 50
MAX_PASSAGE_CHARS = 20_000
# All of a request's text together: every sentence of it is embedded, so the work grows with
# it (an answer and 50 passages at their own limits were 1 M characters, a quarter of an hour
# of CPU on two cores); a k=20 answer and its passages fit well within this. Every bound here
# counts `text_length`, the NFKC form the embedder reads as well: 2,000 characters of
# "\ufdfa \ufdfa. " and two passages of 18,990 (40,000 characters as sent, 311,770 in NFKC)
# held a CPU 147 s, against 22 s for Latin text of the same length.
MAX_TOTAL_CHARS = 40_000
# A passage's title, and all the titles count in that total too: they are not embedded, but the
# claim checker reads each one's facts and merges them into every sentence's window (50
# titles of 1,000 U+FDFA, 50,000 characters outside every bound, nearly tripled the work:
# review 10b, N4).
MAX_TITLE_CHARS = 1000
# ... and each sentence is embedded on its own (long ones clause by clause too): 2,800 one-word
# claims over 50 passages of 130 short sentences, within the characters, took 53 s. A k=20
# answer and its passages hold a few hundred.
MAX_SENTENCES = 1_000
# ... and each claim (a sentence, cut again at every inner [n]) is judged against every passage
# it may be checked on (all of them with `recite`): 25 claims over 20 passages of adjacent
# sentences took 42 s before each passage's pair vectors were kept for all its claims (3.6 s
# after); 2,000 claims in one 16 KB sentence passed MAX_SENTENCES. A k=20 answer of ten
# claims is 200 checks; 2,000 checks still cost ~12 s of CPU (eighth review): 1,000 at most.
MAX_CLAIMS = 200
MAX_CLAIM_CHECKS = 1_000
# ... and each name, number and date of a claim is looked up in a passage's sentences
# (`check_cost`): 50 claims of 50 names over 940 one-line sentences, within every bound above,
# took 80 s of CPU (seventeenth review, H1; 1.3 s once each claim's names were looked up once a
# passage). A k=20 answer over two whole articles is ~14,000 lookups; this many take ~2.5 s.
MAX_LOOKUPS = 500_000
# ... and what is embedded is tokens, not characters: Latin prose is ~0.3 token a character,
# runes, ideographs or "A. A. A." up to 1.0, so 40,000 characters of them held the only
# verification slot 38-41 s (twenty-fifth review, F2). Counted as `embedding_cost` counts
# (claims, sentences and clauses, a long text more a token): the articles' prose at 40,000
# characters is ~22,300; the review's requests 29,600 ("A. A. ...") and 69,000 (runes).
MAX_EMBEDDING_COST = 24_000
# ... and the claim checks' reading counts in it too (`reading_cost`: each claim against each
# passage it may be judged on, the characters of the claim and of the passage's longest
# sentence and pair, past READ_FREE_CHARS): a passage without a sentence break is one sentence
# of up to 20,000 characters, the embedder reads 512 tokens of it, and some thirty checks a
# claim read all of it. 200 claims over two of 13,000 characters took 46 s of CPU charged
# 9,472 (security review 55, F1); now 9,472 + 32,170, refused before any work.
# ... and each client spends at most RAG_VERIFY_COST_PER_MINUTE of that cost a minute
# (`CostBudget`; by default one request at the bound): one 48.8 KB request within every bound
# above still took ~35 s of CPU, and a client could send it again as soon as it ended (review
# 48, F2).

PassageText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSAGE_CHARS)]


class PassageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: PassageText
    title: str = Field(default="", max_length=MAX_TITLE_CHARS, description=(
        f"At most {MAX_TITLE_CHARS} characters; titles count in the request's total "
        f"({MAX_TOTAL_CHARS} characters with the answer and passages)."))


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

    @field_validator("passages")
    @classmethod
    def _sent_bounded(cls, v: list[str | PassageIn], info: ValidationInfo
                      ) -> list[str | PassageIn]:
        """All the text together as sent, before anything is normalised: the embedder's count
        is never below it, and 50 passages of `MAX_PASSAGE_CHARS` are 1 M characters to
        normalise (ninth review, F1). Only lengths here: this runs on the event loop, while
        the body is read (`measure` does the rest, in a worker thread)."""
        answer = info.data.get("answer")  # absent when the answer was refused
        sent = (len(answer) if answer is not None else 0) + sum(
            len(p) if isinstance(p, str) else len(p.text) + len(p.title) for p in v)
        if sent > MAX_TOTAL_CHARS:
            raise ValueError(f"{_what(v)} hold {sent} characters together; the limit is "
                             f"{MAX_TOTAL_CHARS}")
        return v

    def texts(self) -> list[str]:
        return [p if isinstance(p, str) else p.text for p in self.passages]

    def titles(self) -> list[str]:
        return [p.title for p in self.passages if not isinstance(p, str) and p.title]


def _what(passages: Sequence[str | PassageIn]) -> str:
    """What the total counts, as the error names it."""
    titled = any(not isinstance(p, str) and p.title for p in passages)
    return "the answer and passages" + (" (titles included)" if titled else "")


def _refused(loc: tuple[str, ...], msg: str) -> RequestValidationError:
    """A 422 worded as the model's own validators word theirs."""
    return RequestValidationError([{"type": "value_error", "loc": ("body", *loc), "msg": msg,
                                    "input": None}])


def measure(body: VerifyRequest, embedder: Embedder) -> int:
    """The bounds that read the text, in the verification's worker thread and slot: the answer, each
    passage and all of them together, titles included, as the embedder reads them (NFKC,
    `text_length`: each text once, a passage over its own limit ends it), then sentences,
    claims and checks. In the model's
    validators they ran on the event loop: 20,000 U+0F73, then quadratic to normalise, held
    every route 0.3 s (tenth review, F1). The cost for the client's budget: the embedding
    cost and the claim checks' reading cost together (`reading_cost`)."""
    size = text_length(body.answer)
    if size > MAX_ANSWER_CHARS:
        raise _refused(("answer",), f"the answer is {size} characters long as the embedder "
                       f"reads it (NFKC); the limit is {MAX_ANSWER_CHARS}")
    total = size
    texts = body.texts()
    for n, text in enumerate(texts, 1):
        size = text_length(text)
        if size > MAX_PASSAGE_CHARS:
            raise _refused(("passages",), f"passage {n} is {size} characters long as the "
                           f"embedder reads it (NFKC); the limit is {MAX_PASSAGE_CHARS}")
        total += size
    total += sum(text_length(t) for t in body.titles())  # each within MAX_TITLE_CHARS sent
    if total > MAX_TOTAL_CHARS:  # at most MAX_TOTAL_CHARS as sent were counted
        raise _refused(("passages",), f"{_what(body.passages)} hold {total} characters "
                       f"together as the embedder reads them (NFKC); the limit is "
                       f"{MAX_TOTAL_CHARS}")
    sentences = sum(len(split_sentences(t)) for t in [body.answer, *texts])
    if sentences > MAX_SENTENCES:
        raise _refused((), f"the answer and passages hold {sentences} sentences together; "
                       f"the limit is {MAX_SENTENCES}")
    claims = len(split_claims(body.answer))
    if claims > MAX_CLAIMS:
        raise _refused((), f"the answer holds {claims} claims (sentences, cut at inner [n] "
                       f"markers); the limit is {MAX_CLAIMS}")
    if claims * len(texts) > MAX_CLAIM_CHECKS:
        raise _refused((), f"{claims} claims against {len(texts)} passages are "
                       f"{claims * len(texts)} checks; the limit is {MAX_CLAIM_CHECKS}: send "
                       "fewer claims or passages")
    lookups = check_cost(body.answer, texts)
    if lookups > MAX_LOOKUPS:
        raise _refused((), f"the claims' names, numbers and dates against the passages' "
                       f"sentences are {lookups} lookups; the limit is {MAX_LOOKUPS}: send "
                       "fewer claims or passages")
    cost = embedding_cost(body.answer, texts, _token_counter(embedder), embedder.max_tokens)
    if cost > MAX_EMBEDDING_COST:
        raise _refused((), f"the answer and passages would cost {cost} to embed (tokens of "
                       f"their sentences and clauses as the embedder reads them, a long text "
                       f"weighing more a token); the limit is {MAX_EMBEDDING_COST}: send less "
                       "text")
    reading = reading_cost(body.answer, texts, body.recite)
    if cost + reading > MAX_EMBEDDING_COST:
        raise _refused((), f"the answer and passages would cost {cost} to embed and {reading} "
                       f"to check (claims times the characters of the long sentences each is "
                       f"read against, past {READ_FREE_CHARS} a check), {cost + reading} in "
                       f"all; the limit is {MAX_EMBEDDING_COST}: send fewer claims, or "
                       "passages whose sentences end")
    return cost + reading


def _token_counter(embedder: Embedder) -> Callable[[list[str]], list[int]]:
    """The embedder's count of many texts at once where it has one (a cluster's remote
    embedder: one call, not one per text), else one text at a time."""
    many = getattr(embedder, "count_tokens_many", None)
    if callable(many):
        return cast(Callable[[list[str]], list[int]], many)
    return lambda texts: [embedder.count_tokens(t) for t in texts]


# Each claim's evidence (and `support`) echoes its sentence: 200 claims over one sentence of
# 13,000 to 17,000 characters (a passage without a sentence break) made a 2.7-3.4 MB response
# to a 41 KB request (security review 55, N1). A longer text is cut to its first
# MAX_EVIDENCE_CHARS characters and EVIDENCE_CUT; its offsets still span all of it. Ordinary
# sentences, and pairs of them, are within it (the shipped articles' longest pair: 681).
MAX_EVIDENCE_CHARS = 1_000
EVIDENCE_CUT = "…"


class EvidenceOut(BaseModel):
    passage: int = Field(description="The passage, 1-based as cited.")
    start: int = Field(description="Where the sentence (or pair of adjacent sentences) starts "
                       "in the passage's text.")
    end: int = Field(description="Where it ends: the passage's text[start:end] is all of it, "
                     "whatever `text` holds.")
    text: str = Field(description=(
        f"The sentence, or the two adjacent sentences joined by a space; one over "
        f"{MAX_EVIDENCE_CHARS} characters is cut to its first {MAX_EVIDENCE_CHARS} followed by "
        f"\"{EVIDENCE_CUT}\" (`start` and `end` give the whole)."))
    score: float
    missing: list[str]


class ClaimOut(BaseModel):
    text: str
    start: int
    end: int
    citations: list[int]
    supported: bool
    score: float
    reason: Reason
    evidence: EvidenceOut | None
    support: EvidenceOut | None


def _cut(evidence: dict[str, Any] | None) -> None:
    if evidence is not None and len(evidence["text"]) > MAX_EVIDENCE_CHARS:
        evidence["text"] = evidence["text"][:MAX_EVIDENCE_CHARS] + EVIDENCE_CUT


def bounded(result: dict[str, Any]) -> dict[str, Any]:
    """`Verification.to_dict()` with each evidence text within MAX_EVIDENCE_CHARS."""
    for claim in result["claims"]:
        _cut(claim["evidence"])
        _cut(claim["support"])
    return result


class VerifyResponse(BaseModel):
    claims: list[ClaimOut]
    supported: int
    unsupported: int
    all_supported: bool
    threshold: float


class Slots:
    """At most `n` verifications at once, as many as generations (RAG_GENERATION_SLOTS): each
    one embeds every sentence it is sent. Up to `QUEUE` more wait their turn, first come first
    served; past that a request is refused at once (BusyError: a 503 with Retry-After): a burst
    must not hold every worker thread. A client holds one place at most, running or waiting:
    one client re-sending as its last verification ended kept the only slot, and another got a
    503 on 28 tries of 29 (twenty-seventh review, F2); now the other's waiting request is
    next."""

    QUEUE = 4
    POLL = 0.1  # seconds between looks at a waiting request's client (gone: it leaves)

    def __init__(self, n: int) -> None:
        self._free = max(1, n)
        self._cond = threading.Condition()
        self._waiting: list[object] = []
        self._clients: set[str] = set()

    @contextmanager
    def held(self, client: str | None = None, cancel: CancelToken | None = None
             ) -> Iterator[None]:
        """A slot for `client`, waiting for it behind the earlier requests; raises _HungUp
        when `cancel` fires while waiting."""
        me = object()
        with self._cond:
            if client is not None and client in self._clients:
                raise BusyError("this client already holds a verification slot (running or "
                                "waiting); retry when it ends")
            if not self._free and len(self._waiting) >= self.QUEUE:
                raise BusyError("every verification slot is taken; retry later")
            if client is not None:
                self._clients.add(client)
            self._waiting.append(me)
            try:
                while not (self._free and self._waiting[0] is me):
                    self._cond.wait(self.POLL)
                    if cancel is not None and cancel.cancelled:
                        raise _HungUp
            except BaseException:
                self._waiting.remove(me)
                if client is not None:
                    self._clients.discard(client)
                self._cond.notify_all()
                raise
            self._waiting.pop(0)
            self._free -= 1
        try:
            yield
        finally:
            with self._cond:
                self._free += 1
                if client is not None:
                    self._clients.discard(client)
                self._cond.notify_all()


class _HungUp(Exception):
    """The client left: the verification stops (nobody reads its error)."""


class Stoppable:
    """The verifier's embedder, stopped by a cancel token between groups of texts.

    A verification is one `embed_passages` call over the claims and every passage sentence,
    the whole of its time (147 s of one request above); here it runs in groups of at most
    `GROUP` texts and `GROUP_CHARS` characters as the embedder reads them, each a call of its
    own (e5 embeds a text alike alone or in any batch), and a fired token raises before the
    next group. A passage without a sentence break, 20,000 characters at most, is one text
    and one call; the embedder reads at most its first 512 tokens (about a second of CPU), the
    longest a hang-up waits."""

    GROUP = 32  # e5's own batch
    GROUP_CHARS = 2_000  # a second or two of CPU

    def __init__(self, inner: Embedder, cancel: CancelToken) -> None:
        self.inner = inner
        self.cancel = cancel

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

    def stop_if_gone(self) -> None:
        """Raises once the client has gone; the verifier also calls it between claims and
        passages (seventeenth review, H2: the claim checks ran on after a hang-up)."""
        if self.cancel.cancelled:
            raise _HungUp

    def embed_query(self, text: str) -> Vectors:
        self.stop_if_gone()
        return self.inner.embed_query(text)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        parts: list[Vectors] = []
        group: list[str] = []
        size = 0
        for text in [*texts, None]:
            n = 0 if text is None else text_length(text)
            if group and (text is None or len(group) == self.GROUP
                          or size + n > self.GROUP_CHARS):
                self.stop_if_gone()
                parts.append(self.inner.embed_passages(group))
                group, size = [], 0
            if text is not None:
                group.append(text)
                size += n
        if not parts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.concatenate(parts) if len(parts) > 1 else parts[0]


class CostBudget:
    """The embedding cost each client may spend a minute (RAG_VERIFY_COST_PER_MINUTE): a
    bucket of `per_minute` per client, refilled at `per_minute` a minute. A verification is
    taken when its client's bucket holds its cost, or is full (a cost over a whole minute's
    then leaves a debt, paid back over time), and takes it; otherwise `take` says how long
    until it would be. The clients tracked are bounded: past `max_clients`, the full buckets
    (nothing to remember) and then the idlest go."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.per_minute = per_minute
        self._rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (cost left, when)
        self._max = max_clients
        self._lock = threading.Lock()

    def _left(self, client: str, now: float) -> float:
        left, last = self._buckets.get(client, (float(self.per_minute), now))
        return min(float(self.per_minute), left + (now - last) * self._rate)

    def take(self, client: str, cost: int, now: float | None = None) -> float:
        """0 and `cost` taken when `client` may spend it now, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            left = self._left(client, now)
            need = min(float(cost), float(self.per_minute))
            if left < need:
                return (need - left) / self._rate
            self._buckets[client] = (left - cost, now)
            if len(self._buckets) > self._max:
                self._forget(now)
        return 0.0

    def _forget(self, now: float) -> None:
        for c in [c for c in self._buckets if self._left(c, now) >= self.per_minute]:
            del self._buckets[c]
        if len(self._buckets) > self._max:
            idlest = sorted(self._buckets.items(), key=lambda kv: kv[1][1])
            for c, _ in idlest[: len(self._buckets) - self._max + self._max // 10]:
                del self._buckets[c]


def over_budget(budget: CostBudget, cost: int, wait: float) -> HTTPException:
    """The 429 of a verification past its client's budget: what it costs, the budget, when."""
    return HTTPException(429, f"this client's verifications may cost {budget.per_minute} a "
                         f"minute to embed and check (RAG_VERIFY_COST_PER_MINUTE); this one "
                         f"costs {cost} (tokens of its sentences and clauses, and what its "
                         f"claim checks read of long sentences, as the limit of "
                         f"{MAX_EMBEDDING_COST} a request counts them): retry in "
                         f"{retry_after(wait)} s, or send less text",
                         headers={"retry-after": retry_after(wait)})


async def get_budget(request: Request) -> CostBudget | None:
    """The app's CostBudget (None when RAG_VERIFY_COST_PER_MINUTE is 0), made at its first
    verification; on the event loop, so only one is ever made."""
    state = request.app.state
    budget: CostBudget | None = getattr(state, "verify_budget", None)
    if budget is None:
        settings: ServiceSettings = state.settings
        if settings.verify_cost_per_minute <= 0:
            return None
        budget = state.verify_budget = CostBudget(settings.verify_cost_per_minute)
    return budget


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
async def verify(body: VerifyRequest, request: Request,
                 verifier: Annotated[Verifier, Depends(get_verifier)],
                 slots: Annotated[Slots, Depends(get_slots)],
                 budget: Annotated[CostBudget | None, Depends(get_budget)],
                 client: ClientDep) -> Any:
    """Is each sentence of `answer` supported by the passage its `[n]` cites? Claims with
    no marker are checked against every passage. At most `MAX_TOTAL_CHARS` of text in all;
    a 503 while every verification slot is taken and its queue is full, or while the same
    client's last one runs; a 429 with Retry-After past the client's
    RAG_VERIFY_COST_PER_MINUTE. A client that hangs up stops the verification (499), which
    frees its slot. An evidence text over MAX_EVIDENCE_CHARS is cut (its offsets are
    whole)."""
    passages = [Passage(p) if isinstance(p, str) else Passage(p.text, p.title)
                for p in body.passages]

    def work(cancel: CancelToken) -> dict[str, Any] | None:
        try:  # held in the thread that works: free once the work has stopped
            with slots.held(client, cancel):
                # a 422 past a bound that reads the text, measured in the client's place:
                # four requests of one client measured at once held every route 17 s
                # (forty-fourth review, F1)
                cost = measure(body, verifier.embedder)
                # charged once measured, before anything is embedded; refused, nothing is
                wait = 0.0 if budget is None else budget.take(client, cost)
                if budget is not None and wait > 0:
                    raise over_budget(budget, cost, wait)
                guard = Stoppable(verifier.embedder, cancel)
                stoppable = Verifier(guard, verifier.threshold)
                return bounded(stoppable.verify(body.answer, passages, recite=body.recite,
                                                stop=guard.stop_if_gone).to_dict())
        except _HungUp:
            return None

    answered = await unless_gone(request, work)
    return client_gone() if answered is None else answered
