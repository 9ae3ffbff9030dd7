"""A real two-node Ray cluster on loopback, driven end to end; run by tests/cluster/test_ray.py
inside its own network and PID namespaces (`python -m tests.cluster.ray_scenario OUT.json`).

Head and worker start with `ray start` on 127.0.0.1; the articles are ingested into 2 shards
with Ray Data (2 embedding actors); the service runs on Ray Serve (2 replicas per shard); then
searches, a killed replica, an ingest through the router, a shard taken down. What it saw goes
to OUT.json for the test to judge. Every process it starts is stopped by PID.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
RAY = str(Path(sys.executable).with_name("ray"))
GCS_PORT, HTTP_PORT = 6390, 8790


def log(msg: str) -> None:
    print(f"[scenario {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pids() -> set[int]:
    """Every process in this PID namespace but this one (all of them are ours)."""
    me = os.getpid()
    return {int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != me}


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stop(started: set[int]) -> None:
    # SIGTERM, then SIGKILL what is left after a grace period: Ray's GCS server and runtime
    # env agent outlast any grace (they were still up after 10 s every time), so a longer
    # one only waits. `ray stop --force` is the fallback when something outlived SIGKILL.
    for sig, grace in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 10.0)):
        for pid in sorted(started | pids()):
            with contextlib.suppress(OSError):
                os.kill(pid, sig)
        deadline = time.monotonic() + grace
        while any(alive(p) for p in started | pids()) and time.monotonic() < deadline:
            time.sleep(0.1)
    if any(alive(p) for p in started | pids()):
        subprocess.run([RAY, "stop", "--force"], capture_output=True, timeout=60, check=False)


def search(client: httpx.Client, q: str, retriever: str) -> tuple[int, Any, str]:
    r = client.get("/search", params={"q": q, "k": 10, "retriever": retriever})
    body = r.json()
    ids = [[h["chunk_id"], round(h["score"], 5)] for h in body.get("hits", [])] \
        if r.status_code == 200 else body
    return r.status_code, ids, r.headers.get("x-rag-generation", "")


def replica_pids(handle: Any, want: int = 2, tries: int = 60) -> dict[int, dict[str, Any]]:
    seen: dict[int, dict[str, Any]] = {}
    for _ in range(tries):
        info = handle.call.remote("info").result(timeout_s=30)
        seen[info["pid"]] = info
        if len(seen) >= want:
            break
    return seen


def main(out: Path) -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    work = Path(tempfile.mkdtemp(prefix="rc", dir="/tmp"))  # short: Ray's socket paths
    # A home of its own: Ray keeps an auth token in ~/.ray, and one left by a run that was
    # killed turns token authentication on for the next cluster, whose worker then cannot join.
    (work / "home").mkdir()
    os.environ["HOME"] = str(work / "home")
    started: set[int] = set()
    result: dict[str, Any] = {}
    try:
        common = ["--node-ip-address=127.0.0.1", "--object-store-memory=120000000",
                  "--disable-usage-stats"]
        subprocess.run([RAY, "start", "--head", f"--port={GCS_PORT}", "--num-cpus=3",
                        "--include-dashboard=false", f"--temp-dir={work}/ray", *common],
                       check=True, capture_output=True, timeout=180)
        started |= pids()
        subprocess.run([RAY, "start", f"--address=127.0.0.1:{GCS_PORT}", "--num-cpus=3",
                        *common], check=True, capture_output=True, timeout=180)
        started |= pids()
        log("head and worker started")
        scenario(work, result)
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(Exception):
            from ray import serve

            result["serve_status"] = str(serve.status())[-6000:]
        raise
    finally:
        out.write_text(json.dumps(result, indent=1))
        with contextlib.suppress(Exception):
            import ray

            # no serve.shutdown(): its graceful drain took 13 s, and `stop` ends every
            # process of this namespace anyway (what `left_running` checks)
            ray.shutdown()
        stop(started)
        result["left_running"] = sorted(p for p in pids() if alive(p))
        out.write_text(json.dumps(result, indent=1))
        if not os.environ.get("RAG_SCENARIO_KEEP"):
            shutil.rmtree(work, ignore_errors=True)


def scenario(work: Path, result: dict[str, Any]) -> None:
    import ray
    from ray import serve

    from rag.cluster import ingest as cluster_ingest
    from rag.cluster.sharding import shard_of
    from rag.config import Settings
    from rag.embedders import make_embedder
    from rag.loaders import load_paths
    from service import cluster
    from tests.cluster.conftest import QUESTIONS

    ray.init(address=f"127.0.0.1:{GCS_PORT}", _node_ip_address="127.0.0.1",
             log_to_driver=False, runtime_env={"env_vars": {"OMP_WAIT_POLICY": "PASSIVE"}})
    nodes = [n for n in ray.nodes() if n["Alive"]]
    result["nodes"] = sorted(n["NodeManagerAddress"] for n in nodes)

    root = work / "cluster"
    settings = Settings(index_dir=root, llm="extractive", embed_threads=1)
    docs = load_paths([ROOT / "data" / "articles"]).documents
    t0 = time.perf_counter()
    # one document a batch: the five articles keep both actors busy (eight a batch, the
    # default, is one batch for one actor while the other idles)
    embed = cluster_ingest.ray_embed(settings, 2, docs_per_batch=1)
    prepared = cluster_ingest.prepare(root, settings, make_embedder(settings), docs,
                                      n_shards=2, embed=embed)
    report = cluster_ingest.commit(root, settings, make_embedder(settings), prepared)
    result["ingest"] = {"documents": report.total_documents, "chunks": report.total_chunks,
                        "seconds": round(time.perf_counter() - t0, 1)}
    log(f"ingested {result['ingest']}")

    cluster.run(root, settings, port=HTTP_PORT, replicas=2, shard_cpus=0.25,
                shard_memory_mb=300, deadline_s=8.0)
    client = httpx.Client(base_url=f"http://127.0.0.1:{HTTP_PORT}", timeout=60)
    cluster.wait_until_healthy(f"http://127.0.0.1:{HTTP_PORT}")
    log("serve app up")

    result["search"] = {r: {q: search(client, q, r)[1] for q in QUESTIONS}
                        for r in ("hybrid", "dense", "bm25")}

    # one replica of shard-000 killed: answered by the other, no error
    shard0 = serve.get_deployment_handle("shard-000", app_name=cluster.APP_NAME)
    before = replica_pids(shard0)
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    after_kill = [search(client, QUESTIONS[0], "hybrid") for _ in range(12)]
    result["failover"] = {"replicas": sorted(before), "killed": victim,
                          "statuses": [s for s, _, _ in after_kill],
                          "same": all(ids == result["search"]["hybrid"][QUESTIONS[0]]
                                      for _, ids, _ in after_kill)}
    log(f"failover {result['failover']['statuses']}")

    # an ingest through the router: visible at once, every replica reloads on its own
    gen0 = client.get("/health").json()["generation"]
    r = client.post("/documents", json={"documents": [{
        "id": "volcan", "title": "Volcan", "text": "Un volcan islandais est entré en éruption "
        "près de Grindavik, la lave a coupé la route."}]})
    status, hits, gen_header = search(client, "volcan islandais Grindavik", "hybrid")
    shard_v = shard_of("volcan", 2)
    handle = serve.get_deployment_handle(f"shard-{shard_v:03d}", app_name=cluster.APP_NAME)
    time.sleep(2.5)  # the replicas' manifest poll is 1 s
    gens = {p: i["generation"] for p, i in replica_pids(handle).items()}
    result["reload"] = {"post": r.status_code, "before": gen0, "header": gen_header,
                        "status": status, "top": hits[0][0] if status == 200 and hits else None,
                        "replica_generations": sorted(gens.values())}
    log(f"reload {result['reload']}")

    # GET /documents a page at a time: each shard's replica sends its first offset + limit
    # documents over Serve, the router merges them (security review 50, F3)
    whole = client.get("/documents")
    page = client.get("/documents", params={"limit": 2, "offset": 1})
    result["pages"] = {"statuses": [whole.status_code, page.status_code],
                       "whole": [d["doc_id"] for d in whole.json()],
                       "page": [d["doc_id"] for d in page.json()],
                       "total": page.headers.get("x-total-count")}
    log(f"pages {result['pages']}")

    # every replica of shard-001 gone (and unable to come back): a 503 naming it
    (root / "shard-001").rename(root / "shard-001.off")
    handle1 = serve.get_deployment_handle("shard-001", app_name=cluster.APP_NAME)
    for pid in replica_pids(handle1):
        os.kill(pid, signal.SIGKILL)
    t0 = time.perf_counter()
    status, body, _ = search(client, QUESTIONS[1], "hybrid")
    result["shard_down"] = {"status": status, "body": body,
                            "seconds": round(time.perf_counter() - t0, 1)}
    log(f"shard down {result['shard_down']}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
