"""/openapi.json: valid, says what is sent, and a client generated from it with
openapi-python-client imports and calls every route."""

from __future__ import annotations

import importlib
import io
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.service.conftest import FR_TROOPS, Service

GENERATOR = shutil.which("openapi-python-client",
                         path=str(Path(sys.executable).parent)) or shutil.which(
                             "openapi-python-client")


def test_schema_is_valid_and_says_what_is_sent(corpus_service: Service) -> None:
    spec = corpus_service.client.get("/openapi.json").json()
    validate(spec)
    paths = spec["paths"]
    ask = paths["/ask"]["post"]["responses"]
    assert ask["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorResponse")
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    err = spec["components"]["schemas"]["ErrorResponse"]["properties"]
    assert set(err) >= {"error", "details"}
    for code in ("400", "401", "403", "413", "415", "429", "503"):
        assert code in ask, code
    stream = paths["/ask/stream"]["post"]["responses"]["200"]
    assert "text/event-stream" in stream["content"]
    assert "cited: true" in stream["description"]  # the live numbering contract is documented
    chat = paths["/v1/chat/completions"]["post"]["responses"]
    assert chat["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/OpenAIErrorResponse")
    for path, method in (("/health", "get"), ("/documents/{doc_id}", "delete"),
                         ("/v1/models", "get"), ("/v1/models/{model_id}", "get"),
                         ("/v1/chat/completions", "post"), ("/v1/completions", "post")):
        assert "$ref" in paths[path][method]["responses"]["200"]["content"][
            "application/json"]["schema"], (path, method)
    # the 422 really is what the schema says
    body = corpus_service.client.post("/ask", json={"question": ""}).json()
    assert isinstance(body["error"], str) and body["details"][0]["loc"]


