"""Traps of evals/traps_study55.jsonl and the rest of traps_study54.jsonl (study sets): a
machine's model, where a flight landed, a state before it changed, a sentence cut short by an
ellipsis, a deed the sources deny, a dispatch's dateline or a news agency read as a town, a
price's change read as the price, a change asked of a thing no sentence names, a "main" one
asked of a list; and the ordinary questions and controls each rule leaves alone."""

from __future__ import annotations

import pytest

from rag.answering.cut_short import cut_before_asked
from rag.answering.holds import DISPATCH_ASKED, _city_candidates, without_dateline
from rag.answering.levels import LEVEL_ASKED, changed_thing, level_told, names_thing
from rag.answering.particulars import particular_asked, particular_told
from rag.answering.presupposed import deeds_asked, only_denied
from rag.answering.question import analyse_question


@pytest.mark.parametrize(("question", "kind"), [
    ("Which Antonov aircraft model carried the Russian paratroopers to Almaty?", "model"),
    ("What model of Antonov aircraft was used?", "model"),
    ("Quel modèle d'avion Antonov a transporté les parachutistes ?", "model"),
    ("Quel modèle d'Iliouchine a été vu ?", "model"),
    ("Où les militaires tadjiks partis de la base aérienne d’Ayni ont-ils atterri au "
     "Kazakhstan ?", "landing"),
    ("At which Kazakh city or airport did the Belarusian task force land?", "landing"),
    ("Before Tokayev extended it nationwide, in which regions was the state of emergency in "
     "force?", "prior_state"),
    ("Quel était le niveau d’alerte à Baïkonour avant qu’il soit porté au « bleu » ?",
     "prior_state"),
    ("According to Earl Rasmussen, what did a gallon of gas cost in Kazakhstan after the "
     "price controls were removed?", "price_level"),
    ("Selon Earl Rasmussen, combien coûtait un gallon de gaz au Kazakhstan ?", "price_level"),
])
def test_the_particular_is_read_from_the_question(question: str, kind: str) -> None:
    assert particular_asked(question) == kind


@pytest.mark.parametrize("question", [
    "Who created the Hazelden model?",
    "Qui a créé le modèle Hazelden ?",
    "Which economic model did Kazakhstan adopt?",
    "Quel modèle économique le pays a-t-il choisi ?",
    "What is Kazakhstan's land area?",
    "How long is the land border between Kazakhstan and Russia?",
    "What did Tokayev say before raising the alert?",
    "Qui avait saisi le principal aéroport avant que les militaires n'en reprennent le "
    "contrôle jeudi soir ?",
    "Selon Earl Rasmussen, de combien le prix du gallon de gaz a-t-il augmenté ?",
    "What was the price increase?",
])
def test_ordinary_questions_ask_none(question: str) -> None:
    assert particular_asked(question) == ""


@pytest.mark.parametrize(("kind", "text", "told"), [
    ("model", "Le suivi du trafic aérien montre des vols d’Antonov et d’Iliouchine russes.",
     False),
    ("model", "Des Il-76 russes ont atterri à Almaty.", True),
    ("landing", "Des militaires tadjiks partent pour le Kazakhstan depuis la base aérienne "
                "d’Ayni au Tadjikistan.", False),
    ("landing", "Ils auraient transporté des parachutistes qui ont été déployés à Almaty.",
     True),
    ("prior_state", "Tokayev a étendu mercredi l'état d'urgence à l’ensemble du pays.", False),
    ("prior_state", "L'état d'urgence, d'abord décrété à Almaty, a été étendu à tout le pays.",
     True),
    ("price_level", "... qui a entraîné une augmentation d’environ 1 $ par gallon de gaz.",
     False),
    ("price_level", "Le prix est passé de 60 à 120 tenges le litre.", True),
    ("price_level", "Le gallon coûte 3 $.", True),
])
def test_what_a_sentence_tells(kind: str, text: str, told: bool) -> None:
    assert particular_told(kind, text) is told


@pytest.mark.parametrize("question", [
    # (a model of no make named: blind44 b44_032 is answered by the makes, an aircraft)
    "Quels modèles d’appareils militaires russes ont été repérés par le suivi aérien ?",
    "What model of aircraft was used?",
])
def test_a_model_of_no_make_named_asks_the_aircraft(question: str) -> None:
    assert particular_asked(question) == "aircraft"


_CUT = ("Mais d’un point de vue logistique, il pourrait s’avérer très difficile de déplacer des "
        "forces russes importantes, quel que soit leur niveau, compte tenu d’autres facteurs…")
