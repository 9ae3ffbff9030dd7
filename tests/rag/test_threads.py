"""OpenMP's wait policy is set at the process edge, never by a constructor (rag.threads)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _run(code: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("RAG_", "OMP_WAIT_POLICY"))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, env={**clean, **env, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_embedder_leaves_the_environment_alone() -> None:
    code = ("import os; from rag.embedders.e5 import E5Embedder; E5Embedder(threads=1); "
            "print(os.environ.get('OMP_WAIT_POLICY'))")
    assert _run(code) == "None"


def test_cli_sets_a_passive_policy_unless_the_user_chose_one(tmp_path: Path) -> None:
    code = ("import os, sys; from rag.cli import main; main(['list', '--index', sys.argv[1]]);"
            " print(os.environ.get('OMP_WAIT_POLICY'))")
    code = code.replace("sys.argv[1]", repr(str(tmp_path)))
    assert _run(code).splitlines()[-1] == "PASSIVE"
    assert _run(code, OMP_WAIT_POLICY="ACTIVE").splitlines()[-1] == "ACTIVE"
