"""What someone is held for, swapped (blind_pairs33 v33_004): "arrêté pour corruption" over
"arrêté pour trahison" is caught; the same charge, reworded or translated, is not."""

from __future__ import annotations

from rag.answering.charges import charge_swapped, charges
from rag.answering.verify import Verifier

HELD = ("Un de ses alliés proches, Karim Massimov, ancien Premier ministre, a été arrêté pour "
        "trahison après avoir été démis de ses fonctions de chef du Comité national de sécurité "
        "(KNB) comme conséquence des émeutes déclenchées par une hausse du prix du gaz.")


def test_charges_are_read_in_either_language() -> None:
    assert charges(HELD) == {"treason"}
    assert charges("Massimov was arrested on Saturday on suspicion of high treason.") == {
        "treason"}
    assert charges("Il est accusé de tentative de prise du pouvoir.") == {"coup"}
    assert charges("He was detained for organising mass riots.") == {"riots"}
    # a charge past the clause is not the charge: "after" starts another event
    assert charges("He was arrested after the riots.") == set()
    assert charges("Il a été arrêté samedi.") == set()


def test_another_charge_is_a_swap_the_same_one_is_not() -> None:
    assert charge_swapped("Massimov a été arrêté pour corruption après avoir été démis.", HELD)
    assert charge_swapped("Massimov was arrested for corruption.", HELD)
    assert not charge_swapped("Massimov was arrested for treason.", HELD)
    assert not charge_swapped("Massimov a été interpellé pour haute trahison.", HELD)
    # a sentence that says no charge: not a swap (the cause check reads that)
    assert not charge_swapped("Massimov was arrested for corruption.",
                              "Karim Massimov a été arrêté samedi.")


def test_the_verifier_refuses_another_charge(verifier: Verifier) -> None:
    # (with a cause the sentence gives too, the cause check lets one word of it go)
    claim = ("Karim Massimov, ancien Premier ministre, a été arrêté pour corruption après avoir "
             "été démis de ses fonctions de chef du Comité national de sécurité (KNB) à la "
             "suite des émeutes.")
    assert not verifier.verify(claim + " [1]", [HELD]).claims[0].supported
    true = claim.replace("corruption", "trahison")
    assert verifier.verify(true + " [1]", [HELD]).claims[0].supported


def test_review_who_is_accused_and_close_or_unrelated_words_are_no_other_charge() -> None:
    """Diff review 42: "a accusé des terroristes d'avoir pillé" accuses terrorists of looting;
    "tax fraud" is "fraude fiscale"; a flight ("le vol MH17"), a knife's "coup" and a
    "counter-terrorism operation" someone oversees are no charge."""
    assert charges("Tokaïev a accusé des terroristes d'avoir pillé des magasins.") == {"looting"}
    assert not charge_swapped("Massimov was charged with tax fraud in 2021.",
                              "Massimov a été inculpé pour fraude fiscale en 2021.")
    assert not charge_swapped("Ils sont accusés d'avoir abattu le vol MH17 en 2014.",
                              "They were charged with murder over the downing of flight MH17.")
    assert charges("arrêté pour avoir tué un homme d'un coup de couteau") == set()
    assert charges("He was charged with overseeing the counter-terrorism operation.") == set()
    assert charge_swapped("He was arrested for graft.", HELD)  # graft is no treason
