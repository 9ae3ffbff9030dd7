"""The CLI shows the control characters of documents and feedback, it does not obey them.

A title, a passage or a vote's comment holding ESC sequences (window title, line erase,
colours, OSC 52 clipboard writes), BEL, CR or a C1 CSI would act on the terminal of whoever
runs `rag list`, `search`, `ask` or `feedback list`; they print as escapes instead (`\\x1b`),
one-line fields on one line (a CR or newline there is a space), and `--json` stays JSON that
gives them back exactly. A real index and answer log, the real `rag` command."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from rag.feedback import FeedbackStore
from tests.conftest import small_docs
from tests.rag.test_cli import rag

TITLE = "T\x1b]0;TITLE\x07itle\r\nforged\x9b2J"
TEXT = ("La fusée Ariane 6 a décollé de Kourou\x1b]52;c;ZWNobyBwd25lZA==\x07 en Guyane avec un "
        "satellite météo\x1b[2K\r\x1b[32m. Le lancement a eu lieu de nuit\x7f.")
QUESTION = "Combien ?\x1b]0;PWNED\x07\x1b[31mRED"
COMMENT = "bad\x1b[2K\r\x1b[32mfake line"
EXPECTED = "Kourou\x08\x08\x08\x08\x08\x08Paris\x9b1;1H"
ROCKET = "Où la fusée Ariane 6 a-t-elle décollé ?"

# what a terminal obeys: C0 but newline and tab, DEL, C1
OBEYED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder) -> Path:
    """An index whose rocket document has a hostile title and text, and an answer log with a
    hostile question, comment and expected answer."""
    index = tmp_path_factory.mktemp("controls") / "index"
    docs = [Document("astro", TEXT, TITLE), *small_docs()[1:]]
    engine = Engine(Settings(index_dir=index), embedder=embedder, auto_build=False)
    assert engine.ingest_documents(docs).added == len(docs)
    store = FeedbackStore.beside(index)
    store.record_answer("a1", QUESTION, QUESTION, "Kourou [1].", [], "extractive",
                        {"route": "/ask"})
    store.add_feedback("a1", "down", COMMENT, EXPECTED)
    store.close()
    return index


def _run(index: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = rag(*args, env={"RAG_INDEX_DIR": str(index)})
    assert proc.returncode == 0, proc.stderr
    for name, out in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        raw = OBEYED.findall(out)
        assert not raw, f"`rag {' '.join(args)}` {name} has raw controls {raw}: {out!r}"
    return proc


def test_list_search_and_ask_show_a_titles_controls(index: Path) -> None:
    shown_title = r"T\x1b]0;TITLE\x07itle forged\x9b2J"  # escaped, on one line
    out = _run(index, "list").stdout
    assert shown_title in out, out
    assert "forged" not in out.replace(shown_title, "")  # no line of its own

    out = _run(index, "search", ROCKET, "--k", "1", "--retriever", "bm25").stdout
    assert "[1] astro" in out and shown_title in out, out
    assert r"Kourou\x1b]52;c;ZWNobyBwd25lZA==\x07 en Guyane" in out, out

    out = _run(index, "ask", ROCKET).stdout
    assert "Kourou" in out and "[1] astro (" in out, out
    assert r"T\x1b]0;TITLE\x07itle" in out, out


def test_feedback_list_shows_a_votes_controls(index: Path) -> None:
    out = _run(index, "feedback", "list").stdout
    assert r"Combien ?\x1b]0;PWNED\x07\x1b[31mRED" in out, out
    assert r"comment: bad\x1b[2K \x1b[32mfake line" in out, out
    assert r"expected: Kourou\x08\x08\x08\x08\x08\x08Paris\x9b1;1H" in out, out


def test_json_output_gives_the_controls_back_exactly(index: Path) -> None:
    listed = json.loads(_run(index, "list", "--json").stdout)
    assert {d["doc_id"]: d["title"] for d in listed}["astro"] == TITLE

    found = json.loads(_run(index, "search", ROCKET, "--k", "1", "--retriever", "bm25",
                            "--json").stdout)
    assert found["hits"][0]["title"] == TITLE and found["hits"][0]["text"] == TEXT

    answer = json.loads(_run(index, "ask", ROCKET, "--json").stdout)
    assert answer["citations"][0]["title"] == TITLE

    (vote,) = json.loads(_run(index, "feedback", "list", "--json").stdout)
    assert (vote["question"], vote["comment"], vote["expected"]) == (QUESTION, COMMENT,
                                                                     EXPECTED)
