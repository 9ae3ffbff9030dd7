"""traps_study58's particulars: how a figure was arrived at, who a message went through, who
pays, how badly the injured were hurt and which programme or unit (t58_029/030, 005/006,
025/026, 011/012, 039/040, 021/022), each declined over the sentence that tells the rest, and
answered where a sentence tells it; and a total over the years, a span (t58_037/038)."""

from __future__ import annotations

import pytest

from rag.answering.particulars import particular_asked, particular_told
from rag.answering.spans import span_asked
from tests.rag.answering.particular_checks import declined_then_answered
from tests.rag.answering.test_traps_study53 import _answered

ICNL = ("Le Centre international pour le droit à but non lucratif (ICNL) estime qu’il y a "
        "38 000 ONG actives au Kazakhstan.")
XI = ("Xi a fait ces remarques dans un message verbal adressé au président kazakh "
      "Kassym-Jomart Tokayev.")
STAY = ("Les casques bleus resteront au Kazakhstan aussi longtemps que le pays aura besoin de "
        "leur aide, selon Zas.")
NED = ("Le National Endowment for Democracy a dépensé à lui seul plus d’un million de dollars "
       "pour soutenir les processus démocratiques au Kazakhstan en 2020.")
DUMOULIN = ("explique Marie Dumoulin, directrice de programme à l’European Council on Foreign "
            "Relations (ECFR).")
KONASHENKOV = ("Selon le porte-parole du ministère de la Défense, le général de division Igor "
               "Konashenkov, les parachutistes russes déployés à Almaty protègent l’aéroport.")
HURT = ("Au moins 13 agents des forces de l’ordre ont été tués et 353 blessés dans le chaos, "
        "selon les médias officiels.")

CASES = [
    ("method", "How did the ICNL arrive at its estimate of 38,000 NGOs active in Kazakhstan?",
     ICNL, ICNL.replace("estime", "estime, en se fondant sur les registres officiels,")),
    ("method", "Comment l’ICNL a-t-il établi son estimation de 38 000 ONG actives au "
     "Kazakhstan ?", ICNL, ICNL.replace("estime", "estime, à partir des registres,")),
    ("intermediary", "Through whom did Xi Jinping convey his verbal message to Tokayev?", XI,
     XI.replace("adressé", "transmis par son ambassadeur Zhang Xiao")),
    ("intermediary", "Par l’intermédiaire de qui Xi Jinping a-t-il transmis son message "
     "verbal à Kassym-Jomart Tokayev ?", XI,
     XI.replace("adressé", "transmis par l’intermédiaire de l’ambassadeur Zhang Xiao")),
    ("funding", "Who is paying for the CSTO peacekeeping mission in Kazakhstan?", STAY,
     "La mission de maintien de la paix de l’OTSC au Kazakhstan est financée par le "
     "milliardaire Ivan Petrov."),
    ("funding", "Qui finance la mission de maintien de la paix de l’OTSC au Kazakhstan ?",
     STAY, "La mission de maintien de la paix de l’OTSC au Kazakhstan est financée par le "
     "milliardaire Ivan Petrov."),
    ("subunit", "Which programme does Marie Dumoulin direct at the European Council on Foreign "
     "Relations?", DUMOULIN, DUMOULIN.replace("directrice de programme", "directrice du "
                                              "programme Russie et Asie")),
    ("subunit", "Quel programme Marie Dumoulin dirige-t-elle à l’European Council on Foreign "
     "Relations ?", DUMOULIN, DUMOULIN.replace("directrice de programme", "directrice du "
                                               "programme Russie et Asie")),
    ("subunit", "Which Russian airborne unit did the paratroopers deployed to Almaty belong to?",
     KONASHENKOV, KONASHENKOV.replace("parachutistes russes", "parachutistes russes de la 45e "
                                      "brigade")),
    ("severity", "How many of the 353 injured law-enforcement officers were seriously "
     "wounded?", HURT, HURT.replace("353 blessés", "353 blessés, dont 40 grièvement")),
    ("severity", "Parmi les 353 membres des forces de l’ordre blessés, combien l’ont été "
     "grièvement ?", HURT, HURT.replace("353 blessés", "353 blessés, dont 40 grièvement")),
]


@pytest.mark.parametrize(("kind", "q", "lure", "told"), CASES)
def test_declined_over_the_rest_answered_where_told(kind: str, q: str, lure: str,
                                                    told: str) -> None:
    declined_then_answered(kind, q, lure, told)


def test_a_country_is_no_payment() -> None:
    assert not particular_told("funding", "le pays aura besoin de leur aide")
    assert particular_told("funding", "The United States pays for most of them.")


@pytest.mark.parametrize("q", [
    "How much has the National Endowment for Democracy spent in Kazakhstan in total over the "
    "years?",
    "Combien le National Endowment for Democracy a-t-il dépensé au total au Kazakhstan au fil "
    "des années ?",
])
def test_a_total_over_the_years_is_a_span(q: str) -> None:
    assert span_asked(q)
    assert not _answered(q, NED)
    assert _answered(q, NED.replace("en 2020", "depuis 2005"))


def test_questions_asking_none_of_them() -> None:
    for q in ("How much did the National Endowment for Democracy spend in Kazakhstan in 2020?",
              "Which organisation estimates that 38,000 NGOs are active in Kazakhstan?",
              "Combien de membres des forces de l’ordre ont été blessés ?",
              "Who sent a verbal message to Tokayev?"):
        assert particular_asked(q) == ""
    # a go-between told by a passive's agent ("diffusé sur Telegram par", b25_011)
    assert particular_told("intermediary", "dans un communiqué diffusé sur Telegram par la "
                           "porte-parole de la diplomatie russe, Maria Zakharova.")


def test_a_unit_asked_is_the_noun_asked_not_a_word_before_it() -> None:
    assert particular_asked("Which ECFR programme director analysed the risks?") == ""
    assert particular_asked("Which US State Department spokesman urged restraint?") == ""
