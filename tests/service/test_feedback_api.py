"""Thumbs on answers over a real server: ids on every answer, votes stored, counted, guarded."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.feedback import FeedbackStore
from tests.service.conftest import Service, parse_openai_sse, parse_sse

QUESTION = "Quel volcan est entré en éruption ?"
USER, ADMIN = "user-key-123", "admin-key-456"


def _h(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


def _count(metrics: str, rating: str) -> float:
    m = re.search(rf'^rag_feedback_total{{rating="{rating}"}} (\S+)$', metrics, re.M)
    assert m, metrics
    return float(m.group(1))


def test_votes_on_an_answer_are_stored_with_it_and_counted(
    small_service: Callable[..., Service],
) -> None:
    svc = small_service()
    c = svc.client
    assert _count(c.get("/metrics").text, "down") == 0.0
    body = c.post("/ask", json={"question": QUESTION}).json()
    aid = body["answer_id"]
    assert re.fullmatch(r"[0-9a-f]{32}", aid)
    r = c.post("/feedback", json={"answer_id": aid, "rating": "down", "comment": "trop court",
                                  "expected": "L'Etna, en Sicile."})
    assert r.status_code == 201, r.text
    fid = r.json()["feedback_id"]
    assert c.post("/feedback", json={"answer_id": aid, "rating": "up"}).status_code == 201
    metrics = c.get("/metrics").text
    assert _count(metrics, "down") == 1.0 and _count(metrics, "up") == 1.0

    listed = c.get("/feedback", params={"rating": "down"}).json()["feedback"]
    assert [f["feedback_id"] for f in listed] == [fid]
    fb = listed[0]
    assert fb["question"] == QUESTION and fb["answer"] == body["answer"]
    assert fb["expected"] == "L'Etna, en Sicile." and fb["comment"] == "trop court"
    assert [x["chunk_id"] for x in fb["citations"]] == [x["chunk_id"] for x in body["citations"]]
    assert fb["settings"]["route"] == "/ask" and fb["settings"]["backend"] == "extractive"
    # The log lives beside the index: `rag eval --from-feedback` reads the same rows.
    cands = FeedbackStore.beside(svc.settings.index_dir).candidates()
    assert [x["feedback_id"] for x in cands] == [fid]
    assert cands[0]["answers"] == ["L'Etna, en Sicile."]


def test_the_log_records_how_many_passages_the_answer_was_given(
    small_service: Callable[..., Service],
) -> None:
    """answer_k is the default; a request's k, or dense's extra first chunk, changes how many
    passages the writer saw, and the log said answer_k whatever was given."""
    c = small_service().client
    for k in (2, 4):
        body = c.post("/ask", json={"question": QUESTION, "k": k}).json()
        assert c.post("/feedback", json={"answer_id": body["answer_id"],
                                         "rating": "up"}).status_code == 201
    got = sorted(f["settings"]["passages"] for f in c.get("/feedback").json()["feedback"])
    assert got == [2, 4]


def test_streamed_and_chat_answers_carry_ids_that_take_votes(
    small_service: Callable[..., Service],
) -> None:
    c = small_service().client
    r = c.post("/ask/stream", json={"question": QUESTION})
    done = next(d for name, d in parse_sse(r.text) if name == "done")
    chat = c.post("/v1/chat/completions",
                  json={"model": "rag", "messages": [{"role": "user", "content": QUESTION}]})
    assert chat.status_code == 200
    streamed = parse_openai_sse(c.post("/v1/chat/completions", json={
        "model": "rag", "stream": True,
        "messages": [{"role": "user", "content": QUESTION}]}).text)
    last = [p for p in streamed if isinstance(p, dict) and p["choices"]][-1]
    ids = [done["answer_id"], chat.json()["answer_id"], last["answer_id"]]
    assert len(set(ids)) == 3
    for aid in ids:
        assert c.post("/feedback", json={"answer_id": aid, "rating": "up"}).status_code == 201
    routes = {f["settings"]["route"] for f in c.get("/feedback").json()["feedback"]}
    assert routes == {"/ask/stream", "/v1/chat/completions"}


def test_bad_votes_are_clear_4xx(small_service: Callable[..., Service]) -> None:
    c = small_service().client
    aid = c.post("/ask", json={"question": QUESTION}).json()["answer_id"]
    r = c.post("/feedback", json={"answer_id": "0" * 32, "rating": "up"})
    assert r.status_code == 404 and "unknown" in r.json()["error"]
    for bad in ({"answer_id": aid, "rating": "meh"}, {"answer_id": aid},
                {"answer_id": aid, "rating": "up", "comment": "x" * 2001},
                {"answer_id": "<script>", "rating": "up"},
                {"answer_id": aid, "rating": "up", "extra": 1}):
        r = c.post("/feedback", json=bad)
        assert r.status_code == 422 and isinstance(r.json()["error"], str), bad
    assert c.post("/feedback", content=b"{", headers={"content-type": "application/json"}
                  ).status_code == 400
    assert c.post("/feedback", data={"answer_id": aid, "rating": "up"}).status_code == 415
    assert c.get("/feedback", params={"rating": "meh"}).status_code == 422
    assert c.get("/feedback").json() == {"feedback": []}
    assert _count(c.get("/metrics").text, "up") == 0.0


def test_a_cross_site_page_cannot_vote(small_service: Callable[..., Service]) -> None:
    c = small_service().client
    aid = c.post("/ask", json={"question": QUESTION}).json()["answer_id"]
    r = c.post("/feedback", json={"answer_id": aid, "rating": "down"},
               headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    assert c.get("/feedback").json() == {"feedback": []}


def test_keys_votes_need_a_key_and_reading_them_an_admin_key(
    small_service: Callable[..., Service],
) -> None:
    c = small_service(api_keys=USER, admin_keys=ADMIN).client
    aid = c.post("/ask", json={"question": QUESTION}, headers=_h(USER)).json()["answer_id"]
    vote = {"answer_id": aid, "rating": "up"}
    assert c.post("/feedback", json=vote).status_code == 401
    assert c.post("/feedback", json=vote, headers=_h(USER)).status_code == 201
    r = c.get("/feedback", headers=_h(USER))
    assert r.status_code == 403 and "admin" in r.json()["error"]
    assert len(c.get("/feedback", headers=_h(ADMIN)).json()["feedback"]) == 1


def test_votes_per_answer_and_in_all_are_bounded(
    small_service: Callable[..., Service],
) -> None:
    """Anyone who may ask may vote: one answer id took any number of votes (300 in a row, each
    a copy of the answer and 4,000 characters of text), so the log grew without end."""
    from rag.feedback import MAX_VOTES_PER_ANSWER

    svc = small_service()
    c = svc.client
    aid = c.post("/ask", json={"question": QUESTION}).json()["answer_id"]
    vote = {"answer_id": aid, "rating": "down", "comment": "c" * 2000, "expected": "e" * 2000}
    codes = [c.post("/feedback", json=vote).status_code for _ in range(MAX_VOTES_PER_ANSWER + 3)]
    assert codes == [201] * MAX_VOTES_PER_ANSWER + [409] * 3
    r = c.post("/feedback", json=vote)
    assert "limit" in r.json()["error"]
    assert len(c.get("/feedback").json()["feedback"]) == MAX_VOTES_PER_ANSWER

    # In all: the oldest votes go past the store's limit (20,000 by default; 3 here).
    store = FeedbackStore(svc.settings.index_dir / "feedback.sqlite", max_feedback=3)
    try:
        for i in range(5):
            store.record_answer(f"{i:032x}", "q", "q", "a", [], "x", {})
            store.add_feedback(f"{i:032x}", "up")
        assert [f.answer_id for f in store.list_feedback()] == [f"{i:032x}" for i in (4, 3, 2)]
    finally:
        store.close()
