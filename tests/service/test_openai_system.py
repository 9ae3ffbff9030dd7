"""A client's system message reaches a generative backend's writer (issue 15 item 1)."""

from __future__ import annotations

from typing import Any

from tests.service.conftest import FR_TROOPS, Service
from tests.service.test_openai_backend import (  # noqa: F401  (fixtures)
    SEEN,
    openai_service,
    upstream,
)


def test_system_message_goes_to_the_writer_not_the_cached_prefix(openai_service: Any  # noqa: F811
                                                                 ) -> None:
    svc: Service = openai_service()
    r = svc.client.post("/v1/chat/completions", json={"model": "rag", "messages": [
        {"role": "system", "content": "Sois bref et cite tes sources."},
        {"role": "user", "content": FR_TROOPS}]})
    # only the request the model received matters here, not what the scripted model answers
    assert r.status_code in (200, 502), r.text
    answer_requests = [s for s in SEEN if "Sois bref" in json_text(s)]
    assert answer_requests, SEEN
    msgs = answer_requests[-1]["body"]["messages"]
    assert "Sois bref" in msgs[-1]["content"]  # the last turn
    assert all("Sois bref" not in m["content"] for m in msgs[:-1])


def json_text(body: Any) -> str:
    import json

    return json.dumps(body, ensure_ascii=False)
