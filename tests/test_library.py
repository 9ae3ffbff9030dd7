"""The library as a user calls it: `rag` names only, real files, the default e5 embedder.

README's "Use it as a library" is this code."""

from __future__ import annotations

import textwrap
from dataclasses import fields
from pathlib import Path

import pytest

import rag
from tests.conftest import ROOT


def test_open_ingest_search_ask(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ariane.txt").write_text(
        "Lancement d'Ariane 6\n\nLa fusée Ariane 6 a décollé de Kourou en Guyane avec un "
        "satellite météo. Le lancement a eu lieu de nuit.\n", encoding="utf-8")

    # --- README: Use it as a library ---
    from rag import Document, Engine, Settings

    engine = Engine.open(Settings(index_dir=tmp_path / "index"))
    report = engine.ingest([docs, Document("etna", "The Etna volcano in Sicily erupted again, "
                                           "closing Catania airport for two days.",
                                           "Etna erupts")])
    print(report.summary())  # 2 documents (2 new, ...)

    hits = engine.search("Où la fusée a-t-elle décollé ?", k=2)
    print(hits[0].chunk.doc_id, hits[0].score)  # ariane ...

    answer = engine.ask("D'où la fusée Ariane 6 a-t-elle décollé ?")
    print(answer.answer)  # ... Kourou ... [1]
    for c in answer.citations:
        print(c.n, c.hit.chunk.doc_id, c.hit.chunk.start, c.hit.chunk.end)

    print([d.doc_id for d in engine.documents()])  # ['ariane', 'etna']
    engine.delete(["etna"])
    # --- end ---

    assert report.added == 2 and report.documents == 2
    assert hits[0].chunk.doc_id == "ariane"
    assert not answer.abstained and "Kourou" in answer.answer
    assert [c.hit.chunk.doc_id for c in answer.citations] == ["ariane"]
    assert [d.doc_id for d in engine.documents()] == ["ariane"]
    assert [h.chunk.doc_id for h in engine.search("Etna volcano")] == ["ariane"]

    events = list(engine.stream("D'où la fusée Ariane 6 a-t-elle décollé ?"))
    final = [v for v in (getattr(events[-1], f.name) for f in fields(events[-1]))
             if isinstance(v, rag.Answer)]  # the last event carries the checked answer
    assert [a.answer for a in final] == [answer.answer]


def test_reopen_serves_what_was_committed(tmp_path: Path) -> None:
    first = rag.Engine.open(rag.Settings(index_dir=tmp_path / "index"))
    first.ingest([rag.Document("glacier", "Le glacier Perito Moreno en Patagonie avance de "
                               "deux mètres par jour.", "Perito Moreno")])
    again = rag.Engine.open(rag.Settings(index_dir=tmp_path / "index"),
                            embedder=first.embedder, require_index=True)
    assert again.search("glacier Patagonie")[0].chunk.doc_id == "glacier"


def test_missing_index_is_not_built_elsewhere(tmp_path: Path) -> None:
    """Only the default location builds itself from the corpus: another path may be a typo."""
    settings = rag.Settings(index_dir=tmp_path / "typo", corpus_dir=tmp_path)
    with pytest.raises(rag.RagError, match="no index at"):
        rag.Engine.open(settings, require_index=True)
    assert not (tmp_path / "typo").exists()
    with pytest.raises(rag.RagError, match="nothing"):
        rag.Engine.open(settings).ingest([tmp_path / "nothing"])


def test_readme_shows_this_code() -> None:
    """README's "Use it as a library" block is the tested code above, word for word."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Use it as a library", 1)[1].split("```python\n", 1)[1]
    source = Path(__file__).read_text(encoding="utf-8")
    tested = source.split("# --- README: Use it as a library ---\n", 1)[1]
    assert block.split("```", 1)[0] == textwrap.dedent(tested.split("    # --- end ---", 1)[0])
