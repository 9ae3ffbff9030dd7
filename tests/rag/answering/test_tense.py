"""tense.py: what a text tells as planned or as done (no model)."""

from __future__ import annotations

import pytest

from rag.answering.tense import tense_differs, times, told


@pytest.mark.parametrize(("text", "lang", "told"), [
    # the future of a past in reported speech tells of both (blind_pairs14 v15_051)
    ("Peacekeepers were urged to respect human rights, and hope was expressed that the "
     "government could address the problems.", "en", {"past", "future"}),
    ("Il a été annoncé que les troupes partiraient bientôt.", "fr", {"past", "future"}),
    # ... not a relative clause, "situation", nor a noun in -rait (closing review L12)
    ("The troops that could not leave had been evacuated.", "en", {"past"}),
    ("La question a été posée mais la situation serait calme.", "fr", {"past"}),
    ("Le président a annoncé que le retrait a commencé.", "fr", {"past"}),
    ("Les troupes ont été déployées.", "fr", {"past"}),
    ("Les troupes seront déployées la semaine prochaine.", "fr", {"future"}),
    # what is expected is not done yet (blind_pairs17 v18_053)
    ("Karim Massimov, démis de la direction du KNB, devrait être arrêté pour trahison.", "fr",
     {"future"}),
    ("Les troupes devraient rentrer bientôt.", "fr", {"future"}),
    ("Les troupes devraient se retirer.", "fr", {"future"}),
    # ... a past guessed at is no future (closing review L10)
    ("La Russie devrait avoir envoyé 3 000 soldats.", "fr", set()),
])
def test_what_a_text_tells_of(text: str, lang: str, told: set[str]) -> None:
    assert times(text, lang) == told


@pytest.mark.parametrize(("text", "lang", "told"), [
    # what is weighed is not done
    ("He said he was considering authorising the police to open fire.", "en", {"future"}),
    ("Le gouvernement envisageait de fermer la frontière.", "fr", {"future"}),
    # a negated compound past is a past ("n'avait pas servi")
    ("Le déploiement n’avait pas servi à affronter les manifestants.", "fr", {"past"}),
    ("Les troupes n'ont jamais quitté la ville.", "fr", {"past"}),
])
def test_plans_weighed_and_negated_pasts(text: str, lang: str, told: set[str]) -> None:
    assert times(text, lang) == told


def test_a_verb_of_saying_tells_when_it_was_said_not_of_what() -> None:
    promised = ("Le déploiement ne sera pas utilisé contre les manifestants, ont promis des "
                "responsables.")
    assert times(promised, "fr") == {"past", "future"}
    assert told(promised, "fr") == {"future"}
    found = "Les responsables ont constaté que le déploiement n’avait pas servi."
    assert told(found, "fr") == {"past"}
    assert tense_differs(times(found, "fr"), promised, "fr", told(found, "fr"))
    # what was said, said again: no catch
    said = "Des responsables ont promis que le déploiement ne sera pas utilisé."
    assert not tense_differs(times(said, "fr"), promised, "fr", told(said, "fr"))
    # a claim telling only of the saying tells of nothing more
    assert told("Des responsables ont promis une mission limitée.", "fr") == frozenset()
    assert told("Officials have said the mission had ended.", "en") == {"past"}


def test_a_future_told_in_a_simple_past_of_saying_tells_of_that_past_too() -> None:
    # blind_pairs22 v23_014: "confirmed that it will take part" over "a confirmé ... sa
    # participation" is the same statement
    claim = "Armenia confirmed that it will take part in the operation."
    assert times(claim, "en") == {"past", "future"}
    assert not tense_differs(times(claim, "en"), "L'Arménie a confirmé ce matin sa "
                             "participation à l'opération.", "fr", told(claim, "en"))
    # ... a future alone is still not what was done
    claim = "Armenia will take part in the operation."
    assert tense_differs(times(claim, "en"), "L'Arménie a pris part à l'opération.", "fr",
                         told(claim, "en"))


def test_already_held_is_told_of_the_past() -> None:
    """blind_pairs21 v21_047: "a déjà eu lieu" over "se tiendra"."""
    claim = "La conférence a déjà eu lieu à Lugano, en juillet 2022."
    assert times(claim, "fr") == frozenset({"past"})
    assert tense_differs(times(claim, "fr"), "Une conférence se tiendra à Lugano en juillet "
                                             "2022.", "fr")


def test_a_pronominal_verb_of_promising_tells_when_it_was_said() -> None:
    """blind_pairs34 v34_014: "se sont engagés à ce que les troupes n'affrontent pas ..." over
    "... ne sera pas utilisé ..., ont promis des responsables" restates a promise; the
    commitment's compound past tells when it was made, not of the deployment."""
    promised = ("Le déploiement ne sera pas utilisé pour s’engager directement avec les "
                "manifestants, ont promis des responsables.")
    claim = ("Des responsables se sont engagés à ce que les troupes déployées n’affrontent pas "
             "directement les manifestants.")
    assert told(claim, "fr") == frozenset()
    assert not tense_differs(times(claim, "fr"), promised, "fr", told(claim, "fr"))
    # enlisting is no promise: a past told
    assert told("Il s’est engagé dans l’armée en 1990.", "fr") == {"past"}
