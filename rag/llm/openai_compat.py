"""Any OpenAI-compatible chat server over httpx: Ollama, llama.cpp server, vLLM, OpenAI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx

from rag.llm.base import CancelToken, LLMError, LLMTimeout, Message, Usage
from rag.socket_abort import SocketAbort

# A credential in an upstream's words: "Bearer sk-...", "Basic dXNlcjpwdw==".
_CREDENTIAL = re.compile(r"(?i)\b(bearer|basic)(\s+|%20)[\w.~+/=:-]+")
REDACTED = "<redacted>"


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` without `secrets` nor any `Bearer <token>`: a hostile or careless upstream that
    echoes the request's Authorization header in its error put the API key in the log."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return _CREDENTIAL.sub(lambda m: f"{m.group(1)} {REDACTED}", text)


def _upstream_message(resp: httpx.Response, secrets: tuple[str, ...] = ()) -> str:
    """The upstream's own error message, redacted before it is cut (a key across the cut
    would leave its start), on one line."""
    try:
        body = resp.json()
        err = body.get("error", body) if isinstance(body, dict) else body
        msg = err.get("message", err) if isinstance(err, dict) else err
        text = str(msg)
    except ValueError:
        text = resp.text
    return " ".join(redact(text, secrets).split())[:300] or resp.reason_phrase


class OpenAICompatibleLLM:
    def __init__(self, base_url: str, model: str, api_key: str | None = None,
                 timeout: float = 60.0, temperature: float = 0.1) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._secrets = (api_key,) if api_key else ()  # never in an error message
        self._model = model
        self._temperature = temperature
        self._base = base_url.rstrip("/")
        self._client = self._new_client(headers, timeout)
        # A cancellable whole reply waits for the upstream's headers: on a reused connection
        # (not traced, its socket unknown until they arrive) a cancel could not end the wait,
        # so those requests always open a connection of their own.
        self._unpooled = self._new_client(headers, timeout, keepalive=False)

    def _new_client(self, headers: dict[str, str], timeout: float, keepalive: bool = True
                    ) -> httpx.Client:
        # One retry of a connection that could not be made (refused, or not made in time):
        # the server never saw the request, so repeating it is safe; nothing else is retried.
        return httpx.Client(
            base_url=self._base, headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=httpx.HTTPTransport(  # httpx's default limits, or no idle connection
                retries=1, limits=httpx.Limits(max_connections=100,
                                               max_keepalive_connections=20 if keepalive else 0)),
        )

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    def close(self) -> None:
        self._client.close()
        self._unpooled.close()

    def _payload(self, messages: Sequence[Message], max_tokens: int, stream: bool,
                 temperature: float | None = None) -> dict[str, Any]:
        payload = {"model": self._model, "messages": list(messages), "max_tokens": max_tokens,
                   "temperature": self._temperature if temperature is None else temperature,
                   "stream": stream}
        if stream:  # the last chunk then carries the upstream's token counts
            payload["stream_options"] = {"include_usage": True}
        return payload

    def _send(self, payload: dict[str, Any], stream: bool, abort: SocketAbort | None = None,
              client: httpx.Client | None = None) -> httpx.Response:
        client = client or self._client
        extensions = {"trace": abort.trace} if abort is not None else None
        request = client.build_request("POST", "/chat/completions", json=payload,
                                       extensions=extensions)
        try:
            resp = client.send(request, stream=stream)
        except httpx.ConnectError as exc:
            raise LLMError(f"cannot reach the LLM server: {redact(str(exc), self._secrets)}"
                           ) from None
        except httpx.TimeoutException:
            raise LLMTimeout("the LLM server timed out") from None
        except httpx.HTTPError as exc:
            raise LLMError(f"LLM server error: {redact(str(exc), self._secrets)}") from None
        if resp.status_code >= 400:
            if stream:
                resp.read()
            resp.close()
            raise LLMError(f"LLM server answered {resp.status_code}: "
                           f"{_upstream_message(resp, self._secrets)}")
        return resp

    def complete(self, messages: Sequence[Message], max_tokens: int,
                 cancel: CancelToken | None = None) -> str:
        """The whole reply; `cancel` shuts the connection down (the call then ends at once
        with an LLMError) instead of waiting up to the timeout for an answer no one wants."""
        payload = self._payload(messages, max_tokens, False)
        if cancel is None:
            resp = self._send(payload, stream=False)
        elif cancel.cancelled:
            raise LLMError("the LLM request was cancelled")
        else:
            abort = SocketAbort()
            unregister = cancel.on_cancel(abort.fire)
            try:
                resp = self._send(payload, stream=False, abort=abort, client=self._unpooled)
            except LLMError:
                if cancel.cancelled:
                    raise LLMError("the LLM request was cancelled") from None
                raise
            finally:
                unregister()
        try:
            content = resp.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError("the LLM server sent a response that is not a chat completion") from None
        if not isinstance(content, str):
            raise LLMError("the LLM server sent a response that is not a chat completion")
        return content

    def stream(self, messages: Sequence[Message], max_tokens: int,
               cancel: CancelToken | None = None, *, temperature: float | None = None,
               on_usage: Callable[[Usage], None] | None = None) -> Iterator[str]:
        """Streamed chat; `cancel` shuts the connection down (the upstream sees the client
        leave and can stop generating) and the iterator then ends without an error."""
        abort = SocketAbort()
        unregister = cancel.on_cancel(abort.fire) if cancel is not None else None
        payload = self._payload(messages, max_tokens, True, temperature)
        try:
            yield from self._stream(payload, abort, on_usage)
        except LLMError:
            if cancel is None or not cancel.cancelled:
                raise
        finally:
            if unregister is not None:
                unregister()

    def _stream(self, payload: dict[str, Any], abort: SocketAbort,
                on_usage: Callable[[Usage], None] | None) -> Iterator[str]:
        resp = self._send(payload, stream=True, abort=abort)
        abort.add(resp.extensions.get("network_stream"))  # a reused connection: no trace
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
                    counts = _usage(chunk.get("usage"))
                except (ValueError, KeyError, TypeError, AttributeError):
                    raise LLMError("the LLM server sent an invalid stream chunk") from None
                if counts is not None and on_usage is not None:
                    on_usage(counts)
                if piece:
                    yield str(piece)
                finished = finished or bool(choice.get("finish_reason"))
            if not finished:
                raise LLMError("the LLM stream ended before the answer was complete")
        except httpx.TimeoutException:
            raise LLMTimeout("the LLM server stopped sending (timeout)") from None
        except httpx.HTTPError as exc:
            raise LLMError(f"the LLM stream was cut: {redact(str(exc), self._secrets)}"
                           ) from None
        finally:
            resp.close()


def _usage(data: object) -> Usage | None:
    """The upstream's `usage` object, when it sent one with both counts."""
    if not isinstance(data, dict):
        return None
    p, c = data.get("prompt_tokens"), data.get("completion_tokens")
    if type(p) is not int or type(c) is not int or p < 0 or c < 0:
        return None
    return Usage(p, c, "upstream")
