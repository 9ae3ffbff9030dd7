"""A follow-up whose question meets the limits is answered, however long the rewrite it needs."""

from __future__ import annotations

from tests.service.conftest import Service


def test_follow_up_with_a_long_previous_question_is_answered(corpus_service: Service) -> None:
    previous = "Combien de soldats la Russie a-t-elle envoyés au Kazakhstan ? " * 40
    assert 2000 < len(previous) <= 8000  # a history message may be this long; a query not
    r = corpus_service.client.post("/ask", json={
        "question": "Et la Biélorussie ?",
        "history": [{"role": "user", "content": previous},
                    {"role": "assistant", "content": "Environ 3 000 parachutistes."}]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"].startswith("Et la Biélorussie ? Combien de soldats")
    assert len(body["query"]) <= corpus_service.settings.max_query_chars
