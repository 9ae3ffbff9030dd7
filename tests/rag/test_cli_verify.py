"""`rag verify` as a user runs it: answer and passage files, table or JSON, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.rag.test_cli import rag


def test_verify_files(tmp_path: Path) -> None:
    (tmp_path / "answer.txt").write_text("Russia sent 3,000 people [1]. Russia sent 2,600 "
                                         "people [1]. Tokayev declared an emergency until "
                                         "January 19 [2].\n", encoding="utf-8")
    (tmp_path / "troops.txt").write_text("La Russie a envoyé quelque 3 000 personnes, selon "
                                         "l’agence RIA.", encoding="utf-8")
    (tmp_path / "more.json").write_text(json.dumps([{
        "text": "Le président Tokaïev a déclaré l’état d’urgence jusqu’au 19 janvier.",
        "title": "Urgence"}]), encoding="utf-8")
    args = ["verify", "--answer", str(tmp_path / "answer.txt"), "--passages",
            str(tmp_path / "troops.txt"), str(tmp_path / "more.json")]
    out = rag(*args, "--json")
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert [c["supported"] for c in body["claims"]] == [True, False, True]
    assert body["claims"][1]["evidence"]["missing"] == ["2,600"]
    assert body["claims"][2]["evidence"]["passage"] == 2
    table = rag(*args)
    assert table.returncode == 0, table.stderr
    assert "2 of 3 claims supported" in table.stdout and "missing: 2,600" in table.stdout


def test_verify_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "answer.txt").write_text("Russia sent 3,000 people [1].", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "shape.json").write_text('[{"title": "no text"}]', encoding="utf-8")
    for passages, message in [("bad.json", "not JSON"), ("shape.json", "passages[0]"),
                              ("missing.txt", "cannot read")]:
        out = rag("verify", "--answer", str(tmp_path / "answer.txt"), "--passages",
                  str(tmp_path / passages))
        assert out.returncode == 1 and "Traceback" not in out.stderr
        assert out.stderr.startswith("rag: error: ") and message in out.stderr, out.stderr


def test_verify_deep_json_and_a_threshold_that_is_no_cosine(tmp_path: Path) -> None:
    """Review 16 F3/F4: "[" x 100,000 printed a RecursionError traceback; "--threshold nan"
    was taken and refused every claim."""
    (tmp_path / "answer.txt").write_text("Russia sent 3,000 people [1].", encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (tmp_path / "troops.txt").write_text("La Russie a envoyé 3 000 personnes.",
                                         encoding="utf-8")
    out = rag("verify", "--answer", str(tmp_path / "answer.txt"), "--passages",
              str(tmp_path / "deep.json"))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "nested too deeply" in out.stderr, out.stderr
    # ... nor an integer past Python's digit limit (twenty-fifth review, F4)
    (tmp_path / "long.json").write_text(
        '[{"text": "Russia sent 3000 troops.", "x": ' + "9" * 5_000 + "}]", encoding="utf-8")
    out = rag("verify", "--answer", str(tmp_path / "answer.txt"), "--passages",
              str(tmp_path / "long.json"))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "long.json: not JSON" in out.stderr, out.stderr
    for bad in ("nan", "inf", "1.5", "x"):
        out = rag("verify", "--answer", str(tmp_path / "answer.txt"), "--passages",
                  str(tmp_path / "troops.txt"), "--threshold", bad)
        assert out.returncode == 2 and "Traceback" not in out.stderr, bad
        assert "--threshold" in out.stderr, out.stderr
