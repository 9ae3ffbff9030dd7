"""Filtered FAISS search (rag.dense.search_allowed) on real flat and IVF indexes."""

import numpy as np
import pytest

from rag.dense import DenseConfig, build, kind_of, search_allowed


@pytest.mark.parametrize("threshold", [10_000, 100])
def test_filtered_search_returns_k_allowed_hits(threshold: int) -> None:
    rng = np.random.default_rng(0)
    n, dim = 2000, 16
    vecs = rng.standard_normal((n, dim)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = np.arange(100, 100 + n, dtype=np.int64)
    index = build(dim, ids, vecs, DenseConfig(ivf_threshold=threshold, nprobe=10_000))
    assert kind_of(index) == ("flat" if threshold > n else "ivf-fp16")
    q = vecs[:1]
    _, top = index.search(q, 10)
    allowed = np.setdiff1d(ids[::7], top[0])  # the unfiltered top 10 is all disallowed
    _, got = search_allowed(index, q, 10, allowed)
    assert len(got[0]) == 10 and set(got[0].tolist()) <= set(allowed.tolist())
    exact = vecs[allowed - 100] @ q[0]
    want = allowed[np.argsort(-exact)[:10]]
    assert set(got[0].tolist()) == set(want.tolist())
