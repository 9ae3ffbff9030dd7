"""Two events told around "après" / "after" in the other order than the source
(blind_pairs26 miss v26_020): exchanged, caught; in the source's order, held."""

from __future__ import annotations

from rag.answering.order import order_swapped, same_day_apart, says_same_day
from rag.answering.verify import Verifier

FIRED = ("Le ministre, un proche du président, a été arrêté pour corruption après avoir été "
         "limogé de son poste de chef de la police.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_events_exchanged_around_after_are_read_in_either_language() -> None:
    assert order_swapped("Le ministre a été limogé de son poste après avoir été arrêté.", FIRED)
    assert not order_swapped("Le ministre a été arrêté après avoir été limogé.", FIRED)
    en = "The minister was arrested for graft after being fired as police chief."
    assert order_swapped("The minister was fired as police chief after being arrested.", en)
    assert order_swapped("The minister was fired after having been arrested.", en)
    # one event only, or none after the marker: no order to compare
    assert not order_swapped("The minister was arrested after the riots.", en)
    assert not order_swapped("Le ministre a été limogé.", FIRED)


def test_the_verifier_refuses_events_in_the_other_order(verifier: Verifier) -> None:
    assert _supported(verifier, "Le ministre, proche du président, a été arrêté pour corruption "
                                "après avoir été limogé de son poste de chef de la police.", FIRED)
    assert not _supported(verifier, "Le ministre, proche du président, a été limogé de son poste "
                                    "de chef de la police après avoir été arrêté pour "
                                    "corruption.", FIRED)


ARRIVED = ("Des soldats et du matériel russes ont été les premiers à arriver au Kazakhstan jeudi. "
           "La Biélorussie a déployé un groupe de travail vendredi, le transportant par avion "
           "dans le pays via la Russie.")


def test_the_same_day_is_read_against_the_days_the_passage_gives() -> None:
    thursday, friday = frozenset({"w:4"}), frozenset({"w:5"})
    claim = "Russian troops arrived on Thursday, and Belarus flew in its task force the same day."
    assert same_day_apart(claim, [thursday], [thursday, friday])
    assert not same_day_apart(claim, [thursday], [thursday, thursday])  # both on Thursday
    assert not same_day_apart(claim, [thursday], [thursday, frozenset()])  # no other day
    assert not same_day_apart("Russian troops arrived on Thursday, and Belarus on Friday.",
                              [thursday, friday], [thursday, friday])  # no "same day"
    assert says_same_day("Le même jour, la Biélorussie a déployé un groupe de travail.")


def test_the_verifier_refuses_a_second_event_put_on_the_first_ones_day(verifier: Verifier
                                                                         ) -> None:
    # blind_pairs27 miss v27_015: each part alone is supported, the two sentences together too
    assert not _supported(verifier, "Russian soldiers and equipment arrived in Kazakhstan on "
                                    "Thursday, and Belarus flew in its task force via Russia "
                                    "the same day.", ARRIVED)
    assert _supported(verifier, "Russian soldiers and equipment arrived in Kazakhstan on "
                                "Thursday, and Belarus flew in its task force via Russia on "
                                "Friday.", ARRIVED)


# "d'abord ... puis" / "first ... then" (blind_pairs33 v33_011): the passage marks its own order
SACKED = ("Le président a initialement limogé le gouvernement du pays en début de semaine. "
          "Mais les protestations s'amplifiant, il a changé de tactique et invité les troupes "
          "d'une alliance militaire dirigée par la Russie à entrer dans le pays.")


def test_first_and_then_exchanged_are_read_in_either_language() -> None:
    from rag.answering.order import sequence_swapped

    assert sequence_swapped("Le président a d'abord invité les troupes de l'alliance militaire, "
                            "puis a limogé le gouvernement du pays.", SACKED)
    assert not sequence_swapped("Le président a d'abord limogé le gouvernement du pays, puis a "
                                "invité les troupes de l'alliance militaire.", SACKED)
    assert sequence_swapped("The president first invited the troops of the military alliance, "
                            "then dismissed the country's government.", SACKED)
    assert not sequence_swapped("The president first dismissed the country's government, then "
                                "invited the troops of the military alliance.", SACKED)
    # a passage telling them against its text's order ("après avoir") gives no order to read
    after = ("Le président a invité les troupes de l'alliance militaire après avoir limogé le "
             "gouvernement du pays.")
    assert not sequence_swapped("Le président a d'abord limogé le gouvernement du pays, puis a "
                                "invité les troupes de l'alliance militaire.", after)
    # no sequence in the claim: nothing to compare
    assert not sequence_swapped("Le président a invité les troupes et limogé le gouvernement.",
                                SACKED)


def test_the_verifier_refuses_first_and_then_exchanged(verifier: Verifier) -> None:
    assert not _supported(verifier, "Le président a d'abord fait appel aux troupes d'une "
                                    "alliance militaire dirigée par la Russie, puis a limogé le "
                                    "gouvernement du pays.", SACKED)


def test_review_a_passage_telling_the_second_event_as_done_before_gives_no_order() -> None:
    """Diff review 42: "mais la veille il avait déjà limogé" and "he had sacked" tell the
    events against the text's order; "mais" marks none."""
    from rag.answering.order import sequence_swapped

    assert not sequence_swapped(
        "Le président a d'abord limogé le gouvernement, puis a fait appel aux troupes de "
        "l'OTSC.", "Le président a fait appel aux troupes de l'OTSC mercredi soir, mais la "
                   "veille il avait déjà limogé le gouvernement.")
    assert not sequence_swapped(
        "Tokayev first sacked the government on Wednesday morning, then called in CSTO troops "
        "on Wednesday night.", "Tokayev called in CSTO troops on Wednesday night, but the unrest "
                               "had begun days earlier. On Wednesday morning he had sacked the "
                               "government.")
