"""Security review 53: two answering patterns read a run of words again from each of its
positions, quadratic, and now read it once; what they match is unchanged.

L1: `bylines._PUBLISHED_ASKED` on a question of "when-when-..." or "Quand'Quand'...": from each
of the 40 positions `.{0,40}` allows after every "when", `(?:[\\w’'-]+\\s+){0,3}` read the run
to its end (0.14-0.8 s at 2,000 characters, 1-1.6 s at 6,000). `furniture._CAPTION` on a line
of "photo photo ...": `\\bphoto\\b.*` read to the line's end from each "photo" (0.03 s at
2,000 characters, 1.1 s at 16,000).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from rag.answering.bylines import byline_asked, published_asked
from rag.answering.furniture import is_furniture
from tests.rag.deadline import deadline

SECONDS = 0.25  # for one input (fixed: about 0.01 s; quadratic: 1 s and more)


def _took(run: Callable[[str], object], text: str) -> float:
    with deadline(5):
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            run(text)
            best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("piece", ["when-", "When'", "when’", "Quand'", "quand-", "when-the-",
                                   "What time-", "à quelle heure'"])
def test_published_asked_reads_a_joined_run_once(piece: str) -> None:
    text = (piece * 6_000)[:6_000]
    assert _took(published_asked, text) < SECONDS
    assert _took(byline_asked, text) < SECONDS


@pytest.mark.parametrize("piece", ["photo ", "Photo-", "photo'", "PHOTO, ", "photo’"])
def test_a_line_of_photo_is_read_once(piece: str) -> None:
    text = (piece * 16_000)[:16_000]
    assert _took(lambda t: is_furniture(t, ""), text) < SECONDS


PUBLISHED = [
    ("When was the article published?", True),
    ("Quand l'article a-t-il été publié ?", True),
    ("Quand l’article d’AubeDigitale a-t-il été publié ?", True),
    ("When was 'Le Monde' first published?", False),  # no article named
    ("When was the 'Le Monde' article published?", True),
    ("When was 'zejournal' report published?", True),
    ("When was the ‘zejournal’ report posted?", True),
    ("When was the zejournal report posted?", True),
    ("À quelle heure l'article d'AubeDigitale a-t-il été publié ?", True),
    ("À quelle date l'article de Press TV a-t-il été mis en ligne ?", True),
    ("When was the Press TV article put online?", True),
    ("What time was the AubeDigitale article posted?", True),
    ("At what time was this story published?", True),
    ("On what date was the Reuters report published?", True),
    ("On what day was the pro-Kremlin outlet's article published?", True),
    ("When was l'Express article published?", True),
    ("When was Jean-Marc's article published?", True),
    ("Quand cet article a-t-il été publié ?", True),
    ("Quand la dépêche de l'AFP a-t-elle été publiée ?", True),
    ("Quel jour le reportage a-t-il été mis en ligne ?", True),
    ("Quand le reportage de France 24 est-il paru ?", True),
    ("When was The Guardian's piece posted online?", True),
    ("When was the Al-Jazeera English article published?", True),
    ("When was this three-part series' first article published?", True),
    ("When was the very long named hyphenated-and-apostrophed site's story posted?", True),
    ("When was the \"New York Times\" article published?", True),
    ("Quand l'article du journal « Le Monde » a-t-il été publié ?", True),
    ("What time was the report posted on January 6?", True),
    ("When did the BBC publish its report?", False),
    ("When did the protests in Almaty begin?", False),
    ("Quand les manifestations ont-elles commencé ?", False),
    ("Who wrote the article?", False),
]

BYLINES = [
    ("Who wrote the article?", True),
    ("Who was the author of the zejournal report?", True),
    ("Who is listed as the author of the Press TV article?", True),
    ("Who was credited as the source of the AubeDigitale article?", True),
    ("Who is the editor of the zejournal report?", True),
    ("Who is the editor of the 'zejournal' report?", True),
    ("Qui a écrit l'article ?", True),
    ("Who signed the treaty?", False),
    ("When was the article published?", False),
]


@pytest.mark.parametrize("question, asked", PUBLISHED)
def test_publication_date_questions_read_as_before(question: str, asked: bool) -> None:
    assert published_asked(question) is asked


@pytest.mark.parametrize("question, asked", BYLINES)
def test_byline_questions_read_as_before(question: str, asked: bool) -> None:
    assert byline_asked(question) is asked


@pytest.mark.parametrize("text, caption", [
    ("Photo AFP", True),
    ("Des manifestants à Almaty. Photo : Alexandre Meneghini / Reuters", True),
    ("Le président Tokaïev (photo) a annoncé, selon l'AFP, que la situation était stable.", True),
    ("La photo a été publiée par AP.", True),
    ("PHOTO / REUTERS / Pavel Mikheyev", True),
    ("photo ap photo", True),
    ("photo photo photo afp", True),  # the agency after the last "photo" before it
    ("Photo de famille des dirigeants réunis à Moscou lundi.", False),
    ("Le photographe de Reuters a pris la photo lundi à Almaty.", False),
    ("Photos AFP des dirigeants réunis à Moscou lundi dernier.", False),
])
def test_captions_read_as_before(text: str, caption: bool) -> None:
    assert is_furniture(text, "") is caption
