"""The service's settings: the library's, plus what only a server has (bind address, API keys,
CORS, trusted hosts, rate limits, request sizes and deadlines). One pydantic-settings object,
read once at the edge (`rag serve`, `create_app`) from the same `RAG_*` variables."""

from __future__ import annotations

import ipaddress

from pydantic import Field, PrivateAttr, SecretStr, field_validator, model_validator

from rag import Settings
from rag.feedback import MIN_ANSWER_AGE
from rag.filters import BUILT_IN_KEYS
from rag.read_clock import UPLOAD_READ_SECONDS
from service.security import parse_keys


class ServiceSettings(Settings):
    """Every knob of the library and of the HTTP service; environment variables use `RAG_`."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    max_documents_per_request: int = Field(default=1000, ge=1)
    upload_read_seconds: float = Field(
        default=UPLOAD_READ_SECONDS, gt=0, le=3600,
        description="Seconds the files of one upload may take to parse (PDF, Word), all of "
        "them together: a 413 past it, nothing kept. A client that hangs up stops it.",
    )
    max_urls_per_request: int = Field(
        default=50, ge=1, le=1000,
        description="URLs one POST /documents may ask the server to fetch (413 over it): each "
        "page may take RAG_FETCH_TIMEOUT seconds, four at a time.",
    )
    async_ingest_bytes: int = Field(
        default=64 * 1024, ge=0, description="POST /documents with more text than this runs "
        "as a job (202 and `GET /jobs/{id}`) instead of holding the request; 0 = only when "
        "asked (`?async=true` or `Prefer: respond-async`).",
    )
    max_pending_chars: int = Field(
        default=40_000_000, ge=1000,
        description="Characters of text (NFKC, as embedded) the ingests waiting or running "
        "may hold in all, jobs and synchronous ingests alike (each keeps its documents in "
        "memory until it ends): one that would pass it is a 503 with Retry-After; one alone "
        "is always taken.",
    )
    api_keys: SecretStr = Field(
        default=SecretStr(""),
        description="Comma-separated keys; when set, every endpoint but /health and the "
        "widget's files needs `Authorization: Bearer <key>`, and filters take only the "
        "built-in keys unless RAG_FILTER_KEYS lists others.",
    )
    admin_keys: SecretStr = Field(
        default=SecretStr(""),
        description="Comma-separated keys that may also add and delete documents; when set, "
        "other keys get 403 there.",
    )
    rate_limit_per_minute: int = Field(default=3000, ge=0, description="Per key or IP; 0 = off.")
    rate_limit_burst: int = Field(default=200, ge=1)
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Origins allowed to call the API from a browser (the widget on another '
        'site), e.g. RAG_CORS_ORIGINS=\'["https://example.org"]\'; "*" for any site to '
        'read (and, only when no API or admin keys are set, to write).',
    )
    trusted_hosts: list[str] = Field(
        default_factory=list,
        description="Host header names the service answers to (400 otherwise), e.g. "
        '\'["rag.example.org", "*.example.org"]\'; empty = derived from `host`: loopback '
        "names for a loopback bind; for 0.0.0.0 / :: any IP address, loopback and the "
        "machine's own names (not other names: DNS rebinding); else that address and loopback."
    )
    max_request_bytes: int = Field(
        default=2 * 1024 * 1024, ge=1024,
        description="Body limit of every request but POST /documents (max_upload_bytes).",
    )
    max_body_bytes_in_flight: int = Field(
        default=256 * 1024 * 1024, ge=0,
        description="Bytes of request bodies all the requests in flight may hold together "
        "(each one's first 64 KiB aside, counted as they arrive, given back when the request "
        "ends), POST /documents aside (its bodies are read two at a time): a request whose "
        "body would pass it is a 503 with Retry-After; one alone is always taken; 0 = no "
        "limit (then up to RAG_MAX_CONNECTIONS x RAG_MAX_REQUEST_BYTES, 2 GB at the defaults).",
    )
    body_timeout: float = Field(
        default=60.0, gt=0, le=3600, description="Seconds a request body has to arrive (408).",
    )
    header_timeout: float = Field(
        default=10.0, gt=0, le=600,
        description="Seconds a request's headers have to arrive under `rag serve` (and `rag "
        "cluster serve --local`).",
    )
    max_connections: int = Field(
        default=1000, ge=0,
        description="Open connections (or requests running) past which `rag serve` answers "
        "every new request with a plain 503 and closes its connection (uvicorn's "
        "`limit_concurrency`); 0 = no limit. One address may still open that many: in front "
        "of the internet, put a proxy with per-address connection limits.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or ranges of reverse proxies whose X-Forwarded-For and "
        'X-Forwarded-Proto the service believes, e.g. \'["127.0.0.1"]\' for a proxy on the '
        "same machine: the client is then the rightmost X-Forwarded-For entry none of them "
        'added; "*" takes every connection for a proxy\'s and the rightmost entry for the '
        "client (only where no client reaches the server but through proxies); empty = none: "
        "the client address is the connection's (uvicorn's own default trusts 127.0.0.1, so "
        "anyone on a loopback bind could pick their address, and dodge the wrong-key "
        "throttle and the rate limit).",
    )
    feedback_per_hour: int = Field(
        default=60, ge=0,
        description="Votes (POST /feedback) one client may cast an hour, counted per API key "
        "and client address as the rate limit counts them: up to this many at once, then one "
        "every 3600/N seconds; a 429 with Retry-After past it; 0 = no limit. The log keeps "
        "the newest 20,000 votes, so without it one client could push every real vote out.",
    )
    verify_cost_per_minute: int = Field(
        default=24_000, ge=0,
        description="Embedding cost one client (key and address, as the rate limit counts "
        "it) may spend on POST /verify a minute, counted as the route's bound counts it "
        "(`embedding_cost` and what the claim checks read of long sentences, `reading_cost`; "
        "at most 24,000 a request): up to this much at once, then this "
        "much a minute; past it a 429 with Retry-After; 0 = no limit. The default lets one "
        "request at the bound through a minute (~35 s of CPU).",
    )
    answer_log_min_age: float = Field(
        default=MIN_ANSWER_AGE, ge=0,
        description="Seconds an answer stays in the answer log (for votes) whatever other "
        "clients ask, while the log holds less than 10 times its 10,000 answers; past 10 "
        "times, the oldest answers of the client holding the most go whatever their age. "
        "0 = no minimum (the client holding the most always loses its oldest).",
    )
    docs_pages: bool = Field(
        default=False,
        description="Serve the interactive API docs, /docs (Swagger UI) and /redoc (ReDoc). "
        "Off by default: they load their scripts from a CDN (cdn.jsdelivr.net, a floating "
        "version, no integrity check) into the service's own origin, where a script may "
        "write without a key when none is set. /openapi.json is always served.",
    )
    auth_failures_per_minute: int = Field(
        default=20, ge=0,
        description="Wrong API keys allowed per client address a minute (as a burst) before "
        "429 without comparing keys; 0 = off.",
    )

    # Whether `filter_keys` was set to BUILT_IN_KEYS because API keys are set and
    # RAG_FILTER_KEYS is not (create_app logs it once). Kept by `model_copy`, which runs no
    # validator: a copy that adds API keys keeps the filter keys it had.
    _filter_keys_defaulted: bool = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _built_in_filter_keys_with_api_keys(self) -> ServiceSettings:
        """With API keys set, the server answers others (a widget's key is public in every
        page): there, unless RAG_FILTER_KEYS says otherwise, filters take the built-in keys
        only. A list of 1,000 values a request read a hidden `salary` in 84 requests, and
        any other metadata key's error told whether documents hold it (review 15b, N1)."""
        if self.filter_keys is None and parse_keys(self.api_keys.get_secret_value()):
            self.filter_keys = list(BUILT_IN_KEYS)
            self._filter_keys_defaulted = True
        return self

    @property
    def filter_keys_defaulted(self) -> bool:
        """Filters take the built-in keys only because API keys are set without
        RAG_FILTER_KEYS (the start-up warning's condition)."""
        return self._filter_keys_defaulted

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: list[str]) -> list[str]:
        """Addresses or networks only (or "*"): a host name or a typo would trust nobody
        (or, read as uvicorn read it, a literal that never matches)."""
        out = [v.strip() for v in value if v.strip()]
        for v in out:
            if v == "*":
                continue
            try:
                ipaddress.ip_network(v, strict=False)
            except ValueError:
                raise ValueError(f"trusted_proxies: {v!r} is no IP address or range") from None
        return out

    @classmethod
    def of(cls, settings: Settings | None) -> ServiceSettings:
        """`settings` as service settings: a library `Settings` keeps its values and takes the
        service's from the environment (the environment's alone when None)."""
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        return cls(**settings.model_dump())
