"""The PIAF converter: exact output on a tiny SQuAD file, determinism and sanity on the real one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from rag.evaluation.datasets.piaf import DEFAULT_SRC, filter_reason, main
from rag.evaluation.evals import load_gold
from rag.loaders import load_paths

P0 = ("Le Tour de France 1903 est organisé par Henri Desgrange. "
      "Maurice Garin remporte la course.")
P1 = "La course de 1904 compte 88 coureurs au départ de Montgeron."
P2 = ("Victor Hugo publie Les Misérables en 1862 à Bruxelles. "
      "Le roman raconte la vie de Jean Valjean.")
AMBIGUOUS = "Quelle ville est mentionnée en 1904 ou 1862 ?"


def _qa(qid: str, question: str, context: str, answer: str, shift: int = 0) -> dict[str, Any]:
    start = context.index(answer) + shift
    return {"id": qid, "question": question, "answers": [{"text": answer, "answer_start": start}]}


def _squad() -> dict[str, Any]:
    return {"version": "1.0", "data": [
        {"title": "Tour_de_France_1903", "paragraphs": [
            {"context": P0, "qas": [
                _qa("good-1", "Qui organise le Tour de France en 1903 ?", P0, "Henri Desgrange"),
                _qa("short", "Qui gagne ?", P0, "Maurice Garin"),
                _qa("no-anchor", "Quel est le nom du vainqueur de la course ?", P0,
                    "Maurice Garin"),
                _qa("deictic", "Qui remporte cette course organisée par Desgrange ?", P0,
                    "Maurice Garin"),
                _qa("bad-offset", "Qui remporte le Tour de France 1903 ?", P0, "Maurice Garin",
                    shift=3),
            ]},
            {"context": P1, "qas": [
                _qa("good-2", "Combien de coureurs partent en 1904 ?", P1, "88"),
                _qa("dup-same-paragraph", "Combien de coureurs partent en 1904 ?", P1, "88"),
                _qa("ambiguous-1", AMBIGUOUS, P1, "Montgeron"),
            ]},
        ]},
        {"title": "<i>Les Misérables</i>", "paragraphs": [
            {"context": P2, "qas": [
                _qa("good-3", "Où Victor Hugo publie-t-il Les Misérables ?", P2, "Bruxelles"),
                _qa("good-4", "Qu'est-ce que raconte le roman de Victor Hugo ?", P2,
                    "la vie de Jean Valjean"),
                _qa("lowercase", "quel roman raconte la vie d'un forçat ?", P2,
                    "Les Misérables"),
                _qa("ambiguous-2", AMBIGUOUS, P2, "Bruxelles"),
            ]},
        ]},
    ]}


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _gold(qid: str, question: str, answer: str, doc_id: str) -> dict[str, Any]:
    return {"id": qid, "question": question, "answers": [answer], "doc_ids": [doc_id],
            "lang": "fr", "answerable": True, "type": "piaf"}


def _sha1(s: str) -> str:
    return hashlib.sha1(s.encode()).hexdigest()


def test_synthetic_file_exact_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "squad.json"
    src.write_text(json.dumps(_squad(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--src", str(src), "--out", str(out)]) == 0

    assert _lines(out / "corpus.jsonl") == [
        {"id": "piaf-000-00", "title": "Tour de France 1903", "text": P0, "source": "piaf-v1.0"},
        {"id": "piaf-000-01", "title": "Tour de France 1903", "text": P1, "source": "piaf-v1.0"},
        {"id": "piaf-001-00", "title": "Les Misérables", "text": P2, "source": "piaf-v1.0"},
    ]
    kept = {
        "good-1": _gold("good-1", "Qui organise le Tour de France en 1903 ?", "Henri Desgrange",
                        "piaf-000-00"),
        "good-2": _gold("good-2", "Combien de coureurs partent en 1904 ?", "88", "piaf-000-01"),
        "good-3": _gold("good-3", "Où Victor Hugo publie-t-il Les Misérables ?", "Bruxelles",
                        "piaf-001-00"),
        "good-4": _gold("good-4", "Qu'est-ce que raconte le roman de Victor Hugo ?",
                        "la vie de Jean Valjean", "piaf-001-00"),
    }
    order = sorted(kept, key=_sha1)
    assert _lines(out / "gold.jsonl") == [kept[q] for q in order]
    assert capsys.readouterr().out == (
        f"piaf: 3 paragraphs, 12 questions, 4 kept after filters (dropped: offset 1, short 1, "
        f"no_anchor 2, deictic 1, duplicate 3), 4 written to {out}\n")

    # The sample is a prefix of the full sha1 order, and the project's loaders accept both files.
    assert main(["--src", str(src), "--out", str(out), "--max-questions", "2"]) == 0
    assert [g["id"] for g in _lines(out / "gold.jsonl")] == order[:2]
    assert [g.id for g in load_gold(out / "gold.jsonl")] == order[:2]
    assert len(load_paths([out / "corpus.jsonl"]).documents) == 3


@pytest.mark.parametrize(("question", "reason"), [
    ("Quand l'UNESCO a-t-elle été créée ?", None),          # proper noun after an apostrophe
    ("Qu'est-ce qui a causé la mort du Rais Hamidou ?", None),  # "ce qui" is a pronoun
    ("Quand est ce que la Ligue du Nord est née ?", None),
    ("Quel a été le destin de ce poème au 20ème siècle ?", "deictic"),
    ("Que font Bond et Corinne dans la chambre de cette dernière ?", "deictic"),
    ("Combien d'employeurs ?", "short"),
    ("Qui était à la tête des troupes françaises ?", "no_anchor"),
])
def test_filter_rules(question: str, reason: str | None) -> None:
    assert filter_reason(question) == reason


def test_missing_source_is_one_line_error(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--src", str(tmp_path / "nope.json"), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.startswith("piaf: error: source not found")


@pytest.mark.skipif(not DEFAULT_SRC.exists(), reason="PIAF v1.0 not at the default path")
def test_real_piaf_is_deterministic_and_consistent(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["--out", str(a)]) == 0
    assert main(["--out", str(b)]) == 0
    for name in ("corpus.jsonl", "gold.jsonl"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    corpus = {d["id"]: d["text"] for d in _lines(a / "corpus.jsonl")}
    gold = load_gold(a / "gold.jsonl")
    assert 0 < len(gold) <= 400
    assert len({g.question for g in gold}) == len(gold)
    for g in gold:
        assert g.lang == "fr" and g.answerable and len(g.doc_ids) == 1
        assert g.answers[0] in corpus[g.doc_ids[0]], g.id


def test_default_paths_are_the_projects() -> None:
    """`python -m rag.evaluation.datasets.piaf` with no flags reads ../shared and writes evals/piaf
    of this checkout (a package move once pointed both inside rag/)."""
    from rag.evaluation.datasets.piaf import DEFAULT_OUT

    root = Path(__file__).resolve().parents[3]
    assert (root / "pyproject.toml").is_file()
    assert root / "evals" / "piaf" == DEFAULT_OUT
    assert root.parent / "shared" / "datasets" / "piaf-v1.0" / "piaf-v1.0.json" == DEFAULT_SRC
