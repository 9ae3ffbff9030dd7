"""Request and response bodies: bounds live here so bad input is a 4xx before any work.

Bounds that settings set (`max_query_chars`, `max_history_messages`, `max_message_chars`) are
checked by `RequestLimits`, built from the app's settings, with the same 422 as the models'
own bounds; /openapi.json shows them (`RequestLimits.document`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag import Settings
from rag.config import MAX_HISTORY_MESSAGES, RetrieverName
from rag.documents import embedded_chars

MAX_K = 20
T = TypeVar("T")
# `model` is echoed in the answer, in every chunk of a stream: a long one multiplied the
# response (a 1.9 MB name, 34 MB streamed back).
MAX_MODEL_CHARS = 256


def _model_field() -> Any:
    return Field(default="rag", max_length=MAX_MODEL_CHARS, description=(
        f"Any name of at most {MAX_MODEL_CHARS} characters (this server has one model), "
        "echoed in the answer."))


# A JSON string may hold the escape \udfff, half of a UTF-16 pair alone: Python keeps it as a
# code point that is no character, which UTF-8 (SQLite, the tokenizer, the log) cannot encode.
_SURROGATE = re.compile("[\ud800-\udfff]")


# Values one request field may hold in all (filters, a message's content, a prompt): the walk
# below runs on the event loop while the body is validated, and a million-item filter list
# held every route 0.3 s (ninth review, re-check C); filters take 1,000 values a key.
MAX_FIELD_VALUES = 10_000

# System, developer and tool messages a chat request may hold (clients send one or two): their
# text is measured, and none is held to the history's bound (RAG_MAX_HISTORY_MESSAGES).
INSTRUCTION_MESSAGES = 20
# Lists are capped in the schema too, where pydantic refuses a list on its length before it
# builds any item: the settings' bounds are checked later, in a worker thread, and 130,000
# `{"role": "tool"}` messages (2 MiB) were each built and validated on the event loop first,
# 0.3 s of every route's time a request (review 10b, N2). The caps are the most any setting
# allows: history as RAG_MAX_HISTORY_MESSAGES at its ceiling, a chat request that history,
# INSTRUCTION_MESSAGES and the question.
MAX_CHAT_MESSAGES = MAX_HISTORY_MESSAGES + INSTRUCTION_MESSAGES + 1
# Content parts of one chat message (OpenAI's `[{"type": "text", "text": ...}, ...]`: clients
# send a text part and a few images), and the values they may hold in all (keys, values,
# nested items): the Unicode walk of a message's content runs on the event loop.
MAX_CONTENT_PARTS = 32
MAX_CONTENT_VALUES = 400
# Prompts a /v1/completions list may hold before it is refused unread (one is answered).
MAX_PROMPTS = 16


class TooManyValues(ValueError):
    pass


def lone_surrogate(value: object, most: int = MAX_FIELD_VALUES) -> str | None:
    """A lone surrogate in `value` or in any string inside it (dict keys and values, list
    items), as its escape (`\\udfff`); None when all of its text is Unicode. TooManyValues
    past `most` values walked."""
    stack = [value]
    walked = 0
    while stack:
        walked += 1
        if walked > most:
            raise TooManyValues(f"more than {most:,} values in one field")
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found is not None:
                return f"\\u{ord(found.group()):04x}"
        elif isinstance(item, dict):
            if len(item) > most:
                raise TooManyValues(f"more than {most:,} values in one field")
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple):
            if len(item) > most:
                raise TooManyValues(f"more than {most:,} values in one field")
            stack += item
    return None


def valid_unicode(value: T) -> T:
    """`value` unless text in it holds a lone surrogate: a 422, as pydantic gives for a
    bounded `str` field (`question`), for the fields it lets through (plain `str`, `Any`)."""
    return unicode_within(value, MAX_FIELD_VALUES)


def unicode_within(value: T, most: int) -> T:
    """`valid_unicode`, TooManyValues past `most` values walked."""
    found = lone_surrogate(value, most)
    if found is not None:
        raise ValueError(f"the text holds a lone surrogate ({found}), which is not a "
                         "character: send valid Unicode")
    return value


def check_filters_text(raw: str | None) -> None:
    """`/search?filters=` is JSON text: a 422 for a lone surrogate escaped in it, as POST
    /ask's `filters` get (malformed JSON is left to the filter parser's own 400)."""
    if not raw:
        return
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError):
        return
    try:
        valid_unicode(parsed)
    except ValueError as exc:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "filters"),
                                       "input": raw, "msg": str(exc)}]) from None


class HistoryMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(description="At most `RAG_MAX_MESSAGE_CHARS` characters.")

    _unicode = field_validator("content")(valid_unicode)


def _question(v: str) -> str:
    if not v.strip():
        raise ValueError("the question is empty")
    if not any(ch.isalnum() for ch in v):  # "\u0000\u0000" got a cited answer (review 42)
        raise ValueError("the question has no letter or digit")
    return v.strip()


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, description="At most `RAG_MAX_QUERY_CHARS` characters.",
                          examples=["Combien de soldats la Russie a-t-elle envoyés ?"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="Passages given to the answer.")
    retriever: RetrieverName | None = None
    history: list[HistoryMessage] = Field(
        default_factory=list, max_length=MAX_HISTORY_MESSAGES,
        description="At most `RAG_MAX_HISTORY_MESSAGES` messages.")
    filters: dict[str, Any] | None = Field(
        default=None, description="Restrict retrieval: {\"doc_id\": [\"a\", \"b\"], "
        "\"date\": {\"gte\": \"2022-01-06\"}} (scalar: equals, list: one of, gte/gt/lte/lt: "
        "range; doc_id, source, title, date, page_count and the metadata keys "
        "RAG_FILTER_KEYS allows).", examples=[{"date": {"gte": "2022-01-06"}}])

    _strip = field_validator("question")(_question)
    _unicode = field_validator("filters")(valid_unicode)


def text_length(text: str) -> int:
    """Characters the embedder reads (`rag.documents.embedded_chars`, the ingest limits'
    count too): one character can be 18 in NFKC ("\ufdfa"), and embedding time grows with
    the length: 2,000 such characters held a CPU 26 s, 2,000 letters 4 s."""
    return embedded_chars(text)


def bounded_length(text: str, limit: int) -> int:
    """`text_length(text)` for a text that may be within `limit`; for a longer one its
    length as sent, already past the limit: the embedder's count is never below it
    (`embedded_chars` is the longer of the text and its NFKC form), so no more than `limit`
    characters are ever normalised to decide. Normalising first made a 2 MiB question of
    690,000 "\ufdfa" hold the event loop 0.6 s (twice on /v1/chat/completions) before it
    was refused (ninth review, F1)."""
    return len(text) if len(text) > limit else text_length(text)


def _too_long(loc: Sequence[str | int], value: Any, limit: int) -> dict[str, Any]:
    """The error pydantic itself gives for a `max_length` bound (string or list)."""
    if isinstance(value, str):
        return {"type": "string_too_long", "loc": tuple(loc), "input": value,
                "msg": f"String should have at most {limit} characters",
                "ctx": {"max_length": limit}}
    return {"type": "too_long", "loc": tuple(loc), "input": value,
            "msg": f"List should have at most {limit} items after validation, not {len(value)}",
            "ctx": {"field_type": "List", "max_length": limit, "actual_length": len(value)}}


@dataclass(frozen=True, slots=True)
class RequestLimits:
    """Lengths a request may have, from the settings of the app that serves it."""

    query_chars: int
    history_messages: int
    message_chars: int
    search_k: int

    @classmethod
    def of(cls, settings: Settings) -> RequestLimits:
        return cls(settings.max_query_chars, settings.max_history_messages,
                   settings.max_message_chars, settings.max_k)

    def check_ask(self, body: AskRequest) -> None:
        """A 422 as the model's own bounds give, for the bounds `body` exceeds: the question,
        then the number of history messages, and only when that is within its bound, each
        message's length (each text measured once, and normalised only up to its limit; see
        `bounded_length`). Measures up to `history_messages` texts of `message_chars`: an
        async route calls it in a worker thread."""
        errors = []
        if bounded_length(body.question, self.query_chars) > self.query_chars:
            errors.append(_too_long(["body", "question"], body.question, self.query_chars))
        if len(body.history) > self.history_messages:
            errors.append(_too_long(["body", "history"], body.history, self.history_messages))
        else:
            errors += [_too_long(["body", "history", i, "content"], m.content,
                                 self.message_chars)
                       for i, m in enumerate(body.history)
                       if bounded_length(m.content, self.message_chars) > self.message_chars]
        if errors:
            raise RequestValidationError(errors)

    def check_search(self, q: str, k: int) -> None:
        """`/search?q=&k=`: a 422 past `query_chars` or `search_k` (RAG_MAX_K)."""
        errors = []
        if bounded_length(q, self.query_chars) > self.query_chars:
            errors.append(_too_long(["query", "q"], q, self.query_chars))
        elif not any(ch.isalnum() for ch in q):
            errors.append({"type": "value_error", "loc": ("query", "q"), "input": q[:64],
                           "msg": "Value error, the query has no letter or digit",
                           "ctx": {"error": "the query has no letter or digit"}})
        if k > self.search_k:
            errors.append({"type": "less_than_equal", "loc": ("query", "k"), "input": k,
                           "msg": f"Input should be less than or equal to {self.search_k}",
                           "ctx": {"le": self.search_k}})
        if errors:
            raise RequestValidationError(errors)

    def check_chat(self, question: str, history: Sequence[Any], others: Sequence[str]
                   ) -> str | None:
        """Why a chat request exceeds the limits (a 400 on `/v1/*`), or None: the question,
        the number of earlier user and assistant messages, the number of system, developer
        and tool messages (`others` holds the texts of every message but the question, the
        history's among them: at most INSTRUCTION_MESSAGES more), then the length of each
        message but the question, as sent for all of them before any is normalised, then as
        the embedder reads it (each text once, the first bound exceeded named). Without a
        bound on their number, 170 system messages of 4,000 U+0F73 were all counted before
        the one over the limit: 8.5 s of CPU a request (tenth review, F1). Normalises up to
        `history_messages + INSTRUCTION_MESSAGES` texts of `message_chars`: an async route
        calls it in a worker thread."""
        size = bounded_length(question, self.query_chars)
        if size > self.query_chars:
            return f"the question is {size} characters long; the limit is {self.query_chars}"
        if len(history) > self.history_messages:
            return (f"{len(history)} earlier user and assistant messages; the limit is "
                    f"{self.history_messages}")
        instructions = len(others) - len(history)
        if instructions > INSTRUCTION_MESSAGES:
            return (f"{instructions} system, developer and tool messages; the limit is "
                    f"{INSTRUCTION_MESSAGES}")
        for sizes in ((len(t) for t in others), (text_length(t) for t in others)):
            for size in sizes:
                if size > self.message_chars:
                    return (f"a message is {size} characters long; the limit is "
                            f"{self.message_chars}")
        return None

    def document(self, schema: dict[str, Any]) -> None:
        """Write these bounds into an OpenAPI schema's request bodies and `/search`'s `q`
        and `k`."""
        comps = schema.get("components", {}).get("schemas", {})
        ask = comps.get("AskRequest", {}).get("properties", {})
        if "question" in ask:
            ask["question"]["maxLength"] = self.query_chars
        if "history" in ask:
            ask["history"]["maxItems"] = self.history_messages
        chat = comps.get("ChatRequest", {}).get("properties", {})
        if "messages" in chat:
            chat["messages"]["maxItems"] = self.history_messages + INSTRUCTION_MESSAGES + 1
        content = comps.get("HistoryMessage", {}).get("properties", {}).get("content")
        if content is not None:
            content["maxLength"] = self.message_chars
        search = schema.get("paths", {}).get("/search", {}).get("get", {})
        for param in search.get("parameters", []):
            if param.get("name") == "q":
                param.setdefault("schema", {})["maxLength"] = self.query_chars
            if param.get("name") == "k":
                param.setdefault("schema", {})["maximum"] = self.search_k


class SupportOut(BaseModel):
    """The sentence of the cited passage that supports the claim citing it (verified)."""

    score: float = Field(description="Cosine between the claim and the sentence.")
    start: int = Field(description="Offset of the sentence in the document text.")
    end: int
    text: str


class CitationOut(BaseModel):
    n: int
    doc_id: str
    title: str
    chunk_id: str
    text: str
    start: int
    end: int
    score: float
    page: int | None = Field(default=None, description="Page where the passage starts, for "
                             "documents read page by page (PDF, Word).")
    support: SupportOut | None = Field(default=None, description="What supports the claims "
                                       "citing this passage; null when nothing was verified.")


class AskResponse(BaseModel):
    answer_id: str = Field(description="Id to send with POST /feedback.")
    answer: str
    citations: list[CitationOut]
    abstained: bool
    backend: str
    fallback: bool = Field(description="A generative answer without valid citations was "
                           "replaced by the extractive one.")
    query: str = Field(description="The standalone question used for retrieval.")
    timings_ms: dict[str, float]


class HitOut(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    ordinal: int
    start: int
    end: int
    text: str
    score: float
    ranks: dict[str, int]
    scores: dict[str, float]
    page: int | None = Field(default=None, description="Page where the passage starts, for "
                             "documents read page by page (PDF, Word); absent otherwise.")


class SearchResponse(BaseModel):
    query: str
    retriever: str
    k: int
    hits: list[HitOut]
    took_ms: float


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str | int
    text: str
    title: str | None = None


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1)


class IngestResponse(BaseModel):
    documents: int
    added: int
    updated: int
    unchanged: int
    chunks: int
    skipped: list[dict[str, str]]
    dropped_lines: int = 0  # site furniture lines removed from uploaded files (rag/cleaning.py)
    seconds: float
    total_documents: int
    total_chunks: int


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    chunks: int
    source: str


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = Field(default=None, description=(
        f"A string, or at most {MAX_CONTENT_PARTS} content parts holding at most "
        f"{MAX_CONTENT_VALUES} values in all."))

    @field_validator("content", mode="before")
    @classmethod
    def _few_parts(cls, value: object) -> object:
        """Content parts are counted before pydantic builds them (`MAX_CONTENT_PARTS`), and
        their values (keys, values, nested items) walked for lone surrogates up to
        MAX_CONTENT_VALUES, not MAX_FIELD_VALUES: 220 messages of 10,000 values each are
        within a 2 MiB body, and this walk runs on the event loop."""
        if isinstance(value, list):
            if len(value) > MAX_CONTENT_PARTS:
                raise ValueError(f"{len(value)} content parts; the limit is "
                                 f"{MAX_CONTENT_PARTS} a message")
            try:
                unicode_within(value, MAX_CONTENT_VALUES)
            except TooManyValues:
                raise ValueError(f"the content parts hold more than {MAX_CONTENT_VALUES} "
                                 "values; send text parts (and a few images)") from None
        return value

    @field_validator("content")
    @classmethod
    def _unicode(cls, value: object) -> object:
        return valid_unicode(value) if isinstance(value, str) else value  # parts: above

    def text(self) -> str:
        if isinstance(self.content, list):  # OpenAI content parts: keep the text ones
            return " ".join(str(p.get("text", "")) for p in self.content
                            if p.get("type") == "text")
        return self.content or ""

    @field_validator("content")
    @classmethod
    def _text_parts_hold_text(cls, value: object) -> object:
        """A text part's `text` is a string, as OpenAI's API has it: `{"text": {"a": 1}}`
        was read as the question "{'a': 1}"."""
        if isinstance(value, list):
            for part in value:
                if part.get("type") == "text" and not isinstance(part.get("text", ""), str):
                    raise ValueError("a text content part's `text` must be a string")
        return value


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str = _model_field()
    messages: list[ChatMessage] = Field(
        min_length=1, max_length=MAX_CHAT_MESSAGES, description=(
            "At most `RAG_MAX_HISTORY_MESSAGES` user and assistant messages before the "
            f"question and {INSTRUCTION_MESSAGES} system, developer and tool messages, each "
            "of at most `RAG_MAX_MESSAGE_CHARS` characters."))
    stream: bool = False
    filters: dict[str, Any] | None = Field(
        default=None, description="Not OpenAI's: restricts retrieval, as `filters` in POST /ask.",
        examples=[{"doc_id": ["a", "b"]}])

    _unicode = field_validator("filters")(valid_unicode)


# ---- response shapes documented in /openapi.json (service/openapi.py) ---------------------------


class ErrorDetail(BaseModel):
    loc: list[str]
    msg: str | None = None


class ErrorResponse(BaseModel):
    """What every non-OpenAI route sends on failure."""

    error: str
    details: list[ErrorDetail] | None = Field(default=None, description="Every failed field "
                                              "(422 only).")
    request_id: str | None = Field(default=None, description="On 5xx: quote it to whoever "
                                   "reads the server's log.")


class OpenAIErrorBody(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class OpenAIErrorResponse(BaseModel):
    """What `/v1/*` routes send on failure: the shape OpenAI SDKs parse (`e.message`,
    `e.param`, `e.type`)."""

    error: OpenAIErrorBody


OPENAI_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error",
                      403: "permission_error", 404: "not_found_error", 408: "timeout",
                      409: "conflict", 413: "invalid_request_error",
                      415: "invalid_request_error", 422: "invalid_request_error",
                      429: "rate_limit_exceeded"}


def openai_error(status: int, message: str, param: str | None = None,
                 code: str | None = None, **extra: Any) -> dict[str, Any]:
    """`{"error": {"message", "type", "param", "code"}}`: OpenAI SDKs read this shape only."""
    kind = OPENAI_ERROR_TYPES.get(status, "server_error" if status >= 500 else
                                  "invalid_request_error")
    return {"error": {"message": message, "type": kind, "param": param, "code": code,
                      **{k: v for k, v in extra.items() if v is not None and k != "details"}}}


class DeletedResponse(BaseModel):
    deleted: list[str]


class HealthResponse(BaseModel):
    """With API keys set and no valid key sent, `status` alone."""

    status: Literal["ok", "degraded"]
    problems: list[str] | None = None
    index_loaded: bool | None = None
    generation: int | None = None
    documents: int | None = None
    chunks: int | None = None
    embedder: str | None = None
    backend: str | None = None
    uptime_s: float | None = None


class ModelOut(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelOut]


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    counted_by: str = Field(description="`llama.cpp` (the local model's own counts), "
                            "`upstream` (the OpenAI-compatible server's), or `whitespace` "
                            "(an estimate: words and punctuation of the prompt and answer).")


class ChatChoiceMessage(BaseModel):
    role: Literal["assistant"]
    content: str


class ChatChoice(BaseModel):
    index: int
    finish_reason: Literal["stop", "length"]
    message: ChatChoiceMessage


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage
    citations: list[CitationOut]
    abstained: bool
    query: str = Field(description="The standalone question used for retrieval (a rewritten "
                       "follow-up).")
    answer_id: str = Field(description="Id to send with POST /feedback.")


class CompletionChoice(BaseModel):
    index: int
    text: str
    finish_reason: Literal["stop", "length"]
    logprobs: None = None


class Completion(BaseModel):
    id: str
    object: Literal["text_completion"]
    created: int
    model: str
    choices: list[CompletionChoice]
    usage: Usage
    citations: list[CitationOut]
    abstained: bool
    query: str
    answer_id: str = Field(description="Id to send with POST /feedback.")


class CompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str = _model_field()
    prompt: str | list[str]
    stream: bool = False
    filters: dict[str, Any] | None = Field(
        default=None, description="Not OpenAI's: restricts retrieval, as `filters` in POST /ask.",
        examples=[{"doc_id": ["a", "b"]}])

    _unicode = field_validator("prompt", "filters")(valid_unicode)

    @field_validator("prompt", mode="before")
    @classmethod
    def _few_prompts(cls, value: object) -> object:
        """A list of prompts is refused on its length before pydantic builds its strings
        (`prompt_text` answers a list of one, and names what it holds otherwise)."""
        if isinstance(value, list) and len(value) > MAX_PROMPTS:
            raise ValueError(f"{len(value)} prompts; this server answers one prompt per "
                             "request (a string or a list of one)")
        return value
