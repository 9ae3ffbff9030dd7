"""A claim that something is not known says no without a negation word ("remains a mystery",
"reste inconnu") and is held by a sentence that says it with one ("on ne sait rien", "on
ignore"), as "refused" is by "did not accept"; a claim that it is known is still caught."""

from __future__ import annotations

from rag.answering.verify import Verifier

FIRE = ("Les détails de l’incendie de l’entrepôt n’ont pas encore été communiqués, et on ne "
        "sait rien de sa cause.")
SHARE = "On ignore encore ce que chaque pays membre apportera à la mission de l’alliance."


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_unknown_said_without_a_negation_word_is_held(verifier: Verifier) -> None:
    assert _supported(verifier, "No details of the warehouse fire have been released yet, and "
                                "its cause remains a mystery.", FIRE)
    assert _supported(verifier, "Ce que chaque pays membre apportera à la mission de l’alliance "
                                "n’est pas encore connu.", SHARE)


def test_known_over_unknown_is_still_caught(verifier: Verifier) -> None:
    assert not _supported(verifier, "Details of the warehouse fire have been released, and its "
                                    "cause is known.", FIRE)


def test_ignored_is_read_alike_in_either_language(verifier: Verifier) -> None:
    """French "ignorer" is both "not know" and "disregard": read as saying no on both sides,
    so "ignored the warnings" is held by "a ignoré les avertissements"."""
    passage = "Le ministère a ignoré les avertissements des services de renseignement."
    assert _supported(verifier, "The ministry ignored the intelligence services' warnings.",
                      passage)
