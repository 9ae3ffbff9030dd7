"""BM25 with cluster-wide statistics: a chunk scores the same sharded as on one box.

A BM25 score depends on the whole corpus (document frequency of each term, number of chunks,
average length), so a shard cannot keep scores computed from its own statistics. Each shard
keeps its raw term frequencies (`TermCounts`, read from its SQLite rows), the cluster keeps the
summed statistics (`GlobalStats`, written at ingest), and `scored` builds a shard's score matrix
from both with the arithmetic bm25s uses for one box (Lucene idf and tf norm, the same float64
steps and float32 storage), so the scores are bit-identical. A commit to one shard changes the
global statistics: the other shards rescale in memory (one vectorised pass over their postings),
their files stay untouched.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rag.bm25 import BM25Index

IdArray = npt.NDArray[np.int64]
K1, B = 1.5, 0.75  # BM25Index.build's defaults


@dataclass(frozen=True, slots=True)
class TermCounts:
    """One shard's postings before scoring: (row, term, tf) triples and each row's length."""

    ids: IdArray  # cluster-wide chunk ids, one per row
    lengths: npt.NDArray[np.int64]
    vocab: list[str]  # column -> term
    rows: npt.NDArray[np.int32]
    cols: npt.NDArray[np.int32]
    tf: npt.NDArray[np.float32]

    @classmethod
    def from_tokens(cls, ids: IdArray, token_lists: Sequence[Sequence[str]]) -> TermCounts:
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[int] = []
        for r, toks in enumerate(token_lists):
            for term, n in Counter(toks).items():
                rows.append(r)
                cols.append(vocab.setdefault(term, len(vocab)))
                tfs.append(n)
        return cls(np.asarray(ids, dtype=np.int64),
                   np.fromiter((len(t) for t in token_lists), np.int64, len(token_lists)),
                   list(vocab), np.asarray(rows, np.int32), np.asarray(cols, np.int32),
                   np.asarray(tfs, np.float32))

    def local_stats(self) -> GlobalStats:
        """This shard's contribution to the cluster's statistics."""
        df = np.bincount(self.cols, minlength=len(self.vocab)).astype(np.int64)
        return GlobalStats(len(self.ids), int(self.lengths.sum()), dict(zip(
            self.vocab, (int(d) for d in df), strict=True)))


@dataclass(frozen=True, slots=True)
class GlobalStats:
    """What BM25 needs from the whole corpus: chunk count, total length, document frequencies."""

    n: int
    total_len: int
    df: dict[str, int]

    @property
    def avgdl(self) -> np.float64:
        # as bm25s: np.mean of the lengths (exact below 2**53 tokens), a float64 scalar, whose
        # type matters: it makes the tf norm below run in float64 as it does there
        return np.float64(self.total_len) / np.float64(self.n) if self.n else np.float64(0.0)

    def idf(self, token: str) -> float:
        """BM25Index.idf over the whole cluster."""
        df = self.df.get(token, 0)
        return float(np.log(1.0 + (self.n - df + 0.5) / (df + 0.5)))

    @staticmethod
    def summed(parts: Sequence[GlobalStats]) -> GlobalStats:
        df: Counter[str] = Counter()
        for p in parts:
            df.update(p.df)
        return GlobalStats(sum(p.n for p in parts), sum(p.total_len for p in parts), dict(df))

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        terms = sorted(self.df)
        np.savez(buf, terms=np.array(terms, dtype=np.str_),
                 df=np.fromiter((self.df[t] for t in terms), np.int64, len(terms)),
                 totals=np.array([self.n, self.total_len], dtype=np.int64))
        return buf.getvalue()

    @classmethod
    def load(cls, path: Path) -> GlobalStats:
        with np.load(path, allow_pickle=False) as z:
            arrays: dict[str, Any] = {k: z[k] for k in z.files}
        n, total = (int(v) for v in arrays["totals"])
        return cls(n, total, dict(zip(arrays["terms"].tolist(),
                                      arrays["df"].tolist(), strict=True)))


def scored(counts: TermCounts, stats: GlobalStats) -> BM25Index:
    """The shard's BM25 score matrix under the cluster's statistics (see module doc)."""
    if not len(counts.ids):
        return BM25Index(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int64),
                         {}, counts.ids)
    n = stats.n
    idf = np.array([math.log(1 + (n - stats.df[t] + 0.5) / (stats.df[t] + 0.5))
                    for t in counts.vocab], dtype=np.float32)
    l_d = counts.lengths[counts.rows]
    tf = counts.tf
    # bm25s `_score_tfc_robertson` (its "lucene" method), step for step
    tfc = tf / (K1 * ((1 - B) + B * l_d / stats.avgdl) + tf)
    data = (idf[counts.cols] * tfc).astype(np.float32)
    order = np.lexsort((counts.rows, counts.cols))
    indptr = np.zeros(len(counts.vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(counts.cols, minlength=len(counts.vocab)), out=indptr[1:])
    vocab = {t: i for i, t in enumerate(counts.vocab)}
    return BM25Index(data[order], counts.rows[order], indptr, vocab, counts.ids)
