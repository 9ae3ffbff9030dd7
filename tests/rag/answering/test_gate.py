"""The generation gate: whether the evidence supports an answer at all, decided before any model
is called. Real e5 vectors; the model is a scripted OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from rag.answering import extractive
from rag.answering.evidence import Evidence, gather_evidence
from rag.answering.extractive import NO_ANSWER, ExtractiveWriter
from rag.answering.pipeline import Answerer
from rag.answering.question import analyse_question
from rag.answering.sentence_vectors import CachedSentenceVectors
from rag.chunking import Chunk
from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.llm.base import CancelToken
from rag.llm.openai_compat import OpenAICompatibleLLM
from rag.retrieval import Hit, Searcher
from tests.conftest import indexed_searcher, small_docs
from tests.service.conftest import http_server, send_chat_stream

DUMOULIN = ("Marie Dumoulin, directrice du programme Europe élargie au Conseil européen pour les "
            "relations internationales, juge l'intervention risquée pour Moscou.")
TROOPS = ("Le ministère russe de la Défense a indiqué que 3 000 parachutistes russes ont été "
          "envoyés au Kazakhstan. Ils sont arrivés jeudi à Almaty.")
AGES = ("L'ancien président Noursoultan Nazarbaïev, âgé de 81 ans, a quitté la tête du Conseil "
        "de sécurité. Le président Kassym-Jomart Tokaïev a pris sa place au Conseil de sécurité.")


@pytest.fixture(scope="module")
def vectors(embedder: E5Embedder) -> CachedSentenceVectors:
    return CachedSentenceVectors(embedder)


def _hit(text: str, doc_id: str = "doc") -> Hit:
    return Hit(Chunk(doc_id, 0, text, 0, len(text), "Un article"), 1.0)


def _evidence(embedder: E5Embedder, vectors: CachedSentenceVectors, question: str,
              *texts: str) -> Evidence:
    hits = [_hit(t, f"d{i}") for i, t in enumerate(texts)]
    return gather_evidence(question, hits, embedder.embed_query(question), vectors,
                           lambda term: 1.0, "french")


@pytest.mark.parametrize(("question", "texts", "supported"), [
    ("Combien de parachutistes la Russie a-t-elle envoyés au Kazakhstan ?", [TROOPS], True),
    ("How many paratroopers did Russia send to Kazakhstan?", [TROOPS], True),
    ("Quel âge a Nazarbaïev ?", [AGES], True),
    ("Quel âge a Tokaïev ?", [AGES], False),  # only someone else's age is given
    ("How old is Tokayev?", [AGES, TROOPS], False),
    ("Quelle est la recette de la ratatouille ?", [TROOPS, AGES], False),  # off topic
    ("Combien de parachutistes la Russie a-t-elle envoyés au Kazakhstan ?", [], False),
])
def test_the_gate_passes_only_what_the_evidence_answers(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, texts: list[str],
        supported: bool) -> None:
    ev = _evidence(embedder, vectors, question, *texts)
    writer = ExtractiveWriter()
    assert writer.supports(ev) is supported
    # the gate and the extractive answer agree: a passed question always gets an answer
    assert (writer.compose(ev) is not None) is supported


REACTION = ("Le ministère a qualifié la décision de l'OTSC d'envoyer des soldats de la paix au "
            "Kazakhstan d'absolument légitime. Moscou a salué une réaction rapide des alliés.")


@pytest.mark.parametrize(("question", "supported"), [
    ("What was Uzbekistan's official reaction to the CSTO sending troops into Kazakhstan?",
     False),
    ("Comment l'Ouzbékistan a-t-il réagi officiellement à l'intervention de l'OTSC ?", False),
    ("Quelle a été la position officielle du gouvernement turc sur l'intervention ?", False),
    ("Comment la Russie a-t-elle qualifié la décision de l'OTSC ?", True),
])
def test_a_country_the_sources_never_name_is_not_answered_for(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str,
        supported: bool) -> None:
    """A country asked about as an actor must be named somewhere in what was retrieved: the
    Russian ministry's reaction is not Uzbekistan's, nor Turkey's."""
    ev = _evidence(embedder, vectors, question, REACTION.replace("Le ministère",
                                                                 "Le ministère russe"))
    assert ExtractiveWriter().supports(ev) is supported


STATEMENTS = ("Le secrétaire général de l'OTSC, Stanislav Zas, a qualifié de « stupidité "
              "totale » les suggestions selon lesquelles les troupes agiraient comme des "
              "occupants. "
              "Le ministère russe a qualifié la décision de l'OTSC d'envoyer des soldats de la "
              "paix au Kazakhstan d'absolument légitime.")


@pytest.mark.parametrize(("question", "supported"), [
    ("What did NATO Secretary General Jens Stoltenberg say about the CSTO deployment?", False),
    ("Qu'a déclaré Jens Stoltenberg sur le déploiement de l'OTSC ?", False),
    ("Qu'a déclaré Stanislav Zas sur le déploiement de l'OTSC ?", True),
    ("What did Stanislav Zas say about the CSTO troops?", True),
])
def test_a_person_the_sources_never_name_is_not_answered_for(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str,
        supported: bool) -> None:
    """What Stoltenberg said is not what Zas said: a person asked about by full name must be
    named somewhere in what was retrieved, however close the sentences are in meaning."""
    ev = _evidence(embedder, vectors, question, STATEMENTS)
    assert ExtractiveWriter().supports(ev) is supported


PRICE = ("À Washington, le ton est radicalement différent. «Les États-Unis surveillent toute "
         "éventuelle violation des droits humains», a déclaré le porte-parole de la diplomatie "
         "américaine Ned Price à des journalistes. «Nous appelons les forces de maintien de la "
         "paix de l'OTSC à respecter les droits humains afin de soutenir une résolution "
         "pacifique.")
EMBASSY = ("Selon l'ambassade de Russie à Washington, Moscou espère que personne ne remettra en "
           "cause le droit du Kazakhstan de demander une assistance militaire à l'OTSC.")


def test_a_quote_that_goes_on_is_its_speakers(
        embedder: E5Embedder, vectors: CachedSentenceVectors) -> None:
    """"«...», a déclaré Ned Price. «Nous appelons les forces de l'OTSC ..." (the chunk ends
    there): the OTSC sentence is Price's too, so he is who called on the OTSC forces."""
    question = ("Quel porte-parole de la diplomatie américaine a appelé les forces de l’OTSC à "
                "respecter les droits humains ?")
    composed = ExtractiveWriter().compose(_evidence(embedder, vectors, question, PRICE))
    assert composed is not None and "Ned Price" in composed.text
    # a quote closed and not said on by the same speaker is not theirs
    closed = PRICE.replace("pacifique.", "pacifique», a répondu un diplomate russe.")
    assert ExtractiveWriter().compose(_evidence(embedder, vectors, question, closed)) is None


