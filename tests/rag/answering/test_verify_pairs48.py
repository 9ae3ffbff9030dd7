"""Verifier false alarms of blind_pairs48 (studied in the fifty-seventh session): a participle
that says "not" by its prefix ("unaffected by the Kazakh unrest" over "les troubles ...
n'affecteront pas les plans", v48_004), and a weekday opening a claim taken for a party whose
place the two sentences it sums up exchange ("Vendredi, la Biélorussie a acheminé ..., dont
les soldats ... dès jeudi", v48_014)."""

from __future__ import annotations

from rag.answering.exchange import exchanged
from rag.answering.verify import Verifier, prefix_negation_agrees

PSAKI = ("Toutefois, les troubles au Kazakhstan et l’implication de la Russie dans la répression "
         "des manifestations n’affecteront pas les plans des discussions de l’OTAN avec la "
         "Russie la semaine prochaine au sujet de l’Ukraine, a déclaré jeudi à la presse Jen "
         "Psaki, porte-parole de la Maison Blanche.")
ARRIVALS = ("Des soldats et du matériel russes ont été les premiers à arriver au Kazakhstan "
            "jeudi. La Biélorussie a déployé un groupe de travail vendredi, le transportant par "
            "avion dans le pays via la Russie.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_a_prefix_that_says_not(verifier: Verifier) -> None:
    assert prefix_negation_agrees("the talks would go ahead, unaffected by the unrest",
                                  "les troubles n’affecteront pas les plans")
    assert not prefix_negation_agrees("the talks would go ahead, unaffected by the unrest",
                                      "les troubles ont affecté les plans")
    # a contrast may put the negation on another thing (diff review 57)
    assert not prefix_negation_agrees("The airport was unaffected by the strike.",
                                      "The strike did not affect rail services, but the "
                                      "airport was shut.")
    # the rest of a sentence that says "indemnes", "unchanged" of one thing (diff review 57)
    assert _supported(verifier, "The hostages were released on Sunday.", "The hostages were "
                      "released unharmed on Sunday after three days in captivity.")
    assert _supported(verifier, "The minister kept his post.", "The minister kept his post, "
                      "his portfolio unchanged.")
    assert _supported(verifier, "White House spokeswoman Jen Psaki told reporters on Thursday "
                      "that next week's NATO talks with Russia on Ukraine would go ahead as "
                      "planned, unaffected by the Kazakh unrest or by Russia's role in "
                      "cracking down on the protests.", PSAKI)
    # the claim that says the opposite is still caught
    assert not _supported(verifier, "Jen Psaki said on Thursday that next week's NATO talks "
                          "with Russia on Ukraine would be affected by the Kazakh unrest.", PSAKI)


def test_a_weekday_is_no_party(verifier: Verifier) -> None:
    claim = ("Vendredi, la Biélorussie a acheminé par avion un groupe de travail au Kazakhstan "
             "en transitant par la Russie, dont les soldats et l’équipement étaient arrivés les "
             "premiers dès jeudi.")
    assert not exchanged(claim, ARRIVALS)
    assert _supported(verifier, claim, ARRIVALS)
    # a month is still a party: it may be a name (diff review 57)
    assert exchanged("Mars sued Hershey over the packaging of its chocolate bars.",
                     "Hershey sued Mars over the packaging of its chocolate bars.")
    assert exchanged("Le général Juin a remplacé Weygand à la tête des forces françaises.",
                     "Le général Weygand a remplacé Juin à la tête des forces françaises.")
    # two countries put each where the other stands still are an exchange
    assert exchanged("La Russie a déployé un groupe de travail vendredi, le transportant par "
                     "avion dans le pays via la Biélorussie.",
                     "La Biélorussie a déployé un groupe de travail vendredi, le transportant "
                     "par avion dans le pays via la Russie.")
