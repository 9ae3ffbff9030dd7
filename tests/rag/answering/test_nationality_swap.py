"""A nationality the claim gives a thing where its sentence gives that thing another one
(combined_dev c_025, c_039, c_017): "villes russes" over "villes kazakhes"."""

from __future__ import annotations

from rag.answering.nationality_swap import nationalities_unsaid, nationality_swapped, qualified
from rag.answering.verify import Verifier

LOOTING = ("Dans le même temps, des pillages généralisés ont été signalés dans les principales "
           "villes kazakhes dans la nuit et aux premières heures de la matinée de jeudi.")
FORCES = "Les forces de sécurité kazakhes ont été dépassées par la virulence des manifestants."
CONTINGENT = ("Un contingent de troupes russes et d’autres pays alliés de Moscou sont arrivées "
              "jeudi au Kazakhstan pour appuyer le pouvoir en place.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_the_noun_a_nationality_qualifies() -> None:
    assert qualified("les forces de sécurité kazakhes", "fr") == [("sécurité", "KZ", "kazakhes")]
    assert qualified("Russian troops arrived in Kazakhstan.", "en") == [("troops", "RU",
                                                                         "Russian")]
    # a country's name is not a nationality word; nor a capitalised word in French
    assert qualified("Les troupes de la Russie", "fr") == []
    assert qualified("Russia sent troops to Kazakhstan on Thursday.", "en") == []
    assert qualified("Jordan said nothing.", "en") == []
    assert qualified("Les Russes sont arrivés", "fr") == []


def test_a_swapped_nationality_is_found() -> None:
    assert nationality_swapped("Des pillages ont été signalés dans les principales villes "
                               "russes.", "fr", LOOTING, "fr") == "russes"
    assert nationality_swapped("Widespread looting was reported in major Russian cities.",
                               "en", LOOTING, "fr") == "Russian"
    assert nationality_swapped("Un contingent de troupes chinoises est arrivé jeudi.", "fr",
                               CONTINGENT, "fr") == "chinoises"
    # the same nationality, or one the passage names too: nothing
    assert nationality_swapped("Widespread looting was reported in major Kazakh cities.",
                               "en", LOOTING, "fr") == ""
    assert nationality_swapped("Des troupes russes sont arrivées.", "fr",
                               "Des troupes kazakhes et russes sont arrivées.", "fr") == ""
    assert nationality_swapped("Les forces russes sont arrivées.", "fr",
                               "Les forces kazakhes ont appelé la Russie.", "fr") == ""
    # (its capital or seat of power names it too)
    assert nationality_swapped("Les troupes russes sont arrivées.", "fr",
                               "Les troupes kazakhes, aidées par Moscou, sont arrivées.",
                               "fr") == ""


def test_the_verifier_refuses_a_swapped_nationality(verifier: Verifier) -> None:
    assert not _supported(verifier, "Les forces de sécurité russes ont été dépassées par la "
                                    "virulence des manifestants.", FORCES)
    assert _supported(verifier, "Les forces de sécurité kazakhes ont été dépassées par la "
                                "virulence des manifestants.", FORCES)
    assert not _supported(verifier, "Widespread looting was reported in major Russian cities "
                                    "overnight and in the early hours of Thursday.", LOOTING)
    assert _supported(verifier, "Widespread looting was reported in major Kazakh cities "
                                "overnight and in the early hours of Thursday.", LOOTING)


def test_a_list_of_nationalities_qualifies_no_member() -> None:
    """combined_dev c_051: "Belarusian, Armenian, Tajik and Kyrgyz contingents" over
    "contingents bélarusses, arméniens, tadjikes et kirghizes" is no swap."""
    passage = ("Comprenant des troupes russes, et probablement des contingents bélarusses, "
               "arméniens, tadjikes et kirghizes, leur mission sera de protéger les installations.")
    assert nationality_swapped("It is made up of Russian troops and probably Belarusian, "
                               "Armenian, Tajik and Kyrgyz contingents.", "en", passage,
                               "fr") == ""
    assert qualified(passage, "fr") == [("troupes", "RU", "russes"),
                                        ("contingents", "BY", "bélarusses")]


def test_the_sentence_judged_not_the_chunk_must_name_the_country(verifier: Verifier) -> None:
    """combined_dev c_039: the chunk names Russian troops in another sentence; the sentence
    that restates the claim names only Kazakh forces."""
    chunk = ("Des troupes russes et de pays alliés de Moscou se déploient pour aider le régime à "
             "rétablir l’ordre au Kazakhstan. " + FORCES + " D’où le recours aux forces russes "
             "et de l’OTSC.")
    assert not _supported(verifier, "Les forces de sécurité russes ont été dépassées par la "
                                    "virulence des manifestants.", chunk)
    assert _supported(verifier, "Les forces de sécurité kazakhes ont été dépassées par la "
                                "virulence des manifestants.", chunk)


WARNED = ("Jeudi 6 janvier, le plus haut diplomate de l’Union européenne a mis en garde la "
          "Russie contre une intervention militaire au Kazakhstan voisin.")
QUOTED = ("« Je pense que tendre la main aux partenaires de l’OTSC est approprié et opportun », "
          "a déclaré le président Kassym-Jomart Tokayev, cité par les médias tard mercredi.")


def test_a_french_nationality_the_passage_names_nowhere_is_unsaid() -> None:
    # (blind_pairs51 v51_028: what "the top American diplomat" is in English, an anchor)
    assert nationalities_unsaid("Jeudi, le plus haut diplomate américain a mis en garde la "
                                "Russie.", "fr", WARNED) == ("américain",)
    assert nationalities_unsaid("Le président chinois a parlé hier.", "",
                                "Vladimir Poutine a parlé hier.") == ("chinois",)
    # its country, people, capital or seat named anywhere in the passage: said
    assert nationalities_unsaid("Le diplomate européen a mis en garde les troupes russes.",
                                "fr", WARNED + " Les Russes ont répondu.") == ()
    assert nationalities_unsaid("Le ministère russe a répondu.", "fr",
                                "Le Kremlin a répondu jeudi.") == ()
    # the nationality of the person named right after it, whom the passage names
    assert nationalities_unsaid("Le chef de l’État kazakh, Kassym-Jomart Tokayev, a jugé cela "
                                "opportun.", "fr", QUOTED) == ()
    assert nationalities_unsaid("Le président russe Vladimir Poutine a parlé.", "fr",
                                "Vladimir Poutine a parlé hier.") == ()
    # ... not a name further on ("la Russie" is who was warned, not whose diplomat)
    assert nationalities_unsaid("Le plus haut diplomate américain a mis en garde la Russie.",
                                "fr", WARNED) == ("américain",)
    # English claims: their nationality words are names, checked as such
    assert nationalities_unsaid("The top American diplomat warned Russia.", "en", WARNED) == ()


def test_the_verifier_refuses_a_nationality_its_passage_never_gives(verifier: Verifier
                                                                    ) -> None:
    assert not _supported(verifier, "Jeudi 6 janvier, le plus haut diplomate américain a mis en "
                                    "garde la Russie contre une intervention militaire au "
                                    "Kazakhstan voisin.", WARNED)
    assert _supported(verifier, "Jeudi 6 janvier, le plus haut diplomate européen a mis en "
                                "garde la Russie contre une intervention militaire au "
                                "Kazakhstan voisin.", WARNED)
    assert _supported(verifier, "Le chef de l’État kazakh, Kassym-Jomart Tokayev, a jugé « "
                                "approprié et opportun » de tendre la main aux partenaires de "
                                "l’OTSC.", QUOTED)
