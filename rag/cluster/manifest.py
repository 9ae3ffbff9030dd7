"""The cluster manifest: which shards, at which store generation, with which BM25 statistics.

`cluster.json` is the cluster's commit point, replaced with an atomic rename after every shard
it names is committed; its generation is what replies report. Shard directories are ordinary
single-box indexes (`shard-000/`, ...); statistics live next to the manifest (`stats/`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rag.errors import RagError

MANIFEST = "cluster.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class ShardEntry:
    name: str
    generation: int  # the shard store's own generation
    documents: int
    chunks: int


@dataclass(frozen=True, slots=True)
class ClusterManifest:
    generation: int
    identity: dict[str, Any]
    shards: list[ShardEntry]
    stats: dict[str, str]  # {"path": ..., "sha256": ...}: the global BM25 statistics
    updated_at: str = field(default="")
    # {"path": ..., "sha256": ...}: the IVF centroids every shard builds with; None: exact search
    quantizer: dict[str, str] | None = None

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.shards)

    @property
    def chunks(self) -> int:
        return sum(s.chunks for s in self.shards)

    def to_json(self) -> bytes:
        return json.dumps({"format": FORMAT, **asdict(self)}, indent=2).encode()


def is_cluster(root: Path) -> bool:
    return (Path(root) / MANIFEST).is_file()


def read_manifest(root: Path) -> ClusterManifest:
    path = Path(root) / MANIFEST
    try:
        raw = json.loads(path.read_bytes())
        if raw.get("format") != FORMAT:
            raise ValueError(f"format {raw.get('format')!r}, this version reads {FORMAT}")
        return ClusterManifest(
            int(raw["generation"]), dict(raw["identity"]),
            [ShardEntry(str(s["name"]), int(s["generation"]), int(s["documents"]),
                        int(s["chunks"])) for s in raw["shards"]],
            {"path": str(raw["stats"]["path"]), "sha256": str(raw["stats"]["sha256"])},
            str(raw.get("updated_at", "")),
            None if raw.get("quantizer") is None else {
                "path": str(raw["quantizer"]["path"]),
                "sha256": str(raw["quantizer"]["sha256"])})
    except FileNotFoundError:
        raise RagError(f"no cluster index at {root}: run `rag cluster ingest` first") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RagError(f"cluster manifest {path} is unreadable ({exc})") from None


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_manifest(root: Path, manifest: ClusterManifest) -> None:
    stamped = ClusterManifest(manifest.generation, manifest.identity, manifest.shards,
                              manifest.stats,
                              time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                              manifest.quantizer)
    write_atomic(Path(root) / MANIFEST, stamped.to_json())


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def cluster_lock(root: Path) -> Iterator[None]:
    """One cluster writer at a time (each shard store also takes its own lock)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".cluster-lock").open("a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RagError(f"another ingest or delete is writing the cluster at {root}; try "
                           "again when it finishes") from None
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
