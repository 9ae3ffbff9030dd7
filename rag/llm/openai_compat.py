"""Any OpenAI-compatible chat server over httpx: Ollama, llama.cpp server, vLLM, OpenAI."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import httpx

from rag.llm.base import LLMError, LLMTimeout, Message


def _upstream_message(resp: httpx.Response) -> str:
    try:
        body = resp.json()
        err = body.get("error", body) if isinstance(body, dict) else body
        msg = err.get("message", err) if isinstance(err, dict) else err
        text = str(msg)
    except ValueError:
        text = resp.text
    return " ".join(text.split())[:300] or resp.reason_phrase


class OpenAICompatibleLLM:
    def __init__(self, base_url: str, model: str, api_key: str | None = None,
                 timeout: float = 60.0, temperature: float = 0.1) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._model = model
        self._temperature = temperature
        self._base = base_url.rstrip("/")
        self._client = httpx.Client(
            base_url=self._base, headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        )

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    def close(self) -> None:
        self._client.close()

    def _payload(self, messages: Sequence[Message], max_tokens: int, stream: bool
                 ) -> dict[str, Any]:
        return {"model": self._model, "messages": list(messages), "max_tokens": max_tokens,
                "temperature": self._temperature, "stream": stream}

    def _send(self, payload: dict[str, Any], stream: bool) -> httpx.Response:
        """One retry on connection errors only: a request the server saw is never repeated."""
        request = self._client.build_request("POST", "/chat/completions", json=payload)
        for attempt in (1, 2):
            try:
                resp = self._client.send(request, stream=stream)
            except httpx.ConnectError as exc:
                if attempt == 2:
                    raise LLMError(f"cannot reach the LLM server: {exc}") from None
                continue
            except httpx.TimeoutException:
                raise LLMTimeout("the LLM server timed out") from None
            except httpx.HTTPError as exc:
                raise LLMError(f"LLM server error: {exc}") from None
            if resp.status_code >= 400:
                if stream:
                    resp.read()
                resp.close()
                raise LLMError(f"LLM server answered {resp.status_code}: {_upstream_message(resp)}")
            return resp
        raise AssertionError("unreachable")

    def complete(self, messages: Sequence[Message], max_tokens: int) -> str:
        resp = self._send(self._payload(messages, max_tokens, False), stream=False)
        try:
            content = resp.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError("the LLM server sent a response that is not a chat completion") from None
        if not isinstance(content, str):
            raise LLMError("the LLM server sent a response that is not a chat completion")
        return content

    def stream(self, messages: Sequence[Message], max_tokens: int) -> Iterator[str]:
        resp = self._send(self._payload(messages, max_tokens, True), stream=True)
        finished = False
        try:
            for line in resp.iter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                try:
                    chunk = json.loads(data)
                    choice = chunk["choices"][0] if chunk.get("choices") else {}
                    piece = (choice.get("delta") or {}).get("content")
                except (ValueError, KeyError, TypeError, AttributeError):
                    raise LLMError("the LLM server sent an invalid stream chunk") from None
                if piece:
                    yield str(piece)
                finished = finished or bool(choice.get("finish_reason"))
            if not finished:
                raise LLMError("the LLM stream ended before the answer was complete")
        except httpx.TimeoutException:
            raise LLMTimeout("the LLM server stopped sending (timeout)") from None
        except httpx.HTTPError as exc:
            raise LLMError(f"the LLM stream was cut: {exc}") from None
        finally:
            resp.close()
