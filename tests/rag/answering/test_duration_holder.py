"""A duration answers only where its sentence names what it is asked of (t62_021/022), and
"Combien de temps ...?" asks a duration, not a count."""

from __future__ import annotations

import pytest

from rag.answering.duration_holder import duration_holder, holder_named
from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered

EMERGENCY = ("Le président kazakh Kassym-Jomart Tokayev a déclaré l’état d’urgence jusqu’au 19 "
             "janvier en raison des troubles civils dans le pays et a invité les forces de "
             "maintien de la paix de l’OTSC à aider à maîtriser la situation.")
TERM = "Chaque État membre exerce la présidence tournante de l’OTSC pour un mandat d’un an."


@pytest.mark.parametrize(("q", "head"), [
    ("How long does each member state's term in the CSTO's rotating presidency last?", "term"),
    ("Combien de temps dure le mandat de chaque État membre à la présidence tournante de "
     "l'OTSC ?", "mandat"),
    ("Combien de temps le cessez-le-feu a-t-il duré ?", "cessez-le-feu"),
    # (not a war, a reign or a flight: named by other words too often, diff review 59)
    ("Combien de temps la guerre a-t-elle duré ?", ""),
    ("How long did the phone conversation between Putin and Tokayev last?", ""),
    ("How long did Tokayev stay?", ""),  # (no "last")
    ("What was the length of the war?", ""),
])
def test_the_holder_read(q: str, head: str) -> None:
    assert duration_holder(q) == head


@pytest.mark.parametrize("q", [
    "How long does each member state's term in the CSTO's rotating presidency last?",
    "Combien de temps dure le mandat de chaque État membre à la présidence tournante de "
    "l'OTSC ?",
])
def test_another_things_length_does_not_answer(q: str) -> None:
    assert not _answered(q, EMERGENCY)
    assert _answered(q, TERM)


def test_a_term_is_named_by_an_election() -> None:
    assert holder_named("term", "en", "Le président kazakh est élu pour sept ans.", True)
    assert holder_named("mandat", "fr", "Le secrétaire général de l’OTSC est nommé pour trois "
                        "ans.", False)


def test_an_untranslated_word_is_not_held_against_the_other_language() -> None:
    # the lexicon has no French for "conversation" read as a start: a French sentence may
    # still give its length ("se sont entretenus")
    assert holder_named("conversation", "en", "Poutine et Tokaïev se sont entretenus deux "
                        "heures.", True)
    assert not holder_named("guerre", "fr", "Le siège a duré deux ans.", False)


@pytest.mark.parametrize("q", ["Combien de temps a duré la Première Guerre mondiale ?",
                               "Pendant combien de temps Nazarbaïev a-t-il dirigé le pays ?"])
def test_combien_de_temps_asks_a_duration(q: str) -> None:
    assert analyse_question(q).asks == ("duration",)


def test_a_span_of_years_answers_combien_de_temps() -> None:
    q = "Combien de temps a duré la Première Guerre mondiale ?"
    assert _answered(q, "La Première Guerre mondiale, de 1914 à 1918, a fait des millions de "
                     "morts.")
    assert "number" in analyse_question("En combien de temps le pont a-t-il été construit ?"
                                        ).asks


def test_combien_de_temps_wants_more_than_a_vague_length() -> None:
    """piaf_traps3 pt3_007: "l'impossibilité temporaire" answers "How long ...?" loosely, not
    how much time "Combien de temps ...?" asks."""
    told = ("Cette solution s’inspire de celle mise en œuvre pour contourner l’impossibilité "
            "temporaire d’utiliser la ligne de Roissy début décembre 2016 (à la suite d’une "
            "importante rupture de caténaire).")
    q = ("Combien de temps la ligne de Roissy est-elle restée inutilisable après la rupture de "
         "caténaire de décembre 2016 ?")
    assert not _answered(q, told)
    assert _answered(q, told.replace("temporaire", "de trois jours"))


def test_until_a_place_is_no_length_of_time() -> None:
    """piaf_traps3 pt3_033: "avance jusqu'à l'établissement missionnaire" ends at a place."""
    q = "Combien de temps a duré le siège d'Eshowe pendant la guerre anglo-zouloue ?"
    marched = ("La colonne du flanc droit, dirigée par le colonel Charles Pearson, traverse la "
               "rivière Tugela et avance jusqu'à l'établissement missionnaire déserté de Eshowe, "
               "qu'il se met à fortifier.")
    assert not _answered(q, marched)
    assert _answered(q, "Le siège d'Eshowe, pendant la guerre anglo-zouloue, dura jusqu'au 3 "
                     "avril 1879.")
