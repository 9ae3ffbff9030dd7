"""Cited answers over your documents: hybrid retrieval, pluggable LLM backends.

    from rag import Engine, Settings

    engine = Engine.open(Settings(index_dir="my-index"))
    engine.ingest(["docs/"])
    print(engine.ask("Combien de soldats ?").answer)

The names below are the library's public surface; every other module is private by convention
(importable, but free to change). They load on first use, so `import rag` (and the `rag`
command's start) stays cheap and the process can set up its threads before FAISS or a model
loads (rag.threads).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.answering.citations import Citation
    from rag.answering.pipeline import Answer, BusyError, Citations, Done, Event, Token
    from rag.answering.verify import Passage, Verification, Verifier
    from rag.config import Settings
    from rag.documents import Document
    from rag.embedders import Embedder
    from rag.engine import Engine
    from rag.errors import IndexCorruptError, IndexMismatchError, IndexWriteError, RagError
    from rag.fetch import FetchRefused
    from rag.filters import FilterError
    from rag.ingest import IngestCancelled, IngestReport
    from rag.llm import LLM, LLMError, LLMTimeout, Message
    from rag.llm.base import CancelToken
    from rag.loaders import Skipped
    from rag.retrieval import Hit
    from rag.store import DocumentInfo
    from rag.threads import quiet_openmp

# public name -> the private module that defines it
_HOME = {
    "Answer": "rag.answering.pipeline",
    "BusyError": "rag.answering.pipeline",
    "CancelToken": "rag.llm.base",
    "Citation": "rag.answering.citations",
    "Citations": "rag.answering.pipeline",
    "Document": "rag.documents",
    "Done": "rag.answering.pipeline",
    "DocumentInfo": "rag.store",
    "Embedder": "rag.embedders.base",
    "Engine": "rag.engine",
    "Event": "rag.answering.pipeline",
    "FetchRefused": "rag.fetch",
    "FilterError": "rag.filters",
    "Hit": "rag.retrieval",
    "IndexCorruptError": "rag.errors",
    "IndexMismatchError": "rag.errors",
    "IndexWriteError": "rag.errors",
    "IngestCancelled": "rag.ingest",
    "IngestReport": "rag.ingest",
    "LLM": "rag.llm.base",
    "LLMError": "rag.llm.base",
    "LLMTimeout": "rag.llm.base",
    "Message": "rag.llm.base",
    "Passage": "rag.answering.verify",
    "RagError": "rag.errors",
    "Settings": "rag.config",
    "Skipped": "rag.loaders",
    "Token": "rag.answering.pipeline",
    "Verification": "rag.answering.verify",
    "Verifier": "rag.answering.verify",
    "quiet_openmp": "rag.threads",
}

__all__ = [
    "LLM",
    "Answer",
    "BusyError",
    "CancelToken",
    "Citation",
    "Citations",
    "Document",
    "DocumentInfo",
    "Done",
    "Embedder",
    "Engine",
    "Event",
    "FetchRefused",
    "FilterError",
    "Hit",
    "IndexCorruptError",
    "IndexMismatchError",
    "IndexWriteError",
    "IngestCancelled",
    "IngestReport",
    "LLMError",
    "LLMTimeout",
    "Message",
    "Passage",
    "RagError",
    "Settings",
    "Skipped",
    "Token",
    "Verification",
    "Verifier",
    "quiet_openmp",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'rag' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
