"""traps_study61's particulars: where someone was born, the penalty the law provides, the
number an act bears, a body's budget and someone's words in the original English (t61_003/004,
021/022, 025/026, 009, 031/032), the last time before a date something happened
(013/014) and why something was not done (001/002), each declined
over the sentence that tells the rest and answered where a sentence tells it; how long a
flight was asked as a duration, and "depuis" before a place is no duration (t61_017)."""

from __future__ import annotations

import pytest

from rag.answering.holds import holds_asked
from rag.answering.particulars import particular_asked, particular_told
from rag.answering.question import analyse_question
from tests.rag.answering.particular_checks import declined_then_answered
from tests.rag.answering.test_traps_study53 import _answered

DUMOULIN = ("Le président Kassym-Jomart Tokaïev a décidé d’envoyer un double message : de "
            "fermeté d’une part aux manifestants, de loyauté d’autre part vis-à-vis de Moscou.")
MASSIMOV = ("Karim Massimov, ancien Premier ministre, a été arrêté pour trahison après avoir été "
            "démis de ses fonctions de chef du Comité national de sécurité.")
EMERGENCY = ("Le président kazakh Kassym-Jomart Tokayev a déclaré l’état d’urgence jusqu’au 19 "
             "janvier en raison des troubles civils dans le pays.")
CSTO = ("Le bloc de sécurité, composé de six anciens États soviétiques, a été formé en 1992, à "
        "la suite de l’effondrement de l’Union soviétique.")
BLINKEN = ("Antony Blinken a ajouté qu’« une leçon de l’histoire récente est qu’une fois que les "
           "Russes sont dans votre maison, il est parfois très difficile de les faire partir ».")
EXTENDED = ("Le président kazakh Kassym-Jomart Tokayev a étendu mercredi l’ »état d’urgence » "
            "à l’ensemble du pays.")
AYNI = ("Des militaires tadjiks partent pour le Kazakhstan depuis la base aérienne d’Ayni au "
        "Tadjikistan le 7 janvier.")
NO_LIST = ("Bien qu’aucune liste précise des « installations stratégiques » qui doivent être "
           "gardées par les soldats n’ait été fournie, les responsables militaires russes en ont "
           "révélé une poignée.")

CASES = [
    ("birthplace", "In which city was President Kassym-Jomart Tokayev born?", DUMOULIN,
     "Kassym-Jomart Tokayev was born in Almaty in 1953."),
    ("birthplace", "Dans quelle ville le président Kassym-Jomart Tokaïev est-il né ?", DUMOULIN,
     "Le président Kassym-Jomart Tokaïev, né à Almaty en 1953, a décidé d’envoyer un double "
     "message."),
    ("penalty", "What is the maximum penalty for treason under Kazakh law, the charge on which "
     "Karim Massimov was arrested?", MASSIMOV,
     MASSIMOV.replace("sécurité.", "sécurité ; il risque jusqu’à 20 ans de prison.")),
    ("penalty", "Quelle est la peine maximale prévue par la loi kazakhe pour trahison ?",
     MASSIMOV, "Au Kazakhstan, la trahison est passible de la réclusion à perpétuité."),
    ("act_number", "What is the number of the decree by which Tokayev declared the state of "
     "emergency until 19 January?", EMERGENCY,
     EMERGENCY.replace("a déclaré", "a déclaré par le décret n° 744")),
    ("act_number", "Quel est le numéro du décret par lequel Tokaïev a déclaré l'état d'urgence "
     "jusqu'au 19 janvier ?", EMERGENCY, EMERGENCY.replace("a déclaré", "a déclaré (décret "
                                                           "744)")),
    ("original_english", "What were Antony Blinken's exact original English words about "
     "Russians being in your house?", BLINKEN, BLINKEN.replace(
         "une fois que les Russes sont dans votre maison, il est parfois très difficile de les "
         "faire partir", "once Russians are in your house, it's sometimes very difficult to "
         "get them to leave")),
    ("original_english", "Quels étaient les mots exacts, dans l'anglais original, d'Antony "
     "Blinken à propos des Russes qui sont dans votre maison ?", BLINKEN, BLINKEN.replace(
         "une fois que les Russes sont dans votre maison, il est parfois très difficile de les "
         "faire partir", "once Russians are in your house, it's sometimes very difficult to "
         "get them to leave")),
    ("budget", "What is the CSTO's annual budget?", CSTO,
     "L’OTSC, formée en 1992, dispose d’un budget annuel de 5 millions de dollars."),
    ("budget", "Quel est le budget annuel de l'OTSC ?", CSTO,
     "L’OTSC dépense chaque année environ 5 millions de dollars pour son secrétariat."),
    ("previous_time", "Before January 2022, when had Kazakhstan last declared a nationwide "
     "state of emergency?", EXTENDED,
     "Le 5 janvier 2022, Tokayev a étendu l’état d’urgence à l’ensemble du pays, une "
     "première depuis l’état d’urgence de 1986."),
    ("previous_time", "Avant janvier 2022, quand le Kazakhstan avait-il déclaré pour la "
     "dernière fois l'état d'urgence sur l'ensemble du territoire ?", EXTENDED,
     "Le 5 janvier 2022, Tokayev a étendu l’état d’urgence à l’ensemble du pays, ce que le "
     "pays avait déjà fait en 1986."),
    ("reason_not", "Why did Russian military officials not provide a precise list of the "
     "strategic installations the peacekeepers were to guard?", NO_LIST,
     "Les responsables militaires russes n’ont fourni aucune liste précise des « installations "
     "stratégiques » qui doivent être gardées par les soldats, pour des raisons de sécurité."),
    ("reason_not", "Pourquoi les responsables militaires russes n'ont-ils pas fourni de liste "
     "précise des installations stratégiques ?", NO_LIST,
     "Les responsables militaires russes n’ont fourni aucune liste précise des installations "
     "stratégiques, car les sites changent chaque jour."),
]


