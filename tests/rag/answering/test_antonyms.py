"""Opposites put in place of the source's word, read without a model."""

from __future__ import annotations

import pytest

from rag.answering.antonyms import contradicts, nation_contradicted, presence_denied
from rag.answering.verify import Verifier
from tests.cpu import cpu_spent
from tests.rag.answering.test_verify import one

AIRPORT = ("Jeudi soir, les militaires avaient repris le contrôle du principal aéroport, saisi "
           "plus tôt par les manifestants.")


def test_an_opposite_in_either_language_contradicts() -> None:
    assert contradicts("Jeudi soir, les militaires avaient perdu le contrôle de l’aéroport.",
                       AIRPORT)
    assert contradicts("On Thursday evening the military had lost control of the airport.",
                       AIRPORT)
    assert contradicts("Tokayev described the threat as loosely organised.",
                       "une « menace terroriste » hautement organisée")
    assert contradicts("Les prix du gaz ont baissé.", "une forte hausse des prix du gaz")


def test_a_word_negated_by_non_apart_is_its_opposite() -> None:
    """ "selon des données non officielles" is no official data (blind_pairs17 v18_034)."""
    said = "à en juger par certaines données non officielles, environ 1 500 militaires"
    assert contradicts("D'après des données officielles, environ 1 500 militaires.", said)
    assert contradicts("According to official data, about 1,500 soldiers.", said)
    assert not contradicts("Selon des données non officielles, 1 500 militaires.", said)
    # ... "non" that ends a clause negates nothing after it (closing review L10)
    assert not contradicts("Le pays a voté non, officiellement.",
                           "Le pays a voté, officiellement, contre la résolution.")


def test_going_on_is_not_stopped() -> None:
    """ "the fighting had stopped" over "les combats se poursuivaient" (v18_018)."""
    said = "mais les combats se poursuivaient sur la place principale d’Almaty"
    assert contradicts("Reuters reported that the fighting on the main square had stopped.",
                       said)
    assert contradicts("Les combats avaient cessé sur la place principale.", said)
    assert not contradicts("The fighting on the main square continued.", said)
    # a truce and "sans cesse" are no stop; "ont continué" goes on (closing review M2)
    assert not contradicts("Clashes continued in Almaty despite the ceasefire.",
                           "Les affrontements ont continué à Almaty malgré le cessez-le-feu.")
    assert not contradicts("Shooting continued in Almaty.",
                           "Des tirs retentissaient sans cesse à Almaty.")


def test_the_same_side_or_a_sentence_saying_both_does_not() -> None:
    assert not contradicts("The military had regained control of the airport.", AIRPORT)
    assert not contradicts("Les prix ont augmenté puis baissé.",
                           "Les prix ont connu une hausse, puis une baisse.")
    assert not contradicts("Russia sent 3,000 troops.", "La Russie a envoyé 3 000 personnes.")


@pytest.mark.parametrize(("claim", "sentence"), [
    # outgoing / incoming
    ("Late on Wednesday, the bloc's incoming chair, Nikol Pashinyan, confirmed help.",
     "Tard mercredi, le président sortant du bloc, Nikol Pashinyan, a confirmé l’aide."),
    # former / sitting
    ("Karim Massimov, the sitting prime minister, was arrested for treason.",
     "Karim Massimov, ancien Premier ministre, a été arrêté pour trahison."),
    # halving / doubling
    ("The riots were caused by a halving of liquefied gas prices.",
     "Des émeutes causées par une multiplication par deux du prix du gaz liquéfié."),
    # the start / the end of a period
    ("Tokayev sacked the government at the end of the week.",
     "Tokayev a limogé le gouvernement en début de semaine."),
    # introduced / removed
    ("The protests began when the authorities introduced a cap on petrol prices.",
     "Les manifestations ont commencé lorsque les autorités ont supprimé le plafonnement du "
     "prix de l’essence."),
])
def test_opposites_of_office_period_and_measures(claim: str, sentence: str) -> None:
    """blind_pairs6: translations that put the opposite word in (cosine 0.88-0.93)."""
    assert contradicts(claim, sentence)


