"""/openapi.json says what the service sends: errors in the shape each route family uses,
the stream media types, response models for every route. A client generated from it
(openapi-python-client) imports and handles every documented status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from service.schemas import (
    DeletedResponse,
    ErrorResponse,
    HealthResponse,
    OpenAIErrorResponse,
)

_ERRORS = {"400": "Bad request", "401": "Missing or wrong API key",
           "403": "Key without the rights, or a cross-site write", "404": "Not found",
           "413": "Body too large", "415": "Wrong content type",
           "422": "Invalid field (every failed field in `details`)",
           "429": "Rate limit (see Retry-After)",
           "503": "Busy or index being repaired (see Retry-After)"}
_NO_BODY = {"/health", "/metrics", "/v1/models", "/openapi.json"}
_EXTRA_MODELS: dict[tuple[str, str], type[BaseModel]] = {
    ("/health", "get"): HealthResponse,
    ("/documents/{doc_id}", "delete"): DeletedResponse,
}


def _components(schema: dict[str, Any], model: type[BaseModel]) -> dict[str, str]:
    """Register `model` (and its nested models) under components; its `$ref`."""
    js = model.model_json_schema(ref_template="#/components/schemas/{model}")
    comps = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, sub in js.pop("$defs", {}).items():
        comps.setdefault(name, sub)
    comps[model.__name__] = js
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(ref: dict[str, str], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def build(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    plain = _components(schema, ErrorResponse)
    openai = _components(schema, OpenAIErrorResponse)
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            responses = op.setdefault("responses", {})
            ref = openai if path.startswith("/v1/") else plain
            for code, text in _ERRORS.items():
                if path in _NO_BODY and code in ("400", "413", "415", "422"):
                    continue
                if (code == "404" and "{" not in path and path != "/ask"
                        and (path, method) != ("/feedback", "post")):  # unknown answer id
                    continue
                responses[code] = _json(ref, text)
            model = _EXTRA_MODELS.get((path, method))
            if model is not None:
                responses["200"] = _json(_components(schema, model), "Successful Response")
    docs = schema["paths"].get("/documents", {}).get("post")
    if docs is not None:  # multipart is on /documents/upload (service/routes/documents.py)
        docs["requestBody"]["content"].pop("multipart/form-data", None)
    comps = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        comps.pop(name, None)
    limits = getattr(app.state, "limits", None)  # bounds the app's settings set
    if limits is not None:
        limits.document(schema)
    stream = schema["paths"].get("/ask/stream", {}).get("post")
    if stream is not None:
        stream["responses"]["200"] = {
            "description": "Server-Sent Events, each `data:` a JSON object. `citations` "
                           "(`cited: false`: the passages retrieved, numbered by rank, "
                           "dense's first last when the fusion ranked it past them; "
                           "`cited: true`: the passages the text so far cites, in final "
                           "numbering, replacing any list before it; empty when the answer "
                           "declines), `token` (`text`, markers in final numbering), then "
                           "`done` (the checked answer, numbered as the tokens were) or "
                           "`error` (`error`, `status`).",
            "content": {"text/event-stream": {"schema": {"type": "string"}}}}
    return schema


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
