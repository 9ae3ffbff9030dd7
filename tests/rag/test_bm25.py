"""BM25Index.top against a brute-force ranking of BM25Index.scores (all rows, exact order)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag import bm25
from rag.bm25 import BM25Index

VOCAB = [f"w{i}" for i in range(40)]


def _corpus(n_distinct: int, copies: int, seed: int) -> list[list[str]]:
    """Documents drawn from a skewed vocabulary, each repeated `copies` times in turn, so that
    many rows share a score exactly (the case where the top k has to be cut inside a tie)."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, len(VOCAB) + 1)
    weights /= weights.sum()
    base = [list(rng.choice(VOCAB, size=int(rng.integers(3, 30)), p=weights))
            for _ in range(n_distinct)]
    return [base[i % n_distinct] for i in range(n_distinct * copies)]


def _brute(index: BM25Index, tokens: list[str], k: int) -> tuple[list[int], list[float]]:
    scores = index.scores(tokens)
    rows = np.flatnonzero(scores > 0)
    order = np.lexsort((index.ids[rows], -scores[rows]))[:k]
    return index.ids[rows[order]].tolist(), scores[rows[order]].tolist()


@pytest.mark.parametrize(("copies", "seed", "scan_all_up_to"),
                         [(1, 1, None), (37, 2, None), (1, 3, 0), (37, 4, 0)])
def test_top_matches_brute_force_ranking_with_ties(
    copies: int, seed: int, scan_all_up_to: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of ranking several terms: a partition of all rows (small indexes) and the sampled
    bound over the postings (forced here with a zero size limit)."""
    if scan_all_up_to is not None:
        monkeypatch.setattr(bm25, "_SMALL", scan_all_up_to)
    docs = _corpus(120, copies, seed)
    ids = np.arange(10, 10 + 3 * len(docs), 3, dtype=np.int64)  # ids are not row numbers
    index = BM25Index.build(docs, ids)
    rng = np.random.default_rng(seed + 100)
    queries = [list(rng.choice([*VOCAB, "unseen"], size=int(rng.integers(1, 7))))
               for _ in range(60)]
    queries += [["w0", "w1", "w2"], ["w0", "w0"], ["w39"], ["unseen"]]
    checked_cut_in_tie = False
    for tokens in queries:
        for k in (1, 5, 50, 400):
            got_ids, got_scores = index.top(tokens, k)
            want_ids, want_scores = _brute(index, tokens, k)
            assert got_ids.tolist() == want_ids, (tokens, k)
            assert got_scores.tolist() == want_scores, (tokens, k)
            if want_scores and len(want_ids) == k:
                tied = np.count_nonzero(index.scores(tokens) == want_scores[-1])
                checked_cut_in_tie |= tied > want_scores.count(want_scores[-1])
    assert checked_cut_in_tie or copies == 1


def test_top_of_empty_index_and_unknown_terms() -> None:
    index = BM25Index.build([], np.zeros(0, dtype=np.int64))
    assert index.top(["w0"], 5)[0].tolist() == []
    index = BM25Index.build([["a", "b"], ["b", "c"]], np.array([1, 2], dtype=np.int64))
    assert index.top(["zzz"], 5)[0].tolist() == []
    assert index.top(["b"], 0)[0].tolist() == []


@pytest.mark.parametrize("scan_all_up_to", [None, 0])
def test_top_with_mask_ranks_only_allowed_rows(
    scan_all_up_to: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter masks rows before the top-k cut: k allowed hits even when the unfiltered top k
    holds none of them (both the partition and the postings path)."""
    if scan_all_up_to is not None:
        monkeypatch.setattr(bm25, "_SMALL", scan_all_up_to)
    docs = _corpus(120, 5, 7)
    ids = np.arange(len(docs), dtype=np.int64)
    index = BM25Index.build(docs, ids)
    for tokens in (["w0", "w1", "w2"], ["w3"], ["w0", "w5"]):
        scores = index.scores(tokens)
        unfiltered, _ = index.top(tokens, 10)
        mask = np.ones(len(docs), dtype=bool)
        mask[unfiltered] = False  # the best rows are all disallowed
        got, _ = index.top(tokens, 10, mask=mask)
        allowed = np.where(mask, scores, 0)
        rows = np.flatnonzero(allowed > 0)
        want = rows[np.lexsort((rows, -allowed[rows]))][:10]
        assert got.tolist() == want.tolist() and len(got) == min(10, len(rows))
        assert not set(got.tolist()) & set(unfiltered.tolist())


def test_documents_without_a_word_build_an_index_that_scores_nothing(tmp_path: Path) -> None:
    """Punctuation-only chunks (or text whose NFKC form tokenizes to nothing) made bm25s fail
    at commit ("max() arg is an empty sequence"): the ingest died with a traceback."""
    ids = np.array([3, 7], dtype=np.int64)
    index = BM25Index.build([[], []], ids)
    assert len(index) == 2 and not index.scores(["russie"]).any()
    assert len(index.top(["russie"], 5)[0]) == 0
    path = tmp_path / "bm25.npz"
    path.write_bytes(index.to_bytes())
    assert len(BM25Index.load(path)) == 2