@pytest.mark.parametrize(("claim", "sentence"), [
    ("Pashinyan, the bloc's outgoing chair, confirmed help.",
     "Tard mercredi, le président sortant du bloc, Nikol Pashinyan, a confirmé l’aide."),
    ("Karim Massimov, a former prime minister, was arrested.",
     "Karim Massimov, ancien Premier ministre, a été arrêté pour trahison."),
    ("Gas prices doubled.", "Une multiplication par deux du prix du gaz."),
    ("Tokayev sacked the government early in the week.",
     "Tokayev a limogé le gouvernement en début de semaine."),
    ("The authorities scrapped the price cap.",
     "Les autorités ont supprimé le plafonnement du prix de l’essence."),
])
def test_the_same_side_in_the_other_language_does_not(claim: str, sentence: str) -> None:
    assert not contradicts(claim, sentence)


@pytest.mark.parametrize(("claim", "sentence"), [
    ("Kazakhstan, the smallest country in Central Asia, has been rocked by protests.",
     "Le Kazakhstan, plus grand pays d’Asie centrale, est ébranlé par une contestation."),
    ("Les villes ont connu leurs troubles les plus légers depuis l’indépendance.",
     "Les villes ont connu les pires troubles de rue depuis l’indépendance."),
    ("Le risque d’attaque du cosmodrome est jugé très faible.",
     "Le risque d’attaque du cosmodrome est vraiment très élevé."),
    ("Three explosions were heard on Friday in the southern part of Almaty.",
     "Trois explosions ont été entendues vendredi dans la partie nord d’Almaty."),
])
def test_superlatives_degrees_and_directions(claim: str, sentence: str) -> None:
    assert contradicts(claim, sentence)


@pytest.mark.parametrize(("claim", "sentence"), [
    ("Kazakhstan is the largest country in Central Asia.",
     "Le Kazakhstan, plus grand pays d’Asie centrale."),
    ("Explosions were heard in northern Almaty.", "Des explosions dans le nord d’Almaty."),
    ("The risk was judged high.", "Le risque est très élevé."),
])
def test_the_same_degree_or_direction_does_not(claim: str, sentence: str) -> None:
    assert not contradicts(claim, sentence)


def test_review_16_pupils_and_breeders_are_no_degree() -> None:
    assert not contradicts("Les élèves ont manifesté contre une faible hausse.",
                           "Les éleveurs ont manifesté contre une faible hausse.")
    assert not contradicts("The risk was judged very low by the high school.",
                           "Le risque a été jugé très faible.")


@pytest.mark.parametrize(("claim", "sentence"), [
    # confirmed / reported as unconfirmed
    ("Il est désormais confirmé que l’aéroport d’Almaty a été pris d’assaut.",
     "Selon des informations antérieures non confirmées, l’aéroport d’Almaty aurait été pris "
     "d’assaut par les émeutiers."),
    ("Officials confirmed that the airport had been stormed.",
     "L’information n’a pas été confirmée : l’aéroport aurait été pris d’assaut."),
    # for good / in turn
    ("The bloc is permanently chaired by the Russian president.",
     "Le bloc est présidé à tour de rôle par le chef de chaque pays membre."),
    # one of several / a first
    ("L’OTSC était déjà intervenue militairement à plusieurs reprises avant cette opération.",
     "Il s’agit de sa première action militaire, a rapporté AP."),
    # the blind_pairs studied before: strong / muted, in line with / against, a word / the
    # same word negated by its prefix
    ("So far, Washington has reacted strongly to the events in Kazakhstan.",
     "Jusqu’à présent, Washington a peu réagi à l’évolution rapide des événements."),
    ("Le diplomate a estimé que l'élargissement de l'OTAN respecte le principe de sécurité.",
     "Le diplomate a ajouté que « l’expansion de l’OTAN est contraire au principe »."),
    ("Le ministère a jugé illégitime la décision d’envoyer des soldats de la paix.",
     "Le ministère a qualifié la décision d’envoyer des soldats de la paix d’absolument "
     "légitime."),
])
def test_a_claim_firmer_or_more_often_than_its_source_contradicts(claim: str,
                                                                  sentence: str) -> None:
    """blind_pairs11: confirmed over unconfirmed, permanent over rotating, repeated over a
    first."""
    assert contradicts(claim, sentence)


