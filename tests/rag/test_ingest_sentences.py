"""Sentences embedded at ingest: stored with document offsets, following every commit, and
found precomputed by the answering code."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from rag.answering.evidence import gather_evidence
from rag.answering.sentence_vectors import CachedSentenceVectors
from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.ingest import Ingestor, delete_documents
from rag.retrieval import Searcher
from rag.sentence_store import SentenceStore, sentence_key
from rag.store import IndexStore
from tests.conftest import small_docs


def _ingestor(root: Path, embedder: E5Embedder, **kw: object) -> Ingestor:
    return Ingestor(Settings(index_dir=root, **kw), embedder, IndexStore(root))  # type: ignore[arg-type]


def _rows(root: Path) -> list[tuple[int, int, str, int, int, bytes]]:
    with sqlite3.connect(root / "sentences.sqlite") as db:
        return [(c, i, d, s, e, bytes(k)) for c, i, d, s, e, k in db.execute(
            "SELECT chunk, idx, doc_id, start, end, key FROM chunk_sentences "
            "ORDER BY chunk, idx")]


def _vector_keys(root: Path) -> set[bytes]:
    with sqlite3.connect(root / "sentences.sqlite") as db:
        return {bytes(k) for (k,) in db.execute("SELECT key FROM sentence_vectors")}


def _chunk_ids(root: Path) -> dict[int, str]:
    with sqlite3.connect(root / "store.sqlite") as db:
        return dict(db.execute("SELECT id, doc_id FROM chunks").fetchall())


LONG = Document("long", "Première phrase du document. " * 40 + "M. Dupont a parlé à Lyon. "
                "Le pont de Millau mesure 343 mètres de haut.", "Un long document")


def test_sentences_are_stored_at_ingest_with_document_offsets(tmp_path: Path,
                                                              embedder: E5Embedder) -> None:
    docs = [*small_docs(), LONG]
    _ingestor(tmp_path, embedder).run(docs)
    texts = {d.id: d.text for d in docs}
    rows = _rows(tmp_path)
    name = embedder.name
    assert {c for c, *_ in rows} == set(_chunk_ids(tmp_path))  # every chunk has its sentences
    for chunk, _, doc_id, start, end, key in rows:
        assert _chunk_ids(tmp_path)[chunk] == doc_id
        assert key == sentence_key(name, " ".join(texts[doc_id][start:end].split()))
    astro = [(s, e) for _, _, d, s, e, _ in rows if d == "astro"]
    assert [texts["astro"][s:e] for s, e in astro] == [
        "La fusée Ariane 6 a décollé de Kourou en Guyane avec un satellite météo.",
        "Le lancement a eu lieu de nuit."]
    # "M. Dupont" is not a sentence end; the last sentence sits at its offset in the document
    long_texts = {texts["long"][s:e] for _, _, d, s, e, _ in rows if d == "long"}
    assert "M. Dupont a parlé à Lyon." in long_texts
    assert {k for *_, k in rows} <= _vector_keys(tmp_path)
    # a sentence repeated in overlapping chunks (and 40 times in the text) is embedded once
    assert len(_vector_keys(tmp_path)) == len({k for *_, k in rows})


def test_delete_and_reingest_refresh_the_sentences(tmp_path: Path, embedder: E5Embedder) -> None:
    ing = _ingestor(tmp_path, embedder)
    docs = small_docs()
    ing.run(docs)
    astro_keys = {k for *_, d, _, _, k in _rows(tmp_path) if d == "astro"}
    delete_documents(ing.store, ["astro"])
    assert all(d != "astro" for _, _, d, *_ in _rows(tmp_path))
    assert not astro_keys & _vector_keys(tmp_path)  # its vectors went with it
    changed = replace(docs[1], text="La ratatouille se mange froide en été.")
    ing.run([changed, *docs[2:]])
    cuisine = [(s, e) for _, _, d, s, e, _ in _rows(tmp_path) if d == "cuisine"]
    assert [changed.text[s:e] for s, e in cuisine] == [changed.text]
    old = sentence_key(embedder.name, docs[1].text)
    assert old not in _vector_keys(tmp_path)
    assert {c for c, *_ in _rows(tmp_path)} == set(_chunk_ids(tmp_path))


def test_sentences_off_writes_nothing_and_a_later_ingest_fills_them(
        tmp_path: Path, embedder: E5Embedder) -> None:
    _ingestor(tmp_path, embedder, sentence_index=False).run(small_docs())
    assert not (tmp_path / "sentences.sqlite").exists()
    report, _ = _ingestor(tmp_path, embedder).run(small_docs())  # unchanged documents
    assert report.unchanged == 4
    assert {c for c, *_ in _rows(tmp_path)} == set(_chunk_ids(tmp_path))


def test_a_commit_the_sentences_missed_is_reconciled(tmp_path: Path,
                                                     embedder: E5Embedder) -> None:
    """A crash between the store's commit and the sentences' leaves stale rows: the next
    ingest notices the generation gap and removes them (and fills what is missing)."""
    ing = _ingestor(tmp_path, embedder)
    ing.run(small_docs())
    with ing.store.write_lock():  # a delete whose sentence update never ran
        ing.store.commit(ing.store.stored_identity(), deletes=["foot"])
    assert any(d == "foot" for _, _, d, *_ in _rows(tmp_path))
    ing.run([NEW_DOC])
    assert all(d != "foot" for _, _, d, *_ in _rows(tmp_path))
    assert {c for c, *_ in _rows(tmp_path)} == set(_chunk_ids(tmp_path))


NEW_DOC = Document("lac", "Le lac Léman borde Genève et Lausanne.", "Le lac Léman")


def test_answers_find_the_sentences_precomputed(tmp_path: Path) -> None:
    embedder = E5Embedder(threads=2)  # its own call counter
    settings = Settings(index_dir=tmp_path)
    ing = Ingestor(settings, embedder, IndexStore(tmp_path))
    _, snap = ing.run(small_docs())
    assert snap is not None
    searcher = Searcher(snap, embedder, settings)
    q = "Où a décollé la fusée Ariane 6 ?"
    hits = searcher.search(q, 3)
    before = embedder.calls
    vectors = CachedSentenceVectors(embedder, path=tmp_path / "sentences.sqlite")
    ev = gather_evidence(q, hits, searcher.embed_query(q), vectors, snap.bm25.idf)
    assert embedder.calls == before  # every sentence vector came from the index
    assert ev.sentences and "Kourou" in ev.sentences[0].text
    best = SentenceStore(tmp_path, embedder.name).best([h.row for h in hits],
                                                       searcher.embed_query(q))
    assert abs(max(best.values()) - max(s.dense for s in ev.sentences)) < 1e-5


def test_one_sentence_in_many_chunks_scores_alike(tmp_path: Path, embedder: E5Embedder) -> None:
    """The same stored sentence gives every chunk that holds it the same cosine, bit for bit,
    wherever its row falls in the matrix: equal chunks then tie and order by id, on one box as
    on a cluster's shards (a float32 product rounded by row position and broke such ties)."""
    text = "Des manifestations contre la hausse du prix du gaz ont eu lieu à Almaty."
    docs = [Document(f"dup-{i:02d}", text, "Dépêche") for i in range(23)]
    root = tmp_path / "idx"
    Ingestor(Settings(index_dir=root), embedder, IndexStore(root)).run(docs)
    store = SentenceStore(root, embedder.name, create=False)
    ids = [int(r[0]) for r in sqlite3.connect(root / "store.sqlite").execute(
        "SELECT id FROM chunks ORDER BY id")]
    for q in ("What happened in Almaty?", "prix du gaz", "Qui est Tokaïev ?"):
        best = store.best(ids, embedder.embed_query(q))
        assert len(best) == len(ids) and len(set(best.values())) == 1, q
