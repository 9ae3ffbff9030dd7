"""`POST /verify`'s cost is bounded by what the embedder reads, and a client that hangs up
stops it. Real server, real e5 model.

Its limits counted `len()`, while e5 embeds the NFKC form, where one character can be 18
("\\ufdfa"): 2,000 characters of "\\ufdfa \\ufdfa. " and two passages of 18,990 passed the
40,000 limit and held a CPU 147 s (Latin text of that length: 22 s). And the route ran to its
end after its client left, holding the only verification slot: a client that gave up at 120 s
left it busy to the end, logged as a 200."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.service.conftest import Service
from tests.service.test_index_health import _count

TROOPS = "Des dizaines de personnes ont été tuées. La Russie a envoyé quelque 3 000 personnes."
SAW = "\ufdfa"  # NFKC: 18 characters
UNIT = f"{SAW} {SAW}. "
NAMES = [(a + b + c).capitalize() for a, b, c in itertools.islice(itertools.product(
    ["ka", "ro", "mi", "ze", "lu", "po", "ta", "ne", "vi", "so", "da", "re"], repeat=3), 400)]


@pytest.fixture
def svc(small_service: Callable[..., Service]) -> Service:
    return small_service(ingest=False)  # one verification slot (RAG_GENERATION_SLOTS)


@pytest.mark.parametrize(("body", "said"), [
    # the review's request: 40,000 characters as sent, 311,770 as the embedder reads them
    ({"answer": (UNIT * 400)[:1990] + " [1]", "passages": [(UNIT * 4000)[:18990]] * 2},
     "passages: passage 1 is 148122 characters long as the embedder reads it (NFKC)"),
    ({"answer": SAW * 1200 + " [1].", "passages": ["La Russie a envoyé 3 000 soldats."]},
     "answer: the answer is 21605 characters long as the embedder reads it (NFKC); "
     "the limit is 20000"),
    ({"answer": "La Russie a envoyé 3 000 soldats [1].", "passages": [TROOPS, SAW * 1200]},
     "passages: passage 2 is 21600 characters long as the embedder reads it (NFKC); "
     "the limit is 20000"),
    # each passage within its own limit, not all three together
    ({"answer": "La Russie a envoyé 3 000 soldats [1].",
      "passages": [{"text": (UNIT * 500)[:2500], "title": "t"}] * 3},
     # the three titles count too (review 10b, N4)
     "hold 58540 characters together as the embedder reads them (NFKC); the limit is 40000"),
    # within the characters, but thousands of sentences, each embedded on its own (53 s)
    ({"answer": "A [1]. " * 2800, "passages": ["B. " * 130] * 50},
     "the answer and passages hold 2850 sentences together; the limit is 1000"),
    # one sentence cut into 250 claims by its inner markers, each judged against each passage
    ({"answer": "La Russie a envoyé [1] " * 250 + ".", "passages": [TROOPS]},
     "the answer holds 250 claims (sentences, cut at inner [n] markers); the limit is 200"),
    ({"answer": "La Russie a envoyé 3 000 soldats [1]. " * 50, "passages": [TROOPS] * 50},
     "50 claims against 50 passages are 2500 checks; the limit is 1000"),
    # 2,000 checks were taken, ~12 s of CPU (eighth review): 1,000 at most
    ({"answer": "La Russie a envoyé 3 000 soldats [1]. " * 21, "passages": [TROOPS] * 50},
     "21 claims against 50 passages are 1050 checks; the limit is 1000"),
    # within every bound above, 50 claims of 50 names over 900 one-line sentences naming
    # them: 80 s of CPU (seventeenth review, H1)
    ({"answer": " ".join("Et " + " ".join(NAMES[(i * 50 + j) % 400] for j in range(50))
                         + " le 19 janvier [1]." for i in range(50)),
      "passages": ["Liste " + " ".join(NAMES) + ". "
                   + " ".join(f"{NAMES[i % 400]} a vu." for i in range(900))]},
     "the claims' names, numbers and dates against the passages' sentences are 2297550 "
     "lookups; the limit is 500000"),
    # within every bound above, texts the embedder reads as many tokens, long ones dearer:
    # 20,000 characters of "A. " and 50 passages of 400 held the only slot 41 s, 20 claims of
    # runes cut by commas (clauses, embedded too) 38 s (twenty-fifth review, F2)
    ({"answer": ("A. " * 6667)[:20_000], "passages": [("A. " * 134)[:400]] * 50},
     "the answer and passages would cost 29386 to embed"),
    ({"answer": " ".join(("ᚠᚡᚢᚣ ᚠᚡᚢᚣ ᚠᚡᚢᚣ, " * 60)[:950] + " [1]." for _ in range(20)),
      "passages": [("ᚠᚡᚢᚣ ᚠᚡᚢᚣ ᚠᚡᚢᚣ, " * 30)[:400]] * 25},
     "to embed (tokens of their sentences and clauses as the embedder reads them, a long "
     "text weighing more a token); the limit is 24000"),
    # ... a passage without a sentence end is read whole, its clauses embedded (closing
    # review H1: it counted nothing, and two of them embedded 1,290 texts)
    ({"answer": "La Russie a envoyé 3 000 soldats [1].",
      "passages": [(("ᚠᚡᚢᚣ " * 6 + ", ") * 650)[:19_980]] * 2},
     "the limit is 24000: send less text"),
])
def test_limits_count_the_nfkc_form(svc: Service, body: dict[str, Any], said: str) -> None:
    t0 = time.monotonic()
    r = svc.client.post("/verify", json=body, timeout=60)
    assert r.status_code == 422, r.text
    assert said in r.json()["error"], r.text
    assert time.monotonic() - t0 < 5  # refused before anything is embedded


def test_a_client_that_hangs_up_stops_the_verification(svc: Service) -> None:
    """Near the 40,000-character limit in short sentences (about 900 texts to embed, 6 to 12 s
    of CPU here): the client leaves after 2 s; the verification stops at the next group of
    texts, its slot is free at once (a 200 for the next request, not a 503), and it is
    counted as 499. Measured by the embedder's own count, not by time: the stopped one
    embedded a fraction of its texts (on the old code, all of them, in one call)."""
    claims = " ".join(f"La Russie a envoyé {i} 000 personnes [1]." for i in range(40))
    long_body = {"answer": claims, "passages": [" ".join([TROOPS] * 220)] * 2}
    small = {"answer": "La Russie a envoyé 3 000 personnes [1].", "passages": [TROOPS]}
    embedder = svc.engine.embedder
    calls = embedder.calls  # type: ignore[attr-defined]
    with pytest.raises(httpx.ReadTimeout):
        svc.client.post("/verify", json=long_body, timeout=httpx.Timeout(30, read=2.0))
    hung_up = time.monotonic()
    refused = 0
    while True:
        r = svc.client.post("/verify", json=small, timeout=60)
        if r.status_code == 200:
            break
        assert r.status_code == 503, r.text
        refused += 1
        assert time.monotonic() - hung_up < 60, "the slot never came back"
        time.sleep(0.1)
    freed = time.monotonic() - hung_up
    embedded = embedder.calls - calls - 3  # type: ignore[attr-defined]  # less the small one
    total = 40 + 2 * 2 * 220  # the claims, then two sentences per TROOPS
    assert embedded < total / 2, (embedded, total, f"slot back {freed:.1f} s after the hang-up")
    deadline = time.monotonic() + 5
    while _count(svc, "/verify", 499) != 1.0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _count(svc, "/verify", 499) == 1.0
    assert _count(svc, "/verify", 200) == 1.0  # the small one only