def test_a_confirmation_the_source_also_gives_does_not_contradict() -> None:
    assert not contradicts("The ministry confirmed that the airport was stormed.",
                           "Le ministère a confirmé que l’aéroport avait été pris d’assaut.")
    assert not contradicts("Unconfirmed reports said the airport was stormed.",
                           "Selon des informations non confirmées, l’aéroport aurait été pris.")
    assert not contradicts("It is the bloc's first military action.",
                           "Il s’agit de sa première action militaire.")


def test_a_claim_saying_both_sides_puts_neither_in_place() -> None:
    """"dismissed the government and kept the curfew" says both: its sentence saying one is
    no contradiction."""
    assert not contradicts("Tokayev dismissed the government but kept the curfew.",
                           "Tokayev a limogé le gouvernement.")
    assert not contradicts("La décision est illégitime.", "Le ministère juge la décision "
                           "illégitime.")


@pytest.mark.parametrize(("claim", "sentence"), [
    # closing review M2/M3: a hedge is weaker than the source, not its opposite; "could not be
    # confirmed" and "cannot confirm" say unconfirmed
    ("164 people were reportedly killed, according to the Interior Ministry.",
     "Le ministère de l'Intérieur a confirmé la mort de 164 personnes."),
    ("Reports that Nazarbayev had left the country could not be confirmed.",
     "Des rumeurs font état du départ de Nazarbaïev, qui n'ont pas été confirmées."),
    ("There was no official confirmation of the death toll.",
     "Selon des informations non confirmées, le bilan dépasse 200 morts."),
    # M10, M14: "au contraire" is no "contrary to"; "possibly" no "possible", "direction" no
    # "direct", a turning point no rotation
    ("The deployment is consistent with the treaty.",
     "Au contraire, le déploiement se fait dans le cadre du traité."),
    ("It is possibly the largest protest.", "Il est impossible de vérifier ces chiffres."),
    ("Ce fut un tournant permanent pour le pays.", "Un tournant pour le pays, selon l'expert."),
])
def test_closing_review_misfires_are_mended(claim: str, sentence: str) -> None:
    assert not contradicts(claim, sentence)


def test_the_unconfirmed_reading_takes_linear_time() -> None:
    """Closing review M16: nested repeats backtracked exponentially on "not been yet ..."."""
    contradicts("warm", "up")
    with cpu_spent() as spent:
        contradicts("not" + " been yet" * 40 + " x", "confirmé")
    assert spent.seconds < 0.1


@pytest.mark.parametrize(("claim", "sentence"), [
    # blind_pairs12: there or not there, after an elided article too
    ("Les allégations restent spéculatives, malgré la présence de nombreux correspondants "
     "internationaux sur le terrain.", "Les allégations restent hautement spéculatives, compte "
     "tenu de l’absence de correspondants internationaux sur le terrain."),
    ("The bloc takes its decisions by majority vote.",
     "Il prend des décisions sur une base consensuelle."),
])
def test_presence_and_majority_against_their_opposites(claim: str, sentence: str) -> None:
    assert contradicts(claim, sentence)
    assert not contradicts(sentence, sentence)


def test_the_opposite_beside_the_evidence_sentence(verifier: Verifier) -> None:
    passage = ("Le bloc a son siège à Moscou, mais est présidé à tour de rôle par le chef de "
               "chaque pays membre. Il prend des décisions sur une base consensuelle.")
    ok, why = one(verifier, "The bloc, headquartered in Moscow, is chaired in rotation by the "
                            "leader of each member state and takes its decisions by majority "
                            "vote [1].", passage)
    assert not ok and why == "antonym"
    assert one(verifier, "The bloc, headquartered in Moscow, is chaired in rotation by the "
                         "leader of each member state [1].", passage)[0]


def test_a_presence_denied_is_an_absence() -> None:
    """blind_pairs7 v8_008: "aucun correspondant n'était présent" is the sentence's absence."""
    assert not contradicts("Les accusations restent spéculatives, d’autant qu’aucun "
                           "correspondant international n’était présent sur place.",
                           "Les allégations restent spéculatives, compte tenu de l’absence de "
                           "correspondants internationaux sur le terrain.")


