"""Misfires of c4cbc65's rules found by a diff review (helper, fifty-second session): ordinary
questions over a sentence that answers them, each answered before c4cbc65 and declined by it
until fixed; and the dateline pattern read in linear time. ("Quelle est la principale langue
parlée au Brésil ?" over "La langue officielle ..." stays declined: an official language is
no rank.)"""

from __future__ import annotations

import pytest

from rag.answering.event_dates import occasion_asked
from rag.answering.holds import _DATELINE
from tests.rag.answering.test_traps_study53 import _answered
from tests.rag.deadline import deadline


@pytest.mark.parametrize(("question", "text"), [
    # superlative "main/chief/primary" (question._SUPERLATIVE_ASKED; holds.SUPERLATIVE lacks them)
    ("What is the main export of Chile?", "Copper is Chile's main export."),
    ("What is the main ingredient of hummus?", "The main ingredient of hummus is chickpeas."),
    ("Who is the chief executive of Apple?", "Tim Cook is the chief executive of Apple."),
    ("Who won the primary election in Iowa?",
     "Barack Obama won the Democratic primary election in Iowa in 2008."),
    ("What are the main tributaries of the Loire?",
     "Its main tributaries are the Allier, the Cher, the Indre, the Vienne and the Maine."),
    ("Quels sont les principaux affluents de la Loire ?",
     "Les affluents de la Loire sont l'Allier, le Cher, l'Indre, la Vienne et la Maine."),
    # particulars "model"
    ("Which Boeing model crashed in Ethiopia in 2019?",
     "Ethiopian Airlines Flight 302, a Boeing 737 MAX 8, crashed shortly after takeoff in 2019."),
    ("Quel modèle de Renault a été élu voiture de l'année en 1991 ?",
     "La Renault Clio a été élue voiture de l'année en 1991."),
    ("Which BMW model won the race?", "The race was won by a BMW M3 driven by Roberto Ravaglia."),
    ("Which model of the Solar System did Copernicus propose?",
     "Copernicus proposed a heliocentric system in which the Sun, not the Earth, is at the "
     "centre."),
    # particulars "landing"
    ("Where did Columbus land in 1492?",
     "On 12 October 1492, Columbus reached an island in the Bahamas that he called San Salvador."),
    ("Where did the Allied troops land on D-Day?",
     "On 6 June 1944, Allied troops stormed the beaches of Normandy."),
    ("Where did the Apollo 13 capsule land?",
     "The Apollo 13 command module splashed down in the South Pacific Ocean on April 17, 1970."),
    ("Where did the government distribute land to veterans?",
     "Le gouvernement distribua des terres aux anciens combattants dans l'Ouest."),
    # particulars "prior_state"
    ("What was the speed limit before it was raised to 130 km/h?",
     "The speed limit, which had been 110 km/h, was raised to 130 km/h in 1974."),
    ("Quel était le taux de TVA avant qu'il soit relevé à 20 % ?",
     "Le taux normal de TVA, qui était de 19,6 %, a été relevé à 20 % en 2014."),
    ("What was the capital of Brazil before Brasília was expanded?",
     "Rio de Janeiro was the capital of Brazil until 1960."),
    # particulars "price_level" (levels.level_told)
    ("How much did the stadium cost?", "The stadium cost 1.2 billion euros."),
    ("How much did the stadium cost?", "Le stade a coûté 1,2 milliard d'euros."),
    ("How much did the painting cost?", "The painting sold for more than $450 million in 2017."),
    ("How much does a Big Mac cost in Switzerland?",
     "In Switzerland, a Big Mac costs 6.50 Swiss francs."),
    ("What did a gallon of gas cost after the hike?",
     "After the hike, a gallon of gas cost $3.50."),
    # cut_short ("after" asks no continuation of the cut words)
    ("What happened after the fall of the Berlin Wall?",
     "Then came the fall of the Berlin Wall... Germany was reunified on 3 October 1990, less "
     "than a year after the fall of the Berlin Wall."),
    # levels.changed_thing
    ("By how much did the economy grow last year?", "The economy grew by 3.1% in 2021."),
    ("By how much did the club increase its budget this season?",
     "Le club a augmenté son budget de 20 millions d'euros."),
    ("By how much did the central bank raise interest rates?",
     "La banque centrale a relevé son taux directeur de 0,5 point."),
    # presupposed.only_denied
    ("Combien de soldats la Russie a-t-elle envoyés au Kazakhstan ?",
     "La Russie n'a pas tardé à envoyer 3 000 parachutistes au Kazakhstan."),
    ("Which elements had Marie Curie discovered by 1898?",
     "By 1898 Marie Curie had not only discovered polonium but also radium."),
    # extractive._asked_by_sources
    ("Was Napoleon born in Corsica?",
     "Where was Napoleon born? He was born in Ajaccio, Corsica, in 1769."),
    ("Did Russia send troops to Kazakhstan?",
     "Pourquoi la Russie a-t-elle envoyé des troupes ? Moscou a déployé 3 000 parachutistes au "
     "Kazakhstan le 6 janvier."),
    # holds.without_first_only
    ("Quelle ville a interdit les trottinettes en libre-service ?",
     "Plusieurs grandes villes européennes, à commencer par Paris, ont interdit les trottinettes "
     "en libre-service."),
    ("In which city did the tour end?",
     "The tour visited twenty cities, starting with Paris and ending in Berlin."),
    # question._FIRST_ASKED third alternative
    ("Qui a remporté la première édition du Tour de France ?",
     "Maurice Garin remporte le Tour de France 1903."),
    # event_dates.occasion_asked / occasion_told
    ("Quand les troupes de l'OTSC ont-elles quitté le Kazakhstan ?",
     "Les dernières troupes de l'OTSC se sont retirées du Kazakhstan le 19 janvier 2022."),
    ("When did the transition period end?", "The transition ended on 31 December 2020."),
    ("When was the executive order signed?", "The order was signed on 20 January 2021."),
    ("Quand l'Allemagne a-t-elle arrêté le nucléaire ?",
     "L'Allemagne a fermé ses trois derniers réacteurs nucléaires le 15 avril 2023."),
    ("En quelle année la France ne faisait-elle plus partie du commandement intégré de l'OTAN ?",
     "En 1966, de Gaulle retire la France du commandement intégré de l'OTAN."),
    ("Quand la forme actuelle du drapeau a-t-elle été adoptée ?",
     "Le drapeau actuel du Kazakhstan a été adopté le 4 juin 1992."),
    ("When was Mandela arrested?", "Mandela was captured by police near Howick on 5 August 1962."),
    ("When was Louis XVI executed?", "Louis XVI est guillotiné le 21 janvier 1793."),
    ("Quand la Banque centrale européenne a-t-elle été créée ?",
     "La Banque centrale européenne a vu le jour le 1er juin 1998."),
    # question._MEASURE_ADJECTIVES ("elderly" as a noun)
    ("How many elderly died in the heatwave?",
     "The heatwave killed 15,000 elderly people in France in 2003."),
])
def test_answered(question: str, text: str) -> None:
    assert _answered(question, text)


def test_trap_occasion_read() -> None:
    assert occasion_asked("When did Napoleon die?") == "death"


def test_dateline_no_quadratic_backtracking() -> None:
    with deadline(1.0):
        for _ in range(50):
            assert _DATELINE.match("ALMATY," + " " * 8_000 + "x") is None
