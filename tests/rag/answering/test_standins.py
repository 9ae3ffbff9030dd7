"""Names a passage gives by a generic noun ("le pays", "le bloc", "the cosmodrome") or
without a first name ("M. Peskov"): a true claim naming them is not missing a name; a claim
naming something else where the passage names its own is."""

from __future__ import annotations

from rag.answering.standins import has_stand_in, stood_for
from rag.answering.verify import Verifier
from tests.cpu import cpu_spent
from tests.rag.answering.test_verify import one

PESKOV = ("M. Peskov a souligné devant les journalistes que le pays peut « résoudre ses "
          "propres problèmes » et qu’il est crucial que « personne n’interfère de "
          "l’extérieur ».")
BLOC = ("Le bloc de sécurité, composé de six anciens États soviétiques, a été formé en 1992, "
        "à la suite de l’effondrement de l’Union soviétique.")
COSMODROME = ("À en juger par certaines données non officielles, environ un millier et demi "
              "de militaires russes sont impliqués dans la garde des installations du "
              "cosmodrome.")


def test_the_country_a_passage_calls_le_pays(verifier: Verifier) -> None:
    assert one(verifier, "M. Peskov a insisté sur le fait que le Kazakhstan est capable de "
               "régler lui-même ses problèmes [1].", PESKOV)[0]
    # ... but not where the passage names a country: "le pays" is that one
    named = PESKOV.replace("M. Peskov", "M. Peskov, parlant de la crise au Kirghizstan,")
    ok, why = one(verifier, "M. Peskov a insisté sur le fait que le Kazakhstan est capable de "
                  "régler lui-même ses problèmes [1].", named)
    assert not ok and why == "missing"
    # ... nor for two countries at once
    ok, why = one(verifier, "Russian spokesman Peskov told journalists that Kazakhstan can "
                  "solve its own problems [1].", PESKOV)
    assert not ok and why == "missing"


def test_the_body_a_passage_calls_le_bloc(verifier: Verifier) -> None:
    assert one(verifier, "L’OTSC, qui réunit six anciens États soviétiques, a été créée en "
               "1992, après l’effondrement de l’URSS [1].", BLOC)[0]
    ok, why = one(verifier, "L’OTSC, qui réunit six anciens États soviétiques, a été créée en "
                  "1992, après l’effondrement de l’URSS [1].",
                  BLOC.replace("Le bloc de sécurité", "Le bloc de sécurité de l’OTAN"))
    assert not ok and why == "missing"


def test_the_place_a_passage_calls_the_cosmodrome(verifier: Verifier) -> None:
    assert one(verifier, "Unofficial data suggest that about 1,500 Russian soldiers guard the "
               "Baikonur cosmodrome [1].", COSMODROME)[0]
    # a name not put as a place is no stand-in's
    ok, why = one(verifier, "Unofficial data suggest that Tokayev ordered about 1,500 Russian "
                  "soldiers to guard the cosmodrome [1].", COSMODROME)
    assert not ok and why == "missing"


def test_a_first_name_the_passage_leaves_out(verifier: Verifier) -> None:
    assert one(verifier, "Dmitri Peskov a souligné devant les journalistes que le pays peut "
               "résoudre ses propres problèmes [1].", PESKOV)[0]
    # ... not where the passage gives another one
    ok, why = one(verifier, "Dmitri Peskov a souligné devant les journalistes que le pays peut "
                  "résoudre ses propres problèmes [1].", PESKOV.replace("M. Peskov",
                                                                          "Sergueï Peskov"))
    assert not ok and why == "missing"


def test_stood_for_reads_the_sorts_the_passage_names() -> None:
    def never(_: str) -> bool:
        return False

    assert stood_for("Kazakhstan", "country", "", "que le pays peut", set(), [], never)
    assert not stood_for("Kazakhstan", "country", "", "que le pays peut", {"country"}, [],
                         never)
    assert not stood_for("Kazakhstan", "country", "", "que la région peut", set(), [], never)
    assert stood_for("OTSC", "body", "", "The alliance said", {"country"}, ["peskov"], never)
    assert not stood_for("Almaty", "place", "Tokayev met Almaty", "the city", set(), [], never)
    assert stood_for("Almaty", "place", "Protests in Almaty", "the city", set(), [], never)
    assert not stood_for("Almaty", "place", "Protests in Almaty", "the city", set(), ["aktau"],
                         never)


def test_stand_ins_stay_linear_on_long_passages(verifier: Verifier) -> None:
    """Review 16 F2: the first-name check read the whole passage back from every surname, for
    every sentence and claim (seconds per claim and sentence)."""
    long_word = "a" * 19_900
    passage = "M. Macron a vu " + long_word + ". " + " ".join(
        f"Le pays numéro {k} a voté." for k in range(100))
    answer = " ".join("Emmanuel Macron a vu le Kazakhstan [1]." for _ in range(20))
    verifier.verify("warm [1].", ["warm."])
    with cpu_spent() as spent:
        verifier.verify(answer, [passage])
    assert spent.seconds < 10


def test_words_with_other_senses_stand_for_nothing(verifier: Verifier) -> None:
    """Closing review: "l'organisation de", "le site du gouvernement", "the capital raised"."""
    ok, why = one(verifier, "L’OTAN a condamné l’attaque [1].",
                  "L’organisation a condamné l’attaque contre le convoi.")
    assert not ok and why == "missing"
    ok, why = one(verifier, "The company raised the money from investors in London [1].",
                  "The company raised the capital from investors last year.")
    assert not ok and why == "missing"


