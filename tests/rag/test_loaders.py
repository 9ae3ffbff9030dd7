"""load_paths: files and folders into Documents; every unusable input becomes a reason."""

from __future__ import annotations

import json
from pathlib import Path

from rag.loaders import LoadResult, Skipped, load_paths
from tests.rag.deadline import deadline

ARTICLES = Path(__file__).parents[2] / "data" / "articles"


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def _skipped_for(result: LoadResult, path: Path | str) -> Skipped:
    matches = [s for s in result.skipped if s.source == str(path)]
    assert len(matches) == 1, result.skipped
    return matches[0]


def _by_id(result: LoadResult) -> dict[str, object]:
    return {d.id: d for d in result.documents}


# --- plain text -------------------------------------------------------------------------------


def test_txt_title_is_first_non_empty_line_and_text_is_kept(tmp_path: Path) -> None:
    content = "\n\n   \nLe titre de l'article\n\nPremier paragraphe.\nDeuxième ligne.\n"
    path = _write(tmp_path / "mon-article.txt", content)

    result = load_paths([path])

    assert result.skipped == []
    [doc] = result.documents
    assert doc.id == "mon-article"
    assert doc.title == "Le titre de l'article"
    assert doc.text == content
    assert doc.source == str(path)


def test_txt_crlf_is_normalised_and_bom_stripped(tmp_path: Path) -> None:
    raw = "\ufeffTitre Windows\r\n\r\nUne ligne.\r\nUne autre.\rFin.\r\n"
    path = _write(tmp_path / "win.txt", raw)

    [doc] = load_paths([path]).documents

    assert doc.text == "Titre Windows\n\nUne ligne.\nUne autre.\nFin.\n"
    assert "\r" not in doc.text
    assert not doc.text.startswith("\ufeff")
    assert doc.title == "Titre Windows"


# --- markdown ---------------------------------------------------------------------------------


def test_md_title_from_first_heading(tmp_path: Path) -> None:
    content = (
        "Un chapeau avant le titre.\n\n"
        "# Élections au Kazakhstan ##\n\n"
        "Du texte.\n\n"
        "## Une sous-partie\n\nEncore du texte.\n"
    )
    path = _write(tmp_path / "notes.md", content)

    [doc] = load_paths([path]).documents

    assert doc.id == "notes"
    assert doc.title == "Élections au Kazakhstan"
    assert doc.text == content.replace("# ", "").replace(" ##", "").replace("#", "")


def test_md_without_heading_falls_back_to_first_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "plain.markdown", "\nPas de titre ici\n\nJuste du texte.\n")

    [doc] = load_paths([path]).documents

    assert doc.title == "Pas de titre ici"



def test_md_and_txt_with_long_runs_of_spaces_load_in_linear_time(tmp_path: Path) -> None:
    """The reported files: a heading line of 100 KB (the heading pattern was cubic in it, a
    2.5 KB one held the server 31 s) and a .txt line with a 60 KB run of spaces (the
    trailing-credit pattern was quadratic: 20 s)."""
    run = " " * 100_000
    md = _write(tmp_path / "titre.md", f"# a{run}b\n\nLe texte.\n")
    txt = _write(tmp_path / "texte.txt", "Le texte commence ici. " + " " * 60_000 + "x\n")

    with deadline(10):
        result = load_paths([md, txt])

    docs = _by_id(result)
    assert docs["titre"].title == ("a" + run)[:300]
    assert docs["titre"].text == f"a{run}b\n\nLe texte.\n"
    assert docs["texte"].text == "Le texte commence ici. " + " " * 60_000 + "x\n"

# --- HTML -------------------------------------------------------------------------------------

