"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving scripted pages: the
web pages that URL ingestion fetches in tests."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # "" removes a default header
    etag: str | None = None  # answers 304 when the request's If-None-Match matches
    drip: float = 0.0  # seconds between 100-byte pieces of the body (a slow server)
    head_drip: float = 0.0  # seconds between header lines, for ever (headers never end)
    reason: str | None = None  # the status line's reason phrase (None: the standard one)


@dataclass
class Site:
    url: str
    routes: dict[str, Route]
    seen: list[tuple[str, dict[str, str]]]  # (path, headers) of every request received


@contextmanager
def local_site(tls: ssl.SSLContext | None = None) -> Iterator[Site]:
    """Serve `Site.routes`; with `tls` (a server context) over https."""
    routes: dict[str, Route] = {}
    seen: list[tuple[str, dict[str, str]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            if route.head_drip:
                self._drip_head(route.head_drip)
                return
            self.send_response(route.status, route.reason)
            headers = {"Content-Type": "text/html; charset=utf-8",
                       "Content-Length": str(len(route.body)), **route.headers}
            if route.etag:
                headers["ETag"] = route.etag
            for k, v in headers.items():
                if v:
                    self.send_header(k, v)
            self.end_headers()
            if not route.drip:
                self.wfile.write(route.body)
                return
            for i in range(0, len(route.body), 100):
                time.sleep(route.drip)
                self.wfile.write(route.body[i:i + 100])
                self.wfile.flush()

        def _drip_head(self, every: float) -> None:
            """A status line, then one header line every `every` seconds until the client
            leaves (or 30 s): each read of the client gets a byte in time."""
            self.close_connection = True
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                self.wfile.flush()
                end = time.monotonic() + 30
                while time.monotonic() < end:
                    time.sleep(every)
                    self.wfile.write(b"X-Drip: a\r\n")
                    self.wfile.flush()
            except OSError:
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    scheme = "https" if tls is not None else "http"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"{scheme}://127.0.0.1:{server.server_address[1]}", routes, seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


ARTICLE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Crue de la Loire à Orléans | Le Journal du Centre</title>
<meta property="og:title" content="Crue de la Loire à Orléans">
<meta name="author" content="Mathilde Léger">
<meta property="article:published_time" content="2024-02-12T08:30:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/region">Région</a> <a href="/sport">Sport</a></nav>
<article><h1>Crue de la Loire à Orléans</h1>
<p>La Loire a atteint quatre mètres vingt lundi matin à Orléans, un niveau inédit depuis
2003 selon la préfecture du Loiret, qui a fermé les quais et deux ponts à la circulation.</p>
<p>Les pompiers ont évacué une centaine d'habitants du quartier Saint-Marceau pendant la nuit,
et les écoles de la rive gauche resteront fermées jusqu'à jeudi au moins.</p>
<p>Météo-France prévoit une décrue lente à partir de mercredi, si la pluie cesse en amont.</p>
</article><footer>© Le Journal du Centre</footer></body></html>"""
