"""The service on a real two-node Ray cluster (head and worker started with `ray start`), run
inside network and PID namespaces of its own (`unshare`, as root) so that nothing leaves
loopback and nothing outlives the test. One scenario run (tests/cluster/ray_scenario.py, a few
minutes) feeds every test here; each judges one part of what it saw."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rag.retrieval import Searcher
from tests.cluster.conftest import QUESTIONS

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None,
                       reason="needs root and unshare for a loopback-only namespace"),
]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import ray.serve  # noqa: F401  (the `cluster` extra, which CI installs: missing is a failure)
    out = tmp_path_factory.mktemp("ray") / "scenario.json"
    proc = subprocess.run(
        ["unshare", "--net", "--pid", "--fork", "--mount-proc", sys.executable, "-m",
         "tests.cluster.ray_scenario", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    assert out.exists(), proc.stderr[-4000:]
    result: dict[str, Any] = json.loads(out.read_text())
    assert proc.returncode == 0 and "error" not in result, \
        f"{result.get('error')}\n{result.get('serve_status', '')}\n{proc.stderr[-4000:]}"
    return result


def test_every_node_is_on_loopback_and_all_processes_stopped(scenario: dict[str, Any]) -> None:
    assert scenario["nodes"] == ["127.0.0.1", "127.0.0.1"]
    assert scenario["left_running"] == []


def test_sharded_search_equals_one_box(scenario: dict[str, Any],
                                       corpus_searcher: Searcher) -> None:
    assert scenario["ingest"]["documents"] == 5
    assert scenario["ingest"]["chunks"] == corpus_searcher.snapshot.n_chunks
    for retriever, answers in scenario["search"].items():
        for q in QUESTIONS:
            one_box = corpus_searcher.search(q, 10, retriever)
            assert [a[0] for a in answers[q]] == [h.chunk.id for h in one_box], (retriever, q)
            # the Ray Data actors embed other batches than one box does: the vectors, hence
            # the dense and fused scores, may differ in their last bits (the in-process test,
            # same batches, checks the scores exactly)
            assert [a[1] for a in answers[q]] == pytest.approx(
                [h.score for h in one_box], abs=1e-4), (retriever, q)


def test_killed_replica_leaves_queries_answered(scenario: dict[str, Any]) -> None:
    failover = scenario["failover"]
    assert len(failover["replicas"]) == 2
    assert failover["statuses"] == [200] * len(failover["statuses"])
    assert failover["same"]


def test_commit_visible_on_every_replica_without_restart(scenario: dict[str, Any]) -> None:
    reload = scenario["reload"]
    assert reload["post"] == 200 and reload["status"] == 200
    assert reload["top"] == "volcan#0"
    assert int(reload["header"]) == reload["before"] + 1
    assert reload["replica_generations"] == [reload["before"] + 1] * 2


def test_a_documents_page_is_the_merged_lists_slice(scenario: dict[str, Any]) -> None:
    pages = scenario["pages"]
    assert pages["statuses"] == [200, 200]
    assert len(pages["whole"]) == 6 and "volcan" in pages["whole"]  # the 5 articles, volcan
    assert pages["whole"] == sorted(pages["whole"])
    assert pages["page"] == pages["whole"][1:3] and pages["total"] == "6"


def test_whole_shard_down_is_a_503_naming_it(scenario: dict[str, Any]) -> None:
    down = scenario["shard_down"]
    assert down["status"] == 503
    assert "shard-001" in down["body"]["error"]
