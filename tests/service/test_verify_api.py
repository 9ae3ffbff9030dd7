"""`POST /verify` on a real server: claims, evidence offsets, and 4xx on bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

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
