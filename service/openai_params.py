"""What an OpenAI client may ask of a RAG answer, and what it may not.

A parameter the service cannot honour is a 400 naming it (`param`), never a silent 200: a
client that asked for two choices, a forced tool call or JSON output must know it did not get
them. Honoured here: `max_tokens`/`max_completion_tokens` and `stop` (applied to the answer
text, `finish_reason: "length"` when cut), `stream_options.include_usage`, and `temperature`,
which a generative backend samples with (the extractive writer samples nothing and ignores
it). The other sampling knobs (`top_p`, `seed`, penalties) are accepted and ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rag import Answer
from service.schemas import text_length

_WORD = re.compile(r"\w+|[^\w\s]")
MAX_STOP = 4
MAX_STOP_CHARS = 1_000  # a stop sequence is read per streamed token: bound what it costs
_ACCEPTED_NUMBERS = {"temperature": (0.0, 2.0), "top_p": (0.0, 1.0),
                     "presence_penalty": (-2.0, 2.0), "frequency_penalty": (-2.0, 2.0)}


class ParamError(ValueError):
    """A request parameter the service refuses: 400 with `param` set to its name."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True, slots=True)
class Limits:
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    include_usage: bool = False
    temperature: float | None = None


def _int(extra: dict[str, Any], name: str) -> int | None:
    value = extra.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ParamError(name, f"{name} must be a positive integer")
    return value


def _one(v: object) -> bool:
    """Absent, or the integer 1 (not `true`, not 1.0: forty-first review, a note)."""
    return v is None or (type(v) is int and v == 1)


def check(extra: dict[str, Any]) -> Limits:
    """The limits a request asks for, or ParamError for what a RAG answer cannot give."""
    for name, (lo, hi) in _ACCEPTED_NUMBERS.items():
        v = extra.get(name)
        if v is not None and (not isinstance(v, int | float) or isinstance(v, bool)
                              or not lo <= v <= hi):
            raise ParamError(name, f"{name} must be a number between {lo:g} and {hi:g}")
    if not _one(extra.get("n")):
        raise ParamError("n", "n must be 1: the index gives one answer per question")
    if not _one(extra.get("best_of")):
        raise ParamError("best_of", "best_of must be 1: the index gives one answer")
    if extra.get("logprobs") not in (None, False, 0) or extra.get("top_logprobs"):
        raise ParamError("logprobs", "logprobs are not available: answers are built from "
                         "passages, not sampled token by token")
    if extra.get("echo"):
        raise ParamError("echo", "echo is not supported")
    if extra.get("suffix"):
        raise ParamError("suffix", "suffix is not supported")
    _check_tools(extra)
    fmt = extra.get("response_format")
    if fmt is not None and not (isinstance(fmt, dict) and fmt.get("type") == "text"):
        raise ParamError("response_format", "only response_format {\"type\": \"text\"} is "
                         "supported: answers are cited text, not JSON")
    modalities = extra.get("modalities")
    if extra.get("audio") or (modalities is not None and modalities != ["text"]):
        raise ParamError("modalities", "only text output is supported")
    if extra.get("prediction"):
        raise ParamError("prediction", "predicted outputs are not supported")
    a, b = _int(extra, "max_tokens"), _int(extra, "max_completion_tokens")
    stop = extra.get("stop")
    stops: tuple[str, ...]
    if stop is None:
        stops = ()
    elif isinstance(stop, str):
        stops = (stop,) if stop else ()
    elif (isinstance(stop, list) and len(stop) <= MAX_STOP
          and all(isinstance(s, str) and s for s in stop)):
        stops = tuple(stop)
    else:
        raise ParamError("stop", f"stop must be a string or a list of at most {MAX_STOP} "
                         "non-empty strings")
    if any(len(s) > MAX_STOP_CHARS for s in stops):
        raise ParamError("stop", f"a stop sequence is at most {MAX_STOP_CHARS} characters")
    opts = extra.get("stream_options")
    if opts is not None and not isinstance(opts, dict):
        raise ParamError("stream_options", "stream_options must be an object")
    usage = bool((opts or {}).get("include_usage"))
    temperature = extra.get("temperature")
    return Limits(max_tokens=min(x for x in (a, b) if x) if (a or b) else None, stop=stops,
                  include_usage=usage,
                  temperature=None if temperature is None else float(temperature))


