"""BM25 over chunk tokens: built with bm25s, saved as one .npz, scored from its sparse matrix."""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

IdArray = npt.NDArray[np.int64]
_SMALL = 65_536  # rows up to which several terms are ranked by a partition of all rows
_SAMPLE_FACTOR = 128  # sample ~k*128 postings to bound the k-th best score (see _bound)


class BM25Index:
    """Keeps bm25s's precomputed term->document score matrix (CSC); a query sums a few columns."""

    def __init__(
        self,
        data: npt.NDArray[np.float32],
        indices: npt.NDArray[np.int32],
        indptr: npt.NDArray[np.int64],
        vocab: dict[str, int],
        ids: IdArray,
    ) -> None:
        self._data = data
        self._indices = indices
        self._indptr = indptr
        self._vocab = vocab
        self.ids = ids
        self._local = threading.local()

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    @classmethod
    def build(
        cls, token_lists: list[list[str]], ids: IdArray, k1: float = 1.5, b: float = 0.75
    ) -> BM25Index:
        if not any(token_lists):  # no document has a word: nothing to score (bm25s fails)
            empty_i = np.zeros(0, dtype=np.int32)
            return cls(np.zeros(0, np.float32), empty_i, np.zeros(1, np.int64), {}, ids)
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        model = bm25s.BM25(k1=k1, b=b, method="lucene")
        model.index(token_lists, show_progress=False)
        s = model.scores
        return cls(
            np.asarray(s["data"], dtype=np.float32),
            np.asarray(s["indices"], dtype=np.int32),
            np.asarray(s["indptr"], dtype=np.int64),
            {str(k): int(v) for k, v in model.vocab_dict.items()},
            ids,
        )

    def idf(self, token: str) -> float:
        """Lucene BM25 idf from the term's document frequency; unseen terms get the maximum."""
        n = len(self)
        col = self._vocab.get(token)
        df = 0 if col is None else int(self._indptr[col + 1] - self._indptr[col])
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    def scores(self, tokens: list[str]) -> npt.NDArray[np.float32]:
        out = np.zeros(len(self), dtype=np.float32)
        for tok in tokens:
            col = self._vocab.get(tok)
            if col is None:
                continue
            lo, hi = self._indptr[col], self._indptr[col + 1]
            np.add.at(out, self._indices[lo:hi], self._data[lo:hi])
        return out

    def _columns(self, tokens: list[str]) -> list[tuple[int, int]]:
        """Posting ranges of the query's known terms, in query order (a repeated term counts
        again, as in `scores`)."""
        out: list[tuple[int, int]] = []
        ptr = self._indptr
        for tok in tokens:
            col = self._vocab.get(tok)
            if col is not None:
                out.append((int(ptr[col]), int(ptr[col + 1])))
        return out

    def top(
        self, tokens: list[str], k: int, mask: npt.NDArray[np.bool_] | None = None
    ) -> tuple[IdArray, npt.NDArray[np.float32]]:
        """Chunk ids and scores of the k best rows with a positive score, best first; equal
        scores are ordered by id.

        Only the rows a query term touches are looked at: a single term's postings are its
        scores; several terms are summed into a dense buffer (float32, in query order, so the
        sums are bit-identical to `scores`). Up to `_SMALL` rows one partition of all rows
        finds the k-th best score; above, only the postings that can reach the top k are kept (see
        `_bound`) and deduplicated, with no pass over all rows.

        `mask` (a boolean per row) keeps only the allowed rows before the top-k cut, so a
        filter never returns fewer than k hits while k allowed rows score above zero; several
        terms then take the partition path, as the sampled bound would count disallowed rows.
        """
        n = len(self)
        if not n or k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        cols = self._columns(tokens)
        if not cols:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        rows: npt.NDArray[Any]  # row numbers
        if len(cols) == 1:
            lo, hi = cols[0]
            rows, vals = self._indices[lo:hi], self._data[lo:hi]
            if mask is not None:
                keep = mask[rows]
                rows, vals = rows[keep], vals[keep]
        elif n <= _SMALL or mask is not None:  # a partition of all rows costs less here
            acc = self.scores(tokens)
            if mask is not None:
                acc[~mask] = 0
            kth = acc[np.argpartition(-acc, k - 1)[:k]].min() if k < n else 0.0
            rows = np.flatnonzero(acc >= kth) if kth > 0 else np.flatnonzero(acc)  # ties kept
            vals = acc[rows]
        else:
            acc = self._scratch(n)
            parts = [self._indices[lo:hi] for lo, hi in cols]
            try:
                for (lo, hi), part in zip(cols, parts, strict=True):
                    np.add.at(acc, part, self._data[lo:hi])
                bound = self._bound(acc, max(parts, key=len), k)
                cand = np.concatenate(parts)
                # few rows reach the bound (or, with no bound, few rows are touched at all)
                rows = np.unique(cand[acc[cand] >= bound] if bound > 0 else cand)
                vals = acc[rows]  # a copy
            finally:
                for part in parts:  # leave the buffer zeroed for the next query
                    acc[part] = 0
        return self._select(rows, vals, k)

    @staticmethod
    def _bound(acc: npt.NDArray[np.float32], part: npt.NDArray[Any], k: int) -> float:
        """A lower bound of the k-th best total score, or 0 when there is none to be had.

        `part` is one term's postings, so its rows are distinct; the k-th best total among an
        evenly strided sample of them never exceeds the k-th best over all rows. Every row
        scoring at least the bound therefore holds the exact top k, ties included, and with a
        sample of ~k*128 rows few others do (1M replicated chunks: ~1.4 ms instead of ~4 ms for
        a partition of all rows, bench/bm25_check.py).
        """
        sample = acc[part[:: max(1, len(part) // (k * _SAMPLE_FACTOR))]]
        if len(sample) < k:
            return 0.0
        return float(np.partition(sample, len(sample) - k)[len(sample) - k])

    def _scratch(self, n: int) -> npt.NDArray[np.float32]:
        """This thread's zeroed score buffer over all rows: allocating (and page-faulting)
        a fresh one per query cost more than the scoring at 1M rows."""
        buf: npt.NDArray[np.float32] | None = getattr(self._local, "acc", None)
        if buf is None or len(buf) != n:
            buf = np.zeros(n, dtype=np.float32)
            self._local.acc = buf
        return buf

    def _select(self, rows: npt.NDArray[Any], vals: npt.NDArray[np.float32], k: int
                ) -> tuple[IdArray, npt.NDArray[np.float32]]:
        """The k best of distinct rows with their exact scores: positive, best first, ties by
        id."""
        positive = vals > 0
        rows, vals = rows[positive], vals[positive]
        if len(rows) > k:  # everything scoring at least the k-th best, then an exact order
            kth = np.partition(vals, len(vals) - k)[len(vals) - k]
            keep = vals >= kth
            rows, vals = rows[keep], vals[keep]
        order = np.lexsort((rows, -vals))[:k]
        return self.ids[rows[order]], vals[order]

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        vocab = np.array(sorted(self._vocab, key=self._vocab.__getitem__), dtype=np.str_)
        np.savez(buf, data=self._data, indices=self._indices, indptr=self._indptr,
                 vocab=vocab, ids=self.ids)
        return buf.getvalue()

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        with np.load(path, allow_pickle=False) as z:
            arrays: dict[str, Any] = {k: z[k] for k in z.files}
        vocab = {str(t): i for i, t in enumerate(arrays["vocab"].tolist())}
        return cls(arrays["data"], arrays["indices"], arrays["indptr"], vocab, arrays["ids"])
