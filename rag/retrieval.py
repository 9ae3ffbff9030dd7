"""Dense, BM25 and hybrid retrieval over one index snapshot."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from threading import Lock
from typing import Protocol

from rag.chunking import Chunk
from rag.config import Settings
from rag.embedders import Embedder
from rag.embedders.base import Vectors
from rag.errors import RagError
from rag.store import Snapshot
from rag.text import tokenize

RETRIEVERS = ("hybrid", "dense", "bm25")

Candidates = list[tuple[int, float]]
Fused = tuple[float, dict[str, int], dict[str, float]]  # score, rank and score per retriever


@dataclass(frozen=True, slots=True)
class Hit:
    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    row: int = -1  # the chunk's integer id in the store and in FAISS

    def to_dict(self) -> dict[str, object]:
        c = self.chunk
        return {
            "chunk_id": c.id, "doc_id": c.doc_id, "title": c.title, "ordinal": c.ordinal,
            "start": c.start, "end": c.end, "text": c.text, "score": round(self.score, 6),
            "ranks": self.ranks, "scores": {k: round(v, 6) for k, v in self.scores.items()},
        }


class Retriever(Protocol):
    name: str

    def candidates(self, query: str, depth: int) -> Candidates:
        """Chunk ids with this retriever's own score, best first."""
        ...


class QueryEmbeddingCache:
    """Repeated questions skip the model: a small LRU keyed by the exact query text."""

    def __init__(self, embedder: Embedder, size: int = 1024) -> None:
        self._embedder = embedder
        self._size = size
        self._items: OrderedDict[str, Vectors] = OrderedDict()
        self._lock = Lock()

    def __call__(self, query: str) -> Vectors:
        with self._lock:
            hit = self._items.get(query)
            if hit is not None:
                self._items.move_to_end(query)
                return hit
        vec = self._embedder.embed_query(query)
        with self._lock:
            self._items[query] = vec
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return vec


class DenseRetriever:
    name = "dense"

    def __init__(self, snapshot: Snapshot, embed: QueryEmbeddingCache) -> None:
        self._index = snapshot.dense
        self._embed = embed

    def candidates(self, query: str, depth: int) -> Candidates:
        if self._index.ntotal == 0:
            return []
        q = self._embed(query).reshape(1, -1)
        scores, ids = self._index.search(q, min(depth, self._index.ntotal))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


class BM25Retriever:
    name = "bm25"

    def __init__(self, snapshot: Snapshot, stemmer: str) -> None:
        self._bm25 = snapshot.bm25
        self._stemmer = stemmer

    def candidates(self, query: str, depth: int) -> Candidates:
        ids, scores = self._bm25.top(tokenize(query, self._stemmer), depth)
        return [(int(i), float(s)) for i, s in zip(ids, scores, strict=True)]


class HybridRetriever:
    """Merges dense and BM25 candidates.

    `zscore` (default): each list's scores are standardised (mean 0, sd 1 over its own
    candidates) and summed with the weights; a chunk missing from one list gets that list's
    lowest standardised score. Unlike reciprocal ranks it keeps how far ahead a candidate is,
    so a retriever that is sure of itself outweighs one that is not (evals/README.md has the
    comparison on both gold sets). `rrf`: weighted reciprocal-rank fusion.
    """

    name = "hybrid"

    def __init__(
        self, dense: DenseRetriever, bm25: BM25Retriever, settings: Settings,
        side_by_side: bool = False,
    ) -> None:
        self.parts: list[tuple[Retriever, float]] = [
            (dense, settings.dense_weight), (bm25, settings.bm25_weight)
        ]
        self._method = settings.fusion
        self._rrf_k = settings.rrf_k
        self._depth = settings.fusion_depth
        self._side_by_side = side_by_side

    def _lists(self, query: str, depth: int) -> list[tuple[str, float, Candidates]]:
        """Each weighted retriever's candidates. Side by side, every retriever but the last
        runs in a worker thread while the last runs here: FAISS releases the GIL, so at large
        sizes the dense search costs no extra wall time beside BM25 (bench/query.py)."""
        parts = [(r, w) for r, w in self.parts if w > 0]
        if not self._side_by_side or len(parts) < 2:
            return [(r.name, w, r.candidates(query, depth)) for r, w in parts]
        futures = [_pool().submit(r.candidates, query, depth) for r, _ in parts[:-1]]
        last = parts[-1][0].candidates(query, depth)
        got = [f.result() for f in futures] + [last]
        return [(r.name, w, c) for (r, w), c in zip(parts, got, strict=True)]

    def fuse(self, query: str, depth: int) -> dict[int, Fused]:
        lists = self._lists(query, depth)
        ranks: dict[int, dict[str, int]] = {}
        scores: dict[int, dict[str, float]] = {}
        contribs: list[tuple[dict[int, float], float]] = []
        for name, weight, cands in lists:
            for rank, (cid, score) in enumerate(cands, 1):
                if cid in ranks:
                    ranks[cid][name] = rank
                    scores[cid][name] = score
                else:
                    ranks[cid] = {name: rank}
                    scores[cid] = {name: score}
            if self._method == "rrf":
                k = self._rrf_k
                contribs.append(({cid: weight / (k + r) for r, (cid, _) in enumerate(cands, 1)},
                                 0.0))
            else:
                contribs.append(_standardised(cands, weight))
        return {cid: (sum(c.get(cid, floor) for c, floor in contribs), r, scores[cid])
                for cid, r in ranks.items()}

    def candidates(self, query: str, depth: int) -> Candidates:
        fused = self.fuse(query, max(depth, self._depth))
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [(cid, v[0]) for cid, v in ranked[:depth]]


