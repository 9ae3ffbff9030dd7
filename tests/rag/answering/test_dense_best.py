"""Dense's first chunk reaches the answer when the fusion ranks it past the k given to it
(blind41 b41_011: "Le bloc de sécurité ... a été formé en 1992" names the CSTO only as "le
bloc", so BM25 never finds it, and the fused list puts dense's first sixth)."""

from __future__ import annotations

from pathlib import Path

from rag.answering.pipeline import DENSE_BEST_POOL, Answerer, with_dense_best
from rag.chunking import Chunk
from rag.config import Settings
from rag.retrieval import Hit, Searcher

FOUNDED = "En quelle année l'alliance de l'OTSC a-t-elle vu le jour ?"


def _hit(i: int, dense: int | None) -> Hit:
    text = f"passage {i}"
    return Hit(Chunk(f"d{i}", 0, text, 0, len(text), "t"), 1.0 / i,
               ranks={"bm25": i, **({"dense": dense} if dense else {})})


def test_dense_first_joins_the_k_given() -> None:
    hits = [_hit(i, dense) for i, dense in enumerate([3, None, 2, None, 4, 7, 1, 5], 1)]
    assert [h.chunk.doc_id for h in with_dense_best(hits, 5)] == ["d1", "d2", "d3", "d4",
                                                                  "d5", "d7"]
    # already among the k, or nowhere: the k alone
    assert len(with_dense_best(hits, 7)) == 7
    assert len(with_dense_best([_hit(i, None) for i in range(1, 9)], 5)) == 5


def test_the_founding_year_said_of_the_bloc_is_answered(
        corpus_searcher: Searcher, corpus_dir: Path) -> None:
    fused = corpus_searcher.search(FOUNDED, 5)
    assert not any("1992" in h.chunk.text for h in fused)  # what this fixes: not in the five
    pool = corpus_searcher.search(FOUNDED, 5 + DENSE_BEST_POOL)
    assert any("1992" in h.chunk.text for h in with_dense_best(pool, 5))
    answerer = Answerer(lambda: corpus_searcher,
                        Settings(index_dir=corpus_dir, sentence_cache=False))
    answer = answerer.answer(FOUNDED)
    assert "1992" in answer.answer, answer.answer
    # a k the request sets is kept: no sixth passage
    assert len(answerer.answer(FOUNDED, k=5).passages) == 5
