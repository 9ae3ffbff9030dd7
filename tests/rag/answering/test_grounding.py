"""The grounder on real claims: kept, re-cited or dropped, and figures kept as the source writes
them (a small model turns "2 600" into "2,600" or "2, 600")."""

from __future__ import annotations

import pytest

from rag.answering.grounding import Grounder, copy_number_forms
from rag.answering.verify import Verifier
from rag.chunking import Chunk
from rag.embedders.e5 import E5Embedder
from rag.retrieval import Hit

SOURCE = ("La force de maintien de la paix de l'OTSC compte environ 2 600 militaires. "
          "Le département d'État a alloué 750 000 $ à cette cause en 2021.")


@pytest.fixture(scope="module")
def grounder(embedder: E5Embedder) -> Grounder:
    hit = Hit(Chunk("a", 0, SOURCE, 0, len(SOURCE), "OTSC"), 1.0)
    return Grounder(Verifier(embedder), [hit])


@pytest.mark.parametrize(("claim", "expected"), [
    ("Russia sent 2,600 troops [1].", "Russia sent 2 600 troops [1]."),
    ("La Russie a envoyé 2, 600 militaires [1].", "La Russie a envoyé 2 600 militaires [1]."),
    ("It allocated $750,000 in 2021 [1].", "It allocated $750 000 in 2021 [1]."),
    ("In 2022, 3,000 soldiers came [1].", "In 2022, 3,000 soldiers came [1]."),  # not in source
    ("Le taux est de 2,500 % [1].", "Le taux est de 2,500 % [1]."),
])
def test_copy_number_forms(claim: str, expected: str) -> None:
    source = SOURCE + " Le taux est de 2,5 %."
    assert copy_number_forms(claim, source) == expected


def test_a_supported_claim_keeps_the_sources_digit_groups(grounder: Grounder) -> None:
    out = grounder.check("La force de l'OTSC compte environ 2, 600 militaires [1].")
    assert "2 600" in out and "2, 600" not in out and out.endswith("[1].")


def test_an_unsupported_figure_is_dropped_not_rewritten(grounder: Grounder) -> None:
    assert grounder.check("La force de l'OTSC compte environ 5,000 militaires [1].") == ""
