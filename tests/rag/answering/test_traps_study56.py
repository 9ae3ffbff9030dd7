"""Trap kinds of traps_study56 (fifty-third session): a day that dates the report, not the
event (reported.only_report_dated); words said only as foreseen (reported.only_foreseen); a
duration still running asked in full (durations.only_elapsed); a year after every year the
sources name (evidence._after_the_sources). Each trap over its lure is declined, the control
over the same lure (or a sentence that answers) is answered."""

from __future__ import annotations

import pytest

from rag.answering.durations import only_elapsed
from rag.answering.evidence import _after_the_sources
from rag.answering.reported import only_foreseen, only_report_dated
from rag.retrieval import Hit
from rag.store import Chunk
from tests.rag.answering.test_traps_study53 import _answered

CALL = ("Le président russe Vladimir Poutine et son homologue kazakh Kassym-Jomart Tokaïev ont "
        "eu une « longue » conversation téléphonique afin de discuter de la situation de crise "
        "au Kazakhstan, a annoncé samedi le Kremlin dans un communiqué.")
SHUTDOWN = "L’Internet est bloqué dans tout le pays depuis au moins une journée entière."
PRESIDENCY = ("Toutefois, l’Arménie, qui assure actuellement la présidence de l’OTSC depuis "
              "2022, a confirmé ce matin sa participation à cette opération.")
FORECAST = ("Mais il est probable que nous allons entendre les principaux réseaux américains se "
            "déchaîner en alléguant une Russie « expansionniste ».")


@pytest.mark.parametrize(("question", "lure"), [
    ("On what day did Putin and Tokayev have their long phone conversation about the crisis?",
     CALL),
    ("Quel jour Vladimir Poutine et Kassym-Jomart Tokaïev ont-ils eu leur longue conversation "
     "téléphonique sur la crise ?", CALL),
    ("How long did Kazakhstan's nationwide internet shutdown last in total?", SHUTDOWN),
    ("Combien de temps a duré au total la coupure d’Internet dans tout le Kazakhstan ?",
     SHUTDOWN),
    ("Which country held the CSTO's rotating presidency in 2023?", PRESIDENCY),
    ("Quel pays assurait la présidence tournante de l’OTSC en 2023 ?", PRESIDENCY),
    ("Qu’ont dit les grands réseaux américains sur la Russie ?", FORECAST),
    ("What measures did Putin propose to Tokayev during their phone call?",
     "Lors de leur entretien téléphonique, Poutine et Tokaïev ont échangé leurs points de vue "
     "sur les mesures prises."),
    ("Quelles mesures Vladimir Poutine a-t-il proposées à Tokaïev lors de leur entretien ?",
     "Lors de leur entretien, Vladimir Poutine et Tokaïev ont échangé leurs points de vue sur "
     "les mesures prises."),
    ("In which speech did Tokayev announce his double message to the protesters?",
     "Tokaïev a décidé d’envoyer un double message aux manifestants, poursuit Marie Dumoulin."),
])
def test_trap_declined(question: str, lure: str) -> None:
    assert not _answered(question, lure)


@pytest.mark.parametrize(("question", "text"), [
    ("Quel jour le Kremlin a-t-il annoncé la conversation téléphonique entre Poutine et "
     "Tokaïev ?", CALL),
    ("On what day did Putin and Tokayev talk on the phone?",
     "Vladimir Poutine et Kassym-Jomart Tokaïev ont eu vendredi une conversation téléphonique, "
     "a annoncé samedi le Kremlin."),
    ("Depuis combien de temps le réseau mobile est-il coupé à Almaty ?",
     "Le réseau mobile est coupé à Almaty depuis trois jours."),
    ("How long did the siege of Leningrad last?", "The siege of Leningrad lasted 872 days."),
    ("Quel pays assurait la présidence tournante de l’OTSC en 2022 ?", PRESIDENCY),
    ("Qu’ont dit les grands réseaux américains sur la Russie ?",
     "Les principaux réseaux américains ont dénoncé une Russie « expansionniste »."),
    ("What measures did Putin propose to Tokayev during their phone call?",
     "Lors de leur entretien téléphonique, Poutine a proposé à Tokaïev l’envoi de "
     "parachutistes."),
    ("In which speech did Tokayev announce his double message to the protesters?",
     "Lors d’une allocution télévisée, Tokaïev a annoncé un double message aux manifestants."),
])
def test_control_answered(question: str, text: str) -> None:
    assert _answered(question, text)


def test_report_day_read() -> None:
    assert only_report_dated("When did they talk?", "They talked, the Kremlin said on Saturday.")
    assert not only_report_dated("When did they talk?",
                                 "They talked on Friday, the Kremlin said on Saturday.")
    assert not only_report_dated("When did the Kremlin announce it?", CALL)


def test_elapsed_read() -> None:
    assert only_elapsed("How long did the blackout last?",
                        ["Power has been out for the past three days."])
    assert not only_elapsed("How long did the blackout last?", ["The blackout lasted two days."])
    assert not only_elapsed("How long has power been out?",
                            ["Power has been out for the past three days."])


def test_foreseen_read() -> None:
    assert only_foreseen("What did the networks say?", FORECAST)
    assert not only_foreseen("What will the networks say?", FORECAST)


def test_a_year_after_the_sources() -> None:
    hits = [Hit(Chunk("d0", 0, PRESIDENCY, 0, len(PRESIDENCY), "Kazakhstan 2022"), 1.0)]
    assert _after_the_sources("Who held the presidency in 2023?", hits)
    assert not _after_the_sources("Who held the presidency in 2022?", hits)
    assert not _after_the_sources("Who held the presidency?", hits)
    bare = [Hit(Chunk("d0", 0, "Arménie.", 0, 8, "Kazakhstan"), 1.0)]
    assert not _after_the_sources("Who held the presidency in 2023?", bare)  # no year said
    since = "Kassym-Jomart Tokayev has been president of Kazakhstan since 2019."
    held = [Hit(Chunk("d0", 0, since, 0, len(since), "Kazakhstan"), 1.0)]
    assert not _after_the_sources("Who was Kazakhstan's president in 2021?", held)