@pytest.mark.parametrize(("kind", "q", "lure", "told"), CASES)
def test_declined_over_the_rest_answered_where_told(kind: str, q: str, lure: str,
                                                    told: str) -> None:
    declined_then_answered(kind, q, lure, told)


def test_words_that_only_begin_like_a_particular() -> None:
    # "fermeté" is no "ferme" (a prison term), «grossiers» no English quotation
    assert not particular_told("penalty", DUMOULIN)
    assert not particular_told("original_english", "Moscou a dénoncé les commentaires "
                               "«grossiers» du secrétaire d’État américain Antony Blinken.")


def test_a_birth_told_as_written() -> None:
    # folded, "né" is the negation's "ne"
    assert not particular_told("birthplace", "Il ne sait pas où aller.")
    assert particular_told("birthplace", "NÉE À LYON, ELLE Y A GRANDI.")


@pytest.mark.parametrize("q", [
    "Where was the decree signed?",
    "How many people were born in 2021?",
    "When was Tokayev born?",  # (a date: the birth's year answers)
    "What penalty did the referee award in the final?",
    "What number of troops did Russia send?",
    "How is the CSTO funded?",
    "Who drafted the law?",
    "Which sentence of the decree was struck down?",
])
def test_questions_asking_none_of_them(q: str) -> None:
    assert particular_asked(q) not in ("birthplace", "act_number", "budget") or q.startswith(
        "What penalty")


@pytest.mark.parametrize("q", [
    "When was the last time Tokayev spoke before the address?",  # (no dated time before)
    "Before January 2022, who had last led the CSTO?",  # (no time asked)
    "When did the state of emergency last?",
])
def test_no_previous_time_asked(q: str) -> None:
    assert particular_asked(q) != "previous_time"


def test_an_earlier_year_is_read_against_the_question() -> None:
    q = "Before January 2022, when had Kazakhstan last declared a state of emergency?"
    reported = "Le 5 janvier 2022, Tokayev a déclaré l’état d’urgence à Almaty."
    assert not particular_told("previous_time", reported, q)  # (the time reported)
    assert not _answered(q, reported)
    assert particular_told("previous_time", reported.replace("2022", "2022 (1986 déjà)"), q)


def test_how_long_a_flight_was() -> None:
    q = "How long was the flight of the Tajik peacekeepers from Ayni air base to Kazakhstan?"
    info = analyse_question(q)
    assert "duration" in info.asks
    assert not holds_asked(info, AYNI)
    assert not _answered(q, AYNI)
    assert _answered(q, AYNI.replace("le 7 janvier", "le 7 janvier ; le vol a duré trois "
                                     "heures"))
    # "How long was the border?" is a length
    assert "duration" not in analyse_question("How long was the border with Russia?").asks
    # "depuis" a date, or a time, is still one
    assert holds_asked(info, "L'Internet est coupé depuis mercredi.")
    assert holds_asked(info, "Il est en poste depuis 2019.")


@pytest.mark.parametrize("q", ["Why did Russia send troops?", "Pourquoi Tokaïev a-t-il appelé "
                               "l'OTSC ?", "Why is the CSTO led in turn by each member?"])
def test_why_without_a_negation_asks_no_reason_not(q: str) -> None:
    assert particular_asked(q) != "reason_not"


@pytest.mark.parametrize("q", ["In what year did Almaty stop being Kazakhstan's capital?",
                               "En quelle année Almaty a-t-elle cessé d'être la capitale du "
                               "Kazakhstan ?"])
def test_the_year_something_stopped_needs_its_end(q: str) -> None:
    """t61_023/024: the riots' year is not the year Almaty stopped being the capital; a move,
    an end or the last year it held answers."""
    riots = ("Le début de l’année 2022 au Kazakhstan a été marqué par le déclenchement "
             "d’émeutes dans les rues d’Almaty.")
    assert analyse_question(q).occasion == "cessation"
    assert not _answered(q, riots)
    assert _answered(q, "En 1997, la capitale est transférée d’Almaty à Astana.")
    assert _answered(q, "Almaty fut la capitale du Kazakhstan jusqu’en 1997.")
