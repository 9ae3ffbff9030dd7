"""Dense, BM25 and hybrid retrieval over one index snapshot."""

from __future__ import annotations

import atexit
import functools
import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar, copy_context
from dataclasses import dataclass, field
from threading import Lock
from typing import Protocol

from rag.answering.countries import acronyms_as
from rag.answering.language import detect_language
from rag.chunking import Chunk
from rag.config import RETRIEVERS, Settings
from rag.dense import search_allowed
from rag.embedders import Embedder
from rag.embedders.base import Vectors
from rag.errors import RagError
from rag.pages import page_at, page_starts
from rag.sentence_store import SentenceScores
from rag.store import Allowed, Snapshot
from rag.text import tokenize

Candidates = list[tuple[int, float]]
Fused = tuple[float, dict[str, int], dict[str, float]]  # score, rank and score per retriever
Ranked = list[tuple[int, float, dict[str, int], dict[str, float]]]  # chunk id and its Fused
QueryEmbedder = Callable[[str], Vectors]


@dataclass(frozen=True, slots=True)
class Hit:
    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    row: int = -1  # the chunk's integer id in the store and in FAISS
    page: int | None = None  # where the chunk starts, for documents read page by page

    def to_dict(self) -> dict[str, object]:
        c = self.chunk
        return {
            "chunk_id": c.id, "doc_id": c.doc_id, "title": c.title, "ordinal": c.ordinal,
            "start": c.start, "end": c.end, "text": c.text, "score": round(self.score, 6),
            "ranks": self.ranks, "scores": {k: round(v, 6) for k, v in self.scores.items()},
            **({"page": self.page} if self.page is not None else {}),
        }


class Retriever(Protocol):
    name: str

    def candidates(self, query: str, depth: int, allowed: Allowed | None = None) -> Candidates:
        """Chunk ids with this retriever's own score, best first; only `allowed` chunks when
        given (a filter applied before ranking)."""
        ...


# Who is asking, to the query cache: a server sets it for each request (the service: its
# client as the rate limit counts it, API key and address); "" elsewhere (the CLI, the
# library, the evals), one caller. Threads this module starts carry it on.
QUERY_CALLER: ContextVar[str] = ContextVar("rag_query_caller", default="")


class QueryCache:
    """Repeated questions skip the model: an LRU keyed by who asks (`QUERY_CALLER`) and the
    exact query text. Shared by every caller, it told any client, by the time /search took
    (2.5 ms against 27.6 ms), whether another had just asked that exact question (review 49,
    F2); a caller's own repeats are as fast as before."""

    def __init__(self, embedder: Embedder, size: int = 1024) -> None:
        self._embedder = embedder
        self._cached = functools.lru_cache(maxsize=size)(self._embed)

    def _embed(self, caller: str, text: str) -> Vectors:
        del caller  # part of the key only
        return self._embedder.embed_query(text)

    def __call__(self, text: str) -> Vectors:
        return self._cached(QUERY_CALLER.get(), text)

    def cache_info(self) -> functools._CacheInfo:
        return self._cached.cache_info()

    def cache_clear(self) -> None:
        """Forget every query (bench/query.py times the uncached call)."""
        self._cached.cache_clear()


def query_embedder(embedder: Embedder, size: int = 1024) -> QueryEmbedder:
    """The query embedder searches use: `QueryCache`."""
    return QueryCache(embedder, size)


