"""Security review 48, F2: `POST /verify` is bounded a request (MAX_EMBEDDING_COST), not a
client: one 48.8 KB request within every bound took ~35 s of CPU, and a client could send it
again the moment it ended (five addresses filled the slot and its queue). Each client (key
and address, as the rate limit counts it) now spends at most RAG_VERIFY_COST_PER_MINUTE of
embedding cost a minute, by default one request at the bound: past it a 429 with
Retry-After, before anything is embedded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rag.answering.verify import embedding_cost
from rag.embedders.e5 import E5Embedder
from service.routes.verify import MAX_EMBEDDING_COST, _token_counter
from service.settings import ServiceSettings
from tests.service.conftest import Service

TROOPS = "Des dizaines de personnes ont été tuées. La Russie a envoyé quelque 3 000 personnes."
LONG: dict[str, Any] = {
    "answer": "La Russie a envoyé 3 000 soldats [1]. Des dizaines de personnes ont été tuées [1].",
    "passages": [TROOPS + " Le Kazakhstan a demandé l'aide de l'OTSC."] * 4}
SHORT: dict[str, Any] = {"answer": "La Russie a envoyé 3 000 soldats [1].", "passages": [TROOPS]}


def _cost(body: dict[str, Any], embedder: E5Embedder) -> int:
    """What the route charges for `body` (passages as plain strings): its bound's count."""
    return embedding_cost(body["answer"], body["passages"], _token_counter(embedder),
                          embedder.max_tokens)


def test_a_client_past_its_budget_gets_a_429_with_retry_after(
    small_service: Callable[..., Service], embedder: E5Embedder,
) -> None:
    long, short = _cost(LONG, embedder), _cost(SHORT, embedder)
    assert short * 2 < long, (short, long)
    per_minute = long + long // 2  # the long request fits once, not twice
    svc = small_service(ingest=False, api_keys="key-a,key-b", verify_cost_per_minute=per_minute)
    a, b = {"authorization": "Bearer key-a"}, {"authorization": "Bearer key-b"}
    c = svc.client

    assert c.post("/verify", json=LONG, headers=a).status_code == 200
    again = c.post("/verify", json=LONG, headers=a)
    assert again.status_code == 429, again.text
    message = again.json()["error"]
    assert "RAG_VERIFY_COST_PER_MINUTE" in message and f"costs {long}" in message, message
    # what is left (half the long one's cost) comes back at per_minute a minute: ~20 s
    assert 1 <= int(again.headers["retry-after"]) <= 20, again.headers
    # the refusal took nothing: a request within what is left passes
    assert c.post("/verify", json=SHORT, headers=a).status_code == 200
    # another client (another key, the same address) has its own budget
    assert c.post("/verify", json=LONG, headers=b).status_code == 200


def test_the_default_lets_one_request_at_the_bound_through_a_minute() -> None:
    from service.routes.verify import CostBudget  # (here: the test above runs without it)

    assert ServiceSettings().verify_cost_per_minute == MAX_EMBEDDING_COST
    budget = CostBudget(MAX_EMBEDDING_COST)
    assert budget.take("ip:10.0.0.1", MAX_EMBEDDING_COST, now=100.0) == 0
    assert budget.take("ip:10.0.0.1", 400, now=100.0) == 1.0  # 400 a second come back
    assert budget.take("ip:10.0.0.2", MAX_EMBEDDING_COST, now=100.0) == 0  # its own
    assert budget.take("ip:10.0.0.1", MAX_EMBEDDING_COST, now=159.0) == 1.0
    assert budget.take("ip:10.0.0.1", MAX_EMBEDDING_COST, now=160.0) == 0
    # a budget below one request's cost lets it through when full, then makes it wait its cost
    small = CostBudget(6_000)
    assert small.take("k", 12_000, now=0.0) == 0
    assert small.take("k", 100, now=0.0) == (100 + 6_000) / 100
    assert small.take("k", 100, now=61.0) == 0
