import json
import sqlite3
from pathlib import Path

import pytest

from rag.feedback import FeedbackStore, InvalidFeedback, UnknownAnswer

CIT = [{"doc_id": "art1", "chunk_id": "art1#0", "start": 0, "end": 10, "text": "Le conseil"}]


def _store(tmp_path: Path, n: int = 10_000) -> FeedbackStore:
    """A log of `n` answers with no minimum age: these tests give answers made-up times and
    check who goes first; the minimum age has its own (test_feedback_retention.py)."""
    return FeedbackStore(tmp_path / "feedback.sqlite", max_answers=n, min_age=0)


def test_record_and_feedback(tmp_path: Path) -> None:
    s = _store(tmp_path)
    q = "Qui a voté le budget ?"
    s.record_answer("a1", q, "budget", "Le conseil.", CIT, "extractive", {"k": 5})
    fid = s.add_feedback("a1", "down", comment="faux", expected="Le maire")
    [fb] = s.list_feedback()
    assert fb.feedback_id == fid and fb.rating == "down" and fb.question == "Qui a voté le budget ?"
    assert fb.citations == CIT and fb.settings == {"k": 5}
    assert s.list_feedback("up") == []
    s.close()
    assert FeedbackStore(tmp_path / "feedback.sqlite").list_feedback("down")[0].comment == "faux"


def test_unknown_id_and_bad_input(tmp_path: Path) -> None:
    s = _store(tmp_path)
    with pytest.raises(UnknownAnswer):
        s.add_feedback("nope", "up")
    s.record_answer("a1", "q", "q", "a", [], "x", {})
    with pytest.raises(InvalidFeedback):
        s.add_feedback("a1", "meh")
    with pytest.raises(InvalidFeedback):
        s.add_feedback("a1", "up", comment="x" * 2001)


def test_pruning_keeps_last_n(tmp_path: Path) -> None:
    s = _store(tmp_path, n=3)
    for i in range(5):
        s.record_answer(f"a{i}", "q", "q", "a", [], "x", {}, created=float(i))
    assert s.count_answers() == 3
    with pytest.raises(UnknownAnswer):
        s.add_feedback("a0", "up")
    s.add_feedback("a4", "up")


def test_candidates_shape(tmp_path: Path) -> None:
    s = _store(tmp_path)
    q = "Qui a voté le budget municipal ?"
    s.record_answer("a1", q, "q", "Le conseil.", CIT + CIT, "x", {})
    s.record_answer("a2", "Quel temps fait-il ?", "q", "Soleil.", [], "x", {})
    s.add_feedback("a1", "down", comment="faux", expected="Le maire")
    s.add_feedback("a2", "down")
    s.add_feedback("a2", "up")
    cands = {c["question"]: c for c in s.candidates()}
    assert len(cands) == 2
    c = cands["Qui a voté le budget municipal ?"]
    assert c["answers"] == ["Le maire"] and c["doc_ids"] == ["art1"] and c["answerable"] is True
    assert c["type"] == "feedback" and c["lang"] == "fr" and c["original_answer"] == "Le conseil."
    assert c["comment"] == "faux" and c["feedback_id"]
    c2 = cands["Quel temps fait-il ?"]
    assert c2["answers"] == [] and c2["doc_ids"] == [] and c2["answerable"] is False


def test_answer_carries_unique_id() -> None:
    from rag.answering.pipeline import Answer

    a = Answer("x", [], False, "extractive", "q", [])
    b = Answer("x", [], False, "extractive", "q", [])
    assert a.answer_id != b.answer_id and len(a.answer_id) == 32
    assert a.to_dict()["answer_id"] == a.answer_id


def test_evictions_are_reported(tmp_path: Path) -> None:
    """The oldest votes past `max_feedback` go, and the caller hears how many (the service
    counts them in `rag_feedback_evicted_total`, review 9)."""
    s = FeedbackStore(tmp_path / "feedback.sqlite", max_feedback=2)
    evicted: list[int] = []
    s.record_answer("a1", "q", "q", "a", [], "x", {})
    fids = [s.add_feedback("a1", "up", on_evicted=evicted.append) for _ in range(4)]
    assert evicted == [1, 1]
    assert [f.feedback_id for f in s.list_feedback()] == fids[:1:-1]
    s.max_feedback = 1
    s.add_feedback("a1", "down", on_evicted=evicted.append)
    assert evicted == [1, 1, 2] and len(s.list_feedback()) == 1
    s.add_feedback("a1", "down")  # no callback: the same eviction, unreported
    assert len(s.list_feedback()) == 1


def _answers(s: FeedbackStore, client: str, n: int, start: float) -> list[str]:
    ids = [f"{client}-{i}" for i in range(n)]
    for i, aid in enumerate(ids):
        s.record_answer(aid, "q", "q", "a", [], "x", {}, created=start + i, client=client)
    return ids


def _kept(s: FeedbackStore, ids: list[str]) -> list[str]:
    kept = []
    for aid in ids:
        try:
            s.add_feedback(aid, "up")
        except UnknownAnswer:
            continue
        kept.append(aid)
    return kept


