"""The FAISS index, picked by size: exact search below a threshold, IVF above it.

Both keep the store's chunk ids (deletes never shift them) and support removal and
reconstruction by id. IVF is searched with `nprobe` lists; its recall@10 against exact search
is measured in bench/ (bench/query.py) to choose the default: with nlist = 4*sqrt(n), real
questions against 100k and 1M synthetic passage vectors gave recall@10 0.964 / 0.950 at
nprobe 32, 0.9815 / 0.982 at 96 (the smallest tried reaching 0.98 at both sizes) and 0.986 /
0.986 at 128 (bench/README.md).

IVF lists hold the vectors as float16: the scan is bound by memory bandwidth, and half the
bytes made it 1.5x faster at 1M chunks (3.55 -> 2.30 ms at nprobe 96) with the same recall@10
to four decimals at 100k and 1M; 8-bit codes were faster still but lost 0.02 of recall. The
exact float32 vectors stay in the store's database.

A cluster (rag/cluster) trains the coarse quantiser once, on a sample drawn across all its
shards exactly as one box would draw it, and hands every shard the same centroids
(`DenseConfig.centroids`): a shard then builds IVF with them instead of training its own, so
each query probes the same lists on every shard as on one box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class DenseConfig:
    ivf_threshold: int = 50_000
    nprobe: int = 96  # recall@10 >= 0.98 at 100k and 1M chunks (bench/query.py)
    # A trained coarse quantiser (nlist x dim) to build IVF with, whatever the size: a
    # cluster's shards share it (the cluster decides on IVF from its total count).
    centroids: npt.NDArray[np.float32] | None = field(default=None, compare=False, repr=False)


def is_ivf(index: Any) -> bool:
    import faiss

    return isinstance(index, faiss.IndexIVF)


def wanted_kind(n: int, cfg: DenseConfig) -> str:
    if cfg.centroids is not None:
        return "ivf-fp16"
    return "ivf-fp16" if n >= cfg.ivf_threshold else "flat"


def fits(index: Any, n: int, cfg: DenseConfig) -> bool:
    """Whether `index` can be kept (updated in place) at `n` vectors under `cfg`: the kind this
    size wants and, when `cfg` names centroids, an IVF built on exactly those."""
    if kind_of(index) != wanted_kind(n, cfg):
        return False
    if cfg.centroids is None:
        return True
    return bool(index.nlist == len(cfg.centroids)
                and np.array_equal(centroids_of(index), cfg.centroids))


def centroids_of(index: Any) -> npt.NDArray[np.float32]:
    """The coarse quantiser's centroids of an IVF index (nlist x dim)."""
    out: npt.NDArray[np.float32] = index.quantizer.reconstruct_n(0, index.nlist)
    return out


def nlist_for(n: int) -> int:
    return max(16, int(4 * math.sqrt(n)))


def sample_positions(n: int, seed: int = 1234) -> npt.NDArray[np.int64]:
    """Which of `n` vectors (in chunk id order) train the quantiser, in training order."""
    rng = np.random.default_rng(seed)
    return rng.choice(n, size=min(n, 40 * nlist_for(n)), replace=False)


def train_centroids(dim: int, n: int, sample: npt.NDArray[np.float32]
                    ) -> npt.NDArray[np.float32]:
    """The coarse quantiser `build` trains for `n` vectors, from the sample `sample_positions`
    picks (same FAISS call, same centroids)."""
    return centroids_of(_trained(dim, nlist_for(n), sample))


def _ivf(dim: int, nlist: int, quantizer: Any) -> Any:
    import faiss

    return faiss.IndexIVFScalarQuantizer(
        quantizer, dim, nlist, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)


def _trained(dim: int, nlist: int, sample: npt.NDArray[np.float32]) -> Any:
    import faiss

    index = _ivf(dim, nlist, faiss.IndexFlatIP(dim))
    index.train(np.ascontiguousarray(sample))
    return index


def _with_centroids(dim: int, centroids: npt.NDArray[np.float32]) -> Any:
    import faiss

    quantizer = faiss.IndexFlatIP(dim)
    quantizer.add(np.ascontiguousarray(centroids, dtype=np.float32))
    index = _ivf(dim, len(centroids), quantizer)
    # the quantiser holds nlist centroids, so FAISS skips k-means: this readies the fp16 codec
    index.train(np.ascontiguousarray(centroids, dtype=np.float32))
    return index


def kind_of(index: Any) -> str:
    """`ivf` is the float32 IVF of earlier versions: still searched, replaced at the next
    commit."""
    import faiss

    if isinstance(index, faiss.IndexIVFScalarQuantizer):
        return "ivf-fp16"
    return "ivf" if is_ivf(index) else "flat"


def build(dim: int, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32],
          cfg: DenseConfig, seed: int = 1234) -> Any:
    import faiss

    n = len(ids)
    if wanted_kind(n, cfg) == "flat":
        flat: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        if n:
            flat.add_with_ids(vectors, ids)
        return flat
    index: Any
    if cfg.centroids is not None:
        index = _with_centroids(dim, cfg.centroids)
    else:
        index = _trained(dim, nlist_for(n), vectors[sample_positions(n, seed)])
    index.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
    index.add_with_ids(vectors, ids)
    index.nprobe = cfg.nprobe
    return index


def configure(index: Any, cfg: DenseConfig) -> Any:
    if is_ivf(index):
        index.nprobe = cfg.nprobe
    return index


def id_selector(allowed: npt.NDArray[np.int64]) -> Any:
    """A FAISS selector of these ids. Building it hashes every id (~3 ms for 50k): a caller
    that searches the same filter again keeps it (rag.store.Allowed)."""
    import faiss

    return faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))


def search_allowed(index: Any, queries: npt.NDArray[np.float32], k: int,
                   allowed: npt.NDArray[np.int64], selector: Any = None) -> tuple[Any, Any]:
    """Search only the vectors whose ids are in `allowed` (a filter): the selector is applied
    inside FAISS before the top-k cut, so k allowed hits come back when k exist. IVF keeps its
    nprobe; an allowed vector outside the probed lists is missed as in unfiltered search.
    `selector`: `id_selector(allowed)` built beforehand."""
    import faiss

    fs: Any = faiss  # the stubs lack the keyword constructors of the search parameters
    sel = selector if selector is not None else id_selector(allowed)
    params = (fs.SearchParametersIVF(sel=sel, nprobe=index.nprobe) if is_ivf(index)
              else fs.SearchParameters(sel=sel))
    k = max(1, min(k, len(allowed)))
    scores, found = index.search(queries, k, params=params)
    return scores, found
