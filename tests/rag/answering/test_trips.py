"""A trip a cause question asks about, told by the sentence that answers it."""

from __future__ import annotations

import pytest

from rag.answering.evidence import gather_evidence
from rag.answering.trips import names_place, went_to
from rag.chunking import Chunk
from rag.retrieval import Hit


def test_why_someone_went_somewhere_is_told_with_the_trip() -> None:
    """traps_study48 t48_014: "Pourquoi Tokaïev s'est-il rendu à Moscou ?" was answered by
    a phone call with Poutine (the caption before it, "à Moscou, le 21 août 2021", and
    "loyauté vis-à-vis de Moscou" tell no trip either)."""
    question = "Pourquoi Tokaïev s'est-il rendu à Moscou pour rencontrer Poutine ?"
    for text, held in [
            ("Poutine et Tokaïev ont eu une longue conversation téléphonique afin de discuter "
             "de la crise, a annoncé le Kremlin.", False),
            ("Tokaïev a envoyé un message de loyauté vis-à-vis de Moscou afin de rassurer "
             "Poutine.", False),
            ("Tokaïev s'est rendu à Moscou afin de rencontrer Poutine et de lui demander de "
             "l'aide.", True)]:
        ev = gather_evidence(question, [Hit(Chunk("d0", 0, text, 0, len(text), "Tokaïev"),
                                            1.0)], None, None, lambda term: 1.0, "french", "fr")
        assert any(s.kind for s in ev.sentences) is held, text


@pytest.mark.parametrize(("question", "place"), [
    ("Why did Russia come to Tokayev's aid?", None), ("Why did the CSTO come to the aid of "
                                                      "Tokayev?", None),
    ("Why did he go to The Hague?", "hague"), ("Why did Tokayev fly to Nur-Sultan?", "nur-sultan"),
    ("Pourquoi Tokaïev s'est-il rendu à Moscou ?", "moscou")])
def test_the_place_of_a_trip_asked(question: str, place: str | None) -> None:
    """Diff review 45: someone's aid is no place, an article is no name."""
    assert went_to(question) == place


def test_the_place_is_written_not_its_people_or_government() -> None:
    assert names_place("nur-sultan", "Il s'est rendu à Noursoultan.")
    assert names_place("moscow", "Il est arrivé à Moscou.")
    assert not names_place("moscou", "Le président russe a parlé au Kremlin.")
