"""Verifier errors of blind_pairs44 (studied in the fifty-third session): a ministry named by
another portfolio (v44_015), and a passive whose agent is a party, in one language, is no
exchange of parties (v44_017). (Left: v44_030, a list opening a sentence that gives other
figures; counted, "Russia, Belarus and Armenia each sent two battalions" would give three
battalions, review 53.)"""

from __future__ import annotations

from rag.answering.exchange import exchanged
from rag.answering.titles import ministry_swapped
from rag.answering.verify import Verifier

CONTINGENT = ("Un contingent de troupes russes et d’autres pays alliés de Moscou sont arrivées "
              "jeudi au Kazakhstan pour appuyer le pouvoir en place en protégeant les bâtiments "
              "stratégiques et en épaulant les forces de l’ordre. Une initiative dénoncée par "
              "les États-Unis mais soutenue par la Chine.")
MONITORING = "Le ministère russe des affaires étrangères a confirmé séparément qu’il surveillait "\
             "les troubles."


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_a_ministry_of_another_portfolio(verifier: Verifier) -> None:
    assert ministry_swapped("Le ministère russe de la Défense surveillait les troubles.",
                            MONITORING)
    assert not ministry_swapped("Le ministère russe des Affaires étrangères surveillait les "
                                "troubles.", MONITORING)
    assert not ministry_swapped("Moscou surveillait les troubles.", MONITORING)
    assert not _supported(verifier, "Le ministère russe de la Défense a confirmé qu’il "
                                     "surveillait les troubles.", MONITORING)
    assert _supported(verifier, "The Russian Foreign Ministry confirmed separately that it was "
                                "monitoring the unrest.", MONITORING)


def test_a_passive_agent_is_no_exchange(verifier: Verifier) -> None:
    claim = ("Arrivé jeudi au Kazakhstan, un contingent de troupes russes et d’autres pays alliés "
             "de Moscou vient appuyer le pouvoir en place, une initiative que la Chine soutient "
             "et que les États-Unis dénoncent.")
    assert not exchanged(claim, CONTINGENT)
    assert exchanged("La Chine a dénoncé l’initiative et les États-Unis l’ont soutenue.",
                     "Les États-Unis ont dénoncé l’initiative et la Chine l’a soutenue.")
    # (a passive whose agent is no party leaves the exchange read: review 53)
    assert exchanged("Tokayev replaced Nazarbayev as head of the Security Council.",
                     "Nazarbayev replaced Tokayev as head of the Security Council, a post "
                     "created by decree in 1991.")
