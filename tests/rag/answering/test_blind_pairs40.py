"""Pairs of evals/verifier/blind_pairs40.jsonl (studied from the forty-ninth session)."""

from __future__ import annotations

import pytest

from rag.answering.verify import Verifier
from tests.rag.answering.test_verify import one

GAS = ("Le début de l’année 2022 au Kazakhstan a été marqué par le déclenchement d’émeutes dans "
       "les rues d’Almaty, vraisemblablement causées par une multiplication par deux du prix du "
       "gaz liquéfié dans le pays après la suppression des subventions de l’État.")


@pytest.mark.parametrize(("claim", "supported"), [
    # v40_018: of the claim's two causes the source says the first, not the second
    ("Début 2022, des émeutes ont éclaté dans les rues d’Almaty, vraisemblablement provoquées "
     "par le doublement du prix du gaz liquéfié à la suite d’une hausse des taxes de l’État.",
     False),
    # ... both said, in other words
    ("Début 2022, des émeutes ont éclaté dans les rues d’Almaty, vraisemblablement provoquées "
     "par le doublement du prix du gaz liquéfié à la suite de la suppression des subventions "
     "de l’État.", True),
    # ... one cause alone, as before
    ("Début 2022, des émeutes ont éclaté dans les rues d’Almaty, vraisemblablement provoquées "
     "par le doublement du prix du gaz liquéfié.", True),
])
def test_each_cause_a_claim_gives_is_said(verifier: Verifier, claim: str,
                                          supported: bool) -> None:
    assert one(verifier, claim + " [1]", GAS)[0] is supported
