"""A count asked of one nation's things (blind30 trap b30_015: "How many American NGOs are
present in Kazakhstan?") is not answered by the overall figure whose share the sentence gives
to that nation."""

from __future__ import annotations

from rag.answering.evidence import gather_evidence
from rag.chunking import Chunk
from rag.retrieval import Hit

TITLE = "Les ONG financées par les États-Unis au Chili"
OVERALL = ("Un institut estime qu'il y a 9 000 ONG actives au Chili, tandis que la majorité "
           "d'entre elles sont financées par les États-Unis.")


def _kinds(question: str, text: str) -> dict[str, bool]:
    hits = [Hit(Chunk("d", 0, text, 0, len(text), TITLE), 1.0)]
    ev = gather_evidence(question, hits, None, None, lambda term: 1.0, "french")
    return {s.text: s.kind for s in ev.sentences}


def test_a_nations_count_is_not_the_overall_figure_it_has_a_share_of() -> None:
    got = _kinds("Combien d'ONG américaines sont présentes au Chili ?", OVERALL)
    assert not got[OVERALL]
    # without a nation asked, the overall figure is the count
    assert _kinds("Combien d'ONG sont présentes au Chili ?", OVERALL)[OVERALL]


OTHERS = "De plus, l'Allemagne compte plus de 40 ONG également présentes au Chili."


def test_a_figure_another_nation_has_is_not_the_asked_ones() -> None:
    """b30_015 again: "le Royaume-Uni compte plus de 85 ONG" answered the American count."""
    # (the title names the United States: the sentence itself must name the asked nation)
    assert not _kinds("Combien d'ONG américaines sont présentes au Chili ?", OTHERS)[OTHERS]
    assert not _kinds("How many American NGOs are there in Chile?", OTHERS)[OTHERS]
    # ... the nation that has it is counted, and so is any count without a nation asked
    assert _kinds("Combien d'ONG allemandes sont présentes au Chili ?", OTHERS)[OTHERS]
    assert _kinds("Combien d'ONG sont présentes au Chili ?", OTHERS)[OTHERS]
    # ... and a figure sent, not had, is left to the other rules
    sent = "L'Allemagne a envoyé 40 experts au Chili."
    assert _kinds("Combien d'experts américains sont au Chili ?", sent)[sent] == _kinds(
        "Combien d'experts sont au Chili ?", sent)[sent]


def test_countries_are_counted_in_states() -> None:
    """blind16 b16_017: "combien de pays membres compte l'OTSC" is counted by "composé de six
    anciens États soviétiques" (and by nothing counting something else)."""
    states = "Le bloc, composé de six anciens États soviétiques, a été formé en 1992."
    assert _kinds("Combien de pays membres compte le bloc ?", states)[states]
    assert _kinds("How many member countries does the bloc have?", states)[states]
    assert not _kinds("Combien de villes membres compte le bloc ?", states)[states]


def test_rounds_of_talks_are_counted_in_series_cycles_or_sessions() -> None:
    """blind38 b38_017: "combien de cycles de discussions" is counted by "trois séries
    d'entretiens" (and not by a count of something else)."""
    series = ("Les États-Unis et leurs alliés doivent organiser trois séries d'entretiens avec "
              "des responsables russes la semaine prochaine.")
    assert _kinds("Combien de cycles de discussions les alliés prévoient-ils ?", series)[series]
    assert _kinds("How many rounds of talks are the allies planning?", series)[series]
    assert not _kinds("Combien de villes les alliés visitent-ils ?", series)[series]
