"""Reliability tests: fuzzing, hostile input, concurrency, crashes, soak, leaks.

They reuse the service tests' real uvicorn helpers (`serve`, `running_service`, `small_service`)
and the session fixtures of tests/conftest.py (the real e5 `embedder`, the `corpus_dir` index).
"""

from __future__ import annotations

import gc
import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.service.conftest import small_service

__all__ = ["small_service"]

_LEAD = "According to the sources (quoted as written): "
_UNIT = re.compile(r"\s*(.*?)\s?\[(\d+)\]([.!?…»\"”’)]*)", re.S)


@pytest.fixture
def corpus_index(corpus_dir: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the session corpus index (five French articles)."""
    dest = tmp_path / "corpus-index"
    shutil.copytree(corpus_dir, dest)
    return dest


def squash(text: str) -> str:
    """Whitespace-insensitive form: the extractive writer normalises spaces and moves the
    marker before the closing punctuation ("zèbre ?" -> "zèbre [1]?")."""
    return "".join(text.split())


def extractive_units(body: dict[str, Any]) -> list[tuple[str, int]]:
    """Split an extractive answer into (quoted text, citation number) units and check that
    nothing else is in it: each unit's text, markers removed, is a span of the passage its
    marker cites; the only other text allowed is the fixed English lead-in."""
    answer: str = body["answer"]
    cited = {c["n"]: c["text"] for c in body["citations"]}
    rest = answer.removeprefix(_LEAD)
    units: list[tuple[str, int]] = []
    pos = 0
    while m := _UNIT.match(rest, pos):
        quote, n, punct = m.group(1).strip(), int(m.group(2)), m.group(3)
        assert n in cited, f"marker [{n}] cites nothing: {answer!r}"
        quote = quote.removesuffix(" …")  # a sentence cut at 600 characters
        quote = quote.removeprefix("… ")  # the tail of a sentence a chunk cut
        quote = html.unescape(quote)  # markup in a quote is escaped (rag/answering/inert.py)
        assert quote, f"empty quote before [{n}] in {answer!r}"
        assert squash(quote + punct) in squash(cited[n]) or squash(quote) in squash(cited[n]), (
            f"{quote + punct!r} is not in passage [{n}]: {cited[n]!r}")
        units.append((quote + punct, n))
        pos = m.end()
    assert not rest[pos:].strip(), f"text outside any cited quote: {rest[pos:]!r} in {answer!r}"
    assert units, f"no cited sentence in {answer!r}"
    return units


def rss_bytes() -> int:
    """Resident memory of this process (the server runs in it, in a thread), after a gc."""
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def open_fds() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))
