"""`rag ingest --rebuild` after a settings change: it must not read the index it replaces."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import small_docs
from tests.rag.test_cli import _one_error_line, rag


def test_rebuild_after_a_chunk_size_change(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for doc in small_docs():
        (docs / f"{doc.id}.txt").write_text(f"{doc.title}\n\n{doc.text}\n", encoding="utf-8")
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert rag("ingest", str(docs), env=env).returncode == 0
    changed = {**env, "RAG_CHUNK_TOKENS": "96", "RAG_CHUNK_OVERLAP": "16"}
    refused = _one_error_line(rag("search", "ratatouille", env=changed))
    assert "--rebuild" in refused or "rebuild" in refused, refused
    rebuilt = rag("ingest", str(docs), "--rebuild", "--json", env=changed)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout)["total_documents"] == 4
    found = rag("search", "ratatouille", "--json", env=changed)
    assert json.loads(found.stdout)["hits"][0]["doc_id"] == "cuisine", found.stderr
