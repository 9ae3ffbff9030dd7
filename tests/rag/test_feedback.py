from pathlib import Path

import pytest

from rag.feedback import FeedbackStore, InvalidFeedback, UnknownAnswer

CIT = [{"doc_id": "art1", "chunk_id": "art1#0", "start": 0, "end": 10, "text": "Le conseil"}]


def _store(tmp_path: Path, n: int = 10_000) -> FeedbackStore:
    return FeedbackStore(tmp_path / "feedback.sqlite", max_answers=n)


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
