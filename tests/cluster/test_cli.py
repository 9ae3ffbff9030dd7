"""`rag cluster ...` end to end in this process (no Ray): ingest, status, search, delete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.chunking import Chunk
from rag.cli import main
from rag.cluster.cli import hit_lines
from rag.retrieval import Hit


def test_cluster_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in {"ariane": "La fusée Ariane 6 a décollé de Kourou en Guyane.",
                       "etna": "The Etna volcano in Sicily erupted again, closing Catania.",
                       "om": "Marseille a gagné le match trois buts à un au Vélodrome."}.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    where = ["--dir", str(tmp_path / "c")]
    assert main(["cluster", "ingest", *where, "--shards", "2", "--json", str(docs)]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["total_documents"] == 3, out
    assert main(["cluster", "status", *where]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["generation"] == 1 and len(status["shards"]) == 2
    assert main(["cluster", "search", *where, "volcan Sicile", "-k", "1"]) == 0
    assert "etna" in capsys.readouterr().out
    assert main(["cluster", "ingest", *where, "--shards", "3", str(docs)]) == 1
    assert "has 2 shards" in capsys.readouterr().err
    assert main(["cluster", "delete", *where, "etna"]) == 0
    assert capsys.readouterr().out == "deleted etna\n"
    assert main(["cluster", "status", *where]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 2


def test_search_prints_each_hit_on_its_own_two_lines() -> None:
    """A title or passage holding newlines (a document's text) cannot forge a line of
    `cluster search` output; control characters are shown escaped."""
    chunk = Chunk("etna\nfake", 0, "L'Etna\r\n[2] 0.9999 forged#0  x\n\tfin" + " z" * 200, 0, 9,
                  title="Etna\n[2] 0.9999 forged#0  Faux\x1b[31m")
    lines = hit_lines(1, Hit(chunk, 0.5))
    assert len(lines) == 2 and not any("\n" in x or "\r" in x for x in lines)
    assert lines[0] == "[1] 0.5000 etna fake#0  Etna [2] 0.9999 forged#0 Faux\\x1b[31m"
    assert lines[1].startswith("    L'Etna [2] 0.9999 forged#0 x fin z z")
    assert len(lines[1]) == 4 + 160


def test_cluster_serve_local_logs_a_line_per_request(tmp_path: Path) -> None:
    """Twenty-fourth review, F5a: `rag cluster serve --local` wrote no request log lines
    (`rag serve` sets the service's logger to INFO; it did not). A real process on loopback."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "etna.txt").write_text("The Etna volcano in Sicily erupted again.", encoding="utf-8")
    where = ["--dir", str(tmp_path / "c")]
    assert main(["cluster", "ingest", *where, "--shards", "2", str(docs)]) == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "cluster", "serve", *where,
                             "--local", "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "volcan"},
                              timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        assert r.status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert any('"route": "/search"' in line for line in err.splitlines()), err[-2000:]
