"""Refusals when the sources speak of the question's focus without saying what is asked: a
candidate about something else, or the question's own place."""

from __future__ import annotations

from rag.answering.evidence import Evidence, EvidenceSentence, gather_evidence
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit


def _hit(text: str, title: str = "Un article", doc_id: str = "doc") -> Hit:
    return Hit(Chunk(doc_id, 0, text, 0, len(text), title), 1.0)


def _sentence(passage: int, text: str, focus: float, kind: bool,
              score: float) -> EvidenceSentence:
    return EvidenceSentence(passage, 0, 0, len(text), text, 0.85, 0.3, focus, kind, True, score)


def _ranked(question: str, sentences: list[EvidenceSentence]) -> Evidence:
    ranked = sorted(sentences, key=lambda s: -s.score)
    passages = [_hit(s.text, doc_id=f"d{s.passage}") for s in sentences]
    by_passage: dict[int, list[EvidenceSentence]] = {}
    for s in ranked:
        by_passage.setdefault(s.passage, []).append(s)
    return Evidence(analyse_question(question), False, passages, ranked, by_passage)


_TALE = "Alionouchka et Ivanouchka sont deux orphelins, enfants de sang royal."
_ARCHITECT = "L'architecte Vladimir Choukhov est l'auteur de nombreux bâtiments moscovites."
_FOLKLORIST = "Le conte a été recueilli par le folkloriste Alexandre Afanassiev."


def test_a_sentence_naming_none_of_the_focus_the_sources_speak_of_does_not_answer() -> None:
    """The best-ranked sentence is about the tale but names no folklorist: the architect of
    another passage, who names neither child, is no answer (study: piaf_traps3 pt3_023)."""
    question = "Quel folkloriste russe a recueilli le conte Alionouchka et Ivanouchka ?"
    ev = _ranked(question, [_sentence(1, _TALE, 1.0, False, 0.30),
                            _sentence(2, _ARCHITECT, 0.0, True, 0.23)])
    assert ev.answers() == []


def test_a_sentence_holding_the_focus_still_answers() -> None:
    question = "Quel folkloriste russe a recueilli le conte Alionouchka et Ivanouchka ?"
    ev = _ranked(question, [_sentence(1, _TALE, 1.0, False, 0.30),
                            _sentence(2, _FOLKLORIST, 0.5, True, 0.25),
                            _sentence(3, _ARCHITECT, 0.0, True, 0.23)])
    assert [s.text for s in ev.answers()] == [_FOLKLORIST]


def test_a_focusless_sentence_answers_when_the_best_one_is_not_about_the_focus() -> None:
    """Where no sentence holds the whole focus (a name the passages spell otherwise), the
    focus reading proves nothing: "Qui mène les troupes britanniques lors de la bataille de
    Sainte-Foy ?" is answered by a sentence where "Foy" is not read as the focus."""
    question = "Quel folkloriste russe a recueilli le conte Alionouchka et Ivanouchka ?"
    ev = _ranked(question, [_sentence(1, _TALE, 0.5, False, 0.30),
                            _sentence(2, _ARCHITECT, 0.0, True, 0.23)])
    assert [s.text for s in ev.answers()] == [_ARCHITECT]


def _kinds(question: str, text: str) -> dict[str, bool]:
    ev = gather_evidence(question, [_hit(text)], None, None, lambda term: 1.0, "french")
    return {s.text: s.kind for s in ev.sentences}


def test_the_place_the_question_names_is_not_the_place_asked() -> None:
    """ "Dans quelle ville de la Côte d'Azur ...?": "sur la Côte d'Azur" names no city of it
    (study: piaf_traps3 pt3_027)."""
    question = ("Dans quelle ville de la Côte d'Azur Coco Chanel a-t-elle attrapé son coup de "
                "soleil en 1920 ?")
    coast = ("En 1920, Coco Chanel souffrit d'un coup de soleil lorsqu'elle se rendit sur la "
             "Côte d'Azur.")
    city = "En 1920, Coco Chanel attrapa un coup de soleil à Cannes."
    assert _kinds(question, f"{coast} {city}") == {coast: False, city: True}

