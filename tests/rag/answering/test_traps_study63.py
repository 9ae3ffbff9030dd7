"""Traps of evals/traps_study63.jsonl (a study set): a base asked of one country's troops over
another's (t63_029/030), and who did a deed the sentence tells in the passive with no doer,
asked of "which agency or ministry" (the doer rule read "which X" of one or two words only).
Their controls are answered. (Rules tried and dropped after diff review 60: the doer rule for
"Who ...?" questions, "which institution is X", "which Kazakh region": each declined too many
ordinary questions.)"""

from __future__ import annotations

import pytest

from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered

ARREST = ("L’appel de l’ex-président Noursoultan Nazarbaïev intervient alors qu’un de ses alliés "
          "proches, Karim Kajymkanouli Massimov, ancien Premier ministre, a été arrêté pour "
          "trahison après avoir été démis de ses fonctions de chef du Comité national de "
          "sécurité (KNB) comme conséquence des émeutes déclenchées dans le pays.")
AYNI = ("Des militaires tadjiks, qui font partie de la force de maintien de la paix de "
        "l’Organisation du Traité de sécurité collective (OTSC), partent pour le Kazakhstan "
        "depuis la base aérienne d’Ayni au Tadjikistan le 7 janvier 2021.")
DUMOULIN = ("Pour les Russes, il s’agit de démontrer qu’ils n’agissent pas seuls, explique Marie "
            "Dumoulin, directrice de programme à l’European Council on Foreign Relations (ECFR).")


@pytest.mark.parametrize(("question", "sentence"), [
    ("Which agency or ministry arrested former prime minister Karim Massimov for treason?",
     ARREST),
    ("Quelle agence ou quel ministère a arrêté l'ancien Premier ministre Karim Massimov pour "
     "trahison ?", ARREST),
    ("From which air base did the Belarusian task group leave for Kazakhstan?", AYNI),
    ("De quelle base aérienne le groupe de travail biélorusse est-il parti pour le "
     "Kazakhstan ?", AYNI),
])
def test_a_trap_is_not_answered(question: str, sentence: str) -> None:
    assert not _answered(question, sentence)


@pytest.mark.parametrize(("question", "sentence"), [
    ("From which air base did the Tajik troops leave for Kazakhstan?", AYNI),
    ("De quelle base aérienne les militaires tadjiks sont-ils partis pour le Kazakhstan ?",
     AYNI),
    ("Which think tank is Marie Dumoulin affiliated with?", DUMOULIN),
    ("From which air base did the Belarusian task group leave?", "Le groupe de travail "
     "biélorusse a décollé de la base aérienne de Matchoulichtchy, près de Minsk."),
    ("Who led the CSTO mission?", "La mission de l’OTSC a été dirigée par le général Andreï "
                                  "Serdioukov, selon le ministère russe de la Défense."),
    ("Of what was Karim Massimov accused?", ARREST),
])
def test_its_control_is_answered(question: str, sentence: str) -> None:
    assert _answered(question, sentence)


def test_what_the_questions_ask() -> None:
    assert analyse_question("From which air base did the Belarusian task group leave?"
                            ).nation == frozenset({"BY"})
    assert analyse_question("Which agency or ministry arrested Karim Massimov?").agent_asked
    assert analyse_question("Quelle agence ou quel ministère a arrêté Karim Massimov ?"
                            ).agent_asked
