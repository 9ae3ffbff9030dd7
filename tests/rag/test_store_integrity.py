"""Integrity of the on-disk index: per-row checksums, `rag check`, a failed write after the
commit, a damaged manifest, and the rule that only the default index is built by itself."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.errors import DerivedWriteError, IndexCorruptError, IndexWriteError
from rag.ingest import Ingestor
from rag.retrieval import Searcher
from rag.store import IndexStore
from tests.conftest import ARTICLES, ROOT, small_docs
from tests.rag.test_cli import rag
from tests.service.conftest import free_port


def _ingestor(root: Path, embedder: E5Embedder) -> Ingestor:
    return Ingestor(Settings(index_dir=root), embedder, IndexStore(root))


def _query(db: Path, sql: str, *args: object) -> object:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, args).fetchone()[0]


def flip_stored(root: Path, old: bytes, new: bytes, sql: str, *args: object) -> None:
    """Replace the bytes `old` by `new` (same length) in store.sqlite itself, at the occurrence
    that changes the value `sql` reads: damage inside a valid page, as a bad disk leaves it."""
    assert len(old) == len(new)
    db = root / "store.sqlite"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _query(db, sql, *args)
    data = db.read_bytes()
    pos = data.find(old)
    while pos >= 0:
        db.write_bytes(data[:pos] + new + data[pos + len(old):])
        if _query(db, sql, *args) != before:
            return
        db.write_bytes(data)
        pos = data.find(old, pos + 1)
    raise AssertionError(f"{old!r} not found in the value read by {sql}")


def _chunk_id(root: Path, doc_id: str) -> int:
    cid = _query(root / "store.sqlite", "SELECT MIN(id) FROM chunks WHERE doc_id = ?", doc_id)
    assert isinstance(cid, int)
    return cid


def test_failed_index_file_write_after_commit_tells_the_truth(
        tmp_path: Path, embedder: E5Embedder) -> None:
    root = tmp_path / "index"
    settings = Settings(index_dir=root, corpus_dir=tmp_path / "none")
    engine = Engine(settings, embedder=embedder, auto_build=False)
    engine.ingest_documents(small_docs()[:3])
    gen = IndexStore(root).db_generation() + 1
    obstacle = root / f".dense-{gen:06d}.faiss.tmp"  # the FAISS file cannot be written
    obstacle.mkdir()

    with pytest.raises(DerivedWriteError) as caught:
        engine.ingest_documents(small_docs()[3:])
    message = str(caught.value)
    assert "committed" in message and "4 documents" in message, message
    assert "Is a directory" in message and f"dense-{gen:06d}.faiss" in message, message
    assert "rollback" not in message and str(root) not in message
    # What is served follows what is stored: the new document is listed and found.
    assert {d.doc_id for d in engine.documents()} == {d.id for d in small_docs()}
    hits = engine.searcher().search("Etna Catania ash", 1, "bm25")
    assert hits[0].chunk.doc_id == "volcan"
    health = engine.health()
    assert health["status"] == "degraded" and health["documents"] == 4
    assert any("not saved" in p for p in health["problems"]), health

    obstacle.rmdir()  # space freed: the next load writes the files of the committed generation
    ing = _ingestor(root, embedder)
    snap = IndexStore(root).load(ing.identity)
    assert snap.generation == gen and snap.unsaved is None
    assert snap.manifest["counts"]["documents"] == 4
    fresh = Searcher(snap, embedder, ing.settings)
    assert fresh.search("Etna Catania ash", 1, "bm25")[0].chunk.doc_id == "volcan"
    assert json.loads((root / "manifest.json").read_text())["generation"] == gen


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", '{"generation": "x"}', ""])
def test_damaged_manifest_is_rebuilt_like_a_missing_one(
        tmp_path: Path, embedder: E5Embedder, damage: str) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs())
    (tmp_path / "manifest.json").write_text(damage)
    snap = IndexStore(tmp_path).load(ing.identity)
    assert snap.manifest["counts"]["documents"] == 4
    assert json.loads((tmp_path / "manifest.json").read_text())["generation"] == snap.generation
    hits = Searcher(snap, ing.embedder, ing.settings).search("fusée Ariane Kourou", 1, "dense")
    assert hits[0].chunk.doc_id == "astro"


def test_query_finds_a_chunk_whose_text_fails_its_checksum(
        tmp_path: Path, embedder: E5Embedder) -> None:
    _ingestor(tmp_path, embedder).run(small_docs())
    cid = _chunk_id(tmp_path, "cuisine")
    flip_stored(tmp_path, b"aubergines", b"aubergine!", "SELECT text FROM chunks WHERE id = ?",
                cid)  # still valid UTF-8: only the checksum can tell
    store = IndexStore(tmp_path)
    ing = Ingestor(Settings(index_dir=tmp_path), embedder, store)
    searcher = Searcher(store.load(ing.identity), embedder, ing.settings)
    assert searcher.search("fusée Ariane Kourou", 1, "bm25")[0].chunk.doc_id == "astro"
    with pytest.raises(IndexCorruptError, match=f"{cid} fail their checksum"):
        searcher.search("ratatouille courgettes poivrons", 1, "bm25")
    assert store.damaged() == {cid: "fails its checksum"}
    # Replacing the document removes the damaged row: no longer reported.
    doc = small_docs()[1]
    ing.run([doc.__class__(doc.id, doc.text + " Bon appétit.", doc.title)])
    assert store.damaged() == {}


def test_old_index_without_checksums_loads_and_gets_them_at_the_next_commit(
        tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs()[:3])
    db = tmp_path / "store.sqlite"
    with contextlib.closing(sqlite3.connect(db)) as conn:  # the schema before checksums
        conn.execute("ALTER TABLE chunks DROP COLUMN text_sum")
        conn.execute("ALTER TABLE chunks DROP COLUMN vector_sum")
        conn.commit()
    ing = _ingestor(tmp_path, embedder)
    searcher = Searcher(ing.load(), embedder, ing.settings)
    assert searcher.search("ratatouille", 1, "bm25")[0].chunk.doc_id == "cuisine"
    out = rag("check", "--index", str(tmp_path), "--json")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "predate checksums" in json.loads(out.stdout)["notes"][0]
    ing.run(small_docs())  # the next commit adds the columns and fills them
    assert _query(db, "SELECT COUNT(*) FROM chunks WHERE text_sum IS NULL") == 0
    assert json.loads(rag("check", "--index", str(tmp_path), "--json").stdout)["notes"] == []


def test_rag_check_names_the_damaged_rows(tmp_path: Path, embedder: E5Embedder) -> None:
    _ingestor(tmp_path, embedder).run(small_docs())
    healthy = rag("check", "--index", str(tmp_path))
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert f"{tmp_path}: ok (" in healthy.stdout and "4 documents" in healthy.stdout

    text_row, vector_row = _chunk_id(tmp_path, "cuisine"), _chunk_id(tmp_path, "volcan")
    flip_stored(tmp_path, b"courgettes", b"courgettez", "SELECT text FROM chunks WHERE id = ?",
                text_row)
    blob = _query(tmp_path / "store.sqlite", "SELECT vector FROM chunks WHERE id = ?",
                  vector_row)
    assert isinstance(blob, bytes)
    middle = blob[600:608]
    flip_stored(tmp_path, middle, bytes([middle[0] ^ 0x10]) + middle[1:],
                "SELECT vector FROM chunks WHERE id = ?", vector_row)

    damaged = rag("check", "--index", str(tmp_path))
    assert damaged.returncode == 1, damaged.stdout + damaged.stderr
    assert f"chunk {text_row} (document 'cuisine'): text fails its checksum" in damaged.stdout
    assert f"chunk {vector_row} (document 'volcan'): vector fails its checksum" in damaged.stdout
    report = json.loads(rag("check", "--index", str(tmp_path), "--json").stdout)
    assert report["ok"] is False and len(report["problems"]) == 2, report


def test_rag_check_reports_undecodable_text_and_missing_index(
        tmp_path: Path, embedder: E5Embedder) -> None:
    _ingestor(tmp_path, embedder).run(small_docs())
    cid = _chunk_id(tmp_path, "foot")
    flip_stored(tmp_path, b"Marseille", b"Mars\xffille", "SELECT CAST(text AS BLOB) FROM chunks "
                "WHERE id = ?", cid)
    out = rag("check", "--index", str(tmp_path), "--json")
    assert out.returncode == 1
    wheres = {(p["where"], p["detail"]) for p in json.loads(out.stdout)["problems"]}
    assert (f"chunk {cid} (document 'foot')", "text is not valid UTF-8") in wheres, wheres
    missing = rag("check", "--index", str(tmp_path / "nope"))
    assert missing.returncode == 1 and "no index at" in missing.stdout
    assert not (tmp_path / "nope").exists()


def test_serve_refuses_a_missing_index_outside_the_default(tmp_path: Path) -> None:
    target = tmp_path / "typo" / "index"
    out = rag("serve", "--index", str(target), "--port", "1",
              env={"RAG_CORPUS_DIR": str(ARTICLES)}, timeout=120)
    assert out.returncode == 1
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert lines[-1].startswith("rag: error: no index at") and "--build" in lines[-1], out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "typo").exists()


def test_engine_builds_only_the_default_index_by_itself(
        tmp_path: Path, embedder: E5Embedder) -> None:
    settings = Settings(index_dir=tmp_path / "elsewhere", corpus_dir=ARTICLES)
    engine = Engine(settings, embedder=embedder)
    assert engine.snapshot is None and not (tmp_path / "elsewhere").exists()
    assert "index_dir" not in engine.health()
    docs = tmp_path / "docs"
    docs.mkdir()
    for doc in small_docs():
        (docs / f"{doc.id}.txt").write_text(f"{doc.title}\n\n{doc.text}\n", encoding="utf-8")
    asked = Engine(settings.model_copy(update={"corpus_dir": docs}), embedder=embedder,
                   auto_build=True)  # asked for: built there
    assert asked.snapshot is not None and asked.health()["documents"] == 4


def test_failed_database_write_reports_the_real_error(
        tmp_path: Path, embedder: E5Embedder) -> None:
    store = IndexStore(tmp_path)
    ing = Ingestor(Settings(index_dir=tmp_path), embedder, store)
    ing.run(small_docs())
    conn = store._connect()  # the writer's own connection: SQLite's page limit = a full disk
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    big = [Document(f"big{i}", f"Un texte assez long sur le sujet numéro {i}. " * 40, "Gros")
           for i in range(3)]
    with pytest.raises(IndexWriteError) as caught:
        ing.run(big)
    message = str(caught.value)
    assert "nothing was committed" in message and "database or disk is full" in message, message
    assert "rollback" not in message
    assert {d.doc_id for d in IndexStore(tmp_path).list_documents()} == {d.id for d in small_docs()}
    assert IndexStore(tmp_path).load(ing.identity).manifest["counts"]["documents"] == 4


def test_serve_builds_elsewhere_when_asked(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for doc in small_docs():
        (docs / f"{doc.id}.txt").write_text(f"{doc.title}\n\n{doc.text}\n", encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_CORPUS_DIR=str(docs), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--index",
                             str(tmp_path / "new" / "index"), "--build", "--port", str(port)],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        health = None
        while health is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).json()
            except httpx.TransportError:
                time.sleep(0.5)
        assert health is not None, proc.stderr.read() if proc.poll() is not None else "no start"
        assert health["status"] == "ok" and health["documents"] == 4, health
    finally:
        proc.terminate()
        proc.wait(timeout=30)
