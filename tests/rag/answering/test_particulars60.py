"""traps_study60's particulars: a street address, the slogans chanted, an honorific title, a
post's likes and retweets, an exchange rate, the charges someone is held on (t60_015/016,
031/032, 021/022, 007/008, 009/010, 025/026) and an official name
(traps_study58 t58_015/016), each declined over the sentence that tells the rest and answered
where a sentence tells it; a calendar date asked (t60_017), and answered by a date written
month first ("on January 7")."""

from __future__ import annotations

import pytest

from rag.answering.particulars import particular_asked
from rag.answering.question import analyse_question
from tests.rag.answering.particular_checks import declined_then_answered
from tests.rag.answering.test_traps_study53 import _answered

MISSION = ("La rencontre de lundi se déroule à la mission diplomatique des États-Unis à "
           "Genève.")
CROWDS = ("Les tentatives pour apaiser les foules en colère ont échoué et le rassemblement "
          "s’est rapidement transformé en une manifestation politique.")
NAZARBAYEV = ("Les protestations étaient alimentées par le ressentiment à l’égard de trois "
              "décennies de règne de l’ex-président Nursultan Nazarbayev, âgé de 81 ans.")
TWEET = ("Le 6 janvier, Süleyman Aksu a publié sur Twitter une vidéo des émeutes au "
         "Kazakhstan.")
LUGANO = ("Emilia Nazarenko note encore qu’une conférence sur les réformes concernant l’Ukraine "
          "se tiendra à Lugano, dans le sud de la Suisse, en juillet 2022.")
AID = ("Les États-Unis ont fourni une aide de 61 millions de dollars au Kazakhstan pendant les "
       "troubles.")

CASES = [
    ("address", "What is the street address of the US diplomatic mission in Geneva?", MISSION,
     MISSION.replace("à Genève", "à Genève, au 11 route de Pregny")),
    ("address", "Quelle est l'adresse de la mission diplomatique des États-Unis à Genève ?",
     MISSION, MISSION.replace("à Genève", "à Genève, rue de Pregny 11")),
    ("slogan", "What slogans did the protesters chant?", CROWDS,
     CROWDS.replace("politique", "politique aux cris de « Vieil homme, dégage ! »")),
    ("slogan", "Quels slogans les manifestants scandaient-ils ?", CROWDS,
     CROWDS.replace("politique", "politique où l’on scandait « Shal, ket ! »")),
    ("honorific", "What honorific title does Nursultan Nazarbayev hold?", NAZARBAYEV,
     NAZARBAYEV.replace("âgé de 81 ans", "âgé de 81 ans, qui porte le titre de « Elbasy »")),
    ("honorific", "Quel titre honorifique Noursoultan Nazarbaïev porte-t-il ?", NAZARBAYEV,
     NAZARBAYEV.replace("âgé de 81 ans", "âgé de 81 ans et titré « Leader de la nation »")),
    ("engagement", "How many retweets and likes did Süleyman Aksu's tweet get?", TWEET,
     TWEET.replace("émeutes au Kazakhstan", "émeutes au Kazakhstan, partagée 12 000 fois et "
                   "aimée par 30 000 likes")),
    ("engagement", "Combien de « j'aime » le tweet de Süleyman Aksu a-t-il obtenus ?", TWEET,
     TWEET.replace("émeutes au Kazakhstan", "émeutes au Kazakhstan, qui a recueilli 30 000 "
                   "j’aime")),
    ("exchange_rate", "How did the tenge's exchange rate react to the unrest?", AID,
     "Le tenge a perdu 5 % face au dollar pendant les troubles."),
    ("exchange_rate", "Comment le taux de change du tenge a-t-il réagi aux troubles ?", AID,
     "Pendant les troubles, la monnaie kazakhe a reculé de 5 % face au dollar."),
    ("official_name", "What is the official name of the conference on reforms in Ukraine to "
     "be held in Lugano?", LUGANO, LUGANO.replace("une conférence sur les réformes concernant "
                                                  "l’Ukraine", "la Conférence sur la reprise "
                                                  "de l’Ukraine (URC2022)")),
    ("official_name", "Quel est le nom officiel de la conférence sur les réformes concernant "
     "l'Ukraine prévue à Lugano ?", LUGANO, LUGANO.replace("une conférence", "une conférence, "
                                                           "intitulée « Ukraine Recovery "
                                                           "Conference »,")),
]


@pytest.mark.parametrize(("kind", "q", "lure", "told"), CASES)
def test_declined_over_the_rest_answered_where_told(kind: str, q: str, lure: str,
                                                    told: str) -> None:
    declined_then_answered(kind, q, lure, told)


@pytest.mark.parametrize("q", [
    "What is the web address of the ministry?",  # (a web address: "url")
    "Whom did Tokayev address on Wednesday?",
    "When was the CSTO founded?",
    "Who founded Eurasia Group?",  # (tried, withdrawn: "formed by", "brainchild of" ...)
    "What was Almaty called in Soviet times?",  # (withdrawn: "bore the name", "l'ex-...")
    "What charge will drivers pay to enter central London?",
    "What is the new committee charged with?",
    "Who called Tokayev on Saturday?",
    "Comment s'appelait le premier président du Kazakhstan ?",
    "How many people were detained?",
    "What was exchanged during the prisoner swap?",
    "Which city hosted the honour guard ceremony?",
])
def test_questions_asking_none_of_them(q: str) -> None:
    assert particular_asked(q) not in ("address", "founder", "slogan", "former_name",
                                       "honorific", "engagement", "exchange_rate")


DETAINED = "La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours d’émeutes."


def test_charges_asked_of_an_arrest() -> None:
    for q in ("What charges were brought against the 3,811 people detained by Kazakh police?",
              "De quels chefs d'accusation les 3 811 personnes détenues ont-elles été "
              "inculpées ?"):
        assert particular_asked(q) == "charges"
        assert not _answered(q, DETAINED)
        assert _answered(q, DETAINED.replace("au cours de", "pour participation à des troubles "
                                             "massifs au cours de"))
    # a charge given by the offence alone ("arrêté pour trahison") answers
    assert _answered("On what charge was Karim Massimov arrested?", "L’ancien chef du "
                     "renseignement Karim Massimov a été arrêté pour trahison.")


def test_a_calendar_date_asks_a_date() -> None:
    info = analyse_question("On what calendar date did the Orthodox Christmas mentioned by "
                            "Earl Rasmussen fall?")
    assert "date" in info.asks
    assert not _answered(info.text, "« Je trouve intéressant que les troubles semblaient "
                         "quelque peu coordonnés à travers le pays pendant la période de Noël "
                         "orthodoxe », a déclaré Earl Rasmussen.")
    # a date written month first is one (diff review 57)
    assert _answered(info.text, "Orthodox Christmas, which Earl Rasmussen mentioned, is "
                     "celebrated on January 7.")
    assert _answered("When did the protests start?", "The protests started on January 2, 2022 "
                     "in Zhanaozen.")
