"""The JSON bodies of the question routes (`/ask`, `/verify`, `/feedback`, `/v1/*`): how many
arrays and objects one holds is counted before FastAPI parses it.

FastAPI parses a body with `json.loads` on the event loop, before any schema cap is read, and
`json.loads` holds the GIL throughout: every other route waits. An array is a Python list
the garbage collector tracks, and the collector's full passes over the whole server grew
with them: a 2 MiB `/ask` body of 700,000 `[]` held the loop 1.8 s, of 420,000 `[[]]` 4.5 s
(a 422 at the end), twelve such bodies from one client kept `/health` waiting up to 9.6 s
(twenty-eighth review, F2). A body holding more than MAX_JSON_CONTAINERS arrays and objects
(outside its strings) is a 413 before it is parsed. So is one whose objects hold more than
MAX_JSON_MEMBERS members between them: one object of 260,000 unknown keys counted as one
container, and pydantic's error for each key (a 16 MB 422) took 2.2 s of the loop (thirty-
ninth review, F1). `POST /documents` reads its body itself, through a gate and a density rule
of its own (service/routes/documents.py). Both read UTF-8 bodies only (`require_utf8`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

import numpy as np
from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

# What an honest request holds is far under it: a chat request's schema caps (221 messages of
# 32 content parts, an image's object in each) make about 15,000 arrays and objects, a
# question's filters one list a key. 25,000 empty arrays parse in about 15 ms.
MAX_JSON_CONTAINERS = 25_000
# ... and object members: the same chat request holds about 29,000 (four keys a content part)
MAX_JSON_MEMBERS = 50_000
_QUOTE, _BRACKET, _BRACE, _COLON = b'"'[0], b"["[0], b"{"[0], b":"[0]


def counts(raw: bytes) -> tuple[int, int]:
    """The arrays and objects, and the object members (their colons), of the JSON text `raw`
    outside its strings (each quote, its escapes dropped, turns a string on or off). Called in
    the thread pool (numpy lets go of the GIL), for a text whose `[`, `{` or `:`, strings
    included, are more than allowed."""
    text = np.frombuffer(raw.replace(b"\\\\", b"").replace(b'\\"', b""), np.uint8)
    outside = (np.cumsum(text == _QUOTE, dtype=np.uint8) & 1) == 0  # (uint8 wraps; parity)
    opens = (text == _BRACKET) | (text == _BRACE)
    return (int(np.count_nonzero(opens & outside)),
            int(np.count_nonzero((text == _COLON) & outside)))


def require_utf8(raw: bytes, content_type: str = "") -> None:
    """A 415 for a JSON body not in UTF-8. `json.loads` reads UTF-16 and UTF-32 too, where a
    quote byte may be half of another character ("∀" is 00 22 in UTF-16-LE): the counts
    above, which read quotes as bytes, would then count nothing past it (fortieth review, F1
    and F2). RFC 8259 requires UTF-8 between systems."""
    params = [p.strip().lower() for p in content_type.split(";")[1:]]
    charset = next((p.split("=", 1)[1].strip(" \"'") for p in params
                    if p.startswith("charset=")), "utf-8")
    # (US-ASCII is UTF-8's first 128 characters: a client labelling its body so is honest)
    if charset not in ("utf-8", "utf8", "us-ascii", "ascii") or (
            raw and json.detect_encoding(raw) not in ("utf-8", "utf-8-sig")):
        raise HTTPException(415, "a JSON body must be UTF-8")


def _json(request: Request) -> bool:
    ctype = request.headers.get("content-type", "")
    return ctype.split(";")[0].strip().lower().endswith("json")


class CountedJSONRoute(APIRoute):
    """A route whose JSON body is refused (413) past MAX_JSON_CONTAINERS arrays and objects,
    or MAX_JSON_MEMBERS object members, before FastAPI parses it (the body is read once:
    FastAPI reads the same `request`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def counted(request: Request) -> Response:
            raw = await request.body() if _json(request) else b""
            if raw:
                require_utf8(raw, request.headers.get("content-type", ""))
            # (each count in C: ~1 ms a MiB)
            if raw.count(b"[") + raw.count(b"{") > MAX_JSON_CONTAINERS \
                    or raw.count(b":") > MAX_JSON_MEMBERS:
                found, members = await run_in_threadpool(counts, raw)
                if found > MAX_JSON_CONTAINERS:
                    raise HTTPException(413, f"a JSON body may hold at most "
                                        f"{MAX_JSON_CONTAINERS} arrays and objects; this one "
                                        f"holds {found}")
                if members > MAX_JSON_MEMBERS:
                    raise HTTPException(413, f"a JSON body may hold at most "
                                        f"{MAX_JSON_MEMBERS} object members; this one holds "
                                        f"{members}")
            return await handler(request)

        return counted
