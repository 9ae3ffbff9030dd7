"""Chunker with the real e5 tokenizer: exact offsets, token limits, overlap, sentence ends."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from rag.chunking import Chunk, Chunker, embedding_text
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.loaders import load_paths

ARTICLES = Path(__file__).parents[2] / "data" / "articles"
SLACK = 16


@pytest.fixture(scope="module")
def emb() -> Iterator[E5Embedder]:
    yield E5Embedder(threads=1)


@pytest.fixture(scope="module")
def articles() -> list[Document]:
    result = load_paths([ARTICLES])
    assert len(result.documents) == 5
    return result.documents


def _chunker(emb: E5Embedder, chunk_tokens: int = 200, overlap: int = 40) -> Chunker:
    return Chunker(emb.count_tokens, chunk_tokens, overlap, emb.max_tokens)


def _assert_offsets_exact(doc: Document, chunks: list[Chunk]) -> None:
    assert chunks, "no chunk"
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        assert c.text, c
        assert doc.text[c.start : c.end] == c.text
        assert c.doc_id == doc.id
        assert c.title == doc.title
        assert c.id == f"{doc.id}#{c.ordinal}"
    starts = [c.start for c in chunks]
    assert all(a < b for a, b in pairwise(starts)), "starts not increasing"


def _uncovered(doc: Document, chunks: list[Chunk]) -> list[int]:
    """Positions of non-whitespace characters that no chunk contains."""
    covered = bytearray(len(doc.text))
    for c in chunks:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    return [i for i, ch in enumerate(doc.text) if not covered[i] and not ch.isspace()]


# --- shipped articles -------------------------------------------------------------------------


@pytest.mark.parametrize(("chunk_tokens", "overlap"), [(200, 40), (96, 0)])
def test_articles_chunks_are_exact_bounded_and_cover_the_text(
    emb: E5Embedder, articles: list[Document], chunk_tokens: int, overlap: int
) -> None:
    chunker = _chunker(emb, chunk_tokens, overlap)
    for doc in articles:
        chunks = chunker.split(doc)
        _assert_offsets_exact(doc, chunks)
        assert len(chunks) >= 2, doc.id  # every shipped article is longer than one chunk
        for c in chunks:
            tokens = emb.count_tokens(c.text)
            assert tokens <= emb.max_tokens
            assert tokens <= chunk_tokens + SLACK, (doc.id, c.ordinal, tokens)
            # The title line prepended at embedding time still fits the model.
            assert emb.count_tokens(embedding_text(c, True)) <= emb.max_tokens
        assert _uncovered(doc, chunks) == [], doc.id
        assert chunks[-1].end == len(doc.text.rstrip())


def _long_paragraph() -> str:
    # One paragraph of short sentences: overlap is made of whole sentences, which fit in it.
    return " ".join(f"{_SENTENCES[i % len(_SENTENCES)]} Point {i}." for i in range(300))


def test_overlap_makes_consecutive_chunks_share_text(emb: E5Embedder) -> None:
    doc = Document("long", _long_paragraph(), "Long")
    chunks = _chunker(emb, 120, 40).split(doc)

    _assert_offsets_exact(doc, chunks)
    pairs = list(pairwise(chunks))
    assert len(pairs) >= 10
    overlapping = [p for p, n in pairs if n.start < p.end]
    assert len(overlapping) >= 0.8 * len(pairs)
    for p, n in pairs:
        assert n.end > p.end  # each chunk brings new text
        # The shared part is at most about the overlap size, never most of the chunk.
        assert emb.count_tokens(doc.text[n.start : p.end]) <= 40 + SLACK
    assert _uncovered(doc, chunks) == []


def test_overlap_on_an_article_never_loses_text(
    emb: E5Embedder, articles: list[Document]
) -> None:
    doc = max(articles, key=lambda d: len(d.text))
    chunks = _chunker(emb, 120, 40).split(doc)
    pairs = list(pairwise(chunks))
    assert len(pairs) >= 10
    assert any(n.start < p.end for p, n in pairs)
    for p, n in pairs:
        if n.start >= p.end:  # no overlap there: only whitespace between the two
            assert doc.text[p.end : n.start].strip() == ""


@pytest.mark.parametrize("source", ["article", "paragraph"])
def test_no_overlap_means_disjoint_chunks(
    emb: E5Embedder, articles: list[Document], source: str
) -> None:
    if source == "article":
        doc = max(articles, key=lambda d: len(d.text))
    else:
        doc = Document("long", _long_paragraph(), "Long")
    chunks = _chunker(emb, 120, 0).split(doc)
    assert len(chunks) >= 10
    for p, n in pairwise(chunks):
        assert n.start >= p.end
        assert doc.text[p.end : n.start].strip() == ""
    assert _uncovered(doc, chunks) == []


def test_chunker_config_reports_effective_sizes(emb: E5Embedder) -> None:
    assert _chunker(emb, 200, 40).config == {
        "splitter": "recursive-fr-v2", "chunk_tokens": 200, "overlap_tokens": 40,
    }
    # Overlap is capped at half a chunk, and a chunk leaves room for the title.
    big = _chunker(emb, 2000, 1500)
    assert big.limit == emb.max_tokens - 64
    assert big.overlap == big.limit // 2


# --- sentence boundaries ----------------------------------------------------------------------

_SENTENCES = [
    "Le Sénat a voté la loi.",
    "Les députés en débattront jeudi.",
    "Qui paiera la facture ?",
    "Le ministre a répondu : « personne ne sera oublié ».",
    "Les syndicats restent prudents.",
    "Quelle surprise !",
    "La séance a été suspendue à minuit.",
    "Elle reprendra demain matin.",
]


def test_chunks_prefer_sentence_ends(emb: E5Embedder) -> None:
    text = " ".join(_SENTENCES[i % len(_SENTENCES)] for i in range(160))
    doc = Document("phrases", text, "Phrases")
    chunks = _chunker(emb, 64, 0).split(doc)

    _assert_offsets_exact(doc, chunks)
    assert len(chunks) >= 10
    sentence_ends = [c for c in chunks if c.text.rstrip()[-1] in ".?!»"]
    assert len(sentence_ends) >= 0.9 * len(chunks)
    assert _uncovered(doc, chunks) == []


def test_paragraphs_are_not_merged_across_when_they_fill_a_chunk(emb: E5Embedder) -> None:
    para = " ".join(_SENTENCES)
    text = "\n\n".join(f"Paragraphe {i}. {para}" for i in range(6))
    doc = Document("paras", text, "Paras")
    chunks = _chunker(emb, 96, 0).split(doc)

    _assert_offsets_exact(doc, chunks)
    starts = {c.start for c in chunks}
    # Each paragraph begins a chunk: paragraph breaks are the first separator tried.
    for i in range(6):
        assert text.index(f"Paragraphe {i}.") in starts


_LINES = [
    "« Pour les Russes, il s’agit de démontrer qu’ils n’agissent pas seuls »",
    ", explique Marie Dumoulin, directrice de programme au centre de recherche.",
    "Le traité autorise une intervention en cas d’agression extérieure",
    ".",
    "Les forces de la coalition ont été envoyées pour une durée limitée",
    "et doivent protéger les installations de l’État.",
    "Le président a demandé l’aide de ses alliés dès le mercredi soir.",
]


def test_a_line_the_next_line_continues_is_no_chunk_boundary(emb: E5Embedder) -> None:
    # Quotes set on lines of their own, the speaker's ", explique X" on the next line: a chunk
    # boundary there cut the quote from who said it (article 004, Marie Dumoulin).
    text = "\n".join(_LINES[i % len(_LINES)] for i in range(70))
    doc = Document("lignes", text, "Lignes")
    chunks = _chunker(emb, 48, 0).split(doc)

    _assert_offsets_exact(doc, chunks)
    assert len(chunks) >= 8
    assert _uncovered(doc, chunks) == []
    for c in chunks:
        first = c.text[0]
        assert first not in ",.;:" and not first.islower(), c.text[:60]
        assert not c.text.endswith("seuls »"), c.text[-60:]


def test_article_quote_keeps_its_speaker_in_one_chunk(
    emb: E5Embedder, articles: list[Document]
) -> None:
    doc = next(d for d in articles if "Marie Dumoulin" in d.text)
    chunks = _chunker(emb, 128, 0).split(doc)
    holding = [c for c in chunks if "n’agissent pas seuls" in c.text]
    assert holding and all("explique Marie Dumoulin" in c.text for c in holding)
    assert not any(c.text.startswith((",", ".")) for c in chunks)


# --- pathological inputs ----------------------------------------------------------------------


def test_one_enormous_word_is_cut_within_limits_with_exact_offsets(emb: E5Embedder) -> None:
    rng = random.Random(0)  # not periodic: pieces of it are unique
    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(20_000))
    doc = Document("mot", f"Début. {word} Fin.", "Mot")
    chunker = _chunker(emb)
    chunks = chunker.split(doc)

    _assert_offsets_exact(doc, chunks)
    for c in chunks:
        assert emb.count_tokens(c.text) <= emb.max_tokens
        assert chunker._length(c.text) <= chunker.hard_limit
    assert _uncovered(doc, chunks) == []


def test_repeated_character_word_keeps_exact_offsets(emb: E5Embedder) -> None:
    # Identical pieces match in many places: spans stay exact and in order, and the chunk
    # texts together still hold all of the content (where a copy sits is arbitrary).
    doc = Document("x", "x" * 20_000, "X")
    chunker = _chunker(emb)
    chunks = chunker.split(doc)

    _assert_offsets_exact(doc, chunks)
    for c in chunks:
        assert emb.count_tokens(c.text) <= emb.max_tokens
    assert sum(len(c.text) for c in chunks) >= len(doc.text)


def test_megabyte_line_of_repeated_words(emb: E5Embedder) -> None:
    text = "bonjour le monde " * (1_000_000 // 17)
    doc = Document("ligne", text, "Ligne")
    chunker = _chunker(emb)
    chunks = chunker.split(doc)

    _assert_offsets_exact(doc, chunks)
    for c in chunks:
        assert emb.count_tokens(c.text) <= emb.max_tokens
        assert chunker._length(c.text) <= chunker.hard_limit
    assert sum(len(c.text) for c in chunks) >= len(text.rstrip())


# --- small things -----------------------------------------------------------------------------


def test_tiny_document_is_one_stripped_chunk(emb: E5Embedder) -> None:
    text = "\n\n  Une seule phrase courte.  \n"
    doc = Document("petit", text, "Petit")
    chunks = _chunker(emb).split(doc)

    assert len(chunks) == 1
    [c] = chunks
    assert c.text == text.strip()
    assert (c.start, c.end) == (text.index("Une"), text.index("Une") + len(text.strip()))
    assert c.ordinal == 0 and c.doc_id == "petit" and c.title == "Petit"


def test_embedding_text_with_and_without_title() -> None:
    chunk = Chunk("d", 3, "Le corps du passage.", 10, 30, "Réforme des retraites")
    with_title = embedding_text(chunk, True)
    assert with_title.startswith("Réforme des retraites")
    assert with_title == "Réforme des retraites\nLe corps du passage."
    assert embedding_text(chunk, False) == chunk.text


def test_embedding_text_does_not_repeat_a_title_the_chunk_starts_with() -> None:
    chunk = Chunk("d", 0, "Réforme des retraites\n\nLe Sénat vote.", 0, 36, "Réforme des retraites")
    assert embedding_text(chunk, True) == chunk.text
    untitled = Chunk("d", 1, "Du texte.", 40, 49, "")
    assert embedding_text(untitled, True) == "Du texte."


def test_embedding_text_truncates_a_very_long_title() -> None:
    title = "T" * 1000
    chunk = Chunk("d", 0, "Corps.", 0, 6, title)
    out = embedding_text(chunk, True)
    assert out == "T" * 200 + "\nCorps."
