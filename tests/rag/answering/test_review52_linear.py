"""Fifty-second review: "Who is" and a run of capitals ("Who is AAAA...!") was split into up to
four names in every way by `question._IDENTITY` (G0, n**4: 200 capitals held the server 16 s,
a 2,000-character question about a day); a figure's digits were read to the end of their run
from each digit (`levels._MONEY`) and a run of spaces after "what" split between two
quantifiers (`cut_short._THING_ASKED`, N2, quadratic). Each run is read whole, once, now."""

from __future__ import annotations

import pytest

from rag.answering.cut_short import cut_before_asked
from rag.answering.levels import level_told
from rag.answering.question import _IDENTITY, _POSSESSOR_OPENS, analyse_question
from tests.rag.deadline import deadline


@pytest.mark.parametrize("opening", ["Who is ", "Qui est ", "What job does ",
                                     "Quelle est la fonction de ", "What is ",
                                     "Quel poste occupe "])
def test_identity_reads_a_run_of_capitals_once(opening: str) -> None:
    with deadline(1.0):
        assert _IDENTITY.search(opening + "A" * 1_990 + "!") is None
        assert _IDENTITY.search(opening + "A" * 400 + "'s job!") is None
        assert _IDENTITY.search(opening + "Ab " * 600 + "!") is None
        analyse_question(opening + "A" * 1_990 + "!")
        assert _POSSESSOR_OPENS.match("the " + "A." * 3_000 + "!")


@pytest.mark.parametrize(("question", "identity"), [
    ("Who is Maria Zakharova?", True),
    ("Qui est Marie Dumoulin ?", True),
    ("What job does Earl Rasmussen hold?", True),
    ("What is Antony Blinken's job?", True),
    ("Quel poste occupe Kassym-Jomart Tokaïev ?", True),
    ("Who is the president of Kazakhstan?", False),
])
def test_identity_of_ordinary_questions_is_unchanged(question: str, identity: bool) -> None:
    assert bool(_IDENTITY.search(question)) is identity


def test_figures_and_question_words_are_read_in_linear_time() -> None:
    with deadline(1.0):
        assert not level_told("1 " * 5_000 + "x")
        assert not level_told("1" * 10_000 + "x")
        assert not cut_before_asked("what" + " " * 20_000 + "x?", "les autres facteurs…")
    assert level_told("Le gallon coûte 3 000 $.")
    assert cut_before_asked("Quels  « autres facteurs » rendraient le déplacement difficile ?",
                            "Le déplacement serait difficile, compte tenu d’autres facteurs…")
