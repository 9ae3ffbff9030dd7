"""Verifier rules read without the model (blind_pairs24): a source's country named by the
claim through its people's word ("britanniques" for "le Royaume-Uni") is no other name; a
possibility told as a fact under a plain "say"; "X, but not Y" with the sides exchanged."""

from __future__ import annotations

from rag.answering.countries import name_code, nations_of
from rag.answering.verify import (
    _claim_facts,
    _contrast_swapped,
    _fits,
    _hedge_dropped,
    describe,
)


def test_nations_of_reads_peoples_words_and_names_in_several_words() -> None:
    assert nations_of("plus de 85 ONG britanniques") == {"GB"}
    assert nations_of("le gouvernement kazakh") == {"KZ"}
    assert nations_of("Russian-led troops reached the United States") == {"RU", "US"}
    assert nations_of("Ned Price told us") == frozenset()
    assert name_code("royaumeuni") == "GB"
    assert name_code("kazakhstan") == "KZ"
    assert name_code("price") is None


def test_a_country_the_claim_names_by_its_people_is_no_other_name() -> None:
    passage = ("« [Il] semble que les ONG étrangères se soient bien comportées », a déclaré "
               "Rasmussen. « De plus, le Royaume-Uni compte plus de 85 ONG également présentes "
               "au Kazakhstan. »")
    d = describe(passage)
    said = _claim_facts("D'après Rasmussen, plus de 85 ONG britanniques sont présentes au "
                        "Kazakhstan.")
    assert _fits(d, 1, said)  # Rasmussen from the sentence before, the UK as "britanniques"
    other = _claim_facts("D'après Rasmussen, plus de 85 ONG allemandes sont présentes au "
                         "Kazakhstan.")
    assert not _fits(d, 1, other)  # the sentence names a country the claim leaves out


def test_a_possibility_told_as_a_fact_under_a_plain_say_is_a_dropped_hedge() -> None:
    said = ("Les experts n’excluent pas que les radicaux puissent organiser un sabotage, car il "
            "existe dans la région un grand nombre de structures")
    told = _claim_facts("Experts say the radicals are going to sabotage Baikonur.")
    assert not told.hedged
    assert _hedge_dropped(told, "car il existe dans la région un grand nombre de structures",
                          said)
    kept = _claim_facts("Experts say the radicals could sabotage Baikonur.")
    assert not _hedge_dropped(kept, "car il existe dans la région un grand nombre", said)
    plain = _claim_facts("The radicals are going to sabotage Baikonur.")  # no "say": unread
    assert not _hedge_dropped(plain, "car il existe dans la région un grand nombre", said)
    # a subjunctive of the sentence is no possibility the claim drops
    watched = ("Et nous surveillons aussi tout acte qui puisse jeter les bases pour une prise de "
               "contrôle des institutions du Kazakhstan», a déclaré Ned Price.")
    told_of = _claim_facts("Ned Price told reporters that the US was watching for any human "
                           "rights violations in Kazakhstan.")
    assert not _hedge_dropped(told_of, "Les États-Unis surveillent toute éventuelle violation "
                              "des droits humains.", watched)


def test_but_not_with_its_sides_exchanged_is_caught() -> None:
    sentence = ("avec les interventions militaires russes, on sait quand elles commencent, "
                "mais pas quand elles se terminent")
    assert _contrast_swapped("on sait quand elles se terminent, mais pas quand elles "
                             "commencent", sentence)
    assert not _contrast_swapped("on sait quand elles commencent, mais pas quand elles se "
                                 "terminent", sentence)
    assert not _contrast_swapped("on sait quand elles commencent", sentence)
