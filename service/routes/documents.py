"""`/documents` and `/jobs`: list, add (JSON, files or web pages), delete; large adds as jobs.

The rules for what a document or an uploaded file may be are the library's (rag/loaders.py,
rag/fetch.py): this module reads the request, says which status a refusal gets, and decides
whether the work holds the request or runs as a job.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt
from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag import BusyError, CancelToken, Document, Engine, IngestReport, Skipped
from rag.documents import embedded_chars
from rag.loaders import (
    SUPPORTED_SUFFIXES,
    TextBudget,
    TextTooLarge,
    Uploads,
    counted_document_from_fields,
    storable_metadata,
    upload_name,
)
from service.deps import EngineDep, JobsDep, SettingsDep
from service.guards import BodyRefused
from service.jobs import CannotCancel, Job, JobsBusy
from service.json_body import require_utf8
from service.redact import shown_source, source_roots
from service.schemas import DocumentOut, DocumentsIn, IngestResponse
from service.settings import ServiceSettings
from service.streaming import client_gone, unless_gone

router = APIRouter(tags=["documents"])

T = TypeVar("T")
WRITE_THREADS = 2  # document requests fetching, parsing or ingesting in worker threads at once
WRITE_QUEUE = 8  # more wait on the event loop, holding no thread; past that a 503
# Text an upload's files may give in all, per byte of the files the request sent (those of a
# type the loaders read): Word and PDF files are compressed (real ones read as a few characters
# a byte at most), and three 174 KB .docx files gave 180 M characters (each file is also held
# to `max_document_chars`, and an upload's PDFs share what pypdf may parse). Per byte *sent*,
# not per byte of `max_upload_bytes`: 600 KB of .docx read as 80 M characters each, and nine
# such uploads queued as jobs held 3 GB until the server died (sixth review, F1). Past it the
# request is a 413, as an upload over its bytes is; the files are read no further.
UPLOAD_TEXT_PER_BYTE = 4
# JSON documents are held to the same allowance, per byte of the request body, but never to
# less than this many bytes' worth: a small request of expanding characters stays taken (2,000
# "\ufdfa" sent as 6 KB of UTF-8 are 36,000 characters). Before, nothing but the 20 MiB body:
# 12 documents of 550,000 "\ufdfa" were one job holding 119 M characters, 3 times
# RAG_MAX_PENDING_CHARS (ninth review, F2).
JSON_TEXT_FLOOR_BYTES = 1024 * 1024
# A JSON body is read and parsed by JSON_PARSES requests at a time, JSON_QUEUE more waiting
# without having read theirs (503 past that), and a body over JSON_DENSE_BYTES may hold at most
# one value (array, object, or item after a comma) per JSON_BYTES_PER_VALUE bytes, counted
# outside its strings, or it is a 413 before it is parsed. Python's `json` makes a 56-72 byte
# object of each `[]` sent as 3 bytes: 19.9 MB of `{"urls": [[], [], ...]}` peaked at 450 MB
# in the thread pool (40 threads), before any gate or count (thirteenth review, F2).
JSON_PARSES, JSON_QUEUE = 2, 8
JSON_DENSE_BYTES = 1024 * 1024
# A multipart body passes the same gate (`body_gate`) before it is parsed, and holds it until
# its files are written to the upload folder, one at a time. Its form fields that are not
# files (the route reads none) may hold FORM_FIELD_BYTES each, FORM_FIELDS of them: a 400
# past that. Before, no gate, and a field could hold the whole 20 MiB, decoded to a `str` of
# up to 4 bytes a character: 35 uploads of one 20 MB field held took the server to 3.3 GB,
# 140 of 0.9 MB files to 3.1 GB, and every file was read again into a list (fourteenth
# review, F1).
FORM_FIELD_BYTES = 64 * 1024
FORM_FIELDS = 16
JSON_BYTES_PER_VALUE = 16
_BLOCK = 1024 * 1024
_QUOTE, _BRACKET, _BRACE, _COMMA = b'"'[0], b"["[0], b"{"[0], b","[0]


class WriteGate:
    """Fetching pages, parsing uploads and ingesting run in the worker threads every sync route
    shares (40): 45 requests adding 8 slow pages each held them all and `/search` waited 17 s,
    and ingests waiting for the write lock hold a thread each. At most WRITE_THREADS of these
    run in threads; WRITE_QUEUE more wait without one; past that a 503 with Retry-After."""

    def __init__(self, threads: int = WRITE_THREADS, queue: int = WRITE_QUEUE) -> None:
        self._sem = asyncio.Semaphore(threads)
        self._room = threads + queue
        self._inside = 0

    @contextlib.asynccontextmanager
    async def held(self) -> AsyncIterator[None]:
        """A place for work on the event loop, or in threads it starts (BusyError past the
        queue)."""
        if self._inside >= self._room:
            raise BusyError("too many document requests at once; retry later")
        self._inside += 1
        try:
            async with self._sem:
                yield
        finally:
            self._inside -= 1

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        async with self.held():
            return await run_in_threadpool(fn, *args)

    async def run_unless_gone(self, request: Request, work: Callable[[CancelToken], T]
                              ) -> T | None:
        """`work(cancel)` through the gate; None when the client hangs up first (`cancel`
        then stops it: a synchronous ingest of 2 MB embedded on for half an hour after its
        client had gone, twelfth review F4)."""
        async with self.held():
            return await unless_gone(request, work)


def _ingest_unless(engine: Engine, docs: list[Document], skipped: list[Skipped],
                   cancel: CancelToken) -> IngestReport:
    """The synchronous ingest, stopped (IngestCancelled, nothing written, read by nobody:
    `unless_gone` answers None) once `cancel` fires."""
    return engine.commit_ingest(engine.prepare_ingest(
        docs, skipped, cancelled=lambda: cancel.cancelled))


def write_gate(request: Request) -> WriteGate:
    gate: WriteGate | None = getattr(request.app.state, "write_gate", None)
    if gate is None:
        gate = request.app.state.write_gate = WriteGate()
    return gate


def body_gate(request: Request) -> WriteGate:
    """What a `POST /documents` passes before its body is read, JSON (`_json_body`) or
    multipart (`_ingest_files`): at most JSON_PARSES bodies read at once, JSON_QUEUE more
    waiting without reading theirs (time spent there counts against RAG_BODY_TIMEOUT), a 503
    past that. Apart from `write_gate`, which the same request may take after it."""
    gate: WriteGate | None = getattr(request.app.state, "body_gate", None)
    if gate is None:
        gate = request.app.state.body_gate = WriteGate(JSON_PARSES, JSON_QUEUE)
    return gate


def _inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its `$defs` inlined: a route that reads the raw body does
    not put its model in `components`, so a `$ref` to it would dangle in /openapi.json."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined


LIST_LIMIT = 100  # documents a `GET /documents` page holds unless `limit` says otherwise
LIST_MAX = 1000


@router.get("/documents", response_model=list[DocumentOut], responses={200: {"headers": {
    "X-Total-Count": {"description": "Documents in the index, all pages together.",
                      "schema": {"type": "integer"}}}}})
def list_documents(
    engine: EngineDep, settings: SettingsDep, response: Response,
    limit: Annotated[int, Query(ge=1, le=LIST_MAX, description="Documents in this page.")
                     ] = LIST_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Documents skipped (by id order).")] = 0,
) -> list[dict[str, Any]]:
    """Documents by id, a page at a time: unpaged, the whole index was one answer, as large
    as it grows. The body stays a list (what clients already parse); `X-Total-Count` says
    how many there are in all."""
    # one index pages in SQL; a cluster merges its shards' first `offset + limit` each
    page, total = engine.document_page(limit, offset)
    response.headers["x-total-count"] = str(total)
    roots = source_roots(settings.corpus_dir)  # a server path is shown relative to it, or named
    return [{"doc_id": d.doc_id, "title": d.title, "chunks": d.n_chunks,
             "source": shown_source(d.source, roots)} for d in page]


@router.post("/documents", response_model=IngestResponse,
             responses={202: {"description": "Accepted as a job: `{\"job_id\", "
                              "\"status_url\"}`; poll `GET /jobs/{job_id}`."}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": _inline_schema(DocumentsIn)},
                 "multipart/form-data": {"schema": {"type": "object", "properties": {
                     "files": {"type": "array", "items": {"type": "string",
                                                          "format": "binary"}}}}}}}})
async def add_documents(request: Request, engine: EngineDep, settings: SettingsDep,
                        jobs: JobsDep) -> Any:
    """Add or update documents: a JSON body `{"documents": [{"id", "text", "title"?, ...}]}`
    or a multipart upload of files (.txt .md .html .jsonl .pdf .docx), or web pages to
    fetch: `{"urls": ["https://...", ...]}` (a private or loopback address is a 400;
    a page that cannot be fetched is skipped with the reason). More text than
    `async_ingest_bytes`, `?async=true` or `Prefer: respond-async` make it a job (202).
    JSON documents may hold 4 characters of text as the embedder reads them (NFKC) per byte
    of the body (at least 1 MiB's worth), files 4 per byte of the files: 413 past it."""
    wanted = _async_wanted(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    # What the documents cost is counted in a worker thread, as they are read: NFKC over every
    # text on the event loop, twice, held every other request 11.8 s (ninth review, F2).
    if ctype == "application/json":
        body, body_bytes = await _json_body(request, settings)
        try:
            fetched = await _ingest_urls(request, body, settings, engine)
        except _ClientGone:
            return client_gone()
        skipped: list[Skipped] = []
        if fetched is None:
            docs, cost = await run_in_threadpool(_json_documents, body, body_bytes, settings)
        else:
            docs, skipped = fetched
            cost = await run_in_threadpool(_cost, docs)
    elif ctype == "multipart/form-data":
        uploaded = await _ingest_files(request, settings)
        if uploaded is None:
            return client_gone()
        docs, skipped = uploaded
        cost = await run_in_threadpool(_cost, docs)
    else:
        raise HTTPException(415, "send JSON (`{\"documents\": [...]}`) or multipart/form-data "
                            "files")
    if wanted is None:
        limit = settings.async_ingest_bytes
        wanted = limit > 0 and cost.text_bytes > limit
    if not wanted:  # its text counts with the jobs' while it waits at the gate and runs
        try:
            with jobs.hold(cost.held_chars, settings.max_pending_chars):
                report = await write_gate(request).run_unless_gone(
                    request, lambda cancel: _ingest_unless(engine, docs, skipped, cancel))
        except JobsBusy as exc:
            raise HTTPException(503, str(exc)) from None
        return client_gone() if report is None else _report(report)

    def work(job: Job) -> dict[str, Any]:
        prepared = engine.prepare_ingest(docs, skipped, on_chunks=job.set_total,
                                         progress=job.advance, cancelled=job.cancel_requested)
        job.enter_commit()
        return _report(engine.commit_ingest(prepared))

    try:
        job = jobs.submit(work, len(docs), chars=cost.held_chars,
                          max_pending_chars=settings.max_pending_chars)
    except JobsBusy as exc:
        raise HTTPException(503, str(exc)) from None
    url = f"/jobs/{job.id}"
    return JSONResponse({"job_id": job.id, "status": job.status, "status_url": url},
                        status_code=202, headers={"location": url})


# The multipart half of `POST /documents` under its own path: one operation with two body
# types makes openapi-python-client emit a module that does not import (`Unset` undefined,
# 0.29); each operation here has one (service/openapi.py drops multipart from /documents).
router.add_api_route(
    "/documents/upload", add_documents, methods=["POST"], response_model=IngestResponse,
    summary="Upload files", description="Files in the multipart field `files` (.txt .md "
    ".html .jsonl .pdf .docx); a file that cannot be read is skipped with its reason. "
    "Same answer as `POST /documents`.",
    openapi_extra={"requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["files"], "properties": {
                "files": {"type": "array", "items": {"type": "string",
                                                     "format": "binary"}}}}}}}})


