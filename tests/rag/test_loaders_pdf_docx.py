"""PDF and Word files the tests write with fpdf2 and python-docx, read by the real loaders."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from rag.loaders import SUPPORTED_SUFFIXES, Skipped, load_paths
from rag.loaders_office import NO_TEXT_LAYER, drop_running_lines, unwrap_lines
from rag.pages import page_at, page_starts

LEFT = ["Le préfet a annoncé à Besançon que l'économie française croît de deux pour cent.",
        "Les élèves de Sète ont reçu leurs diplômes en août, à la fête de l'école.",
        "À Orléans, la cathédrale Sainte-Croix a rouvert après des travaux de façade."]
RIGHT = ["Colonne droite : le maïs et le blé d'hiver ont gelé près de Noël.",
         "Colonne droite : la Loire a débordé à Tours, les quais sont fermés.",
         "Colonne droite : un garçon de dix ans a gagné le concours de piano."]


PAGES = [
    "Le conseil régional du Centre-Val de Loire a voté son budget annuel lundi soir à "
    "Orléans. Les transports scolaires et les lycées en reçoivent la plus grande part, "
    "devant la formation professionnelle et le développement économique des territoires "
    "ruraux. L'opposition a dénoncé une hausse des frais de fonctionnement et demandé un "
    "audit des dépenses de communication engagées depuis deux ans par l'exécutif.",
    "À Sète, les élèves du lycée de la mer ont reçu leurs diplômes de marin pêcheur au "
    "cours d'une cérémonie sur le port. Vingt-deux jeunes ont obtenu leur certificat, un "
    "record pour l'établissement, qui a ouvert une nouvelle filière consacrée à la "
    "maintenance des moteurs de bateaux et à la sécurité en mer cette année.",
    "La cathédrale Sainte-Croix d'Orléans a rouvert ses portes au public samedi après "
    "trois ans de travaux de restauration de sa façade et de ses vitraux. Le chantier, "
    "financé par l'État et la ville, a coûté près de onze millions d'euros et mobilisé "
    "des tailleurs de pierre venus de toute la France pour remplacer les sculptures.",
]


def three_page_pdf(path: Path) -> bytes:
    """Three pages of one long paragraph each, under a running header."""
    pdf = FPDF()
    for text in PAGES:
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 5, "Revue de presse régionale")
        pdf.ln(10)
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path.read_bytes()


def _two_column_pdf(path: Path, encrypt: str | None = None) -> Path:
    """Three pages, each with a running header and footer, two columns of text; page 2
    also holds a table."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title("Rapport régional")
    pdf.set_author("Hélène Dupré")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password=encrypt)
    for page in range(1, 4):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "Société des Eaux - rapport annuel 2024")
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(10, 30)
        pdf.multi_cell(90, 6, LEFT[page - 1])
        pdf.set_xy(110, 30)
        pdf.multi_cell(90, 6, RIGHT[page - 1])
        if page == 2:
            pdf.set_xy(10, 120)
            with pdf.table(width=120) as table:
                for cells in [("Ville", "Habitants"), ("Besançon", "117 000"),
                              ("Orléans", "116 000")]:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 285)
        pdf.cell(0, 5, f"Page {page} / 3")
    pdf.output(str(path))
    return path


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_pdf_pages_accents_columns_table_and_running_lines(tmp_path: Path) -> None:
    path = _two_column_pdf(tmp_path / "rapport.pdf")

    result = load_paths([path])

    assert result.skipped == []
    [doc] = result.documents
    assert doc.id == "rapport" and doc.title == "Rapport régional"
    assert doc.metadata["author"] == "Hélène Dupré" and doc.metadata["page_count"] == 3
    flat = _one_line(doc.text)
    for sentence in LEFT + RIGHT:  # accents intact, each column's sentence in one piece
        assert sentence in flat
    assert flat.index(LEFT[0]) < flat.index(RIGHT[0]) < flat.index(LEFT[1])
    assert "Ville Habitants" in flat and "Besançon 117 000" in flat
    # the header and the page-numbered footer were on every page: gone, and counted
    assert "Société des Eaux" not in doc.text and "Page 1 / 3" not in doc.text
    assert doc.dropped_lines == 6 and result.dropped_lines == 6
    starts = page_starts(doc.metadata["pages"])
    assert starts is not None and [p for _, p in starts] == [1, 2, 3]
    for page, sentence in enumerate(LEFT, 1):
        offset = doc.text.index(sentence.split()[0] + " " + sentence.split()[1])
        assert page_at(starts, offset) == page
    assert page_at(starts, doc.text.index("Besançon 117 000")) == 2


