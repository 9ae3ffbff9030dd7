"""`rag ingest --rebuild` after a settings change: it must not read the index it replaces."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import small_docs
from tests.rag.test_cli import _one_error_line, rag


def _docs_folder(tmp_path: Path) -> Path:
    """The four small documents as .txt files (title line, blank line, text)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for doc in small_docs():
        (docs / f"{doc.id}.txt").write_text(f"{doc.title}\n\n{doc.text}\n", encoding="utf-8")
    return docs


def test_rebuild_after_a_chunk_size_change(tmp_path: Path) -> None:
    docs = _docs_folder(tmp_path)
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


def test_reindex_rechunks_the_stored_documents_without_their_files(tmp_path: Path) -> None:
    # after a chunking change (a new splitter, a chunk size) the index refuses to load; its
    # documents may have come from a folder since moved, or from URLs: `rag reindex` reads the
    # texts the index stores
    docs = _docs_folder(tmp_path)
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert rag("ingest", str(docs), env=env).returncode == 0
    before = json.loads(rag("list", "--json", env=env).stdout)
    for f in docs.iterdir():
        f.unlink()
    docs.rmdir()
    changed = {**env, "RAG_CHUNK_TOKENS": "96", "RAG_CHUNK_OVERLAP": "16"}
    refused = _one_error_line(rag("search", "ratatouille", env=changed))
    assert "rag reindex" in refused, refused
    done = rag("reindex", "--json", env=changed)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["total_documents"] == len(before) == 4
    after = json.loads(rag("list", "--json", env=changed).stdout)
    assert [(d["doc_id"], d["title"], d["source"]) for d in after] == \
        [(d["doc_id"], d["title"], d["source"]) for d in before]
    found = rag("search", "ratatouille", "--json", env=changed)
    assert json.loads(found.stdout)["hits"][0]["doc_id"] == "cuisine", found.stderr
    # ... and the settings it was built with no longer load it: it was rebuilt, not copied
    assert rag("search", "ratatouille", env=env).returncode != 0


def test_reindex_of_no_index_is_a_clear_error(tmp_path: Path) -> None:
    out = rag("reindex", env={"RAG_INDEX_DIR": str(tmp_path / "none")})
    assert out.returncode != 0
    assert "nothing to re-index" in _one_error_line(out)