def _quoted(value: str, limit: int = 80) -> str:
    """An id from the URL as an error quotes it, cut short: the error must not be the request
    again (a 10,000-character id)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


@router.delete("/documents/{doc_id:path}")
def delete_document(doc_id: str, engine: EngineDep) -> dict[str, Any]:
    """Ids may hold `/`: `DELETE /documents/a/b` (or `a%2Fb`) deletes `a/b`."""
    deleted, _ = engine.delete([doc_id])
    if not deleted:
        raise HTTPException(404, f"no document {_quoted(doc_id)} in the index")
    return {"deleted": deleted}


def _no_job(job_id: str) -> str:
    """The 404 for a job id: jobs live in the server's memory only, so one accepted (202) may
    have been lost in a restart, not only finished and forgotten; the answer must not read as
    a success (thirteenth review, F8)."""
    return (f"unknown job {_quoted(job_id)}: done over an hour ago or lost in a server "
            "restart; resubmit what GET /documents lacks")


@router.get("/jobs/{job_id}")
def get_job(job_id: str, jobs: JobsDep) -> dict[str, Any]:
    """An ingest job: status, progress (chunks embedded of total), report or error."""
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, _no_job(job_id))
    return job.to_dict()


@router.delete("/jobs/{job_id}")
def cancel_job(job_id: str, jobs: JobsDep) -> dict[str, Any]:
    """Cancel a job before it commits: it stops within milliseconds while chunking, else at
    the next embedding batch; nothing is written. 409 once it is committing or finished."""
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, _no_job(job_id))
    try:
        job.cancel()
    except CannotCancel as exc:
        raise HTTPException(409, str(exc)) from None
    return job.to_dict()


def _async_wanted(request: Request) -> bool | None:
    """`?async=true|false` or `Prefer: respond-async`; None lets the body size decide."""
    raw = request.query_params.get("async")
    if raw is not None:
        flag = raw.strip().lower()
        if flag not in ("true", "1", "yes", "false", "0", "no"):
            raise HTTPException(422, "async: use true or false")
        return flag in ("true", "1", "yes")
    prefer = request.headers.get("prefer", "")
    if "respond-async" in [p.split("=")[0].strip().lower() for p in prefer.split(",")]:
        return True
    return None


async def _json_body(request: Request, settings: ServiceSettings) -> tuple[Any, int]:
    """The JSON body, parsed once and off the event loop (review 8: parsed up to three times
    on the loop, a 20 MiB body stalled every other request 2 s and peaked at 1 GB), and its
    size in bytes. Read and parsed through `body_gate`, and refused when too dense
    (`_parse_json`): thirteenth review, F2."""
    async with body_gate(request).held():
        raw = await request.body()
        if len(raw) > settings.max_upload_bytes:
            raise HTTPException(413, f"request body over {settings.max_upload_bytes} bytes")
        require_utf8(raw, request.headers.get("content-type", ""))
        return await run_in_threadpool(_parse_json, raw), len(raw)


def _json_values(raw: bytes) -> int:
    """About how many values `raw` holds: its arrays and objects, and its items after the
    first (commas), outside strings. Counted in the whole body first (fast, in C); only a
    body over the bound that way is counted again outside its strings, a block at a time
    (each quote, its escapes dropped, turns a string on or off: `_outside`)."""
    count = raw.count(b"[") + raw.count(b"{") + raw.count(b",")
    if count * JSON_BYTES_PER_VALUE <= len(raw):
        return count
    text = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    count, inside = 0, 0
    for at in range(0, len(text), _BLOCK):
        count, inside = _outside(np.frombuffer(text, np.uint8, min(_BLOCK, len(text) - at), at),
                                 count, inside)
    return count


def _outside(block: npt.NDArray[np.uint8], count: int, inside: int) -> tuple[int, int]:
    """`count` plus the `[`, `{` and `,` of `block` outside strings, and whether the block
    ends inside one (`inside`: whether it starts inside one)."""
    quotes = block == _QUOTE
    # 1 from a string's opening quote to the character before its closing one (uint8: wraps,
    # the parity stays)
    parity = (np.cumsum(quotes, dtype=np.uint8) + inside) & 1
    structural = (block == _BRACKET) | (block == _BRACE) | (block == _COMMA)
    count += int(np.count_nonzero(structural & (parity == 0)))
    return count, int(parity[-1]) if len(parity) else inside


def _parse_json(raw: bytes) -> Any:
    """`raw` parsed, in the thread pool; a 413 before parsing when it is over
    JSON_DENSE_BYTES and holds more than one value per JSON_BYTES_PER_VALUE bytes (read in
    UTF-8 only: `require_utf8`)."""
    require_utf8(raw)
    if len(raw) > JSON_DENSE_BYTES:
        values = _json_values(raw)
        if values * JSON_BYTES_PER_VALUE > len(raw):
            raise HTTPException(413, f"a JSON body over {JSON_DENSE_BYTES} bytes may hold one "
                                f"value (array, object or list item) per {JSON_BYTES_PER_VALUE} "
                                f"bytes; this one holds about {values} in {len(raw)} bytes "
                                "(send many small values as an uploaded file)")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: deep nesting
        raise HTTPException(400, "malformed JSON body") from None


class Cost(NamedTuple):
    """What an ingest's documents cost, each text normalised (NFKC) once to count it."""

    held_chars: int  # what it holds while it waits and runs: `RAG_MAX_PENDING_CHARS`
    text_bytes: int  # its size for `RAG_ASYNC_INGEST_BYTES`


