"""`rag eval --compare`: several configurations on one gold set, one table.

Retrievers and the follow-up rewrite run on the given index. Chunkings other than the
index's own are ingested into temporary indexes built from the corpus (the user's index is
never touched). Answer backends run the whole /ask path.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.config import RETRIEVERS, Settings
from rag.embedders import Embedder
from rag.engine import Engine
from rag.evaluation.evals import METRICS, GoldQuestion, evaluate_answers, evaluate_retrieval
from rag.store import IndexStore

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Chunking:
    tokens: int
    overlap: int

    @property
    def label(self) -> str:
        return f"{self.tokens}/{self.overlap}"


@dataclass(slots=True)
class CompareResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    retrieval: dict[str, dict[str, Any]] = field(default_factory=dict)  # key: config name
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


def parse_chunkings(spec: str) -> list[Chunking]:
    """"96/16,128/24,256/32" -> Chunkings; a clear error otherwise."""
    out = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        try:
            tokens, overlap = (int(x) for x in part.split("/"))
        except ValueError:
            raise ValueError(f"chunking {part!r} is not TOKENS/OVERLAP") from None
        if not 32 <= tokens <= 2048 or not 0 <= overlap < tokens:
            raise ValueError(f"chunking {part!r}: need 32 <= TOKENS <= 2048, 0 <= OVERLAP < TOKENS")
        out.append(Chunking(tokens, overlap))
    return out


def _row(config: str, chunking: str, retriever: str, res: dict[str, Any]) -> dict[str, Any]:
    return {"config": config, "chunking": chunking, "retriever": retriever,
            **{k: res[k] for k in METRICS}}


def _open(settings: Settings, embedder: Embedder) -> Engine:
    """An index compare reads (or fills itself): never built from the corpus by the engine,
    and no sentence cache written into the user's index (compare only reads it)."""
    return Engine.open(settings.model_copy(update={"sentence_cache": False}), embedder=embedder,
                       build=False)


def _variants(settings: Settings, tmp: Path, embedder: Embedder) -> list[tuple[str, Engine]]:
    """Query-side alternatives to the current defaults on the same index: the other fusion
    method, and BM25 with the title flipped (terms rebuilt on a copy; nothing re-embedded)."""
    other = "rrf" if settings.fusion == "zscore" else "zscore"
    out = [(f"fusion {other}", _open(settings.model_copy(update={"fusion": other}), embedder))]
    flipped = settings.model_copy(update={"bm25_title": not settings.bm25_title,
                                          "index_dir": tmp})
    tmp.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(settings.index_dir / "store.sqlite")
    dst = sqlite3.connect(tmp / "store.sqlite")
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    label = "bm25 " + ("with" if flipped.bm25_title else "without") + " title"
    out.append((label, _open(flipped, embedder)))
    return out


def run_compare(
    gold: Sequence[GoldQuestion],
    settings: Settings,
    embedder: Embedder,
    corpus: Sequence[Path],
    chunkings: Sequence[Chunking],
    backends: Sequence[str] = ("extractive",),
    k: int = 10,
    progress: Progress | None = None,
) -> CompareResult:
    say = progress or (lambda _msg: None)
    result = CompareResult()
    own = Chunking(settings.chunk_tokens, settings.chunk_overlap)
    with tempfile.TemporaryDirectory(prefix="rag-compare-") as tmp:
        for chunking in [own, *[c for c in chunkings if c != own]]:
            cs = settings.model_copy(update={"chunk_tokens": chunking.tokens,
                                             "chunk_overlap": chunking.overlap})
            temporary = chunking != own or not IndexStore.open(settings).exists()
            if temporary:
                cs = cs.model_copy(update={"index_dir": Path(tmp) / chunking.label.replace("/",
                                                                                           "-")})
            engine = _open(cs, embedder)
            if temporary:
                say(f"ingesting the corpus with chunks of {chunking.label} tokens")
                engine.ingest(corpus)
            for retriever in RETRIEVERS:
                say(f"retrieval {retriever}, chunks {chunking.label}")
                name = f"{retriever} {chunking.label}"

                def search(q: str, depth: int, r: str = retriever,
                           s: Engine = engine) -> list[Any]:
                    hits: list[Any] = s.search(q, depth, r)
                    return hits

                res = evaluate_retrieval(gold, search, k, retriever)
                result.retrieval[name] = res
                result.rows.append(_row(name, chunking.label, retriever, res))
            if chunking == own:
                for label, variant in _variants(cs, Path(tmp) / "variant", embedder):
                    for retriever in ("hybrid", "bm25") if "title" in label else ("hybrid",):
                        say(f"retrieval {retriever}, {label}")

                        def search_v(q: str, depth: int, r: str = retriever,
                                     s: Engine = variant) -> list[Any]:
                            hits: list[Any] = s.search(q, depth, r)
                            return hits

                        res = evaluate_retrieval(gold, search_v, k, retriever)
                        name = f"{retriever} {chunking.label}, {label}"
                        result.retrieval[name] = res
                        result.rows.append(_row(name, chunking.label, retriever, res))
                if any(g.extra.get("history") for g in gold):
                    say("retrieval hybrid without the follow-up rewrite")
                    followups = [g for g in gold if g.extra.get("history")]
                    for rewrite in (True, False):

                        def hybrid(q: str, d: int, s: Engine = engine) -> list[Any]:
                            hits: list[Any] = s.search(q, d, "hybrid")
                            return hits

                        res = evaluate_retrieval(followups, hybrid, k, "hybrid", rewrite=rewrite)
                        name = f"follow-ups, rewrite {'on' if rewrite else 'off'}"
                        result.retrieval[name] = res
                        result.rows.append(_row(name, chunking.label, "hybrid", res))
                for backend in backends:
                    say(f"answers with the {backend} backend")
                    answering = _open(cs.model_copy(update={"llm": backend}), embedder)

                    def ask(g: GoldQuestion, e: Engine = answering) -> Any:
                        return e.ask(g.question, None, None, g.extra.get("history") or [])

                    result.answers[backend] = evaluate_answers(gold, ask, backend)
    return result
