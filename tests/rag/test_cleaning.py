"""Site furniture is dropped at load time; article sentences, captions and headings stay."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rag.cleaning import clean_lines, furniture_reason, recurring_lines
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.loaders import load_paths
from service.settings import ServiceSettings
from tests.conftest import ARTICLES, ROOT
from tests.rag.deadline import deadline
from tests.service.conftest import running_service

# Every line the cleaner may drop from the shipped articles, read one by one: navigation,
# comment form, "Source" lines, the site's address, separators. Nothing else may go.
_DROPPED = {
    "000_ec7d7738b349d4ee": {"Source"},
    "001_db0888562c11dd17": {
        "www.zejournal.mobi", "* * *", "- Source : AubeDigitale", "Cela peut vous intéresser",
        "Commentaires", "Envoyer votre commentaire avec :", "Fermé", "Recherche",
        "Vous aimez notre site ?", "(230 K)", "Derniers Articles", "Articles les plus lus",
        "Loading...",
    },
    "002_93c955edbb1bd610": {"Source: Press TV Français"},
    "003_45cc3b31048e5108": {"Sur le même sujet", "Plus d'actualité"},
    "004_b1873cd3def24744": set(),
}
_FURNITURE = [
    "Cela peut vous intéresser", "Commentaires", "Derniers Articles", "Articles les plus lus",
    "Loading...", "©Reuters", "@BelgaImage", "EPA/MAXPPP", "© Sputnik", "Source : AubeDigitale",
    "Press TV", "Sur le même sujet", "Plus d'actualité", "Vous aimez notre site",
    "www.zejournal.mobi",
]
_FACTS = [
    "La Russie a envoyé quelque 3 000 personnes, selon l’agence de presse russe RIA.",
    "« Je pense que tendre la main aux partenaires de l’OTSC est approprié et opportun », a "
    "déclaré le président Kassym-Jomart Tokayev, cité par les médias tard mercredi.",
    "«J’ai donné l’ordre de tirer pour tuer sans avertissement», a déclaré M. Tokaïev",
    "La force est composée d’environ 2 600 militaires au total.",
    "« Les droits et la sécurité des civils doivent être garantis. L’assistance militaire "
    "extérieure rappelle des situations à éviter », a-t-il déclaré",
    "La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours d’émeutes",
    "Les négociations sur l’Ukraine se poursuivent",  # headings stay
    "Rôle de la Suisse",
    "Vladimir Poutine et Kassym-Jomart Tokaïev",
    "Publié le 7.1.2022",  # dates alone stay
    "Auteur : AubeDigitale | Editeur : Walt | Jeudi, 06 Janv. 2022 - 16h28",  # has the date
    # captions keep their words, lose their credit
    "émeutes et troubles à Almaty, au Kazakhstan.",
    "Tokaïev à Moscou, le 21 août 2021",
    "le 7 janvier 2021.",
    "D’où le recours aux forces russes et de l’OTSC.",
]


def _raw(doc_id: str) -> str:
    return (ARTICLES / f"{doc_id}.txt").read_text(encoding="utf-8-sig")


def test_shipped_articles_lose_furniture_and_keep_every_sentence() -> None:
    result = load_paths([ARTICLES])
    docs = {d.id: d for d in result.documents}
    assert set(docs) == set(_DROPPED)
    corpus = " ".join(" ".join(d.text.split()) for d in docs.values())  # NBSP, newlines
    for junk in _FURNITURE:
        assert junk not in corpus, junk
    for fact in _FACTS:
        assert " ".join(fact.split()) in corpus, fact

    recurring = recurring_lines(_raw(i) for i in docs)
    for doc_id, doc in docs.items():
        cleaned = clean_lines(_raw(doc_id), recurring)
        assert cleaned.text == doc.text
        assert set(cleaned.dropped_lines) == _DROPPED[doc_id], doc_id
        assert doc.dropped_lines == cleaned.dropped
        kept = [ln.strip() for ln in _raw(doc_id).splitlines()
                if ln.strip() and ln.strip() not in _DROPPED[doc_id]]
        for line in kept:  # every other line is there, whole or less its trailing credit
            words = re.split(r"\s*(?:©|@BelgaImage|\| EPA/MAXPPP)", line)[0]
            words = re.sub(r"(?<=Ukraine)Lien\s+externe", "", words)
            assert words in doc.text, (doc_id, line)
            assert words == line or f"{words}\n" in doc.text or "Lien" in line, (doc_id, line)
    assert result.dropped_lines == sum(d.dropped_lines for d in docs.values()) == 20
    # the page's address and scraping date are not the title
    assert docs["001_db0888562c11dd17"].title.startswith("Le bloc dirigé par la Russie")


@pytest.mark.parametrize(("line", "furniture"), [
    ("Par Jean Dupont", True),
    ("By Reuters", True),
    ("Share on Facebook", True),
    ("Lire aussi : La Russie envoie des troupes au Kazakhstan", True),
    ("Read more: Russia sends troops", True),
    ("We use cookies on this website to improve your experience.", True),
    ("Inscrivez-vous à notre newsletter", True),
    ("12 commentaires", True),
    ("Photo : AFP", True),
    ("©Reuters", True),
    ("https://www.example.org/article", True),
    ("Par ailleurs, trois explosions ont été entendues ce vendredi.", False),
    ("Par Jean Dupont, envoyé spécial à Almaty", False),
    ("La CNIL a sanctionné Google pour ses cookies publicitaires.", False),
    ("Copyright law was reformed in 2019.", False),
    ("Comment ?", False),
    ("Rôle de la Suisse", False),
    ("Publié le 7.1.2022", False),
    ("Source d'inquiétude pour Moscou, la crise s'étend.", False),
])
def test_line_rules(line: str, furniture: bool) -> None:
    assert (furniture_reason(line) is not None) is furniture, furniture_reason(line)


def test_a_link_label_glued_to_a_word_is_dropped() -> None:
    text = ("Une conférence sur les réformes concernant l’UkraineLien externe se tiendra à "
            "Lugano.\nLe mot Lien externe désigne un lien.\nExternal links: see below.\n")
    cleaned = clean_lines(text)
    assert "l’Ukraine se tiendra à Lugano." in cleaned.text
    assert "Le mot Lien externe désigne un lien." in cleaned.text  # not glued: words kept
    assert "External links: see below." in cleaned.text
    assert cleaned.trimmed == 1
    shipped = {d.id: d for d in load_paths([ARTICLES]).documents}["000_ec7d7738b349d4ee"]
    assert "Lien externe" not in shipped.text and "l’Ukraine\xa0se tiendra" in shipped.text


_RUN = " " * 100_000  # the trailing-credit pattern took 50 s to minutes over such a line


@pytest.mark.parametrize("line", [
    pytest.param("Le texte commence ici. " + _RUN + "x", id="sentence"),
    pytest.param("Une légende ©" + _RUN + "x", id="copyright"),
    pytest.param("Une légende | AFP" + _RUN + "x", id="agency"),
])
def test_a_long_run_of_spaces_takes_linear_time(line: str) -> None:
    """A .txt file or a fetched text/plain page is cleaned line by line: a credit is looked
    for at each line's end, not again from each space of a run in its middle."""
    with deadline(10):
        cleaned = clean_lines(f"{line}\nLa suite.\n")
        assert furniture_reason(line) is None
    assert cleaned.text == f"{line}\nLa suite.\n" and cleaned.trimmed == 0
    with deadline(10):  # a credit after the run still goes, with the run before it
        cleaned = clean_lines(f"Une légende{_RUN}©AFP \nLa suite.\n")
    assert cleaned.text == "Une légende\nLa suite.\n" and cleaned.trimmed == 1


