"""Security review 48, F1, over HTTP: a document posted with bidirectional controls in its
title ("Rapport officiel \\u202egpj.exe\\u202c (annexe)") was cited by /ask with that title as
it was, for every client to show "exe.jpg". The title loses them at ingest: /ask, /search and
GET /documents give it plain (tests/rag/test_sec48_bidi_titles.py: every loader's title)."""

from __future__ import annotations

from collections.abc import Callable

from tests.service.conftest import Service

CONTROLS = {chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                             *range(0x2066, 0x206A))}
TITLE = "Rapport officiel \u202egpj.exe\u202c (annexe)"
SHOWN = "Rapport officiel gpj.exe (annexe)"
TEXT = ("Le rapport officiel sur Zorglub indique que la centrale de Zorglub a produit "
        "quarante-deux mégawatts en 2023, selon son directeur.")
QUESTION = "Combien de mégawatts la centrale de Zorglub a-t-elle produits en 2023 ?"


def test_ask_search_and_listing_cite_the_title_without_bidi_controls(
    small_service: Callable[..., Service],
) -> None:
    c = small_service().client
    added = c.post("/documents", json={"documents": [
        {"id": "rapport-zorglub", "title": TITLE, "text": TEXT}]})
    assert added.status_code == 200, added.text
    page = ("<!doctype html><html><head><title>\u2067Note\u2069 \u202dsur\u202c Zorglub\u200f"
            "</title></head><body><article><p>La note sur Zorglub rappelle que la centrale a "
            "ouvert en 1998 au bord du lac.</p></article></body></html>")
    uploaded = c.post("/documents/upload",
                      files={"files": ("note-zorglub.html", page.encode(), "text/html")})
    assert uploaded.status_code == 200, uploaded.text

    r = c.post("/ask", json={"question": QUESTION})
    assert r.status_code == 200, r.text
    cited = [x for x in r.json()["citations"] if x["doc_id"] == "rapport-zorglub"]
    assert cited and cited[0]["title"] == SHOWN, r.json()["citations"]
    hits = c.get("/search", params={"q": "centrale de Zorglub"}).json()["hits"]
    titles = {h["doc_id"]: h["title"] for h in hits}
    assert titles["rapport-zorglub"] == SHOWN and titles["note-zorglub"] == "Note sur Zorglub"
    listed = {d["doc_id"]: d["title"] for d in c.get("/documents").json()}
    assert listed["rapport-zorglub"] == SHOWN and listed["note-zorglub"] == "Note sur Zorglub"
    assert not CONTROLS & set(r.text + str(hits) + str(listed))
