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


def test_each_sentence_of_a_headline_is_furniture() -> None:
    """"Combien de manifestants ont été tués ... ?" was answered by the second sentence of
    the article's headline."""
    title = "Kazakhstan. Des dizaines de manifestants tués, les troupes russes arrivent en renfort"
    assert is_furniture("Kazakhstan.", title, title_line=True)
    assert is_furniture("Des dizaines de manifestants tués, les troupes russes arrivent en "
                        "renfort", title, title_line=True)
    # a first line that ends as a sentence does titles a text that has no title: its
    # sentences stay answers
    para = ("Le Kazakhstan a connu en janvier 2022 des émeutes d'une ampleur inédite. La Russie "
            "a envoyé quelque 3 000 soldats au titre de l'OTSC, selon l'agence RIA. Les troupes "
            "sont reparties deux semaines plus tard.")
    assert not is_furniture("La Russie a envoyé quelque 3 000 soldats au titre de l'OTSC, "
                            "selon l'agence RIA.", para, title_line=True)


def test_a_caption_answers_only_a_question_about_the_caption() -> None:
    caption = ("Le président russe Vladimir Poutine et son homologue kazakh Kassym-Jomart Tokaïev "
               "à Moscou, le 21 août 2021 @BelgaImage")
    assert is_furniture(caption, "")
    assert not is_furniture(caption, "", captions=True)
    assert is_furniture("Derniers Articles", "", captions=True)  # navigation stays furniture


def test_a_wire_flash_on_its_own_line_is_a_statement() -> None:
    """"LE PRÉSIDENT KAZAKH DÉCLARE QUE LES PROTESTATIONS SONT UNE AGRESSION EXTÉRIEURE : TASS"
    stands on a line of its own without a full stop, like a caption: it was never quoted, and
    "What did the Kazakh president blame the protests on, according to TASS?" went unanswered
    in eight study sets. A line that reports who said what is a statement; a caption is not."""
    from rag.answering.furniture import unpunctuated_line
    from rag.sentences import Span

    def line(text: str, middle: str) -> bool:
        start = text.index(middle)
        return unpunctuated_line(text, Span(start, start + len(middle), middle))

    flash = "LE PRÉSIDENT KAZAKH DÉCLARE QUE LES PROTESTATIONS SONT UNE AGRESSION EXTÉRIEURE : TASS"
    caption = "Le président russe Vladimir Poutine à Moscou, le 21 août 2021"
    text = "Des villes ont vu des bâtiments incendiés.\n\n{}\n\nCeci après l’état d’urgence."
    assert not line(text.format(flash), flash)
    assert line(text.format(caption), caption)
    # ... a caption saying who says what stays one (diff review 50)
    said = ("Vladimir Poutine, qui affirme que la Russie ne menace personne, à Moscou le 21 "
            "août 2021")
    assert line(text.format(said), said)
    unaccented = "LE PRESIDENT KAZAKH A DECLARE QUE LES PROTESTATIONS SONT UNE AGRESSION : TASS"
    assert not line(text.format(unaccented), unaccented)
