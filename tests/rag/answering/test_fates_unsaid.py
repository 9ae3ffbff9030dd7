"""A fate the claim says befell people that its passage never tells (blind_pairs v2_006):
"..., injuring several people" over a passage that tells of explosions heard, and no one hurt."""

from __future__ import annotations

from rag.answering.anchors import facts
from rag.answering.fates_unsaid import fates_unsaid
from rag.answering.verify import Verifier

BLASTS = ("Par ailleurs, trois explosions ont été entendues ce vendredi dans la partie nord "
          "d’Almaty, au Kazakhstan, ont indiqué des sources d’information basées au Kazakhstan.")
TOLL = ("Des dizaines de personnes ont perdu la vie et des centaines ont été hospitalisées "
        "après les affrontements.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_a_fate_no_word_of_the_passage_tells() -> None:
    blasts = facts(BLASTS).words
    assert fates_unsaid("Three explosions were heard, injuring several people.", blasts) == (
        "injuring",)
    assert fates_unsaid("Trois explosions ont fait deux morts.", blasts) == ("morts",)
    assert fates_unsaid("Des manifestants ont été interpellés.", blasts) == ("interpelles",)
    # told in other words: lives lost, people in hospital
    toll = facts(TOLL).words
    assert fates_unsaid("Dozens were killed and hundreds injured.", toll) == ()
    # no fate: "détenue" is a thing held, "arrêté" a decree or a stop
    assert fates_unsaid("La société est détenue par l'État.", blasts) == ()
    assert fates_unsaid("Le gouvernement a arrêté les négociations.", blasts) == ()


def test_the_verifier_refuses_an_added_toll(verifier: Verifier) -> None:
    assert not _supported(verifier, "Three explosions were heard on Friday in the north of "
                          "Almaty, injuring several people.", BLASTS)
    assert _supported(verifier, "Three explosions were heard on Friday in the north of Almaty.",
                      BLASTS)


def test_figures_of_speech_and_other_words_for_a_fate() -> None:
    """The session's review: "died down" is no death, "held" tells an arrest, "interpellé le
    gouvernement" no arrest."""
    assert fates_unsaid("The protests died down by Monday.",
                        facts("The protests had calmed by Monday.").words) == ()
    assert fates_unsaid("Police arrested 200 people in Almaty.",
                        facts("Police held 200 people overnight in Almaty.").words) == ()
    assert fates_unsaid("Le député a interpellé le gouvernement.",
                        facts("Le député a critiqué le gouvernement.").words) == ()