def _doc_cost(doc: Document, chars: int | None = None) -> Cost:
    """A document's text and title as the embedder reads them (`embedded_chars`, NFKC: 1,000
    "\ufdfa" cost what 18,000 letters do; metadata is at most 64 KiB a document as JSON, and
    the request's size bounds it), and its size: the text's UTF-8 bytes, or its characters
    to embed when there are more of those (3 bytes of "\ufdfa" are 18). `chars`: the text's
    count when it was made already."""
    if chars is None:
        chars = embedded_chars(doc.text)
    return Cost(chars + embedded_chars(doc.title),
                max(len(doc.text.encode("utf-8", "replace")), chars))


def _cost(docs: list[Document]) -> Cost:
    """What `docs` cost in all; in the thread pool."""
    costs = [_doc_cost(d) for d in docs]
    return Cost(sum(c.held_chars for c in costs), sum(c.text_bytes for c in costs))


def _json_documents(body: Any, body_bytes: int, settings: ServiceSettings
                    ) -> tuple[list[Document], Cost]:
    """`{"documents": [...]}` (or one document object) as documents, and what they cost; in
    the thread pool. Their text (and titles) may hold `UPLOAD_TEXT_PER_BYTE` characters as
    the embedder reads them per byte of the body (at least `JSON_TEXT_FLOOR_BYTES`' worth),
    as an upload's files may: past it a 413, counted no further."""
    items = body.get("documents") if isinstance(body, dict) else None
    if isinstance(body, dict) and items is None and "text" in body:
        items = [body]  # a single document object
    if not isinstance(items, list) or not items:
        raise HTTPException(422, "expected {\"documents\": [{\"id\", \"text\", ...}, ...]}")
    if len(items) > settings.max_documents_per_request:
        raise HTTPException(413, f"at most {settings.max_documents_per_request} documents a "
                            "request")
    allowed = UPLOAD_TEXT_PER_BYTE * max(body_bytes, JSON_TEXT_FLOOR_BYTES)
    docs = []
    held = text_bytes = 0
    seen: set[str] = set()
    for i, obj in enumerate(items):
        try:
            doc, chars = counted_document_from_fields(obj, source="api",
                                                      max_chars=settings.max_document_chars)
            doc = replace(doc, metadata=storable_metadata(doc.metadata))
        except ValueError as exc:
            raise HTTPException(422, f"documents[{i}]: {exc}") from None
        if doc.id in seen:
            raise HTTPException(422, f"documents[{i}]: duplicate id {doc.id!r}")
        seen.add(doc.id)
        cost = _doc_cost(doc, chars)  # each text counted once (it was twice)
        held += cost.held_chars
        if held > allowed:
            raise HTTPException(413, f"the documents give more than {allowed} characters of "
                                f"text in all (limit {UPLOAD_TEXT_PER_BYTE} per byte of the "
                                "request body)")
        text_bytes += cost.text_bytes
        docs.append(doc)
    return docs, Cost(held, text_bytes)


