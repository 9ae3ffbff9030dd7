"""Which shard holds a document, and chunk ids that stay unique across shards."""

from __future__ import annotations

import hashlib

SHARD_BITS = 10  # up to 1024 shards; a shard's own chunk ids keep 53 bits
MAX_SHARDS = 1 << SHARD_BITS


def shard_of(doc_id: str, n_shards: int) -> int:
    """Stable across processes and versions (not Python's salted `hash`)."""
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % n_shards


def shard_name(index: int) -> str:
    return f"shard-{index:03d}"


def global_id(shard: int, local: int) -> int:
    """A shard's chunk id (its SQLite/FAISS row id) made unique in the cluster."""
    return (int(local) << SHARD_BITS) | shard


def split_id(gid: int) -> tuple[int, int]:
    """(shard, local chunk id) of a cluster-wide chunk id."""
    return int(gid) & (MAX_SHARDS - 1), int(gid) >> SHARD_BITS
