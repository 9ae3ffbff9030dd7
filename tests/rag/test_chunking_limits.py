"""The chunker with the real e5 tokenizer: characters that count as no token cannot make a chunk
longer than `max_chars`, and a split stops as soon as its caller cancels."""

from __future__ import annotations

import random
import string
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.chunking import CHUNK_CHARS_PER_TOKEN, Chunker
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.ingest import IngestCancelled
from rag.loaders import load_paths

ARTICLES = Path(__file__).parents[2] / "data" / "articles"
FIRST = "La Russie a envoyé 3 000 soldats au Kazakhstan selon le ministère."
SECOND = " Les soldats russes sont arrivés à Almaty."


@pytest.fixture(scope="module")
def emb() -> Iterator[E5Embedder]:
    yield E5Embedder(threads=1)


@pytest.fixture(scope="module")
def chunker(emb: E5Embedder) -> Chunker:
    return Chunker(emb.count_tokens, 128, 24, emb.max_tokens)


def _letters_and_zwsp(n: int) -> str:
    """Letters joined by zero-width spaces, not periodic (a periodic text's chunks may be
    placed at any of its repeats: see chunking._locate)."""
    rng = random.Random(7)
    return "".join(rng.choice(string.ascii_lowercase) + "\u200b" for _ in range(n // 2))


@pytest.mark.parametrize("filler", ["\u200b", "\u200c", "\ufeff", "\u2028", "\u3000", " ",
                                    "\u200b ", _letters_and_zwsp(50_000)],
                         ids=["zwsp", "zwnj", "bom", "line-sep", "ideographic-space",
                              "spaces", "zwsp-space", "letters-zwsp"])
def test_no_chunk_is_longer_than_max_chars(chunker: Chunker, filler: str) -> None:
    """Two sentences around 200,000 characters of each filler (the letters: 50,000): one
    chunk of it all before."""
    text = FIRST + (filler * (200_000 // len(filler)) if len(filler) < 10 else filler) + SECOND
    doc = Document("zw", text, "Soldats")
    t0 = time.perf_counter()
    chunks = chunker.split(doc)
    assert time.perf_counter() - t0 < 3.0
    assert chunks and max(len(c.text) for c in chunks) <= CHUNK_CHARS_PER_TOKEN * 128
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        assert text[c.start:c.end] == c.text
        assert any(ch.isprintable() and not ch.isspace() for ch in c.text), c
    covered = bytearray(len(text))
    for c in chunks:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    assert all(covered[i] for i, ch in enumerate(text) if ch.isprintable() and not ch.isspace())
    assert chunker.max_chars == CHUNK_CHARS_PER_TOKEN * 128


def test_real_chunks_are_far_below_max_chars(chunker: Chunker) -> None:
    """The cap changes nothing for real text: the articles' chunks stay under 60% of it."""
    docs = load_paths([ARTICLES]).documents
    longest = max(len(c.text) for d in docs for c in chunker.split(d))
    assert longest < 0.6 * CHUNK_CHARS_PER_TOKEN * 128


def test_split_stops_as_soon_as_it_is_cancelled(chunker: Chunker) -> None:
    """~1 MB of prose is ~7 s of splitting here: cancelled after 0.3 s, it stops at once."""
    text = " ".join(f"Le rapport {i} note que la station {i % 97} a mesuré {i * 7} millimètres "
                    "de pluie." for i in range(13_000))
    doc = Document("long", text, "Rapports")
    flag = threading.Event()
    timer = threading.Timer(0.3, flag.set)
    timer.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(IngestCancelled):
            chunker.split(doc, flag.is_set)
    finally:
        timer.cancel()
    assert time.perf_counter() - t0 < 0.8
    # not cancelled: the same chunks as without a callback
    short = Document("court", text[:5000], "Rapports")
    assert chunker.split(short, lambda: False) == chunker.split(short)
