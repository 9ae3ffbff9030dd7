"""Security review 48, F3: GET /docs loaded Swagger UI from cdn.jsdelivr.net (a floating
`@5` tag, no integrity check) into the service's own origin, whose pages have no
`script-src` and whose same-origin writes pass the guard when no key is set: whoever served
that file could add and delete documents through a visitor's browser. The interactive docs
pages are off unless RAG_DOCS_PAGES turns them on; the schema, /openapi.json, stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.settings import ServiceSettings
from tests.service.conftest import Service


def test_docs_pages_are_off_by_default_the_schema_stays(
    small_service: Callable[..., Service],
) -> None:
    c = small_service(ingest=False).client
    for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        r = c.get(path)
        assert r.status_code == 404, (path, r.status_code)
        assert "cdn.jsdelivr.net" not in r.text
    schema = c.get("/openapi.json")
    assert schema.status_code == 200 and "/ask" in schema.json()["paths"]
    assert "cdn.jsdelivr.net" not in c.get("/").text  # the demo page loads nothing from a CDN


def test_docs_pages_are_served_when_turned_on(small_service: Callable[..., Service]) -> None:
    c = small_service(ingest=False, docs_pages=True).client
    docs, redoc = c.get("/docs"), c.get("/redoc")
    assert docs.status_code == 200 and "swagger-ui" in docs.text
    assert redoc.status_code == 200 and "redoc" in redoc.text.lower()
    assert "/openapi.json" in docs.text and "/openapi.json" in redoc.text


def test_the_setting_reads_rag_docs_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ServiceSettings().docs_pages is False
    monkeypatch.setenv("RAG_DOCS_PAGES", "true")
    assert ServiceSettings().docs_pages is True