@pytest.mark.parametrize("question", [
    "Qui commande sur le terrain la force de maintien de la paix de l’OTSC ?",
    "Which officer was put in command of the CSTO peacekeeping force?",
])
def test_a_capital_names_no_person(embedder: E5Embedder, vectors: CachedSentenceVectors,
                                   question: str) -> None:
    """"Moscou espère ...", "l'ambassade de Russie à Washington": a capital is a government or
    a place, not the person asked for; "which officer" asks for a person."""
    assert ExtractiveWriter().supports(_evidence(embedder, vectors, question, EMBASSY)) is False


MASSIMOV = ("L'ancien Premier ministre Karim Massimov a été arrêté pour trahison. Des militaires "
            "tadjiks de la force de l'OTSC partent depuis la base aérienne d'Ayni.")


@pytest.mark.parametrize(("question", "text", "supported"), [
    ("Who did Tokayev appoint as the new prime minister?", MASSIMOV, False),  # a former one
    ("Qui Tokaïev a-t-il nommé comme nouveau Premier ministre ?", MASSIMOV, False),
    ("Qui Tokaïev a-t-il nommé comme nouveau Premier ministre ?",
     "Tokaïev a nommé Alikhan Smaïlov nouveau Premier ministre du Kazakhstan.", True),
    ("Qui commande la force de l'OTSC ?", MASSIMOV, False),  # "Ayni" is no commander
    ("Qui commande la force de l'OTSC ?",
     "La force de l'OTSC est commandée par le général russe Andreï Serdioukov.", True),
])
def test_a_role_asked_by_its_verb_or_as_new_is_answered_only_by_it(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, text: str,
        supported: bool) -> None:
    assert ExtractiveWriter().supports(_evidence(embedder, vectors, question, text)) is supported


FLIGHTS = ("Effectivement, le suivi du trafic aérien montre des vols d’Antonov et d’Iliouchine "
           "russes en direction du Kazakhstan. Ces appareils appartiennent bien à l’armée de "
           "l’air russe.")
ROLE = ("Le pays joue un rôle clé dans l’initiative chinoise « la Ceinture et la Route » (BRI) "
        "et est membre de l’Union économique eurasiatique, dirigée par la Russie.")


def test_a_sentence_clearly_about_the_question_answers_it_when_it_ranks_lower(
        embedder: E5Embedder, vectors: CachedSentenceVectors) -> None:
    """The best-ranked candidate shares more words but is not about the question (cosine under
    the floor); the flights sentence names the whole focus and is clearly about it. (Since
    particulars.py, an aircraft asked is named: the other sentence, naming none, is no longer
    a candidate at all; before, it ranked first and the writer passed over it.)"""
    question = "Quels avions militaires russes ont été repérés en route vers le Kazakhstan ?"
    ev = _evidence(embedder, vectors, question, ROLE, FLIGHTS)
    cands = ev.answers()
    assert cands and not any("Ceinture" in c.text for c in cands)
    chosen = ExtractiveWriter().select(ev)
    assert chosen and "Iliouchine" in chosen[0].text
    assert not any("Ceinture" in c.text for c in chosen)  # what ranked above it does not clear


JANUARY = ("Le 6 janvier 2022, le ministère russe de la Défense a indiqué que 3 000 "
           "parachutistes russes ont été envoyés au Kazakhstan.")
CONTINGENTS = ("La Russie a envoyé quelque 3 000 parachutistes au Kazakhstan. Le Bélarus, "
               "l'Arménie et le Tadjikistan ont envoyé des contingents.")
TOLL = "Des dizaines de manifestants ont été tués et 353 policiers ont été blessés à Almaty."
VOTE = "Le Chili a été admis au terme d'un vote avec 107 États membres pour et 14 contre."
VOTE_ABSTAINED = ("Le Chili a été admis au terme d'un vote avec 107 États membres pour, 14 "
                  "contre et 52 abstentions.")
NGOS = ("Le Centre international pour le droit à but non lucratif estime qu’il y a 38 000 ONG "
        "actives au Kazakhstan, financées par les États-Unis et les pays européens.")
BORDER = ("Le Kazakhstan a une frontière avec la Russie de plus de 7 000 kilomètres (4 350 "
          "miles) et produit du pétrole.")
ANTONOV = ("Le 7 janvier, l’ambassadeur russe aux États-Unis, Anatoli Antonov, a déclaré que "
           "Washington n’avait pas à juger l’intervention au Kazakhstan.")
AID = ("Jeudi, l'Union européenne s'est dite prête à apporter son soutien au Kazakhstan, dont "
       "les villes ont connu les pires troubles depuis l'indépendance, il y a 30 ans.")
AID_SUM = ("Jeudi, l'Union européenne a proposé au Kazakhstan une aide de 2 millions d'euros pour "
           "faire face à la crise.")
GAS = ("Les habitants de Zhanaozen s'opposaient à une multiplication par deux du prix du gaz "
       "liquéfié après la suppression des subventions de l'État.")
GAS_PRICE = ("Le prix d'un litre de gaz liquéfié est passé de 60 à 120 tenges après la "
             "suppression des subventions de l'État.")
BLASTS = "Trois explosions ont été entendues vendredi dans la partie nord d'Almaty."
BLAST_TOLL = ("Trois explosions ont été entendues vendredi dans la partie nord d'Almaty. Elles "
              "ont coûté la vie à 12 personnes.")
QUOTED = ("Selon Emilia Nazarenko, « la neutralité de la Suisse et sa diplomatie multilatérale » "
          "sont des facteurs importants dans le choix de Genève.")
FATHER = ("Kirilenko commence le tennis à 7 ans sous l'impulsion de son père Yuri, dirigeant d'un "
          "club de tennis moscovite.")
SUMMIT = ("Lors du sommet entre Vladimir Poutine et Joe Biden à Genève, le président suisse a joué "
          "le rôle d'hôte et les invités ont été accueillis dans des locaux suisses.")
HOST = ("Le président suisse Guy Parmelin a accueilli à Genève le sommet entre Vladimir Poutine et "
        "Joe Biden.")
EARL = ("Le financement d'ONG a joué un rôle clé dans les troubles, a déclaré le vice-président "
        "exécutif d’Eurasia Group, Earl Rasmussen.")
BORRELL = ("Le chef des affaires étrangères de l’UE, Josep Borrell, s’est dit « très préoccupé par "
           "l’évolution de la situation au Kazakhstan ».")
EMERGENCY = ("Le président kazakh Kassym-Jomart Tokaïev a déclaré l’état d’urgence jusqu’au 19 "
             "janvier en raison des troubles civils.")
FORMED = ("Le bloc de sécurité de l'OTSC, formé en 1992, a envoyé ses soldats de la paix au "
          "Kazakhstan le 6 janvier 2022.")
LEFT = "Les derniers soldats de la paix de l'OTSC ont quitté le Kazakhstan le 19 janvier 2022."
LEASE = ("La Russie loue au Kazakhstan le cosmodrome de Baïkonour, dont le bail a été prolongé en "
         "2004 jusqu'en 2050.")
RENT = ("La Russie loue au Kazakhstan le cosmodrome de Baïkonour pour 115 millions de dollars par "
        "an.")