def _check_tools(extra: dict[str, Any]) -> None:
    choice = extra.get("tool_choice", extra.get("function_call"))
    tools = extra.get("tools") or extra.get("functions")
    if choice in (None, "none", "auto"):
        return
    if choice == "required" or isinstance(choice, dict):
        raise ParamError("tool_choice", "this model never calls tools: use tool_choice "
                         "\"auto\" or \"none\"" + ("" if tools else " (and no tools were sent)"))
    raise ParamError("tool_choice", "tool_choice must be \"auto\", \"none\", \"required\" or "
                     "a named function")


def count_tokens(text: str) -> int:
    """Words and punctuation marks: an estimate, said as such (`counted_by: whitespace`)."""
    return len(_WORD.findall(text))


def apply(text: str, limits: Limits) -> tuple[str, str]:
    """The answer cut at the first stop sequence and at `max_tokens`, and the finish reason."""
    reason = "stop"
    for s in limits.stop:
        i = text.find(s)
        if i >= 0:
            text = text[:i]
    if limits.max_tokens is not None:
        words = list(_WORD.finditer(text))
        if len(words) > limits.max_tokens:
            text, reason = text[:words[limits.max_tokens - 1].end()], "length"
    return text, reason


_WORD_CHAR = re.compile(r"\w")


