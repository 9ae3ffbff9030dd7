"""`rag search/ask --filter`: a real process over a real index; front matter is metadata."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import small_docs
from tests.rag.test_cli import _one_error_line, rag

DATES = {"astro": "2022-01-05", "cuisine": "2022-01-06", "foot": "2022-01-07",
         "volcan": "2022-01-08"}
ROCKET = "Où la fusée a-t-elle décollé ?"


def test_search_and_ask_filters(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for d in small_docs():
        (docs / f"{d.id}.md").write_text(
            f"---\ntitle: {d.title}\ndate: {DATES[d.id]}\ndesk: {d.id[0]}\n---\n\n{d.text}\n",
            encoding="utf-8")
    env = {"RAG_INDEX_DIR": str(tmp_path / "idx")}
    assert rag("ingest", str(docs), env=env).returncode == 0

    def search(*filters: str) -> list[str]:
        out = rag("search", ROCKET, "--k", "4", "--json",
                  *[a for f in filters for a in ("--filter", f)], env=env)
        assert out.returncode == 0, out.stderr
        return [h["doc_id"] for h in json.loads(out.stdout)["hits"]]

    assert search()[0] == "astro"
    assert sorted(search("date>=2022-01-06", "date<=2022-01-07")) == ["cuisine", "foot"]
    assert sorted(search("doc_id=foot", "doc_id=volcan")) == ["foot", "volcan"]
    assert search("desk=c") == ["cuisine"]

    out = rag("ask", ROCKET, "--json", "--filter", "doc_id=volcan", env=env)
    assert out.returncode == 0, out.stderr
    assert {c["doc_id"] for c in json.loads(out.stdout)["citations"]} <= {"volcan"}

    assert "unknown key 'colour'" in _one_error_line(
        rag("search", ROCKET, "--filter", "colour=red", env=env))
    assert "malformed date" in _one_error_line(
        rag("ask", ROCKET, "--filter", "date>=2022-1-6", env=env))
    # values JSON cannot read (a 5,000-digit number, 50,000 brackets) are text, not a traceback
    assert search(f"desk={'1' * 5000}") == [] and search(f"desk={'[' * 50_000}") == []
