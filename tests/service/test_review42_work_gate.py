"""Security review 42, F1: answers and searches take a place before their work, whatever the
backend; one client holds at most a quarter of RAG_ANSWER_CONCURRENCY's places."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service

QUESTION = "Quel volcan est entré en éruption ?"


def test_a_client_past_its_share_of_work_places_gets_a_503_others_do_not(
    small_service: Callable[..., Service],
) -> None:
    svc = small_service(answer_concurrency=4)  # one place a client
    c = svc.client
    assert c.get("/search", params={"q": QUESTION}).status_code == 200
    held = svc.engine.work_gate.admit("ip:127.0.0.1")  # this client's answer in progress
    try:
        for r in (c.get("/search", params={"q": QUESTION}),
                  c.post("/ask", json={"question": QUESTION})):
            assert r.status_code == 503, r.text
            assert r.headers.get("retry-after")
        other = svc.engine.work_gate.admit("ip:10.0.0.9")  # another client's place is its own
        other.release()
    finally:
        held.release()
    assert c.get("/search", params={"q": QUESTION}).status_code == 200
    assert c.post("/ask", json={"question": QUESTION}).status_code == 200


def test_a_foreign_pages_subresource_get_is_refused_the_widget_still_loads(
    small_service: Callable[..., Service],
) -> None:
    """Security review 42, F2: `<img src="http://localhost:8000/search?k=100&q=...">` on any
    page made the server search (cross-site GETs were let through). Fetch metadata tells a
    foreign page's subresource; a listed origin, the widget's script and a navigation pass."""
    svc = small_service(cors_origins=["https://shop.example"])
    c = svc.client
    img = {"sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors",
           "sec-fetch-dest": "image"}
    for path in ("/search?q=volcan", "/metrics", "/documents", "/v1/models"):
        r = c.get(path, headers=img)
        assert r.status_code == 403 and "cross-site" in r.text, (path, r.text)
    assert c.get("/widget.js", headers={**img, "sec-fetch-dest": "script"}).status_code == 200
    assert c.get("/", headers={"sec-fetch-site": "cross-site",
                               "sec-fetch-mode": "navigate"}).status_code == 200
    listed = {"sec-fetch-site": "cross-site", "sec-fetch-mode": "cors",
              "origin": "https://shop.example"}
    assert c.get("/search", params={"q": "volcan"}, headers=listed).status_code == 200
    assert c.get("/search", params={"q": "volcan"}).status_code == 200  # curl: no metadata


def test_a_question_without_a_letter_or_digit_is_a_422(
    small_service: Callable[..., Service],
) -> None:
    """Security review 42, note 4: "\\u0000\\u0000" got a cited answer."""
    c = small_service().client
    for q in ("\u0000\u0000", "?!", "\u200b"):
        r = c.post("/ask", json={"question": q})
        assert r.status_code == 422 and "letter or digit" in r.text, r.text
        r = c.get("/search", params={"q": q})
        assert r.status_code == 422 and "letter or digit" in r.text, r.text
    assert c.post("/ask", json={"question": "G7 ?"}).status_code == 200
