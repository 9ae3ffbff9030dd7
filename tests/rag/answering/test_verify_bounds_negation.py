"""Rules of the claim verifier read without the model: bounds on a figure in words and from
above ("under", "nearly"), a premier's office, function words that tell a short claim's
language, a superlative said as "no ... as", a message addressed to its sender."""

from __future__ import annotations

from rag.answering.anchors import negated
from rag.answering.verify import (
    _bounds,
    _claim_facts,
    _language,
    _preference_swapped,
    _roles_unsaid,
)


def test_bounds_read_under_nearly_and_round_figures_in_words() -> None:
    assert _bounds("spent just under one million dollars") == {"1": "up"}
    assert _bounds("a dépensé plus d’un million de dollars") == {"1": "low"}
    assert _bounds("less than a million") == {"1": "up"}
    assert _bounds("près de 2 600 militaires") == {"2600": "up"}
    assert _bounds("pas moins de 300 morts") == {"300": "low"}
    assert _bounds("not less than 5 people") == {"5": "low"}
    assert _bounds("no more than 2,500 soldiers") == {"2500": "up"}
    # "un millier" is a round figure too (blind_pairs16 v16_052: "tout au plus un millier de
    # blessés" over "au moins un millier")
    assert _bounds("tout au plus un millier de blessés") == {"1": "up"}
    assert _bounds("au moins un millier de blessés") == {"1": "low"}


def test_a_premier_is_an_office_in_english_only() -> None:
    claim = ("China's premier said on Friday that Beijing opposes foreign forces that stir up "
             "unrest in Kazakhstan.")
    assert _roles_unsaid(claim, {"president", "chinois", "xi"}) == ("premier",)
    assert _roles_unsaid(claim, {"premier", "ministre"}) == ()
    # French "premier" is "first"
    assert _roles_unsaid("Le Kazakhstan est le premier pays à avoir demandé de l'aide.",
                         {"first"}) == ()


def test_a_speaker_presides_a_chamber_in_english_only() -> None:
    """blind_pairs11 v12_050: "a former speaker of the Senate" over "ancien Premier ministre"
    (and "l'ex-président Nazarbaïev"): a president is no chamber's speaker."""
    claim = ("Karim Massimov, a close ally of Nazarbayev and a former speaker of the Senate, "
             "was arrested for treason.")
    assert _roles_unsaid(claim, {"expresident", "president", "premier", "ministre"}) == (
        "speaker",)
    assert _roles_unsaid(claim, {"president", "du", "senat"}) == ()
    assert _roles_unsaid("Russian speakers make up a fifth of the population.", set()) == ()
    assert _roles_unsaid("Le speaker de la radio a lu le communiqué.", set()) == ()


def test_short_claims_tell_their_language_by_in_and_to() -> None:
    claim = "A conference on reforms in Ukraine was held in Lugano, in southern Switzerland."
    assert _language(claim) == "en"
    assert _claim_facts(claim).times == frozenset({"past"})
    assert _language("Tokaïev et un allié de Moscou le 5 janvier à Almaty.") == "fr"


def test_no_other_as_severe_since_is_a_superlative_not_a_negation() -> None:
    assert not negated("No street unrest in Kazakh cities had been as severe since the "
                       "country broke away from the Soviet Union.")
    assert not negated("Aucune crise n'avait été aussi grave depuis l'indépendance.")
    assert negated("No troops were sent as requested by the government.")
    assert negated("No one was hurt.")


def test_a_message_addressed_to_the_sender_is_caught() -> None:
    from rag.answering.verify import _addressee_swapped

    sentence = ("Xi a fait ces remarques dans un message verbal adressé au président kazakh "
                "Kassym-Jomart Tokayev, dans lequel il a exprimé ses condoléances.")
    swapped = _claim_facts("Dans un message verbal adressé à Xi Jinping, Tokayev a évoqué les "
                           "récentes émeutes.")
    assert _addressee_swapped(swapped, sentence)
    kept = _claim_facts("Dans un message adressé à Tokayev, Xi a exprimé ses condoléances.")
    assert not _addressee_swapped(kept, sentence)



def test_what_is_preferred_and_what_rejected_are_not_exchanged() -> None:
    """blind_pairs5 v5_055: "par la force plutôt que par le dialogue" over "par le dialogue et
    non par des émeutes"."""
    said = ("Le Kremlin avait appelé à résoudre la crise au Kazakhstan par le dialogue et non "
            "par des émeutes de rues.")
    assert _preference_swapped("Le Kremlin avait appelé à résoudre la crise par la force "
                               "plutôt que par le dialogue.", said)
    assert _preference_swapped("The Kremlin called for the crisis to be settled by force "
                               "rather than through dialogue.", said)
    assert not _preference_swapped("Le Kremlin a appelé à résoudre la crise par le dialogue "
                                   "plutôt que par des émeutes.", said)
    assert not _preference_swapped("Le Kremlin a appelé au dialogue.", said)
