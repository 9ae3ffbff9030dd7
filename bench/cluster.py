"""Scale-out measurements (docs/scale-out.md): what sharding and Ray cost and give on this box.

    python bench/cluster.py [--quick] [--out DIR]

In process (no Ray): query latency p50/p95 of the single-box Searcher against the same corpus
in 2 shards (the merge-then-fuse path, shards in-process), and the memory per vector and
recall@10 of the FAISS encodings a 100M-chunk plan chooses between (IVF float16, IVF SQ8,
IVF-PQ with exact re-ranking) on synthetic vectors. Then, re-executed as root inside network
and PID namespaces of its own (loopback only, like tests/cluster/test_ray.py), on a two-node
Ray cluster started with `ray start` on 127.0.0.1: Ray Data embedding throughput with 1 and 2
actors, `/search` latency through Ray Serve (2 shards x 2 replicas) against the single-box app
under uvicorn (the overhead Ray adds per query), and resident memory per node.
Numbers depend on this machine's load: the load average is recorded with them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _util as u
import numpy as np

GCS_PORT, HTTP_PORT = 6391, 8791


# ---- in process -----------------------------------------------------------------------------


def local_latency(work: Path, queries: list[str], reps: int) -> dict[str, Any]:
    from rag.cluster import ingest as ci
    from rag.cluster.engine import ClusterEngine
    from rag.cluster.search import LocalShards
    from rag.config import Settings
    from rag.loaders import load_paths

    embedder = u.make_embedder()
    one = u.open_searcher(u.cached_index("articles", embedder), embedder)
    root = work / "sharded"
    settings = Settings(index_dir=root, llm="extractive")
    docs = load_paths([u.ARTICLES]).documents
    ci.commit(root, settings, embedder, ci.prepare(root, settings, embedder, docs, n_shards=2))
    sharded = ClusterEngine(root, settings, embedder, LocalShards(root, settings, 2)).searcher()
    qs = queries * reps
    out = {}
    for name, s in (("single_box", one), ("sharded_2_in_process", sharded)):
        # every question embedded once first (the query cache): retrieval, merge and fusion
        out[name] = u.summary_ms(u.time_each(lambda q, s=s: s.search(q, 5), qs,
                                             warmup=len(queries)))
    return out


def faiss_memory(n: int, dim: int, queries: int) -> list[dict[str, Any]]:
    """Bytes per vector of each encoding (serialised index / n) and recall@10 against exact."""
    import faiss

    rng = np.random.default_rng(7)
    centers = rng.standard_normal((256, dim)).astype(np.float32)
    x = centers[rng.integers(0, 256, n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    q = x[rng.choice(n, queries, replace=False)] + 0.3 * rng.standard_normal(
        (queries, dim)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    exact = faiss.IndexFlatIP(dim)
    exact.add(x)
    _, truth = exact.search(q, 10)
    nlist = max(16, int(4 * np.sqrt(n)))
    ip = faiss.METRIC_INNER_PRODUCT
    specs = {
        "ivf_fp16": lambda: faiss.IndexIVFScalarQuantizer(
            faiss.IndexFlatIP(dim), dim, nlist, faiss.ScalarQuantizer.QT_fp16, ip),
        "ivf_sq8": lambda: faiss.IndexIVFScalarQuantizer(
            faiss.IndexFlatIP(dim), dim, nlist, faiss.ScalarQuantizer.QT_8bit, ip),
        "ivf_pq48": lambda: faiss.IndexIVFPQ(faiss.IndexFlatIP(dim), dim, nlist, 48, 8, ip),
    }
    rows = []
    for name, make in specs.items():
        index = make()
        t = time.perf_counter()
        index.train(x[rng.choice(n, min(n, 40 * nlist), replace=False)])
        index.add(x)
        build_s = time.perf_counter() - t
        index.nprobe = 96
        depth = 100 if name == "ivf_pq48" else 10  # PQ: re-rank 100 codes with exact vectors
        times = []
        hits = 0
        for i in range(queries):
            t = time.perf_counter()
            _, ids = index.search(q[i : i + 1], depth)
            cand = ids[0][ids[0] >= 0]
            if name == "ivf_pq48":
                cand = cand[np.argsort(-(x[cand] @ q[i]))][:10]
            times.append((time.perf_counter() - t) * 1000)
            hits += len(set(cand[:10].tolist()) & set(truth[i].tolist()))
        size = len(faiss.serialize_index(index))
        rows.append({"index": name, "n": n, "dim": dim, "bytes_per_vector": round(size / n, 1),
                     "recall_at_10": round(hits / (10 * queries), 4),
                     "search_ms": u.summary_ms(times), "build_s": round(build_s, 1)})
    return rows


# ---- on Ray, inside the namespace -----------------------------------------------------------


def _rss_by_node() -> dict[str, float]:
    """Resident MB of every process here, grouped by the raylet it descends from."""
    procs: dict[int, tuple[int, str, float]] = {}
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            stat = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            rss = u.vm_hwm_mb(int(p), "VmRSS")
        except (OSError, ValueError):
            continue
        procs[int(p)] = (int(stat[1]), cmd, rss)
    raylets = sorted(pid for pid, (_, cmd, _) in procs.items() if "/raylet " in cmd
                     or cmd.split(" ")[0].endswith("/raylet"))
    names = {r: ("head" if i == 0 else f"worker{i}") for i, r in enumerate(raylets)}
    out: dict[str, float] = {}
    for pid, (_ppid, _cmd, rss) in procs.items():
        node, cur = "head (gcs, driver, other)", pid
        for _ in range(20):
            if cur in names:
                node = names[cur]
                break
            cur = procs.get(cur, (0, "", 0.0))[0]
            if cur <= 1:
                break
        out[node] = round(out.get(node, 0.0) + rss, 1)
    return out


def ray_part(out: Path, quick: bool) -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    ray_bin = str(Path(sys.executable).with_name("ray"))
    work = Path(tempfile.mkdtemp(prefix="rb", dir="/tmp"))
    result: dict[str, Any] = {}
    try:
        common = ["--node-ip-address=127.0.0.1", "--object-store-memory=150000000",
                  "--disable-usage-stats", "--num-cpus=3"]
        subprocess.run([ray_bin, "start", "--head", f"--port={GCS_PORT}",
                        "--include-dashboard=false", f"--temp-dir={work}/ray", *common],
                       check=True, capture_output=True, timeout=180)
        subprocess.run([ray_bin, "start", f"--address=127.0.0.1:{GCS_PORT}", *common],
                       check=True, capture_output=True, timeout=180)
        _ray_measure(work, result, quick)
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        out.write_text(json.dumps(result, indent=1))
        for sig in (signal.SIGTERM, signal.SIGKILL):  # every process here is ours (PID ns)
            for p in os.listdir("/proc"):
                if p.isdigit() and int(p) != os.getpid():
                    with contextlib.suppress(OSError):
                        os.kill(int(p), sig)
            time.sleep(2)


def _ray_measure(work: Path, result: dict[str, Any], quick: bool) -> None:
    import httpx
    import ray

    from rag.cluster import ingest as ci
    from rag.config import Settings
    from rag.documents import Document
    from rag.loaders import load_paths
    from service import cluster
    from service.app import create_app

    ray.init(address=f"127.0.0.1:{GCS_PORT}", _node_ip_address="127.0.0.1", log_to_driver=False,
             runtime_env={"env_vars": {"OMP_WAIT_POLICY": "PASSIVE"}})
    base = load_paths([u.ARTICLES]).documents
    copies = 1 if quick else 3
    docs = [Document(f"{d.id}-{c}", d.text, d.title, d.source, d.metadata)
            for c in range(copies) for d in base]
    settings = Settings(llm="extractive", embed_threads=1)
    embedder = u.make_embedder(1)
    result["embedding"] = []
    root = work / "c2"
    for actors in (1, 2):
        root = work / f"c{actors}"
        s = settings.model_copy(update={"index_dir": root})
        t = time.perf_counter()
        prep = ci.prepare(root, s, embedder, docs, n_shards=2, embed=ci.ray_embed(s, actors))
        seconds = time.perf_counter() - t
        chunks = sum(len(p.embedded[i].chunks) for p in prep.parts.values()
                     for i in range(len(p.embedded)))
        ci.commit(root, s, embedder, prep)
        result["embedding"].append({"actors": actors, "documents": len(docs), "chunks": chunks,
                                    "seconds": round(seconds, 1),
                                    "chunks_per_s": round(chunks / seconds, 1)})
        u.say(f"ray data embedding {result['embedding'][-1]}")
    s = settings.model_copy(update={"index_dir": root})
    cluster.run(root, s, port=HTTP_PORT, replicas=2, shard_cpus=0.25, shard_memory_mb=300)
    client = httpx.Client(base_url=f"http://127.0.0.1:{HTTP_PORT}", timeout=60)
    cluster.wait_until_healthy(f"http://127.0.0.1:{HTTP_PORT}")
    queries = u.gold_questions()[: 20 if quick else 40]
    reps = 2 if quick else 4

    def http(c: httpx.Client) -> dict[str, float]:
        def one(q: str) -> None:
            assert c.get("/search", params={"q": q, "k": 5}).status_code == 200
        # every question once first: the router's query-embedding cache, as on one box
        return u.summary_ms(u.time_each(one, queries * reps, warmup=len(queries)))

    result["search_http_ms"] = {"ray_serve_2_shards_x_2_replicas": http(client)}
    from ray import serve

    shard0 = serve.get_deployment_handle("shard-000", app_name=cluster.APP_NAME)
    result["serve_handle_roundtrip_ms"] = u.summary_ms(u.time_each(
        lambda _: shard0.call.remote("info").result(), list(range(100)), warmup=5))
    result["memory_rss_mb_by_node"] = _rss_by_node()
    # the same corpus on one box, under uvicorn in this process
    import threading

    import uvicorn

    from rag.engine import Engine

    one_settings = settings.model_copy(update={"index_dir": work / "one"})
    engine = Engine(one_settings, embedder=embedder)
    engine.ingest_documents(docs)
    port = u.free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(one_settings, engine), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as c1:
        result["search_http_ms"]["single_box_uvicorn"] = http(c1)
    server.should_exit = True
    thread.join(timeout=10)
    ray_ms = result["search_http_ms"]["ray_serve_2_shards_x_2_replicas"]
    one_ms = result["search_http_ms"]["single_box_uvicorn"]
    result["ray_overhead_ms"] = {"p50": round(ray_ms["p50"] - one_ms["p50"], 2),
                                 "p95": round(ray_ms["p95"] - one_ms["p95"], 2)}
    u.say(f"http {result['search_http_ms']}")


# ---- driver ---------------------------------------------------------------------------------


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--out", default=None)
    p.add_argument("--ray-part", default=None, help=argparse.SUPPRESS)
    p.add_argument("--skip-ray", action="store_true")
    p.add_argument("--only-ray", action="store_true", help="keep the other parts of --out's "
                   "cluster.json, measure the Ray part again")
    args = p.parse_args()
    if args.ray_part:
        ray_part(Path(args.ray_part), args.quick)
        return
    payload: dict[str, Any] = {"meta": u.meta("quick" if args.quick else "full")}
    previous = u.out_dir(args.out) / "cluster.json"
    with tempfile.TemporaryDirectory() as tmp:
        if args.only_ray:
            payload = {**json.loads(previous.read_text()), "meta_ray": payload["meta"]}
            _ray_via_namespace(Path(tmp), args.quick, payload)
            u.write_json(u.out_dir(args.out), "cluster", payload)
            return
        queries = u.gold_questions()[:40]
        payload["in_process_search_ms"] = local_latency(Path(tmp), queries, 2 if args.quick
                                                        else 5)
        u.say(f"in process {payload['in_process_search_ms']}")
        n = 20_000 if args.quick else 100_000
        payload["faiss_encodings"] = faiss_memory(n, 384, 100 if args.quick else 200)
        u.table(["index", "n", "bytes/vector", "recall@10", "p50 ms"],
                [(r["index"], r["n"], r["bytes_per_vector"], r["recall_at_10"],
                  r["search_ms"]["p50"]) for r in payload["faiss_encodings"]])
        if not args.skip_ray:
            _ray_via_namespace(Path(tmp), args.quick, payload)
        elif previous.is_file():  # keep the last Ray measurement
            old = json.loads(previous.read_text())
            payload.update({k: old[k] for k in ("ray", "meta_ray") if k in old})
    u.write_json(u.out_dir(args.out), "cluster", payload)


def _ray_via_namespace(tmp: Path, quick: bool, payload: dict[str, Any]) -> None:
    """This script again, as root in network and PID namespaces of its own (loopback only;
    every process it starts dies with it)."""
    part = tmp / "ray.json"
    cmd = ["unshare", "--net", "--pid", "--fork", "--mount-proc", sys.executable,
           str(Path(__file__).resolve()), "--ray-part", str(part)]
    if quick:
        cmd.append("--quick")
    subprocess.run(cmd, timeout=1200, check=False, env=u.rag_env())
    payload["ray"] = json.loads(part.read_text()) if part.exists() else {
        "error": "the Ray part wrote nothing"}


if __name__ == "__main__":
    main()
