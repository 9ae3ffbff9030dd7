"""Answer log and user feedback beside the index, so thumbs-down become eval candidates.

Its own file (``feedback.sqlite``, WAL) keeps the index's atomic commit protocol untouched.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.answering.language import detect_language
from rag.errors import RagError

FILENAME = "feedback.sqlite"
MAX_ANSWERS = 10_000
# An answer younger than this (seconds) is never evicted by another client's answers while the
# log holds less than HARD_CAP_FACTOR x `max_answers` (service: RAG_ANSWER_LOG_MIN_AGE).
MIN_ANSWER_AGE = 3600.0
HARD_CAP_FACTOR = 10
# Rows one record_answer may evict below the hard cap: a log that grew past its cap while its
# answers were young shrinks back this many at a time as they age, never in one long delete.
EVICT_PER_ANSWER = 32
MAX_TEXT = 2000
# Votes are written by anyone who can ask: without bounds one answer id took any number of
# votes (each a copy of the answer and up to 4,000 characters of text) and the file grew without
# end. A person changing their mind a few times fits; the oldest votes go past MAX_FEEDBACK
# (the service also bounds each client's votes an hour, RAG_FEEDBACK_PER_HOUR, so one client
# cannot push every real vote out, and counts what goes: rag_feedback_evicted_total).
MAX_VOTES_PER_ANSWER = 10
MAX_FEEDBACK = 20_000
RATINGS = ("up", "down")

# The answer log keeps the newest `max_answers` answers. Past it, the oldest answers of the client
# holding the most rows go (ties: the one whose oldest answer is oldest), so one client asking
# in a loop pushes out its own answers, never other people's, whose votes would then be a 404
# (review 15, F3: one address turned the whole shared log over in 5 minutes). A client is who
# the service says (the rate limit's identity, an IPv6 address by its /48: service/deps.py);
# answers from before the column are client ''.
# Many identities still pushed everyone else down to cap / (identities + 1) answers, and 250
# addresses evicted a lone user's answer at a cap of 200 (review 15b, N2). So an answer younger
# than `min_age` is never evicted by another client's answer while the log is under
# HARD_CAP_FACTOR x the cap: past the cap, the client holding the most loses its oldest if it
# is the client asking or that answer is past `min_age`; else the oldest answer in the log goes
# if it is past `min_age`; else none does and the log grows. Past the hard cap, the client
# holding the most loses its oldest whatever its age, so storage stays bounded.
# `answer_clients` and `answer_total` hold the counts, kept by triggers in the same transaction,
# so no insert counts the log: the eviction is a few index lookups, not a walk of 10,000 rows.
# Rows are inserted and deleted, never updated (the triggers count no update; the one UPDATE,
# hashing a 96fd6fc file's clients, counts again after).
# The client is stored as a keyed hash (`_client_id`: HMAC-SHA256 under a random salt kept in
# `meta`, so every process on the file agrees), never the address or key fingerprint itself
# (review 15b, N3): equal clients are told apart, and the file holds no address beside the
# questions. Whoever holds the file holds the salt too and can still test guesses (every IPv4
# address in minutes): this is a pseudonym, not anonymity.
_ANSWERS = """
CREATE TABLE IF NOT EXISTS answers (
  answer_id TEXT PRIMARY KEY, question TEXT NOT NULL, query TEXT NOT NULL, answer TEXT NOT NULL,
  citations TEXT NOT NULL, backend TEXT NOT NULL, settings TEXT NOT NULL, created REAL NOT NULL,
  client TEXT NOT NULL DEFAULT '')"""
_ADD_CLIENT = "ALTER TABLE answers ADD COLUMN client TEXT NOT NULL DEFAULT ''"
_COUNTS = (
    "CREATE INDEX IF NOT EXISTS answers_client ON answers(client, created)",
    "CREATE TABLE IF NOT EXISTS answer_clients (client TEXT PRIMARY KEY, n INTEGER NOT NULL, "
    "first REAL NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS answer_clients_most ON answer_clients(n DESC, first)",
    "CREATE INDEX IF NOT EXISTS answer_clients_first ON answer_clients(first)",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) "
    "WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS answer_total (one INTEGER PRIMARY KEY CHECK (one = 0), "
    "n INTEGER NOT NULL)",
)
_RECOUNT = (
    "DELETE FROM answer_clients",
    "INSERT INTO answer_clients SELECT client, COUNT(*), MIN(created) FROM answers "
    "GROUP BY client",
    "INSERT OR REPLACE INTO answer_total VALUES (0, (SELECT COUNT(*) FROM answers))",
)
_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS answers_counted AFTER INSERT ON answers BEGIN
  INSERT INTO answer_clients VALUES (NEW.client, 1, NEW.created)
    ON CONFLICT(client) DO UPDATE SET n = n + 1, first = min(first, NEW.created);
  UPDATE answer_total SET n = n + 1;
END""",
    """CREATE TRIGGER IF NOT EXISTS answers_uncounted AFTER DELETE ON answers BEGIN
  UPDATE answer_clients SET n = n - 1, first = coalesce(
    (SELECT MIN(created) FROM answers WHERE client = OLD.client), first)
    WHERE client = OLD.client;
  DELETE FROM answer_clients WHERE client = OLD.client AND n <= 0;
  UPDATE answer_total SET n = n - 1;
END""",
)
# The old global eviction's index: nothing reads it. Dropped at every open, as an older version
# opening the file makes it again (review 15b, N5).
_OLD_INDEX = "answers_created"
_SALT = "client_salt"
_CLIENT_HEX = 32  # hex digits of the HMAC kept: 128 bits
# Identities as the service wrote them before they were hashed (96fd6fc, or an older version
# writing into a newer file): `ip:...` or `key:<fingerprint>|ip:...`. A hash is hex digits.
_RAW_CLIENTS = ("SELECT DISTINCT client FROM answers WHERE (client >= 'ip:' AND client < 'ip;') "
                "OR (client >= 'key:' AND client < 'key;')")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
  feedback_id TEXT PRIMARY KEY, answer_id TEXT NOT NULL, rating TEXT NOT NULL,
  comment TEXT NOT NULL, expected TEXT NOT NULL, created REAL NOT NULL,
  question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, settings TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS feedback_answer ON feedback(answer_id);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback(created);
