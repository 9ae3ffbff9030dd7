"""Which country a border is shared with (blind_pairs32 v32_018): "qui partage avec la Chine une
frontière de plus de 7 000 kilomètres" over "il a une frontière avec la Russie"."""

from __future__ import annotations

from rag.answering.borders import border_swapped
from rag.answering.verify import Verifier

EXPERT = ("Le Kazakhstan présente un intérêt stratégique pour la Russie car il a une frontière "
          "avec la Russie de plus de 7 000 kilomètres (4 350 miles), une importante population "
          "ethnique russe et abrite les installations spatiales russes à Baïkonour, a souligné "
          "l’expert. Le pays joue un rôle clé dans l’initiative chinoise « la Ceinture et la "
          "Route » (BRI) et est membre de l’Union économique eurasienne (UEEA, EAEU).")


def test_the_country_across_the_border() -> None:
    assert border_swapped("Le Kazakhstan partage avec la Chine une frontière de plus de "
                          "7 000 kilomètres.", EXPERT)
    assert border_swapped("Kazakhstan has a border of more than 7,000 km with China.", EXPERT)
    # the same neighbour, however said
    assert not border_swapped("Kazakhstan shares a border of more than 7,000 km with Russia.",
                              EXPERT)
    assert not border_swapped("Le Kazakhstan partage avec la Russie une frontière de plus de "
                              "7 000 km.", EXPERT)
    # a border is shared both ways, and a passage may list several neighbours or say so in
    # other words (the session's diff review)
    assert not border_swapped("Russia shares a border of more than 7,000 kilometres with "
                              "Kazakhstan.", EXPERT)
    assert not border_swapped("China's border with Kazakhstan is 1,700 km long.",
                              "Le Kazakhstan a une frontière de 1 700 km avec la Chine.")
    assert not border_swapped("Kazakhstan shares a border with China.",
                              "Le Kazakhstan a des frontières avec la Russie, la Chine, le "
                              "Kirghizistan, l'Ouzbékistan et le Turkménistan.")
    assert not border_swapped("Kazakhstan borders China.", "Le Kazakhstan est un pays "
                              "frontalier de la Chine et de la Russie.")
    assert not border_swapped("Kazakhstan has a border with China.", "Le Kazakhstan a une "
                              "frontière de 7 000 km avec la Russie et une autre de 1 700 km "
                              "avec la Chine.")
    # no border said in the passage, or none in the claim: nothing to compare
    assert not border_swapped("Kazakhstan borders China.", "Le Kazakhstan est un grand pays.")
    assert not border_swapped("China backs the Belt and Road initiative.", EXPERT)
    # "partage avec" of something else is no border
    assert not border_swapped("Le Kazakhstan partage avec la Chine l'avis de l'expert.", EXPERT)


def test_the_verifier_refuses_the_other_neighbour(verifier: Verifier) -> None:
    claim = ("Selon l’expert, le Kazakhstan, qui partage avec la Chine une frontière de plus de "
             "7 000 kilomètres, joue un rôle clé dans l’initiative « la Ceinture et la Route ».")
    assert not verifier.verify(claim + " [1]", [EXPERT]).claims[0].supported
    true = ("Selon l’expert, le Kazakhstan, qui partage avec la Russie une frontière de plus de "
            "7 000 kilomètres, joue un rôle clé dans l’initiative « la Ceinture et la Route ».")
    assert verifier.verify(true + " [1]", [EXPERT]).claims[0].supported