class _ClientGone(Exception):
    """The client hung up while its pages were fetched: answered 499."""


async def _ingest_urls(request: Request, body: Any, settings: ServiceSettings, engine: Engine
                       ) -> tuple[list[Document], list[Skipped]] | None:
    """`{"urls": [...]}`: web pages the server fetches (rag.fetch); None for other bodies;
    _ClientGone when the client hangs up first."""
    from rag.fetch import FetchPolicy, FetchRefused, check_urls, load_sources

    if not isinstance(body, dict) or "urls" not in body:
        return None
    if "documents" in body:
        raise HTTPException(422, "send either `documents` or `urls`, not both")
    raw_urls = body["urls"]
    # counted before `check_urls` walks them: 1.7 M of them held the event loop 0.47 s
    if isinstance(raw_urls, list) and len(raw_urls) > settings.max_urls_per_request:
        raise HTTPException(413, f"at most {settings.max_urls_per_request} URLs a request "
                            "(RAG_MAX_URLS_PER_REQUEST)")  # each may take fetch_timeout s
    try:
        urls = check_urls(raw_urls)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    store = engine.store
    # Pages are held to what files are: `max_document_chars` a page (over it, skipped with the
    # reason), and in all what the largest upload may read (50 pages of 5 MiB could give
    # 260 M characters, all held by one queued job). Before, nothing (sixth review, F3).
    budget = TextBudget(settings.max_document_chars,
                        UPLOAD_TEXT_PER_BYTE * settings.max_upload_bytes)
    policy = FetchPolicy.from_settings(settings)
    try:  # a client that hangs up stops the fetching (twenty-fourth review, F5d)
        got = await write_gate(request).run_unless_gone(request, lambda cancel: load_sources(
            urls, policy, lambda i: store.get_document(i) if store.exists() else None, budget,
            lambda: cancel.cancelled))
    except FetchRefused as exc:
        raise HTTPException(400, str(exc)) from None
    except TextTooLarge as exc:  # the pages read stopped there: nothing is ingested
        raise HTTPException(413, f"{exc} (limit {UPLOAD_TEXT_PER_BYTE} per byte of "
                            "RAG_MAX_UPLOAD_BYTES)") from None
    if got is None:
        raise _ClientGone
    loaded = got
    try:
        docs = [replace(d, metadata=storable_metadata(d.metadata)) for d in loaded.documents]
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    if not docs:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in loaded.skipped)
        raise HTTPException(422, f"no page could be loaded: {reasons or 'nothing fetched'}")
    return docs, loaded.skipped


