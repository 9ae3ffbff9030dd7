"""Open an index in a fresh interpreter and report what it holds, as one JSON line.

`python -m tests.reliability.index_probe INDEX_DIR PROBE.json` where PROBE.json holds the
index identity, BM25 queries and dense query vectors. A RagError (IndexCorruptError...) is
reported as {"ok": false, "error": ..., "message": ...}; any other exception escapes with a
traceback and exit status 1; a crash of the interpreter shows as a negative exit status.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import RagError
from rag.store import IndexStore
from rag.text import tokenize


def probe(root: Path, spec: dict[str, Any]) -> dict[str, Any]:
    import faiss

    store = IndexStore(root)
    try:
        snap = store.load(spec["identity"])
    except RagError as exc:
        return {"ok": False, "error": type(exc).__name__, "message": str(exc)}
    with contextlib.closing(sqlite3.connect(root / "store.sqlite")) as conn:
        texts = dict(conn.execute("SELECT doc_id, text FROM documents").fetchall())
        chunk_ids = sorted(r[0] for r in conn.execute("SELECT id FROM chunks"))
    dense_ids = sorted(int(i) for i in faiss.vector_to_array(snap.dense.id_map))
    bm25_top, dense_top = [], []
    for q in spec["bm25_queries"]:
        ids, _ = snap.bm25.top(tokenize(q, spec["stemmer"]), 1)
        found = store.chunks_by_id([int(i) for i in ids])
        bm25_top.append(found[int(ids[0])].doc_id if len(ids) else None)
    for vec in spec["dense_vectors"]:
        _, ids = snap.dense.search(np.asarray([vec], dtype=np.float32), 1)
        found = store.chunks_by_id([int(ids[0][0])])
        dense_top.append(found[int(ids[0][0])].doc_id if found else None)
    store.close()
    return {
        "ok": True, "generation": snap.generation, "texts": texts, "chunk_ids": chunk_ids,
        "dense_ids": dense_ids, "bm25_ids": sorted(int(i) for i in snap.bm25.ids),
        "manifest_counts": snap.manifest["counts"], "bm25_top": bm25_top,
        "dense_top": dense_top,
    }


def main() -> None:
    root, spec_path = Path(sys.argv[1]), Path(sys.argv[2])
    spec = json.loads(spec_path.read_text())
    print(json.dumps(probe(root, spec), ensure_ascii=False))


if __name__ == "__main__":
    main()