_TREATY = ("Aux termes de l’article 2 du Traité de sécurité collective : « En cas de menace "
           "pour la sécurité ... d’un ou plusieurs États membres… les États membres lancent "
           "immédiatement le mécanisme de consultations paritaires… »")


@pytest.mark.parametrize(("question", "text", "cut"), [
    ("Quels « autres facteurs » rendraient difficile le déplacement de forces russes "
     "importantes ?", _CUT, True),
    ("Under Article 2 of the Collective Security Treaty, what must member states do once "
     "they have launched the joint consultation mechanism?", _TREATY, True),
    ("Pourquoi serait-il difficile de déplacer des forces russes importantes ?", _CUT, False),
    ("Que prévoit l’article 2 du Traité de sécurité collective ?", _TREATY, False),
    ("Quels autres facteurs comptent ?", "Compte tenu d’autres facteurs, il part.", False),
    # (what the question asks is not what the cut words lead to: gold q022, PIAF)
    ("Quel article du Traité de sécurité collective prévoit le lancement du mécanisme de "
     "consultations paritaires ?", _TREATY, False),
    ("Sous quelle forme Ben Mor a-t-il abordé le tournage du clip auprès de MTV News ?",
     "J'ai hâte de tourner le clip de notre chanson…", False),
])
def test_a_sentence_cut_short_before_what_is_asked(question: str, text: str,
                                                   cut: bool) -> None:
    assert cut_before_asked(question, text) is cut


_PESKOV = ("Le rapport cite Peskov en disant que « le Kazakhstan n’avait pas demandé l’aide de "
           "la Russie pour faire face aux protestations »")


def test_a_deed_the_sources_deny_is_no_premise_to_answer() -> None:
    en = deeds_asked("According to Kremlin spokesman Dmitry Peskov, what help had Kazakhstan "
                     "requested from Russia?", "en")
    fr = deeds_asked("Selon Dmitri Peskov, quelle aide le Kazakhstan avait-il demandée à la "
                     "Russie ?", "fr")
    assert only_denied(en, [_PESKOV]) and only_denied(fr, [_PESKOV])
    # ... not where a source says it was done too, nor when the question asks the denial
    assert not only_denied(fr, [_PESKOV, "Tokayev a envoyé une demande formelle de "
                                         "déploiement de troupes."])
    assert not deeds_asked("What help had Kazakhstan not requested?", "en")


def test_a_dateline_and_an_agency_are_no_town() -> None:
    text = ("WASHINGTON (Sputnik) – Le financement a joué un rôle clé, a déclaré vendredi à "
            "Sputnik le vice-président exécutif d’Eurasia Group, Earl Rasmussen.")
    assert without_dateline(text).startswith("Le financement")
    assert without_dateline("Le président (Tokaïev) – a dit") == "Le président (Tokaïev) – a dit"
    assert _city_candidates(without_dateline(text)) == []
    assert _city_candidates("Il a déclaré à Reuters qu'il partait à Almaty.") == ["Almaty"]
    assert DISPATCH_ASKED.search("De quelle ville est datée la dépêche de Sputnik ?")
    assert not DISPATCH_ASKED.search("In which city is Eurasia Group based?")


def test_a_change_asked_of_a_thing_and_a_level_asked() -> None:
    en = changed_thing("By how much did the recipients of National Endowment for Democracy "
                       "funds raise young people's engagement in social processes?", "en")
    fr = changed_thing("De combien les bénéficiaires des fonds ont-ils augmenté l’engagement "
                       "des jeunes ?", "fr")
    assert en == fr == frozenset({"enga"})
    assert not names_thing(en, "Le National Endowment for Democracy a dépensé plus d’un "
                               "million de dollars au Kazakhstan en 2020.")
    assert names_thing(fr, "Ils se sont efforcés d’augmenter le niveau d’engagement des jeunes.")
    # a price's own rise asks no thing the sentence must name but the price
    assert changed_thing("De combien le prix du gallon a-t-il augmenté après la réforme ?",
                         "fr") == frozenset()
    assert LEVEL_ASKED.search("Quel était le prix du gaz ?")
    assert not level_told("une augmentation d’environ 1 $ par gallon de gaz")


def test_main_asked_ranks_its_noun() -> None:
    info = analyse_question("According to Earl Rasmussen, what was the main demand of the "
                            "opposition forces abroad?")
    assert info.superlative and info.superlative_of == ("demand",)
    info = analyse_question("Selon Earl Rasmussen, quelle était la principale revendication "
                            "des forces d’opposition à l’étranger ?")
    assert info.superlative and info.superlative_of == ("revendication",)


def _answered(question: str, text: str) -> bool:
    from tests.rag.answering.test_traps_study53 import _answered as answered
    return answered(question, text)


