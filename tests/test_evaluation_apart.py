"""Evaluation is a subpackage apart from the answering path (issue 16.5): only the `rag eval`
command reaches into it."""

from __future__ import annotations

import ast

from tests.conftest import ROOT


def _imports(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_cli_imports_evaluation() -> None:
    users = set()
    for path in sorted((ROOT / "rag").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("rag/evaluation/"):
            continue
        if any(m == "rag.evaluation" or m.startswith("rag.evaluation.")
               for m in _imports(rel)):
            users.add(rel)
    assert users == {"rag/cli.py"}


def test_old_modules_are_gone() -> None:
    for old in ("rag/evals.py", "rag/compare.py", "rag/reports.py", "rag/datasets/piaf.py"):
        assert not (ROOT / old).exists(), old
    for new in ("evals.py", "compare.py", "reports.py", "datasets/piaf.py"):
        assert (ROOT / "rag" / "evaluation" / new).is_file(), new
