"""Verifier misses of blind_pairs51 (studied in the sixtieth session): a cause the claim adds
between two things its sentence only sets side by side ("des pillages ... – dans un contexte de
pannes d'Internet persistantes –" restated "looting triggered by the internet outages", v51_007);
a French nationality the passage never gives, as an English "American" already was ("le plus
haut diplomate américain" over "le plus haut diplomate de l'Union européenne", v51_028: see
test_nationality_swap)."""

from __future__ import annotations

import pytest

from rag.answering.verify import Verifier

LOOTING = ("Dans le même temps, des pillages généralisés ont été signalés dans les principales "
           "villes kazakhes dans la nuit et aux premières heures de la matinée de jeudi – dans un "
           "contexte de pannes d’Internet persistantes au niveau national – avec des scènes de "
           "plus en plus sauvages.")
CAUSED = ("Des pillages généralisés ont été signalés dans les principales villes kazakhes, "
          "provoqués par les pannes d’Internet persistantes au niveau national.")
PRICES = ("Des manifestations de masse au Kazakhstan ont commencé plus tôt dans la semaine en "
          "raison de la hausse des prix du gaz de pétrole liquéfié.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


@pytest.mark.parametrize("claim", [
    "Widespread looting was reported in major Kazakh cities overnight, triggered by the "
    "persistent nationwide internet outages.",
    "Des pillages généralisés ont été signalés dans les principales villes kazakhes dans la "
    "nuit, à cause des pannes d’Internet persistantes.",
    "En raison des pannes d’Internet persistantes, des pillages généralisés ont été signalés "
    "dans les principales villes kazakhes.",
])
def test_a_cause_its_sentence_only_sets_beside_the_fact(verifier: Verifier, claim: str
                                                        ) -> None:
    assert not _supported(verifier, claim, LOOTING)


@pytest.mark.parametrize(("claim", "passage"), [
    ("Widespread looting was reported in major Kazakh cities overnight, amid persistent "
     "nationwide internet outages.", LOOTING),
    ("Des pillages généralisés ont été signalés dans les principales villes kazakhes à cause "
     "des pannes d’Internet persistantes.", CAUSED),
    ("Looting spread across Kazakh cities because of the persistent nationwide internet "
     "outages.", CAUSED),
    ("Mass protests began in Kazakhstan earlier in the week because of the rise in liquefied "
     "petroleum gas prices.", PRICES),
])
def test_a_cause_its_sentence_gives_is_supported(verifier: Verifier, claim: str, passage: str
                                                 ) -> None:
    assert _supported(verifier, claim, passage)


DEPLOYMENT = ("Le déploiement ne sera pas utilisé pour s’engager directement avec les manifestants "
              "et les émeutiers, et les tâches d’application de la loi continueront d’être "
              "effectuées par la police locale, ont promis des responsables.")


def test_a_statement_whose_words_side_with_the_clause_that_says_no(verifier: Verifier
                                                                    ) -> None:
    # (blind_pairs50 v50_010: the embedding puts the claim's first statement 0.897 from the
    # negated clause and 0.880 from the other, under the 0.02 margin; it shares three words
    # with the first and one with the second)
    assert not _supported(verifier, "Des responsables ont annoncé que le déploiement servirait "
                                    "à affronter directement les manifestants et les émeutiers, "
                                    "la police locale conservant les tâches d’application de la "
                                    "loi.", DEPLOYMENT)
    assert _supported(verifier, "Des responsables ont promis que le déploiement ne servirait pas "
                                "à affronter directement les manifestants et les émeutiers, la "
                                "police locale conservant les tâches d’application de la loi.",
                      DEPLOYMENT)