class DenseRetriever:
    """FAISS's nearest chunks. With `sentences`, each candidate's score becomes (1 - w) * its
    cosine + w * max(its cosine, its best stored sentence's cosine): a sentence closer to the
    question than its chunk lifts the chunk, a worse one never lowers it. w = `sentence_weight`
    for a question in the index's language, `sentence_weight_cross` otherwise
    (evals/study/results_sentences.md).
    The candidates are FAISS's top `depth` by chunk cosine, reordered; a chunk without stored
    sentences keeps its own cosine. With `coverage` (BM25's share of the query's terms the
    index holds), w is 0 for a question none of whose terms occur in the index: such a
    question is rarely about the corpus (20 of 30 off-topic English questions over the
    articles, 10 of 383 English dev questions), and lifting a chunk for its one closest
    sentence then only hands the answer gate a quotable sentence (results_sentences.md)."""

    name = "dense"

    def __init__(self, snapshot: Snapshot, embed: QueryEmbedder,
                 sentences: SentenceScores | None = None, settings: Settings | None = None,
                 coverage: Callable[[str], float] | None = None) -> None:
        self._index = snapshot.dense
        self._embed = embed
        self._sentences = sentences
        self._settings = settings or Settings()
        self._coverage = coverage

    def sentence_weight(self, query: str) -> float:
        """w for this question (0 without stored sentences, or when no query term is known)."""
        s = self._settings
        if self._sentences is None:
            return 0.0
        same = detect_language(query, default=s.index_language) == s.index_language
        w = s.sentence_weight if same else s.sentence_weight_cross
        if w > 0 and self._coverage is not None and self._coverage(query) <= 0:
            return 0.0
        return w

    def candidates(self, query: str, depth: int, allowed: Allowed | None = None) -> Candidates:
        if self._index.ntotal == 0 or (allowed is not None and not len(allowed.ids)):
            return []
        # a body's acronym as the sources' language writes it (`acronyms_as`: CSTO = OTSC)
        q = self._embed(acronyms_as(query, self._settings.index_language)).reshape(1, -1)
        if allowed is not None:
            scores, ids = search_allowed(self._index, q, min(depth, self._index.ntotal),
                                         allowed.ids, allowed.selector)
        else:
            scores, ids = self._index.search(q, min(depth, self._index.ntotal))
        # equal scores by id, as BM25 and fusion order them (FAISS lists ties by descending id)
        cands = sorted(((int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True)
                        if i >= 0), key=lambda c: (-c[1], c[0]))
        w = self.sentence_weight(query)
        return self.rescore(cands, q, w) if w > 0 else cands

    def rescore(self, cands: Candidates, q: Vectors, w: float) -> Candidates:
        """Chunk cosines lifted by their best sentence's, best first (ties by id)."""
        assert self._sentences is not None
        best = self._sentences.best([c for c, _ in cands], q)
        mixed = [(c, (1.0 - w) * s + w * max(s, best[c]) if c in best else s)
                 for c, s in cands]
        return sorted(mixed, key=lambda cs: (-cs[1], cs[0]))


class BM25Retriever:
    name = "bm25"

    def __init__(self, snapshot: Snapshot, stemmer: str) -> None:
        self._bm25 = snapshot.bm25
        self._stemmer = stemmer

    @property
    def size(self) -> int:
        return len(self._bm25)

    def candidates(self, query: str, depth: int, allowed: Allowed | None = None) -> Candidates:
        return self.ranked(query, depth, allowed)[0]

    def ranked(self, query: str, depth: int, allowed: Allowed | None = None
               ) -> tuple[Candidates, float]:
        """Candidates and the query's coverage: the idf-weighted share of its terms that occur
        in the index at all (1.0 = every term is known; an English question over French text
        keeps little more than its names and numbers). Coverage reads the whole index, a
        filter or not: it measures the query's language, not the allowed rows."""
        tokens = tokenize(query, self._stemmer)
        ids, scores = (self._bm25.top(tokens, depth) if allowed is None  # a cluster: no mask
                       else self._bm25.top(tokens, depth, allowed.mask))
        return [(int(i), float(s)) for i, s in zip(ids, scores, strict=True)], \
            self.coverage(tokens)

    def query_coverage(self, query: str) -> float:
        """`coverage` of the query's own terms."""
        return self.coverage(tokenize(query, self._stemmer))

    def coverage(self, tokens: list[str]) -> float:
        if not tokens:
            return 0.0
        n = len(self._bm25)
        unseen = math.log(1.0 + (n + 0.5) / 0.5)  # BM25Index.idf of a term no chunk holds
        idfs = [self._bm25.idf(t) for t in tokens]
        return sum(i for i in idfs if i < unseen - 1e-9) / sum(idfs)