NED = ("Le National Endowment for Democracy a dépensé plus d’un million de dollars pour soutenir "
       "les mouvements de défense des droits humains au Kazakhstan en 2020.")
GALLON = ("« L’histoire officielle est que c’est en raison de l’élimination des contrôles des "
          "prix du gaz, qui a entraîné une augmentation d’environ 1 $ par gallon de gaz (GNL).")
CRIMEA = "La crise en Crimée a pris fin en mars 2015 avec l'annexion."
DONBAS = "En 2022, le conflit du Donbass avait fait 14 000 morts depuis 2014."
EXERCISES = ("Les forces de maintien de la paix de l’OTSC ont pris part aux exercices militaires "
             "de la Fraternité incassable-2021 à Kazan, en Russie.")
REGIMENT = ("Le 1er régiment canadien, levé en 1775, est commandé par James Livingston, un "
            "Écossais vivant au Canada depuis 1744.")
SPREAD = ("Les tentatives pour apaiser les foules en colère ont échoué et le rassemblement s’est "
          "transformé en manifestation politique dans un certain nombre de villes kazakhes.")
STARTED = ("Les manifestations ont commencé à Zhanaozen et à Aktau, dans l'ouest du pays, avant de "
           "s'étendre à d'autres villes.")
UK_NGOS = "De plus, le Royaume-Uni compte plus de 85 ONG également présentes au Kazakhstan."
PARISII = ("Seule certitude, les Parisii, l'un des 98 peuples gaulois, vivent dans cette région en "
           "52 avant notre ère, au moment d'être soumis à Rome.")
CAMULOGENE = ("En 52 avant notre ère, le chef des Parisii, Camulogène, affronte les légions de "
              "Labienus.")
AZZO = ("Alberto Azzo II d'Este est le premier seigneur d'Este et l'ancêtre commun des Maisons de "
        "Brunswick et de Hanovre.")
AZZO_WED = ("Alberto Azzo II d'Este épouse en premières noces Cunégonde d'Altdorf, sœur du duc de "
            "Carinthie.")
RANKING = ("Dans le classement mondial des universités QS de 2019, il y a 18 universités "
           "britanniques parmi les 100 premières, dont 4 dans le top 10.")
TALKS = ("Les États-Unis et la Russie discutent lundi à Genève sur fond de tensions en lien avec "
         "l’Ukraine, lors de pourparlers à la mission diplomatique américaine.")
TALKS_END = ("Les pourparlers de Genève entre les États-Unis et la Russie sur l’Ukraine se sont "
             "achevés lundi sans accord, chaque camp campant sur ses positions.")
US_AID = ("En 2020, les agences américaines ont transféré jusqu’à 61 millions de dollars d’aide "
          "étrangère au Kazakhstan, selon les chiffres officiels.")
CHEYNET = "Louis Cheynet (1714-1791), père du député, a été consul de Montélimar."
CONSUL = "Louis Cheynet, père du député, a été consul de Montélimar avec 1500 gardes."
SENT = ("La Russie a envoyé des parachutistes au Kazakhstan dans le cadre de la force de "
        "maintien de la paix de l’OTSC.")
LARGEST = ("La Russie a envoyé le plus important contingent de la force de l’OTSC, quelque "
           "3 000 parachutistes.")
ARTICLE = ("Le Conseil de sécurité collective de l'OTSC a décidé d'envoyer les Forces collectives "
           "de maintien de la paix, conformément à l'article 4 du Traité de sécurité collective.")
TREATY = ("Aux termes de l'article 2 du Traité de sécurité collective, en cas de menace pour la "
          "sécurité d'un État membre, les États membres lancent immédiatement des consultations.")
TREATY_PLAIN = ("Le Traité de sécurité collective prévoit des consultations immédiates en cas de "
                "menace pour la sécurité d'un État membre.")
TREATY_LIST = ("Les articles 2 et 3 du Traité de sécurité collective prévoient des consultations "
               "immédiates en cas de menace pour la sécurité d'un État membre.")
DOUBLED = ("Les émeutes ont vraisemblablement été causées par une multiplication par deux du prix "
           "du gaz liquéfié après la suppression des subventions de l'État.")
GALLON = ("Le prix du gaz liquéfié a augmenté d'environ 1 $ par gallon après la suppression des "
          "subventions de l'État.")
PEOPLE_DOZENS = ("Des dizaines de personnes, dont des citoyens et des policiers, ont été tuées, "
                 "des milliers ont été arrêtées dans la capitale, Almaty.")
DOCTORS = "Des dizaines de médecins ont été tués à Almaty pendant les émeutes."
SIX_MEMBERS = "L'OTSC compte six États membres, tous d'anciennes républiques soviétiques."
MEMBERS = ("On ignore encore quel sera l’apport des autres pays de l’OTSC (Kazakhstan, "
           "Kirghizistan, Arménie, Russie, Tadjikistan, Biélorussie).")
SUCCEEDED = ("Le Kazakhstan a succédé à l’Arménie à la présidence tournante de l’OTSC en "
             "2022.")
FORCE = "La force est composée d’environ 2 600 militaires au total."
DOZENS = ("Une crise qui a déjà fait des dizaines de morts chez les manifestants et au moins un "
          "millier de blessés.")
CHAOS = ("La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours d’émeutes ; au "
         "moins 13 agents des forces de l’ordre ont été tués et 353 blessés dans le chaos, deux "
         "des personnes tuées ont été décapitées, ont indiqué les médias officiels.")
EACH = ("L’Arménie, le Kirghizistan et le Tadjikistan ont envoyé entre 100 et 200 personnes "
        "chacun et ont également déployé du matériel militaire.")