def _page(name: str, body: str) -> str:
    return f"Titre de la page {name}\n\n{body}\n"


def test_short_line_recurring_across_documents_is_furniture(tmp_path: Path) -> None:
    header = "Le Petit Journal du Web, édition numérique"
    slogan = "Abonnez vous dès 1 euro par mois"
    shared_sentence = "Le ministre a démissionné mardi soir."  # a sentence, even short, stays
    bodies = {
        "a": f"{header}\nLes pompiers ont maîtrisé l'incendie de la forêt des Landes lundi.\n"
             f"{shared_sentence}\n{slogan}",
        "b": f"{header}\nLa récolte de maïs a baissé de vingt pour cent cette année en Alsace.\n"
             f"{shared_sentence}\n{slogan}",
        "c": f"{header}\nUn nouveau pont relie les deux rives de la Loire depuis samedi.\n"
             f"Une ligne qui ne se trouve que dans ce document\n{slogan}",
    }
    for name, body in bodies.items():
        (tmp_path / f"{name}.txt").write_text(_page(name, body), encoding="utf-8")

    result = load_paths([tmp_path])

    assert result.skipped == []
    assert result.dropped_lines == 6
    for doc in result.documents:
        assert header not in doc.text and slogan not in doc.text
        assert doc.title == f"Titre de la page {doc.id}"
    texts = {d.id: d.text for d in result.documents}
    assert shared_sentence in texts["a"] and shared_sentence in texts["b"]
    assert "Une ligne qui ne se trouve que dans ce document" in texts["c"]

    # alone, the same page keeps its (article-looking) line: nothing recurs in a batch of one
    [alone] = load_paths([tmp_path / "c.txt"]).documents
    assert header in alone.text and alone.dropped_lines == 0


def test_menu_runs_go_lists_of_facts_stay() -> None:
    menu = "Monde\nPolitique\nÉconomie\nCulture\n\nUn article\n\n" + (
        "Le sommet a réuni les dirigeants de six pays pendant deux jours à Genève.\n")
    cleaned = clean_lines(menu)
    assert cleaned.dropped_lines == ("Monde", "Politique", "Économie", "Culture")
    assert cleaned.text.startswith("Un article\n")

    members = ("Le traité réunit six pays depuis sa signature en 1992, à Tachkent, selon le "
               "texte.\nLes membres sont :\nArménie\nBiélorussie\nKazakhstan\nKirghizistan\n")
    assert clean_lines(members).text == members  # introduced by ':' : content