@dataclass(frozen=True, slots=True)
class FusionPart:
    """One retriever's list as fusion sees it.

    `floor`: the score a chunk missing from the list is known to have (BM25: 0, no query term),
    None when unknown (dense: only "below the last candidate"). `coverage`: for BM25, the
    idf-weighted share of the query's terms the index holds at all."""

    name: str
    weight: float
    cands: Candidates
    floor: float | None = None
    population: int = 0  # chunks the retriever ranks (the padded list is at most this long)
    coverage: float = 1.0


class HybridRetriever:
    """Merges dense and BM25 candidates.

    `adaptive` (default): each list's scores are standardised and summed, like `zscore`, with
    two changes measured in evals/README.md ("Why the defaults are what they are"):
    - BM25 is standardised over the whole fusion depth, its absent chunks counted at their
      true score 0, so a list with one or few hits keeps its signal (z-scoring a lone hit
      against itself gave it 0, the same as a chunk BM25 never saw); a full list, and dense,
      are standardised over their own candidates as before;
    - BM25's weight follows what it can know for this query (`bm25_part_weight`): lower for a
      question in another language than the index, and scaled by its term coverage.
    `zscore`: each list z-scored over its own candidates, a missing chunk gets the list's
    lowest value (the previous default, kept to compare). `rrf`: weighted reciprocal-rank fusion.
    """

    name = "hybrid"

    def __init__(
        self, dense: Retriever, bm25: Retriever, settings: Settings,
        side_by_side: bool = False,
    ) -> None:
        self.dense = dense
        self.bm25 = bm25
        self.settings = settings
        self._depth = settings.fusion_depth
        self._side_by_side = side_by_side

    def _lists(self, query: str, depth: int, allowed: Allowed | None = None
               ) -> list[FusionPart]:
        """Each weighted retriever's candidates. Side by side, dense runs in a worker thread
        while BM25 runs here: FAISS releases the GIL, so at large sizes the dense search costs
        no extra wall time beside BM25 (bench/query.py)."""
        s = self.settings
        dense_cands: Candidates | None = None
        future = None
        if s.dense_weight > 0:
            if self._side_by_side and s.bm25_weight > 0:
                # (in this thread's context: the query cache keys by its QUERY_CALLER)
                future = _pool().submit(copy_context().run, self._dense, query,
                                        depth, allowed)
            else:
                dense_cands = self._dense(query, depth, allowed)
        parts: list[FusionPart] = []
        bm25_part = None
        if s.bm25_weight > 0:
            if isinstance(self.bm25, BM25Retriever):
                cands, coverage = self.bm25.ranked(query, depth, allowed)
                size = self.bm25.size if allowed is None else allowed.count
            else:  # precomputed lists (bench/query.py times the fusion alone)
                cands, coverage, size = self.bm25.candidates(query, depth), 1.0, depth
            bm25_part = FusionPart("bm25", s.bm25_weight, cands, 0.0, size, coverage)
        if future is not None:
            dense_cands = future.result()
        if dense_cands is not None:
            parts.append(FusionPart("dense", s.dense_weight, dense_cands))
        if bm25_part is not None:
            parts.append(bm25_part)
        return parts

    def _dense(self, query: str, depth: int, allowed: Allowed | None) -> Candidates:
        if allowed is None:  # precomputed lists (bench/query.py) take no filter
            return self.dense.candidates(query, depth)
        return self.dense.candidates(query, depth, allowed)

    def fuse(self, query: str, depth: int, allowed: Allowed | None = None
             ) -> dict[int, Fused]:
        parts = self._lists(query, depth, allowed)
        ranks: dict[int, dict[str, int]] = {}
        scores: dict[int, dict[str, float]] = {}
        for part in parts:
            for rank, (cid, score) in enumerate(part.cands, 1):
                ranks.setdefault(cid, {})[part.name] = rank
                scores.setdefault(cid, {})[part.name] = score
        fused = fuse_lists(query, parts, self.settings, depth)
        return {cid: (fused[cid], r, scores[cid]) for cid, r in ranks.items()}

    def ranked(self, query: str, k: int, allowed: Allowed | None = None) -> Ranked:
        """The k best fused chunks (fused over at least `fusion_depth` per list), ties by id."""
        fused = self.fuse(query, max(k, self._depth), allowed)
        best = sorted(fused.items(), key=lambda kv: (-kv[1][0], kv[0]))[:k]
        return [(cid, total, ranks, scores) for cid, (total, ranks, scores) in best]

    def candidates(self, query: str, depth: int, allowed: Allowed | None = None) -> Candidates:
        return [(cid, total) for cid, total, _, _ in self.ranked(query, depth, allowed)]


