"""Bodies a sum is asked of by their kind (study traps b27_029, b35_034, b38_032): "les agences
américaines" are not answered by one office's grant."""

from __future__ import annotations

from rag.answering.collectives import collective_said, collectives
from rag.answering.evidence import gather_evidence
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit


def test_the_kinds_of_bodies_named_in_the_plural() -> None:
    assert collectives("Quel montant les agences américaines ont-elles transféré ?") == {"agency"}
    assert collectives("How much did US agencies and NGOs spend?") == {"agency", "ngo"}
    assert collectives("Combien l'agence RIA a-t-elle compté ?") == frozenset()  # one body
    assert collective_said(frozenset({"agency"}), "les agences américaines ont transféré")
    assert collective_said(frozenset({"agency"}), "US agencies transferred $61 million")
    assert not collective_said(frozenset({"agency"}), "le Bureau de la démocratie a alloué "
                                                      "750 000 $")


def test_a_figure_asked_of_such_bodies_reads_them() -> None:
    assert analyse_question("Quel montant total les agences américaines ont-elles transféré au "
                            "Kazakhstan en 2021 ?").collective == {"agency"}
    assert analyse_question("How much foreign aid did US agencies transfer to Kazakhstan in "
                            "2021?").collective == {"agency"}
    # only for a sum asked: a count's bodies may be only its source
    assert analyse_question("Pourquoi les agences américaines financent-elles ces "
                            "programmes ?").collective == frozenset()
    assert analyse_question("Selon les ONG, combien de personnes ont été arrêtées ?"
                            ).collective == frozenset()


def test_one_office_grant_does_not_answer_what_the_agencies_gave() -> None:
    question = "Quel montant total les agences américaines ont-elles transféré en 2021 ?"
    text = ("En 2020, les agences américaines ont transféré jusqu’à 61 millions de dollars au "
            "Kazakhstan. En effet, en 2021, le Bureau de la démocratie du département d’État "
            "américain a alloué 750 000 $ à cette cause.")
    ev = gather_evidence(question, [Hit(Chunk("d0", 0, text, 0, len(text), "Aide"), 1.0)],
                         None, None, lambda term: 1.0, "french", "fr")
    assert not any(s.kind for s in ev.sentences)  # 2020's figure, and the office's grant
    then = "En 2021, les agences américaines ont transféré 70 millions de dollars."
    ev = gather_evidence(question, [Hit(Chunk("d0", 0, then, 0, len(then), "Aide"), 1.0)],
                         None, None, lambda term: 1.0, "french", "fr")
    assert any(s.kind for s in ev.sentences)
