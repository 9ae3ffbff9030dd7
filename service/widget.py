"""The embeddable chat widget: static files served by the app, with cache headers.

`GET /widget.js` is the whole widget (one plain JavaScript file, no build step); `GET /` is a
demo page that embeds it, its own script at `GET /static/demo.js`. Responses carry a
content-hash ETag and Last-Modified, and answer a matching `If-None-Match` /
`If-Modified-Since` with 304. The demo page has a strict Content-Security-Policy (`DEMO_CSP`);
the widget's script has none, nothing that would stop other sites' pages from loading it.
"""

from __future__ import annotations

import hashlib
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

STATIC = Path(__file__).resolve().parent / "static"
# The script tag URL is stable, so caches must revalidate; the ETag makes that cheap.
_CACHE = "public, max-age=300, must-revalidate"
_FILES = {
    "widget.js": ("text/javascript; charset=utf-8", _CACHE),
    "demo.js": ("text/javascript; charset=utf-8", _CACHE),
    "demo.html": ("text/html; charset=utf-8", "no-cache"),
}
# The demo page runs only the service's own scripts (no inline script: an injected one would
# not run), loads and connects only to the service, embeds no plugin, keeps its base URL and
# is framed by no one. Styles may be inline: the page's <style> and the widget's, in its
# shadow root.
DEMO_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_EXTRA = {"demo.html": {"content-security-policy": DEMO_CSP}}


def _etag(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def _not_modified(request: Request, etag: str, mtime: float) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return etag in tags or "*" in tags
    since = _http_date(request.headers.get("if-modified-since"))
    return since is not None and int(mtime) <= since


def _http_date(value: str | None) -> int | None:
    """An HTTP date as a Unix time; None when absent or unreadable, which reads as "modified".
    Any failure: the stdlib parser raises TypeError, ValueError, OverflowError (a year or
    offset past a C long) or IndexError on what a client may send, and this header reaches
    public, unthrottled routes (thirteenth review: a 500 and 12 KB of traceback each)."""
    if not value:
        return None
    try:
        return int(parsedate_to_datetime(value).timestamp())
    except Exception:  # an unreadable date is a date not given
        return None


def static_response(request: Request, name: str) -> Response:
    """One of the widget's static files, with cache headers; 304 when the client's copy is
    current."""
    media_type, cache = _FILES[name]
    path = STATIC / name
    data = path.read_bytes()
    mtime = path.stat().st_mtime
    etag = _etag(data)
    headers = {"cache-control": cache, "etag": etag,
               "last-modified": formatdate(mtime, usegmt=True), **_EXTRA.get(name, {})}
    if _not_modified(request, etag, mtime):
        return Response(status_code=304, headers=headers)
    body = b"" if request.method == "HEAD" else data
    headers["content-length"] = str(len(data))
    return Response(body, media_type=media_type, headers=headers)


def mount(app: FastAPI) -> None:
    @app.api_route("/widget.js", methods=["GET", "HEAD"], include_in_schema=False)
    def widget_js(request: Request) -> Response:
        return static_response(request, "widget.js")

    @app.api_route("/static/demo.js", methods=["GET", "HEAD"], include_in_schema=False)
    def demo_js(request: Request) -> Response:
        return static_response(request, "demo.js")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False,
                   response_class=HTMLResponse)
    def demo(request: Request) -> Response:
        return static_response(request, "demo.html")
