"""BM25 over chunk tokens: built with bm25s, saved as one .npz, scored from its sparse matrix."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

IdArray = npt.NDArray[np.int64]


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

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    @classmethod
    def build(
        cls, token_lists: list[list[str]], ids: IdArray, k1: float = 1.5, b: float = 0.75
    ) -> BM25Index:
        if not token_lists:
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

    def top(self, tokens: list[str], k: int) -> tuple[IdArray, npt.NDArray[np.float32]]:
        """Chunk ids and scores of the k best rows with a positive score, best first."""
        if not len(self) or k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        scores = self.scores(tokens)
        k = min(k, len(scores))
        cand = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        cand = cand[scores[cand] > 0]
        order = cand[np.lexsort((cand, -scores[cand]))]
        return self.ids[order], scores[order]

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
