"""Who asked is stored as a keyed hash, and upgrades leave no stale index (review 15b, N3, N5).

96fd6fc stored each answer's client as the rate limit names it, `ip:203.0.113.7` or
`key:<fingerprint>|ip:...`, next to the question: anyone handling `feedback.sqlite` (exports,
backups) got addresses paired with questions. Only equality is needed, so the file now holds
HMAC-SHA256(salt, client), the salt random per file and kept in its `meta` table (every process
on the file agrees). A file written by 96fd6fc has its identities hashed when opened. And an
older version opening an upgraded file made the old `answers_created` index again, which the
next open left in place (one more index write per answer)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rag.feedback import FeedbackStore

KEYED = "key:0123456789ab|ip:203.0.113.7"
PLAIN = "ip:198.51.100.9"
RAW = (b"203.0.113.7", b"0123456789ab", b"198.51.100.9")


def _log(s: FeedbackStore, aid: str, client: str, at: float = 1000.0) -> None:
    s.record_answer(aid, "q", "q", "a", [], "x", {}, created=at, client=client)


def _on_disk(path: Path) -> bytes:
    """Every byte of the database and its WAL, as a copy or a backup would take them."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def _stored(path: Path, table: str = "answers") -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [r[0] for r in db.execute(f"SELECT client FROM {table} ORDER BY client")]
    finally:
        db.close()


