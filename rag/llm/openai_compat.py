"""Any OpenAI-compatible chat server over httpx: Ollama, llama.cpp server, vLLM, OpenAI.

The upstream's size is not trusted (thirteenth review, F5): it is asked for `max_tokens`, and
read for about that much: a stream stops after PIECES_PER_TOKEN chunks (LINES_PER_TOKEN
lines, blank ones included), CHARS_PER_TOKEN characters or STREAM_BYTES_PER_TOKEN bytes a
token asked for (the rest is cut, as `finish_reason: length` would; `_stream_bytes`), a stream
line is at most MAX_LINE_BYTES, a whole reply at most `_reply_bytes(max_tokens)` and an
error body is read for its first ERROR_BODY_BYTES only. Before, an upstream that ignored
`max_tokens` was read to its end, and one long line or body was buffered whole.

JSON nested deeper than the parser's recursion limit (200,000 `[` fit within those bounds)
makes `json.loads` raise RecursionError, which is no ValueError: it is caught with them and
is an LLMError like any reply that is not a chat completion (fourteenth review, F2: it was a
500 with a traceback, and a stream ended with neither `error` nor `done`).

Nor is its pace trusted: `timeout` bounds each read (httpx's timeouts count reads apart) and
`deadline` the whole call, streamed or not, on the wall clock (`rag.socket_abort.Deadline`,
as page fetches do): past it the connection is shut down and the call is an LLMTimeout. A
stream's lines all count against its line budget, blank ones too, and its bytes against
`_stream_bytes(max_tokens)`. Before, an upstream sending a blank line every 2 s held an answer
for as long as it liked with a 5 s timeout, and one sending 64 KiB of line ends a write was
read for 242 MB (30 s of CPU) as the blank lines counted for nothing.

Every bound counts bytes as sent: `Accept-Encoding: identity` is asked, bodies are read raw
(`iter_raw`, never decoded by httpx) and a reply with any other Content-Encoding is refused
before its body is read (an LLMError, `_refuse_encoded`). httpx decoded a gzip, deflate or
zstd reply (br too with brotli installed) whatever was asked, a network chunk at a time and
without a bound, before any byte bound could count it: 50 KB of gzip sent by a hostile
upstream inflated to 50 MB at once (a stacked "gzip, gzip" one to gigabytes). A compliant
server never encodes a reply asked for identity, so no decoder is needed.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import httpx

from rag.llm.base import CancelToken, LLMError, LLMTimeout, Message, Usage
from rag.socket_abort import Deadline, SocketAbort

log = logging.getLogger("rag.llm")

PIECES_PER_TOKEN = 4  # stream chunks read per token asked for (most send one a token)
CHARS_PER_TOKEN = 16  # characters of text kept per token asked for (a token is 4 or so)
MAX_LINE_BYTES = 1024 * 1024  # one line of a stream (one chunk's JSON)
# A stream's lines a token asked for: a chunk is a `data:` line and the blank line ending it
LINES_PER_TOKEN = 2 * PIECES_PER_TOKEN
STREAM_BYTES_PER_TOKEN = 4 * 1024  # a chunk weighs 200 to 600 bytes (OpenAI, vLLM, Azure)
DEADLINE = 120.0  # seconds a whole call may take, by default (RAG_LLM_DEADLINE)
ERROR_BODY_BYTES = 64 * 1024  # of an error reply, for its message

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


def _upstream_message(resp: httpx.Response, raw: bytes, secrets: tuple[str, ...] = ()) -> str:
    """The upstream's own error message (from `raw`, the start of its body), redacted before
    it is cut (a key across the cut would leave its start), on one line."""
    try:
        body = json.loads(raw)
        err = body.get("error", body) if isinstance(body, dict) else body
        msg = err.get("message", err) if isinstance(err, dict) else err
        text = str(msg)
    except (ValueError, RecursionError):  # RecursionError: JSON nested past the parser's depth
        text = raw.decode("utf-8", "replace")
    return " ".join(redact(text, secrets).split())[:300] or resp.reason_phrase


def _reply_bytes(max_tokens: int) -> int:
    """The most a whole (non-streamed) reply may weigh: its text at CHARS_PER_TOKEN a token,
    6 bytes a character as JSON escapes it at most, and room for the rest of the object."""
    return 256 * 1024 + 6 * CHARS_PER_TOKEN * max_tokens


def _stream_bytes(max_tokens: int) -> int:
    """The most a stream may send: one line of the longest kind, and STREAM_BYTES_PER_TOKEN
    a token asked for (its chunks, line ends and keep-alive comments)."""
    return MAX_LINE_BYTES + STREAM_BYTES_PER_TOKEN * max_tokens


class _StreamTooLarge(Exception):
    """A stream sent more bytes than `_stream_bytes` allows (it is then cut)."""


def _timed_out(deadline: Deadline) -> LLMTimeout:
    return LLMTimeout(f"the LLM server timed out (no whole answer in {deadline.seconds:g} s)")


def _metered(chunks: Iterable[bytes], limit: int, deadline: Deadline) -> Iterator[bytes]:
    """`chunks` while they come in time and weigh `limit` bytes at most in all: an
    LLMTimeout once the deadline has passed, _StreamTooLarge past `limit` (its last chunk
    is not given)."""
    received = 0
    for chunk in chunks:
        if deadline.expired:
            raise _timed_out(deadline)
        received += len(chunk)
        if received > limit:
            raise _StreamTooLarge
        yield chunk


def _read_upto(resp: httpx.Response, limit: int, deadline: Deadline) -> tuple[bytes, bool]:
    """The body of a streamed response, read until `limit` bytes at most; and whether there
    was more (then not read). An LLMTimeout once `deadline` has passed."""
    body = bytearray()
    for chunk in resp.iter_raw():  # as sent: httpx decodes nothing (`_refuse_encoded`)
        if deadline.expired:
            raise _timed_out(deadline)
        body += chunk
        if len(body) > limit:
            return bytes(body[:limit]), True
    return bytes(body), False


def sse_lines(chunks: Iterable[bytes], max_line: int = MAX_LINE_BYTES) -> Iterator[str]:
    """The lines of a byte stream (ended by LF, CRLF or CR), as UTF-8; an LLMError as soon as
    one is longer than `max_line` bytes (httpx's `iter_lines` buffered a line without end)."""
    pending = bytearray()
    for chunk in chunks:
        pending += chunk
        if b"\n" not in chunk and b"\r" not in chunk:
            if len(pending) > max_line:
                break
            continue
        lines = bytes(pending).splitlines(keepends=True)
        pending.clear()
        if lines and not lines[-1].endswith((b"\n", b"\r")):
            pending += lines.pop()
        for line in lines:
            text = line.rstrip(b"\r\n")
            if len(text) > max_line:
                raise LLMError(f"the LLM server sent a stream line over {max_line} bytes")
            yield text.decode("utf-8", "replace")
        if len(pending) > max_line:
            break
    if len(pending) > max_line:
        raise LLMError(f"the LLM server sent a stream line over {max_line} bytes")
    if pending:
        yield bytes(pending).decode("utf-8", "replace")


class OpenAICompatibleLLM:
    def __init__(self, base_url: str, model: str, api_key: str | None = None,
                 timeout: float = 60.0, temperature: float = 0.1,
                 deadline: float = DEADLINE) -> None:
        """`timeout`: seconds each read (and the connect, 10 at most) may wait; `deadline`:
        seconds a whole call may take, streamed or not, never less than `timeout`."""
        # no compressed replies: the bounds on what is read count the bytes as sent
        headers = {"Accept-Encoding": "identity",
                   **({"Authorization": f"Bearer {api_key}"} if api_key else {})}
        self._secrets = (api_key,) if api_key else ()  # never in an error message
        self._model = model
        self._temperature = temperature
        self._base = base_url.rstrip("/")
        self._deadline = max(deadline, timeout)
        # Every call opens a connection of its own: on a reused connection (not traced, its
        # socket unknown until the headers arrive) neither a cancel nor the deadline could end
        # the wait for the headers, which an upstream may send a byte at a time.
        # One retry of a connection that could not be made (refused, or not made in time):
        # the server never saw the request, so repeating it is safe; nothing else is retried.
        self._client = httpx.Client(
            base_url=self._base, headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=httpx.HTTPTransport(  # httpx's default limits, no idle connection
                retries=1, limits=httpx.Limits(max_connections=100,
                                               max_keepalive_connections=0)),
        )

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    def close(self) -> None:
        self._client.close()

    def _payload(self, messages: Sequence[Message], max_tokens: int, stream: bool,
                 temperature: float | None = None) -> dict[str, Any]:
        payload = {"model": self._model, "messages": list(messages), "max_tokens": max_tokens,
                   "temperature": self._temperature if temperature is None else temperature,
                   "stream": stream}
        if stream:  # the last chunk then carries the upstream's token counts
            payload["stream_options"] = {"include_usage": True}
        return payload

    def _send(self, payload: dict[str, Any], deadline: Deadline) -> httpx.Response:
        """The upstream's response, its body not read yet (the caller reads it, bounded)."""
        request = self._client.build_request("POST", "/chat/completions", json=payload,
                                             extensions={"trace": deadline.trace})
        try:
            resp = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise LLMTimeout("the LLM server timed out") from None
        except httpx.HTTPError as exc:
            if deadline.expired:
                raise _timed_out(deadline) from None
            if isinstance(exc, httpx.ConnectError):
                raise LLMError("cannot reach the LLM server: "
                               f"{redact(str(exc), self._secrets)}") from None
            raise LLMError(f"LLM server error: {redact(str(exc), self._secrets)}") from None
        deadline.abort.add(resp.extensions.get("network_stream"))  # (traced: added already)
        _refuse_encoded(resp)
        if resp.status_code >= 400:
            try:
                raw, _ = _read_upto(resp, ERROR_BODY_BYTES, deadline)
            except httpx.HTTPError:
                raw = b""
            finally:
                resp.close()
            raise LLMError(f"LLM server answered {resp.status_code}: "
                           f"{_upstream_message(resp, raw, self._secrets)}")
        return resp

    def complete(self, messages: Sequence[Message], max_tokens: int,
                 cancel: CancelToken | None = None) -> str:
        """The whole reply; `cancel` shuts the connection down (the call then ends at once
        with an LLMError) instead of waiting up to the timeout for an answer no one wants."""
        payload = self._payload(messages, max_tokens, False)
        if cancel is not None and cancel.cancelled:
            raise LLMError("the LLM request was cancelled")
        abort = SocketAbort()
        unregister = cancel.on_cancel(abort.fire) if cancel is not None else None
        try:
            with Deadline(self._deadline, abort) as deadline:
                raw = self._reply(payload, _reply_bytes(max_tokens), deadline)
        except LLMError:
            if cancel is not None and cancel.cancelled:
                raise LLMError("the LLM request was cancelled") from None
            raise
        finally:
            if unregister is not None:
                unregister()
        try:
            content = json.loads(raw)["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            raise LLMError("the LLM server sent a response that is not a chat completion") from None
        if not isinstance(content, str):
            raise LLMError("the LLM server sent a response that is not a chat completion")
        return content

    def _reply(self, payload: dict[str, Any], limit: int, deadline: Deadline) -> bytes:
        """A whole reply's body, at most `limit` bytes (an LLMError past it), by `deadline`
        (an LLMTimeout past it)."""
        resp = self._send(payload, deadline)
        try:
            raw, more = _read_upto(resp, limit, deadline)
        except httpx.TimeoutException:
            raise LLMTimeout("the LLM server stopped sending (timeout)") from None
        except httpx.HTTPError as exc:
            if deadline.expired:
                raise _timed_out(deadline) from None
            raise LLMError(f"the LLM reply was cut: {redact(str(exc), self._secrets)}"
                           ) from None
        finally:
            resp.close()
        if deadline.expired:  # a body without a length ends where the deadline cut it
            raise _timed_out(deadline)
        if more:
            raise LLMError(f"the LLM server sent a reply over {limit} bytes (for "
                           f"{payload['max_tokens']} tokens)")
        return raw

    def stream(self, messages: Sequence[Message], max_tokens: int,
               cancel: CancelToken | None = None, *, temperature: float | None = None,
               on_usage: Callable[[Usage], None] | None = None) -> Iterator[str]:
        """Streamed chat; `cancel` shuts the connection down (the upstream sees the client
        leave and can stop generating) and the iterator then ends without an error."""
        abort = SocketAbort()
        unregister = cancel.on_cancel(abort.fire) if cancel is not None else None
        payload = self._payload(messages, max_tokens, True, temperature)
        try:
            with Deadline(self._deadline, abort) as deadline:
                yield from self._stream(payload, deadline, on_usage)
        except LLMError:
            if cancel is None or not cancel.cancelled:
                raise
        finally:
            if unregister is not None:
                unregister()

    def _stream(self, payload: dict[str, Any], deadline: Deadline,
                on_usage: Callable[[Usage], None] | None) -> Iterator[str]:
        resp = self._send(payload, deadline)
        max_tokens = int(payload["max_tokens"])
        # every line, blank ones too: chunks and the blank lines ending them, the role, stop
        # and usage chunks, keep-alive comments, `event:` lines (a flood of line ends was
        # read for as long as the upstream sent it)
        lines_left = LINES_PER_TOKEN * max_tokens + 128
        chars_left = CHARS_PER_TOKEN * max_tokens
        finished = False
        try:
            chunks = _metered(resp.iter_raw(), _stream_bytes(max_tokens), deadline)
            for line in sse_lines(chunks):
                lines_left -= 1
                if lines_left < 0:
                    _cut(max_tokens, "lines")
                    return
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
                except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                    raise LLMError("the LLM server sent an invalid stream chunk") from None
                if counts is not None and on_usage is not None:
                    on_usage(counts)
                if piece:
                    text = str(piece)
                    if len(text) > chars_left:
                        if chars_left:
                            yield text[:chars_left]
                        _cut(max_tokens, "characters")
                        return
                    chars_left -= len(text)
                    yield text
                finished = finished or bool(choice.get("finish_reason"))
            if not finished:
                if deadline.expired:  # the deadline shut the connection down
                    raise _timed_out(deadline)
                raise LLMError("the LLM stream ended before the answer was complete")
        except _StreamTooLarge:
            _cut(max_tokens, "bytes")
        except httpx.TimeoutException:
            raise LLMTimeout("the LLM server stopped sending (timeout)") from None
        except httpx.HTTPError as exc:
            if deadline.expired:
                raise _timed_out(deadline) from None
            raise LLMError(f"the LLM stream was cut: {redact(str(exc), self._secrets)}"
                           ) from None
        finally:
            resp.close()


# A Content-Encoding quoted in a message: what reads as a list of codings, else not quoted
_CODINGS = re.compile(r"[a-z0-9._-]{1,20}(, [a-z0-9._-]{1,20}){0,3}")


def _refuse_encoded(resp: httpx.Response) -> None:
    """An LLMError (the response closed, its body unread) when `resp` comes with a
    Content-Encoding other than identity: none was asked, and a packed body would inflate
    past every byte bound before it is counted (a gzip bomb)."""
    codings = [c.strip().lower() for c in resp.headers.get_list("content-encoding",
                                                                split_commas=True)]
    codings = [c for c in codings if c not in ("", "identity")]
    if not codings:
        return
    resp.close()
    shown = ", ".join(codings)
    shown = shown if _CODINGS.fullmatch(shown) else "not shown"
    who = (f"LLM server answered {resp.status_code} with" if resp.status_code >= 400
           else "the LLM server sent")
    # the coding after the colon: a client is told what comes before it (service/errors.py)
    raise LLMError(f"{who} a compressed reply though none was asked: Content-Encoding: {shown}")


def _cut(max_tokens: int, what: str) -> None:
    """A stream past what `max_tokens` allows: the rest is not read, as if it had stopped
    for its length (the connection is closed, which stops the upstream)."""
    log.warning("the LLM server streamed more %s than %d tokens allow; the rest is cut",
                what, max_tokens)


# Token counts past this are no upstream's: a 4,300-digit count broke the serialised stream
# (fourteenth review re-check, N1).
MAX_TOKEN_COUNT = 10**9


def _usage(data: object) -> Usage | None:
    """The upstream's `usage` object, when it sent one with both counts, each in range."""
    if not isinstance(data, dict):
        return None
    p, c = data.get("prompt_tokens"), data.get("completion_tokens")
    if type(p) is not int or type(c) is not int or not (
            0 <= p <= MAX_TOKEN_COUNT and 0 <= c <= MAX_TOKEN_COUNT):
        return None
    return Usage(p, c, "upstream")