def test_midweek_is_not_the_weekend() -> None:
    """blind_pairs21 v21_033: "en milieu de semaine" over "au cours du week-end"."""
    said = "Les manifestations ont commencé au cours du week-end, déclenchées par la hausse."
    assert contradicts("C'est en milieu de semaine que les manifestations ont démarré.", said)
    assert contradicts("The protests began midweek.", said)
    assert not contradicts("Les manifestations ont commencé pendant le week-end.", said)


def test_a_political_capital_is_not_an_economic_one() -> None:
    """blind_pairs22 v22_010: "Almaty, la capitale politique" over "la capitale économique"."""
    said = "La contestation s'est étendue à de grandes villes, notamment Almaty, la capitale " \
           "économique du pays."
    assert contradicts("La contestation a gagné Almaty, la capitale politique.", said)
    assert contradicts("Protests spread to Almaty, the political capital.", said)
    assert not contradicts("Protests spread to Almaty, the country's economic capital.", said)


def test_the_early_hours_are_not_the_evening() -> None:
    """blind_pairs29 v29_014: "dans la soirée de jeudi" over "Aux premières heures de jeudi"."""
    early = ("Aux premières heures de jeudi (heure locale), le bloc a approuvé la mission de "
             "maintien de la paix.")
    assert contradicts("C'est dans la soirée de jeudi que le bloc a approuvé la mission.", early)
    assert contradicts("The bloc approved the mission on Thursday evening.", early)
    assert not contradicts("The bloc approved the mission in the early hours of Thursday.",
                           early)
    assert not contradicts("Le bloc a approuvé la mission jeudi.", early)
    evening = "Jeudi soir, le bloc a approuvé la mission."
    assert contradicts("Le bloc a approuvé la mission jeudi matin.", evening)
    assert not contradicts("Le bloc a approuvé la mission dans la soirée de jeudi.", evening)


def test_which_part_of_the_day_which_freedom_which_balance() -> None:
    """blind_pairs4 v4_114 ("early on Wednesday" over "tard mercredi"), blind_pairs5 v5_046 and
    blind_pairs6 v6_005 (religious or press freedom over "la liberté d'association"), v6_095
    (a religious balance over "les équilibres ethniques")."""
    late = "« C'est opportun », a déclaré le président, cité par les médias tard mercredi."
    assert contradicts("The president was quoted early on Wednesday.", late)
    assert not contradicts("The president was quoted late on Wednesday.", late)
    assoc = "un programme de soutien à la liberté d’association au Kazakhstan"
    assert contradicts("A programme supporting press freedom in Kazakhstan.", assoc)
    assert contradicts("Un programme pour la liberté religieuse au Kazakhstan.", assoc)
    assert not contradicts("A programme supporting freedom of association.", assoc)
    ethnic = "elle pourrait perturber les équilibres ethniques au Kazakhstan"
    assert contradicts("It could upset the religious balance in Kazakhstan.", ethnic)
    assert not contradicts("It could upset the ethnic and religious balance.", ethnic)


def test_which_body_of_a_government_spoke() -> None:
    """blind_pairs28 v28_014: a State Department spokesman over "Jen Psaki, porte-parole de
    la Maison Blanche"."""
    white_house = "a déclaré jeudi à la presse Jen Psaki, porte-parole de la Maison Blanche."
    assert contradicts("Selon un porte-parole du département d'État, rien ne change.",
                       white_house)
    assert contradicts("A State Department spokeswoman told the press on Thursday.",
                       white_house)
    assert not contradicts("A White House spokeswoman told the press on Thursday.", white_house)
    assert contradicts("The Kremlin said so.", "Le ministère russe des Affaires étrangères "
                                               "l'a dit.")


def test_a_nation_given_the_stance_the_sentence_gives_another() -> None:
    """blind_pairs28 v28_029: "opposed by Beijing" over "dénoncée par les États-Unis mais
    soutenue par la Chine" (the sentence holds both stances, each for its own nation)."""
    said = "Une initiative dénoncée par les États-Unis mais soutenue par la Chine."
    assert not contradicts("The move was condemned by Washington and also opposed by Beijing.",
                           said)  # word by word, both stances are there
    assert nation_contradicted(
        "The move was condemned by Washington and also opposed by Beijing.", said)
    assert nation_contradicted("La Chine a dénoncé cette initiative.", said)
    assert nation_contradicted("The move was backed by Washington.", said)
    assert not nation_contradicted("Condemned by Washington, the move was backed by Beijing.",
                                   said)
    assert not nation_contradicted("The move was condemned by the United States.", said)
    # a nation acted upon is not the one whose stance it is
    assert not nation_contradicted("Russia supports the regime.",
                                   "Washington a critiqué la Russie, qui soutient le régime.")