async def _ingest_files(request: Request, settings: ServiceSettings
                        ) -> tuple[list[Document], list[Skipped]] | None:
    """A multipart upload, read by the library's rules (`rag.loaders.Uploads`); its
    `UploadError`s are answered by the app's `RagError` handler (service/errors.py). The body
    is parsed, and its files written to the upload folder one at a time, through
    `body_gate`; the folder is then read through `write_gate`. None when the client hangs
    up while the files are read (their parsing stops)."""
    most = settings.max_documents_per_request
    async with contextlib.AsyncExitStack() as stack:
        async with body_gate(request).held():
            form = await _upload_form(request, settings)
            try:
                uploads, total = _form_files(form, settings)
                # the text allowance: per byte of the files sent (Starlette counted them)
                folder = stack.enter_context(Uploads(settings.max_document_chars,
                                                     UPLOAD_TEXT_PER_BYTE * total,
                                                     settings.upload_read_seconds))
                await run_in_threadpool(_place_files, uploads, folder, most)
            finally:
                await form.close()  # the parser's spooled files, in memory or in /tmp
        try:  # a client that hangs up stops the parsing (twenty-fourth review, F1)
            loaded = await write_gate(request).run_unless_gone(
                request, lambda cancel: folder.load(lambda: cancel.cancelled))
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        except TextTooLarge as exc:  # the files read stopped there: nothing is ingested
            raise HTTPException(413, f"{exc} (limit {UPLOAD_TEXT_PER_BYTE} per byte of the "
                                "files uploaded)") from None
        if loaded is None:
            return None
        docs, skipped = loaded
        if len(docs) > most:
            raise _too_many(most)
        return docs, skipped


