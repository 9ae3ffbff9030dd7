"""httpx-sse on /ask/stream: the events a browser or script reads (README "Streaming")."""

from __future__ import annotations

import json

import httpx
from httpx_sse import connect_sse

from tests.service.conftest import FR_TROOPS, Service


def test_ask_stream_with_httpx_sse(corpus_service: Service) -> None:
    kinds, text, done = [], "", None
    with httpx.Client(base_url=corpus_service.url, timeout=60) as client, connect_sse(
            client, "POST", "/ask/stream", json={"question": FR_TROOPS}) as source:
        assert source.response.headers["content-type"].startswith("text/event-stream")
        for event in source.iter_sse():
            data = json.loads(event.data)
            kinds.append(event.event)
            if event.event == "token":
                text += data["text"]
            elif event.event == "done":
                done = data
    assert kinds[0] == "citations" and kinds[-1] == "done"
    assert done is not None and done["citations"] and done["query"] == FR_TROOPS
    assert "[" in text


def test_ask_stream_error_before_the_stream_is_plain_json(corpus_service: Service) -> None:
    with httpx.Client(base_url=corpus_service.url, timeout=60) as client, connect_sse(
            client, "POST", "/ask/stream", json={"question": ""}) as source:
        assert source.response.status_code == 422
        source.response.read()
        assert isinstance(source.response.json()["error"], str)