@pytest.mark.parametrize("unit", ["la la ", "by by ", "par , ", "Chine et "])
def test_stances_are_read_in_linear_time(unit: str) -> None:
    text = "soutenue " + unit * 20_000
    with cpu_spent() as spent:
        nation_contradicted(text, text)
    assert spent.seconds < 0.5


def test_allowed_is_not_what_one_cannot_do() -> None:
    """blind_pairs6 v6_062, blind_pairs7 v7_106: "autorisés à adhérer à d'autres alliances"
    over "ne peuvent pas faire partie d'autres blocs militaires"."""
    cannot = ("Les participants organisent des exercices militaires conjoints et ne peuvent pas "
              "faire partie d'autres blocs militaires, tels que l'OTAN.")
    assert contradicts("Les membres sont autorisés à adhérer à d'autres alliances.", cannot)
    assert contradicts("Members are allowed to belong to other alliances such as NATO.", cannot)
    # saying it is not allowed is saying it cannot
    assert not contradicts("Members are not allowed to join other blocs such as NATO.", cannot)
    assert not contradicts("Les membres ne peuvent pas rejoindre l'OTAN.", cannot)


def test_needing_help_is_not_coping_alone() -> None:
    """blind_pairs20 v20_022: "would need outside help to resolve its problems" over "le pays
    peut « résoudre ses propres problèmes »"."""
    own = ("M. Peskov a souligné devant les journalistes que le pays peut « résoudre ses propres "
           "problèmes ».")
    assert contradicts("Peskov said Kazakhstan would need outside help to resolve its problems.",
                       own)
    assert contradicts("Selon Peskov, le pays a besoin d'aide pour régler ses problèmes.", own)
    assert not contradicts("Peskov said the country can solve its own problems.", own)


def test_present_as_a_verb_against_an_absence() -> None:
    """blind_pairs32 v32_020: "bien que des correspondants aient été présents" over "compte
    tenu de l'absence de correspondants"; of the same people only, and "présenté" is no
    presence (the session's diff review)."""
    absence = ("Pour l’instant, les allégations d’ingérence extérieure restent hautement "
               "spéculatives, compte tenu de l’absence de correspondants internationaux sur le "
               "terrain pendant les troubles.")
    assert presence_denied("Les allégations restent spéculatives, bien que des correspondants "
                           "internationaux aient été présents sur le terrain.", absence)
    assert presence_denied("The claims remain speculative, although foreign correspondents "
                           "were present on the ground.", absence)
    assert not presence_denied("Aucun correspondant n’était présent sur le terrain.", absence)
    assert not presence_denied("The draft was presented by the minister.", "Faute de "
                               "consensus, le ministre a dévoilé lui-même le projet.")
    assert not presence_denied("Des soldats russes étaient présents à l’aéroport.", "Des "
                               "soldats gardaient l’aéroport, faute de policiers kazakhs.")
    assert not presence_denied("Tokayev was present at the summit.",
                               "Le sommet s’est tenu en l’absence de Poutine.")


@pytest.mark.parametrize(("claim", "sentence", "held"), [
    # blind_pairs21 v22_024: the price of another thing
    ("Residents objected to a doubling of electricity prices.",
     "Les habitants s’opposaient à une double augmentation des prix du gaz de pétrole "
     "liquéfié.", True),
    # blind_pairs9 v9_049: another freedom
    ("Another grant focused on promoting press freedom in Kazakhstan.",
     "Une autre subvention était axée sur la promotion de la liberté religieuse au "
     "Kazakhstan.", True),
    # ... the same thing or freedom: nothing; a quarter between two is no other quarter, Gaza
    # no gas, shots fired no dismissal (diff review 43)
    ("Mariupol, in southeastern Ukraine, was besieged for weeks.",
     "Mariupol, in eastern Ukraine, was besieged for weeks.", False),
    ("The strike cut electricity to two million people.",
     "The strike hit Gaza's only power plant.", False),
    ("Tokayev remained in office throughout the crisis.",
     "Tokayev stayed in power during the crisis, during which police fired on protesters.",
     False),
    ("Le Premier ministre est resté en fonction.",
     "Le Premier ministre, toujours en place, a renvoyé le projet de loi au Parlement.", False),
    ("Gas prices doubled.", "Les prix du gaz ont doublé.", False),
    ("A grant promoted religious freedom.", "Une subvention pour la liberté religieuse.", False),
])
def test_quarters_prices_and_freedoms(claim: str, sentence: str, held: bool) -> None:
    assert contradicts(claim, sentence) is held


