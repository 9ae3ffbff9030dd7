"""Security review 48, F1: bidirectional controls in a document's title survived ingest and
reached /ask citations and the chat widget as they were: "Rapport officiel \\u202egpj.exe\\u202c
(annexe)" was shown "Rapport officiel exe.jpg (annexe)". Every loader's title (a JSON
document's, a JSONL line's first line, a text file's first line, Markdown front matter and
headings, an HTML head, a fetched page's, PDF and Word metadata and first lines) now goes
through `plain_title`, which drops the embeddings, overrides and isolates and the marks; a
document's text keeps them (Arabic and Hebrew text needs them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from rag.fetch import FetchPolicy, load_sources
from rag.loaders import document_from_fields, load_paths
from tests.local_site import Route, Site, local_site

CONTROLS = [chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                             *range(0x2066, 0x206A))]
TITLE = "Rapport officiel \u202egpj.exe\u202c (annexe)"
SHOWN = "Rapport officiel gpj.exe (annexe)"
BODY = ("Le rapport officiel décrit la crue de la Loire à Orléans en février, la fermeture des "
        "quais et l'évacuation d'une centaine d'habitants du quartier Saint-Marceau.")


def _controls(text: str) -> list[str]:
    return [f"U+{ord(ch):04X}" for ch in text if ch in CONTROLS]


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_json_documents_title_loses_each_control_its_text_keeps_it(control: str) -> None:
    """POST /documents and .jsonl lines: the title given, and the first line when none is."""
    text = f"Le rapport{control} officiel décrit la crue de la Loire."
    doc = document_from_fields({"id": "rapport-zorglub", "title": f"Rapport{control} officiel",
                                "text": text})
    assert doc.title == "Rapport officiel" and doc.text == text
    untitled = document_from_fields({"id": "rapport", "text": text})
    assert untitled.title == "Le rapport officiel décrit la crue de la Loire."
    assert untitled.text == text


def test_the_findings_title_and_a_title_of_controls_alone() -> None:
    doc = document_from_fields({"id": "rapport-zorglub", "title": TITLE, "text": BODY})
    assert doc.title == SHOWN
    # nothing left of the title given: the first line, as for a document with none
    bare = document_from_fields({"id": "x", "title": "\u202e\u2066 \u2069", "text": BODY})
    assert bare.title == BODY[:300]


def test_a_jsonl_files_titles(tmp_path: Path) -> None:
    lines = [{"id": "titled", "title": TITLE, "text": BODY},
             {"id": "untitled", "text": f"\u2067{TITLE}\u2069\n{BODY}"}]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(x) for x in lines),
                                         encoding="utf-8")
    loaded = load_paths([tmp_path / "docs.jsonl"])
    assert {d.id: d.title for d in loaded.documents} == {"titled": SHOWN, "untitled": SHOWN}


def test_text_markdown_and_html_files_titles(tmp_path: Path) -> None:
    """A text file's first line, Markdown front matter and first heading, an HTML page's
    head (<title>, og:title)."""
    (tmp_path / "texte.txt").write_text(f"{TITLE}\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "front.md").write_text(f'---\ntitle: "{TITLE}"\n---\n\n{BODY}\n',
                                       encoding="utf-8")
    (tmp_path / "heading.md").write_text(f"# {TITLE}\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        f"<!doctype html><html><head><title>{TITLE}</title></head><body><article>"
        f"<h1>Crue</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>", encoding="utf-8")
    (tmp_path / "og.html").write_text(
        f'<!doctype html><html><head><meta property="og:title" content="{TITLE}"></head>'
        f"<body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>",
        encoding="utf-8")
    loaded = load_paths([tmp_path])
    assert loaded.skipped == []
    titles = {d.id: d.title for d in loaded.documents}
    assert titles == dict.fromkeys(["front", "heading", "og", "page", "texte"], SHOWN), titles
    text = next(d for d in loaded.documents if d.id == "texte").text
    assert text.startswith(TITLE)  # the text keeps what it holds


@pytest.fixture
def site() -> Iterator[Site]:
    with local_site() as s:
        yield s


def test_a_fetched_pages_title(site: Site) -> None:
    site.routes["/rapport.html"] = Route(body=(
        f"<!doctype html><html lang=fr><head><meta charset=utf-8><title>{TITLE}</title></head>"
        f"<body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>").encode())
    site.routes["/rapport.txt"] = Route(body=f"{TITLE}\n{BODY}\n".encode(),
                                        headers={"Content-Type": "text/plain; charset=utf-8"})
    result = load_sources([f"{site.url}/rapport.html", f"{site.url}/rapport.txt"],
                          FetchPolicy(allow_hosts=("127.0.0.1",), timeout=10.0))
    assert result.skipped == []
    assert [d.title for d in result.documents] == [SHOWN, SHOWN]


def test_pdf_and_word_titles(tmp_path: Path) -> None:
    """A PDF's /Title and a Word file's core title; a file without one: its first line."""
    for name, title in (("titled", TITLE), ("untitled", None)):
        pdf = FPDF()
        if title:
            pdf.set_title(title)
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 6, "Rapport annuel de la préfecture")
        pdf.ln(10)
        pdf.multi_cell(0, 6, BODY)
        pdf.output(str(tmp_path / f"{name}.pdf"))
    word = docx.Document()
    word.core_properties.title = TITLE
    word.add_paragraph(BODY)
    word.save(str(tmp_path / "word.docx"))
    first = docx.Document()
    first.add_paragraph(TITLE)
    first.add_paragraph(BODY)
    first.save(str(tmp_path / "first.docx"))
    loaded = load_paths([tmp_path])
    assert loaded.skipped == []
    assert {d.id: d.title for d in loaded.documents} == {
        "titled": SHOWN, "untitled": "Rapport annuel de la préfecture", "word": SHOWN,
        "first": SHOWN}


def test_plain_title_keeps_every_other_character() -> None:
    """Hebrew and Arabic letters, accents, ZWJ emoji and ZWNJ stay; so does a title without
    anything to drop (the same object)."""
    from rag.loaders_office import plain_title  # (here: the other tests run without it)

    title = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 été 👩\u200d💻 می\u200cخواهم"
    assert plain_title(title) is title
    assert _controls(plain_title("".join(CONTROLS) + "a")) == []
    assert plain_title("a\u00adb\u200bc") == "abc"  # the INVISIBLE ones, as before