def test_a_seat_of_power_for_another_of_its_country(verifier: Verifier) -> None:
    assert one(verifier, "Le 5 janvier 2022, Moscou avait appelé à résoudre la crise par le "
                         "dialogue [1].", "Le Kremlin avait appelé, mercredi 5 janvier 2022, à "
                         "résoudre la crise au Kazakhstan par le dialogue.")[0]


def test_no_stand_in_for_a_person_an_acronym_or_a_seat(verifier: Verifier) -> None:
    """blind_pairs5 v6_086, blind_pairs6 v7_092, blind_pairs15 v16_022: a person, an acronym
    or a seat of power the passage never names is missing, whatever its pronouns."""
    emergency = ("Ceci après qu’il ait étendu l’état d’urgence à l’ensemble du pays, et alors que "
                 "des observateurs extérieurs ont déclaré qu’Internet a été bloqué.")
    ok, why = one(verifier, "This came after Tokayev extended the state of emergency to the "
                            "entire country [1].", emergency)
    assert not ok and why == "missing"
    assert has_stand_in("country", "à l’ensemble du pays")
    passage = ("Les manifestations ont commencé il y a quelques jours, lorsque les autorités "
               "ont supprimé le plafonnement du prix de l’essence.")
    ok, why = one(verifier, "The protests began a few days ago when the authorities lifted the "
                            "cap on fuel prices to meet the terms of an IMF loan [1].", passage)
    assert not ok and why == "missing"
    borrell = ("Le chef des affaires étrangères de l’UE, Josep Borrell, s’est dit « très "
               "préoccupé par l’évolution de la situation au Kazakhstan ».")
    ok, why = one(verifier, "Josep Borrell said he was very worried about Kazakhstan and "
                            "called for sanctions against Moscow [1].", borrell)
    assert not ok and why == "missing"


MEMBERS = ("Les participants tiennent un sommet chaque printemps et ne peuvent pas rejoindre "
           "d’autres alliances militaires, comme l’OTAN.")


def test_a_bodys_members_stand_for_it_beside_a_body_the_claim_names_too(
        verifier: Verifier) -> None:
    """"Les participants" is the bloc a claim names when the only other body of the passage is
    one the claim names too, on the same side of it; swapped, the claim is caught."""
    assert one(verifier, "CSTO members hold a summit every spring and are barred from joining "
               "other military alliances such as NATO [1].", MEMBERS)[0]
    ok, why = one(verifier, "NATO members hold a summit every spring and are barred from "
                  "joining other military alliances such as the CSTO [1].", MEMBERS)
    assert not ok
    # ... and a body the claim does not name keeps the generic noun from standing for it
    ok, why = one(verifier, "CSTO members hold a summit every spring and are barred from "
                  "joining other military alliances [1].", MEMBERS)
    assert not ok and why == "missing"


def test_a_generic_noun_the_claim_says_itself_stands_for_no_other_name(
        verifier: Verifier) -> None:
    """blind_pairs32 v32_028: "the country's government" is the claim's own "du pays", so
    "at Moscow's request" is a name the passage never says."""
    passage = ("Le successeur trié sur le volet de Nazarbayev, le président Kassym-Jomart "
               "Tokayev, a initialement limogé le gouvernement du pays en début de semaine en "
               "réponse aux troubles.")
    claim = ("Early in the week, President Kassym-Jomart Tokayev, Nazarbayev's hand-picked "
             "successor, dismissed the country's government at Moscow's request.")
    assert not verifier.verify(claim + " [1]", [passage]).claims[0].supported
    true = ("Early in the week, President Kassym-Jomart Tokayev, Nazarbayev's hand-picked "
            "successor, dismissed the country's government in response to the unrest.")
    assert verifier.verify(true + " [1]", [passage]).claims[0].supported
    # a generic noun said with the name is the name's (blind_pairs14 v15_023)
    members = ("Les participants organisent des exercices militaires conjoints chaque année et "
               "ne peuvent pas faire partie d’autres blocs militaires, tels que l’OTAN dirigée "
               "par les États-Unis.")
    assert verifier.verify("Les membres de l’OTSC mènent chaque année des exercices militaires "
                           "communs et n’ont pas le droit d’appartenir à un autre bloc "
                           "militaire, comme l’OTAN. [1]", [members]).claims[0].supported


def test_a_generic_noun_after_the_name_may_be_the_name(verifier: Verifier) -> None:
    """(the session's diff review) "Le Kazakhstan ... le gouvernement du pays": the claim's
    own noun refers back to the name, which the passage's "Le pays" stands for."""
    for claim, passage in (
            ("Le Kazakhstan traverse sa pire crise depuis l'indépendance et le président a "
             "limogé le gouvernement du pays.", "Le pays traverse sa pire crise depuis "
             "l'indépendance, et le président a limogé le gouvernement."),
            ("Internet remains cut throughout Kazakhstan since Wednesday; the country's banks "
             "are closed.", "Internet reste coupé dans tout le pays depuis mercredi, et les "
             "banques sont fermées."),
            ("The CSTO sent troops, which will stay a few days, according to the statement "
             "from the alliance.", "L'alliance a envoyé des troupes, qui resteront quelques "
             "jours, selon le communiqué.")):
        assert verifier.verify(claim + " [1]", [passage]).claims[0].supported, claim
