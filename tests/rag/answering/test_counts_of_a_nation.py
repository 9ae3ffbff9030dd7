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
