"""A sentence of a quote that the next sentence closes by naming who said it ("... faire des
émeutes ici. [aux États-Unis] également », a déclaré Rasmussen.") holds the person a "who
said" question asks, and is quoted with that next sentence (blind30 b30_013)."""

from __future__ import annotations

from dataclasses import replace

from rag.answering import extractive
from rag.answering.evidence import (
    Evidence,
    EvidenceSentence,
    _speaker_after,
    gather_evidence,
)
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit

QUIP = "Si ce sont les vraies raisons des troubles, peut-être devrions-nous faire des émeutes ici."
CLOSE = "[aux États-Unis] également », a déclaré Rasmussen."
TEXT = ("« L’histoire officielle est que [c’est] en raison de la hausse des prix du gaz. "
        f"{QUIP} {CLOSE}")
QUESTION = "Qui a dit que peut-être il faudrait faire des émeutes ?"


def test_the_speaker_is_read_where_the_next_sentence_closes_the_quote() -> None:
    assert _speaker_after(QUIP, CLOSE).startswith("», a déclaré Rasmussen")
    assert _speaker_after("« Nous sommes prêts.", "Le calme revient », a dit M. Peskov.")
    # no speaker named: a pronoun, a quote the next sentence opens, a quote closed in the first
    assert _speaker_after(QUIP, "[aux États-Unis] également », a-t-il déclaré.") == ""
    assert _speaker_after(QUIP, "« Rien », a déclaré Rasmussen.") == ""
    assert _speaker_after("« Nous sommes prêts », a-t-il dit.", CLOSE) == ""
    assert _speaker_after(QUIP, "Rasmussen est arrivé.") == ""


def _evidence(text: str) -> Evidence:
    hits = [Hit(Chunk("d", 0, text, 0, len(text), "Un article"), 1.0)]
    return gather_evidence(QUESTION, hits, None, None, lambda term: 1.0, "french")


def test_the_quote_holds_the_person_asked_through_its_close() -> None:
    quip = next(s for s in _evidence(TEXT).sentences if s.text.startswith("Si ce sont"))
    assert quip.kind and quip.attributed
    told = TEXT.replace("», a déclaré Rasmussen", "», a-t-il déclaré")
    quip = next(s for s in _evidence(told).sentences if s.text.startswith("Si ce sont"))
    assert not quip.kind and not quip.attributed


def test_an_attributed_sentence_is_quoted_with_its_close() -> None:
    quip = EvidenceSentence(1, 1, 0, len(QUIP), QUIP, 0.9, 0.6, 1.0, True, True, 2.0, 0.0, True)
    close = EvidenceSentence(1, 2, 0, len(CLOSE), CLOSE, 0.7, 0.0, 1.0, True, True, 0.5)
    hits = [Hit(Chunk("d", 0, TEXT, 0, len(TEXT), "Un article"), 1.0)]
    info = analyse_question(QUESTION, "fr")
    ev = Evidence(info, False, hits, [quip, close], {1: [quip, close]})
    assert [s.text for s in extractive.choose(ev)] == [QUIP, CLOSE]
    own = replace(quip, attributed=False)
    ev = Evidence(info, False, hits, [own, close], {1: [own, close]})
    assert [s.text for s in extractive.choose(ev)] == [QUIP]
