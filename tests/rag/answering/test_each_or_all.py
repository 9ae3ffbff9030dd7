"""A figure of each told as of all together, or the other way round (blind_pairs34 v34_008);
a likeness the sentence denies (v34_013)."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(("claim", "sentence"), [
    # diff review 43: a time said of each, a group counted, "brought together", a phrase
    ("In 2021, the exercises brought together 4,000 troops.",
     "In 2021, 4,000 troops took part in the exercises, held every year since 2015."),
    ("Au total, 4 000 soldats ont participé aux exercices en 2021.",
     "En 2021, 4 000 soldats ont participé aux exercices, organisés chaque année depuis 2015."),
    ("The CSTO force numbered about 2,500 troops in total.",
     "The force numbered about 2,500 troops, each of the six member states contributing."),
    ("The forum brings together about 3,000 participants.",
     "Le forum rassemble chaque année environ 3 000 participants."),
    ("They sent 300 troops in total independence from Moscow.",
     "Ils ont envoyé 100 soldats chacun."),
])
def test_times_groups_and_phrases_are_no_each_or_total(claim: str, sentence: str) -> None:
    assert not each_or_all_swapped(claim, sentence)


@pytest.mark.parametrize(("claim", "sentence"), [
    # diff review 43: the sentence makes the likeness itself, or contradicts a report
    ("As in 2021, the summit was held in Geneva.",
     "Contrary to earlier reports, the summit was held in Geneva, as in 2021."),
    ("Comme en 2021, le sommet s'est tenu à Genève.",
     "Contrairement à ce qui avait été annoncé, le sommet s'est tenu à Genève, comme en 2021."),
    ("Protesters would like the government to resign.",
     "Contrary to official claims, protesters would like the government to resign."),
    ("Kazakhstan, like Russia, is a member of the CSTO.",
     "Unlike Ukraine, Kazakhstan is, like Russia, a member of the CSTO."),
    ("Comme à l'accoutumée, le président a prononcé son discours à la télévision.",
     "Contrairement à ce qu'affirmait l'opposition, le président a prononcé son discours à la "
     "télévision, comme à l'accoutumée."),
    ("Just as the protests began, the government resigned.",
     "Contrary to what many expected, the government resigned just as the protests began."),
])
def test_a_likeness_the_sentence_makes_or_a_report_contradicted_is_no_denial(
        claim: str, sentence: str) -> None:
    assert not likeness_denied(claim, sentence)


def test_each_or_all_reads_a_long_text_once() -> None:
    """Diff review 43: each marker split the whole text again (0.20 s for 20,000 characters
    of "chaque" and one figure)."""
    from tests.cpu import cpu_spent

    text = "chaque " * 3_000 + "3 000 soldats au total."
    with cpu_spent() as spent:
        for _ in range(5):
            each_or_all_swapped(text, text)
    assert spent.seconds < 0.5, spent.seconds


def test_together_is_all_of_them_but_together_with_is_company() -> None:
    """blind_pairs36 v36_001: "together sent between 100 and 200" over "... chacun"."""
    assert each_or_all_swapped("Armenia, Kyrgyzstan and Tajikistan together sent between 100 "
                               "and 200 personnel and also deployed military equipment.", EACH)
    assert not each_or_all_swapped("Armenia, together with Kyrgyzstan and Tajikistan, sent "
                                   "between 100 and 200 personnel each.", EACH)


def test_coming_together_is_no_total() -> None:
    """Diff review 45: "came together" is a gathering."""
    assert not each_or_all_swapped("The six leaders came together on 10 January and spoke "
                                   "for 10 minutes.", "The six leaders each spoke for 10 "
                                   "minutes on 10 January.")