class Cutter:
    """`apply` over an answer that arrives in pieces (a stream), reading each piece once.

    `feed(piece)` returns what of it may be sent; the text let out is what re-applying `apply`
    to the whole text so far after every piece let out (the stream's rule before this class),
    without reading that text again: the word count carries over from piece to piece (a word
    split between two pieces is one word), and a stop sequence is looked for in the new piece
    and the few characters before it that could begin one. `reason` is None until the text is
    cut, then "stop" (a stop sequence) or "length" (max_tokens), and nothing more is let out.

    Text that may be the start of a stop sequence ("EN" of "END") is held back until the next
    piece shows whether it is one, so no part of a stop sequence reaches the client; `flush()`
    sends what is held when the answer ends without one. Each stop sequence's longest prefix
    ending the text is tracked as in Knuth-Morris-Pratt, so each character is read once.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.reason: str | None = None
        self._parts: list[str] = []
        self._length = 0  # characters in the text so far
        self._reach = max((len(s) for s in limits.stop), default=1) - 1
        self._tail = ""  # its last `_reach` characters: where a stop sequence may begin
        self._words = 0  # words and punctuation marks in it (`count_tokens`)
        self._last_end = 0  # where its last word or mark ends
        self._in_word = False  # it ends inside a word, which the next piece may go on with
        self._held = ""  # its end, not sent yet: it may begin a stop sequence
        self._fail = [_failure(s) for s in limits.stop]
        self._matched = [0] * len(limits.stop)  # longest prefix of each stop ending the text

    @property
    def text(self) -> str:
        """The text let out so far (cut back to a stop sequence that began in it)."""
        return "".join(self._parts)

    def feed(self, piece: str) -> str:
        if self.reason is not None or not piece:
            return ""
        end = len(piece)  # where the piece is cut, in its own coordinates (may be < 0)
        if self.limits.stop:
            window = self._tail + piece
            cut = len(window)
            for s in self.limits.stop:  # successive cuts, as `apply` makes them
                i = window.find(s, max(0, len(self._tail) - len(s) + 1), cut)
                if i >= 0:
                    cut = i
            if cut < len(window):
                end, self.reason = cut - len(self._tail), "stop"
        if end <= 0:  # the stop sequence began in text let out (and held back)
            self._cut_back(self._length + end)
            return self.flush()
        new = piece[:end]
        at = self._count(new) if self.limits.max_tokens is not None else None
        if at is not None:
            self.reason = "length"
            if at <= self._length:
                self._cut_back(at)
                return self.flush()
            new = new[:at - self._length]
        self._parts.append(new)
        self._length += len(new)
        if self._reach:
            self._tail = (self._tail + new)[-self._reach:]
        if self.reason is not None or not self.limits.stop:
            return self.flush() + new
        held = self._held + new
        keep = self._advance(new)
        self._held = held[len(held) - keep:] if keep else ""
        return held[:len(held) - keep]

    def flush(self) -> str:
        """What is held back, once the answer has ended (or been cut)."""
        out, self._held = self._held, ""
        return out

    def _advance(self, new: str) -> int:
        """Reads `new` into each stop sequence's match; how many characters at the end of the
        text may begin one (what must be held back)."""
        longest = 0
        for j, (stop, fail) in enumerate(zip(self.limits.stop, self._fail, strict=True)):
            k = self._matched[j]
            for ch in new:
                while k and (k == len(stop) or stop[k] != ch):
                    k = fail[k - 1]
                if stop[k] == ch:
                    k += 1
            self._matched[j] = k
            longest = max(longest, k)
        return longest

    def _count(self, new: str) -> int | None:
        """Counts the words of `new`, which goes on the text so far; where max_tokens cuts
        the text (an offset in it), or None when it does not."""
        assert self.limits.max_tokens is not None
        found = list(_WORD.finditer(new))
        joined = self._in_word and _WORD_CHAR.match(new) is not None  # one word across
        fresh = found[1:] if joined else found
        room = self.limits.max_tokens - self._words
        if len(fresh) > room:
            if room > 0:
                return self._length + fresh[room - 1].end()
            return self._length + found[0].end() if joined else self._last_end
        self._words += len(fresh)
        if found:
            self._last_end = self._length + found[-1].end()
        self._in_word = _WORD_CHAR.match(new[-1]) is not None
        return None

    def _cut_back(self, at: int) -> None:
        if at < self._length:
            drop = self._length - at
            self._held = self._held[:max(0, len(self._held) - drop)]
            self._parts = [self.text[:at]]
            self._length = at


def _failure(stop: str) -> list[int]:
    """Knuth-Morris-Pratt: for each prefix of `stop`, its longest proper border."""
    fail, k = [0] * len(stop), 0
    for i in range(1, len(stop)):
        while k and stop[i] != stop[k]:
            k = fail[k - 1]
        if stop[i] == stop[k]:
            k += 1
        fail[i] = k
    return fail


def prompt_text(prompt: Any, max_chars: int) -> str:
    """`/v1/completions` takes one prompt: a string or a list of one string, of at most
    `max_chars` characters (RAG_MAX_QUERY_CHARS) as the embedder reads them; it normalises
    the prompt (NFKC), so an async route calls it in a worker thread."""
    if isinstance(prompt, list) and len(prompt) == 1:
        prompt = prompt[0]
    if not isinstance(prompt, str):
        raise ParamError("prompt", "prompt must be one string (one question per request)")
    if not prompt.strip():
        raise ParamError("prompt", "prompt is empty")
    text: str = prompt.strip()
    if not any(ch.isalnum() for ch in text):  # as /ask (security review 43, N1)
        raise ParamError("prompt", "the prompt has no letter or digit")
    size = text_length(text)  # once (it was counted twice to refuse it)
    if size > max_chars:
        raise ParamError("prompt", f"the prompt is {size} characters long; the limit is "
                         f"{max_chars}")
    return text


def usage(answer: Answer, prompt: str) -> dict[str, Any]:
    """The generative backend's own counts for this answer (`counted_by`: "upstream" for an
    OpenAI-compatible server, "llama.cpp" for the local model), else a whitespace estimate of
    what the client sent and what it got (extractive, or a backend that reported none)."""
    if answer.usage is not None:
        p, c, by = answer.usage.prompt_tokens, answer.usage.completion_tokens, \
            answer.usage.counted_by
    else:
        p, c, by = count_tokens(prompt), count_tokens(answer.answer), "whitespace"
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c,
            "counted_by": by}
