"""Request and response bodies: bounds live here so bad input is a 4xx before any work."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_QUESTION_CHARS = 2000
MAX_K = 20
MAX_HISTORY = 20
MAX_MESSAGE_CHARS = 8000


class HistoryMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_MESSAGE_CHARS)


def _question(v: str) -> str:
    if not v.strip():
        raise ValueError("the question is empty")
    return v.strip()


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS,
                          examples=["Combien de soldats la Russie a-t-elle envoyés ?"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="Passages given to the answer.")
    retriever: Literal["hybrid", "dense", "bm25"] | None = None
    history: list[HistoryMessage] = Field(default_factory=list, max_length=MAX_HISTORY)
    filters: dict[str, Any] | None = Field(
        default=None, description="Restrict retrieval: {\"doc_id\": [\"a\", \"b\"], "
        "\"date\": {\"gte\": \"2022-01-06\"}} (scalar: equals, list: one of, gte/gt/lte/lt: "
        "range; any metadata key).", examples=[{"date": {"gte": "2022-01-06"}}])

    _strip = field_validator("question")(_question)


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
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # OpenAI content parts: keep the text ones
            return " ".join(str(p.get("text", "")) for p in self.content
                            if p.get("type") == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str = "rag"
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_HISTORY * 2 + 2)
    stream: bool = False
    filters: dict[str, Any] | None = Field(
        default=None, description="Not OpenAI's: restricts retrieval, as `filters` in POST /ask.",
        examples=[{"doc_id": ["a", "b"]}])


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
    status: Literal["ok", "degraded"]
    problems: list[str] | None = None
    index_loaded: bool
    generation: int
    documents: int
    chunks: int
    embedder: str
    backend: str
    uptime_s: float


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

    model: str = "rag"
    prompt: str | list[str]
    stream: bool = False