def test_html_title_comes_from_the_head_not_a_hidden_dialog(tmp_path: Path) -> None:
    para = ("Les sénateurs ont entamé mardi l'examen du projet de réforme des retraites, après "
            "plusieurs semaines de débats houleux à l'Assemblée nationale. Le gouvernement "
            "espère une adoption définitive avant la fin du mois.")

    def page(head: str, topic: str) -> str:
        return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">{head}</head><body>'
                '<div role="dialog" aria-hidden="true" style="display:none"><h1>Connectez-vous '
                'pour lire la suite</h1><p>Créez un compte gratuit.</p></div><main><article>'
                f"<h2>{topic}</h2><p>{para}</p><p>{para.replace('mardi', topic)}</p>"
                "<p>Partager</p></article></main></body></html>")

    (tmp_path / "a.html").write_text(page(
        '<title>La réforme des retraites arrive au Sénat | Le Quotidien</title>'
        '<meta property="og:site_name" content="Le Quotidien">'
        '<svg><title>Fermer</title></svg>', "mercredi"), encoding="utf-8")
    (tmp_path / "b.html").write_text(page(
        '<title>Titre du head | Le Quotidien</title>'
        '<meta property="og:title" content="Retraites : le Sénat entame l’examen">', "jeudi"),
        encoding="utf-8")

    docs = {d.id: d for d in load_paths([tmp_path]).documents}

    assert docs["a"].title == "La réforme des retraites arrive au Sénat"
    assert docs["b"].title == "Retraites : le Sénat entame l’examen"
    for doc in docs.values():
        assert "Partager" not in doc.text and doc.dropped_lines == 1
        assert "Connectez-vous" not in doc.title and para in doc.text


def test_markdown_front_matter_is_metadata_and_syntax_is_not_stored(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(
        "---\ntitle: \"Le sommet de Genève\"\nauthor: Jeanne Martin\ndate: 2022-01-10\n"
        "tags: [diplomatie, OTAN]\n---\n\n# Un titre de section\n\n"
        "Le **sommet** s'est tenu à [Genève](https://example.org/geneve) *lundi*.\n"
        "![carte](carte.png)\n> Une citation du `communiqué`.\n\n```\nx = a_b * 2\n```\n",
        encoding="utf-8")

    [doc] = load_paths([tmp_path]).documents

    assert doc.title == "Le sommet de Genève"
    assert doc.metadata == {"author": "Jeanne Martin", "date": "2022-01-10",
                            "tags": ["diplomatie", "OTAN"]}
    assert doc.text.startswith("Un titre de section\n")
    assert "Le sommet s'est tenu à Genève lundi." in doc.text
    assert "Une citation du communiqué." in doc.text
    assert "x = a_b * 2" in doc.text  # code stays as written
    for syntax in ("---", "#", "**", "](", "![", "```", "> ", "title:"):
        assert syntax not in doc.text, syntax


def test_cli_ingest_reports_dropped_lines(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Un titre\n\nLe club a gagné le match trois buts à un devant "
                                "ses supporters.\nPartager\nLoading...\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(PYTHONPATH=str(ROOT), RAG_INDEX_DIR=str(tmp_path / "idx"))

    def ingest(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(docs), *extra],
                              env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)

    out = ingest("--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["dropped_lines"] == 2
    human = ingest()
    assert "2 furniture lines dropped" in human.stdout, human.stdout


def test_upload_request_is_one_batch_and_reports_dropped_lines(
        tmp_path: Path, embedder: E5Embedder) -> None:
    settings = ServiceSettings(index_dir=tmp_path / "idx", corpus_dir=tmp_path / "no-corpus",
                               rate_limit_per_minute=0)
    engine = Engine(settings, embedder=embedder, auto_build=False)
    menu = "Le Courrier des Alpes, votre quotidien"
    files = [
        ("files", ("lac.txt", f"Le lac\n{menu}\nLe lac Léman borde Genève et Lausanne depuis "
                   "toujours, dit le guide.\nPartager\n".encode(), "text/plain")),
        ("files", ("massif.txt", f"Le massif\n{menu}\nLe massif du Vercors domine Grenoble et "
                   "la vallée de l'Isère.\n".encode(), "text/plain")),
    ]
    with running_service(settings, engine) as svc:
        r = svc.client.post("/documents", files=files)
        assert r.status_code == 200, r.text
        assert r.json()["dropped_lines"] == 3  # the shared line twice, "Partager"
        for doc_id in ("lac", "massif"):
            doc = engine.store.get_document(doc_id)
            assert doc is not None and menu not in doc.text and "Partager" not in doc.text
