"""The evidence a generative model reads: best sentences within budget, numbering intact."""

from __future__ import annotations

from rag.answering.compact import evidence_texts
from rag.answering.evidence import Evidence, gather_evidence
from rag.answering.prompt import answer_messages
from rag.answering.sentence_vectors import CachedSentenceVectors
from rag.embedders.e5 import E5Embedder
from rag.retrieval import Searcher

TROOPS_FR = "Combien de soldats la Russie a-t-elle envoyés ?"


def _evidence(searcher: Searcher, embedder: E5Embedder, question: str) -> Evidence:
    hits = searcher.search(question, 4)
    return gather_evidence(question, hits, searcher.embed_query(question),
                           CachedSentenceVectors(embedder), searcher.snapshot.bm25.idf)


def test_evidence_texts_keep_the_answer_within_budget(corpus_searcher: Searcher,
                                                      embedder: E5Embedder) -> None:
    ev = _evidence(corpus_searcher, embedder, TROOPS_FR)
    whole = evidence_texts(ev, 0)
    assert whole == [" ".join(h.chunk.text.split()) for h in ev.passages]
    short = evidence_texts(ev, 500, 250)
    assert len(short) == len(ev.passages)
    assert sum(map(len, short)) <= 500 + 4 * 3
    for text, full in zip(short, whole, strict=True):
        assert len(text) <= 250 + 3
        # Only sentences of the passage itself, in its order.
        for piece in (p.strip() for p in text.split("…")):
            assert not piece or piece in full
    assert any("3 000 personnes" in t for t in short)


def test_prompt_numbers_passages_and_leaves_out_empty_ones(corpus_searcher: Searcher,
                                                           embedder: E5Embedder) -> None:
    ev = _evidence(corpus_searcher, embedder, TROOPS_FR)
    texts = evidence_texts(ev, 300, 200)
    user = answer_messages(TROOPS_FR, ev.passages, texts, "fr")[-1]["content"]
    for i, t in enumerate(texts, 1):
        if t:
            assert f"[{i}] " in user and t[:40] in user
        else:
            assert f"[{i}] " not in user
    assert f"Question: {TROOPS_FR}" in user and user.endswith("Réponds en français.")
    assert len(user) < len(answer_messages(TROOPS_FR, ev.passages)[-1]["content"])


def test_the_sentences_to_quote_come_first_whatever_their_rank(corpus_searcher: Searcher,
                                                               embedder: E5Embedder) -> None:
    """What the extractive writer would quote (it holds what is asked) is in the prompt even
    when better-ranked sentences fill the budget; the rest of the budget follows rank."""
    ev = _evidence(corpus_searcher, embedder, TROOPS_FR)
    usable = [s for s in ev.sentences if s.usable]
    low = usable[-1]  # the worst-ranked usable sentence
    size = {id(s): len(" ".join(s.text.split())) + 1 for s in usable}
    budget = size[id(usable[0])] + size[id(low)]
    plain = evidence_texts(ev, budget)
    assert not any(" ".join(low.text.split()) in t for t in plain)
    texts = evidence_texts(ev, budget, first=[low])
    assert " ".join(low.text.split()) in texts[low.passage - 1]
    best = " ".join(usable[0].text.split())
    assert best in texts[usable[0].passage - 1]  # the budget left still goes by rank
