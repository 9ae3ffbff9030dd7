"""`POST /verify` on a real server: claims, evidence offsets, and 4xx on bad input."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest

from rag.answering.verify import REASONS
from tests.service.conftest import Service

TROOPS = "Des dizaines de personnes ont été tuées. La Russie a envoyé quelque 3 000 personnes."
EMERGENCY = "Le président Tokaïev a déclaré l’état d’urgence jusqu’au 19 janvier."


@pytest.fixture
def svc(small_service: Callable[..., Service]) -> Service:
    return small_service(ingest=False)


def test_verify_claims(svc: Service) -> None:
    answer = ("Russia sent 3,000 people [1]. Russia sent 2,600 people [1]. "
              "Tokayev declared a state of emergency until January 19 [1].")
    r = svc.client.post("/verify", json={"answer": answer, "passages": [
        TROOPS, {"text": EMERGENCY, "title": "État d'urgence"}]})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert [c["supported"] for c in body["claims"]] == [True, False, False]
    assert body["supported"] == 1 and body["unsupported"] == 2 and not body["all_supported"]
    first, swapped, miscited = body["claims"]
    assert first["citations"] == [1] and first["text"] == "Russia sent 3,000 people."
    assert answer[first["start"]:first["end"]] == "Russia sent 3,000 people [1]."
    ev = first["evidence"]
    assert ev["passage"] == 1 and TROOPS[ev["start"]:ev["end"]] == ev["text"]
    assert ev["score"] == first["score"] >= body["threshold"]
    assert swapped["reason"] == "missing" and swapped["evidence"]["missing"] == ["2,600"]
    assert miscited["support"]["passage"] == 2  # the passage that does support it


@pytest.mark.parametrize(("body", "status", "where"), [
    ({"answer": "x" * 20_001, "passages": ["p"]}, 422, "answer"),
    ({"answer": "   ", "passages": ["p"]}, 422, "answer"),
    ({"answer": "a [1].", "passages": []}, 422, "passages"),
    ({"answer": "a [1].", "passages": ["p"] * 51}, 422, "passages"),
    ({"answer": "a [1].", "passages": ["p" * 20_001]}, 422, "passages"),
    ({"answer": "a [1].", "passages": [{"title": "no text"}]}, 422, "passages"),
    ({"answer": "a [1].", "passages": [3]}, 422, "passages"),
    ({"answer": "a [1]."}, 422, "passages"),
    ({"answer": "a [1].", "passages": ["p"], "extra": 1}, 422, "extra"),
])
def test_bad_input_is_4xx(svc: Service, body: dict[str, Any], status: int, where: str) -> None:
    r = svc.client.post("/verify", json=body)
    assert r.status_code == status, r.text
    assert where in r.json()["error"]


def test_not_json(svc: Service) -> None:
    r = svc.client.post("/verify", content=b"answer=x", headers={"content-type": "text/plain"})
    assert r.status_code == 415 and "JSON" in r.json()["error"]
    r = svc.client.post("/verify", content=b"{nope", headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "malformed JSON body"


def test_lone_surrogate_escapes_are_a_4xx(svc: Service) -> None:
    body = b'{"answer": "Russia sent 3,000 people \\ud800 [1].", "passages": ["x \\udc00 y"]}'
    r = svc.client.post("/verify", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"].startswith("answer:"), r.text


def test_total_text_is_bounded(svc: Service) -> None:
    """Three passages at their own limit (60,000 characters to embed, most of a minute of CPU
    here; the old limits allowed 1 M) are refused before any is embedded."""
    body = {"answer": "La Russie a envoyé 3 000 soldats [1].", "passages": [TROOPS * 200] * 3}
    r = svc.client.post("/verify", json=body, timeout=20)
    assert r.status_code == 422, r.text
    assert "the limit is 40000" in r.json()["error"]


def test_busy_verifier_is_a_503(svc: Service, caplog: pytest.LogCaptureFixture) -> None:
    """One verification at a time by default (RAG_GENERATION_SLOTS): while a long one runs, the
    next gets a 503 with Retry-After at once instead of taking another worker thread. Each
    refusal is logged as a warning: load, not a fault (eighteenth review I3: one client's
    refusals were as many ERROR lines)."""
    caplog.set_level(logging.WARNING, "rag.service")
    claims = " ".join(f"La Russie a envoyé {i} 000 personnes [1]." for i in range(40))
    long_body = {"answer": claims, "passages": [TROOPS * 100]}
    statuses: list[int] = []

    def long_one() -> None:
        for _ in range(20):  # a short request may hold the slot at first: try again
            r = svc.client.post("/verify", json=long_body, timeout=120)
            statuses.append(r.status_code)
            if r.status_code != 503:
                return

    thread = threading.Thread(target=long_one)
    thread.start()
    busy = []
    while thread.is_alive():
        r = svc.client.post("/verify", json={"answer": "a [1].", "passages": ["b"]}, timeout=60)
        if r.status_code == 503:
            busy.append(r)
        thread.join(0.2)
    assert statuses[-1] == 200
    assert busy, "no request was refused while a long verification held the slot"
    assert busy[0].headers["retry-after"].isdigit() and "slot" in busy[0].json()["error"]
    refusals = [r for r in caplog.records if "slot" in r.getMessage()]
    assert refusals and all(r.levelno == logging.WARNING for r in refusals), refusals


def test_the_reason_of_a_verdict_is_from_a_closed_set(svc: Service) -> None:
    """Clients switch on `reason`: the schema says which values it takes, and a verdict takes
    one of them."""
    schema = svc.client.get("/openapi.json").json()["components"]["schemas"]["ClaimOut"]
    assert set(schema["properties"]["reason"]["enum"]) == set(REASONS)
    assert {"supported", "missing", "negation", "no passage"} <= set(REASONS)
    r = svc.client.post("/verify", json={"answer": "Russia did not send anyone [1]. Tokayev "
                                         "declared a state of emergency [3].",
                                         "passages": [TROOPS]})
    assert [c["reason"] for c in r.json()["claims"]] == ["negation", "no passage"]
