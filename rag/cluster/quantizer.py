"""The cluster's IVF coarse quantiser: trained once, on a sample drawn across every shard, and
shared by all of them.

One box switches to IVF when its chunk count reaches `ivf_threshold` and trains the quantiser
on a sample of its vectors (rag.dense). A cluster decides on its total count instead and draws
the same sample: chunk ids are allocated cluster-wide in the order one box allocates them
(rag/cluster/ingest.py), so "the k-th vector in id order" names the same vector on both, and
the centroids come out identical. Each shard then builds its IVF with those centroids
(`DenseConfig.centroids`), so a query probes the same lists everywhere and sharded dense search
returns what one box returns. A shard never trains a quantiser of its own.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rag.cluster.manifest import sha256_file, write_atomic
from rag.config import Settings
from rag.dense import DenseConfig, sample_positions, train_centroids
from rag.errors import RagError
from rag.store import IndexStore

QUANT_DIR = "quantizer"
LOCAL_IVF_OFF = 1 << 62  # a shard's own size never switches it to IVF: the cluster's does

Centroids = npt.NDArray[np.float32]


def shard_dense_config(settings: Settings, centroids: Centroids | None) -> DenseConfig:
    if centroids is None:
        return DenseConfig(LOCAL_IVF_OFF, settings.ivf_nprobe)
    return DenseConfig(settings.ivf_threshold, settings.ivf_nprobe, centroids)


def load_centroids(root: Path, entry: dict[str, str] | None) -> Centroids | None:
    if entry is None:
        return None
    path = Path(root) / entry["path"]
    try:
        if sha256_file(path) != entry["sha256"]:
            raise RagError(f"{path} fails its checksum: run `rag cluster ingest` again")
        out: Centroids = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise RagError(f"the cluster's quantiser {path} is unreadable ({exc})") from None
    return out


def _read(store: IndexStore, sql: str, params: tuple[Any, ...] | list[Any] = ()
          ) -> list[tuple[Any, ...]]:
    if not store.exists():
        return []
    conn = sqlite3.connect(f"file:{store.db_path}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def chunk_count(store: IndexStore) -> int:
    return int(_read(store, "SELECT COUNT(*) FROM chunks")[0][0]) if store.exists() else 0


def last_chunk_id(store: IndexStore) -> int:
    """The highest chunk id this shard ever gave (ids are never reused, as on one box)."""
    rows = _read(store, "SELECT MAX(id) FROM chunks")
    high = int(rows[0][0] or 0) if rows else 0
    with contextlib.suppress(sqlite3.OperationalError):  # no sqlite_sequence before a row
        seq = _read(store, "SELECT seq FROM sqlite_sequence WHERE name = 'chunks'")
        high = max(high, int(seq[0][0])) if seq else high
    return high


def _vectors(store: IndexStore, ids: npt.NDArray[np.int64], dim: int) -> Centroids:
    out = np.empty((len(ids), dim), dtype=np.float32)
    where = {int(i): j for j, i in enumerate(ids)}
    step = 500
    keys = list(where)
    for k in range(0, len(keys), step):
        part = keys[k:k + step]
        rows = _read(store, f"SELECT id, vector FROM chunks WHERE id IN "
                     f"({','.join('?' * len(part))})", part)
        for cid, blob in rows:
            out[where[int(cid)]] = np.frombuffer(blob, dtype=np.float32)
    return out


def train(stores: list[IndexStore], dim: int) -> Centroids:
    """Centroids trained on a sample across all shards: the vectors one box would sample from
    the same chunks (positions in chunk id order), read from the shard that holds each."""
    ids_of = [np.asarray([r[0] for r in _read(s, "SELECT id FROM chunks ORDER BY id")],
                         dtype=np.int64) for s in stores]
    ids = np.concatenate(ids_of) if ids_of else np.zeros(0, np.int64)
    shard = np.concatenate([np.full(len(x), i) for i, x in enumerate(ids_of)]) \
        if ids_of else np.zeros(0, np.int64)
    order = np.lexsort((shard, ids))  # id order; clusters built before ids were global: by shard
    n = len(ids)
    picked = order[sample_positions(n)]
    sample = np.empty((len(picked), dim), dtype=np.float32)
    for i, store in enumerate(stores):
        mine = np.nonzero(shard[picked] == i)[0]
        if len(mine):
            sample[mine] = _vectors(store, ids[picked[mine]], dim)
    return train_centroids(dim, n, sample)


def save(root: Path, centroids: Centroids, generation: int) -> dict[str, str]:
    name = f"{QUANT_DIR}/centroids-{generation:06d}.npy"
    (Path(root) / QUANT_DIR).mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(centroids, dtype=np.float32), allow_pickle=False)
    write_atomic(Path(root) / name, buf.getvalue())
    return {"path": name, "sha256": sha256_file(Path(root) / name)}


def remove_stale(root: Path, keep: set[str]) -> None:
    folder = Path(root) / QUANT_DIR
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if f"{QUANT_DIR}/{path.name}" not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
