"""`GET /documents` shows no server path, over a real server and an index written by the
library's ingest of real files (what `rag ingest` runs): a file under the corpus folder is
shown relative to it, any other by its name; URLs, uploads and `api` as they are. Before
(seventh review, F6) every listing gave the absolute path each file was read from. The
stored source is unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.service.conftest import Service


def test_listed_sources_name_no_server_directory(small_service: Any, tmp_path: Path) -> None:
    svc: Service = small_service(ingest=False)
    corpus = Path(svc.settings.corpus_dir)  # the corpus the server builds from
    (corpus / "villes").mkdir(parents=True)
    (corpus / "villes" / "lyon.txt").write_text("Lyon est au confluent du Rhône et de la Saône.")
    secret = tmp_path / "srv-private" / "exports"
    secret.mkdir(parents=True)
    (secret / "grenoble.md").write_text("# Grenoble\n\nGrenoble est entourée de montagnes.")
    (secret / "lot.jsonl").write_text(
        '{"id": "nice", "text": "Nice est au bord de la Méditerranée."}\n'
        '{"id": "brest", "text": "Brest est un grand port de Bretagne."}\n')
    report = svc.engine.ingest([corpus, secret])
    assert report.added == 4
    r = svc.client.post("/documents", json={"documents": [{"id": "api-doc", "text": "Dijon."}]})
    assert r.status_code == 200, r.text
    r = svc.client.post("/documents/upload",
                        files={"files": ("note.txt", b"Une note sur Rennes et la Bretagne.")})
    assert r.status_code == 200, r.text

    listed = {d["doc_id"]: d["source"] for d in svc.client.get("/documents").json()}
    assert listed == {"lyon": "villes/lyon.txt", "grenoble": "grenoble.md",
                      "nice": "lot.jsonl:1", "brest": "lot.jsonl:2", "api-doc": "api",
                      "note": "upload:note.txt"}
    assert not any(str(tmp_path) in s for s in listed.values())
    # the index keeps where each file was read from
    assert svc.engine.store.get_document("grenoble").source == str(secret / "grenoble.md")


def test_a_listed_source_filters_what_it_lists(small_service: Any, tmp_path: Path) -> None:
    """What `GET /documents` shows as `source` is a `source` filter that selects that
    document (before, only the stored absolute path matched: the listed one selected nothing),
    and only it: the stored path is no oracle (review 8: `{"gte": ...}` on the stored path
    read it a letter at a time in 719 requests; ranges on `source` are now a 400)."""
    svc: Service = small_service(ingest=False)
    corpus = Path(svc.settings.corpus_dir)
    (corpus / "villes").mkdir(parents=True)
    (corpus / "villes" / "lyon.txt").write_text("Lyon est au confluent du Rhône et de la Saône.")
    (corpus / "grenoble.txt").write_text("Grenoble est entourée de montagnes et de neige.")
    other = tmp_path / "srv-private"
    other.mkdir()
    (other / "nice.txt").write_text("Nice est une ville au bord de la mer et des montagnes.")
    assert svc.engine.ingest([corpus, other]).added == 3
    listed = {d["doc_id"]: d["source"] for d in svc.client.get("/documents").json()}
    assert listed == {"lyon": "villes/lyon.txt", "grenoble": "grenoble.txt", "nice": "nice.txt"}

    def search(source: object) -> Any:
        return svc.client.get("/search", params={"q": "ville montagnes confluent", "k": 5,
                                                  "filters": json.dumps({"source": source})})

    def found(source: object) -> set[str]:
        r = search(source)
        assert r.status_code == 200, r.text
        return {h["doc_id"] for h in r.json()["hits"]}

    assert found("villes/lyon.txt") == {"lyon"}
    assert found(["villes/lyon.txt", "nice.txt"]) == {"lyon", "nice"}
    assert found("lyon.txt") == set()  # not what is listed
    assert found(str(corpus / "villes" / "lyon.txt")) == set()  # the stored path tells nothing
    assert found(str(other / "nice.txt")) == set()
    r = search({"gte": "/"})
    assert r.status_code == 400 and "not a range" in r.text, r.text
    # the library (the operator's CLI) still filters by the stored source
    assert {h.doc_id for h in svc.engine.store.list_documents()
            if h.source == str(other / "nice.txt")} == {"nice"}