@pytest.mark.parametrize(("question", "lure", "answer"), [
    # a sentence cut short (t54_032)
    ("Quels « autres facteurs » rendraient difficile le déplacement de forces russes "
     "importantes ?", _CUT,
     "Le froid et la distance sont d’autres facteurs qui rendraient difficile le déplacement "
     "de forces russes importantes."),
    # a deed the source denies (t55_002)
    ("Selon Dmitri Peskov, quelle aide le Kazakhstan avait-il demandée à la Russie ?", _PESKOV,
     "Selon Dmitri Peskov, le Kazakhstan avait demandé à la Russie une aide militaire."),
    # the first to say it (t55_038)
    ("Quel responsable américain a été le premier à dire que le monde entier serait attentif "
     "aux violations des droits de l’homme ?",
     "« Le monde entier sera attentif à toute violation des droits de l’homme », a déclaré "
     "Jen Psaki, porte-parole de la Maison Blanche.",
     "Jen Psaki, porte-parole de la Maison Blanche, a été la première à dire que le monde "
     "entier serait attentif à toute violation des droits de l’homme."),
    # the sources ask it themselves (t55_004)
    ("Était-ce une coïncidence si les troubles ont semblé coordonnés à travers le pays "
     "pendant la période de Noël orthodoxe ?",
     "« Je trouve intéressant que les troubles semblaient quelque peu coordonnés à travers le "
     "pays pendant la période de Noël orthodoxe. Coïncidence ? Il faut se poser la question !",
     "Selon Rasmussen, les troubles semblaient coordonnés à travers le pays pendant la période "
     "de Noël orthodoxe, et ce n’était pas une coïncidence."),
    # "la principale revendication" of a list that ranks none (t55_036)
    ("Selon Earl Rasmussen, quelle était la principale revendication des forces "
     "d’opposition ?",
     "Les revendications des forces d’opposition incluent : la libération des prisonniers "
     "politiques ; la démission du président, a déclaré Earl Rasmussen.",
     "La principale revendication des forces d’opposition était la libération des prisonniers "
     "politiques, a déclaré Earl Rasmussen."),
    # a change of a thing no sentence names (t55_040)
    ("De combien les bénéficiaires des fonds du National Endowment for Democracy ont-ils "
     "augmenté l’engagement des jeunes ?",
     "Le National Endowment for Democracy a dépensé plus d’un million de dollars pour "
     "soutenir les bénéficiaires des fonds au Kazakhstan en 2020.",
     "Les bénéficiaires des fonds du National Endowment for Democracy ont augmenté "
     "l’engagement des jeunes de 20 %."),
    # a founding's year, for the date of an independence (t55_010)
    ("À quelle date le Kazakhstan a-t-il obtenu son indépendance de l’Union soviétique ?",
     "Le bloc de sécurité, composé de six anciens États soviétiques dont le Kazakhstan, a été "
     "formé le 15 mai 1992, à la suite de l’effondrement de l’Union soviétique.",
     "Le Kazakhstan a obtenu son indépendance de l’Union soviétique le 16 décembre 1991."),
    # the outgoing chair, for the first one (t54_022)
    ("Quel pays a exercé le premier la présidence tournante de l’OTSC ?",
     "Le président sortant du bloc, le Premier ministre arménien Nikol Pashinyan, a exercé "
     "la présidence tournante de l’OTSC pour l’Arménie.",
     "L’Arménie a été le premier pays à exercer la présidence tournante de l’OTSC."),
    # the first meeting's town, for the three rounds' (t54_026)
    ("Dans quelle ville se tiendront les trois séries d’entretiens entre Occidentaux et "
     "responsables russes ?",
     "Les Occidentaux doivent organiser trois séries d’entretiens avec des responsables "
     "russes, en commençant par une réunion à Genève.",
     "Les trois séries d’entretiens entre Occidentaux et responsables russes se tiendront à "
     "Genève."),
    # the cause asked given as the effect (t55_022)
    ("Pourquoi la démission du gouvernement kazakh a-t-elle fait monter les prix du "
     "carburant ?",
     "Les protestations, déclenchées par une augmentation du prix du carburant, ont provoqué "
     "la démission du gouvernement kazakh mercredi.",
     "La démission du gouvernement kazakh a fait monter les prix du carburant parce que les "
     "marchés ont paniqué."),
    # a make for a model (t54_037)
    ("Quel modèle d’avion Antonov a transporté les parachutistes russes ?",
     "Le suivi du trafic aérien montre des vols d’Antonov russes qui ont transporté les "
     "parachutistes russes.",
     "Des Antonov An-124 ont transporté les parachutistes russes."),
    # where they left from, for where they landed (t54_024)
    ("Où les militaires tadjiks partis de la base aérienne d’Ayni ont-ils atterri ?",
     "Des militaires tadjiks partent pour le Kazakhstan depuis la base aérienne d’Ayni au "
     "Tadjikistan.",
     "Les militaires tadjiks partis de la base aérienne d’Ayni ont atterri à Almaty."),
    # the change, for the state before it (t54_036)
    ("Quel était le niveau d’alerte à Baïkonour avant qu’il soit porté au « bleu » ?",
     "À Baïkonour, le niveau d’alerte a été porté à « bleu ».",
     "À Baïkonour, le niveau d’alerte, auparavant « vert », a été porté à « bleu »."),
    # a rise, for a price (t55_018)
    ("Selon Earl Rasmussen, combien coûtait un gallon de gaz au Kazakhstan ?",
     "Selon Earl Rasmussen, il y a eu au Kazakhstan une augmentation d’environ 1 $ par "
     "gallon de gaz.",
     "Selon Earl Rasmussen, un gallon de gaz coûtait 3 $ au Kazakhstan."),
    # a dispatch's dateline and an agency, for where a body is based (t55_028)
    ("In which city is Eurasia Group, the organisation Earl Rasmussen works for, based?",
     "WASHINGTON (Sputnik) – Le financement a joué un rôle clé, a déclaré à Sputnik le "
     "vice-président exécutif d’Eurasia Group, Earl Rasmussen.",
     "Le siège d’Eurasia Group se trouve à New York, a déclaré Earl Rasmussen."),
])
def test_each_trap_is_declined_and_its_control_answered(question: str, lure: str,
                                                        answer: str) -> None:
    assert not _answered(question, lure)
    assert _answered(question, answer)