@pytest.mark.parametrize(("question", "text", "supported"), [
    # no passage speaks of November 2022: the January figure does not answer for it
    ("Combien de parachutistes la Russie a-t-elle envoyés au Kazakhstan en janvier 2022 ?",
     JANUARY, True),
    ("How many paratroopers did Russia send to Kazakhstan in January 2022?", JANUARY, True),
    ("Combien de parachutistes la Russie a-t-elle envoyés au Kazakhstan en novembre 2022 ?",
     JANUARY, False),
    ("How many paratroopers did Russia send to Kazakhstan in November 2022?", JANUARY, False),
    # Russia's 3 000 does not say how many Kyrgyz soldiers were sent
    ("Combien de parachutistes russes ont été envoyés au Kazakhstan ?", CONTINGENTS, True),
    ("Combien de militaires kirghizes ont été envoyés au Kazakhstan ?", CONTINGENTS, False),
    ("How many Kyrgyz soldiers were sent to Kazakhstan?", CONTINGENTS, False),
    # what befell those counted must be what is asked: killed is not convicted
    ("Combien de policiers ont été blessés à Almaty ?", TOLL, True),
    ("Combien de manifestants ont été condamnés par la justice ?", TOLL, False),
    ("How many protesters were sentenced by the courts?", TOLL, False),
    # ... and a vote's abstentions are not its votes for and against (piaf_traps3 pt3_009)
    ("Combien d'États se sont abstenus lors du vote ?", VOTE, False),
    ("How many countries abstained in the vote?", VOTE, False),
    ("Combien d'États ont voté pour ?", VOTE, True),
    ("Combien d'États se sont abstenus lors du vote ?", VOTE_ABSTAINED, True),
    # NGOs funded by the US and European countries are no count of France's
    ("How many NGOs are active in Kazakhstan?", NGOS, True),
    ("How many NGOs funded by France operate in Kazakhstan?", NGOS, False),
    ("Combien d'ONG financées par la France sont actives au Kazakhstan ?", NGOS, False),
    # ... and an unnamed fate is not the one asked: three blasts heard count no dead
    ("How many people were killed by the explosions in Almaty?", BLASTS, False),
    ("Combien de personnes ont été tuées par les explosions à Almaty ?", BLASTS, False),
    ("Combien de personnes ont été tuées par les explosions à Almaty ?", BLAST_TOLL, True),
    # a sum is given in a currency: "européenne" names none, "30 ans" is no amount
    ("Quel montant d'aide l'Union européenne a-t-elle proposé au Kazakhstan ?", AID, False),
    ("Quel montant d'aide l'Union européenne a-t-elle proposé au Kazakhstan ?", AID_SUM, True),
    # "what did X cost" asks a price, though its verb comes late
    ("What did a litre of liquefied gas cost in Zhanaozen before the subsidies were removed?",
     GAS, False),
    ("Combien coûtait un litre de gaz liquéfié avant la suppression des subventions ?", GAS,
     False),
    ("What did a litre of liquefied gas cost before the state subsidies were removed?",
     GAS_PRICE, True),
    # what someone's post is: said beside their name, not a quote of theirs; a first name will do
    ("What job or position does Marie Dumoulin hold?", DUMOULIN, True),
    ("Quelle est la fonction de Marie Dumoulin ?", DUMOULIN, True),
    ("What job or position does Emilia Nazarenko hold?", QUOTED, False),
    ("Quel poste occupe Emilia Nazarenko ?", QUOTED, False),
    ("Quel est le métier de Yuri Kirilenko ?", FATHER, True),
    # a role named without who holds it names no one (first names of the focus, countries and
    # cities aside)
    ("Comment s'appelle le président suisse qui a accueilli le sommet entre Poutine et Biden ?",
     SUMMIT, False),
    ("Comment s'appelait le président suisse qui a accueilli le sommet Biden-Poutine ?", SUMMIT,
     False),
    ("Comment s'appelle le président suisse qui a accueilli le sommet entre Poutine et Biden ?",
     HOST, True),
    ("Who is the executive vice president of Eurasia Group?", EARL, True),
    ("Quel est le nom du chef de la diplomatie de l'Union européenne ?", BORRELL, True),
    # a country is named by its people's word: "le président kazakh" is about Kazakhstan
    ("Jusqu'à quelle date l'état d'urgence a-t-il été instauré au Kazakhstan ?", EMERGENCY, True),
    # when they pulled out is a date of leaving, not of arriving
    ("When did the CSTO peacekeepers pull out of Kazakhstan?", FORMED, False),
    ("When did the CSTO peacekeepers pull out of Kazakhstan?", LEFT, True),
    # a rent is a sum of money
    ("Quel loyer annuel la Russie verse-t-elle pour le cosmodrome de Baïkonour ?", LEASE, False),
    ("Quel loyer annuel la Russie verse-t-elle pour le cosmodrome de Baïkonour ?", RENT, True),
    # a figure for 2020 is not the one for 2021
    ("How much did the National Endowment for Democracy spend in Kazakhstan in 2020?", NED, True),
    ("How much did the National Endowment for Democracy spend in Kazakhstan in 2021?", NED,
     False),
    ("Combien le National Endowment for Democracy a-t-il dépensé au Kazakhstan en 2021 ?", NED,
     False),
    # ... nor a place of the 2021 exercises the place of the 2020 ones; a state that has
    # lasted "since 1744" holds in 1775
    ("Dans quelle ville se sont déroulés les exercices de la Fraternité incassable en 2020 ?",
     EXERCISES, False),
    ("Dans quelle ville se sont déroulés les exercices de la Fraternité incassable en 2021 ?",
     EXERCISES, True),
    ("Qui commandait le 1er régiment canadien en 1775 ?", REGIMENT, True),
    # ... a year asked of a date is the event's, not the answer's; a figure "since 2014" is
    # the one asked "since 2014" (closing review M1)
    ("Quand la crise de 2014 en Crimée a-t-elle pris fin ?", CRIMEA, True),
    ("Combien de personnes sont mortes dans le Donbass depuis 2014 ?", DONBAS, True),
    # a rate per gallon is not one per litre
    ("What was the price of liquefied gas per litre before the increase?", GALLON, False),
    ("By how much did the price of liquefied gas rise per gallon?", GALLON, True),
    # "which towns" asks a place: "un certain nombre de villes" names none
    ("In which towns did the protests first break out?", SPREAD, False),
    ("In which towns did the protests first break out?", STARTED, True),
    ("Dans quelles villes les manifestations ont-elles commencé ?", STARTED, True),
    # "quel était le nom du chef" asks a person by role, as "quel est le nom" does
    ("Quel était le nom du chef des Parisii en 52 avant notre ère ?", PARISII, False),
    ("Quel était le nom du chef des Parisii en 52 avant notre ère ?", CAMULOGENE, True),
    # whom someone married: a sentence must speak of a marriage, not only name someone
    ("Whom did Alberto Azzo II d'Este marry first?", AZZO, False),
    ("Whom did Alberto Azzo II d'Este marry first?", AZZO_WED, True),
    ("Avec qui Alberto Azzo II d'Este s'est-il marié ?", AZZO_WED, True),
    # ... and a nationality word by another of the same country: English is British
    ("How many English universities are in the top 100 in 2019?", RANKING, True),
    # the outcome of talks is what they came to, not that they took place
    ("What was the outcome of the US–Russia talks in Geneva about Ukraine?", TALKS, False),
    ("Quelle a été l'issue des pourparlers de Genève sur l'Ukraine ?", TALKS, False),
    ("What was the outcome of the US–Russia talks in Geneva about Ukraine?", TALKS_END, True),
    # ... and whether they came to an agreement is asked of the same (blind14)
    ("Did the US-Russia security talks in Geneva end with an agreement?", TALKS, False),
    ("Les pourparlers de Genève ont-ils abouti à un accord ?", TALKS, False),
    ("Did the US-Russia security talks in Geneva end with an agreement?", TALKS_END, True),
    # a body of countries acts as one does: American aid is not the EU's
    ("Quel montant d'aide l'Union européenne a-t-elle proposé au Kazakhstan ?", US_AID, False),
    ("How much aid did the EU offer Kazakhstan?", US_AID, False),
    ("How much aid did the US transfer to Kazakhstan in 2020?", US_AID, True),
    # a year before 1800 is a date where it reads as one: a life's span, "en 1669"
    ("Quand est mort Louis Cheynet ?", CHEYNET, True),
    ("En quelle année est mort Louis Cheynet ?", CHEYNET, True),
    ("Quand est mort Louis Cheynet ?", CONSUL, False),  # 1500 guards are no year
    # British NGOs are the United Kingdom's, not the United States'
    ("How many British NGOs are present in Kazakhstan?", UK_NGOS, True),
    ("How many American NGOs are present in Kazakhstan?", UK_NGOS, False),
    # a length is no count of barrels
    ("Combien de kilomètres de frontière le Kazakhstan partage-t-il avec la Russie ?", BORDER,
     True),
    ("Combien de barils de pétrole le Kazakhstan produit-il par jour ?", BORDER, False),
    ("How many barrels of oil does Kazakhstan produce per day?", BORDER, False),
    # the Russian ambassador to the US is not the US ambassador to Kazakhstan
    ("Who is the Russian ambassador to the United States?", ANTONOV, True),
    ("Qui est l'ambassadeur de Russie aux États-Unis ?", ANTONOV, True),
    ("Who is the US ambassador to Kazakhstan?", ANTONOV, False),
    ("Qui est l'ambassadeur américain au Kazakhstan ?", ANTONOV, False),
    # the nation pins whose count it is; the country it happened in need not be named ...
    ("Combien de militaires kirghizes ont été envoyés au Kazakhstan ?", EACH, True),
    # ... but a range is no exact count
    ("Combien de militaires kirghizes exactement ont été envoyés au Kazakhstan ?", EACH, False),
    # a question in lower case names its countries too: Belarus's troops are not the force's
    ("How many troops did Belarus send to Kazakhstan?", FORCE, False),
    ("how many troops did belarus send to kazakhstan", FORCE, False),
    ("how many troops did the csto send to kazakhstan", FORCE, True),
    # a superlative asked needs a sentence that ranks (blind14); deep in a long question it
    # only describes
    ("Apart from Russia, which CSTO country sent the largest contingent?", EACH, False),
    ("Which CSTO country sent the largest contingent?", SENT, False),
    ("Quel pays de l'OTSC a envoyé le plus important contingent ?", SENT, False),
    ("Which CSTO country sent the largest contingent?", LARGEST, True),
    ("Quel pays a envoyé le plus important contingent ?", LARGEST, True),
    # which country took over is asked as who did: a list of members says no succession
    ("Quel pays a succédé à l'Arménie à la présidence tournante de l'OTSC ?", MEMBERS, False),
    ("Quel pays a succédé à l'Arménie à la présidence tournante de l'OTSC ?", SUCCEEDED, True),
    # the number of a treaty's article is no count (blind23 b23_026), nor does its article 2
    # say what its article 3 does (b23_022)
    ("Combien de membres siègent au Conseil de sécurité collective ?", ARTICLE, False),
    ("Combien de membres compte l'OTSC ?", SIX_MEMBERS, True),
    ("What does Article 3 of the Collective Security Treaty provide?", TREATY, False),
    ("Que prévoit l'article 2 du Traité de sécurité collective ?", TREATY, True),
    # ... nor one that names no article, when no passage names the one asked
    ("Que prévoit l'article 3 du Traité de sécurité collective ?", TREATY_PLAIN, False),
    ("Que prévoit le Traité de sécurité collective ?", TREATY_PLAIN, True),
    # ... and a list names each ("les articles 2 et 3"), "1er" is 1 (closing review M4)
    ("Que prévoit l'article 3 du Traité de sécurité collective ?", TREATY_LIST, True),
    # a multiple asked is a multiple said, of the price asked (b23_019)
    ("Par quel facteur le prix du gaz liquéfié a-t-il été multiplié ?", DOUBLED, True),
    ("Par quel facteur le prix du pain a-t-il été multiplié ?", DOUBLED, False),
    ("Par quel facteur le prix du gaz liquéfié a-t-il été multiplié ?", GALLON, False),
    # dozens of people are no count of the police officers or soldiers among them (b3_025)
    ("How many police officers were killed in Almaty?", PEOPLE_DOZENS, False),
    ("Combien de soldats russes ont été tués à Almaty ?", PEOPLE_DOZENS, False),
    ("Combien de personnes ont été tuées à Almaty ?", PEOPLE_DOZENS, True),
    # ... across languages a noun of no family is judged only where the sentence writes it
    # ("doctors" may be "médecins": closing review M5)
    ("How many doctors were killed in Almaty?", DOCTORS, True),
    # ... nor an order of size in words
    ("Combien de manifestants ont été tués pendant les émeutes ?", DOZENS, True),
    ("Combien de manifestants exactement ont été tués pendant les émeutes ?", DOZENS, False),
    ("Exactly how many protesters were killed in the riots?", DOZENS, False),
    # the officers killed are not the protesters killed (blind17 b17_023); the detained are
    # the arrested
    ("Exactly how many protesters were killed during the unrest?", CHAOS, False),
    ("Combien de manifestants ont été tués ?", CHAOS, False),
    ("Combien de personnes la police a-t-elle interpellées ?", CHAOS, True),
    ("How many police officers were wounded?", CHAOS, True),
])
def test_a_count_or_a_role_is_answered_only_by_what_it_asks_of(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, text: str,
        supported: bool) -> None:
    """When, whose, what fate, in what unit, of which country, how exact: each rule declines
    the sentence that does not hold it, and keeps the one that does."""
    ev = _evidence(embedder, vectors, question, text)
    assert ExtractiveWriter().supports(ev) is supported


