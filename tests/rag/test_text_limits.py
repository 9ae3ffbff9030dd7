"""Files that are small and read as huge text: each document is held to max_document_chars
(the PDF and Word readers stop as soon as they pass it, before building the rest), a load's
documents to a total, its PDFs to one shared parsing allowance; format characters that are
invisible in every script are dropped as text is read, with offsets still exact."""

from __future__ import annotations

import io
import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

import docx
import pytest

from rag import loaders_office
from rag.loaders import (
    MAX_DOCUMENT_CHARS,
    TextBudget,
    TextTooLarge,
    document_from_fields,
    load_paths,
)
from rag.loaders_office import TooMuchText, read_docx
from tests.rag.text_files import cmap_pdf, drawing_pdf, word_file, word_of_chars


def _load_one(tmp_path: Path, name: str, data: bytes) -> tuple[float, Any]:
    (tmp_path / name).write_bytes(data)
    t0 = time.perf_counter()
    result = load_paths([tmp_path])
    return time.perf_counter() - t0, result


# ---- one document --------------------------------------------------------------------------


def test_word_file_over_the_limit_is_skipped_before_python_docx_parses_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """10.5 M characters from 25 KB, under the XML size and node limits: refused while the zip
    is inflated, python-docx never builds its tree (before: read whole, ~0.5 s, 10.5 M
    characters; the finding's 174 KB file gave 60 M, 621 MB)."""
    bomb = word_of_chars(MAX_DOCUMENT_CHARS + 500_000)
    assert len(bomb) < 32 * 1024

    def no_tree(*_: Any) -> None:
        raise AssertionError("python-docx parsed a file over the text limit")

    monkeypatch.setattr(docx, "Document", no_tree)
    seconds, result = _load_one(tmp_path, "bombe.docx", bomb)
    assert not result.documents
    (skip,) = result.skipped
    assert skip.source.endswith("bombe.docx")
    assert skip.reason == f"more than {MAX_DOCUMENT_CHARS} characters of text (limit per document)"
    assert seconds < 1.0


def test_word_text_outside_text_runs_is_counted_as_it_is_read() -> None:
    """Tabs are elements, not text runs: the zip pass cannot count them, the reading does."""
    tabs = "<w:p><w:r>" + "<w:tab/>" * 3000 + "<w:t>fin</w:t></w:r></w:p>"
    data = word_file(tabs)
    assert "\tfin" in read_docx(data, max_chars=5000).text
    with pytest.raises(TooMuchText):
        read_docx(data, max_chars=2000)


def test_pdf_whose_cmap_multiplies_its_text_stops_before_building_it(tmp_path: Path) -> None:
    """2 KB, one Tj of 48,000 codes mapped to 250 letters each: 12 M characters. Refused
    before pypdf runs that operator (before: read whole, 12 M characters and ~50 MB)."""
    bomb = cmap_pdf(48_000, 250)
    assert len(bomb) < 4096
    tracemalloc.start()
    try:
        seconds, result = _load_one(tmp_path, "bombe.pdf", bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not result.documents
    (skip,) = result.skipped
    assert skip.reason == f"more than {MAX_DOCUMENT_CHARS} characters of text (limit per document)"
    assert seconds < 2.0
    assert peak < 20 << 20, f"{peak / 2**20:.0f} MB traced"
    # the same mapping over a few codes is a real (odd) font: it reads
    assert loaders_office.read_pdf(cmap_pdf(40, 250)).text == "a" * 10_000


def test_jsonl_line_over_the_limit_is_skipped_the_others_load(tmp_path: Path) -> None:
    lines = [{"id": "long", "text": "a" * (MAX_DOCUMENT_CHARS + 1)},
             {"id": "court", "text": "Le lac d'Annecy est pur."}]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    result = load_paths([tmp_path])
    assert [d.id for d in result.documents] == ["court"]
    (skip,) = result.skipped
    assert skip.source.endswith("docs.jsonl:1")
    assert skip.reason == (f"`text` longer than {MAX_DOCUMENT_CHARS} characters "
                           "(limit per document)")
    with pytest.raises(ValueError, match="longer than 1000 characters"):
        document_from_fields({"id": "x", "text": "a" * 1001}, max_chars=1000)


def test_text_file_over_the_limit_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("Le lac. " * 2000)
    (tmp_path / "court.txt").write_text("Le lac d'Annecy est pur.")
    result = load_paths([tmp_path], budget=TextBudget(per_document=10_000))
    assert [d.id for d in result.documents] == ["court"]
    assert [s.reason for s in result.skipped] == [
        "more than 10000 characters of text (limit per document)"]


# ---- one load ------------------------------------------------------------------------------


def test_a_load_past_its_total_stops_at_the_file_that_passes_it(tmp_path: Path) -> None:
    """Three Word files of 30,000 characters, 70,000 in all: the third is not read to its end,
    and the error names it."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.docx").write_bytes(word_of_chars(30_000, 1000))
    with pytest.raises(TextTooLarge) as caught:
        load_paths([tmp_path], budget=TextBudget(total=70_000))
    assert str(caught.value) == (f"{tmp_path / 'c.docx'}: the files give more than 70000 "
                                 "characters of text in all")
    assert len(load_paths([tmp_path], budget=TextBudget(total=100_000)).documents) == 3


def test_the_pdfs_of_one_load_share_what_pypdf_may_parse(tmp_path: Path) -> None:
    """Three 2 KB PDFs of 400 KB of operators each: each alone is within its 1 MB, together
    they are over what one upload may parse; the first two are read, and a small one after
    the third (before: all three, and 1,000 such files were 1,000 MB for pypdf)."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.pdf").write_bytes(drawing_pdf(400))
    (tmp_path / "d.pdf").write_bytes(drawing_pdf(20))  # c, refused unread, leaves it room
    # each has its own allowance unless the load shares one (an upload's does)
    assert len(load_paths([tmp_path]).documents) == 4
    t0 = time.perf_counter()
    result = load_paths([tmp_path], budget=TextBudget(shared_pdf=True))
    assert time.perf_counter() - t0 < 4.0
    assert [d.id for d in result.documents] == ["a", "b", "d"]
    assert [d.text for d in result.documents] == ["Le lac est bleu."] * 3
    (skip,) = result.skipped
    assert skip.source.endswith("c.pdf")
    assert skip.reason.startswith("PDF page content too large to read"), skip.reason
    assert "this " in skip.reason and "file and those read before it" in skip.reason


