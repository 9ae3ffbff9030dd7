"""`POST /documents` parses its JSON body once, off the event loop (review 8, F3).

Before, `_ingest_urls` parsed the body whenever `"urls"` appeared in it (a document's text is
enough), `_ingest_json` parsed it again, and `storable_metadata` dumped and re-read the whole
metadata before checking its size, all on the event loop: a 20 MiB body took 1.9 s, stalled
every other request as long and peaked at 1.45 GB. Through the real server, with the real
`json.loads` counted where it runs."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from rag import loaders
from service.routes import documents
from tests.service.conftest import Service

_LOADS = json.loads  # the real one (patching `documents.json.loads` patches the json module)


class CountedLoads:
    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []  # (characters read, thread name)

    def __call__(self, raw: Any, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((len(raw), threading.current_thread().name))
        return _LOADS(raw, *args, **kwargs)


def test_the_body_is_parsed_once_in_a_worker_thread(small_service: Callable[..., Service],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    svc = small_service(ingest=False)
    counted = CountedLoads()
    monkeypatch.setattr(documents.json, "loads", counted)
    body = json.dumps({"documents": [{"id": "urls-doc", "text": "Le mot \"urls\" est ici, "
                                      "dans le texte d'un document sur Almaty.",
                                      "note": "urls"}]})
    r = svc.client.post("/documents", content=body,
                        headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    body_reads = [c for c in counted.calls if c[0] == len(body.encode())]
    assert len(body_reads) == 1, counted.calls
    assert not body_reads[0][1].startswith("uvicorn"), body_reads  # not the event loop


def test_big_metadata_is_refused_before_it_is_read_back(
        small_service: Callable[..., Service], monkeypatch: pytest.MonkeyPatch) -> None:
    svc = small_service(ingest=False)
    counted = CountedLoads()
    monkeypatch.setattr(loaders.json, "loads", counted)
    fields = {"id": "m", "text": "Un texte sur Astana.", "m": [{}] * 200_000}
    body = json.dumps({"documents": [fields]}).encode()
    r = svc.client.post("/documents", content=body,
                        headers={"content-type": "application/json"})
    assert r.status_code == 422 and "metadata over" in r.text, r.text
    # the body, once; the metadata's 800 KB as JSON never read back
    assert [c[0] for c in counted.calls] == [len(body)], counted.calls
