"""Question -> standalone query -> passages -> relevance gate -> cited answer, as events.

Streaming and plain answers share one path: `stream` yields typed events. First `Citations`
(every passage given to the writer, numbered by rank; `cited` false); then `Token`s whose
markers already carry their final numbers (1..m in order of first use, unknown markers
removed), each token that cites a passage not yet listed, and the first token, preceded by a
`Citations` of the passages cited so far (`cited` true); last `Done` with the checked answer,
numbered as streamed.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from rag.answering.citations import (
    Citation,
    StreamRenumberer,
    Support,
    check_citations,
    strip_markers,
)
from rag.answering.compact import evidence_texts
from rag.answering.evidence import Evidence, EvidenceSentence, gather_evidence
from rag.answering.extractive import NO_ANSWER, ExtractiveWriter, trim
from rag.answering.grounding import Grounder, SentenceBuffer
from rag.answering.holds import holds_asked
from rag.answering.language import answer_language, detect_language
from rag.answering.prompt import NOT_IN_SOURCES, answer_messages, says_not_in_sources
from rag.answering.rewrite import Rewriter
from rag.answering.sentence_vectors import CachedSentenceVectors
from rag.answering.translate import Translation, needs_translation, pieces_of, translate
from rag.answering.verify import Verifier
from rag.answering.wording import without_wording
from rag.config import Settings
from rag.embedders.base import Embedder
from rag.errors import RagError
from rag.llm.base import LLM, CancelToken, Message, Usage
from rag.retrieval import Hit, Searcher

# A model's "not in the sources" declines only when the best evidence sentence scores below this
# (evidence.py's score). Passed by the gate and declined by the 1.5B model (full gold set and the
# 36 on-topic unanswerable article questions, code 0fe5738 and 780b7fd): answerable ones scored
# 0.11, 0.38, 0.39, 0.40, 0.46, 0.52, 0.55, 0.59; unanswerable ones 0.19-0.38 and one 0.50. The
# model's refusal stands below 0.385 (8 of 9 unanswerable declined), is overruled above (6 of 8
# answerable answered).
FIRM_EVIDENCE = 0.385



# The dense retriever's first chunk, when the fusion ranks it past the k given to the answer
# (a French question whose answer sentence names the alliance as "le bloc": BM25 never finds
# it, and its lists push dense's first to sixth), is given as one more passage; not when the
# request sets k itself.
DENSE_BEST_POOL = 10


def with_dense_best(hits: list[Hit], k: int) -> list[Hit]:
    """The first k hits, and dense's first among the rest when it is there."""
    extra = next((h for h in hits[k:] if h.ranks.get("dense") == 1), None)
    return [*hits[:k], extra] if extra is not None else hits[:k]


class BusyError(RagError):
    """Every generation slot and queue place is taken: retry later."""


@dataclass(slots=True)
class Answer:
    answer: str
    citations: list[Citation]
    abstained: bool
    backend: str
    query: str
    passages: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)
    fallback: bool = False
    lang: str = "fr"
    # One id per answer, so feedback (POST /feedback) can point at it.
    answer_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    usage: Usage | None = None  # the generative backend's token counts, when it gave them

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer_id": self.answer_id,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "abstained": self.abstained,
            "backend": self.backend,
            "fallback": self.fallback,
            "query": self.query,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass(frozen=True, slots=True)
