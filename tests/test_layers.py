"""The library does not know the service: no module under rag/ imports service/ (issue 16.3).
`rag serve` reaches the service through the `rag.commands` entry point instead."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_rag_imports_nothing_from_service() -> None:
    files = sorted((ROOT / "rag").rglob("*.py"))
    assert len(files) > 30  # the walk found the package
    offending = [f"{f.relative_to(ROOT)}: {name}" for f in files for name in _imports(f)
                 if name == "service" or name.startswith("service.")]
    assert offending == [], offending


def test_serve_is_still_a_rag_command() -> None:
    """Listed by `rag --help` and runnable as `python -m rag.cli serve` (the service's entry
    point): a missing index at a non-default path is the usual one-line error."""
    help_text = subprocess.run([sys.executable, "-m", "rag.cli", "--help"], capture_output=True,
                               text=True, timeout=60, cwd=ROOT).stdout
    assert "serve" in help_text and "run the HTTP service" in help_text
    cluster = subprocess.run([sys.executable, "-m", "rag.cli", "cluster", "--help"],
                             capture_output=True, text=True, timeout=60, cwd=ROOT).stdout
    assert "serve the HTTP API" in cluster
    out = subprocess.run([sys.executable, "-m", "rag.cli", "serve", "--index",
                          str(ROOT / "no-such-index"), "--port", "1"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 1 and "no index at" in out.stderr, out.stderr
