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


def test_with_any_origin_allowed_a_same_site_write_is_as_any_other(
    small_service: Callable[..., Service],
) -> None:
    """Diff review 44, F4: with RAG_CORS_ORIGINS="*" and no keys every origin may write; a
    same-site write without an Origin is allowed as one with it is (a cross-site one still
    is not)."""
    c = small_service(cors_origins=["*"]).client
    doc = {"documents": [{"id": "mine", "title": "Mien", "text": "Un texte à moi, ajouté."}]}
    assert c.post("/documents", json=doc, headers={"sec-fetch-site": "same-site"}
                  ).status_code == 200
    assert c.post("/documents", json=doc, headers={"sec-fetch-site": "cross-site"}
                  ).status_code == 403
