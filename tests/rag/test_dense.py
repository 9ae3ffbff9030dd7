"""The FAISS index picked by size, and a store that crosses into IVF and keeps updating it."""

from __future__ import annotations

import shutil
from pathlib import Path

import faiss
import numpy as np

from rag.config import Settings
from rag.dense import DenseConfig, build, kind_of, wanted_kind
from rag.embedders.e5 import E5Embedder
from rag.ingest import Ingestor, delete_documents
from rag.retrieval import Searcher
from rag.store import IndexStore


def _unit(rng: np.random.Generator, n: int, dim: int = 64) -> np.ndarray:
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_kind_follows_size_and_ivf_matches_exact_search() -> None:
    rng = np.random.default_rng(3)
    vecs = _unit(rng, 3000)
    ids = np.arange(7, 7 + 2 * len(vecs), 2, dtype=np.int64)
    cfg = DenseConfig(ivf_threshold=2000, nprobe=4)
    assert wanted_kind(1999, cfg) == "flat" and wanted_kind(2000, cfg) == "ivf-fp16"
    flat = build(64, ids[:1000], vecs[:1000], cfg)
    assert kind_of(flat) == "flat"
    ivf = build(64, ids, vecs, cfg)
    assert kind_of(ivf) == "ivf-fp16" and ivf.nprobe == 4
    exact = faiss.IndexFlatIP(64)
    exact.add(vecs)
    queries = _unit(rng, 50)
    want_s, want_i = exact.search(queries, 10)
    ivf.nprobe = ivf.nlist  # every list: only the float16 rounding differs from exact search
    got_s, got_i = ivf.search(queries, 10)
    full = np.mean([len(set(a) & set(b)) / 10 for a, b in
                    zip(got_i.tolist(), ids[want_i].tolist(), strict=True)])
    assert full >= 0.98  # only near-ties may swap
    assert np.abs(got_s - want_s).max() < 2e-3
    ivf.nprobe = 4  # a few lists: approximate, so recall below 1 but far above chance
    _, few = ivf.search(queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in
                      zip(few.tolist(), ids[want_i].tolist(), strict=True)])
    assert 4 / ivf.nlist < recall < 1.0  # above the share of vectors scanned


def test_ivf_removes_adds_and_reconstructs_by_id() -> None:
    rng = np.random.default_rng(4)
    vecs = _unit(rng, 2500)
    ids = np.arange(1, 2501, dtype=np.int64)
    index = build(64, ids, vecs, DenseConfig(ivf_threshold=100, nprobe=8))
    assert np.allclose(index.reconstruct(1234), vecs[1233], atol=1e-3)
    index.remove_ids(np.array([1234, 5], dtype=np.int64))
    assert index.ntotal == 2498
    index.nprobe = index.nlist
    _, got = index.search(vecs[[1233, 4, 9]], 1)
    assert got[0, 0] != 1234 and got[1, 0] != 5 and got[2, 0] == 10
    index.add_with_ids(vecs[[1233]], np.array([9000], dtype=np.int64))
    assert index.search(vecs[[1233]], 1)[1][0, 0] == 9000


def test_store_crosses_into_ivf_and_updates_it(tmp_path: Path, corpus_dir: Path,
                                               embedder: E5Embedder) -> None:
    """A commit that brings the index over the threshold rebuilds FAISS as IVF; later commits
    remove from it in place; a reopened store searches it like the exact one."""
    root = tmp_path / "index"
    shutil.copytree(corpus_dir, root)
    exact = Searcher(IndexStore(root).load(
        Ingestor(Settings(index_dir=root), embedder, IndexStore(root)).identity),
        embedder, Settings(index_dir=root))
    docs = sorted({h.chunk.doc_id for h in exact.search("Tokaïev", 20)})
    settings = Settings(index_dir=root, ivf_threshold=50, ivf_nprobe=64)
    store = IndexStore.open(settings)
    assert kind_of(Ingestor(settings, embedder, store).load().dense) == "flat"
    _, _, snap = delete_documents(store, [docs[0]])
    assert snap is not None and kind_of(snap.dense) == "ivf-fp16"
    assert snap.dense.nprobe == 64 >= snap.dense.nlist  # every list searched at this size
    _, _, snap = delete_documents(store, [docs[1]])
    assert snap is not None and kind_of(snap.dense) == "ivf-fp16"
    assert snap.dense.ntotal == snap.n_chunks == len(snap.bm25)

    reopened = Searcher(Ingestor(settings, embedder, IndexStore.open(settings)).load(),
                        embedder, settings)
    assert kind_of(reopened.snapshot.dense) == "ivf-fp16"
    for q in ("Combien de soldats la Russie a-t-elle envoyés ?", "Who is the president?"):
        want = [h for h in exact.search(q, 10, "dense") if h.chunk.doc_id not in docs[:2]]
        got = reopened.search(q, len(want), "dense")
        assert [h.chunk.id for h in got] == [h.chunk.id for h in want]
        assert all(abs(a.score - b.score) < 2e-3 for a, b in zip(got, want, strict=True))
        assert not {h.chunk.doc_id for h in reopened.search(q, 10)} & set(docs[:2])


def test_dense_query_writes_a_body_acronym_as_the_sources_do() -> None:
    """The dense retriever embeds "CSTO" as "OTSC": an embedding reads an acronym as a string
    and would land on the few sentences that write it the question's way."""
    from types import SimpleNamespace

    from rag.retrieval import DenseRetriever
    seen: list[str] = []

    def embed(text: str) -> np.ndarray:
        seen.append(text)
        return np.ones(4, dtype=np.float32) / 2.0

    index = faiss.IndexFlatIP(4)
    index.add(np.eye(4, dtype=np.float32))
    dense = DenseRetriever(SimpleNamespace(dense=index), embed)  # type: ignore[arg-type]
    assert len(dense.candidates("Who heads the CSTO?", 2)) == 2
    assert seen == ["Who heads the OTSC?"]
