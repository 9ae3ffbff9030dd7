"""Schemathesis against the service's own /openapi.json, on a real uvicorn server.

Every operation of the schema gets generated requests (valid ones, and invalid ones where the
operation takes input), sent over loopback to a server over a small index with the extractive
backend. Checks: no 5xx ever; every 4xx is the documented `{"error": "..."}` JSON; every 200 of
an operation with a response model conforms to its schema. Status-code conformance is not
checked: the schema declares only 200/422 while the API also answers 400, 404, 413 and 415.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.service.conftest import Service

MAX_EXAMPLES = int(os.environ.get("RAG_SCHEMATHESIS_EXAMPLES", "40"))
MIN_CASES = 200
# Only these take input that can be made invalid (a body or query parameters); a path
# parameter that is any string, or no parameter at all, has no negative case.
NEGATIVE_OPS = {"POST /ask", "POST /ask/stream", "GET /search", "POST /documents",
                "POST /v1/chat/completions"}
# 200 responses with a declared response model.
MODELLED_200 = {"POST /ask", "GET /search", "GET /documents", "POST /documents"}


def _fuzz(schema: Any, svc: Service) -> tuple[Counter[tuple[str, str, int]], list[str]]:
    seen: Counter[tuple[str, str, int]] = Counter()
    failures: list[str] = []
    session = requests.Session()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= NEGATIVE_OPS | MODELLED_200 | {
        "DELETE /documents/{doc_id}", "GET /health", "GET /metrics", "GET /v1/models"}
    for op in operations:
        modes = [GenerationMode.POSITIVE]
        if op.label in NEGATIVE_OPS:
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            run = _runner(op, mode, svc, session, seen, failures)
            run()
    session.close()
    return seen, failures


def _runner(op: Any, mode: GenerationMode, svc: Service, session: requests.Session,
            seen: Counter[tuple[str, str, int]], failures: list[str]) -> Callable[[], None]:
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(base_url=svc.url, session=session, timeout=60)
        status = response.status_code
        seen[(op.label, mode.value, status)] += 1
        checks: list[Any] = [not_a_server_error]
        if status == 200 and op.label in MODELLED_200:
            checks += [response_schema_conformance, content_type_conformance]
        problems = []
        try:
            case.validate_response(response, checks=checks)
        except FailureGroup as exc:  # one or more checks failed
            problems.append(str(exc)[:2000])
        if 400 <= status < 500:
            try:
                error = response.json().get("error")
                if op.path.startswith("/v1/") and isinstance(error, dict):
                    error = error.get("message")  # OpenAI's shape on /v1/*
            except (ValueError, AttributeError):
                error = None
            if not (isinstance(error, str) and error.strip()):
                problems.append(f"{status} without an {{'error': ...}} body: {response.text[:300]}")
        if problems:
            failures.append(f"{op.label} [{mode.value}] -> {status}\n"
                            f"{case.as_curl_command()}\n" + "\n".join(problems))

    return run


def test_openapi_schema_fuzzing_finds_no_server_error(small_service: Any,
                                                     record_property: Any) -> None:
    svc: Service = small_service(rate_limit_per_minute=0)
    schema = schemathesis.openapi.from_url(f"{svc.url}/openapi.json", timeout=30)
    seen, failures = _fuzz(schema, svc)

    total = sum(seen.values())
    by_status = Counter[int]()
    for (_, _, status), n in seen.items():
        by_status[status] += n
    print(f"\nschemathesis {schemathesis.__version__}: {total} cases over "
          f"{len({k[0] for k in seen})} operations; statuses {dict(sorted(by_status.items()))}")
    record_property("schemathesis_cases", total)
    assert not failures, f"{len(failures)} failing cases:\n\n" + "\n\n".join(failures[:10])
    assert total >= MIN_CASES, seen
    assert not [s for s in by_status if s >= 500]
    # The fuzzing reached real work, not only rejections: answers, hits, ingests.
    for label in ("POST /ask", "GET /search", "POST /documents"):
        assert seen[(label, "positive", 200)] > 0, (label, seen)
    # And the server is still healthy and consistent afterwards.
    health = svc.client.get("/health")
    assert health.status_code == 200 and health.json()["index_loaded"] is True
    listed = svc.client.get("/documents").json()
    assert health.json()["documents"] == len(listed)
    assert health.json()["chunks"] == sum(d["chunks"] for d in listed)


def test_openapi_request_bodies_resolve(small_service: Any) -> None:
    """Every `$ref` of /openapi.json points to a schema it defines (clients generated from it
    break otherwise); POST /documents documents its JSON body and marks it required."""
    svc: Service = small_service(ingest=False)
    doc = svc.client.get("/openapi.json").json()
    defined = set(doc.get("components", {}).get("schemas", {}))

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
            return own + [r for v in node.values() for r in refs(v)]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    found = refs(doc)
    assert found
    dangling = [r for r in found if r.removeprefix("#/components/schemas/") not in defined]
    assert not dangling, dangling
    body = doc["paths"]["/documents"]["post"]["requestBody"]
    assert body.get("required") is True
    item = body["content"]["application/json"]["schema"]["properties"]["documents"]["items"]
    assert set(item["required"]) == {"id", "text"}
