"""Text limits count what the embedder reads: text in NFKC, where one character can be 18
("\ufdfa"). Before (seventh review, F4), 1,000 of them (3 KB) were charged 1,000 characters
and cost what 18,000 letters do: 30 chunks and 4.4 s of ingest where 3,000 Latin characters
made 8 chunks and 0.9 s. The stored text stays as read: offsets into it stay exact."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from rag.documents import embedded_chars
from rag.loaders import TextBudget, TextTooLarge, document_from_fields, load_paths

LIGATURE = "\ufdfa"  # one character, 18 in NFKC
PER_DOCUMENT = "more than 3000 characters of text (limit per document)"


def test_embedded_chars_is_the_nfkc_length_when_longer() -> None:
    assert len(unicodedata.normalize("NFKC", LIGATURE)) == 18
    assert embedded_chars("Genève, été 2022") == len("Genève, été 2022")
    assert embedded_chars(LIGATURE * 1000) == 18_000
    assert embedded_chars("ﬁn" * 10) == 30  # a ligature is two letters
    # a composing sequence shrinks in NFKC: never counted below what is held
    assert embedded_chars("e\u0301" * 10) == 20
    # normalised a piece at a time: a long text is counted whole
    assert embedded_chars("a" + LIGATURE * 200_000) == 1 + 18 * 200_000


def test_a_file_of_expanding_characters_is_held_to_the_per_document_limit(
        tmp_path: Path) -> None:
    (tmp_path / "ligatures.txt").write_text(LIGATURE * 1000, encoding="utf-8")  # 3,000 bytes
    (tmp_path / "latin.txt").write_text(("Le lac borde Genève. " * 200)[:3000], encoding="utf-8")
    result = load_paths([tmp_path], budget=TextBudget(per_document=3000))
    assert [d.id for d in result.documents] == ["latin"]
    (skip,) = result.skipped
    assert skip.source.endswith("ligatures.txt") and skip.reason == PER_DOCUMENT


def test_expanding_characters_count_against_the_total_of_a_load(tmp_path: Path) -> None:
    """An upload may read 4 characters per byte it sent: 3,000 bytes of "\ufdfa" are 18,000."""
    (tmp_path / "ligatures.txt").write_text(LIGATURE * 1000, encoding="utf-8")
    with pytest.raises(TextTooLarge, match="more than 12000 characters of text in all"):
        load_paths([tmp_path], budget=TextBudget(total=4 * 3000))


def test_json_and_jsonl_documents_are_counted_as_the_embedder_reads_them(
        tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="`text` longer than 3000 characters"):
        document_from_fields({"id": "a", "text": LIGATURE * 200}, max_chars=3000)
    assert document_from_fields({"id": "a", "text": LIGATURE * 150}, max_chars=3000).text == (
        LIGATURE * 150)  # 2,700 characters in NFKC: within, and stored as sent
    lines = [{"id": "court", "text": LIGATURE * 100}, {"id": "long", "text": LIGATURE * 1000}]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(x) for x in lines),
                                         encoding="utf-8")
    result = load_paths([tmp_path], budget=TextBudget(per_document=3000))
    assert [d.id for d in result.documents] == ["court"]
    assert [s.reason for s in result.skipped] == [
        "`text` longer than 3000 characters (limit per document)"]


def test_the_stored_text_is_the_text_read(tmp_path: Path) -> None:
    """Counting in NFKC changes no text: a ligature, a fullwidth digit and "\ufdfa" are kept."""
    text = f"La ﬁn du match, score ３ à 1. {LIGATURE}\nDeuxième ligne."
    (tmp_path / "match.txt").write_text(text, encoding="utf-8")
    (doc,) = load_paths([tmp_path], budget=TextBudget(per_document=3000)).documents
    assert doc.text == text
