"""The embeddable chat widget: static files served by the app, with cache headers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse

STATIC = Path(__file__).resolve().parent / "static"
# The script tag URL is stable, so caches must revalidate; ETag/Last-Modified make that cheap.
_CACHE = {"cache-control": "public, max-age=300, must-revalidate"}
_FILES = {"widget.js": "text/javascript; charset=utf-8", "widget.css": "text/css; charset=utf-8"}


def mount(app: FastAPI) -> None:
    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type=_FILES["widget.js"], headers=_CACHE)

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def demo() -> FileResponse:
        return FileResponse(STATIC / "demo.html", media_type="text/html; charset=utf-8",
                            headers={"cache-control": "no-cache"})
