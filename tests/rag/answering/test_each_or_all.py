"""A figure of each told as of all together, or the other way round (blind_pairs34 v34_008);
a likeness the sentence denies (v34_013)."""

from __future__ import annotations

from rag.answering.each_or_all import each_or_all_swapped, likeness_denied
from rag.answering.verify import Verifier

EACH = ("L’Arménie, le Kirghizistan et le Tadjikistan ont envoyé entre 100 et 200 personnes "
        "chacun et ont également déployé du matériel militaire.")
TOTAL = "La Russie et la Biélorussie ont envoyé 3 000 soldats au total."
GENEVA = ("Contrairement au sommet entre Vladimir Poutine et Joe Biden, lors duquel le président "
          "suisse a joué le rôle d’hôte et les invités ont été accueillis dans des locaux "
          "suisses, la rencontre de lundi se déroule à la mission diplomatique des États-Unis à "
          "Genève.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_each_and_all_together_are_told_apart() -> None:
    assert each_or_all_swapped("Armenia, Kyrgyzstan and Tajikistan sent between 100 and 200 "
                               "personnel in total.", EACH)
    assert each_or_all_swapped("L’Arménie, le Kirghizistan et le Tadjikistan ont envoyé en tout "
                               "entre 100 et 200 personnes.", EACH)
    assert each_or_all_swapped("Russia and Belarus sent 3,000 soldiers each.", TOTAL)
    # said as the sentence says it, or with no figure: nothing
    assert not each_or_all_swapped("Armenia, Kyrgyzstan and Tajikistan each sent between 100 "
                                   "and 200 personnel.", EACH)
    assert not each_or_all_swapped("Russia and Belarus sent 3,000 soldiers in total.", TOTAL)
    assert not each_or_all_swapped("The three countries sent troops in total secrecy.", EACH)
    # "every member" sends, the figure is the force's (blind_pairs25 v26_014, v5_076)
    force = "La force est composée d’environ 2 600 militaires au total."
    assert not each_or_all_swapped("The peacekeeping force totals approximately 2,600 troops, "
                                   "with every CSTO member sending personnel.", force)
    assert not each_or_all_swapped("Chaque État membre de l’OTSC a fourni des effectifs à la "
                                   "force, qui compte quelque 2 600 soldats.", force)
    # "each of the three countries" counts the group, not a figure of each
    assert not each_or_all_swapped("Each of the three countries sent troops.",
                                   "Les trois pays ont envoyé 300 soldats au total.")
    assert not each_or_all_swapped("Chacun des trois pays a envoyé des troupes.",
                                   "Les trois pays ont envoyé 300 soldats au total.")
    # a sentence that says both (each, and the total) may be read either way
    assert not each_or_all_swapped("They sent 300 in total.",
                                   "Ils ont envoyé 100 soldats chacun, 300 au total.")


def test_a_likeness_the_sentence_denies_is_caught() -> None:
    assert likeness_denied("Comme lors du sommet entre Vladimir Poutine et Joe Biden, la "
                           "rencontre de lundi à Genève se tient dans des locaux suisses.", GENEVA)
    assert likeness_denied("As with the Putin-Biden summit, Monday's meeting takes place on "
                           "Swiss premises.", GENEVA)
    # the claim says it was unlike, or compares with something else: nothing
    assert not likeness_denied("Unlike the Putin-Biden summit, Monday's meeting is held at the "
                               "US mission.", GENEVA)
    assert not likeness_denied("Comme en 2021, la rencontre se tient à Genève.", GENEVA)
    # ... or denies the likeness itself (blind_pairs4 v5_053)
    assert not likeness_denied("La rencontre de lundi se tient à la mission américaine, et non "
                               "dans des locaux suisses comme lors du sommet Poutine-Biden.",
                               GENEVA)


def test_the_verifier_rejects_both(verifier: Verifier) -> None:
    assert not _supported(verifier, "Armenia, Kyrgyzstan and Tajikistan sent between 100 and "
                          "200 personnel in total, and also deployed military equipment.", EACH)
    assert _supported(verifier, "Armenia, Kyrgyzstan and Tajikistan each sent between 100 and "
                      "200 personnel and also deployed military equipment.", EACH)
    assert not _supported(verifier, "Comme lors du sommet entre Vladimir Poutine et Joe Biden, "
                          "la rencontre de lundi à Genève se tient dans des locaux suisses, le "
                          "président suisse jouant le rôle d’hôte.", GENEVA)
