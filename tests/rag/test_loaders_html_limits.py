"""HTML pages whose article extraction would cost far more than their size: past the bounds
of rag.loaders (MAX_HTML_ELEMENTS and the text runs in paragraphs) a page is read as plain
text, in linear time, instead of by trafilatura (whose time is quadratic in those runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.loaders import (
    MAX_HTML_ELEMENTS,
    MAX_PARAGRAPH_RUNS,
    MAX_RUNS_IN_A_PARAGRAPH,
    load_paths,
)
from tests.rag.deadline import deadline

_ARTICLE = ("Les sénateurs ont entamé mardi l'examen du projet de réforme des retraites, après "
            "plusieurs semaines de débats houleux à l'Assemblée nationale.")


def _page(filler: str) -> str:
    """A news page (head, menu, article, footer, scripts) with `filler` after the article."""
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>La réforme des retraites au Sénat</title><script>alert(1)</script>
<style>p {{ color: red }}</style></head>
<body>
<nav><ul><li><a href="/politique">Rubrique Politique</a></li>
<li><a href="/sport">Rubrique Sport</a></li></ul></nav>
<main><article><h1>La réforme des retraites au Sénat</h1>
<p>{_ARTICLE}</p>{filler}</article></main>
<footer><p>Mentions légales du Quotidien Exemple</p></footer>
<script>console.log("pixel de suivi")</script>
</body></html>
"""


def test_thousands_of_links_in_one_paragraph_load_in_time(tmp_path: Path) -> None:
    """The review's page: 10,000 links in one paragraph (210 KB) took 6.4 s, 20,000 took
    27.5 s and 50,000 over 400 s in trafilatura. Read as plain text, all of it loads at once."""
    links = "<p>" + "<a href='x'>lien</a> " * 10_000 + "</p>"
    page = tmp_path / "liens.html"
    page.write_text(_page(links), encoding="utf-8")

    with deadline(2):
        result = load_paths([page])

    assert result.skipped == []
    [doc] = result.documents
    assert doc.title == "La réforme des retraites au Sénat"
    assert doc.text.count("lien") == 10_000
    assert _ARTICLE in doc.text


@pytest.mark.parametrize("filler", [
    pytest.param("<div>" + "<span></span>" * MAX_HTML_ELEMENTS + "</div>", id="elements"),
    pytest.param("<p>mot <a href='/x'>lien</a> mot</p>" * (MAX_PARAGRAPH_RUNS // 3 + 10),
                 id="runs-in-paragraphs"),
    pytest.param("<p>" + "<b>gras</b> " * (MAX_RUNS_IN_A_PARAGRAPH // 2) + "</p>",
                 id="runs-in-one-paragraph"),
])
def test_a_page_past_a_bound_is_read_as_plain_text(tmp_path: Path, filler: str) -> None:
    """Every text of the page but its head, scripts and styles, a line per block: the menu
    and the footer too (trafilatura would have dropped them), the title from the head."""
    page = tmp_path / "grande.html"
    page.write_text(_page(filler), encoding="utf-8")

    with deadline(3):
        [doc] = load_paths([page]).documents

    assert doc.title == "La réforme des retraites au Sénat"
    lines = doc.text.splitlines()
    for line in ("Rubrique Politique", "Rubrique Sport", "La réforme des retraites au Sénat",
                 _ARTICLE, "Mentions légales du Quotidien Exemple"):
        assert line in lines
    for hidden in ("alert(1)", "pixel de suivi", "color: red", "<p>", "<a"):
        assert hidden not in doc.text


def test_a_page_within_the_bounds_is_still_extracted_by_trafilatura(tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text(_page("<p>Le Sénat votera la semaine prochaine, a précisé le rapporteur "
                          "de la commission des affaires sociales.</p>"), encoding="utf-8")

    [doc] = load_paths([page]).documents

    assert doc.title == "La réforme des retraites au Sénat"
    assert _ARTICLE in doc.text and "Le Sénat votera" in doc.text
    assert "Rubrique Politique" not in doc.text and "alert(1)" not in doc.text


def test_a_tag_with_forty_thousand_attributes_loads_in_time(tmp_path: Path) -> None:
    """Twenty-ninth review, F1: lxml builds a tag's attributes in quadratic time, and one
    `<div>` with 40,000 of them (430 KB) took 11 s to load; its attributes past
    MAX_TAG_ATTRIBUTES are dropped before lxml reads the page, and the article is intact."""
    div = "<div " + " ".join(f"data-a{i}=x" for i in range(40_000)) + "></div>"
    page = tmp_path / "attributs.html"
    page.write_text(_page(div), encoding="utf-8")

    with deadline(3):
        [doc] = load_paths([page]).documents

    assert doc.title == "La réforme des retraites au Sénat"
    assert _ARTICLE in doc.text and "data-a" not in doc.text
