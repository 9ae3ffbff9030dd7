"""Which verb a negation denies (blind_pairs28 v28_023)."""

from __future__ import annotations

import pytest

from rag.answering.negation_scope import affirms_denied, denied_verb
from rag.answering.verify import Verifier
from tests.cpu import cpu_spent
from tests.rag.answering.test_verify import one

PESKOV = ("M. Peskov a souligné devant les journalistes que le pays peut « résoudre ses propres "
          "problèmes » et qu’il est crucial que « personne n’interfère de l’extérieur ».")


def test_the_verb_a_negation_governs() -> None:
    assert denied_verb("Kazakhstan could not resolve its problems.") == "resolve"
    assert denied_verb("Le pays ne peut pas résoudre ses problèmes.") == "resoudre"
    assert denied_verb("Il n'a pas pu être joint.") == "joint"
    assert denied_verb("Nobody should interfere.") is None


def test_a_claim_denying_what_its_sentence_affirms() -> None:
    assert affirms_denied("Peskov said Kazakhstan could not resolve its problems on its own.",
                          PESKOV)
    assert affirms_denied("Selon Peskov, le pays ne peut pas résoudre ses problèmes.", PESKOV)
    # the negation the sentence holds is on what the claim denies
    assert not affirms_denied("Peskov said no one should interfere from outside.", PESKOV)
    assert not affirms_denied("Peskov a dit que personne ne devait interférer.", PESKOV)
    # a verb of refusal denies as a negation does
    assert not affirms_denied("Russia did not intervene.", "La Russie a refusé d'intervenir.")
    # a sentence that never writes the verb says nothing of it here
    assert not affirms_denied("The troops did not fight.", PESKOV)


@pytest.mark.parametrize("unit", ["not not ", "ne pas ", "resolve ", "n't be "])
def test_long_runs_read_in_linear_time(unit: str) -> None:
    text = "ne " + unit * 20_000
    with cpu_spent() as spent:
        affirms_denied(text, text)
    assert spent.seconds < 1.0


def test_the_verifier_refuses_the_denial_and_keeps_the_true_one(verifier: Verifier) -> None:
    assert one(verifier, "Peskov told reporters that Kazakhstan could not resolve its problems "
                         "on its own [1].", PESKOV) == (False, "negation")
    assert one(verifier, "Peskov told reporters that the country can resolve its own "
                         "problems [1].", PESKOV)[0]