def test_how_often_and_which_rank_are_opposites() -> None:
    """Study misses: "toujours" over "parfois" (v21_037), "second-largest" over "la plus
    grande" (v24_036); a sentence saying the claim's own rank does not contradict it."""
    assert contradicts("Une fois les Russes chez vous, il est toujours très difficile de les "
                       "faire partir.", "Une fois que les Russes sont dans votre maison, il est "
                       "parfois très difficile de les faire partir.")
    assert contradicts("Once the Russians are in your house it is always hard to get them out.",
                       "il est parfois très difficile de les faire partir")
    assert contradicts("the airport of Almaty, Kazakhstan's second-largest city",
                       "l’aéroport international de la plus grande ville du Kazakhstan, Almaty")
    assert not contradicts("Almaty, the second-largest city", "Almaty, la deuxième plus grande "
                           "ville du pays")
    assert not contradicts("It is sometimes hard to get them out.", "il est parfois difficile")


@pytest.mark.parametrize(("claim", "sentence"), [
    ("Il est toujours très populaire.", "He is still very popular, although he is sometimes "
     "criticised."),  # "toujours" is "still"
    ("Ce n'est pas toujours très facile.", "It is sometimes hard."),  # "not always"
    ("Les habitants réclament une plus grande autonomie.", "Shymkent, Kazakhstan's "
     "second-largest city, demanded more autonomy."),  # a comparative
])
def test_still_not_always_and_a_comparative_are_no_opposites(claim: str, sentence: str) -> None:
    """Diff review 45."""
    assert not contradicts(claim, sentence)


def test_an_unhyphenated_rank_is_read() -> None:
    assert contradicts("Shymkent is Kazakhstan's second largest city.",
                       "Chymkent est la plus grande ville du pays.")


@pytest.mark.parametrize(("claim", "sentence", "contradicted"), [
    # blind_pairs37 v37_010: a "limited" mission is not a large-scale one
    ("Pashinyan a annoncé une mission de grande envergure au Kazakhstan.",
     "Pashinyan a annoncé une mission « limitée » au Kazakhstan.", True),
    ("Pashinyan announced a large-scale mission.",
     "Pashinyan a annoncé une mission « limitée ».", True),
    ("Pashinyan announced a limited mission.", "Pashinyan a annoncé une mission limitée.", False),
    # blind_pairs37 v37_028: food prices are not fuel prices
    ("The protests were triggered by a rise in food prices.",
     "Les manifestations, déclenchées par la hausse des prix du carburant.", True),
    ("The protests were triggered by a rise in fuel prices.",
     "Les manifestations, déclenchées par la hausse des prix du carburant.", False),
    ("La hausse des prix alimentaires et du carburant a déclenché les manifestations.",
     "La hausse des prix du carburant et des denrées a déclenché les manifestations.", False),
])
def test_a_scale_or_a_commodity_put_in_place(claim: str, sentence: str,
                                             contradicted: bool) -> None:
    assert bool(contradicts(claim, sentence)) is contradicted


@pytest.mark.parametrize(("claim", "sentence"), [
    # diff review 46: pain is no bread, a limited success no limited mission, food stores no
    # food prices
    ("The price hikes caused pain for many households.", "triggered by a rise in fuel prices."),
    ("Russia launched a full-scale invasion.", "The invasion of Ukraine had limited success."),
    ("Tokayev announced sweeping reforms.", "Access to the press remained restricted."),
    ("Rioters looted food stores.", "The unrest began after the rise in gas prices."),
])
def test_words_of_a_scale_or_a_commodity_out_of_place(claim: str, sentence: str) -> None:
    assert not contradicts(claim, sentence)
