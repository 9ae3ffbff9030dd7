"""The on-disk index: round trip, refusal of foreign indexes, incremental updates, crash safety."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.errors import IndexCorruptError, IndexMismatchError, RagError
from rag.ingest import Ingestor, delete_documents
from rag.retrieval import Searcher
from rag.store import IndexStore
from tests.conftest import ARTICLES, ROOT, small_docs


def _ingestor(root: Path, embedder: E5Embedder) -> Ingestor:
    return Ingestor(Settings(index_dir=root), embedder, IndexStore(root))


def _searcher(root: Path, embedder: E5Embedder) -> Searcher:
    ing = _ingestor(root, embedder)
    return Searcher(IndexStore(root).load(ing.identity), embedder, ing.settings)


def _doc_ids(root: Path) -> set[str]:
    return {d.doc_id for d in IndexStore(root).list_documents()}


def test_round_trip(tmp_path: Path, embedder: E5Embedder) -> None:
    docs = small_docs()
    report, snap = _ingestor(tmp_path, embedder).run(docs)
    assert report.added == 4 and report.chunks >= 4 and snap is not None
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["counts"] == {"documents": 4, "chunks": report.chunks}
    assert manifest["embedder"] == embedder.name and manifest["dim"] == 384

    reopened = IndexStore(tmp_path)  # a fresh handle reads everything back from disk
    assert {d.doc_id: d.title for d in reopened.list_documents()} == {d.id: d.title for d in docs}
    stored = reopened.get_document("cuisine")
    assert stored is not None and stored.text == docs[1].text
    searcher = _searcher(tmp_path, embedder)
    assert searcher.snapshot.dense.ntotal == report.chunks == len(searcher.snapshot.bm25)
    for retriever in ("dense", "bm25", "hybrid"):
        hits = searcher.search("recette avec des aubergines et des courgettes", 2, retriever)
        assert hits[0].chunk.doc_id == "cuisine", retriever
        c = hits[0].chunk
        assert stored.text[c.start : c.end] == c.text


def test_bm25_settings_change_rebuilds_terms_without_re_embedding(
        tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs())
    with sqlite3.connect(tmp_path / "store.sqlite") as conn:
        vectors_before = conn.execute("SELECT id, vector FROM chunks ORDER BY id").fetchall()
    gen_before = IndexStore(tmp_path).db_generation()
    # "Victoire" is only in a title: BM25 cannot find it until titles are indexed.
    plain = Searcher(ing.load(), embedder, ing.settings)
    assert plain.search("victoire", 3, "bm25") == []

    titled = Settings(index_dir=tmp_path, bm25_title=True)
    with pytest.raises(IndexMismatchError, match="bm25"):
        IndexStore(tmp_path).load(Ingestor(titled, embedder, IndexStore(tmp_path)).identity)
    migrated = Ingestor(titled, embedder, IndexStore(tmp_path)).load()
    hits = Searcher(migrated, embedder, titled).search("victoire", 3, "bm25")
    assert [h.chunk.doc_id for h in hits] == ["foot"]
    assert migrated.generation == gen_before + 1
    with sqlite3.connect(tmp_path / "store.sqlite") as conn:
        assert conn.execute("SELECT id, vector FROM chunks ORDER BY id").fetchall() == \
            vectors_before
    # The next ingest with the same settings embeds nothing and keeps the migrated terms.
    report, snap = Ingestor(titled, embedder, IndexStore(tmp_path)).run(small_docs())
    assert report.chunks == 0 and report.unchanged == 4
    assert snap is not None and snap.manifest["bm25"]["title"] is True
    # And back: an ingest under the old settings migrates first, then proceeds.
    report, snap = _ingestor(tmp_path, embedder).run(small_docs()[:1])
    assert report.chunks == 0 and snap is not None and snap.manifest["bm25"]["title"] is False


def test_refuses_index_built_with_another_embedder(tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs()[:1])
    store = IndexStore(tmp_path)
    with pytest.raises(IndexMismatchError, match="re-ingest"):
        store.load({**ing.identity, "embedder": "st:other/model"})
    with sqlite3.connect(tmp_path / "store.sqlite") as conn:  # as left by an older version
        conn.execute("UPDATE meta SET value = ? WHERE key = 'identity'",
                     (json.dumps({**ing.identity, "format": 0}),))
    with pytest.raises(IndexMismatchError, match="format 0"):
        IndexStore(tmp_path).load(ing.identity)
    with sqlite3.connect(tmp_path / "store.sqlite") as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'identity'",
                     (json.dumps(ing.identity),))
    with pytest.raises(IndexMismatchError, match="chunker"):
        other = Ingestor(Settings(index_dir=tmp_path, chunk_tokens=64, chunk_overlap=8),
                         embedder, store)
        other.run(small_docs())
    # A rebuild with the new settings is the way out, and it replaces everything.
    other.run(small_docs()[1:], rebuild=True)
    assert _doc_ids(tmp_path) == {"cuisine", "foot", "volcan"}


def test_unchanged_reingest_embeds_nothing(tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs())
    calls = embedder.calls
    again, _ = ing.run(small_docs())
    assert embedder.calls == calls
    assert (again.unchanged, again.added, again.updated, again.chunks) == (4, 0, 0, 0)

    changed = [d if d.id != "foot" else Document(
        "foot", "Le club de rugby de Toulouse a remporté la finale du championnat.", d.title)
        for d in small_docs()]
    third, _ = ing.run(changed)
    assert (third.updated, third.unchanged) == (1, 3)
    # the changed chunk and its one sentence (RAG_SENTENCE_INDEX), nothing of the others
    assert third.chunks == 1 and embedder.calls - calls == 2
    hits = _searcher(tmp_path, embedder).search("Toulouse rugby finale", 10, "bm25")
    assert [h.chunk.doc_id for h in hits] == ["foot"]
    assert _searcher(tmp_path, embedder).search("Vélodrome supporters", 10, "bm25") == []


def test_delete_keeps_other_results_and_ids(tmp_path: Path, embedder: E5Embedder) -> None:
    _ingestor(tmp_path, embedder).run(small_docs())
    query = "éruption du volcan et cendres sur l'aéroport"
    before = [(h.chunk.id, round(h.score, 5)) for h in _searcher(tmp_path, embedder).search(
        query, 10, "dense") if h.chunk.doc_id != "foot"]
    ids_before = _chunk_rowids(tmp_path, exclude="foot")

    deleted, missing, snap = delete_documents(IndexStore(tmp_path), ["foot", "nope"])
    assert deleted == ["foot"] and missing == ["nope"] and snap is not None
    after = [(h.chunk.id, round(h.score, 5)) for h in _searcher(tmp_path, embedder).search(
        query, 10, "dense")]
    assert after == before
    assert _chunk_rowids(tmp_path) == ids_before  # FAISS ids did not shift
    assert "foot" not in _doc_ids(tmp_path)
    assert _searcher(tmp_path, embedder).search("Vélodrome", 5, "bm25") == []


def _chunk_rowids(root: Path, exclude: str = "") -> list[int]:
    with sqlite3.connect(root / "store.sqlite") as conn:
        return [r[0] for r in conn.execute(
            "SELECT id FROM chunks WHERE doc_id != ? ORDER BY id", (exclude,))]


def test_crash_after_commit_before_manifest_is_repaired(
    tmp_path: Path, embedder: E5Embedder
) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs()[:2])
    old_manifest = (tmp_path / "manifest.json").read_bytes()
    old_files = {p.name: p.read_bytes() for p in tmp_path.glob("*-0*")}
    ing.run(small_docs())
    # Put back what a kill right after the SQLite commit leaves: the old manifest and files.
    for p in tmp_path.glob("*-0*"):
        p.unlink()
    for name, data in old_files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "manifest.json").write_bytes(old_manifest)
    (tmp_path / ".dense-000009.faiss.tmp").write_bytes(b"half a file")

    searcher = _searcher(tmp_path, embedder)
    assert searcher.snapshot.manifest["counts"]["documents"] == 4
    assert searcher.search("Etna Catania ash", 1, "bm25")[0].chunk.doc_id == "volcan"


def test_corrupted_files_are_detected(tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs())
    dense = next(tmp_path.glob("dense-*.faiss"))
    dense.write_bytes(dense.read_bytes()[:100])  # truncated derived file: rebuilt from SQLite
    searcher = _searcher(tmp_path, embedder)
    assert searcher.search("fusée Ariane Kourou", 1, "dense")[0].chunk.doc_id == "astro"

    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorruptError):
        IndexStore(tmp_path).read_manifest()

    db = tmp_path / "store.sqlite"
    db.write_bytes(b"garbage" * 1000)
    for extra in tmp_path.glob("store.sqlite-*"):
        extra.unlink()
    with pytest.raises(IndexCorruptError, match="unreadable"):
        IndexStore(tmp_path).load(ing.identity)


def test_one_writer_at_a_time(tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    with IndexStore(tmp_path).write_lock(), pytest.raises(RagError, match="another ingest"):
        ing.run(small_docs())


def _article_heads(folder: Path, max_chars: int = 1500) -> Path:
    """The five articles cut to their first paragraphs (about `max_chars` characters): the
    same kind of text, a `rag ingest` of a few seconds. The whole articles took some 35 s to
    embed, so every kill below (0.3 to 4 s in) landed before any commit, and the run to
    completion after them was most of this test's time."""
    folder.mkdir()
    for f in sorted(ARTICLES.glob("*.txt")):
        text = f.read_text(encoding="utf-8-sig")
        cut = text.rfind("\n", 0, max_chars)
        (folder / f.name).write_text(text[: cut if cut > max_chars // 2 else max_chars],
                                     encoding="utf-8")
    return folder


@pytest.mark.slow
def test_killed_ingest_leaves_last_committed_index(tmp_path: Path, embedder: E5Embedder) -> None:
    """SIGKILL a real `rag ingest` process at random moments; the index must always load."""
    index = tmp_path / "index"
    _ingestor(index, embedder).run(small_docs())
    base = _doc_ids(index)
    articles = _article_heads(tmp_path / "articles")
    full = base | {p.stem for p in articles.glob("*.txt")}
    assert len(full) == len(base) + 5
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "PYTHONPATH": str(ROOT)}
    rng = random.Random(7)
    outcomes = []
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", str(articles)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        docs = _doc_ids(index)
        assert docs in (base, full)
        outcomes.append(docs == full)
        hits = _searcher(index, embedder).search("Ariane Kourou", 3, "hybrid")
        assert hits and hits[0].chunk.doc_id == "astro"
        if docs == full:  # committed before the kill: start over from the base state
            delete_documents(IndexStore(index), sorted(full - base))
    done = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(articles)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _doc_ids(index) == full
    shutil.rmtree(index)