def test_a_client_asking_in_a_loop_evicts_its_own_answers_only(tmp_path: Path) -> None:
    """One client flushed the shared log (10,000 answers, the oldest went whoever gave them),
    so others' votes were a 404 (review 15, F3). Past the cap, the oldest answers of the client
    holding the most go; the caller hears how many."""
    s = _store(tmp_path, n=6)
    evicted: list[int] = []
    alice = _answers(s, "ip:10.0.0.1", 2, start=0.0)
    bob = _answers(s, "ip:10.0.0.2", 1, start=10.0)
    flood = [f"flood-{i}" for i in range(50)]
    for i, aid in enumerate(flood):
        s.record_answer(aid, "q", "q", "a", [], "x", {}, created=100.0 + i,
                        client="key:abc|ip:10.0.0.9", on_evicted=evicted.append)
    assert s.count_answers() == 6
    assert s.count_answers("key:abc|ip:10.0.0.9") == 3
    assert evicted == [1] * 47
    assert _kept(s, alice + bob) == alice + bob  # their votes still land
    assert _kept(s, flood) == flood[-3:]  # the flood's newest stay

    # then the largest is alice, then ties: the client whose oldest answer is oldest
    s.record_answer("carol-0", "q", "q", "a", [], "x", {}, created=200.0, client="ip:10.0.0.3",
                    on_evicted=evicted.append)
    assert _kept(s, alice + bob + ["carol-0"]) == alice + bob + ["carol-0"]
    assert s.count_answers("key:abc|ip:10.0.0.9") == 2 and evicted[-1] == 1


def test_clients_with_one_answer_each_go_oldest_first(tmp_path: Path) -> None:
    s = _store(tmp_path, n=3)
    ids = [f"a{i}" for i in range(5)]
    for i, aid in enumerate(ids):
        s.record_answer(aid, "q", "q", "a", [], "x", {}, created=float(i), client=f"ip:{i}")
    assert _kept(s, ids) == ids[2:]


def test_a_lower_cap_evicts_from_the_largest_client_down(tmp_path: Path) -> None:
    s = _store(tmp_path, n=100)
    _answers(s, "big", 8, start=0.0)
    _answers(s, "mid", 4, start=10.0)
    _answers(s, "small", 1, start=20.0)
    s.max_answers = 6
    evicted: list[int] = []
    s.record_answer("new", "q", "q", "a", [], "x", {}, created=30.0, client="small",
                    on_evicted=evicted.append)
    assert sum(evicted) == 8 and s.count_answers() == 6
    assert [s.count_answers(c) for c in ("big", "mid", "small")] == [2, 2, 2]


OLD_SCHEMA = """
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


def test_a_log_written_by_an_older_version_opens_and_keeps_its_answers(tmp_path: Path) -> None:
    """feedback.sqlite from before the `client` column (the schema as it was, rows written
    as the old code wrote them): it opens, its answers and votes are kept, they count as one
    client (''), and it goes on logging and evicting."""
    path = tmp_path / "feedback.sqlite"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    with db:
        for i in range(4):
            db.execute("INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?,?,?,?)",
                       (f"old{i}", "Qui ?", "q", "Lui.", json.dumps(CIT), "x", "{}", float(i)))
        db.execute("INSERT INTO feedback VALUES (?,?,?,?,?,?,?,?,?,?)",
                   ("f0", "old0", "down", "", "", 1.0, "Qui ?", "Lui.", json.dumps(CIT), "{}"))
    db.close()

    s = FeedbackStore(path, max_answers=5, min_age=0)
    assert s.count_answers() == 4 and s.count_answers("") == 4
    assert [f.feedback_id for f in s.list_feedback()] == ["f0"]
    s.add_feedback("old3", "up")
    s.record_answer("new0", "q", "q", "a", [], "x", {}, created=10.0, client="ip:10.0.0.1")
    s.record_answer("new1", "q", "q", "a", [], "x", {}, created=11.0, client="ip:10.0.0.1")
    assert s.count_answers("") == 3 and _kept(s, ["old0", "new0", "new1"]) == ["new0", "new1"]
    s.close()
    again = FeedbackStore(path, max_answers=5, min_age=0)  # opened twice: counted once
    again.record_answer("new2", "q", "q", "a", [], "x", {}, created=12.0, client="ip:10.0.0.2")
    assert again.count_answers() == 5 and again.count_answers("") == 2


def test_logging_an_answer_does_not_walk_the_log(tmp_path: Path) -> None:
    """The old eviction read every row past the newest 10,000 by time, per answer logged. The
    work now does not grow with the log: SQLite's virtual machine instructions for one
    `record_answer` are about the same with 500 answers as with 10,000 (the count of
    instructions is exact, no timing)."""
    def instructions(full: int) -> int:
        s = FeedbackStore(tmp_path / f"f{full}.sqlite", max_answers=full)
        with s._db:
            s._db.executemany(
                "INSERT INTO answers (answer_id, question, query, answer, citations, backend, "
                "settings, created, client) VALUES (?, 'q', 'q', 'a', '[]', 'x', '{}', ?, ?)",
                [(f"a{i}", float(i), f"ip:{i % 7}") for i in range(full)])
        counted = [0]

        def tick() -> int:
            counted[0] += 1
            return 0

        s._db.set_progress_handler(tick, 1)
        s.record_answer("one-more", "q", "q", "a", [], "x", {}, created=1e9, client="ip:3")
        s._db.set_progress_handler(None, 1)
        assert s.count_answers() == full
        s.close()
        return counted[0]

    small, large = instructions(500), instructions(10_000)
    assert large < small * 1.5, (small, large)
