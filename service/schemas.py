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

    _strip = field_validator("question")(_question)


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


class AskResponse(BaseModel):
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
