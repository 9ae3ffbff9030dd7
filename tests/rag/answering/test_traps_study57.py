"""traps_study57 forms the extractive writer now reads (the bound and the planned end have
their own tests: test_bound_asked.py, test_planned_end.py)."""

from __future__ import annotations

from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered

CREDITED = ("« Je pense que tendre la main aux partenaires de l’OTSC est approprié et "
            "opportun », a déclaré le président Kassym-Jomart Tokayev, cité par les médias.")


def test_a_full_name_asked_is_a_person_asked() -> None:
    q = "What is the full name of 'Walt', the editor credited on the AubeDigitale article?"
    assert "person" in analyse_question(q).asks
    assert "person" in analyse_question("What was the real name of the editor?").asks
    assert not _answered(q, CREDITED)  # another person's full name is no answer
    assert _answered("What is the full name of the Kazakh president?", CREDITED)


def test_the_full_name_of_someone_named_is_theirs() -> None:
    q = ("Quel est le nom complet de « Walt », l’éditeur crédité sur l’article d’AubeDigitale "
         "consacré au déploiement de l’OTSC ?")
    assert analyse_question(q).name_of == "walt"
    assert not _answered(q, CREDITED)  # Tokayev's full name is not Walt's
    assert _answered(q, "L’article a été édité par Walter « Walt » Dupont, pour AubeDigitale.")