def test_pdf_lines_wrapped_by_the_layout_are_paragraphs_again(tmp_path: Path) -> None:
    three_page_pdf(tmp_path / "revue.pdf")

    [doc] = load_paths([tmp_path / "revue.pdf"]).documents

    for page, text in enumerate(PAGES, 1):  # each page's paragraph whole, on one line
        assert text in doc.text
        assert page_at(page_starts(doc.metadata["pages"]), doc.text.index(text)) == page
    assert "Revue de presse" not in doc.text and doc.dropped_lines == 3
    # no title in the file: the first sentence, not the whole first paragraph
    assert doc.title == ("Le conseil régional du Centre-Val de Loire a voté son budget annuel "
                         "lundi soir à Orléans.")


def test_unwrap_rule() -> None:
    wrapped = ("Une longue phrase qui remplit toute la ligne de la\n"
               "colonne continue ici, puis une autre ligne pleine de\n"
               "mots se termine en compte-\n"
               "rendu.\n"
               "Titre court\n"
               "- un élément de liste qui est assez long pour remplir\n"
               "- un autre élément de liste\n"
               "\n"
               "Paragraphe suivant.")
    assert unwrap_lines(wrapped).split("\n") == [
        "Une longue phrase qui remplit toute la ligne de la colonne continue ici, puis une "
        "autre ligne pleine de mots se termine en compte-rendu.",
        "Titre court",
        "- un élément de liste qui est assez long pour remplir",
        "- un autre élément de liste",
        "",
        "Paragraphe suivant."]
    assert unwrap_lines("Ville Habitants\nBesançon 117 000\nOrléans 116 000") == \
        "Ville Habitants\nBesançon 117 000\nOrléans 116 000"


def test_pdf_without_text_layer_encrypted_or_damaged_is_skipped(tmp_path: Path) -> None:
    scan = FPDF()
    scan.add_page()
    scan.set_fill_color(40, 40, 40)
    scan.rect(20, 20, 150, 200, style="F")  # a page of pixels and no text, like a scan
    scan.output(str(tmp_path / "scan.pdf"))
    _two_column_pdf(tmp_path / "secret.pdf", encrypt="motdepasse")
    good = _two_column_pdf(tmp_path / "good.pdf").read_bytes()
    (tmp_path / "good.pdf").unlink()
    (tmp_path / "cut.pdf").write_bytes(good[: len(good) // 3])
    (tmp_path / "fake.pdf").write_bytes(b"<html>not a pdf</html>")

    result = load_paths([tmp_path])

    assert result.documents == []
    reasons = {Path(s.source).name: s.reason for s in result.skipped}
    assert reasons["scan.pdf"] == NO_TEXT_LAYER and "no text layer" in NO_TEXT_LAYER
    assert reasons["secret.pdf"] == "encrypted PDF: a password is needed to open it"
    assert reasons["cut.pdf"].startswith("damaged PDF")
    assert reasons["fake.pdf"] == "damaged PDF: no %PDF header"
    assert len(reasons) == 4


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")  # no password to read, only to edit
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Un texte lisible sans mot de passe à Nîmes.")
    pdf.output(str(tmp_path / "libre.pdf"))

    [doc] = load_paths([tmp_path / "libre.pdf"]).documents

    assert "Un texte lisible sans mot de passe à Nîmes." in doc.text
    assert "pages" not in doc.metadata  # one page: nothing to tell apart


def _word(path: Path) -> Path:
    d = docx.Document()
    d.core_properties.title = "Compte rendu du conseil"
    d.core_properties.author = "François Lefèvre"
    d.sections[0].header.paragraphs[0].text = "Mairie de Besançon - confidentiel"
    d.sections[0].footer.paragraphs[0].text = "Pied de page répété"
    d.add_heading("Conseil municipal de février", level=1)
    d.add_paragraph("Le maire a présenté le budget : 12 millions d'euros pour les écoles.")
    d.add_page_break()
    d.add_paragraph("Deuxième page : la piscine de Planoise rouvrira en été.")
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Poste", "Montant"), ("Écoles", "12 M€"),
                                ("Piscine", "3 M€")]):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    d.add_paragraph("Après le tableau, la séance est levée à 22 h.")
    d.save(str(path))
    return path


def test_docx_text_tables_pages_and_no_running_lines(tmp_path: Path) -> None:
    path = _word(tmp_path / "conseil.docx")

    [doc] = load_paths([path]).documents

    assert doc.id == "conseil" and doc.title == "Compte rendu du conseil"
    assert doc.metadata["author"] == "François Lefèvre"
    assert doc.text.startswith("Conseil municipal de février\nLe maire a présenté le budget")
    assert "Poste | Montant\nÉcoles | 12 M€\nPiscine | 3 M€" in doc.text
    # body order kept: table between the paragraphs around it
    assert doc.text.index("Planoise") < doc.text.index("Poste") < doc.text.index("séance")
    assert "confidentiel" not in doc.text and "Pied de page" not in doc.text
    starts = page_starts(doc.metadata["pages"])
    assert page_at(starts, doc.text.index("Le maire")) == 1
    assert page_at(starts, doc.text.index("Planoise")) == 2
    assert page_at(starts, doc.text.index("Piscine")) == 2