class Citations:
    """The passages that `[n]` markers refer to. `cited` false: every passage retrieved for
    the writer, numbered by rank (the first event; empty when the evidence supports no
    answer). `cited` true: the passages the text streamed so far cites, in final numbering;
    it replaces any list before it."""

    citations: tuple[Citation, ...]
    cited: bool


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of answer text, its markers in final numbering and its markup escaped."""

    text: str


@dataclass(frozen=True, slots=True)
class Done:
    """The checked answer, numbered as the tokens were."""

    answer: Answer


Event = Citations | Token | Done


class GenerationGate:
    """At most `slots` generations at once and `queue` waiting; beyond that, refuse quickly.

    `admit()` takes a place (or raises BusyError) before anything is sent, so a stream can be
    refused before its first byte; the ticket then waits for a running slot. One client holds
    at most a `CLIENT_SHARE`th of the places (one at least): nine open streams from one
    address took all nine of the defaults' and every other client got a 503 (twenty-seventh
    review, F1)."""

    CLIENT_SHARE = 4

    def __init__(self, slots: int, queue: int) -> None:
        self._sem = threading.Semaphore(slots)
        self._capacity = slots + queue
        self._per_client = max(1, self._capacity // self.CLIENT_SHARE)
        self._inside = 0
        self._by_client: dict[str, int] = {}
        self._lock = threading.Lock()

    def admit(self, client: str | None = None) -> Ticket:
        """A place for `client` (who the rate limit counts; None: no share is kept)."""
        with self._lock:
            if self._inside >= self._capacity:
                raise BusyError("the answer generator is busy; retry in a few seconds")
            if client is not None:
                if self._by_client.get(client, 0) >= self._per_client:
                    raise BusyError(f"this client already has {self._per_client} answers "
                                    "being generated; retry when one ends")
                self._by_client[client] = self._by_client.get(client, 0) + 1
            self._inside += 1
        return Ticket(self, client)

    def _leave(self, client: str | None) -> None:
        with self._lock:
            self._inside -= 1
            if client is not None:
                left = self._by_client.get(client, 0) - 1
                if left > 0:
                    self._by_client[client] = left
                else:
                    self._by_client.pop(client, None)


class Ticket:
    """One admitted generation: holds its place until `release()` (idempotent)."""

    def __init__(self, gate: GenerationGate, client: str | None = None) -> None:
        self._gate = gate
        self._client = client
        self._released = False

    @contextmanager
    def slot(self, cancel: CancelToken | None) -> Iterator[None]:
        """A running slot; the wait ends early (BusyError is not raised: the caller left) when
        `cancel` fires, so a queued stream whose client hung up does not wait for its turn."""
        sem = self._gate._sem
        while not sem.acquire(timeout=0.1):
            if cancel is not None and cancel.cancelled:
                raise _Cancelled
        try:
            yield
        finally:
            sem.release()

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._gate._leave(self._client)


class _Cancelled(Exception):
    """The consumer cancelled while queued: the generation ends without a `done` event."""


class Answerer:
    def __init__(self, searcher: Callable[[], Searcher], settings: Settings,
                 llm: LLM | None = None, embedder: Embedder | None = None,
                 work_gate: GenerationGate | None = None) -> None:
        self._searcher = searcher
        # every answer takes a place here first, before its rewrite, retrieval and evidence
        # (the generation gate below is taken only by a model's answers, after them)
        self._work = work_gate or GenerationGate(settings.answer_concurrency, 0)
        self.settings = settings
        self.llm = llm
        self.backend = llm.name.split(":")[0] if llm is not None else "extractive"
        self._rewriter = Rewriter(llm, max_chars=settings.max_query_chars)
        self._gate = GenerationGate(settings.generation_slots, settings.generation_queue)
        self._writer = ExtractiveWriter(settings.min_sentence_score,
                                        settings.min_sentence_score_cross)
        self._embedder = embedder
        self.firm_evidence = FIRM_EVIDENCE
        self._vectors: CachedSentenceVectors | None = None
        self._verifier: Verifier | None = None
        self._lazy = threading.Lock()
        # A fallback in another language than the question's is translated by the model and
        # shown only when the translation verifies (`translate.py`); False keeps the quotes.
        self.translate_fallbacks = settings.llm_translate_fallbacks

    def _sentence_vectors(self, searcher: Searcher) -> CachedSentenceVectors:
        """One cache of sentence embeddings per process, shared by evidence and verification."""
        with self._lazy:
            if self._vectors is None:
                self._vectors = CachedSentenceVectors(
                    self._embedder or searcher.embedder,
                    path=self.settings.index_dir / "sentences.sqlite"
                    if self.settings.sentence_cache and self.settings.index_dir.is_dir()
                    else None)
                self._verifier = Verifier(self._vectors, self.settings.verify_threshold)
            return self._vectors

    def evidence(self, query: str, passages: Sequence[Hit], searcher: Searcher,
                 lang: str) -> Evidence:
        """The question's evidence, computed once and read by every step of the answer."""
        return gather_evidence(query, passages, searcher.embed_query(query),
                               self._sentence_vectors(searcher), searcher.snapshot.bm25.idf,
                               self.settings.bm25_stemmer, lang)

    def answer(self, question: str, k: int | None = None, retriever: str | None = None,
               history: Sequence[Message] = (), *, lang: str | None = None,
               instructions: str = "", filters: object = None,
               temperature: float | None = None, client: str | None = None) -> Answer:
        """The whole answer, numbered 1..m in order of use (its reader saw no stream)."""
        done = self.answer_unless(None, question, k, retriever, history, lang=lang,
                                  instructions=instructions, filters=filters,
                                  temperature=temperature, client=client)
        assert done is not None
        return done

    def answer_unless(self, cancel: CancelToken | None, question: str, k: int | None = None,
                      retriever: str | None = None, history: Sequence[Message] = (), *,
                      lang: str | None = None, instructions: str = "", filters: object = None,
                      temperature: float | None = None, client: str | None = None
                      ) -> Answer | None:
        """`answer`, unless `cancel` (fired from another thread: a client that hung up) stops
        the model first: None then. The generation slot is released either way."""
        events = self._events(question, k, retriever, history, cancel, lang, instructions,
                              filters, temperature, live=False, client=client)
        try:
            for ev in events:
                if isinstance(ev, Done):
                    return ev.answer
        finally:
            events.close()
        return None

    def stream(self, question: str, k: int | None = None, retriever: str | None = None,
               history: Sequence[Message] = (), cancel: CancelToken | None = None, *,
               lang: str | None = None, instructions: str = "", filters: object = None,
               temperature: float | None = None, client: str | None = None
               ) -> Generator[Event, None, None]:
        """The first event comes after retrieval and admission to the generation gate, so a
        busy generator raises BusyError before anything is sent. `cancel`, fired from another
        thread, stops the model; the stream then ends without `done`. Close the generator
        when abandoning it: that releases its gate place. `lang` ("fr"/"en") overrides the
        answer language detected from the question; `instructions` (a client's system
        message) go to a generative backend's writer, after the cached prompt prefix.
        `filters` restrict retrieval (Searcher.search); `temperature` samples a generative
        backend (None: its own; the extractive writer has nothing to sample). `client` (who
        the rate limit counts) holds at most its share of the generator's places."""
        return self._events(question, k, retriever, history, cancel, lang, instructions,
                            filters, temperature, live=True, client=client)

    def _events(self, question: str, k: int | None, retriever: str | None,
                history: Sequence[Message], cancel: CancelToken | None, lang: str | None,
                instructions: str, filters: object, temperature: float | None, live: bool,
                client: str | None = None) -> Generator[Event, None, None]:
        """`stream`; `live` false numbers the final answer afresh instead of as streamed
        (they differ only when a model's streamed text was replaced by a fallback). A place
        in the work gate is taken before anything else (BusyError past the client's share)."""
        ticket = self._work.admit(client)
        try:
            yield from self._admitted(question, k, retriever, history, cancel, lang,
                                      instructions, filters, temperature, live, client)
        finally:
            ticket.release()

    def _admitted(self, question: str, k: int | None, retriever: str | None,
                  history: Sequence[Message], cancel: CancelToken | None, lang: str | None,
                  instructions: str, filters: object, temperature: float | None, live: bool,
                  client: str | None = None) -> Generator[Event, None, None]:
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        searcher = self._searcher()
        question = question.strip()
        asked = detect_language(question)  # retrieval and the evidence gate read the question
        lang = lang if lang in NO_ANSWER else asked  # the answer's language
        query = question
        if history and self.settings.rewrite_followups:
            query = self._rewriter.standalone(question, history, cancel)
            timings["rewrite"] = (time.perf_counter() - t0) * 1000
        if cancel is not None and cancel.cancelled:
            return  # the client left during the rewrite: no retrieval, no queue place
        t1 = time.perf_counter()
        if k:  # the k asked for, no more
            passages = searcher.search(query, k, retriever, filters)
        else:
            pool = max(self.settings.answer_k,
                       min(self.settings.answer_k + DENSE_BEST_POOL, self.settings.max_k))
            passages = with_dense_best(searcher.search(query, pool, retriever, filters),
                                       self.settings.answer_k)
        timings["retrieval"] = (time.perf_counter() - t1) * 1000

        t2 = time.perf_counter()
        evidence = self.evidence(query, passages, searcher, asked)
        timings["evidence"] = (time.perf_counter() - t2) * 1000
        chosen = self._writer.select(evidence)  # what the extractive writer would quote
        supported = bool(chosen)
        ticket = self._gate.admit(client) if supported and self.llm is not None else None
        support: dict[int, Support] = {}
        usage: list[Usage] = []
        # an answer the evidence does not support lists no passage (nothing will cite one)
        retrieved = tuple(Citation(i, h) for i, h in enumerate(passages, 1)) if supported \
            else ()
        renum = StreamRenumberer(len(passages))
        try:
            yield Citations(retrieved, cited=False)
            if not supported:
                text, fallback, abstained = NO_ANSWER[lang], False, True
                tokens: Generator[str, None, _Written] = _just([text], (text, True, False, {}))
            elif ticket is None:
                text, abstained, support = self._compose(evidence, lang, chosen)
                tokens = _just(_pieces(text), (text, abstained, False, support))
            else:
                tokens = self._generate(
                    question if query == question else query, lang, evidence, chosen, timings,
                    t2, ticket, cancel, searcher, instructions, temperature, usage.append)
            text, abstained, fallback, support = yield from _live(tokens, renum, passages,
                                                                  bool(retrieved))
        except _Cancelled:
            return
        finally:
            if ticket is not None:
                ticket.release()
        if cancel is not None and cancel.cancelled:
            return
        if abstained and renum.mapping:  # a model's cited text replaced by an abstention
            yield Citations((), cited=True)
        timings["generation"] = (time.perf_counter() - t2) * 1000

        checked = check_citations(text, passages, renum.mapping if live else None)
        number = {id(h): i for i, h in enumerate(passages, 1)}
        citations = [] if abstained else [replace(c, support=support.get(number[id(c.hit)]))
                                          for c in checked.citations]
        timings["total"] = (time.perf_counter() - t0) * 1000
        yield Done(Answer(checked.text, citations, abstained, self.backend, query,
                          list(passages), timings, fallback, lang,
                          usage=usage[-1] if usage else None))

    def _compose(self, evidence: Evidence, lang: str, chosen: list[EvidenceSentence]
                 ) -> tuple[str, bool, dict[int, Support]]:
        """The extractive answer; each quoted sentence is its own citation's support."""
        if evidence.question.lang != lang:  # another answer language asked: its lead-in
            evidence = replace(evidence, question=replace(evidence.question, lang=lang))
        composed = self._writer.compose(evidence, chosen)
        if composed is None:
            return NO_ANSWER[lang], True, {}
        support: dict[int, Support] = {}
        for s in composed.sentences:
            support.setdefault(s.passage, Support(s.dense, s.start, s.end, s.text))
        return composed.text, False, support

    def _firm(self, chosen: list[EvidenceSentence]) -> bool:
        """Whether the evidence answers firmly enough to overrule a model that says the
        sources do not: the extractive answer is then given instead of a refusal."""
        return bool(chosen) and chosen[0].score - chosen[0].ranking >= self.firm_evidence

    def _generate(self, question: str, lang: str, evidence: Evidence,
                  chosen: list[EvidenceSentence], timings: dict[str, float], t_start: float,
                  ticket: Ticket, cancel: CancelToken | None, searcher: Searcher,
                  instructions: str, temperature: float | None,
                  on_usage: Callable[[Usage], None]) -> Generator[str, None, _Written]:
        """The model writes from the evidence sentences; each sentence it writes is verified
        before it is shown (kept, re-cited, or dropped), and an answer left with no supported
        claim, or in the wrong language, is replaced by the extractive one. A model that says
        the sources do not answer is heard only where the evidence is weak (`_firm`). A
        fallback (or a verified answer in the wrong language) is given in the question's
        language when the model's translation of it verifies (`_translated`)."""
        assert self.llm is not None
        self._sentence_vectors(searcher)
        assert self._verifier is not None
        passages = evidence.passages
        grounder = Grounder(self._verifier, passages, question, lang)
        buffer = SentenceBuffer()
        texts = evidence_texts(evidence, self.settings.llm_evidence_chars,
                               self.settings.llm_passage_chars,
                               first=chosen)
        raw: list[str] = []
        shown: list[str] = []
        counted: list[Usage] = []

        def count(u: Usage) -> None:
            counted.append(u)
            on_usage(u)

        fed = False  # whether the buffer has had text: until then the sentinel may be spelt
        # what was written so far, without its leading blanks, until it is fed: kept as the
        # pieces come (each piece joined all of them again: 80,000 blank pieces took 15 s,
        # thirteenth review, F5)
        sofar = ""
        with ticket.slot(cancel):
            stream = self.llm.stream(answer_messages(question, passages, texts, lang,
                                                     instructions, titles=0),
                                     self.settings.llm_max_tokens, cancel,
                                     temperature=temperature, on_usage=count)
            try:
                for piece in stream:
                    if not raw:
                        timings["first_token"] = (time.perf_counter() - t_start) * 1000
                    raw.append(piece)
                    if fed:  # past the sentinel's spelling: no more joins of all so far
                        done = buffer.feed(piece)
                    else:
                        sofar = sofar + piece if sofar else piece.lstrip()
                        if NOT_IN_SOURCES.startswith(sofar[: len(NOT_IN_SOURCES)]):
                            if len(sofar) < len(NOT_IN_SOURCES):
                                continue  # may still spell the "not in sources" sentinel
                            break
                        # the first text fed is all that was held back ("N" + "ursultan ...")
                        done = buffer.feed(sofar)
                        fed = True
                    if done and (kept := grounder.check(done)):
                        if not shown:
                            timings["first_shown"] = (time.perf_counter() - t_start) * 1000
                        shown.append(kept)
                        yield ("" if len(shown) == 1 else " ") + kept
            finally:
                close = getattr(stream, "close", None)
                if close is not None:
                    close()
        if cancel is not None and cancel.cancelled:
            return "", True, False, {}  # nobody reads on: no fallback to compose
        text = "".join(raw).strip()
        if (says_not_in_sources(text) or not text) and not self._firm(chosen):
            yield NO_ANSWER[lang]
            return NO_ANSWER[lang], True, False, {}
        if (rest := buffer.flush()) and (kept := grounder.check(rest)):
            shown.append(kept)
            yield ("" if len(shown) == 1 else " ") + kept
        answer = " ".join(shown)
        said = without_wording(answer)  # the quoted source wording is not what it said
        plain = strip_markers(said)
        wrong_language = bool(answer) and answer_language(plain, lang) != lang
        # cited, more than the question restated, and holding what is asked (a figure, a year)
        sound = bool(answer) and bool(check_citations(answer, passages).citations) \
            and grounder.adds_to_question(said)
        asked = sound and holds_asked(evidence.question, plain)
        if sound and not wrong_language and (asked or not chosen):
            return answer, False, False, dict(grounder.support)
        # Nothing the model said holds up (or it answered in another language, only restated
        # the question, or left out what is asked: no year for "en quelle année" where the
        # evidence quotes one): answer from the evidence instead, visibly.
        text, abstained, support = self._compose(evidence, lang, chosen)
        if not abstained and self.translate_fallbacks:
            # a verified answer whose only fault is its language is the better original
            only_language = wrong_language and asked
            translated = self._translated(said if only_language else None, evidence, chosen,
                                          lang, ticket, cancel, timings, counted.append)
            if len(counted) > 1:  # the answer's and the translation's tokens
                on_usage(Usage(sum(u.prompt_tokens for u in counted),
                               sum(u.completion_tokens for u in counted),
                               counted[-1].counted_by))
            if cancel is not None and cancel.cancelled:
                return "", True, False, {}
            if translated is not None:
                text, support = translated.text, translated.support
        yield ("\n\n" if shown else "") + text
        return text, abstained, not abstained, support

    def _translated(self, original: str | None, evidence: Evidence,
                    chosen: list[EvidenceSentence], lang: str, ticket: Ticket,
                    cancel: CancelToken | None, timings: dict[str, float],
                    on_usage: Callable[[Usage], None]) -> Translation | None:
        """`original` (else the extractive quotes) in `lang` when it is in another language
        and the model's translation verifies; None keeps the fallback as it is."""
        assert self.llm is not None and self._verifier is not None
        if original is None:
            composed = self._writer.compose(evidence, chosen)
            pieces = [(s.passage, trim(s.text)) for s in composed.sentences] if composed else []
        else:
            pieces = pieces_of(original)
        if not needs_translation(pieces, lang):
            return None
        t = time.perf_counter()
        try:
            with ticket.slot(cancel):
                return translate(self.llm, self._verifier, pieces, evidence.passages, lang,
                                 cancel, on_usage)
        except _Cancelled:
            return None
        finally:
            timings["translation"] = (time.perf_counter() - t) * 1000


