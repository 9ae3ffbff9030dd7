"""Answer log and user feedback beside the index, so thumbs-down become eval candidates.

Its own file (``feedback.sqlite``, WAL) keeps the index's atomic commit protocol untouched.
"""

from __future__ import annotations

import json
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
MAX_TEXT = 2000
# Votes are written by anyone who can ask: without bounds one answer id took any number of
# votes (each a copy of the answer and up to 4,000 characters of text) and the file grew without
# end. A person changing their mind a few times fits; the oldest votes go past MAX_FEEDBACK
# (the service also bounds each client's votes an hour, RAG_FEEDBACK_PER_HOUR, so one client
# cannot push every real vote out, and counts what goes: rag_feedback_evicted_total).
MAX_VOTES_PER_ANSWER = 10
MAX_FEEDBACK = 20_000
RATINGS = ("up", "down")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
  answer_id TEXT PRIMARY KEY, question TEXT NOT NULL, query TEXT NOT NULL, answer TEXT NOT NULL,
  citations TEXT NOT NULL, backend TEXT NOT NULL, settings TEXT NOT NULL, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS answers_created ON answers(created);
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
                 max_feedback: int = MAX_FEEDBACK) -> None:
        self.path = Path(path)
        self.max_answers = max_answers
        self.max_feedback = max_feedback
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # no fsync per answer logged (WAL-safe)
        self._db.executescript(_SCHEMA)

    @classmethod
    def beside(cls, index_dir: Path) -> FeedbackStore:
        return cls(Path(index_dir) / FILENAME)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def record_answer(self, answer_id: str, question: str, query: str, answer: str,
                      citations: Sequence[dict[str, Any]], backend: str,
                      settings: dict[str, Any], created: float | None = None) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?,?,?,?)",
                (answer_id, question, query, answer,
                 json.dumps(list(citations), ensure_ascii=False), backend,
                 json.dumps(settings, sort_keys=True),
                 time.time() if created is None else created))
            self._db.execute(
                "DELETE FROM answers WHERE answer_id IN (SELECT answer_id FROM answers "
                "ORDER BY created DESC, rowid DESC LIMIT -1 OFFSET ?)", (self.max_answers,))

    def count_answers(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

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
