"""Sentences that can never be an answer (questions, captions, credits, bylines, headlines,
navigation), read without a model."""

from __future__ import annotations

from rag.answering.furniture import is_furniture


def test_a_byline_with_its_labels_is_furniture() -> None:
    """"Auteur : X | Editeur : Y | date" answered "How do I change a flat tire?" once the
    sentence signal lifted its chunk."""
    assert is_furniture("Auteur : AubeDigitale | Editeur : Walt | Jeudi, 06 Janv. 2022 - 16h28",
                        "")
    assert is_furniture("Source : Press TV, le 7 janvier.", "")
    assert not is_furniture("La Russie a envoyé quelque 3 000 personnes, selon l’agence RIA.", "")


def test_questions_labels_and_headlines_are_furniture() -> None:
    title = "Les États-Unis et l’UE s’inquiètent de l’intervention russe au Kazakhstan"
    assert is_furniture("Qu’est-ce que le CSTO, exactement ?", "")
    assert is_furniture("Derniers Articles", "")
    assert is_furniture(title + ".", title, title_line=True)  # the headline repeated
    assert not is_furniture("Le bloc de sécurité a été formé en 1992, après l’effondrement de "
                            "l’Union soviétique.", title)