def _too_many(most: int) -> HTTPException:
    return HTTPException(413, f"at most {most} documents a request (a .jsonl line is one)")


async def _upload_form(request: Request, settings: ServiceSettings) -> FormData:
    """The parsed form: its files spooled by Starlette (in memory up to 1 MiB each, else in
    /tmp), its other fields held to FORM_FIELDS of FORM_FIELD_BYTES (a 400 past them)."""
    try:
        return await request.form(max_files=settings.max_documents_per_request,
                                  max_fields=FORM_FIELDS, max_part_size=FORM_FIELD_BYTES)
    except StarletteHTTPException as exc:
        if isinstance(exc, BodyRefused) or exc.status_code != 400:
            raise  # the body's size or deadline (service/guards.py)
        raise HTTPException(400, f"multipart upload refused: {exc.detail} (files go in the "
                            f"field `files`; at most {FORM_FIELDS} other fields, of "
                            f"{FORM_FIELD_BYTES // 1024} KiB each)") from None


def _form_files(form: FormData, settings: ServiceSettings) -> tuple[list[UploadFile], int]:
    """The form's files in the order sent, and the bytes of those of a type the loaders read
    (a 413 past `max_upload_bytes`, before any is copied)."""
    uploads = [v for v in form.getlist("files") if isinstance(v, UploadFile)]
    uploads += [v for k, v in form.multi_items() if k != "files" and isinstance(v, UploadFile)]
    if not uploads:
        raise HTTPException(422, "no file in the upload (use the form field `files`)")
    total = sum(up.size or 0 for up in uploads
                if _upload_suffix(up.filename) in SUPPORTED_SUFFIXES)
    if total > settings.max_upload_bytes:
        raise HTTPException(413, f"upload over {settings.max_upload_bytes} bytes")
    return uploads, total