def test_a_fully_covered_name_passes_without_meaning(embedder: E5Embedder,
                                                     vectors: CachedSentenceVectors) -> None:
    """A short "who is" question sits low in cosine with any sentence: in its own language,
    holding every weighted term and the name is enough; across languages it is not."""
    unreachable = ExtractiveWriter(min_dense=1.01, min_dense_cross=1.01)
    ev = _evidence(embedder, vectors, "Qui est Marie Dumoulin ?", DUMOULIN)
    assert not ev.cross_lingual
    assert unreachable.supports(ev)
    ev = _evidence(embedder, vectors, "Who is Marie Dumoulin?", DUMOULIN)
    assert ev.cross_lingual and ExtractiveWriter().supports(ev)
    assert not unreachable.supports(ev)


RAILWAYS = ("Le Pakistan possède un vaste réseau de voies ferrées. Toutefois, les trains "
            "souffrent d'un mauvais entretien et les catastrophes ferroviaires sont fréquentes. ")
WORST = "La plus grave eut lieu le 4 janvier 1990 et coûta la vie à près de 300 personnes."


def test_a_sentence_anchored_by_its_passage_needs_no_word_in_common(
        embedder: E5Embedder, vectors: CachedSentenceVectors) -> None:
    """Across languages a sentence sharing no name, number or cognate with the question needs a
    clearer meaning, unless an earlier sentence of its passage shares one ("Pakistan")."""
    question = "How many people died in railway disasters in Pakistan?"
    ev = _evidence(embedder, vectors, question, RAILWAYS + WORST)
    best = ev.answers()[0]
    assert ev.cross_lingual and best.text == WORST and best.coverage == 0
    assert best.dense < extractive.MIN_DENSE_CROSS_UNANCHORED  # meaning alone would not do
    assert ExtractiveWriter().supports(ev)
    assert not ExtractiveWriter().supports(_evidence(embedder, vectors, question, WORST))


