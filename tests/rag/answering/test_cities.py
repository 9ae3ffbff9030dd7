"""A capital the claim puts something in must be named by the passage (blind_pairs27 miss
v27_024): "le Kremlin" and "russe" stand for Moscow acting, not for where two men met."""

from __future__ import annotations

from rag.answering.cities import capitals_unsaid, cities_unsaid
from rag.answering.verify import Verifier

CALL = ("Le président russe Vladimir Poutine et son homologue kazakh Kassym-Jomart Tokaïev ont "
        "eu une longue conversation téléphonique afin de discuter de la situation de crise au "
        "Kazakhstan, a annoncé samedi le Kremlin dans un communiqué.")
SEAT = "Le bloc, qui a son siège à Moscou, prend ses décisions par consensus."


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_a_capital_given_as_a_place_must_be_written() -> None:
    words = {"le", "kremlin", "russe", "russie"}
    assert cities_unsaid("Ils se sont entretenus à Moscou samedi.", words) == ("Moscou",)
    assert cities_unsaid("The two men met in Moscow on Saturday.", words) == ("Moscow",)
    # written in the other language's spelling: held
    assert cities_unsaid("The bloc is based in Moscow.", {"moscou"}) == ()
    assert cities_unsaid("Un porte-parole à Pékin a déclaré ...", {"beijing"}) == ()
    # the capital acting, a diplomat's post, what is owed or asked of it: left to the metonymy
    assert cities_unsaid("Moscou a dénoncé l'ingérence.", words) == ()
    assert cities_unsaid("L'ambassadeur russe à Washington a déclaré ...", {"etats"}) == ()
    assert cities_unsaid("Tokaïev adresse un message de loyauté à Moscou.", words) == ()
    assert cities_unsaid("Il a demandé à Moscou d'envoyer des troupes.", words) == ()
    assert cities_unsaid("In Washington's view, the request was legitimate.", words) == ()


def test_the_verifier_refuses_a_meeting_placed_in_a_capital(verifier: Verifier) -> None:
    assert not _supported(verifier, "Vladimir Poutine et Kassym-Jomart Tokaïev se sont "
                                    "longuement entretenus à Moscou au sujet de la crise au "
                                    "Kazakhstan, a annoncé samedi le Kremlin.", CALL)
    assert _supported(verifier, "Vladimir Poutine et Kassym-Jomart Tokaïev ont eu une longue "
                                "conversation téléphonique sur la crise au Kazakhstan, a "
                                "annoncé samedi le Kremlin.", CALL)
    assert _supported(verifier, "The bloc is headquartered in Moscow and decides by consensus.",
                      SEAT)


AIRPORT = ("Selon le porte-parole du ministère de la Défense, le général de division Igor "
           "Konashenkov, les casques bleus russes seront utilisés pour protéger les consulats du "
           "pays, ainsi que l’aéroport international de la plus grande ville du Kazakhstan, "
           "Almaty.")


def test_a_city_called_a_capital_must_be_one_the_passage_or_the_reader_knows() -> None:
    """blind_pairs29 v29_015: "Kazakhstan's capital, Almaty" over "la plus grande ville du
    Kazakhstan, Almaty" (Almaty was the capital until 1997)."""
    words = {"la", "plus", "grande", "ville", "du", "kazakhstan", "almaty"}
    assert capitals_unsaid("the airport of Kazakhstan's capital, Almaty", words) == ("capital",)
    assert capitals_unsaid("l'aéroport d'Almaty, la capitale du pays", words) == ("capital",)
    assert capitals_unsaid("Almaty is the economic capital of Kazakhstan.", words) == (
        "capital",)
    # the passage says it, or the city is a capital the reader knows
    assert capitals_unsaid("Almaty, the economic capital", words | {"capitale"}) == ()
    assert capitals_unsaid("the airport of the capital, Nur-Sultan", words) == ()
    assert capitals_unsaid("l'aéroport de la capitale", {"aeroport", "nur-sultan"}) == ()
    # no city's capital: money, a degree, governments
    for claim in ("Capital flight from Kazakhstan grew.", "une importance capitale",
                  "les capitales occidentales ont réagi", "It raised capital of 3 million."):
        assert capitals_unsaid(claim, words) == (), claim


def test_the_verifier_refuses_a_city_made_a_capital(verifier: Verifier) -> None:
    assert not _supported(verifier, "According to spokesman Igor Konashenkov, Russian "
                                    "peacekeepers will guard the consulates and the "
                                    "international airport of Kazakhstan's capital, Almaty.",
                          AIRPORT)
    assert _supported(verifier, "According to spokesman Igor Konashenkov, Russian "
                                "peacekeepers will guard the consulates and the international "
                                "airport of Kazakhstan's largest city, Almaty.", AIRPORT)
