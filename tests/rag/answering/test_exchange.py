"""Two parties each put where the other stands, read from their neighbouring words."""

from __future__ import annotations

import pytest

from rag.answering.exchange import exchanged
from rag.answering.verify import Verifier
from tests.rag.answering.test_verify import one

AIRPORT = ("Jeudi soir, les militaires avaient repris le contrôle du principal aéroport, saisi "
           "plus tôt par les manifestants, mais les combats se poursuivaient entre le personnel "
           "de sécurité et les manifestants sur la place principale d’Almaty, selon Reuters.")
CALL = ("M. Nazarbaïev «appelle tous les citoyens à se rassembler autour du président du "
        "Kazakhstan pour lui permettre de surmonter cette crise», a écrit le porte-parole, "
        "Aidos Ukibay, sur Twitter.")


@pytest.mark.parametrize(("claim", "sentence"), [
    # blind_pairs9 v9_069, v9_081
    ("Jeudi soir, les manifestants avaient repris le contrôle du principal aéroport, saisi "
     "plus tôt par les militaires, selon Reuters.", AIRPORT),
    ("Le président appelle tous les citoyens à se rassembler autour de Nazarbaïev, a écrit "
     "Aidos Ukibay sur Twitter.", CALL),
    ("The rioters had retaken the airport, which the police had seized earlier.",
     "The police had retaken the airport, which the rioters had seized earlier."),
])
def test_two_parties_exchanged_in_the_sentences_language(claim: str, sentence: str) -> None:
    assert exchanged(claim, sentence)


@pytest.mark.parametrize(("claim", "sentence"), [
    # each party in place, in other words
    ("Jeudi soir, les militaires avaient repris l’aéroport, que les manifestants avaient "
     "saisi plus tôt.", AIRPORT),
    ("Nazarbaïev appelle les citoyens à se rassembler autour du président, selon Aidos "
     "Ukibay.", CALL),
    # closing review M1: order says nothing in a relation that goes both ways, or a list
    ("Poutine s'est entretenu par téléphone avec Tokaïev mercredi soir.",
     "Tokaïev s'est entretenu par téléphone avec Poutine mercredi soir, selon le Kremlin."),
    ("Des affrontements entre policiers et manifestants ont fait des dizaines de morts.",
     "Des affrontements entre manifestants et policiers ont fait des dizaines de morts."),
    ("Des heurts ont opposé les policiers aux manifestants devant la mairie d'Almaty.",
     "Des heurts ont opposé les manifestants aux policiers devant la mairie d'Almaty."),
    ("La Russie, la Biélorussie, l'Arménie, le Tadjikistan et le Kirghizistan ont envoyé des "
     "troupes.", "Le Kirghizistan, le Tadjikistan, l'Arménie, la Biélorussie et la Russie ont "
     "envoyé des troupes."),
    # two things that are no party exchanged (blind_pairs9 v9_117, a true paraphrase)
    ("Tokayev a attribué à une « agression extérieure » des troubles marqués par l’incendie "
     "de bâtiments gouvernementaux et le pillage de banques.",
     "Tokayev a imputé à une « agression extérieure » les troubles qui ont vu des bâtiments "
     "gouvernementaux incendiés et des banques pillées."),
])
def test_parties_in_place_or_words_that_are_no_party(claim: str, sentence: str) -> None:
    assert not exchanged(claim, sentence)


def test_the_verifier_refuses_an_exchange_only_in_the_sources_language(
        verifier: Verifier) -> None:
    assert one(verifier, "Jeudi soir, les manifestants avaient repris le contrôle du principal "
                         "aéroport, saisi plus tôt par les militaires, selon Reuters [1].",
               AIRPORT) == (False, "agent")
    assert one(verifier, "Jeudi soir, les militaires avaient repris le contrôle du principal "
                         "aéroport, saisi plus tôt par les manifestants, selon Reuters [1].",
               AIRPORT)[0]


MESSAGE = ("Il a décidé d’envoyer un double message : de fermeté d’une part aux manifestants, de "
           "loyauté d’autre part vis-à-vis de Moscou")


def test_two_qualities_pointed_at_two_parties_the_other_way_round() -> None:
    """blind_pairs16 v17_012, blind_pairs17 v18_036, blind_pairs8 v9_014: firmness and
    loyalty exchanged between the protesters and Moscow, in either language."""
    from rag.answering.exchange import bindings_swapped

    assert bindings_swapped("Tokaïev a choisi d'envoyer un double message : de loyauté envers "
                            "les manifestants et de fermeté vis-à-vis de Moscou.", "fr",
                            MESSAGE, "fr")
    assert bindings_swapped("Tokayev sent a double message: firmness towards Moscow and "
                            "loyalty towards the protesters.", "en", MESSAGE, "fr")
    # as the sentence points them: nothing
    assert not bindings_swapped("Tokayev sent a double message: firmness to the protesters and "
                                "loyalty towards Moscow.", "en", MESSAGE, "fr")
    assert not bindings_swapped("Il envoie un message de fermeté aux manifestants.", "fr",
                                MESSAGE, "fr")


BELARUS = ("La Biélorussie a déployé un groupe de travail vendredi, le transportant par avion "
           "dans le pays via la Russie.")


def test_two_countries_exchanged_across_languages() -> None:
    """pairs.jsonl p0358: "Russia deployed ... via Belarus" over "La Biélorussie a déployé
    ... via la Russie": countries are matched by what country they are, neighbours by the
    lexicon's translations; the claim in the sentence's order is not an exchange."""
    assert exchanged("Russia deployed a working group on Friday, flying it into the country "
                     "via Belarus.", BELARUS, "en")
    assert not exchanged("Belarus deployed a working group on Friday, flying it into the "
                         "country via Russia.", BELARUS, "en")
    # ... and only countries: a base and a country in another order are no exchange (v8_003)
    assert not exchanged(
        "Tajik soldiers of the CSTO peacekeeping force left Ayni air base in Tajikistan for "
        "Kazakhstan on Jan. 7, 2021.", "Des militaires tadjiks, qui font partie de la force de "
        "maintien de la paix de l’Organisation du Traité de sécurité collective (OTSC), partent "
        "pour le Kazakhstan depuis la base aérienne d’Ayni au Tadjikistan le 7 janvier 2021.",
        "en")


def test_an_exchange_across_languages_is_refused(verifier: Verifier) -> None:
    assert one(verifier, "Russia deployed a working group on Friday, flying it into the "
               "country via Belarus [1].", BELARUS) == (False, "agent")
    assert one(verifier, "Belarus deployed a working group on Friday, flying it into the "
               "country via Russia [1].", BELARUS)[0]


@pytest.mark.parametrize(("claim", "sentence"), [
    ("Belarus was attacked by Russia.", "La Russie a attaqué la Biélorussie, selon les "
     "responsables."),
    ("Kazakhstan was helped by Russia during the crisis.", "La Russie a aidé le Kazakhstan "
     "pendant la crise."),
])
def test_a_passive_across_languages_is_no_exchange(claim: str, sentence: str) -> None:
    """Diff review 45: a passive puts the doer last, which the neighbours read as an
    exchange."""
    assert not exchanged(claim, sentence, "en")
