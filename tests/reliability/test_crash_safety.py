"""Crash safety of the on-disk index: SIGKILL a real `rag ingest` process at random moments,
and corrupt each index file; the index must always load and hold exactly one committed state,
or fail with a clear error, never crash the interpreter or answer wrongly."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import faiss
import pytest

from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.ingest import Ingestor
from rag.loaders import load_paths
from rag.retrieval import Searcher
from rag.store import IndexStore
from tests.conftest import ROOT, small_docs

KILLS = int(os.environ.get("RAG_KILLS", "20"))
SEED = int(os.environ.get("RAG_KILL_SEED", "20220107"))
N_FILES = 15
TOPICS = ["la fusée", "le volcan", "la recette", "le match", "le train", "la forêt", "le musée",
          "la pluie", "le pont", "la mer", "le vélo", "la neige", "le marché", "la lune",
          "le jardin"]


def _version_text(j: int, v: int) -> str:
    return (f"Fiche {j}\nVersion {v} de la fiche {j} sur {TOPICS[j]}. Ce texte court parle de "
            f"{TOPICS[j]} et porte le mot repère m{j}v{v}x.\n")


def _write_version(folder: Path, v: int) -> dict[str, str]:
    folder.mkdir(exist_ok=True)
    for j in range(N_FILES):
        (folder / f"fiche-{j:02d}.txt").write_text(_version_text(j, v), encoding="utf-8")
    return {f"fiche-{j:02d}": _version_text(j, v) for j in range(N_FILES)}


def _sqlite_state(index: Path) -> tuple[int, dict[str, str], list[int]]:
    """(generation, {doc_id: text}, chunk ids), read straight from SQLite."""
    with contextlib.closing(sqlite3.connect(index / "store.sqlite")) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        texts = dict(conn.execute("SELECT doc_id, text FROM documents").fetchall())
        ids = sorted(r[0] for r in conn.execute("SELECT id FROM chunks"))
    return int(meta.get("generation", "0")), texts, ids


def _manifest_generation(index: Path) -> int:
    try:
        return int(json.loads((index / "manifest.json").read_bytes())["generation"])
    except FileNotFoundError:
        return -1


def _check_loaded(index: Path, settings: Settings, embedder: E5Embedder,
                  states: list[dict[str, str]]) -> int:
    """Load the index as a reader would; it must hold exactly one of `states` (returns which),
    with FAISS, BM25 and SQLite agreeing chunk for chunk, and answer searches."""
    ingestor = Ingestor(settings, embedder, IndexStore(index))
    store = IndexStore(index)
    try:
        snap = store.load(ingestor.identity)
        gen, texts, chunk_ids = _sqlite_state(index)
        assert texts in states, f"index holds neither state: {sorted(texts)}"
        which = states.index(texts)
        dense_ids = sorted(int(i) for i in faiss.vector_to_array(snap.dense.id_map))
        bm25_ids = sorted(int(i) for i in snap.bm25.ids)
        assert snap.dense.ntotal == len(chunk_ids) == len(snap.bm25)
        assert dense_ids == chunk_ids == bm25_ids
        assert snap.generation == gen
        assert snap.manifest["counts"] == {"documents": len(texts), "chunks": len(chunk_ids)}
        searcher = Searcher(snap, embedder, settings)
        hits = searcher.search("fusée Ariane Kourou", 3, "hybrid")
        assert hits and hits[0].chunk.doc_id == "astro"
        for doc_id, text in texts.items():
            if doc_id.startswith("fiche-"):
                marker = text.split("mot repère ")[1].split(".")[0]
                top = searcher.search(marker, 1, "bm25")
                assert [h.chunk.doc_id for h in top] == [doc_id], marker
                c = top[0].chunk
                assert text[c.start:c.end] == c.text
                break
        return which
    finally:
        store.close()
        ingestor.store.close()


@pytest.mark.slow
def test_sigkilled_ingest_leaves_a_committed_state(tmp_path: Path, embedder: E5Embedder,
                                                   record_property: Any) -> None:
    """SIGKILL `python -m rag.cli ingest` (15 short files) at random moments, KILLS times.

    Each round rewrites the 15 files with new text, so the ingest updates all 15 documents
    (the first round adds them). Kill moments are spread over the whole run: process start,
    model load, embedding, and the commit (some kills are fired the moment SQLite's WAL grows,
    i.e. inside or right after the commit transaction, before the derived files are written).
    After each kill the index must load and hold exactly the previous or the new state; then
    an in-process re-run of the ingest completes it."""
    index = tmp_path / "index"
    folder = tmp_path / "docs"
    settings = Settings(index_dir=index)
    store = IndexStore(index)
    Ingestor(settings, embedder, store).run(small_docs())
    store.close()
    base = {d.id: d.text for d in small_docs()}
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "PYTHONPATH": str(ROOT)}
    rng = random.Random(SEED)

    # Calibrate: one full CLI run (round 0: adds the 15 documents) gives the run time.
    state = {**base, **_write_version(folder, 0)}
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(folder)], env=env,
                          capture_output=True, text=True, timeout=300)
    duration = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    assert _check_loaded(index, settings, embedder, [state]) == 0

    outcomes: Counter[str] = Counter()
    kills = attempts = 0
    deadline = time.monotonic() + max(240.0, 12.0 * KILLS)
    while kills < KILLS and attempts < 3 * KILLS and time.monotonic() < deadline:
        attempts += 1
        previous = state
        state = {**base, **_write_version(folder, attempts)}
        gen_before = _sqlite_state(index)[0]
        wal = index / "store.sqlite-wal"
        wal_before = wal.stat().st_size if wal.exists() else 0
        proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", str(folder)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        started = time.monotonic()
        if rng.random() < 0.25:  # aim at the commit: kill as soon as the WAL grows
            strategy = "at WAL growth"
            while proc.poll() is None and time.monotonic() - started < 4 * duration + 10:
                if wal.exists() and wal.stat().st_size != wal_before:
                    time.sleep(rng.uniform(0, 0.02))
                    break
                time.sleep(0.001)
        else:
            strategy = "timer"
            time.sleep(rng.uniform(0.02, 1.0) * duration)
        if proc.poll() is not None:  # finished before the kill: not a kill, learn its duration
            stderr = proc.stderr.read().decode() if proc.stderr else ""
            assert proc.returncode == 0, stderr
            duration = time.monotonic() - started
            outcomes["finished before the kill"] += 1
            assert _check_loaded(index, settings, embedder, [state]) == 0
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if proc.returncode == 0:  # it exited between the poll and the signal
            outcomes["finished before the kill"] += 1
            assert _check_loaded(index, settings, embedder, [state]) == 0
            continue
        assert proc.returncode == -signal.SIGKILL, (proc.returncode, stderr)
        kills += 1
        gen_db = _sqlite_state(index)[0]
        gen_manifest = _manifest_generation(index)
        which = _check_loaded(index, settings, embedder, [previous, state])
        if which == 0:
            assert gen_db == gen_before
            outcomes[f"{strategy}: before the commit (previous state)"] += 1
        elif gen_manifest < gen_db:
            outcomes[f"{strategy}: after the SQLite commit, before the manifest (rebuilt)"] += 1
        else:
            outcomes[f"{strategy}: after the manifest (new state)"] += 1
        # A re-run completes the ingest.
        rerun_store = IndexStore(index)
        report, _ = Ingestor(settings, embedder, rerun_store).run(load_paths([folder]).documents)
        rerun_store.close()
        assert report.added + report.updated + report.unchanged == N_FILES
        assert (report.added + report.updated == 0) == (which == 1)
        assert _check_loaded(index, settings, embedder, [state]) == 0

    print(f"\nkill loop: {kills} kills survived in {attempts} runs (seed {SEED}, calibrated "
          f"run {duration:.1f} s): {dict(outcomes)}")
    record_property("kills_survived", kills)
    assert kills == KILLS, (kills, dict(outcomes))
    assert sum(n for k, n in outcomes.items() if "previous state" in k) > 0, outcomes
    assert sum(n for k, n in outcomes.items() if "after the" in k) > 0, outcomes

    # The real command finishes the job too: one more version, run to completion.
    state = {**base, **_write_version(folder, attempts + 1)}
    done = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(folder), "--json"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["updated"] == N_FILES
    assert _check_loaded(index, settings, embedder, [state]) == 0
    shutil.rmtree(index)


# ---- corrupted files ------------------------------------------------------------------------

QUERIES = ["fusée Ariane Kourou", "ratatouille aubergines courgettes", "Marseille Vélodrome",
           "Etna Catania"]
TRUTH_TOP = ["astro", "cuisine", "foot", "volcan"]


def _flip(offset: Callable[[int], int]) -> Callable[[bytes], bytes | None]:
    def mutate(data: bytes) -> bytes:
        out = bytearray(data)
        out[offset(len(data))] ^= 0xFF
        return bytes(out)
    return mutate


MUTATIONS: dict[str, Callable[[bytes], bytes | None]] = {
    "emptied": lambda data: b"",
    "cut in half": lambda data: data[: len(data) // 2],
    "last byte cut": lambda data: data[:-1],
    "first byte flipped": _flip(lambda n: 0),
    "middle byte flipped": _flip(lambda n: n // 2),
    "removed": lambda data: None,
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder
             ) -> tuple[Path, Path, dict[str, Any]]:
    """An index of small_docs(), all in store.sqlite (no WAL left), and the probe's spec."""
    root = tmp_path_factory.mktemp("corruption")
    index = root / "pristine"
    store = IndexStore(index)
    ingestor = Ingestor(Settings(index_dir=index), embedder, store)
    ingestor.run(small_docs())
    store.close()
    assert not (index / "store.sqlite-wal").exists()
    spec = {"identity": ingestor.identity, "stemmer": "french", "bm25_queries": QUERIES,
            "dense_vectors": [embedder.embed_query(q).ravel().tolist() for q in QUERIES]}
    spec_path = root / "spec.json"
    spec_path.write_text(json.dumps(spec))
    truth = {"texts": {d.id: d.text for d in small_docs()}, "top": TRUTH_TOP}
    return index, spec_path, truth


