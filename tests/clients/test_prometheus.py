"""`/metrics` read by prometheus_client's own parser: streams timed to their last byte,
first-token time, index and queue gauges, a failed stream counted as a failure."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from rag.engine import Engine
from rag.llm.base import CancelToken, LLMError, Message
from service.settings import ServiceSettings
from tests.service.conftest import FR_TROOPS, Service, running_service


def scrape(svc: Service) -> dict[str, list[Any]]:
    text = svc.client.get("/metrics").text
    return {f.name: f.samples for f in text_string_to_metric_families(text)}


def value(samples: dict[str, list[Any]], name: str, **labels: str) -> float:
    return float(sum(s.value for fam in samples.values() for s in fam
               if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())))


def test_gauges_describe_the_served_index(small_service: Callable[..., Service]) -> None:
    svc = small_service()
    m = scrape(svc)
    assert value(m, "rag_index_documents") == 4
    assert value(m, "rag_index_chunks") >= 4
    assert value(m, "rag_index_generation") == svc.engine.snapshot.generation  # type: ignore[union-attr]
    assert value(m, "rag_generation_queue") == 0
    assert value(m, "rag_requests_in_flight") == 1  # the scrape itself


def test_stream_latency_runs_to_the_last_byte_with_first_token(
        corpus_service: Service) -> None:
    before = value(scrape(corpus_service), "rag_first_token_seconds_count", route="/ask/stream")
    with corpus_service.client.stream("POST", "/ask/stream",
                                      json={"question": FR_TROOPS}) as r:
        assert r.status_code == 200
        r.read()
    m = scrape(corpus_service)
    assert value(m, "rag_first_token_seconds_count", route="/ask/stream") == before + 1
    assert value(m, "rag_request_seconds_count", route="/ask/stream") >= 1


class _Breaks:
    """An LLM that sends two tokens, then fails: the failure comes after the 200 headers."""

    name = "broken:test"

    def complete(self, messages: list[Message], max_tokens: int,
                 cancel: CancelToken | None = None) -> str:
        raise LLMError("upstream broke")

    def stream(self, messages: list[Message], max_tokens: int,
               cancel: CancelToken | None = None, **_: Any) -> Iterator[str]:
        yield "Des "
        yield "soldats"
        raise LLMError("upstream broke mid-answer")


def test_a_stream_failing_midway_counts_as_an_error(corpus_copy: Any, embedder: Any) -> None:
    settings = ServiceSettings(index_dir=corpus_copy, rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, llm=_Breaks())  # type: ignore[arg-type]
    with running_service(settings, engine) as svc:
        r = svc.client.post("/ask/stream", json={"question": FR_TROOPS})
        events = [line for line in r.text.splitlines() if line.startswith("event: ")]
        assert r.status_code == 200 and events[-1] == "event: error", r.text
        r = svc.client.post("/v1/chat/completions", json={
            "model": "rag", "stream": True, "messages": [{"role": "user", "content": FR_TROOPS}]})
        errors = [json.loads(line[6:]) for line in r.text.splitlines()
                  if line.startswith("data: {") and '"error"' in line]
        assert errors and errors[0]["error"]["message"] == "upstream broke mid-answer"
        m = scrape(svc)
        assert value(m, "rag_requests_total", route="/ask/stream", status="502") == 1
        assert value(m, "rag_requests_total", route="/v1/chat/completions", status="502") == 1
        assert value(m, "rag_requests_total", route="/ask/stream", status="200") == 0
