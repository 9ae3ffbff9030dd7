"""The answer log's minimum retention (review 15b, N2).

Per-client eviction (review 15, F3) stopped one client flushing the log, but every added
identity lowered everyone else's share: at a cap of 200, 10 addresses pushed a 40-answer NAT
down to 16, and 250 addresses evicted a lone user's only answer (its vote a 404). Now an answer
younger than `min_age` is never evicted by another client's answer while the log holds less
than HARD_CAP_FACTOR x the cap; past that, the client holding the most loses its oldest,
whatever its age, so the file stays bounded. Answers are given made-up times (`created`), so
nothing here waits for a clock."""

from __future__ import annotations

from pathlib import Path

from rag.feedback import EVICT_PER_ANSWER, HARD_CAP_FACTOR, FeedbackStore
from tests.rag.test_feedback import _kept

HOUR = 3600.0


def _log(s: FeedbackStore, aid: str, client: str, at: float,
         evicted: list[int] | None = None) -> None:
    s.record_answer(aid, "q", "q", "a", [], "x", {}, created=at, client=client,
                    on_evicted=None if evicted is None else evicted.append)


def test_many_clients_no_longer_push_out_a_young_answer_below_the_hard_cap(
        tmp_path: Path) -> None:
    s = FeedbackStore(tmp_path / "feedback.sqlite", max_answers=5, min_age=HOUR)
    hard = 5 * HARD_CAP_FACTOR
    evicted: list[int] = []
    _log(s, "lone", "ip:10.0.0.1", 1000.0)  # a user who asked once
    nat = [f"nat-{i}" for i in range(3)]  # three users behind one address
    for i, aid in enumerate(nat):
        _log(s, aid, "ip:192.0.2.1", 1001.0 + i)
    # one client per address, one answer each, all within the hour: the review's flood
    for i in range(hard - 4):
        _log(s, f"flood-{i}", f"ip:203.0.113.{i}", 1010.0 + i, evicted)
    assert evicted == [] and s.count_answers() == hard
    assert s.count_answers("ip:192.0.2.1") == 3

    # past the hard cap the old rule: the client holding the most first (the NAT, down to
    # one), then among one-answer clients the oldest (the lone user's)
    for i in range(2):
        _log(s, f"more-{i}", f"ip:198.51.100.{i}", 1100.0 + i, evicted)
    assert evicted == [1, 1] and s.count_answers() == hard
    assert s.count_answers("ip:192.0.2.1") == 1 and _kept(s, ["lone"]) == ["lone"]
    _log(s, "more-2", "ip:198.51.100.2", 1102.0, evicted)
    assert s.count_answers() == hard and _kept(s, ["lone", *nat]) == ["nat-2"]


def test_answers_past_the_minimum_age_make_room_oldest_first(tmp_path: Path) -> None:
    s = FeedbackStore(tmp_path / "feedback.sqlite", max_answers=3, min_age=100.0)
    for i, at in enumerate((0.0, 1.0, 2.0, 50.0)):  # at 50 none is 100 s old: the log grows
        _log(s, f"a{i}", f"ip:10.0.0.{i}", at)
    assert s.count_answers() == 4
    evicted: list[int] = []
    _log(s, "a4", "ip:10.0.0.4", 101.0, evicted)  # a0 and a1 are 100 s old or more now
    assert evicted == [2] and s.count_answers() == 3
    assert _kept(s, [f"a{i}" for i in range(5)]) == ["a2", "a3", "a4"]


def test_a_client_asking_in_a_loop_still_evicts_its_own_young_answers(tmp_path: Path) -> None:
    """The minimum age protects an answer from other clients: one client asking in a loop
    keeps the log at its cap by losing its own oldest answers, young or not."""
    s = FeedbackStore(tmp_path / "feedback.sqlite", max_answers=3, min_age=HOUR)
    _log(s, "mine", "ip:10.0.0.1", 0.0)
    flood = [f"f{i}" for i in range(20)]
    for i, aid in enumerate(flood):
        _log(s, aid, "key:abc|ip:10.0.0.9", 1.0 + i)
    assert s.count_answers() == 3
    assert _kept(s, ["mine", *flood]) == ["mine", *flood[-2:]]


def test_a_log_grown_past_its_cap_shrinks_back_a_bounded_number_at_a_time(
        tmp_path: Path) -> None:
    """Young answers from 60 clients grew a log of 10 to 60; once they are old, each answer
    logged evicts at most EVICT_PER_ANSWER, so no single call deletes thousands of rows."""
    s = FeedbackStore(tmp_path / "feedback.sqlite", max_answers=10, min_age=100.0)
    for i in range(60):
        _log(s, f"a{i}", f"ip:10.0.{i}.1", float(i))
    assert s.count_answers() == 60
    evicted: list[int] = []
    _log(s, "n0", "ip:10.1.0.1", 1000.0, evicted)  # 61 logged: 32 go
    _log(s, "n1", "ip:10.1.0.2", 1001.0, evicted)  # 30 logged: the 20 past the cap go
    left = 61 - EVICT_PER_ANSWER + 1
    assert evicted == [EVICT_PER_ANSWER, left - 10] and s.count_answers() == 10


def test_logging_stays_flat_when_answers_are_protected_or_past_the_hard_cap(
        tmp_path: Path) -> None:
    """SQLite's virtual machine instructions for one `record_answer` are about the same with
    500 answers as with 10,000, when every answer is young (nothing may go: the log grows by
    one) and when the log is at its hard cap (the fallback evicts one). Exact counts, no
    timing."""
    def instructions(full: int, cap: int, name: str) -> int:
        s = FeedbackStore(tmp_path / f"{name}-{full}.sqlite", max_answers=cap, min_age=HOUR)
        with s._db:
            s._db.executemany(
                "INSERT INTO answers (answer_id, question, query, answer, citations, backend, "
                "settings, created, client) VALUES (?, 'q', 'q', 'a', '[]', 'x', '{}', ?, ?)",
                [(f"a{i}", 1e9 + i * 1e-3, f"c{i % 97}") for i in range(full)])
        counted = [0]

        def tick() -> int:
            counted[0] += 1
            return 0

        s._db.set_progress_handler(tick, 1)
        s.record_answer("one-more", "q", "q", "a", [], "x", {}, created=1e9 + 60,
                        client="ip:3")
        s._db.set_progress_handler(None, 1)
        s.close()
        return counted[0]

    young = [instructions(n, n // 2, "young") for n in (500, 10_000)]
    hard = [instructions(n, n // HARD_CAP_FACTOR, "hard") for n in (500, 10_000)]
    assert young[1] < young[0] * 1.5 and hard[1] < hard[0] * 1.5, (young, hard)
