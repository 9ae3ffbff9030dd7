"""A French question's words held by words of the same meaning in a French sentence
("démarré" by "commencé", "contestation" by "manifestations", "attribué" by "imputé"): half
the credit of the word itself, for sentences that hold what is asked (b2_005, b49_004)."""

from __future__ import annotations

from rag.answering.evidence import _covered, gather_evidence
from rag.answering.extractive import choose
from rag.retrieval import Hit
from rag.store import Chunk
from rag.text import tokenize


def _terms(question: str) -> dict[str, float]:
    return dict.fromkeys(tokenize(question, "french"), 1.0)


def test_a_synonym_earns_half_a_word() -> None:
    terms = _terms("la contestation a démarré")
    toks = set(tokenize("les manifestations ont commencé", "french"))
    assert _covered(terms, toks, False) == 0.0
    assert _covered(terms, toks, False, synonyms=True) == 0.5


def test_no_credit_without_a_shared_meaning() -> None:
    terms = _terms("la contestation a démarré")
    toks = set(tokenize("les élections ont été reportées", "french"))
    assert _covered(terms, toks, False, synonyms=True) == 0.0


def test_the_sentence_in_other_words_is_quoted() -> None:
    text = ("Le Kazakhstan est ébranlé par une crise politique depuis plusieurs jours. "
            "Des manifestations de masse ont commencé alors que les habitants de Zhanaozen et "
            "d’Aktau s’opposaient à une hausse des prix du gaz.")
    hit = Hit(Chunk("d0", 0, text, 0, len(text), "Kazakhstan"), 1.0)
    ev = gather_evidence("Dans quelles villes la contestation a-t-elle démarré ?", [hit], None,
                         None, lambda term: 1.0, "french")
    chosen = choose(ev, 0.0, 0.0)
    assert chosen and "Zhanaozen" in chosen[0].text


def test_short_stems_join_no_meanings() -> None:
    """Diff review 51: "fond" and "form" share entries ("found", "set up"), but "fondée" is
    not "formé" ("Quand l'OTSC a-t-elle été fondée ?" over "L'OTSC a formé une force")."""
    terms = _terms("fondée")
    toks = set(tokenize("L'OTSC a formé une force", "french"))
    assert _covered(terms, toks, False, synonyms=True) == 0.0