GRANTS = ("En 2021, le Bureau de la démocratie du département d’État américain a alloué 750 000 $ "
          "à la liberté d’association au Kazakhstan.")
ANOTHER = ("Une autre subvention d’une valeur de 740 740 $ a été annoncée en décembre, axée sur la "
           "liberté religieuse au Kazakhstan.")


def test_the_sentence_before_a_passage_may_be_in_the_passage_before(
        embedder: E5Embedder, vectors: CachedSentenceVectors) -> None:
    """Chunks are cut mid-text: whose grant "Une autre subvention" is, the sentence before it
    says, in the retrieved chunk that ends where this one starts."""
    question = "Quel était le montant de la subvention américaine annoncée en décembre ?"
    first = Hit(Chunk("doc", 0, GRANTS, 0, len(GRANTS), "Un article"), 1.0)
    start = len(GRANTS) + 1
    second = Hit(Chunk("doc", 1, ANOTHER, start, start + len(ANOTHER), "Un article"), 1.0)
    ev = gather_evidence(question, [second, first], embedder.embed_query(question), vectors,
                         lambda term: 1.0, "french")
    chosen = ExtractiveWriter().select(ev)
    assert chosen and chosen[0].text == ANOTHER
    alone = gather_evidence(question, [second], embedder.embed_query(question), vectors,
                            lambda term: 1.0, "french")
    assert not ExtractiveWriter().supports(alone)  # nothing says whose grant it is


def test_the_meaning_threshold_decides_an_off_topic_question(
        embedder: E5Embedder, vectors: CachedSentenceVectors) -> None:
    ev = _evidence(embedder, vectors, "Quelle est la recette de la ratatouille ?", TROOPS)
    assert ev.answers(), "usable sentences exist: only their meaning keeps them out"
    assert not ExtractiveWriter().supports(ev)
    assert ExtractiveWriter(min_dense=-1.0).supports(ev)


# ---- through the answerer: a declined question never reaches the model ------------------------

SEEN: list[dict[str, Any]] = []
REPLY: list[str] = []  # the pieces the scripted model streams instead of its sentence, when set


class StreamingModel(BaseHTTPRequestHandler):
    """Streams one sentence copied from the passage about Kourou, citing its number."""

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        SEEN.append(body)
        prompt = body["messages"][-1]["content"]
        m = re.search(r"^\[(\d+)\].*Kourou", prompt, re.M)
        n = m.group(1) if m else "1"
        send_chat_stream(self, REPLY or [f"La fusée Ariane 6 a décollé de Kourou en Guyane [{n}]."])


@pytest.fixture(scope="module")
def small_searcher(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder
                   ) -> tuple[Searcher, Settings]:
    return indexed_searcher(tmp_path_factory.mktemp("gate-index"), embedder, small_docs())


@pytest.fixture
def answerer(small_searcher: tuple[Searcher, Settings], embedder: E5Embedder
             ) -> Iterator[Answerer]:
    yield from _scripted_answerer(small_searcher, embedder)


def _scripted_answerer(indexed: tuple[Searcher, Settings], embedder: E5Embedder
                       ) -> Iterator[Answerer]:
    """An answerer over `indexed` whose model is the scripted server (SEEN and REPLY reset)."""
    searcher, settings = indexed
    SEEN.clear()
    REPLY.clear()
    with http_server(StreamingModel) as url:
        llm = OpenAICompatibleLLM(url, "scripted", timeout=20)
        try:
            yield Answerer(lambda: searcher, settings, llm=llm, embedder=embedder)
        finally:
            llm.close()


def test_a_question_the_sources_do_not_answer_never_reaches_the_model(
        answerer: Answerer) -> None:
    answer = answerer.answer("Combien de soldats la Russie a-t-elle envoyés au Kazakhstan ?")
    assert SEEN == []
    assert answer.abstained and answer.answer == NO_ANSWER["fr"]
    assert answer.citations == [] and not answer.fallback
    answer = answerer.answer("How old is the Russian president?")
    assert SEEN == [] and answer.abstained and answer.answer == NO_ANSWER["en"]


def test_a_question_the_sources_answer_reaches_the_model_once(answerer: Answerer) -> None:
    answer = answerer.answer("D'où la fusée Ariane 6 a-t-elle décollé ?")
    assert len(SEEN) == 1
    assert not answer.abstained and not answer.fallback
    assert answer.answer == "La fusée Ariane 6 a décollé de Kourou en Guyane [1]."
    assert [c.hit.chunk.doc_id for c in answer.citations] == ["astro"]


def test_a_model_that_finds_nothing_is_overruled_by_firm_evidence(answerer: Answerer) -> None:
    """The gate passed the question and its best sentence answers it firmly: the model's
    NOT_IN_SOURCES gives the extractive answer, not a refusal; on weak evidence it declines."""
    REPLY.append("NOT_IN_SOURCES")
    answer = answerer.answer("D'où la fusée Ariane 6 a-t-elle décollé ?")
    assert len(SEEN) == 1
    assert not answer.abstained and answer.fallback
    assert "Kourou" in answer.answer and answer.answer.endswith("[1].")
    assert [c.hit.chunk.doc_id for c in answer.citations] == ["astro"]
    answerer.firm_evidence = 2.0  # no evidence is that firm: the model's refusal stands
    answer = answerer.answer("D'où la fusée Ariane 6 a-t-elle décollé ?")
    assert answer.abstained and answer.answer == NO_ANSWER["fr"] and not answer.fallback


def test_an_answer_that_starts_like_the_sentinel_keeps_its_first_letters(
        answerer: Answerer) -> None:
    """"N" is held back (it may begin NOT_IN_SOURCES); the text it begins must keep it."""
    REPLY.extend(["N", "O", "rmalement, la fusée Ariane 6 a décollé de Kourou en Guyane [1]."])
    answer = answerer.answer("D'où la fusée Ariane 6 a-t-elle décollé ?")
    assert not answer.abstained and not answer.fallback
    assert answer.answer == "NOrmalement, la fusée Ariane 6 a décollé de Kourou en Guyane [1]."


BLOC = Document("bloc", "Tard mercredi, le président sortant du bloc, le Premier ministre arménien "
                "Nikol Pashinyan, a confirmé qu'une aide serait envoyée.", "L'aide du bloc")


@pytest.fixture(scope="module")
def bloc_searcher(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder
                  ) -> tuple[Searcher, Settings]:
    return indexed_searcher(tmp_path_factory.mktemp("bloc-index"), embedder,
                            [*small_docs(), BLOC])


@pytest.fixture
def bloc_answerer(bloc_searcher: tuple[Searcher, Settings], embedder: E5Embedder
                  ) -> Iterator[Answerer]:
    yield from _scripted_answerer(bloc_searcher, embedder)


