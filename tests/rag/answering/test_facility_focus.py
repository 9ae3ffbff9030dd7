"""A place the question names by its kind and its name ("la garde du cosmodrome de
Baïkonour") is spoken of by a sentence that names its kind alone ("la garde des installations
du cosmodrome"): that sentence holds the focus (blind9 b9_039, blind8 b8_017)."""

from __future__ import annotations

from rag.answering.evidence import _facility_heads, gather_evidence
from rag.chunking import Chunk
from rag.retrieval import Hit

GUARD = ("Le niveau de menace a été augmenté et, selon des données non officielles, environ un "
         "millier et demi de militaires russes sont impliqués dans la garde des installations "
         "du cosmodrome.")


def test_the_kind_a_question_gives_its_place_is_read() -> None:
    fr = _facility_heads("Combien de militaires gardent le cosmodrome de Baïkonour ?",
                         ("baikonour",))
    assert fr["baikonour"].search("la garde du cosmodrome")
    assert not fr["baikonour"].search("un cosmodrome russe")  # not one of them: "a"
    en = _facility_heads("How many troops guard the Baikonur cosmodrome?", ("baikonur",))
    assert en["baikonur"].search("the cosmodrome")
    assert _facility_heads("Combien de soldats à Baïkonour ?", ("baikonour",)) == {}
    # a focus it does not qualify: the airport of another city
    assert _facility_heads("Combien de vols à l'aéroport d'Almaty ?", ("baikonour",)) == {}


def _focus(question: str) -> float:
    hits = [Hit(Chunk("d", 0, GUARD, 0, len(GUARD), "Un article"), 1.0)]
    ev = gather_evidence(question, hits, None, None, lambda term: 1.0, "french")
    return ev.sentences[0].focus


def test_a_sentence_naming_the_kind_holds_the_focus() -> None:
    # as a name read in its context is (`CONTEXT_FOCUS`): a kind is a weaker sign than a name
    assert _focus("Combien de militaires russes assurent la garde du cosmodrome de "
                  "Baïkonour ?") >= 0.5
    assert _focus("Combien de militaires russes assurent la garde de Baïkonour ?") == 0.0
