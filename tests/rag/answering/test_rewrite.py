"""The standalone question of a follow-up stays within the query limit its question met."""

from __future__ import annotations

from rag.answering.rewrite import Rewriter, bounded
from rag.llm.base import Message


def test_rewrite_is_bounded_by_the_query_limit() -> None:
    previous = "Combien de soldats la Russie a-t-elle envoyés au Kazakhstan ? " * 40
    history: list[Message] = [{"role": "user", "content": previous},
                              {"role": "assistant", "content": "Environ 3 000."}]
    query = Rewriter(None, max_chars=2000).standalone("Et la Biélorussie ?", history)
    assert len(query) <= 2000
    assert query.startswith("Et la Biélorussie ? Combien de soldats")
    assert not query.endswith(" ")
    # a question already at the limit is searched alone
    full = "et " + "x" * 1997
    assert Rewriter(None, max_chars=2000).standalone(full, history) == full
    assert Rewriter(None).standalone("Et la Biélorussie ?", history).endswith(previous.strip())


def test_bounded_cuts_at_a_word() -> None:
    assert bounded("un deux trois", 9) == "un deux"
    assert bounded("un deux", 20) == "un deux"
    assert len(bounded("x" * 50, 10)) == 10
