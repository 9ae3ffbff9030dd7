"""Security review 44, N1: a write with no Origin was refused only when its fetch metadata
said "cross-site"; a page on another port of the same host ("same-site") could add a
document, while its reads were refused since review 43."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service


def test_a_write_from_another_port_of_the_same_host_is_refused_without_an_origin(
    small_service: Callable[..., Service],
) -> None:
    svc = small_service(cors_origins=["https://shop.example"])
    c = svc.client
    doc = {"documents": [{"id": "planted", "title": "Planté",
                          "text": "Un texte planté par une autre page du même hôte."}]}
    r = c.post("/documents", json=doc, headers={"sec-fetch-site": "same-site"})
    assert r.status_code == 403 and "cross-origin" in r.text, r.text
    r = c.post("/documents", json=doc, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403, r.text
    assert "planted" not in c.get("/documents").text
    # the page's own calls and clients without fetch metadata (curl, the CLI) still write
    r = c.post("/documents", json=doc, headers={"sec-fetch-site": "same-origin"})
    assert r.status_code == 200, r.text
    r = c.post("/feedback", json={"answer_id": "ab12", "rating": "up"},
               headers={"sec-fetch-site": "same-site"})
    assert r.status_code == 403, r.text
