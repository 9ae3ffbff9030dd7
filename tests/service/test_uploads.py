"""Upload names and document ids over a real server: a bad name is a 400 naming the file, never
a made-up `upload-0` that replaces another document; ids with `/` can be deleted; skip reasons
never show the server's temporary folder."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.service.conftest import Service

BOUNDARY = "rag-test-boundary"


def _multipart(*files: tuple[bytes, bytes]) -> tuple[bytes, dict[str, str]]:
    """A multipart body written by hand: httpx would escape the odd names under test."""
    body = b""
    for name, data in files:
        body += (f"--{BOUNDARY}\r\n".encode()
                 + b'Content-Disposition: form-data; name="files"; filename="' + name + b'"\r\n'
                 + b"Content-Type: text/plain\r\n\r\n" + data + b"\r\n")
    body += f"--{BOUNDARY}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


def _upload(c: httpx.Client, *files: tuple[bytes, bytes]) -> httpx.Response:
    body, headers = _multipart(*files)
    return c.post("/documents", content=body, headers=headers)


def _ids(c: httpx.Client) -> set[str]:
    return {d["doc_id"] for d in c.get("/documents").json()}


TEXT = b"Le lac d'Annecy est l'un des plus purs d'Europe."


@pytest.mark.parametrize(("name", "shown", "why"), [
    (b"", "''", "no name"),
    (b".hidden.txt", "'.hidden.txt'", "hidden"),
    (b"..", "'..'", "directory"),
    (b"dossier/..", "'dossier/..'", "directory"),
    (b"a\x00b.txt", "'a\\x00b.txt'", "control or invisible characters"),
    # review 33 F4: a C1 control and a bidi override ("x<U+202E>txt.exe" shown backwards)
    ("a\u009b31mb.txt".encode(), "'a\\x9b31mb.txt'", "control or invisible characters"),
    ("x\u202etxt.exe.txt".encode(), "'x\\u202etxt.exe.txt'", "control or invisible"),
    (b"x" * 300 + b".txt", "'xxxxxxxx", "255 bytes"),
])
def test_bad_upload_names_are_400(small_service: Any, name: bytes, shown: str,
                                  why: str) -> None:
    svc: Service = small_service()
    c = svc.client
    r = _upload(c, (b"ok.txt", TEXT), (name, TEXT))
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == "application/json"
    error = r.json()["error"]
    assert error.startswith(f"files[1] {shown}"), error
    assert why in error and len(error) < 300
    assert _ids(c) == {"astro", "cuisine", "foot", "volcan"}  # nothing of it was ingested


def test_odd_names_never_replace_each_other(small_service: Any) -> None:
    svc: Service = small_service()
    c = svc.client
    r = _upload(c, (b"notes.txt", TEXT))
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    for name in (b"", b".hidden.txt", b"..", b"/"):
        assert _upload(c, (name, b"Un autre texte.")).status_code == 400
    # two files of one request that end up with the same name
    r = _upload(c, (b"a/notes.txt", b"Version A."), (b"b/notes.txt", b"Version B."))
    assert r.status_code == 400 and "same name" in r.json()["error"], r.text
    assert _ids(c) == {"astro", "cuisine", "foot", "volcan", "notes"}
    hit = c.get("/search", params={"q": "lac d'Annecy", "k": 1}).json()["hits"][0]
    assert hit["doc_id"] == "notes" and "Annecy" in hit["text"]


def test_skip_reasons_name_uploads_not_temp_paths(small_service: Any) -> None:
    svc: Service = small_service()
    c = svc.client
    r = _upload(c, (b"meme.txt", TEXT), (b"meme.md", b"# Autre\n\nUn autre texte.\n"))
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["added"] == 1
    assert [s["source"] for s in rep["skipped"]] == ["upload:meme.md"]
    reason = rep["skipped"][0]["reason"]
    assert reason == "duplicate document id 'meme' (first in upload:meme.txt)", reason
    assert "/tmp" not in r.text and "rag-upload" not in r.text


def test_ids_with_a_slash_can_be_listed_and_deleted(small_service: Any) -> None:
    svc: Service = small_service()
    c = svc.client
    r = c.post("/documents", json={"documents": [
        {"id": "dossier/a", "text": "Le premier texte du dossier."},
        {"id": "dossier/b", "text": "Le second texte du dossier."},
    ]})
    assert r.status_code == 200 and r.json()["added"] == 2, r.text
    assert {"dossier/a", "dossier/b"} <= _ids(c)
    r = c.delete("/documents/dossier/a")
    assert r.status_code == 200 and r.json()["deleted"] == ["dossier/a"], r.text
    r = c.delete("/documents/dossier%2Fb")
    assert r.status_code == 200 and r.json()["deleted"] == ["dossier/b"], r.text
    r = c.delete("/documents/dossier/a")
    assert r.status_code == 404 and "dossier/a" in r.json()["error"]
    assert _ids(c) == {"astro", "cuisine", "foot", "volcan"}


def test_documents_per_request_bound_uploads_too(small_service: Any) -> None:
    """`RAG_MAX_DOCUMENTS_PER_REQUEST` refused 1,001 documents in a JSON body while a .jsonl
    upload of 250 KB added 5,000: lines are documents, and files count with them."""
    svc = small_service(ingest=False, max_documents_per_request=5)
    line = b'{"id": "d%d", "text": "Le lac numero %d est pur."}\n'
    six = b"".join(line % (i, i) for i in range(6))
    r = _upload(svc.client, (b"six.jsonl", six))
    assert r.status_code == 413 and "at most 5 documents" in r.json()["error"], r.text
    r = _upload(svc.client, (b"three.jsonl", six[: len(six) // 2]), (b"a.txt", TEXT),
                (b"b.txt", TEXT), (b"c.txt", TEXT))
    assert r.status_code == 413, r.text
    r = _upload(svc.client, (b"four.jsonl", b"".join(line % (i, i) for i in range(4))),
                (b"a.txt", TEXT))
    assert r.status_code == 200 and r.json()["added"] == 5, r.text
    assert len(_ids(svc.client)) == 5
