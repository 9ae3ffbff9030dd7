"""Names a claim writes that its source gives in other words (blind_pairs20 false alarms):
capitalised English common words of a name the French source translates ("the Cold War" over
"la guerre froide"), a people for its country ("les Américains" over "[aux États-Unis]"), and
a French present participle opening a claim ("Prenant ses décisions ..."), which is no name."""

from __future__ import annotations

from rag.answering.anchors import claim_anchors
from rag.answering.verify import _claim_facts, _holds, describe

_NATO = ("Le diplomate a également ajouté que « l’expansion de l’OTAN vers l’Est est contraire "
         "au principe commun de la sécurité indivisible en Europe. Le bloc transatlantique "
         "lui-même est un rudiment de la guerre froide ».")


def _held(claim: str, passage: str) -> dict[str, bool]:
    d = describe(passage)
    return {a.text: _holds(d, d.whole, a) for a in _claim_facts(claim).anchors}


def test_english_words_of_a_name_are_held_by_their_translation() -> None:
    held = _held("The diplomat called the transatlantic bloc a relic of the Cold War.", _NATO)
    assert held == {"Cold": True, "War": True}
    # ... only where the source writes it: "the Cold Peace" is not the "guerre froide"
    held = _held("The diplomat called the bloc a relic of the Cold Peace.", _NATO)
    assert held == {"Cold": True, "Peace": False}


def test_a_people_is_held_by_its_country_and_not_by_another() -> None:
    passage = ("« Si ce sont les vraies raisons des troubles, peut-être devrions-nous faire des "
               "émeutes ici. [aux États-Unis] également », a déclaré Rasmussen.")
    assert _held("Selon Rasmussen, les Américains devraient eux aussi descendre dans la rue.",
                 passage)["Américains"]
    assert not _held("Selon Rasmussen, les Britanniques devraient eux aussi descendre dans la "
                     "rue.", passage)["Britanniques"]


def test_a_present_participle_opening_a_claim_is_no_name() -> None:
    names = [a.text for a in claim_anchors(
        "Prenant ses décisions par consensus, le bloc est présidé à tour de rôle, même si son "
        "siège se trouve à Moscou.")]
    assert names == ["Moscou"]
    # a name ending so, followed by its verb, stays one
    assert [a.text for a in claim_anchors("Bryant a dit que Tokayev restait.")] == [
        "Bryant", "Tokayev"]


def test_one_unit_of_time_is_a_figure_the_source_must_hold() -> None:
    """"capped at one month", "resteraient un mois": a span the claim states (blind_pairs21
    v22_023, blind_pairs3 v4_005), which "une « courte période »" does not hold; "twice a day"
    and "a year ago" give none."""
    short = "Le personnel aurait été déployé pour une « courte période » dans le pays."
    assert _held("The staff were deployed for one month.", short) == {"one month": False}
    assert _held("Les forces resteront un mois au Kazakhstan.",
                 "Les forces resteront au Kazakhstan pour une durée d'un mois.") == {
        "un mois": True, "Kazakhstan": True}
    assert _held("The forces will stay for a month.", "Les forces resteront un mois.") == {
        "for a month": True}
    assert [a.text for a in claim_anchors("He calls twice a day, as he did a year ago.")] == []
