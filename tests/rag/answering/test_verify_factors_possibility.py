"""Rules of the claim verifier read without the model: a multiplier said in words
("triplement" is not "multiplication par deux") and a possibility told as a fact under an
attribution ("Selon les experts, les radicaux vont organiser" over "n'excluent pas que les
radicaux puissent organiser")."""

from __future__ import annotations

from rag.answering.verify import _claim_facts, _hedge_dropped, factor_differs, factors


def test_multipliers_are_read_as_factors() -> None:
    assert factors("un triplement du prix du gaz") == {3}
    assert factors("une multiplication par deux du prix") == {2}
    assert factors("prices doubled") == {2}
    assert factors("three times higher") == {3}
    assert factors("a threefold rise") == {3}
    assert factors("multiplié par 4") == {4}
    assert factors("le prix a fortement augmenté") == frozenset()


def test_another_multiplier_is_caught_and_the_same_one_holds() -> None:
    passage = ("vraisemblablement causées par une multiplication par deux du prix du gaz "
               "liquéfié dans le pays")
    assert factor_differs("à cause d'un triplement du prix du gaz liquéfié", passage)
    assert not factor_differs("à cause d'un doublement du prix du gaz liquéfié", passage)
    assert not factor_differs("prices tripled", "prices rose sharply")  # none said: unread


def test_a_possibility_told_as_a_fact_under_an_attribution_is_a_dropped_hedge() -> None:
    said = ("Les experts n'excluent pas que les radicaux puissent organiser un sabotage, car "
            "il existe dans la région un grand nombre de structures")
    told = _claim_facts("Selon les experts, les radicaux vont organiser un sabotage.")
    assert told.hedged  # by "selon" only
    assert _hedge_dropped(told, said)
    kept = _claim_facts("Selon les experts, les radicaux pourraient organiser un sabotage.")
    assert not _hedge_dropped(kept, said)


def test_a_possibility_in_another_clause_of_the_sentence_counts_and_a_kept_one_holds() -> None:
    sentence = ("Les experts n’excluent pas que les radicaux puissent organiser un sabotage, car "
                "il existe dans la région un grand nombre de structures")
    clause = "car il existe dans la région un grand nombre de structures"
    told = _claim_facts("Selon les experts, les radicaux vont organiser un sabotage, car de "
                        "nombreuses structures se trouvent dans la région.")
    assert _hedge_dropped(told, clause, sentence)
    kept = _claim_facts("Experts do not rule out sabotage by the radicals, because the region "
                        "contains many structures.")
    assert kept.hedged  # "do not rule out" hedges as the source does
    assert not _hedge_dropped(kept, clause, sentence)
