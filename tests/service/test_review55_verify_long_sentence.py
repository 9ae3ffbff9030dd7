"""Security review 55 over a real server: `POST /verify` with passages that are each one
sentence of 13,000 characters (the claim's sentence, then "a a a ...": no sentence break).

F1: the embedder reads 512 tokens of such a sentence, and that was all the route counted, but
some thirty checks a claim read the whole of it: 200 claims over two such passages (40.8 KB)
took 46 s of CPU, charged 9,472 of the 24,000 a client may spend a minute, so one client could
hold the only verification slot for ever. What the checks read (`reading_cost`) now counts in
the bound and the charge: that request is refused before any work, and a smaller one is
charged what its checks read.

N1: each claim's `evidence.text` (and `support`) repeated its whole sentence: 2.7-3.4 MB for
a 41 KB request. A text over MAX_EVIDENCE_CHARS is cut, its offsets still span all of it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rag.answering.verify import embedding_cost, reading_cost
from rag.embedders.e5 import E5Embedder
from service.routes.verify import EVIDENCE_CUT, MAX_EVIDENCE_CHARS, _token_counter
from tests.service.conftest import Service

SENT = "Tokaïev a limogé Massimov le 5 janvier et Nazarbaïev a quitté Astana. "


def _long(size: int) -> str:
    return SENT + ("a " * 20_000)[: size - len(SENT)]


TROOPS = "Des dizaines de personnes ont été tuées. La Russie a envoyé quelque 3 000 personnes."


def test_the_reviews_request_is_refused_before_any_work(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    body = {"answer": " ".join([SENT.strip()] * 200), "passages": [_long(12_995)] * 2}
    t0 = time.monotonic()
    # (it ran 46 s: the client gives up long before)
    r = svc.client.post("/verify", json=body, timeout=10)
    assert r.status_code == 422, r.text[:300]
    error = r.json()["error"]
    assert "to check (claims times the characters of the long sentences" in error, error
    assert "the limit is 24000" in error, error
    assert time.monotonic() - t0 < 5


def test_long_sentences_are_charged_what_their_checks_read(
        small_service: Callable[..., Service], embedder: E5Embedder) -> None:
    """Ten claims over one sentence of 13,000 characters: charged for its embedding only, a
    budget of twice that and a little let it through twice in a row; charged for its reading
    too, once."""
    body: dict[str, Any] = {"answer": " ".join([SENT.strip()] * 10),
                            "passages": [_long(12_995)]}
    embedded = embedding_cost(body["answer"], body["passages"], _token_counter(embedder),
                              embedder.max_tokens)
    read = reading_cost(body["answer"], body["passages"])
    assert read > embedded // 3, (read, embedded)  # ~800 against ~1,900
    svc = small_service(ingest=False, verify_cost_per_minute=2 * embedded + 100)
    first = svc.client.post("/verify", json=body, timeout=60)
    assert first.status_code == 200, first.text[:300]
    again = svc.client.post("/verify", json=body, timeout=60)
    assert again.status_code == 429, again.text[:300]
    message = again.json()["error"]
    assert f"costs {embedded + read} (tokens of its sentences and clauses, and what its " \
           f"claim checks read of long sentences" in message, message
    assert 1 <= int(again.headers["retry-after"]) <= 60, again.headers


def test_an_evidence_text_is_cut_and_its_offsets_span_all_of_it(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)
    long = _long(8_000)
    claim = SENT.strip()[:-1]
    # the first two cite nothing (each is checked against both), the third cites [1] wrongly:
    # [2] supports it
    body = {"answer": f"{claim}. {claim}. {claim} [1].", "passages": [TROOPS, long]}
    r = svc.client.post("/verify", json=body, timeout=60)
    assert r.status_code == 200, r.text[:300]
    assert len(r.content) < 8 * 1024, len(r.content)  # ~25 KB before: the sentence 3 times
    claims = r.json()["claims"]
    shown = [c["evidence"] for c in claims[:2]] + [claims[2]["support"]]
    for ev in shown:
        assert ev["passage"] == 2
        assert (ev["start"], ev["end"]) == (0, len(long))  # all of the sentence
        assert ev["text"] == long[:MAX_EVIDENCE_CHARS] + EVIDENCE_CUT
    # a sentence within the bound is given whole, as before
    cited = claims[2]["evidence"]
    assert cited["passage"] == 1 and cited["text"] == TROOPS[cited["start"]:cited["end"]]