def test_the_log_stores_a_keyed_hash_of_each_client(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    s = FeedbackStore(path)
    _log(s, "a1", KEYED)
    _log(s, "a2", PLAIN)
    _log(s, "a3", "")  # unknown stays unknown
    other = FeedbackStore(path)  # a second process on the file: same salt, same identity
    _log(other, "a4", KEYED)
    assert s.count_answers(KEYED) == other.count_answers(KEYED) == 2
    assert s.count_answers(PLAIN) == 1 and s.count_answers("") == 1
    stored = _stored(path)
    assert stored[0] == "" and len(set(stored[1:])) == 2, stored
    assert all(len(c) == 32 and set(c) <= set("0123456789abcdef") for c in stored[1:]), stored
    assert sorted(_stored(path, "answer_clients")) == sorted(set(stored))
    assert not [r for r in RAW if r in _on_disk(path)]
    s.close()
    other.close()
    assert not [r for r in RAW if r in _on_disk(path)]

    elsewhere = FeedbackStore(tmp_path / "other.sqlite")  # a salt of its own
    _log(elsewhere, "b1", KEYED)
    assert not set(_stored(tmp_path / "other.sqlite")) & set(stored)
    elsewhere.close()


# The schema 96fd6fc wrote (`git show 96fd6fc:rag/feedback.py`): the client in clear.
SCHEMA_96FD6FC = """
CREATE TABLE answers (
  answer_id TEXT PRIMARY KEY, question TEXT NOT NULL, query TEXT NOT NULL, answer TEXT NOT NULL,
  citations TEXT NOT NULL, backend TEXT NOT NULL, settings TEXT NOT NULL, created REAL NOT NULL,
  client TEXT NOT NULL DEFAULT '');
CREATE TABLE feedback (
  feedback_id TEXT PRIMARY KEY, answer_id TEXT NOT NULL, rating TEXT NOT NULL,
  comment TEXT NOT NULL, expected TEXT NOT NULL, created REAL NOT NULL,
  question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, settings TEXT NOT NULL);
CREATE INDEX feedback_answer ON feedback(answer_id);
CREATE INDEX feedback_created ON feedback(created);
CREATE INDEX answers_client ON answers(client, created);
CREATE TABLE answer_clients (client TEXT PRIMARY KEY, n INTEGER NOT NULL,
  first REAL NOT NULL) WITHOUT ROWID;
CREATE INDEX answer_clients_most ON answer_clients(n DESC, first);
CREATE TABLE answer_total (one INTEGER PRIMARY KEY CHECK (one = 0), n INTEGER NOT NULL);
INSERT INTO answer_total VALUES (0, 0);
CREATE TRIGGER answers_counted AFTER INSERT ON answers BEGIN
  INSERT INTO answer_clients VALUES (NEW.client, 1, NEW.created)
    ON CONFLICT(client) DO UPDATE SET n = n + 1, first = min(first, NEW.created);
  UPDATE answer_total SET n = n + 1;
END;
CREATE TRIGGER answers_uncounted AFTER DELETE ON answers BEGIN
  UPDATE answer_clients SET n = n - 1, first = coalesce(
    (SELECT MIN(created) FROM answers WHERE client = OLD.client), first)
    WHERE client = OLD.client;
  DELETE FROM answer_clients WHERE client = OLD.client AND n <= 0;
  UPDATE answer_total SET n = n - 1;
END;
"""


def _write_as_96fd6fc(db: sqlite3.Connection, rows: list[tuple[str, str, float]]) -> None:
    """Answers as 96fd6fc's record_answer inserted them (the triggers count them)."""
    with db:
        db.executemany("INSERT INTO answers (answer_id, question, query, answer, citations, "
                       "backend, settings, created, client) VALUES (?, 'Qui ?', 'q', 'Lui.', "
                       "'[]', 'x', '{}', ?, ?)", [(a, at, c) for a, c, at in rows])


def _consistent(path: Path) -> bool:
    db = sqlite3.connect(path)
    try:
        grouped = db.execute("SELECT client, COUNT(*), MIN(created) FROM answers "
                             "GROUP BY client ORDER BY client").fetchall()
        counted = db.execute("SELECT client, n, first FROM answer_clients "
                             "ORDER BY client").fetchall()
        total = db.execute("SELECT n FROM answer_total").fetchone()[0]
        return grouped == counted and total == sum(n for _, n, _ in grouped)
    finally:
        db.close()


def test_a_log_written_by_96fd6fc_has_its_clients_hashed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_96FD6FC)
    _write_as_96fd6fc(db, [("k0", KEYED, 1.0), ("k1", KEYED, 2.0), ("p0", PLAIN, 3.0),
                           ("old", "", 0.5)])
    db.close()
    assert all(r in _on_disk(path) for r in RAW)

    s = FeedbackStore(path, max_answers=5, min_age=0)
    assert s.count_answers() == 4 and s.count_answers(KEYED) == 2
    assert s.count_answers(PLAIN) == 1 and s.count_answers("") == 1
    assert _consistent(path)
    assert s.add_feedback("k0", "down")  # votes on the migrated answers still land
    _log(s, "k2", KEYED, 10.0)  # the same client as before the upgrade
    assert s.count_answers(KEYED) == 3
    s.close()
    assert not [r for r in RAW if r in _on_disk(path)]
    hashed = _stored(path)

    # 96fd6fc opening the upgraded file writes in clear again: the next open hashes that too
    db = sqlite3.connect(path)
    _write_as_96fd6fc(db, [("p1", PLAIN, 11.0)])
    db.close()
    again = FeedbackStore(path, max_answers=5, min_age=0)
    assert again.count_answers(PLAIN) == 2 and _consistent(path)
    _log(again, "k3", KEYED, 12.0)  # 7 logged, a cap of 5: the largest (KEYED, 4) loses 2
    assert again.count_answers(KEYED) == 2 and again.count_answers() == 5
    again.close()
    assert not [r for r in RAW if r in _on_disk(path)]
    assert set(_stored(path)) <= set(hashed)  # the salt was not drawn again


def test_the_old_global_index_is_dropped_at_every_open(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    FeedbackStore(path).close()
    db = sqlite3.connect(path)  # what the version before 96fd6fc runs when it opens the file
    db.execute("CREATE INDEX IF NOT EXISTS answers_created ON answers(created)")
    db.close()
    s = FeedbackStore(path)
    db = sqlite3.connect(path)  # as any other process sees the file (the drop is committed)
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    db.close()
    s.close()
    assert "answers_created" not in indexes and "answers_client" in indexes
