"""Traps of evals/traps_study49.jsonl and blind46 (a study set): what each question asks, and
the sentence that does not hold it."""

from __future__ import annotations

import pytest

from rag.answering.evidence import gather_evidence
from rag.answering.holds import _holds_kind, _in_other_units
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit

CORNERS = ("Le programme American Corners a été annoncé par le département d’État américain "
           "en 2021 dans les dix plus grandes villes du Kazakhstan, dont Almaty, Pavlodar, "
           "Aktobe, Nur-Sultan et Karaganda.")


def _kinds(question: str, text: str) -> list[bool]:
    ev = gather_evidence(question, [Hit(Chunk("d0", 0, text, 0, len(text), "OTSC"), 1.0)],
                         None, None, lambda term: 1.0, "french")
    return [s.kind for s in ev.sentences]


@pytest.mark.parametrize(("focus", "held"), [
    # t49_019: every city listed is one the question sets aside ("Apart from ..."); the
    # "d'État" of the State Department was read as a city ("de" + a capital)
    (("almaty", "pavlodar", "aktobe", "nur", "sultan", "karaganda"), False),
    # ... and a list of cities names them (dev_en den030, blind26 b26_003 answer from it)
    (("almaty", "nur", "sultan"), True),
])
def test_cities_listed_after_dont_are_cities(focus: tuple[str, ...], held: bool) -> None:
    assert _holds_kind("city", CORNERS, focus) is held


def test_internet_names_no_one() -> None:
    """t49_035: "Who ordered the internet shutdown?" is not answered by "des pannes
    d'Internet"."""
    assert not _holds_kind("person", "Des pillages ont été signalés dans un contexte de pannes "
                                     "d’Internet persistantes au niveau national.", ())
    assert _holds_kind("person", "Les pannes d’Internet ont été ordonnées par Tokaïev.", ())


@pytest.mark.parametrize(("question", "role"), [
    # t49_008: the possessor's title is not the role asked
    ("What is the name of President Tokayev's spokesman?", "spokes"),
    ("Who is the Kremlin's spokesman?", "spokes"),
    ("Who is Kazakhstan's president?", "presid"),
    # ... nor a thing someone owns a role ("Dupont's army"): the general is asked
    ("Which Spanish general defeated Dupont's army at Bailén?", "genera"),
])
def test_the_role_after_a_possessive_is_asked(question: str, role: str) -> None:
    info = analyse_question(question)
    assert role in info.role and ("presid" in info.role) is (role == "presid")


@pytest.mark.parametrize(("question", "asks"), [
    ("Quelle est la population du Kazakhstan ?", "number"),  # t49_047
    ("What is the population of Almaty?", "number"),
    ("Quelle unité de parachutistes russes a été déployée à Almaty ?", "unit"),  # b46_035
    ("Which airborne unit was sent to Almaty?", "unit"),
])
def test_what_a_question_asks(question: str, asks: str) -> None:
    assert asks in analyse_question(question).asks


def test_a_unit_of_measure_is_no_military_unit() -> None:
    assert "unit" not in analyse_question("Quelle unité de mesure utilise-t-on ?").asks


@pytest.mark.parametrize(("text", "held"), [
    ("Ils auraient transporté des parachutistes qui ont été déployés à Almaty.", False),
    ("La 45e brigade de la garde a été déployée à Almaty.", True),
    ("Elements of the 76th Guards Air Assault Division landed in Almaty.", True),
    ("Le régiment Preobrajensky a été envoyé.", True),
])
def test_a_unit_asked_is_named(text: str, held: bool) -> None:
    assert _holds_kind("unit", text, ("almaty",)) is held


def test_a_population_asked_is_a_figure() -> None:
    """t49_047: "une importante population ethnique russe" gives no population."""
    question = "Quelle est la population du Kazakhstan ?"
    assert _kinds(question, "Le Kazakhstan a une importante population ethnique russe.") \
        == [False]
    assert _kinds(question, "Le Kazakhstan compte 19 millions d'habitants.") == [True]


@pytest.mark.parametrize(("text", "held"), [
    # t49_028: who arrived first is not who arrived last
    ("Des soldats russes ont été les premiers à arriver au Kazakhstan jeudi.", False),
    ("Les soldats arméniens ont été les derniers à arriver au Kazakhstan.", True),
    ("La Biélorussie a déployé un groupe vendredi, en dernier.", True),
    # ... nor does a sentence that tells no order ("dont la Russie et le Belarus")
    ("Tokayev a demandé à l'OTSC, qui regroupe six pays dont la Russie et le Belarus, une "
     "aide militaire.", False),
    ("Les Arméniens sont arrivés ensuite au Kazakhstan.", True),
])
def test_the_last_asked_is_not_the_first(text: str, held: bool) -> None:
    assert _kinds("Quel pays de l'OTSC a été le dernier à faire arriver ses troupes au "
                  "Kazakhstan ?", text) == [held]