def _probe(index: Path, spec: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tests.reliability.index_probe", str(index),
                           str(spec)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _verdict(proc: subprocess.CompletedProcess[str], truth: dict[str, Any]) -> str:
    """'rebuilt' (loads and is right), 'refused: <error>' (a RagError with a message), or a
    description of what went wrong (crash, raw exception, wrong answer)."""
    if proc.returncode < 0:
        return f"CRASH: killed by signal {-proc.returncode}"
    if proc.returncode != 0:
        last = proc.stderr.strip().splitlines()[-1:] or ["?"]
        return f"RAW EXCEPTION (exit {proc.returncode}): {last[0]}"
    out = json.loads(proc.stdout)
    if not out["ok"]:
        assert out["message"].strip(), out
        return f"refused: {out['error']}"
    wrong = []
    if out["texts"] != truth["texts"]:
        wrong.append("document texts differ")
    n = len(out["chunk_ids"])
    if not (out["dense_ids"] == out["chunk_ids"] == out["bm25_ids"]):
        wrong.append("FAISS, BM25 and SQLite chunk ids differ")
    if out["manifest_counts"] != {"documents": len(truth["texts"]), "chunks": n}:
        wrong.append(f"manifest counts {out['manifest_counts']}")
    if out["bm25_top"] != truth["top"] or out["dense_top"] != truth["top"]:
        wrong.append(f"top hits {out['bm25_top']} / {out['dense_top']}")
    return "rebuilt" if not wrong else "WRONG: " + "; ".join(wrong)


def _corrupt(pristine_index: Path, dest: Path, name: str,
             mutate: Callable[[bytes], bytes | None]) -> Path:
    shutil.copytree(pristine_index, dest)
    matches = sorted(dest.glob(name))
    assert len(matches) == 1, (name, matches)
    target = matches[0]
    data = mutate(target.read_bytes())
    if data is None:
        target.unlink()
    else:
        target.write_bytes(data)
    return dest


# What each file's corruption may lead to. Derived files are rebuilt from SQLite; a broken
# manifest is rebuilt like a missing one (it is derived too); a broken database is refused,
# except where the damage is in bytes SQLite never reads (the last byte of the last page).
# Damage inside the database's pages is the subject of the table test below.
ALLOWED = {
    "dense-*.faiss": {"rebuilt"},
    "bm25-*.npz": {"rebuilt"},
    "manifest.json": {"rebuilt"},
    "store.sqlite": {"rebuilt", "refused: IndexCorruptError", "refused: RagError"},
}
CASES = {
    "dense-*.faiss": ["emptied", "cut in half", "middle byte flipped", "removed"],
    "bm25-*.npz": ["emptied", "cut in half", "middle byte flipped", "removed"],
    "manifest.json": ["emptied", "cut in half", "middle byte flipped", "removed"],
    "store.sqlite": ["emptied", "cut in half", "last byte cut", "first byte flipped", "removed"],
}


def test_corrupted_index_files_fail_clearly_or_rebuild(
        pristine: tuple[Path, Path, dict[str, Any]], tmp_path: Path) -> None:
    index, spec, truth = pristine
    assert _verdict(_probe(index, spec), truth) == "rebuilt"  # the probe itself is sound
    cases: list[tuple[str, str, Path]] = []
    for name, labels in CASES.items():
        for label in labels:
            dest = tmp_path / f"{name.split('*')[0].strip('.-')}-{len(cases)}"
            cases.append((name, label, _corrupt(index, dest, name, MUTATIONS[label])))
    with ThreadPoolExecutor(max_workers=2) as pool:  # one fresh interpreter per case
        procs = list(pool.map(lambda c: _probe(c[2], spec), cases))
    verdicts = {(name, label): _verdict(p, truth)
                for (name, label, _), p in zip(cases, procs, strict=True)}
    for key, v in sorted(verdicts.items()):
        print(f"{key[0]:>15} {key[1]:<20} -> {v}")
    bad = {k: v for k, v in verdicts.items() if v not in ALLOWED[k[0]]}
    assert not bad, bad
    # Each kind of outcome really happened: the test exercises both paths.
    assert verdicts[("dense-*.faiss", "middle byte flipped")] == "rebuilt"
    assert verdicts[("manifest.json", "cut in half")] == "rebuilt"
    assert verdicts[("store.sqlite", "first byte flipped")] == "refused: IndexCorruptError"


def _root_page(index: Path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(index / "store.sqlite")) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
    return int((root - 1) * page_size)




@pytest.mark.parametrize("table", [
    "meta",
    "documents",
    "chunks",
])
def test_damaged_sqlite_table_is_reported_as_corrupt(
        pristine: tuple[Path, Path, dict[str, Any]], tmp_path: Path, table: str) -> None:
    """The b-tree page type byte of one table's root page is destroyed: SQLite says 'database
    disk image is malformed' when that table is read. The probe must end in IndexCorruptError
    (at load or at the first read), never a raw sqlite3 exception or a wrong answer."""
    index, spec, truth = pristine
    offset = _root_page(index, table)
    dest = _corrupt(index, tmp_path / "case", "store.sqlite",
                    lambda data: data[:offset] + b"\xff" + data[offset + 1:])
    verdict = _verdict(_probe(dest, spec), truth)
    assert verdict == "refused: IndexCorruptError", verdict


def test_manifest_counts_bit_flip_is_detected(
        pristine: tuple[Path, Path, dict[str, Any]], tmp_path: Path) -> None:
    index, spec, truth = pristine

    def flip_count(data: bytes) -> bytes:
        manifest = json.loads(data)
        assert manifest["counts"]["chunks"] == 4
        return data.replace(b'"chunks": 4', b'"chunks": 5', 1)  # 0x34 -> 0x35: one bit

    dest = _corrupt(index, tmp_path / "case", "manifest.json", flip_count)
    verdict = _verdict(_probe(dest, spec), truth)
    assert verdict in {"rebuilt", "refused: IndexCorruptError"}, verdict
