"""Across languages, the one sentence holding what is asked names the focus only through its
document ("Le bloc a son siège à Moscou" after "Qu'est-ce que le CSTO ?") and sits just under
the cosine floor: it answers when another sentence of its document is about the question."""

from __future__ import annotations

from rag.answering import extractive
from rag.answering.evidence import Evidence, EvidenceSentence
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit

QUESTION = "In which city does the CSTO have its headquarters?"
ABOUT = "Avec l’Armée rouge reléguée à l’histoire, le CSTO a assumé la sécurité collective."
SEAT = "Le bloc a son siège à Moscou, mais est présidé à tour de rôle par chaque pays membre."


def _sentence(passage: int, index: int, text: str, dense: float, focus: float,
              kind: bool, referred: bool = False) -> EvidenceSentence:
    return EvidenceSentence(passage, index, 0, len(text), text, dense, 0.25, focus, kind, True,
                            dense, referred=referred)


def _evidence(seat_dense: float, docs: tuple[str, str] = ("doc", "doc"),
              about_dense: float = 0.83, seat_focus: float = 0.5,
              referred: bool = False) -> Evidence:
    hits = [Hit(Chunk(docs[0], 0, ABOUT, 0, len(ABOUT), "Le CSTO"), 1.0),
            Hit(Chunk(docs[1], 1, SEAT, 0, len(SEAT), "Le CSTO"), 0.9)]
    about = _sentence(1, 0, ABOUT, about_dense, 1.0, False)
    seat = _sentence(2, 0, SEAT, seat_dense, seat_focus, True, referred)
    return Evidence(analyse_question(QUESTION, "en"), True, hits, [about, seat],
                    {1: [about], 2: [seat]})


def test_the_one_answer_of_a_document_about_the_question_clears_a_lower_floor() -> None:
    chosen = extractive.choose(_evidence(0.74))
    assert [s.text for s in chosen] == [SEAT]


def test_it_does_not_when_another_document_is_about_the_question() -> None:
    assert extractive.choose(_evidence(0.74, docs=("a", "b"))) == []


def test_it_does_not_when_nothing_of_its_document_is_clearly_about_the_question() -> None:
    """Over the bare floor is not enough: a document about China is not about any question on
    China ("What was China's trade surplus in 2008?")."""
    assert extractive.choose(_evidence(0.74, about_dense=0.79)) == []


def test_it_does_not_far_under_the_floor() -> None:
    assert extractive.choose(_evidence(extractive.MIN_DENSE_CROSS
                                       - extractive.DOCUMENT_MARGIN - 0.01)) == []


def test_it_does_not_when_it_names_the_whole_focus_itself() -> None:
    """Naming the focus and still under the floor: it is about something else."""
    assert extractive.choose(_evidence(0.74, seat_focus=1.0)) == []


def test_it_does_not_for_a_question_in_the_sources_language() -> None:
    ev = _evidence(0.74)
    ev.cross_lingual = False
    assert extractive.choose(ev) == []


def test_it_does_when_the_whole_focus_is_only_what_it_refers_to() -> None:
    """blind3 b3_027, blind10 b10_032: "La force est composée d'environ 2 600 militaires au
    total" holds the CSTO only through "La force" (the sentence before names the OTSC)."""
    chosen = extractive.choose(_evidence(0.74, seat_focus=1.0, referred=True))
    assert [s.text for s in chosen] == [SEAT]


def test_the_evidence_tells_a_focus_held_through_a_referent() -> None:
    from rag.answering.evidence import gather_evidence

    text = ("L'OTSC a déployé une mission au Kazakhstan. La force est composée d'environ 2 600 "
            "militaires au total.")
    ev = gather_evidence("How big is the CSTO force?", [Hit(Chunk("d", 0, text, 0, len(text),
                                                                  "Mission"), 1.0)],
                         None, None, lambda term: 1.0, "french")
    got = {s.text: s.referred for s in ev.sentences}
    assert got == {"L'OTSC a déployé une mission au Kazakhstan.": False,
                   "La force est composée d'environ 2 600 militaires au total.": True}