@pytest.mark.parametrize(("text", "held"), [
    # t49_045: a yes/no comparison of two places is answered by a sentence naming both
    ("Les habitants de Zhanaozen et d'Aktau s'opposaient à la hausse des prix ; des dizaines "
     "de personnes ont été tuées.", False),
    ("Des dizaines de personnes ont été tuées à Almaty, moins à Zhanaozen.", True),
])
def test_a_comparison_asked_names_both_sides(text: str, held: bool) -> None:
    assert _kinds("Were more people killed in Almaty than in Zhanaozen?", text) == [held]


def test_a_count_is_not_a_size_in_nanometres() -> None:
    """piaf_traps3 pt3_039: "Combien de genres ...?" is not answered by a size range (the
    range's first figure takes the unit of its end)."""
    size = ("Les Picornaviridae regroupent les plus petits virus connus, la taille de ces virus "
            "varie entre 18 et 30 nanomètres.")
    assert _in_other_units(("genre",), size)
    assert not _in_other_units(("genre",), "La famille compte 12 genres de 30 nanomètres.")
    assert not _in_other_units(("nanom",), size)


def test_a_question_asking_which_one_compares_nothing_it_must_name() -> None:
    """PIAF p140295203635992: "Quel club italien a remporté plus de titres que l'Inter ?"
    asks for the club; the sentence naming it need not name the Inter."""
    assert _kinds("Quel club italien a remporté plus de titres que le FC Internazionale "
                  "Milano ?", "La Juventus est le club le plus titré d'Italie.") == [True]


@pytest.mark.parametrize(("question", "text", "held"), [
    # t49_026: why someone declined is not told by a sentence where they sent troops
    ("Why did Kyrgyzstan decline to send troops to Kazakhstan?",
     "L'Arménie, le Kirghizstan et le Tadjikistan ont envoyé entre 100 et 200 personnes "
     "chacun.", False),
    ("Why did Kyrgyzstan decline to send troops to Kazakhstan?",
     "Le Kirghizstan a refusé d'envoyer des troupes au Kazakhstan faute de moyens.", True),
    # (PIAF: what one would not do tells a refusal: "ne désirant pas se séparer ...")
    ("Pourquoi Du Bosc refuse de quitter Caen ?",
     "Du Bosc resta à Caen, ne désirant pas se séparer d'un troupeau qu'il affectionnait.",
     True),
])
def test_a_refusal_asked_is_told(question: str, text: str, held: bool) -> None:
    assert _kinds(question, text) == [held]


# Diff review 46: what the rules above must leave alone

@pytest.mark.parametrize("question", [
    "Quelle était la population visée par les mesures ?",
    "What was the population's reaction to the price hike?"])
def test_a_population_that_is_no_count(question: str) -> None:
    assert "number" not in analyse_question(question).asks


@pytest.mark.parametrize(("question", "role"), [
    ("Who was president when Kazakhstan's prime minister resigned?", "presid"),
    ("Which minister criticised the president's spokesman?", "minist"),
])
def test_a_possessive_later_in_the_question_is_not_the_role(question: str, role: str) -> None:
    assert role in analyse_question(question).role


@pytest.mark.parametrize(("question", "text"), [
    # a question word before the inversion asks for one: no yes/no comparison
    ("Parmi ces pays, lequel a-t-il envoyé plus de soldats que le Tadjikistan ?",
     "L'Arménie a envoyé 200 soldats au Kazakhstan."),
    # "plus tard ... que" compares nothing
    ("Tokaïev a-t-il plus tard déclaré que la Russie partirait ?",
     "Tokaïev a ensuite annoncé le retrait des troupes."),
    # "the last decade to date" asks no last one
    ("Which country was hit hardest in the last decade to date?",
     "Kazakhstan was the first country hit by the crisis."),
    # a reason given for a refusal tells it
    ("Why did Kyrgyzstan decline to send troops to Kazakhstan?",
     "Kyrgyzstan cited a border dispute with Tajikistan as the reason, a spokesman said."),
    ("Pourquoi le Parlement a-t-il rejeté la loi ?",
     "Le Parlement jugeait la loi trop coûteuse pour le budget."),
])
def test_rules_that_do_not_apply(question: str, text: str) -> None:
    assert _kinds(question, text) == [True]


def test_an_ordinal_far_from_a_unit_names_none() -> None:
    assert not _holds_kind("unit", "For the second time the army intervened in Almaty.", ())


@pytest.mark.parametrize(("question", "measure"), [
    # t49_017 (a control): the acronym is counted, not the nationality after it
    ("Selon Rasmussen, combien d'ONG britanniques sont présentes au Kazakhstan ?", ("ong",)),
    ("How many CSTO troops were sent?", "troop"),
])
def test_what_a_count_counts(question: str, measure: tuple[str, ...] | str) -> None:
    got = analyse_question(question).measure
    assert got == measure if isinstance(measure, tuple) else measure in got
