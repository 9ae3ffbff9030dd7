"""Re-check of the ninth review, over a real server: a request field's values are walked on
the event loop while the body is validated, so how many there may be is bounded."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service


def test_a_field_of_a_million_values_is_refused_before_it_is_walked(
        small_service: Callable[..., Service]) -> None:
    """A filter list of 1,000,000 values held every route 0.3 s while its text was checked; a
    chat message's content parts the same. 422 past MAX_FIELD_VALUES, naming the bound."""
    svc = small_service()
    many = {"doc_id": list(range(20_000))}
    r = svc.client.post("/ask", json={"question": "Etna ?", "filters": many})
    assert r.status_code == 422 and "values in one field" in r.text
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "messages": [{"role": "user", "content": [
            {"type": "text", "text": "Etna ?"}, *({"type": "text", "text": "x"}
                                                  for _ in range(20_000))]}]})
    # since review 10b refused sooner, on the number of parts (32 a message) before the walk
    assert r.status_code == 422 and "20001 content parts; the limit is 32" in r.text, r.text
    # a filter of a few hundred values is still read (the filter's own bound is 1,000 a key)
    import json
    r = svc.client.get("/search", params={"q": "Etna", "filters": json.dumps(
        {"doc_id": [f"d{i}" for i in range(500)]})})
    assert r.status_code == 200, r.text


def test_a_text_part_that_is_not_text_is_refused(small_service: Callable[..., Service]) -> None:
    """`{"type": "text", "text": {"a": 1}}` was answered as the question "{'a': 1}"."""
    svc = small_service()
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "messages": [{"role": "user", "content": [
            {"type": "text", "text": {"a": 1}}]}]})
    assert r.status_code in (400, 422) and "must be a string" in r.text
    r = svc.client.post("/v1/chat/completions", json={
        "model": "rag", "messages": [{"role": "user", "content": [
            {"type": "text", "text": "Où se trouve l'Etna ?"}]}]})
    assert r.status_code == 200
