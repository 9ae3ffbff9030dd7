"""Forty-seventh review, F2: an upload's parsing clock (RAG_UPLOAD_READ_SECONDS, a
`rag.read_clock.ReadClock`) was read only before each file. Markdown stripping, the pass
that finds lines recurring across the files and the furniture cleaning of each were never
checked: two .md files of 500,000 "a" lines (2 MB) took 21.4 s of CPU and were answered 200,
and a 20 MB upload would take minutes against a 60 s clock; a client that hung up was
noticed only between files. These passes now read the clock every CHECK_LINES lines."""

from __future__ import annotations

import pytest

from rag import cleaning, loaders
from rag.cleaning import clean_lines, recurring_lines
from rag.loaders import Uploads
from rag.markup import strip_markdown
from rag.read_clock import ReadCancelled, ReadTooSlow
from tests.cpu import cpu_spent


class Stop(Exception):
    """What the test's `check` raises."""


def _lines(n: int, tag: str = "m") -> str:
    """n short lines, all different: no cache of a line's verdict helps."""
    return "".join(f"{tag}{i:06d}\n" for i in range(n))


def _upload(folder: Uploads, suffix: str, texts: list[str]) -> None:
    for i, text in enumerate(texts):
        path = folder.place(f"f{i}{suffix}")
        assert path is not None
        path.write_text(text)


def test_sec47_markdown_stripping_reads_the_upload_clock() -> None:
    """One .md file of 150,000 short lines (1.2 MB): ~3 s of stripping before (one read of
    the clock, before the file), refused within a slice of lines of its 0.2 s now."""
    with Uploads(read_seconds=0.2) as folder:
        _upload(folder, ".md", [_lines(150_000) + "Une phrase finale.\n"])
        with cpu_spent() as spent, pytest.raises(ReadTooSlow, match=r"0\.2 s to read in all"):
            folder.load()
    assert spent.seconds < 1.5, spent.seconds


def test_sec47_recurring_lines_and_cleaning_read_the_upload_clock() -> None:
    """Two .txt files of 120,000 short lines: reading them is quick, and the clock was not
    read again while their lines were compared and cleaned (~2.5 s before)."""
    with Uploads(read_seconds=0.2) as folder:
        _upload(folder, ".txt", [_lines(120_000, "a"), _lines(120_000, "b")])
        with cpu_spent() as spent, pytest.raises(ReadTooSlow):
            folder.load()
    assert spent.seconds < 1.5, spent.seconds


def test_sec47_a_client_gone_while_lines_are_cleaned_stops_the_upload() -> None:
    """Without a deadline, the hang-up token alone: read once before the file, then (now)
    again as its lines are cleaned."""
    calls = 0

    def gone() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with Uploads(read_seconds=None) as folder:
        _upload(folder, ".txt", [_lines(20_000)])
        with pytest.raises(ReadCancelled):
            folder.load(gone)


def test_sec47_each_pass_calls_check_every_check_lines() -> None:
    text = _lines(5 * cleaning.CHECK_LINES)
    for run in (lambda c: recurring_lines([text, text + "x"], check=c),
                lambda c: clean_lines(text, frozenset({"m000001"}), check=c),
                lambda c: loaders.strip_markdown_checked(text, c)):
        calls = 0

        def check() -> None:
            nonlocal calls
            calls += 1
            if calls > 3:
                raise Stop

        with pytest.raises(Stop):
            run(check)


def test_sec47_the_checked_passes_give_what_the_plain_ones_give(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Read a few lines at a time (CHECK_LINES made tiny), with fences, rules, headings and
    furniture falling on either side of a slice's edge: the same text, lines and counts."""
    markdown = ("# Titre\n\n```\n# pas un titre\n**gardé**\n```\n---\n> cité **gras**\n"
                "* point\n~~~\ncode\n\n~~~\n[lien](http://x) et `code`\n\n\n```\nouvert\n")
    page = ("Accueil\nContact\nMenu\n\nUne phrase assez longue pour être le contenu de "
            "l'article, avec ses mots.\nLégende ©Reuters\nPartager\n\n\nSource : X\nFin.\n")
    for lines in (1, 2, 3, 5, 7):
        monkeypatch.setattr(loaders, "CHECK_LINES", lines)
        monkeypatch.setattr(cleaning, "CHECK_LINES", lines)
        for text in (markdown, markdown * 3, markdown + "a", "", "\n", "```", "a\n\n"):
            assert loaders.strip_markdown_checked(text, lambda: None) == strip_markdown(text), text
        for recurring in (frozenset(), frozenset({"fin", "contact"})):
            assert (clean_lines(page * 2, recurring, lambda: None)
                    == clean_lines(page * 2, recurring))
        assert (recurring_lines([page, page + "x", "Menu"], check=lambda: None)
                == recurring_lines([page, page + "x", "Menu"])
                == frozenset({"accueil", "contact", "menu", "partager", "source : x", "fin",
                              "légende ©reuters"}))