_PARAGRAPHS = [
    "Les sénateurs ont entamé mardi l'examen du projet de réforme des retraites, après "
    "plusieurs semaines de débats houleux à l'Assemblée nationale. Le gouvernement espère une "
    "adoption définitive avant la fin du mois. Les syndicats, eux, appellent à une nouvelle "
    "journée de mobilisation dans toute la France.",
    "Au cœur des discussions figure le report de l'âge légal de départ, que la majorité "
    "sénatoriale juge indispensable pour garantir l'équilibre financier du système. Plusieurs "
    "amendements visent toutefois à mieux prendre en compte les carrières longues. La "
    "commission des affaires sociales a déjà adopté une partie de ces propositions.",
    "Dans les rues de Paris, de Lyon et de Marseille, des milliers de manifestants ont défilé "
    "pour dénoncer un texte qu'ils jugent injuste. Les organisateurs revendiquent une "
    "participation en hausse par rapport à la semaine précédente. Le ministre du Travail a "
    "réaffirmé sa volonté de dialogue tout en excluant un retrait du projet.",
]

_HTML = f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>La réforme des retraites au Sénat</title>
<script>alert(1)</script>
</head>
<body>
<header><div class="logo">Le Quotidien Exemple, édition du matin</div></header>
<nav><ul>
<li><a href="/">Accueil</a></li>
<li><a href="/politique">Rubrique Politique</a></li>
<li><a href="/sport">Rubrique Sport</a></li>
</ul></nav>
<div id="cookie-banner" class="cookie-consent">Nous utilisons des cookies pour améliorer
votre expérience. Acceptez-vous les cookies ?</div>
<main><article>
<h1>La réforme des retraites au Sénat</h1>
<p>{_PARAGRAPHS[0]}</p>
<p>{_PARAGRAPHS[1]}</p>
<p>{_PARAGRAPHS[2]}</p>
</article></main>
<footer><p>Mentions légales, tous droits réservés au Quotidien Exemple</p></footer>
<script>console.log("pixel de suivi")</script>
</body>
</html>
"""


def test_html_keeps_article_text_and_drops_boilerplate(tmp_path: Path) -> None:
    page = _write(tmp_path / "site" / "retraites.html", _HTML)
    # A plain file beside the page: loading HTML must not disturb the rest of the folder.
    _write(tmp_path / "site" / "autre.txt", "Autre document\n\nSon texte.\n")

    result = load_paths([tmp_path / "site"])

    assert result.skipped == []
    docs = _by_id(result)
    assert set(docs) == {"retraites", "autre"}
    doc = docs["retraites"]
    assert doc.source == str(page)
    assert doc.title == "La réforme des retraites au Sénat"
    for paragraph in _PARAGRAPHS:
        assert paragraph in doc.text
    for boilerplate in (
        "alert(1)",
        "pixel de suivi",
        "Rubrique Politique",
        "Accueil",
        "édition du matin",
        "cookies",
        "Mentions légales",
        "<p>",
    ):
        assert boilerplate not in doc.text


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_documents_with_metadata(tmp_path: Path) -> None:
    lines = [
        {"id": 42, "text": "Premier texte.", "title": "Un", "url": "https://exemple.fr/1",
         "date": "2022-01-06", "tags": ["kazakhstan", "russie"]},
        {"id": "b-2", "text": "Deuxième ligne du document\nsur deux lignes.", "lang": "fr"},
    ]
    path = _write(tmp_path / "corpus.jsonl", "\n".join(json.dumps(o) for o in lines) + "\n")

    result = load_paths([path])

    assert result.skipped == []
    docs = _by_id(result)
    assert set(docs) == {"42", "b-2"}
    first = docs["42"]
    assert first.id == "42" and isinstance(first.id, str)
    assert first.text == "Premier texte."
    assert first.title == "Un"
    assert first.metadata == {
        "url": "https://exemple.fr/1",
        "date": "2022-01-06",
        "tags": ["kazakhstan", "russie"],
    }
    second = docs["b-2"]
    assert second.title == "Deuxième ligne du document"  # no title: the first line
    assert second.metadata == {"lang": "fr"}


def test_jsonl_bad_lines_are_skipped_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        '{"id": 1, "text": "Bonne ligne un."}',  # 1
        '{"id": 2, "text": "pas fermé"',  # 2 malformed JSON
        '["une", "liste"]',  # 3 not an object
        "",  # 4 blank: ignored, not an error
        '{"id": 4, "title": "sans texte"}',  # 5 missing text
        '{"id": 5, "text": "   \\n  "}',  # 6 empty text
        '{"id": 6, "text": "avant \\ud800 après"}',  # 7 lone surrogate: loads, replaced
        '{"id": 7, "text": "Bonne ligne sept."}',  # 8
    ]
    path = _write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")

    result = load_paths([path])

    docs = _by_id(result)
    assert set(docs) == {"1", "6", "7"}
    assert docs["1"].text == "Bonne ligne un."
    assert docs["7"].text == "Bonne ligne sept."
    surrogate = docs["6"].text
    assert "\ud800" not in surrogate
    assert surrogate.startswith("avant ") and surrogate.endswith(" après")
    surrogate.encode("utf-8")  # storable as UTF-8: raises if a surrogate survived
    assert docs["6"].title.encode("utf-8")

    reasons = {s.source: s.reason for s in result.skipped}
    assert set(reasons) == {f"{path}:2", f"{path}:3", f"{path}:5", f"{path}:6"}
    assert "malformed JSON" in reasons[f"{path}:2"]
    assert "not a JSON object" in reasons[f"{path}:3"]
    assert "text" in reasons[f"{path}:5"] and "missing" in reasons[f"{path}:5"]
    assert "empty" in reasons[f"{path}:6"]
    # Each document still points at its line.
    assert docs["7"].source == f"{path}:8"


def test_jsonl_line_json_cannot_read_is_skipped_not_the_file(tmp_path: Path) -> None:
    """A number past Python's 4,300-digit limit (ValueError) or nesting past the recursion
    limit (RecursionError) is one bad line: the other lines load."""
    lines = [
        '{"id": 1, "text": "Avant."}',
        '{"id": 2, "text": "Trop de chiffres.", "n": ' + "9" * 5000 + "}",
        '{"id": 3, "text": "Trop profond.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": 4, "text": "Après."}',
    ]
    path = _write(tmp_path / "hostile.jsonl", "\n".join(lines) + "\n")

    result = load_paths([path])

    assert [d.text for d in result.documents] == ["Avant.", "Après."]
    reasons = {s.source: s.reason for s in result.skipped}
    assert set(reasons) == {f"{path}:2", f"{path}:3"}
    assert "digits" in reasons[f"{path}:2"]
    assert "nested too deeply" in reasons[f"{path}:3"]


def test_jsonl_rejects_bad_ids_and_titles(tmp_path: Path) -> None:
    lines = [
        '{"id": true, "text": "bool id"}',
        '{"text": "no id"}',
        '{"id": "", "text": "empty id"}',
        '{"id": "a\\tb", "text": "control char"}',
        '{"id": 9, "text": "bad title", "title": 3}',
    ]
    path = _write(tmp_path / "ids.jsonl", "\n".join(lines))

    result = load_paths([path])

    assert result.documents == []
    reasons = {s.source: s.reason for s in result.skipped}
    assert set(reasons) == {f"{path}:{n}" for n in range(1, 6)}
    assert "id" in reasons[f"{path}:1"]
    assert "id" in reasons[f"{path}:2"]
    assert "empty document id" in reasons[f"{path}:3"]
    assert "control" in reasons[f"{path}:4"]
    assert "title" in reasons[f"{path}:5"]


# --- unusable files ---------------------------------------------------------------------------


def test_unusable_files_are_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    empty = _write(tmp_path / "a_empty.txt", b"")
    blank = _write(tmp_path / "b_blank.txt", b"  \n\t\r\n  \n")
    binary = _write(tmp_path / "c_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    latin1 = _write(tmp_path / "d_latin1.md", b"caf\xe9 au lait")
    bom_only = _write(tmp_path / "e_bom.txt", b"\xef\xbb\xbf\n\n")
    empty_jsonl = _write(tmp_path / "f_empty.jsonl", b"\n\n")
    good = _write(tmp_path / "z_good.txt", "Un bon document\n\nAvec du texte.\n")

    result = load_paths([tmp_path])

    assert [d.id for d in result.documents] == ["z_good"]
    assert result.documents[0].source == str(good)
    assert len(result.skipped) == 6
    assert "empty" in _skipped_for(result, empty).reason
    assert "empty" in _skipped_for(result, blank).reason
    assert "binary" in _skipped_for(result, binary).reason
    assert "UTF-8" in _skipped_for(result, latin1).reason
    assert "empty" in _skipped_for(result, bom_only).reason
    assert "empty" in _skipped_for(result, empty_jsonl).reason


def test_unusable_file_given_directly_is_skipped(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.txt", b"caf\xe9 au lait")
    good = _write(tmp_path / "good.txt", "Bon\n")

    result = load_paths([bad, good])

    assert [d.id for d in result.documents] == ["good"]
    assert "UTF-8" in _skipped_for(result, bad).reason


# --- folders ----------------------------------------------------------------------------------


def test_folders_recurse_ignore_hidden_and_report_unsupported(tmp_path: Path) -> None:
    _write(tmp_path / "top.txt", "Haut\n")
    _write(tmp_path / "un" / "deux" / "trois" / "profond.md", "# Profond\n\ntexte\n")
    _write(tmp_path / "un" / "milieu.txt", "Milieu\n")
    _write(tmp_path / ".cache" / "cache.txt", "caché\n")
    _write(tmp_path / "un" / ".brouillon.txt", "caché aussi\n")
    pdf = _write(tmp_path / "un" / "rapport.odt", b"PK\x03\x04 OpenDocument\n")

    result = load_paths([tmp_path])

    docs = _by_id(result)
    assert set(docs) == {"top", "profond", "milieu"}
    assert docs["profond"].title == "Profond"
    assert result.skipped == [Skipped(str(pdf), "unsupported file type '.odt'")]
    assert all(".cache" not in d.source and ".brouillon" not in d.source
               for d in result.documents)


def test_missing_path_is_skipped_and_others_load(tmp_path: Path) -> None:
    missing = tmp_path / "absent"
    _write(tmp_path / "present" / "doc.txt", "Présent\n")

    result = load_paths([missing, tmp_path / "present"])

    assert [d.id for d in result.documents] == ["doc"]
    skipped = _skipped_for(result, missing)
    assert "no such file" in skipped.reason


def test_duplicate_ids_across_folders_keep_the_first(tmp_path: Path) -> None:
    first = _write(tmp_path / "a" / "article.txt", "Premier\n")
    second = _write(tmp_path / "b" / "article.md", "# Second\n")

    result = load_paths([tmp_path])

    [doc] = result.documents
    assert doc.id == "article"
    assert doc.source == str(first)
    skipped = _skipped_for(result, second)
    assert "duplicate" in skipped.reason
    assert str(first) in skipped.reason


def test_same_path_twice_is_a_duplicate(tmp_path: Path) -> None:
    path = _write(tmp_path / "doc.txt", "Doc\n")

    result = load_paths([path, path])

    assert len(result.documents) == 1
    assert len(result.skipped) == 1 and "duplicate" in result.skipped[0].reason


# --- shipped corpus ---------------------------------------------------------------------------


def test_shipped_corpus_loads_whole() -> None:
    files = sorted(ARTICLES.glob("*.txt"))
    assert len(files) == 5

    result = load_paths([ARTICLES])

    assert result.skipped == []
    assert [d.id for d in result.documents] == [f.stem for f in files]
    for doc, file in zip(result.documents, files, strict=True):
        raw = file.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        # site furniture goes (tests/rag/test_cleaning.py), the article stays
        assert 0.9 * len(raw) < len(doc.text) <= len(raw)
        assert doc.title in [line.strip() for line in raw.splitlines()[:6]]
        assert doc.source == str(file)
