"""A claim's name is compared with a passage's words at a cost linear in their letters, and
looked up once per sentence, window or passage: one 40 KB /verify of 460 forty-letter names
over 480 such words took 280 s of CPU (review 34, F1); 200 claims naming "the War" re-read
every word of the passage for each (F2)."""

from __future__ import annotations

import random

import pytest

from rag.answering import anchors
from rag.answering.anchors import MAX_NAME_LETTERS, Anchor, facts, fold, holds, same_name


def _full(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_the_banded_distance_is_the_edit_distance_up_to_two() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        a = "".join(rng.choice("abk") for _ in range(rng.randint(0, 10)))
        b = "".join(rng.choice("abk") for _ in range(rng.randint(0, 10)))
        assert anchors._distance(a, b) == min(_full(a, b), 3), (a, b)


def test_words_longer_than_any_name_are_compared_as_written() -> None:
    long = "b" * (MAX_NAME_LETTERS + 5)
    assert anchors._distance(long, long[:-1] + "c") == 3
    assert not same_name(long, long[:-1] + "c", True)
    assert same_name(long, long, True)
    # ... while names keep their spellings: Kyrgyzstan is Kirghizistan
    assert same_name("kyrgyzstan", "kirghizistan", True)
    assert same_name("organization", "organisation", False)


def test_a_name_is_looked_up_once_per_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = anchors._holds_name

    def counting(f: anchors.Facts, a: Anchor) -> bool:
        calls.append(a.name)
        return real(f, a)

    monkeypatch.setattr(anchors, "_holds_name", counting)
    f = facts("Le président kazakh Kassym-Jomart Tokaïev a parlé à la télévision.")
    war = Anchor("name", "War", frozenset(), fold("War"))
    tokayev = Anchor("name", "Tokayev", frozenset(), fold("Tokayev"))
    for _ in range(3):
        assert not holds(f, war)
        assert holds(f, tokayev)
    assert calls == ["war", "tokayev"]