@pytest.fixture
def generated(small_service: Callable[..., Service], tmp_path: Path
              ) -> Iterator[tuple[Service, Any]]:
    # The dev extra installs it (CI too): a missing generator is a broken install, not a skip.
    assert GENERATOR is not None, "openapi-python-client is missing: pip install -e '.[dev]'"
    svc = small_service()
    spec = tmp_path / "openapi.json"
    spec.write_bytes(svc.client.get("/openapi.json").content)
    run = subprocess.run([GENERATOR, "generate", "--path", str(spec), "--meta", "none",
                          "--output-path", str(tmp_path / "rag_client")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Warning" not in run.stdout, run.stdout
    sys.path.insert(0, str(tmp_path))
    try:
        yield svc, importlib.import_module("rag_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "rag_client" or
                     m.startswith("rag_client.")]:
            del sys.modules[name]


def test_generated_client_calls_every_route(generated: tuple[Service, Any]) -> None:
    svc, pkg = generated
    api = importlib.import_module("rag_client.api")
    modules = {f"{tag}.{mod.name}": importlib.import_module(f"rag_client.api.{tag}.{mod.name}")
               for tag in ("answer", "retrieval", "documents", "operations", "openai", "verify",
                           "feedback")
               if (Path(str(api.__file__)).parent / tag).is_dir()
               for mod in (Path(str(api.__file__)).parent / tag).glob("*.py")
               if mod.stem != "__init__" for mod in [mod.with_suffix("")]}
    models = importlib.import_module("rag_client.models")
    client = pkg.Client(base_url=svc.url, raise_on_unexpected_status=True, timeout=60.0)
    called = set()

    def call(name: str, **kwargs: Any) -> Any:
        called.add(name)
        return modules[name].sync_detailed(client=client, **kwargs)

    health = call("operations.health_health_get")
    assert health.status_code == 200 and health.parsed.documents == 4
    r = call("retrieval.search_search_get", q="ratatouille", k=2)
    assert r.status_code == 200 and r.parsed.hits[0].doc_id == "cuisine"
    r = call("answer.ask_ask_post", body=models.AskRequest(question=FR_TROOPS))
    assert r.status_code == 200 and isinstance(r.parsed.answer, str)
    r = call("feedback.post_feedback_feedback_post", body=models.FeedbackIn(
        answer_id=r.parsed.answer_id, rating=models.FeedbackInRating.DOWN, comment="court"))
    assert r.status_code == 201 and r.parsed.feedback_id, r.content
    r = call("feedback.post_feedback_feedback_post", body=models.FeedbackIn(
        answer_id="0" * 32, rating=models.FeedbackInRating.UP))
    assert r.status_code == 404 and isinstance(r.parsed, models.ErrorResponse)
    r = call("feedback.list_feedback_feedback_get",
             rating=models.ListFeedbackFeedbackGetRatingType0.DOWN)
    assert r.status_code == 200 and b"court" in r.content
    r = call("answer.ask_ask_post", body=models.AskRequest(question=" "))
    assert r.status_code == 422 and isinstance(r.parsed, models.ErrorResponse)
    r = call("answer.ask_stream_ask_stream_post", body=models.AskRequest(question=FR_TROOPS))
    assert r.status_code == 200 and b"event: done" in r.content
    r = call("documents.list_documents_documents_get")
    assert r.status_code == 200 and {d.doc_id for d in r.parsed} >= {"astro"}
    r = call("documents.delete_document_documents_doc_id_delete", doc_id="astro")
    assert r.status_code == 200 and r.parsed.deleted == ["astro"]
    r = call("documents.delete_document_documents_doc_id_delete", doc_id="nope")
    assert r.status_code == 404 and "nope" in r.parsed.error
    r = call("operations.prometheus_metrics_get")
    assert r.status_code == 200 and b"rag_requests_total" in r.content
    r = call("openai.models_v1_models_get")
    assert r.status_code == 200 and r.parsed.data[0].id == "rag"
    r = call("openai.model_v1_models_model_id_get", model_id="gpt-4o")
    assert r.status_code == 404 and r.parsed.error.param == "model"
    r = call("documents.add_documents_documents_post",
             body=models.AddDocumentsDocumentsPostDocumentsIn(documents=[
                 models.AddDocumentsDocumentsPostDocumentsInDocumentIn(
                     id="miel", text="Les abeilles produisent du miel de lavande.")]))
    assert r.status_code == 200 and r.parsed.added == 1
    files = pkg.types.File(payload=io.BytesIO("Le thé vert pousse au Japon.".encode()),
                           file_name="the.txt", mime_type="text/plain")
    r = call("documents.add_documents_documents_upload_post",
             body=models.AddDocumentsDocumentsUploadPostBody(files=[files]))
    assert r.status_code == 200 and r.parsed.added == 1, r.content
    r = call("documents.get_job_jobs_job_id_get", job_id="nope")
    assert r.status_code == 404 and isinstance(r.parsed, models.ErrorResponse)
    r = call("documents.cancel_job_jobs_job_id_delete", job_id="nope")
    assert r.status_code == 404 and isinstance(r.parsed, models.ErrorResponse)
    r = call("answer.verify_verify_post", body=models.VerifyRequest(
        answer="Ariane 6 a décollé de Kourou [1].", passages=[
            "La fusée Ariane 6 a décollé de Kourou en Guyane."]))
    assert r.status_code == 200, r.content
    r = call("openai.chat_v1_chat_completions_post", body=models.ChatRequest(messages=[
        models.ChatMessage(role=models.ChatMessageRole.USER, content="la ratatouille ?")]))
    assert r.status_code == 200 and r.parsed.citations, r.content
    r = call("openai.completions_v1_completions_post",
             body=models.CompletionRequest(prompt="la ratatouille ?"))
    assert r.status_code == 200 and r.parsed.choices[0].text, r.content
    r = call("openai.chat_v1_chat_completions_post", body=models.ChatRequest(messages=[
        models.ChatMessage(role=models.ChatMessageRole.ASSISTANT, content="hi")]))
    assert r.status_code == 400 and isinstance(r.parsed, models.OpenAIErrorResponse)
    assert set(modules) == called
