"""What a question asks, read right: a relative "qui" asks no one, and a life span dates a
birth and a death, not whatever else a when-question asks about."""

from __future__ import annotations

import pytest

from rag.answering.evidence import gather_evidence
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit


@pytest.mark.parametrize("question", [
    "Quel est le mouvement qui se considère contre l'Eglise et les institutions religieuses ?",
    "Quelle est l'explication qui justifie l'écart de capacité physique entre les sexes ?",
    "Quels sont les noms des danses qui composent les Harpes du Nouvel Age ?",
])
def test_a_relative_qui_asks_no_person(question: str) -> None:
    """"le mouvement qui se considère ...": "qui" after a noun is a relative pronoun (PIAF
    heldout FR +1 match), not "who"."""
    assert "person" not in analyse_question(question).asks


@pytest.mark.parametrize("question", [
    "Qui a battu les Devils ?",
    "Les juifs ont été rejoints par qui au cours du XIXe siècle ?",
    "Avec l'aide de qui les frères Barberousse repoussent-ils les Espagnols ?",
    "Quel est le nom du chef qui a mené la révolte ?",
    "Comment s'appelle le porte-parole du ministère chinois qui a soutenu l'intervention ?",
])
def test_who_is_still_asked_on_its_own_or_after_a_preposition(question: str) -> None:
    assert "person" in analyse_question(question).asks


def _kinds(question: str, texts: list[str]) -> dict[str, bool]:
    hits = [Hit(Chunk(f"d{n}", 0, t, 0, len(t), "Edward Dickinson Baker"), 1.0)
            for n, t in enumerate(texts)]
    ev = gather_evidence(question, hits, None, None, lambda term: 1.0, "french")
    return {s.text: s.kind for s in ev.sentences}


_LIFE = ("Edward Dickinson Baker (24 février 1811 - 21 octobre 1861) est un politicien "
         "américain né en Angleterre.")
_CONGRESS = "Baker sert au congrès à partir du 4 mars 1846."
_BORN_ON = "Clelia Duel Mosher, née le 16 décembre 1863 à Albany, est une médecin."


def test_a_life_span_does_not_date_anything_else() -> None:
    """"When did Edward Dickinson Baker become a member of Congress?" is not answered by the
    dates of his life (PIAF tune EN +1 match, no trap answered)."""
    kinds = _kinds("When did Edward Dickinson Baker become a member of Congress?",
                   [_LIFE, _CONGRESS])
    assert kinds == {_LIFE: False, _CONGRESS: True}
    kinds = _kinds("En quelle année Clelia Mosher rejoint-elle Stanford ?", [_BORN_ON])
    assert kinds == {_BORN_ON: False}


def test_a_life_span_still_dates_a_birth_or_a_death() -> None:
    assert _kinds("Quand Edward Dickinson Baker est-il mort ?", [_LIFE])[_LIFE]
    assert _kinds("En quelle année est née Clelia Mosher ?", [_BORN_ON])[_BORN_ON]
    # ... and a sentence that gives another date besides still holds one
    both = _LIFE[:-1] + ", élu au congrès en 1846."
    assert _kinds("When did Edward Dickinson Baker become a member of Congress?", [both])[both]