@pytest.mark.parametrize(("question", "occasion"), [
    ("On what date did Kazakhstan gain its independence from the Soviet Union?",
     "independence"),
    ("When was the CSTO established?", "founding"),
    ("En quelle année sont fondés les départements français d’Algérie ?", "founding"),
    ("Quand Massimov a-t-il été arrêté ?", "arrest"),
    # (a death in a lead-in is not the date asked; to settle somewhere is no founding; a formal
    # request is nothing formed: diff review of this rule on the study sets)
    ("In the report on dozens of protesters killed and Russian troops arriving, on which day "
     "of the week did the fuel price rise take place?", ""),
    ("When did the federal institutions first establish themselves in Berlin?", ""),
    ("When did Tokayev send a formal request?", ""),
])
def test_the_occasion_a_date_is_asked_of(question: str, occasion: str) -> None:
    from rag.answering.event_dates import occasion_asked
    assert occasion_asked(question) == occasion


def test_an_occasion_is_told_in_other_words() -> None:
    from rag.answering.event_dates import occasion_told
    assert occasion_told("founding", "En 1848, les trois provinces d'Algérie deviennent les "
                                     "départements français d'Algérie.")
    assert occasion_told("birth", "À la suite de la création de la Ligue du Nord en 1919, ...")
    assert occasion_told("death", "Edward Dickinson Baker (24 février 1811 - 21 octobre 1861)")
    assert not occasion_told("independence", "Le bloc a été formé en 1992.")


def test_a_multiple_asked_by_how_much_is_no_sum_of_money() -> None:
    """"Par combien le prix du gaz liquéfié a-t-il été multiplié ...?" (control t55_046) was
    read as a price asked, and "une multiplication par deux du prix" gave no money."""
    info = analyse_question("Par combien le prix du gaz liquéfié a-t-il été multiplié au "
                            "Kazakhstan au début de l’année 2022 ?")
    assert "factor" in info.asks and "number" not in info.asks
    assert _answered("Par combien le prix du gaz liquéfié a-t-il été multiplié au Kazakhstan ?",
                     "Les émeutes ont été causées par une multiplication par deux du prix du gaz "
                     "liquéfié au Kazakhstan.")


def test_an_office_named_for_another_in_a_post() -> None:
    """A claim naming another office after "ses fonctions de" than its sentence does
    (blind_pairs43 v43_022: "ministre de la Défense" for "chef du Comité national de
    sécurité") is not supported; the same office in other words is."""
    from rag.answering.titles import office_swapped
    passage = ("Massimov a été arrêté pour trahison après avoir été démis de ses fonctions de "
               "chef du Comité national de sécurité (KNB).")
    assert office_swapped("Massimov a été démis de ses fonctions de ministre de la Défense.",
                          passage)
    assert not office_swapped("Massimov was removed from his post as head of the KNB.", passage)
    assert not office_swapped("Massimov a été arrêté pour trahison.", passage)