def _standardised(cands: Candidates, weight: float) -> tuple[dict[int, float], float]:
    """weight * z-score of each candidate's score, and the value for chunks not in the list."""
    if not cands:
        return {}, 0.0
    vals = [s for _, s in cands]
    n = len(vals)
    mean = sum(vals) / n
    sd = (sum((s - mean) ** 2 for s in vals) / n) ** 0.5
    if sd <= 1e-12:
        return {cid: 0.0 for cid, _ in cands}, 0.0
    z = {cid: weight * (s - mean) / sd for cid, s in cands}
    return z, weight * (min(vals) - mean) / sd


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = Lock()


def _pool() -> ThreadPoolExecutor:
    """One small process-wide pool for side-by-side retrieval (snapshots come and go, threads
    should not)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="rag-retrieval")
        return _POOL


class Searcher:
    """Holds one snapshot and its retrievers; `search` returns hydrated hits."""

    def __init__(self, snapshot: Snapshot, embedder: Embedder, settings: Settings) -> None:
        self.snapshot = snapshot
        self.settings = settings
        self._embed = QueryEmbeddingCache(embedder)
        dense = DenseRetriever(snapshot, self._embed)
        bm25 = BM25Retriever(snapshot, settings.bm25_stemmer)
        side_by_side = snapshot.n_chunks >= settings.parallel_retrieval_min_chunks
        self._hybrid = HybridRetriever(dense, bm25, settings, side_by_side)
        self.retrievers: dict[str, Retriever] = {"dense": dense, "bm25": bm25,
                                                 "hybrid": self._hybrid}

    def best_dense_score(self, query: str, hits: Sequence[Hit]) -> float:
        """Cosine between the query and its closest hit, whatever retriever found them."""
        known = [h.scores["dense"] for h in hits if "dense" in h.scores]
        if len(known) == len(hits) and known:
            return max(known)
        q = self._embed(query)
        index = self.snapshot.dense
        best = -1.0
        for h in hits:
            if h.row >= 0:
                best = max(best, float(index.reconstruct(h.row) @ q))
        return best

    def search(self, query: str, k: int | None = None, retriever: str | None = None) -> list[Hit]:
        query = check_query(query, self.settings)
        k = self.settings.k if k is None else k
        if not 1 <= k <= self.settings.max_k:
            raise RagError(f"k must be between 1 and {self.settings.max_k}, got {k}")
        name = retriever or self.settings.retriever
        if name not in self.retrievers:
            raise RagError(f"unknown retriever {name!r}: use one of {', '.join(RETRIEVERS)}")
        if name == "hybrid":
            fused = self._hybrid.fuse(query, max(k, self.settings.fusion_depth))
            ranked = sorted(fused.items(), key=lambda kv: (-kv[1][0], kv[0]))[:k]
            rows = [(cid, total, ranks, scores) for cid, (total, ranks, scores) in ranked]
        else:
            cands = self.retrievers[name].candidates(query, k)
            rows = [(cid, s, {name: r}, {name: s}) for r, (cid, s) in enumerate(cands, 1)]
        chunks = self.snapshot.chunks([r[0] for r in rows])
        return [Hit(chunks[cid], float(score), ranks, scores, cid)
                for cid, score, ranks, scores in rows if cid in chunks]


def check_query(query: str, settings: Settings) -> str:
    if not isinstance(query, str) or not query.strip():
        raise RagError("the question is empty")
    if len(query) > settings.max_query_chars:
        raise RagError(
            f"the question is {len(query)} characters long; the limit is {settings.max_query_chars}"
        )
    return query.strip()

