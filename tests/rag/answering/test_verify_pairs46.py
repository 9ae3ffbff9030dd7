"""Verifier errors of blind_pairs46 (studied in the fifty-fifth session): a deed its sentence
gives as hearsay told as done (v46_002), an order of size changed where the claim says who is
among those counted before what befell them (v46_022), and a title joined by "et" to an
apposition naming someone in two words ("proche allié de Noursoultan Nazarbaïev et ancien
ministre de la Défense", v46_007). (Left: v46_008, a cause turned round.)"""

from __future__ import annotations

from rag.answering.titles import titles
from rag.answering.verify import Verifier, _hearsay_restated, _order_roles

AIRPORT = ("L’Internet est bloqué dans tout le pays depuis au moins une journée entière et, "
           "selon des informations antérieures non confirmées, le plus grand aéroport "
           "international, l’aéroport d’Almaty, aurait été pris d’assaut et saisi par les "
           "émeutiers, tous les vols étant annulés.")
TOLL = ("Des dizaines de personnes, dont des citoyens et des policiers, ont été tuées, des "
        "milliers ont été arrêtées dans la capitale, Almaty, et des centaines d’autres ont été "
        "blessées.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_hearsay_told_as_done(verifier: Verifier) -> None:
    claim = ("Internet est bloqué dans tout le pays depuis au moins une journée, et l’aéroport "
             "d’Almaty, le plus grand aéroport international, a été pris d’assaut et saisi par "
             "les émeutiers, ce qui a entraîné l’annulation de tous les vols.")
    assert _hearsay_restated(claim, AIRPORT)
    assert not _supported(verifier, claim, AIRPORT)
    # the hearsay kept, or only the part the sentence tells as done: supported
    kept = ("Selon des informations non confirmées, l’aéroport d’Almaty aurait été pris "
            "d’assaut par les émeutiers.")
    assert not _hearsay_restated(kept, AIRPORT)
    assert _supported(verifier, kept, AIRPORT)
    assert _supported(verifier, "Internet est bloqué dans tout le pays depuis au moins une "
                      "journée.", AIRPORT)


def test_hearsay_in_reported_speech_is_not_hearsay() -> None:
    said = "Le ministre a confirmé que des renforts seraient envoyés à Almaty."
    assert not _hearsay_restated("Des renforts ont été envoyés à Almaty.", said)


def test_an_order_of_size_after_who_is_among_them(verifier: Verifier) -> None:
    claim = ("Des centaines de personnes, civils et policiers compris, ont été tuées, tandis que "
             "des milliers ont été arrêtées à Almaty et des centaines d’autres blessées.")
    assert (frozenset({"o:100"}), "dead") in _order_roles(claim)
    assert not _supported(verifier, claim, TOLL)
    assert _supported(verifier, claim.replace("Des centaines", "Des dizaines"), TOLL)


def test_a_title_after_a_two_word_name_in_the_apposition(verifier: Verifier) -> None:
    passage = ("L’appel de l’ex-président Noursoultan Nazarbaïev intervient alors qu’un de ses "
               "alliés proches, Karim Kajymkanouli Massimov, ancien Premier ministre, a été "
               "arrêté pour trahison.")
    claim = ("Karim Kajymkanouli Massimov, proche allié de Noursoultan Nazarbaïev et ancien "
             "ministre de la Défense, a été arrêté pour trahison.")
    assert titles(claim) == {"massimov": {"minister", "minister:defence"}}
    assert not _supported(verifier, claim, passage)
    assert _supported(verifier, claim.replace("ministre de la Défense", "Premier ministre"),
                      passage)
    # a list of names is no apposition
    assert titles("Karim Massimov, Noursoultan Nazarbaïev et le ministre ont parlé.") == {}