def test_docx_pages_follow_the_breaks_word_recorded(tmp_path: Path) -> None:
    """A file saved by Word marks where each rendered page began; a hard page break is
    followed by such a mark, and must not count twice."""
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("Page une : le marché de Noël de Strasbourg ouvre vendredi.")
    d.add_page_break()  # hard break, then Word's mark at the start of the next page
    second = d.add_paragraph()
    second.add_run().element.append(OxmlElement("w:lastRenderedPageBreak"))
    second.add_run("Page deux : la patinoire est installée place Kléber.")
    third = d.add_paragraph("Suite de la page deux, puis ")
    run = third.add_run("page trois : un concert à la cathédrale.")
    run.element.insert(0, OxmlElement("w:lastRenderedPageBreak"))  # a page turning mid-line
    d.save(str(tmp_path / "noel.docx"))

    [doc] = load_paths([tmp_path / "noel.docx"]).documents

    starts = page_starts(doc.metadata["pages"])
    assert [p for _, p in starts or []] == [1, 2, 3]
    assert page_at(starts, doc.text.index("Page une")) == 1
    assert page_at(starts, doc.text.index("Page deux")) == 2
    assert page_at(starts, doc.text.index("Suite de la page deux")) == 2
    assert page_at(starts, doc.text.index("page trois")) == 3
    assert "Suite de la page deux, puis\n\npage trois" in doc.text


def test_damaged_docx_is_skipped(tmp_path: Path) -> None:
    good = _word(tmp_path / "ok.docx").read_bytes()
    (tmp_path / "ok.docx").unlink()
    (tmp_path / "cut.docx").write_bytes(good[:200])
    (tmp_path / "empty.docx").write_bytes(b"")

    result = load_paths([tmp_path])

    reasons = {Path(s.source).name: s.reason for s in result.skipped}
    assert reasons["cut.docx"].startswith("damaged Word file")
    assert reasons["empty.docx"] == "empty file"
    assert result.documents == []


def test_office_suffixes_are_supported() -> None:
    assert ".pdf" in SUPPORTED_SUFFIXES and ".docx" in SUPPORTED_SUFFIXES


@pytest.mark.parametrize("pages, kept, dropped", [
    # a title page without the header is tolerated from four pages on
    (["Titre\nIntro", "En-tête\nA\n2", "En-tête\nB\n3", "En-tête\nC\n4"],
     ["Titre\nIntro", "A", "B", "C"], 6),
    # two pages that merely share a body sentence in the middle keep it
    (["Haut 1\nPareil\nx\ny\nz\nu\nv", "Haut 2\nw\nq\nr\nPareil\ns\nt\nk"], None, 2),
    (["Seule page\n1"], ["Seule page\n1"], 0),
])
def test_running_lines_rule(pages: list[str], kept: list[str] | None, dropped: int) -> None:
    out, n = drop_running_lines(pages)
    assert n == dropped
    if kept is not None:
        assert out == kept
    else:
        assert all("Pareil" in p and "Haut" not in p for p in out)


def test_page_starts_ignores_other_shapes() -> None:
    assert page_starts(12) is None and page_starts([["a", 1]]) is None
    assert page_starts([[0, 1], [10, 2]]) == [(0, 1), (10, 2)]
    assert page_at([(0, 1), (10, 2)], 9) == 1 and page_at([(0, 1), (10, 2)], 10) == 2
    assert page_at(None, 3) is None


def test_skipped_reason_is_not_a_crash_for_a_folder_of_mixed_files(tmp_path: Path) -> None:
    _two_column_pdf(tmp_path / "a.pdf")
    (tmp_path / "b.txt").write_text("Un texte simple sur Lyon.\n", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.7\n")

    result = load_paths([tmp_path])

    assert sorted(d.id for d in result.documents) == ["a", "b"]
    assert [Path(s.source).name for s in result.skipped] == ["c.pdf"]
    assert isinstance(result.skipped[0], Skipped)


def test_a_parsers_long_message_is_cut_in_a_skip_reason() -> None:
    """Security review 56 N2: a skip reason quotes a parsing library's error at most
    BRIEF_CHARS long, on one line."""
    from rag.loaders_office import BRIEF_CHARS, _brief

    long = AttributeError("'lxml.etree._Element' object has no attribute\n" + "x" * 5_000)
    cut = _brief(long)
    assert len(cut) == BRIEF_CHARS + 1 and cut.endswith("…") and "\n" not in cut
    assert _brief(ValueError("short")) == "short"
