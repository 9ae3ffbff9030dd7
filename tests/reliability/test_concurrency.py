"""Readers during writes: while one POST /documents ingests 40 documents (one of them an
update), and a DELETE runs, four threads hammer /search and /ask. Every response is a 200 and
every hit is a consistent snapshot: its document is an old or a new one, and its text is
exactly that document's text[start:end] in one of the versions that existed."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import httpx

from tests.conftest import small_docs
from tests.reliability.conftest import extractive_units
from tests.service.conftest import Service

N_NEW = 40
READERS = 4
MAX_SECONDS = 120  # bound on the whole write phase; readers stop when it ends

TOPICS = ["la bibliothèque", "le barrage", "la cathédrale", "le glacier", "la raffinerie",
          "le vignoble", "la mine de sel", "le port de pêche", "la centrale solaire",
          "le tramway"]


def new_documents() -> list[dict[str, str]]:
    docs = []
    for i in range(N_NEW):
        topic = TOPICS[i % len(TOPICS)]
        docs.append({"id": f"new-{i:02d}", "title": f"Nouvelle {i}",
                     "text": f"Le conseil municipal a inauguré {topic} numéro {i} de la ville "
                             f"jumelle {i}. Le projet, nommé code{i}zeta, a coûté {i + 3} "
                             "millions d'euros et emploie des dizaines de personnes."})
    return docs


UPDATED_CUISINE = ("La recette de la ratatouille niçoise demande des aubergines, des courgettes "
                   "et du basilic frais; la version révisée ajoute du thym de Provence.")
QUERIES = ["recette de la ratatouille", "code7zeta", "conseil municipal inauguré",
           "match de football au Vélodrome", "volcan Etna Catania", "fusée Ariane Kourou",
           "combien a coûté le glacier", "basilic thym"]
QUESTIONS = ["Qu'a inauguré le conseil municipal ?", "Que demande la recette de la ratatouille ?",
             "Combien de supporters au stade Vélodrome ?", "Combien a coûté le projet code12zeta ?"]


def test_readers_see_whole_snapshots_during_ingest_and_delete(small_service: Any) -> None:
    svc: Service = small_service(rate_limit_per_minute=0)
    old = {d.id: d for d in small_docs()}
    new_payload = [*new_documents(),
                   {"id": "cuisine", "title": "La ratatouille", "text": UPDATED_CUISINE}]
    versions: dict[str, list[str]] = {d.id: [d.text] for d in old.values()}
    for d in new_payload:
        versions.setdefault(d["id"], []).append(d["text"])

    stop = threading.Event()
    started = threading.Barrier(READERS + 1, timeout=60)
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    hits_seen: list[dict[str, Any]] = []
    during_writes = Counter[str]()
    writing = threading.Event()
    lock = threading.Lock()

    def reader(seed: int) -> None:
        i = seed
        with httpx.Client(base_url=svc.url, timeout=60) as client:
            first = True
            while not stop.is_set():
                i += 1
                try:
                    if i % 3:
                        retriever = ("hybrid", "bm25", "dense")[i % 3]
                        r = client.get("/search", params={"q": QUERIES[i % len(QUERIES)],
                                                          "k": 8, "retriever": retriever})
                    else:
                        r = client.post("/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
                except httpx.HTTPError as exc:
                    with lock:
                        problems.append(f"transport error: {exc!r}")
                    continue
                with lock:
                    statuses[r.status_code] += 1
                    if writing.is_set():
                        during_writes[r.url.path] += 1
                    if r.status_code != 200:
                        problems.append(f"{r.request.method} {r.url} -> {r.status_code} {r.text}")
                    elif r.url.path == "/search":
                        hits_seen.extend(r.json()["hits"])
                    else:
                        body = r.json()
                        hits_seen.extend(body["citations"])
                        if not body["abstained"]:
                            try:
                                extractive_units(body)
                            except AssertionError as exc:
                                problems.append(f"/ask: {exc}")
                if first:
                    first = False
                    started.wait()

    threads = [threading.Thread(target=reader, args=(n * 1000,), daemon=True)
               for n in range(READERS)]
    for t in threads:
        t.start()
    started.wait()  # every reader has had a first answer: writes now overlap with reads

    results: dict[str, httpx.Response] = {}

    def ingest() -> None:
        with httpx.Client(base_url=svc.url, timeout=MAX_SECONDS) as client:
            results["ingest"] = client.post("/documents", json={"documents": new_payload})

    def delete() -> None:
        with httpx.Client(base_url=svc.url, timeout=MAX_SECONDS) as client:
            results["delete"] = client.delete("/documents/foot")

    t0 = time.monotonic()
    writing.set()
    writers = [threading.Thread(target=ingest), threading.Thread(target=delete)]
    for t in writers:
        t.start()
    for t in writers:
        t.join(timeout=MAX_SECONDS)
    writing.clear()
    write_s = time.monotonic() - t0
    time.sleep(0.5)  # a little more reading of the final state
    stop.set()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads + writers), "a thread did not finish"

    served = sum(statuses.values())
    print(f"\nconcurrency: {served} reads ({dict(statuses)}), {sum(during_writes.values())} "
          f"during {write_s:.1f} s of writes ({dict(during_writes)}), {len(hits_seen)} hits")
    assert results["ingest"].status_code == 200, results["ingest"].text
    report = results["ingest"].json()
    assert (report["added"], report["updated"]) == (N_NEW, 1)
    assert results["delete"].status_code == 200
    assert results["delete"].json() == {"deleted": ["foot"]}
    assert not problems, problems[:10]
    assert set(statuses) == {200}
    assert during_writes["/search"] > 0 and during_writes["/ask"] > 0, during_writes

    # Every hit ever served belongs to a version of a document that existed.
    store = svc.engine.store
    final = {d.doc_id for d in store.list_documents()}
    assert final == (set(old) - {"foot"}) | {d["id"] for d in new_payload}
    bad = []
    for h in hits_seen:
        texts = versions.get(h["doc_id"])
        if texts is None:
            bad.append(f"unknown document {h['doc_id']!r}")
            continue
        if not any(t[h["start"]:h["end"]] == h["text"] for t in texts):
            bad.append(f"{h['chunk_id']} [{h['start']}:{h['end']}] in no version: {h['text']!r}")
        current = store.get_document(h["doc_id"])
        # a hit may differ from the stored text only if it is the old version of the update
        if (current is not None and current.text[h["start"]:h["end"]] != h["text"]
                and (h["doc_id"] != "cuisine"
                     or old["cuisine"].text[h["start"]:h["end"]] != h["text"])):
            bad.append(f"{h['chunk_id']} differs from the stored text")
    assert not bad, bad[:10]
    assert {h["doc_id"] for h in hits_seen} & {d["id"] for d in new_payload[:-1]}, "no new doc seen"

    # The final state is served: new documents found, the deleted one gone, the update in.
    r = svc.client.get("/search", params={"q": "code7zeta", "k": 3, "retriever": "bm25"})
    assert [h["doc_id"] for h in r.json()["hits"]][:1] == ["new-07"]
    r = svc.client.get("/search", params={"q": "Vélodrome supporters", "k": 10,
                                          "retriever": "bm25"})
    assert "foot" not in [h["doc_id"] for h in r.json()["hits"]]
    r = svc.client.get("/search", params={"q": "basilic thym Provence", "k": 1,
                                          "retriever": "bm25"})
    assert r.json()["hits"][0]["text"] in UPDATED_CUISINE
    health = svc.client.get("/health").json()
    assert health["documents"] == len(final)
    snap = svc.engine.snapshot
    assert snap is not None
    assert snap.dense.ntotal == len(snap.bm25) == health["chunks"]