def test_an_answer_that_names_no_country_for_which_country_falls_back(
        bloc_answerer: Answerer) -> None:
    """"De quel pays ... ?" answered with a true sentence that names no country (a capitalised
    name was enough before) gives the sentence that does: "arménien"."""
    question = "De quel pays Nikol Pashinyan est-il le Premier ministre ?"
    REPLY.append("Nikol Pashinyan est le président sortant du bloc [1].")
    answer = bloc_answerer.answer(question)
    assert len(SEEN) == 1 and answer.fallback and not answer.abstained
    assert "arménien" in answer.answer
    REPLY[:] = ["Nikol Pashinyan est le Premier ministre arménien [1]."]
    answer = bloc_answerer.answer(question)
    assert not answer.fallback
    assert answer.answer == "Nikol Pashinyan est le Premier ministre arménien [1]."


def test_the_sentences_to_quote_are_chosen_once_per_answer(
        bloc_answerer: Answerer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate, the prompt, the check of the model's answer and its fallback read one choice
    (before, a fallen-back answer chose its sentences four times)."""
    calls: list[object] = []
    real = extractive.choose

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(extractive, "choose", counted)
    REPLY[:] = ["Nikol Pashinyan est le président sortant du bloc [1]."]
    answer = bloc_answerer.answer("De quel pays Nikol Pashinyan est-il le Premier ministre ?")
    assert answer.fallback and "arménien" in answer.answer
    assert len(calls) == 1


def test_a_follow_up_asks_of_the_country_it_names(
        tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder) -> None:
    """"Et l'Arménie ?" after a question about Russia is read with it ("Et l'Arménie ?
    Combien de soldats la Russie ..."): a sentence about either country answers it; before,
    each country named was required and the Armenian figure was declined."""
    docs = [Document("ru", "La Russie a envoyé quelque 3 000 parachutistes au Kazakhstan.",
                     "Des parachutistes russes"),
            Document("am", "L'Arménie et le Tadjikistan ont envoyé entre 100 et 200 soldats "
                     "chacun au Kazakhstan.", "Les contingents des alliés")]
    searcher, settings = indexed_searcher(tmp_path_factory.mktemp("follow-index"), embedder,
                                          docs)
    answerer = Answerer(lambda: searcher, settings, embedder=embedder)
    history = [{"role": "user",
                "content": "Combien de soldats la Russie a-t-elle envoyés au Kazakhstan ?"},
               {"role": "assistant",
                "content": "La Russie a envoyé quelque 3 000 parachutistes [1]."}]
    answer = answerer.answer("Et l'Arménie ?", history=history)
    assert not answer.abstained and "entre 100 et 200" in answer.answer


def test_a_client_gone_during_the_rewrite_takes_no_retrieval_nor_queue_place(
        embedder: E5Embedder, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The follow-up rewrite runs before retrieval and the generation gate; a client that hung
    up meanwhile (its token fired) gets nothing more done for it."""
    docs = [Document("ru", "La Russie a envoyé quelque 3 000 parachutistes au Kazakhstan.",
                     "Des parachutistes russes")]
    searcher, settings = indexed_searcher(tmp_path_factory.mktemp("gone-index"), embedder,
                                          docs)
    searches: list[str] = []
    search = searcher.search

    def counted(query: str, *args: Any, **kwargs: Any) -> list[Hit]:
        searches.append(query)
        return search(query, *args, **kwargs)

    searcher.search = counted  # type: ignore[method-assign]
    answerer = Answerer(lambda: searcher, settings, embedder=embedder)
    history = [{"role": "user", "content": "Combien de soldats la Russie a-t-elle envoyés ?"},
               {"role": "assistant", "content": "Quelque 3 000 parachutistes [1]."}]
    gone = CancelToken()
    gone.cancel()
    assert answerer.answer_unless(gone, "Et où ?", history=history) is None
    assert searches == []
    assert answerer.answer_unless(None, "Et où ?", history=history) is not None
    assert len(searches) == 1


COMPOSER = ("Le compositeur Carlo Gesualdo écrivit six livres de madrigaux à Naples en 1594. "
            "Il épousa sa cousine Maria d'Avalos en 1586.")
BIRTH = "Carlo Gesualdo est né en 1566 à Venosa, dans le royaume de Naples."
LEAGUE = ("À la suite de la création de la Ligue du Nord en 1919, la rivalité entre les trois "
          "clubs se poursuit.")


@pytest.mark.parametrize(("question", "texts", "supported"), [
    # a year near the name is not its birth or death
    ("In what year was the composer Carlo Gesualdo born?", [COMPOSER], False),
    ("En quelle année est né Carlo Gesualdo ?", [COMPOSER], False),
    ("When did Carlo Gesualdo die?", [COMPOSER], False),
    ("In what year was the composer Carlo Gesualdo born?", [COMPOSER, BIRTH], True),
    ("En quelle année est né Carlo Gesualdo ?", [BIRTH], True),
    # a body is born when it is created
    ("Quand est-ce que la Ligue du Nord est née ?", [LEAGUE], True),
])
def test_a_birth_or_a_death_is_dated_by_a_sentence_that_says_it(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, texts: list[str],
        supported: bool) -> None:
    ev = _evidence(embedder, vectors, question, *texts)
    assert (ExtractiveWriter().compose(ev) is not None) is supported


ZAS = ("Le secrétaire général de l’OTSC, Stanislav Zas, a qualifié de « stupidité totale » les "
       "suggestions selon lesquelles les troupes agiraient comme des occupants.")
ZAS_KZ = ("Les événements au Kazakhstan « constituent une menace réelle pour la sécurité et "
          "l’intégrité territoriale du pays », selon le secrétaire général du bloc, Stanislav Zas.")
ZAS_BY = "Le général biélorusse Stanislav Zas dirige le secrétariat de l’OTSC."
BORN = ("Yoweri Kaguta est né à Ntungamo, dans le sud-ouest de l’Ouganda, dans le royaume "
        "d’Ankole.")
LUGANO = ("Une conférence sur les réformes concernant l’Ukraine se tiendra à Lugano, dans le sud "
          "de la Suisse, en juillet 2022.")
LUGANO_DAYS = "La conférence de Lugano sur l’Ukraine se tiendra les 4 et 5 juillet 2022."
EXPLOSIONS = ("Par ailleurs, trois explosions ont été entendues ce vendredi dans la partie nord "
              "d’Almaty, ont indiqué des sources d’information.")
CROWD = "Quelque 5 000 manifestants se sont rassemblés sur la place principale d’Almaty."
FORMER = ("Karim Massimov, ancien Premier ministre du Kazakhstan, a été arrêté pour trahison "
          "après le limogeage du gouvernement.")
NAMED = ("Après le limogeage du gouvernement, le président a nommé Alikhan Smaïlov Premier "
         "ministre du Kazakhstan.")


@pytest.mark.parametrize(("question", "texts", "supported"), [
    # a nationality is said of the person: a country far from his name is not his
    ("What is Stanislav Zas's nationality?", [ZAS, ZAS_KZ], False),
    ("What is Stanislav Zas's nationality?", [ZAS_BY], True),
    ("De quelle nationalité est Yoweri Kaguta ?", [BORN], True),
    # ... by any spelling of the name; a country he went to is not his
    ("What is Tokayev's nationality?", ["Le président kazakh Kassym-Jomart Tokaïev a demandé "
                                        "l'aide de l'OTSC."], True),
    ("What is Stanislav Zas's nationality?", ["Stanislav Zas est arrivé au Kazakhstan jeudi, "
                                              "selon l'OTSC."], False),
    # exact dates: a month gives no day
    ("Quelles sont les dates exactes de la conférence de Lugano sur l'Ukraine ?", [LUGANO],
     False),
    ("Quelles sont les dates exactes de la conférence de Lugano sur l'Ukraine ?",
     [LUGANO_DAYS], True),
    # protesters counted, across languages: three explosions are not a crowd
    ("How many protesters were gathered on Almaty's main square?", [EXPLOSIONS], False),
    ("How many protesters were gathered on Almaty's main square?", [CROWD], True),
    # who became prime minister: a former one is not the one who became it
    ("Who became prime minister of Kazakhstan after the government was dismissed?", [FORMER],
     False),
    ("Who became prime minister of Kazakhstan after the government was dismissed?", [NAMED],
     True),
])
def test_what_is_asked_of_someone_is_said_of_him(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, texts: list[str],
        supported: bool) -> None:
    ev = _evidence(embedder, vectors, question, *texts)
    assert (ExtractiveWriter().compose(ev) is not None) is supported


OUTGOING = ("Tard mercredi, le président sortant du bloc, le Premier ministre arménien Nikol "
            "Pashinyan, a confirmé qu’une aide serait envoyée.")
CHAIRS = ("Toutefois, l’Arménie, qui assure actuellement la présidence de l’OTSC, a confirmé sa "
          "participation. Pour les Russes, il s’agit de démontrer qu’ils n’agissent pas seuls")


@pytest.mark.parametrize(("question", "texts", "supported"), [
    # the nationality qualifies another office: Armenia's prime minister, not its president
    ("Qui est le président de l'Arménie ?", [OUTGOING], False),
    # ... and "les Russes" names no one, next to "la présidence" or not
    ("Qui est le président de l'Arménie ?", [CHAIRS], False),
    ("Qui est le Premier ministre arménien ?", [OUTGOING], True),
    ("Which Armenian leader confirmed that aid would be sent?", [OUTGOING], True),
    ("Qui est le chef de l'État arménien ?", [OUTGOING], False),
    # a first name that is also a people's word is a name
    ("Qui est le pape ?", ["Le pape François a appelé au dialogue au Kazakhstan."], True),
])
def test_a_nationality_qualifies_the_office_it_follows(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, texts: list[str],
        supported: bool) -> None:
    ev = _evidence(embedder, vectors, question, *texts)
    assert (ExtractiveWriter().compose(ev) is not None) is supported


ARRESTED = ("Un allié proche de Nazarbaïev, Karim Massimov, ancien Premier ministre, a été arrêté "
            "pour trahison après avoir été démis de ses fonctions de chef du KNB.")


@pytest.mark.parametrize(("question", "texts", "supported"), [
    # a former holder of the office is not the one whose government was just dismissed
    ("Comment s'appelait le Premier ministre kazakh dont le gouvernement a été limogé ?",
     [ARRESTED], False),
    ("What was the name of the prime minister whose cabinet was dismissed?", [ARRESTED], False),
    # ... unless a former one is asked about
    ("Quel ancien Premier ministre a été arrêté pour trahison ?", [ARRESTED], True),
])
def test_a_former_holder_is_not_the_holder_asked_for(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, texts: list[str],
        supported: bool) -> None:
    ev = _evidence(embedder, vectors, question, *texts)
    assert (ExtractiveWriter().compose(ev) is not None) is supported


GENERAL = ("Selon le porte-parole du ministère de la Défense, le général de division Igor "
           "Konashenkov, les casques bleus russes protégeront les consulats.")


@pytest.mark.parametrize(("question", "texts", "supported"), [
    # a rank is said of the person: a secretary general holds no rank
    ("Quel est le grade militaire de Stanislav Zas ?", [ZAS, ZAS_KZ], False),
    ("What is Igor Konashenkov's rank?", [GENERAL], True),
    ("Quel est le grade militaire d'Igor Konashenkov ?", [GENERAL], True),
])
def test_a_rank_is_said_of_the_person(
        embedder: E5Embedder, vectors: CachedSentenceVectors, question: str, texts: list[str],
        supported: bool) -> None:
    ev = _evidence(embedder, vectors, question, *texts)
    assert (ExtractiveWriter().compose(ev) is not None) is supported


def test_an_origin_or_a_ranking_asks_no_nationality_or_rank() -> None:
    assert analyse_question("Quelle est l'origine des troubles au Kazakhstan ?").asks == ()
    assert analyse_question("What is Kazakhstan's rank in the press freedom index?").asks == ()
    assert analyse_question("Quel est le grade militaire de Stanislav Zas ?").asks == ("rank",)


def test_people_are_counted_by_the_fate_asked(embedder: E5Embedder,
                                              vectors: CachedSentenceVectors) -> None:
    """blind4 b4_022: "des dizaines de morts" counts the people who died, though it never
    says "personnes"; a toll of the wounded does not."""
    dead = "Une crise qui a déjà fait des dizaines de morts et au moins un millier de blessés."
    ev = _evidence(embedder, vectors, "Combien de personnes sont mortes dans les émeutes ?",
                   dead)
    assert ev.sentences[0].kind
    wounded = "Une crise qui a déjà fait un millier de blessés."
    ev = _evidence(embedder, vectors, "Combien de personnes sont mortes dans les émeutes ?",
                   wounded)
    assert not ev.sentences[0].kind


def test_every_answer_takes_a_work_place_before_retrieval_whatever_the_backend(
        embedder: E5Embedder, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Security review 42, F1: the extractive writer took no place anywhere, so one client's
    44 long questions at once held every worker thread (other clients' /health 12.8 s). Now a
    client holds at most a quarter of RAG_ANSWER_CONCURRENCY's places, taken before the
    rewrite and retrieval, freed when the answer ends."""
    from rag import BusyError

    docs = [Document("ru", "La Russie a envoyé quelque 3 000 parachutistes au Kazakhstan.",
                     "Des parachutistes russes")]
    searcher, settings = indexed_searcher(tmp_path_factory.mktemp("work-index"), embedder,
                                          docs)
    answerer = Answerer(lambda: searcher, settings.model_copy(update={"answer_concurrency": 4}),
                        embedder=embedder)
    q = "Combien de soldats la Russie a-t-elle envoyés ?"
    held = answerer.stream(q, client="a")
    next(held)  # its first event: the place is held until the stream ends
    with pytest.raises(BusyError):
        next(answerer.stream(q, client="a"))
    other = answerer.stream(q, client="b")
    assert list(other)  # another client still gets its answer
    held.close()
    assert not answerer.answer(q, client="a").abstained  # the place is free again
