"""The sources' sentence about the question holds no answer, and the candidate that holds the
asked kind names little of its focus, well below it in meaning: the writer declines rather than
quote an answer to another question ("the Sputnik journalist who reported the explosions":
"M. Peskov a souligné devant les journalistes ..." names someone, but no Sputnik journalist)."""

from __future__ import annotations

from rag.answering import extractive
from rag.answering.evidence import Evidence, EvidenceSentence
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit

QUESTION = "Dans quelle ville se trouve le siège de l'ICNL ?"
ABOUT = ("Le Centre international pour le droit à but non lucratif (ICNL) estime qu’il y a "
         "38 000 ONG.")
SEAT = "Le bloc a son siège à Moscou, mais est présidé à tour de rôle par chaque pays membre."


def _sentence(passage: int, index: int, text: str, dense: float, focus: float,
              kind: bool) -> EvidenceSentence:
    return EvidenceSentence(passage, index, 0, len(text), text, dense, 0.27, focus, kind, True,
                            dense)


def _evidence(seat_dense: float = 0.804, seat_focus: float = 0.0, same_passage: bool = False,
              about_dense: float = 0.847) -> Evidence:
    hits = [Hit(Chunk("a", 0, ABOUT, 0, len(ABOUT), "ONG"), 1.0),
            Hit(Chunk("b", 1, SEAT, 0, len(SEAT), "OTSC"), 0.9)]
    about = _sentence(1, 0, ABOUT, about_dense, 1.0, False)
    seat = _sentence(1 if same_passage else 2, 1 if same_passage else 0, SEAT, seat_dense,
                     seat_focus, True)
    by_passage = {1: [about, seat]} if same_passage else {1: [about], 2: [seat]}
    return Evidence(analyse_question(QUESTION, "fr"), False, hits, [seat, about], by_passage)


def test_a_candidate_about_something_else_is_not_quoted() -> None:
    assert extractive.choose(_evidence()) == []


def test_it_is_when_it_is_as_close_in_meaning_as_the_sentence_about_the_question() -> None:
    assert [s.text for s in extractive.choose(_evidence(seat_dense=0.83))] == [SEAT]


def test_it_is_when_it_names_the_focus_through_its_document() -> None:
    assert [s.text for s in extractive.choose(_evidence(seat_focus=0.5))] == [SEAT]


def test_it_is_when_it_goes_on_right_after_the_sentence_about_the_question() -> None:
    assert [s.text for s in extractive.choose(_evidence(same_passage=True))] == [SEAT]