# What a writer returns once its tokens are out: the answer text (passage numbering), whether
# it abstained, whether it fell back to the extractive writer, and each cited passage's support.
_Written = tuple[str, bool, bool, dict[int, Support]]
_R = TypeVar("_R")


def _just(pieces: Iterable[str], result: _R) -> Generator[str, None, _R]:
    yield from pieces
    return result


def _live(tokens: Generator[str, None, _R], renum: StreamRenumberer, passages: Sequence[Hit],
          listed: bool) -> Generator[Event, None, _R]:
    """A writer's text (passage numbering) as `Token`s in final numbering, markup escaped
    outside markers (a model copies it from sources), each preceded by a `Citations` when it
    cites a passage not listed yet or, when it is the first and a list (`listed`) was sent,
    by one of what it cites, so a client's list always matches the text it has."""
    shown: int | None = None  # how many passages the last `Citations` listed (None: the first)

    def out(text: str) -> Iterator[Event]:
        nonlocal shown
        if not text:
            return
        if (shown is None and (listed or renum.mapping)) or (
                shown is not None and len(renum.mapping) != shown):
            shown = len(renum.mapping)
            by_number = sorted(renum.mapping.items(), key=lambda kv: kv[1])
            yield Citations(tuple(Citation(n, passages[p - 1]) for p, n in by_number), True)
        shown = len(renum.mapping) if shown is None else shown
        yield Token(text)

    try:
        while True:
            try:
                piece = next(tokens)
            except StopIteration as stop:
                yield from out(renum.flush())
                value: _R = stop.value
                return value
            yield from out(renum.feed(piece))
    finally:
        tokens.close()


def _pieces(text: str) -> Iterator[str]:
    start = 0
    for i, ch in enumerate(text):
        if ch == " ":
            yield text[start : i + 1]
            start = i + 1
    if start < len(text):
        yield text[start:]