def _place_files(uploads: list[UploadFile], folder: Uploads, most: int) -> None:
    """Each file written to `folder` (in the thread pool), one at a time: a file was read
    whole into a list of them all, on top of the parser's copies. A 413 past `most`
    documents (a .jsonl line is one; a file of another type, one at most)."""
    lines = 0
    for up in uploads:
        path = folder.place(up.filename)  # UploadError for a name it refuses
        if path is None:  # a type no loader reads: skipped with the reason
            continue
        up.file.seek(0)
        with path.open("wb") as out:
            if path.suffix.lower() == ".jsonl":
                # the JSON body's bound holds for files too: 250 KB of .jsonl was 5,000
                # documents; this file is read whole, alone (at most `max_upload_bytes`)
                data = up.file.read()
                lines += _jsonl_lines(data, most - lines)
                out.write(data)
                del data
            else:
                shutil.copyfileobj(up.file, out, _BLOCK)
                lines += 1
        if lines > most:
            raise _too_many(most)


_BLANKS = b" \t\r\x0b\x0c"  # what `bytes.strip()` removes, but the line break


def _jsonl_lines(data: bytes, room: int) -> int:
    """The lines of `data` that are not blank (`line.strip()`), each a document, or `room + 1`
    when there are more than `room`. Splitting the file into lines first held the event loop
    0.75 s for 19 M line breaks (ninth review, F2); here the blanks but the line breaks are
    dropped and what is left split at most `room` times, in C (tens of ms for 20 MiB)."""
    return len(data.translate(None, _BLANKS).split(None, room))


def _upload_suffix(filename: str | None) -> str | None:
    """The suffix `Uploads.place` reads a file by; None for a name it refuses (it says why)."""
    try:
        return Path(upload_name(filename)).suffix.lower()
    except ValueError:
        return None


def _report(report: IngestReport) -> dict[str, Any]:
    return {
        "documents": report.documents, "added": report.added, "updated": report.updated,
        "unchanged": report.unchanged, "chunks": report.chunks,
        "skipped": [{"source": s.source, "reason": s.reason} for s in report.skipped],
        "dropped_lines": report.dropped_lines,
        "seconds": round(report.seconds, 3), "total_documents": report.total_documents,
        "total_chunks": report.total_chunks,
    }