def bm25_part_weight(query: str, weight: float, coverage: float, settings: Settings) -> float:
    """BM25's weight for this query: times `bm25_foreign_weight` when the question is not in
    the index's language (an English question over French text leaves BM25 its names and
    numbers only), times coverage ** `bm25_coverage_power` (the idf-weighted share of the
    query's terms found in the index at all)."""
    lang = detect_language(query, default=settings.index_language)
    if lang != settings.index_language:
        weight *= settings.bm25_foreign_weight
    share: float = max(0.0, min(1.0, coverage)) ** settings.bm25_coverage_power
    return weight * share


def fuse_lists(query: str, parts: Sequence[FusionPart], settings: Settings, depth: int
               ) -> dict[int, float]:
    """The fused score of every candidate under `settings.fusion`."""
    contribs: list[tuple[dict[int, float], float]] = []
    for part in parts:
        if settings.fusion == "rrf":
            k = settings.rrf_k
            contribs.append(({cid: part.weight / (k + r)
                              for r, (cid, _) in enumerate(part.cands, 1)}, 0.0))
        elif settings.fusion == "zscore":
            contribs.append(_standardised(part.cands, part.weight))
        else:
            weight = part.weight
            if part.name == "bm25":
                weight = bm25_part_weight(query, weight, part.coverage, settings)
            if part.floor is None:
                contribs.append(_standardised(part.cands, weight))
            else:
                contribs.append(_standardised(part.cands, weight, part.floor,
                                              min(depth, part.population)))
    ids = set().union(*(c for c, _ in contribs)) if contribs else set()
    return {cid: sum(c.get(cid, floor) for c, floor in contribs) for cid in ids}


def _standardised(cands: Candidates, weight: float, floor: float | None = None, pad: int = 0
                  ) -> tuple[dict[int, float], float]:
    """weight * z-score of each candidate's score, and the value for chunks not in the list.

    A list shorter than `pad` with a known `floor` is first padded with it up to `pad` entries
    (every chunk it did not return scores exactly that). A full list is standardised over its
    own candidates: the chunks past its end score somewhere below its last one. Either way a
    missing chunk gets the lowest value."""
    if not cands:
        return {}, 0.0
    vals = [s for _, s in cands]
    if floor is not None and len(vals) < pad:
        vals = vals + [floor] * (pad - len(vals))
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
    should not); shut down at interpreter exit, or by `shutdown_pool`."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="rag-retrieval")
        return _POOL


