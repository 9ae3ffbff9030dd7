"""`rag check`: verify an index end to end without trusting any of it.

SQLite's own `integrity_check` finds damaged pages, but a flipped byte inside a text or vector
value is a valid page with wrong content; only the per-row checksums (store.py) see that. Rows
are read as bytes, so one undecodable row is reported instead of stopping the check.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.documents import Document
from rag.errors import IndexCorruptError
from rag.store import IndexStore, _sha256, text_sum, vector_sum

_BATCH = 2000
_REBUILT = "derived file: rebuilt from the database at the next load"
_REINGEST = "stored data: delete and re-ingest the document, or `rag ingest --rebuild PATH`"


@dataclass(frozen=True, slots=True)
class Problem:
    where: str  # "database", "chunk 12", "document 'x'", "manifest", "dense", "bm25"
    detail: str
    fix: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "detail": self.detail, "fix": self.fix}


@dataclass(slots=True)
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, where: str, detail: str, fix: str = "") -> None:
        self.problems.append(Problem(where, detail, fix))

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": [p.to_dict() for p in self.problems],
                "notes": self.notes, "counts": self.counts}


def check_index(root: Path) -> CheckReport:
    """Every check that does not need the embedder; read-only."""
    report = CheckReport()
    db = Path(root) / "store.sqlite"
    if not db.is_file():
        report.add("database", f"no index at {root}", "run `rag ingest PATH`")
        return report
    with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn:
        conn.text_factory = bytes
        try:
            _check_database(conn, report)
            ids = _check_chunks(conn, report)
            _check_documents(conn, report)
            meta = {k.decode(): v.decode() for k, v in conn.execute("SELECT key, value FROM meta")}
        except (sqlite3.DatabaseError, UnicodeDecodeError, ValueError) as exc:
            report.add("database", f"cannot be read ({exc})",
                       "re-ingest into a new index directory")
            return report
    _check_derived(Path(root), meta, ids, report)
    return report


def _check_database(conn: sqlite3.Connection, report: CheckReport) -> None:
    lines = [r[0].decode(errors="replace") for r in conn.execute("PRAGMA integrity_check")]
    if lines != ["ok"]:
        for line in lines[:20]:
            report.add("database", f"integrity_check: {line}",
                       "re-ingest into a new index directory")


def _rows(conn: sqlite3.Connection, sql: str, ids: list[int]) -> Iterator[tuple[Any, ...]]:
    """Rows by id in batches; a batch that fails is read row by row to name the bad ones."""
    for i in range(0, len(ids), _BATCH):
        batch = ids[i : i + _BATCH]
        marks = ",".join("?" * len(batch))
        try:
            yield from conn.execute(sql.format(marks), batch).fetchall()
        except sqlite3.DatabaseError:
            for one in batch:
                try:
                    yield from conn.execute(sql.format("?"), [one]).fetchall()
                except sqlite3.DatabaseError as exc:
                    yield (one, exc)


def _check_chunks(conn: sqlite3.Connection, report: CheckReport) -> set[int]:
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    identity = json.loads(meta.get(b"identity", b"{}") or b"{}")
    dim = int(identity.get("dim", 0))
    cols = {r[1].decode() for r in conn.execute("PRAGMA table_info(chunks)")}
    sums = "text_sum, vector_sum" if {"text_sum", "vector_sum"} <= cols else "NULL, NULL"
    docs = {r[0] for r in conn.execute("SELECT doc_id FROM documents")}
    ids = [r[0] for r in conn.execute("SELECT id FROM chunks ORDER BY id")]
    unchecked = 0
    sql = ("SELECT id, doc_id, ordinal, start, end, text, tokens, vector, " + sums +
           " FROM chunks WHERE id IN ({})")
    for row in _rows(conn, sql, ids):
        if len(row) == 2:
            report.add(f"chunk {row[0]}", f"unreadable ({row[1]})", _REINGEST)
            continue
        cid, doc_id, ordinal, start, end, text, tokens, vector, tsum, vsum = row
        where = f"chunk {cid} (document {doc_id.decode(errors='replace')!r})"
        for name, value in (("doc_id", doc_id), ("text", text), ("tokens", tokens)):
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                report.add(where, f"{name} is not valid UTF-8", _REINGEST)
        if tsum is None or vsum is None:
            unchecked += 1
        else:
            if tsum.decode() != text_sum(doc_id, ordinal, start, end, text, tokens):
                report.add(where, "text fails its checksum", _REINGEST)
            if vsum.decode() != vector_sum(vector):
                report.add(where, "vector fails its checksum", _REINGEST)
        if not isinstance(vector, bytes) or len(vector) != 4 * dim:
            report.add(where, f"vector is not {dim} float32 values", _REINGEST)
        elif not np.isfinite(np.frombuffer(vector, dtype=np.float32)).all():
            report.add(where, "vector holds NaN or infinity", _REINGEST)
        if doc_id not in docs:
            report.add(where, "belongs to no stored document", _REINGEST)
    report.counts["chunks"] = len(ids)
    if unchecked:
        report.notes.append(f"{unchecked} chunk rows predate checksums (unchecked); the next "
                            "ingest or delete adds them")
    return set(ids)


def _check_documents(conn: sqlite3.Connection, report: CheckReport) -> None:
    per_doc = dict(conn.execute("SELECT doc_id, COUNT(*) FROM chunks GROUP BY doc_id"))
    keys = [r[0] for r in conn.execute("SELECT rowid FROM documents ORDER BY rowid")]
    sql = ("SELECT rowid, doc_id, title, text, metadata, content_hash, n_chunks FROM documents "
           "WHERE rowid IN ({})")
    for row in _rows(conn, sql, keys):
        if len(row) == 2:
            report.add(f"document row {row[0]}", f"unreadable ({row[1]})", _REINGEST)
            continue
        _, doc_id, title, text, metadata, content_hash, n_chunks = row
        where = f"document {doc_id.decode(errors='replace')!r}"
        try:
            doc = Document(doc_id.decode(), text.decode(), title.decode(),
                           metadata=json.loads(metadata))
        except (UnicodeDecodeError, ValueError):
            report.add(where, "title, text or metadata is not valid UTF-8 JSON/text", _REINGEST)
            continue
        if doc.content_hash != content_hash.decode(errors="replace"):
            report.add(where, "title, text or metadata fails its content hash", _REINGEST)
        if per_doc.get(doc_id, 0) != n_chunks:
            report.add(where, f"records {n_chunks} chunks, the database holds "
                       f"{per_doc.get(doc_id, 0)}", _REINGEST)
    report.counts["documents"] = len(keys)


def _check_derived(root: Path, meta: dict[str, str], ids: set[int],
                   report: CheckReport) -> None:
    store = IndexStore(root)
    try:
        manifest = store.read_manifest()
    except IndexCorruptError as exc:
        report.add("manifest", str(exc), _REBUILT)
        return
    gen = int(meta.get("generation", "0"))
    if manifest is None:
        report.notes.append("no manifest: the index files are built at the next load")
        return
    if manifest["generation"] != gen:
        report.notes.append(f"the index files are of generation {manifest['generation']}, the "
                            f"database of {gen} (an interrupted write): rebuilt at the next load")
        return
    counts = manifest["counts"]
    if counts.get("chunks") != report.counts.get("chunks") or \
            counts.get("documents") != report.counts.get("documents"):
        report.add("manifest", f"counts {counts} disagree with the database {report.counts}",
                   _REBUILT)
    for key in ("dense", "bm25"):
        entry = manifest["files"][key]
        path = root / str(entry.get("path", ""))
        if not entry.get("path") or "/" in str(entry["path"]) or not path.is_file():
            report.add(key, "file missing", _REBUILT)
            continue
        if _sha256(path) != entry.get("sha256"):
            report.add(key, f"{path.name} fails its sha256", _REBUILT)
            continue
        try:
            found = _dense_ids(path) if key == "dense" else _bm25_ids(path)
        except Exception as exc:  # any failure to parse is damage of that file
            report.add(key, f"{path.name} cannot be read ({exc})", _REBUILT)
            continue
        extra, missing = found - ids, ids - found
        if extra or missing:
            report.add(key, f"{path.name}: {len(extra)} ids not in the database "
                       f"{sorted(extra)[:5]}, {len(missing)} database ids absent "
                       f"{sorted(missing)[:5]}", _REBUILT)


def _dense_ids(path: Path) -> set[int]:
    import faiss

    index = faiss.deserialize_index(np.fromfile(path, dtype=np.uint8))
    if hasattr(index, "id_map"):
        return {int(i) for i in faiss.vector_to_array(index.id_map)}
    ivf = faiss.extract_index_ivf(index)
    lists: Any = ivf.invlists
    out: set[int] = set()
    for i in range(ivf.nlist):
        n = lists.list_size(i)
        if n:
            out.update(int(x) for x in faiss.rev_swig_ptr(lists.get_ids(i), n))
    return out


def _bm25_ids(path: Path) -> set[int]:
    from rag.bm25 import BM25Index

    return {int(i) for i in BM25Index.load(path).ids}
