"""`IndexStore.document_page`: a page of `list_documents` and the count, read in SQL (sixth
review, F6: `GET /documents?limit=1` built every document's row to slice one out)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from rag.store import _SCHEMA, IndexStore


def _store(root: Path, ids: list[str]) -> IndexStore:
    store = IndexStore(root)
    root.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(store.db_path)
    db.executescript(_SCHEMA)
    db.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?)",
                   [(d, f"Titre {d}", f"src/{d}", "h", "{}", "texte", len(d), 0.0) for d in ids])
    db.commit()
    db.close()
    return store


def test_pages_are_slices_of_the_full_list(tmp_path: Path) -> None:
    rnd = random.Random(3)
    ids = [f"d{i:03d}" for i in range(57)] + ["Z", "a/b", "é", "É", "_", "10", "9", "a b"]
    rnd.shuffle(ids)
    store = _store(tmp_path / "index", ids)
    everything = store.list_documents()
    assert [d.doc_id for d in everything] == sorted(ids)  # SQLite's binary order is Python's
    for limit, offset in [(1, 0), (10, 0), (10, 60), (100, 0), (7, 64), (5, 65), (5, 1000),
                          (1000, 3), (3, 2**70), (2**70, 0)]:
        assert store.document_page(limit, offset) == (everything[offset:offset + limit],
                                                       len(ids)), (limit, offset)


def test_an_empty_or_missing_index_has_no_page(tmp_path: Path) -> None:
    assert IndexStore(tmp_path / "none").document_page(10) == ([], 0)
    assert _store(tmp_path / "empty", []).document_page(10, 5) == ([], 0)


def test_rows_outside_the_page_are_not_read(tmp_path: Path) -> None:
    """A row Python cannot decode (a title of invalid UTF-8) fails only the page holding it:
    the rows before and after the page are neither decoded nor built."""
    store = _store(tmp_path / "index", [f"d{i:03d}" for i in range(30)])
    db = sqlite3.connect(store.db_path)
    db.execute("UPDATE documents SET title = CAST(x'ff' AS TEXT) WHERE doc_id = 'd015'")
    db.commit()
    db.close()
    page, total = store.document_page(10, 0)
    assert [d.doc_id for d in page] == [f"d{i:03d}" for i in range(10)] and total == 30
    page, total = store.document_page(10, 20)
    assert [d.doc_id for d in page] == [f"d{i:03d}" for i in range(20, 30)] and total == 30
