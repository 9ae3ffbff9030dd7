"""Security review 50, note: `rag serve` and `rag cluster serve --local` printed "(API docs at
/docs)" on start although /docs is off unless RAG_DOCS_PAGES turns it on (review 48, F3): the
line sent an operator to a 404. Each command is run as its own process on a loopback port (as
test_serve_commands.py does); the line names /docs only when the page is served."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from rag.embedders.e5 import E5Embedder
from tests.service.test_serve_commands import _command, _entry_point


@pytest.mark.parametrize("docs_pages", [False, True])
@pytest.mark.parametrize("which", ["serve", "cluster-local"])
def test_the_start_line_names_docs_only_when_served(
        which: str, docs_pages: bool, tmp_path: Path,
        embedder: E5Embedder) -> None:
    argv = _entry_point(which, tmp_path, embedder)
    env = {"RAG_DOCS_PAGES": "true" if docs_pages else "false",
           "RAG_CORPUS_DIR": str(tmp_path / "no-corpus"),
           "OMP_WAIT_POLICY": "PASSIVE"}
    log = tmp_path / "server.log"
    with _command(argv, env, log) as (_, port):
        served = httpx.get(f"http://127.0.0.1:{port}/docs", timeout=30).status_code
    said = log.read_text(errors="replace")
    assert f"Serving on http://127.0.0.1:{port}" in said, said
    assert served == (200 if docs_pages else 404)
    assert ("API docs at /docs" in said) is docs_pages, said