@atexit.register
def shutdown_pool() -> None:
    """Stop the retrieval threads (the next side-by-side search starts a new pool)."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


class Searcher:
    """Holds one snapshot and its retrievers; `search` returns hydrated hits."""

    def __init__(self, snapshot: Snapshot, embedder: Embedder, settings: Settings) -> None:
        self.snapshot = snapshot
        self.settings = settings
        self.embedder = embedder
        self._embed = query_embedder(embedder)
        self.sentences = _sentence_store(snapshot, embedder, settings)
        bm25 = BM25Retriever(snapshot, settings.bm25_stemmer)
        dense = DenseRetriever(snapshot, self._embed, self.sentences, settings,
                               bm25.query_coverage)
        side_by_side = snapshot.n_chunks >= settings.parallel_retrieval_min_chunks
        self._hybrid = HybridRetriever(dense, bm25, settings, side_by_side)
        self.retrievers: dict[str, Retriever] = {"dense": dense, "bm25": bm25,
                                                 "hybrid": self._hybrid}

    def embed_query(self, query: str) -> Vectors:
        """The query's embedding as the dense retriever embedded it (a body's acronym as the
        sources write it), from the same cache: one model call per question, not two
        (security review 56 F1: "CSTO" doubled the embedding cost of every answer)."""
        return self._embed(acronyms_as(query, self.settings.index_language))

    def best_dense_score(self, query: str, hits: Sequence[Hit]) -> float:
        """Cosine between the query and its closest hit, whatever retriever found them."""
        known = [h.scores["dense"] for h in hits if "dense" in h.scores]
        if len(known) == len(hits) and known:
            return max(known)
        q = self.embed_query(query)
        index = self.snapshot.dense
        best = -1.0
        for h in hits:
            if h.row >= 0:
                best = max(best, float(index.reconstruct(h.row) @ q))
        return best

    def search(self, query: str, k: int | None = None, retriever: str | None = None,
               filters: object = None) -> list[Hit]:
        """The k best chunks. `filters` (the JSON object, its text or a parsed Filter)
        restricts every retriever to the matching chunks before ranking, so k hits come back
        whenever k matching chunks score; a bad filter raises FilterError."""
        query = check_query(query, self.settings)
        k = self.settings.k if k is None else k
        if not 1 <= k <= self.settings.max_k:
            raise RagError(f"k must be between 1 and {self.settings.max_k}, got {k}")
        name = retriever or self.settings.retriever
        if name not in self.retrievers:
            raise RagError(f"unknown retriever {name!r}: use one of {', '.join(RETRIEVERS)}")
        allowed = self.snapshot.allowed(filters, self.settings.filter_keys)
        if allowed is not None and not len(allowed.ids):
            return []
        if name == "hybrid":
            rows = self._hybrid.ranked(query, k, allowed)
        else:
            cands = (self.retrievers[name].candidates(query, k) if allowed is None
                     else self.retrievers[name].candidates(query, k, allowed))
            rows = [(cid, s, {name: r}, {name: s}) for r, (cid, s) in enumerate(cands, 1)]
        chunks = self.snapshot.chunks([r[0] for r in rows])
        pages = self.snapshot.store.doc_pages([c.doc_id for c in chunks.values()])
        return [Hit(chunks[cid], float(score), ranks, scores, cid,
                    page_at(page_starts(pages.get(chunks[cid].doc_id)), chunks[cid].start))
                for cid, score, ranks, scores in rows if cid in chunks]


def _sentence_store(snapshot: Snapshot, embedder: Embedder, settings: Settings
                    ) -> SentenceScores | None:
    """The index's stored sentences, when the signal is on and they are there."""
    if max(settings.sentence_weight, settings.sentence_weight_cross) <= 0:
        return None
    return snapshot.sentence_scores(embedder.name)


def check_query(query: str, settings: Settings) -> str:
    if not isinstance(query, str) or not query.strip():
        raise RagError("the question is empty")
    if len(query) > settings.max_query_chars:
        raise RagError(
            f"the question is {len(query)} characters long; the limit is {settings.max_query_chars}"
        )
    return query.strip()

