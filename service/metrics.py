"""Prometheus metrics, one registry per app so tests and several apps never collide.

Every label comes from a closed set (known methods, the app's route templates, known status
codes or their class): a client must not be able to create series, each one is kept forever.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest

from rag.feedback import HARD_CAP_FACTOR, MAX_ANSWERS, MAX_FEEDBACK

if TYPE_CHECKING:
    from rag.engine import Engine

log = logging.getLogger("rag.service")

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
METHODS = frozenset({"GET", "HEAD", "POST", "DELETE", "OPTIONS", "PUT", "PATCH"})
STATUSES = frozenset({200, 201, 202, 204, 304, 400, 401, 403, 404, 405, 408, 409, 413, 415, 422,
                      429, 499, 500, 502, 503, 504})  # 499: the client hung up on an answer


def method_label(method: str) -> str:
    return method if method in METHODS else "other"


def status_label(status: int) -> str:
    """The code when it is one the service answers, else its class (`5xx`)."""
    return str(status) if status in STATUSES else f"{min(max(status // 100, 1), 5)}xx"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("rag_requests_total", "HTTP requests by route and status",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("rag_request_seconds", "HTTP request latency by route",
                                 ["route"], buckets=_BUCKETS, registry=self.registry)
        self.refused = Counter("rag_refused_total", "Requests refused before routing "
                               "(method, host, origin, body_size, body_timeout, body_budget, "
                               "auth_throttle)",
                               ["reason"], registry=self.registry)
        self.retrieval = Histogram("rag_retrieval_seconds", "Retrieval time per question",
                                   buckets=_BUCKETS, registry=self.registry)
        self.generation = Histogram("rag_generation_seconds", "Answer generation time",
                                    buckets=_BUCKETS, registry=self.registry)
        self.first_token = Histogram("rag_first_token_seconds", "Streamed answers: time from "
                                     "the request to the first answer token sent",
                                     ["route"], buckets=_BUCKETS, registry=self.registry)
        self.feedback = Counter("rag_feedback_total", "Votes on answers (POST /feedback)",
                                ["rating"], registry=self.registry)
        for rating in ("up", "down"):  # the closed set, shown at 0 before the first vote
            self.feedback.labels(rating)
        self.feedback_evicted = Counter(
            "rag_feedback_evicted_total", "Votes deleted from the feedback log to keep its "
            f"newest {MAX_FEEDBACK:,}: a rise means the log is full, or someone is filling it",
            registry=self.registry)
        self.answers_evicted = Counter(
            "rag_answers_evicted_total", "Answers deleted from the answer log to keep it near "
            f"{MAX_ANSWERS:,}, the oldest of the client holding the most first (others' "
            "answers only once past RAG_ANSWER_LOG_MIN_AGE, until the log holds "
            f"{MAX_ANSWERS * HARD_CAP_FACTOR:,}): votes on them get a 404; a steady rise means "
            "a client is asking in a loop",
            registry=self.registry)
        self.in_flight = Gauge("rag_requests_in_flight", "Requests received and not yet "
                               "fully answered (streams until their last byte)",
                               registry=self.registry)

    def watch(self, name: str, doc: str, read: Callable[[], float]) -> None:
        """A gauge read when /metrics is scraped (index size, queue depth): never stale."""
        Gauge(name, doc, registry=self.registry).set_function(read)

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        """`route` must be a route template or "unmatched", never a raw path."""
        self.requests.labels(route, method_label(method), status_label(status)).inc()
        self.latency.labels(route).observe(seconds)

    def mark_first_token(self, state: Any, route: str) -> None:
        """Once per streamed response; `state` is the request's, `t0` set by the app's
        middleware when the request came in."""
        t0 = getattr(state, "t0", None)
        if t0 is None or getattr(state, "first_token_seen", False):
            return
        state.first_token_seen = True
        self.first_token.labels(route).observe(time.perf_counter() - t0)

    @staticmethod
    def mark_failed(state: Any, status: int) -> None:
        """A stream that failed after its 200 headers: counted and logged with this status."""
        state.stream_status = status

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def refusal(self, reason: str, status: int) -> None:
        """A request refused before routing (service/guards.py, service/security.py)."""
        self.refused.labels(reason).inc()
        log.info(json.dumps({"refused": reason, "status": status}))

    def watch_engine(self, engine: Engine) -> None:
        """Gauges read at scrape time from the served index and the generation gate."""

        def count(key: str) -> Callable[[], float]:
            def read() -> float:
                snap = engine.snapshot
                return float(snap.manifest["counts"][key]) if snap is not None else 0.0
            return read

        def queued() -> float:
            gate = getattr(engine.answerer, "_gate", None)  # admitted beyond the running slots
            inside = getattr(gate, "_inside", 0)
            return float(max(0, inside - engine.settings.generation_slots))

        self.watch("rag_index_documents", "Documents in the served index", count("documents"))
        self.watch("rag_index_chunks", "Chunks in the served index", count("chunks"))
        self.watch("rag_index_generation", "Committed generation of the served index",
                   lambda: float(engine.snapshot.generation) if engine.snapshot else 0.0)
        self.watch("rag_generation_queue", "Answers waiting for a generation slot", queued)
