"""traps_study62's particulars: how two people are related, the apps a shutdown blocked, what
the damage was worth and whether talks were held in person (t62_009/010, 011/012, 023/024,
027/028), each declined over the sentence that tells the rest and answered where a sentence
tells it."""

from __future__ import annotations

import pytest

from rag.answering.particulars import particular_asked, particular_told
from tests.rag.answering.particular_checks import declined_then_answered
from tests.rag.answering.test_traps_study53 import _answered

ALLY = ("L’appel de l’ex-président Noursoultan Nazarbaïev intervient alors qu’un de ses alliés "
        "proches, Karim Kajymkanouli Massimov, ancien Premier ministre, a été arrêté pour "
        "trahison.")
BLOCKED = ("L’Internet est bloqué dans tout le pays depuis au moins une journée entière, selon "
           "des informations non confirmées.")
LOSSES = ("Xi a exprimé ses sincères condoléances pour les récentes émeutes de grande ampleur au "
          "Kazakhstan, qui ont fait de nombreuses victimes et causé de lourdes pertes "
          "matérielles.")
AID = ("En 2020, les agences américaines ont transféré jusqu’à 61 millions de dollars d’aide "
       "étrangère au Kazakhstan, selon les chiffres officiels.")
TALKS = ("En réponse à l’appel du président Tokayev, les alliés ont tenu des pourparlers "
         "d’urgence et sont convenus conjointement qu’une intervention militaire était "
         "justifiée.")
CASES = [
    ("kinship", "What is Karim Massimov's family relationship to Nursultan Nazarbayev?", ALLY,
     "Karim Massimov, neveu de Noursoultan Nazarbaïev, a été arrêté pour trahison."),
    ("kinship", "Quel lien de parenté unit Karim Massimov à Noursoultan Nazarbaïev ?", ALLY,
     "Karim Massimov est le gendre de Noursoultan Nazarbaïev."),
    ("apps", "Which messaging apps and social networks were blocked during Kazakhstan's "
     "nationwide internet shutdown?", BLOCKED,
     "Pendant la coupure d’Internet dans tout le pays, WhatsApp, Telegram et Facebook ont été "
     "bloqués au Kazakhstan."),
    ("apps", "Quelles messageries ont été bloquées pendant la coupure d'Internet au "
     "Kazakhstan ?", BLOCKED,
     "Pendant la coupure d’Internet au Kazakhstan, les messageries WhatsApp et Telegram ont "
     "été bloquées."),
    ("modality", "Did the CSTO allies hold their emergency talks on Tokayev's request in person "
     "or by videoconference?", TALKS,
     "En réponse à l’appel du président Tokayev, les alliés de l’OTSC ont tenu des pourparlers "
     "d’urgence par visioconférence."),
    ("modality", "Les alliés ont-ils tenu leurs pourparlers d'urgence en personne ou par "
     "visioconférence ?", TALKS,
     "Les alliés ont tenu des pourparlers d’urgence en personne à Moscou."),
]


@pytest.mark.parametrize(("kind", "q", "lure", "told"), CASES)
def test_declined_over_the_rest_answered_where_told(kind: str, q: str, lure: str,
                                                    told: str) -> None:
    declined_then_answered(kind, q, lure, told)


@pytest.mark.parametrize("q", [
    "What was the estimated value, in dollars, of the material damage caused by the riots in "
    "Kazakhstan?",
    "À combien de dollars ont été estimés les dégâts matériels causés par les émeutes au "
    "Kazakhstan ?",
])
def test_damage_needs_its_sum(q: str) -> None:
    """Heavy losses give no sum, and a sum of aid is no damage."""
    assert particular_asked(q) == "damage_value"
    for lure in (LOSSES, AID):
        assert not particular_told("damage_value", lure)
        assert not _answered(q, lure)
    told = ("Les émeutes au Kazakhstan ont causé des dégâts matériels estimés à 200 millions "
            "de dollars.")
    assert particular_told("damage_value", told)
    assert _answered(q, told)


@pytest.mark.parametrize("q", [
    "Which airport did the rioters seize?",
    "What did the US say about the intervention?",
    "How did Putin and Tokayev discuss the crisis?",
    "When did Blinken make his remark?",
    "Quelles applications industrielles a le laser ?",  # (uses, review 59)
    "How is the CSTO related to the Warsaw Pact?",
    "Combien de pertes l'armée française a-t-elle subies à Verdun ?",
    "How much aid did US agencies send to Kazakhstan?",
    "Who is Karim Massimov?",
])
def test_questions_asking_none_of_them(q: str) -> None:
    assert particular_asked(q) not in ("kinship", "apps", "damage_value", "modality")