"""


class UnknownAnswer(RagError):
    """The answer id was never recorded (or was pruned)."""


class InvalidFeedback(RagError):
    """Bad rating or over-long text."""


class TooManyVotes(RagError):
    """This answer already has MAX_VOTES_PER_ANSWER votes."""


@dataclass(frozen=True, slots=True)
class Feedback:
    feedback_id: str
    answer_id: str
    rating: str
    comment: str
    expected: str
    created: float
    question: str
    answer: str
    citations: list[dict[str, Any]]
    settings: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


class FeedbackStore:
    """Thread-safe (one connection, one lock).

    Feedback rows copy the answer, so pruning old answers never loses rated ones.
    """

    def __init__(self, path: Path, max_answers: int = MAX_ANSWERS,
                 max_feedback: int = MAX_FEEDBACK, min_age: float = MIN_ANSWER_AGE) -> None:
        self.path = Path(path)
        self.max_answers = max_answers
        self.max_feedback = max_feedback
        self.min_age = min_age
        self._lock = threading.Lock()
        self._salt = b""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # no fsync per answer logged (WAL-safe)
        self._db.executescript(_SCHEMA)
        self._migrate()

    def _exists(self, kind: str, name: str) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?",
                                (kind, name)).fetchone() is not None

    def _stored_salt(self) -> bytes | None:
        if not self._exists("table", "meta"):
            return None
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (_SALT,)).fetchone()
        return bytes(row[0]) if row is not None else None

    def _migrate(self) -> None:
        """The answers table with its `client` column, counts and salt. A file from before
        them gets the column (its answers are client ''), counts made from its rows and a
        salt, once; raw identities (a 96fd6fc file, or one an older version wrote into) are
        hashed. In one write transaction, so another process opening it waits rather than
        counts twice or draws another salt."""
        db = self._db
        if self._exists("index", _OLD_INDEX):  # made again by an older version: nobody reads it
            db.execute(f"DROP INDEX IF EXISTS {_OLD_INDEX}")
        triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = ?",
                                             ("trigger",))}
        salt = self._stored_salt()
        if salt is not None and triggers >= {"answers_counted", "answers_uncounted"} \
                and db.execute(_RAW_CLIENTS + " LIMIT 1").fetchone() is None:
            self._salt = salt  # (made in the one transaction below, with all the rest)
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(_ANSWERS)
            if "client" not in {r[1] for r in db.execute("PRAGMA table_info(answers)")}:
                db.execute(_ADD_CLIENT)
            for statement in _COUNTS:
                db.execute(statement)
            salt = self._stored_salt()  # another process may have drawn it meanwhile
            if salt is None:
                salt = os.urandom(32)
                db.execute("INSERT INTO meta VALUES (?, ?)", (_SALT, salt))
            self._salt = salt
            raw = [r[0] for r in db.execute(_RAW_CLIENTS)]
            if raw:
                # the raw values' bytes are zeroed where they were, not left in free space
                db.execute("PRAGMA secure_delete = ON")
                db.executemany("UPDATE answers SET client = ? WHERE client = ?",
                               [(self._client_id(c), c) for c in raw])
            if raw or db.execute("SELECT 1 FROM answer_total").fetchone() is None:
                for statement in _RECOUNT:
                    db.execute(statement)
            for statement in _TRIGGERS:
                db.execute(statement)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            db.execute("PRAGMA secure_delete = OFF")

    def _client_id(self, client: str) -> str:
        """What is stored for `client`: '' for unknown, else its HMAC under this file's
        salt (module comment above `_ANSWERS`)."""
        if not client:
            return ""
        digest = hmac.new(self._salt, client.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return digest.hexdigest()[:_CLIENT_HEX]

    @classmethod
    def beside(cls, index_dir: Path, min_age: float = MIN_ANSWER_AGE) -> FeedbackStore:
        return cls(Path(index_dir) / FILENAME, min_age=min_age)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def record_answer(self, answer_id: str, question: str, query: str, answer: str,
                      citations: Sequence[dict[str, Any]], backend: str,
                      settings: dict[str, Any], created: float | None = None,
                      client: str = "", on_evicted: Callable[[int], None] | None = None
                      ) -> None:
        """Log an answer given to `client` (who the service counts; "" when unknown; stored
        hashed) at `created` (now by default; an answer's age is counted from it). Past
        `max_answers`, answers go as the module comment above `_ANSWERS` says, and
        `on_evicted` (when given) is called with how many, after the write."""
        now = time.time() if created is None else created
        stored = self._client_id(client)
        evicted = 0
        with self._lock, self._db:
            # no INSERT OR REPLACE: its implicit delete would not fire the counting trigger
            self._db.execute("DELETE FROM answers WHERE answer_id = ?", (answer_id,))
            self._db.execute(
                "INSERT INTO answers (answer_id, question, query, answer, citations, backend, "
                "settings, created, client) VALUES (?,?,?,?,?,?,?,?,?)",
                (answer_id, question, query, answer,
                 json.dumps(list(citations), ensure_ascii=False), backend,
                 json.dumps(settings, sort_keys=True), now, stored))
            total = self._count("SELECT n FROM answer_total")
            # past the hard cap: the oldest of the client holding the most, whatever their age
            evicted = self._evict_largest(total - self.max_answers * HARD_CAP_FACTOR)
            over = min(total - evicted - self.max_answers, EVICT_PER_ANSWER)
            if over > 0:
                evicted += self._evict_aged(over, stored, now - self.min_age)
        if evicted > 0 and on_evicted is not None:
            on_evicted(evicted)

    def _largest(self) -> list[Any]:
        """(client, n, first) of the two clients holding the most answers (ties: the one
        whose oldest answer is oldest first)."""
        return self._db.execute("SELECT client, n, first FROM answer_clients "
                                "ORDER BY n DESC, first LIMIT 2").fetchall()

    def _delete_oldest(self, client: str, n: int, before: float | None = None) -> int:
        """Delete `client`'s `n` oldest answers (only those created at or before `before`,
        when given); how many went."""
        age = "" if before is None else " AND created <= ?"
        args: tuple[Any, ...] = (client,) if before is None else (client, before)
        gone: int = self._db.execute(
            "DELETE FROM answers WHERE rowid IN (SELECT rowid FROM answers "
            f"WHERE client = ?{age} ORDER BY created, rowid LIMIT ?)", (*args, n)).rowcount
        return gone

    def _evict_largest(self, over: int) -> int:
        """Evict `over` answers, the oldest of the client holding the most first; how many
        went. Several at once only when the cap was lowered since the log filled."""
        evicted = 0
        while over > 0:
            top = self._largest()
            if not top:
                break
            # down to one under the next client at most, so the largest goes first
            take = min(over, top[0][1] - (top[1][1] if len(top) > 1 else 0) + 1)
            gone = self._delete_oldest(top[0][0], take)
            if gone <= 0:  # counts out of step with the rows (never expected)
                break
            evicted += gone
            over -= gone
        return evicted

    def _evict_aged(self, over: int, client: str, cutoff: float) -> int:
        """Evict up to `over` answers below the hard cap, where an answer created after
        `cutoff` goes only if `client` (the one asking, as stored) gave it: the client holding
        the most loses its oldest when that is allowed, else the oldest answer in the log goes
        when it is past the cutoff, else none (the log grows). How many went."""
        evicted = 0
        while over > 0:
            top = self._largest()
            if not top:
                break
            who, n, first = top[0]
            if who == client or first <= cutoff:
                take = min(over, n - (top[1][1] if len(top) > 1 else 0) + 1)
                gone = self._delete_oldest(who, take, None if who == client else cutoff)
            else:
                oldest = self._db.execute("SELECT client FROM answer_clients WHERE first <= ? "
                                          "ORDER BY first LIMIT 1", (cutoff,)).fetchone()
                if oldest is None:
                    break
                gone = self._delete_oldest(oldest[0], over, cutoff)
            if gone <= 0:
                break
            evicted += gone
            over -= gone
        return evicted

    def _count(self, sql: str, *args: object) -> int:
        return int(self._db.execute(sql, args).fetchone()[0])

    def count_answers(self, client: str | None = None) -> int:
        """Answers logged (for `client` only, when given: as the caller names it, before
        hashing)."""
        with self._lock:
            if client is None:
                return self._count("SELECT COUNT(*) FROM answers")
            return self._count("SELECT COUNT(*) FROM answers WHERE client = ?",
                               self._client_id(client))

    def add_feedback(
        self, answer_id: str, rating: str, comment: str = "", expected: str = "",
        on_evicted: Callable[[int], None] | None = None,
    ) -> str:
        """Store a vote; the oldest go past `max_feedback`, and `on_evicted` (when given) is
        called with how many did, after the write (a metric: evictions mean the log is full,
        or someone is filling it)."""
        if rating not in RATINGS:
            raise InvalidFeedback(f"rating must be one of {', '.join(RATINGS)}")
        for name, val in (("comment", comment), ("expected", expected)):
            if len(val) > MAX_TEXT:
                raise InvalidFeedback(f"{name} is longer than {MAX_TEXT} characters")
        fid = uuid.uuid4().hex
        with self._lock, self._db:
            row = self._db.execute(
                "SELECT question, answer, citations, settings FROM answers WHERE answer_id=?",
                (answer_id,)).fetchone()
            if row is None:
                raise UnknownAnswer(f"unknown answer id: {answer_id}")
            votes = self._db.execute("SELECT COUNT(*) FROM feedback WHERE answer_id=?",
                                     (answer_id,)).fetchone()[0]
            if votes >= MAX_VOTES_PER_ANSWER:
                raise TooManyVotes(f"answer {answer_id} already has {votes} votes (the limit)")
            self._db.execute("INSERT INTO feedback VALUES (?,?,?,?,?,?,?,?,?,?)",
                             (fid, answer_id, rating, comment, expected, time.time(), *row))
            evicted = self._db.execute(
                "DELETE FROM feedback WHERE feedback_id IN (SELECT feedback_id FROM feedback "
                "ORDER BY created DESC, rowid DESC LIMIT -1 OFFSET ?)",
                (self.max_feedback,)).rowcount
        if evicted > 0 and on_evicted is not None:
            on_evicted(evicted)
        return fid

    def list_feedback(self, rating: str | None = None, limit: int = 100) -> list[Feedback]:
        if rating is not None and rating not in RATINGS:
            raise InvalidFeedback(f"rating must be one of {', '.join(RATINGS)}")
        sql = "SELECT * FROM feedback" + (" WHERE rating=?" if rating else "")
        args: tuple[Any, ...] = (rating,) if rating else ()
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY created DESC, rowid DESC LIMIT ?",
                                    (*args, max(0, limit))).fetchall()
        return [Feedback(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                         json.loads(r[8]), json.loads(r[9])) for r in rows]

    def candidates(self, limit: int = 10_000) -> list[dict[str, Any]]:
        """Gold-line dicts for thumbs-down items, for a person to review before use."""
        out = []
        for fb in self.list_feedback("down", limit):
            doc_ids = list(dict.fromkeys(str(c["doc_id"]) for c in fb.citations if "doc_id" in c))
            out.append({
                "id": f"fb-{fb.feedback_id[:12]}", "question": fb.question,
                "answers": [fb.expected] if fb.expected else [], "doc_ids": doc_ids,
                "lang": detect_language(fb.question), "answerable": bool(fb.expected),
                "type": "feedback", "feedback_id": fb.feedback_id, "comment": fb.comment,
                "original_answer": fb.answer,
            })
        return out
