"""Security review 43: a frame is no navigation the user chose (F1); the OpenAI routes refuse
a question with no letter or digit as /ask does (N1)."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service


def test_a_foreign_pages_frame_or_a_page_on_another_port_cannot_make_the_server_search(
    small_service: Callable[..., Service],
) -> None:
    """F1: `<iframe src="http://127.0.0.1:8931/search?k=100&q=...">` navigates too: review 42's
    navigation exemption let it search (200, 1 s of CPU each); a page on localhost:3000 is
    "same-site" and its <img> was not refused at all."""
    svc = small_service(cors_origins=["https://shop.example"])
    c = svc.client
    for dest in ("iframe", "frame", "object", "embed"):
        r = c.get("/search", params={"q": "volcan", "k": 100},
                  headers={"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate",
                           "sec-fetch-dest": dest})
        assert r.status_code == 403 and "cross-site" in r.text, (dest, r.text)
    r = c.get("/search", params={"q": "volcan"},
              headers={"sec-fetch-site": "same-site", "sec-fetch-mode": "no-cors",
                       "sec-fetch-dest": "image"})
    assert r.status_code == 403, r.text
    # a link followed to the demo page still opens it (to an API route, no longer: review
    # 49, F3, tests/service/test_sec49_cross_site_links.py); the widget's script still loads
    top = {"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate",
           "sec-fetch-dest": "document"}
    assert c.get("/", headers=top).status_code == 200
    assert c.get("/widget.js", headers={"sec-fetch-site": "same-site", "sec-fetch-mode": "no-cors",
                                        "sec-fetch-dest": "script"}).status_code == 200
    # same origin: the demo page's own calls
    assert c.get("/search", params={"q": "volcan"},
                 headers={"sec-fetch-site": "same-origin", "sec-fetch-mode": "cors",
                          "sec-fetch-dest": "empty"}).status_code == 200


def test_the_openai_routes_refuse_a_question_without_a_letter_or_digit(
    small_service: Callable[..., Service],
) -> None:
    """N1: `{"messages": [{"role": "user", "content": "\\u0000\\u0000"}]}` got a cited answer on
    /v1/chat/completions and /v1/completions (a 422 on /ask)."""
    c = small_service().client
    for q in ("\u0000\u0000", "?!"):
        r = c.post("/v1/chat/completions",
                   json={"model": "rag", "messages": [{"role": "user", "content": q}]})
        assert r.status_code == 400 and "letter or digit" in r.text, r.text
        r = c.post("/v1/completions", json={"model": "rag", "prompt": q})
        assert r.status_code == 400 and "letter or digit" in r.text, r.text
    r = c.post("/v1/chat/completions",
               json={"model": "rag", "messages": [{"role": "user", "content": "G7 ?"}]})
    assert r.status_code == 200, r.text
