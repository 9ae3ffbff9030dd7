"""A sentence opening on a definite noun naming a group by its kind ("Le bloc ...", "La force
...") borrows the question's focus from the sentence before that names it, passing over one
that opens on the same noun; across languages, a sentence that then covers the question and
its whole focus answers a little below the cross-lingual cosine floor. Lexical signals only
(no embedder)."""

from __future__ import annotations

import dataclasses

from rag.answering import extractive
from rag.answering.evidence import Evidence, EvidenceSentence, EvidenceWeights, gather_evidence
from rag.chunking import Chunk
from rag.retrieval import Hit

_CSTO = ("Une mission de maintien de la paix de l’Organisation du traité de sécurité collective "
         "(OTSC) a été déployée au Kazakhstan. Le bloc de sécurité, composé de six anciens États "
         "soviétiques, a été formé en 1992. Le bloc a son siège à Moscou.")
_FORCE = ("Tous les membres de l’OTSC ont envoyé du personnel pour la mission. La force est "
          "composée d’environ 2 600 militaires au total.")


def _evidence(question: str, text: str, weights: EvidenceWeights | None = None) -> Evidence:
    hits = [Hit(Chunk("d", 0, text, 0, len(text), "Un article"), 1.0)]
    return gather_evidence(question, hits, None, None, lambda term: 1.0, "french",
                           weights=weights)


def _sentence(ev: Evidence, starts: str) -> EvidenceSentence:
    return next(s for s in ev.sentences if s.text.startswith(starts))


def test_a_group_named_by_its_kind_borrows_the_focus() -> None:
    question = "Combien de militaires compte la force de l'OTSC ?"
    on = _sentence(_evidence(question, _FORCE), "La force")
    off = _sentence(_evidence(question, _FORCE, EvidenceWeights(referent=0.0)), "La force")
    assert on.focus == 1.0 and off.focus < 1.0


def test_the_same_noun_before_is_passed_over() -> None:
    """"Le bloc a son siège" refers through "Le bloc de sécurité ..." to the OTSC."""
    s = _sentence(_evidence("Où se trouve le siège de l'OTSC ?", _CSTO), "Le bloc a son")
    assert s.focus == 1.0


def test_another_noun_lends_nothing() -> None:
    text = ("Tous les membres de l’OTSC ont envoyé du personnel. Le président Tokayev a parlé. "
            "La force est composée d’environ 2 600 militaires au total.")
    s = _sentence(_evidence("Combien de militaires compte la force de l'OTSC ?", text),
                  "La force")
    assert s.focus < 1.0


def test_across_languages_full_coverage_lowers_the_floor_a_little() -> None:
    """"What year was the CSTO founded?" over "Le bloc de sécurité ... a été formé en 1992":
    the sentence covers the question through its referent; its cosine sits just under the
    cross-lingual floor."""
    ev = _evidence("What year was the CSTO founded?", _CSTO)
    assert ev.cross_lingual
    s = _sentence(ev, "Le bloc de sécurité")
    assert s.focus == 1.0 and s.coverage >= extractive.MIN_COVERAGE_ALONE
    near = dataclasses.replace(s, dense=extractive.MIN_DENSE_CROSS - 0.01)
    far = dataclasses.replace(s, dense=extractive.MIN_DENSE_CROSS
                              - extractive.CROSS_LEXICAL_SLACK - 0.01)
    floor = extractive.MIN_DENSE_CROSS
    assert extractive._clears(ev, near, extractive.MIN_DENSE, floor)
    assert not extractive._clears(ev, far, extractive.MIN_DENSE, floor)