# ---- invisible characters ------------------------------------------------------------------

DROPPED = "\u00ad\u200b\u2060\ufeff\U000e0049\U000e0047\U000e004e"  # SHY ZWSP WJ BOM tags
KEPT = "\u200c\u200d\u200e\u200f"  # ZWNJ ZWJ LRM RLM: scripts need them


def _visible(text: str) -> str:
    return text.translate({ord(c): None for c in DROPPED})


def test_invisible_format_characters_are_dropped_as_text_is_read(tmp_path: Path) -> None:
    text = ("Le sol\u00addat dort\u200b" * 3 + f"{DROPPED}. Persan : \u0645\u06cc\u200c"
            "\u062e\u0648\u0627\u0647\u0645, emoji \U0001f469\u200d\U0001f692, "
            f"\u200fשלום\u200e. {KEPT}")
    (tmp_path / "page.txt").write_text(text)
    (tmp_path / "lignes.jsonl").write_text(json.dumps(
        {"id": "ligne", "text": text, "title": "Ti\u200btre\U000e0041"}))
    doc = docx.Document()
    doc.add_paragraph(text)
    word = io.BytesIO()
    doc.save(word)
    (tmp_path / "mot.docx").write_bytes(word.getvalue())
    result = load_paths([tmp_path])
    by_id = {d.id: d for d in result.documents}
    assert set(by_id) == {"page", "ligne", "mot"}, result.skipped
    for d in by_id.values():
        assert d.text == _visible(text), d.id
        assert not set(DROPPED) & set(d.text)
        assert set(KEPT) <= set(d.text)
    assert by_id["ligne"].title == "Titre"
    assert document_from_fields({"id": "x", "text": text}).text == _visible(text)


def test_offsets_of_a_pdf_point_into_its_text_without_the_dropped_characters(
        tmp_path: Path) -> None:
    """Page starts are taken after the characters are dropped."""
    pages = [(1, "Pre\u00admi\u00adere page\u200b."), (2, "Se\u200bconde\u00ad page.")]
    got = loaders_office._finish(pages, None, {})
    assert got.text == "Premiere page.\n\nSeconde page."
    assert got.metadata["pages"] == [[0, 1], [16, 2]]
    assert got.text[16:].startswith("Seconde")


def test_page_break_before_said_many_times_is_one_page_break() -> None:
    """A paragraph whose properties say "page break before" 200 000 times (a few KB zipped):
    each one was inserted at the front of the paragraph's text, quadratic (450 000: 32 s)."""
    breaks = "<w:pageBreakBefore/>" * 200_000
    body = f"<w:p><w:pPr>{breaks}</w:pPr><w:r><w:t>Deuxième page.</w:t></w:r></w:p>"
    doc = read_docx(word_file(body))
    assert doc.text == "Titre\n\nDeuxième page."
    assert doc.metadata["page_count"] == 2
