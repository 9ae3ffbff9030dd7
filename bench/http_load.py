"""HTTP load: a real `rag serve` (uvicorn) subprocess on 127.0.0.1 under 1, 4 and 16
concurrent async clients (httpx), for GET /search and POST /ask with the extractive backend.

    python bench/http_load.py [--quick] [--no-100k] [--out DIR]

Per scenario: requests/s, p50/p95/p99 latency, errors (any non-200 or transport error), with
distinct questions (the query-embedding cache misses: every question is new to the server)
and with a few repeated questions (cache hits). The query embedding alone is timed in this
process, on the same thread count, just before the 1-client /search run. The server's peak
memory is its VmHWM. RAG_RATE_LIMIT_PER_MINUTE=0 so the limiter stays out of the way. Full mode
also serves a synthetic 100k-chunk index (built by bench/query.py's helper) for its memory.
Every loop is bounded in requests and seconds; traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import _util as u
import httpx

FR_TROOPS = "Combien de soldats la Russie a-t-elle envoyés ?"


@contextlib.contextmanager
def server(index: Path, timeout: float = 180.0) -> Iterator[tuple[str, subprocess.Popen[bytes],
                                                                  float]]:
    """`rag serve` on a free loopback port; yields (base URL, process, seconds to healthy)."""
    port = u.free_port()
    env = u.rag_env(RAG_INDEX_DIR=str(index), RAG_RATE_LIMIT_PER_MINUTE="0",
                    RAG_LLM="extractive", RAG_CORPUS_DIR=str(index / "no-corpus"))
    with tempfile.TemporaryFile() as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--host",
                                 "127.0.0.1", "--port", str(port)], env=env, stdout=log,
                                stderr=log, cwd=u.ROOT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"server exited ({proc.returncode}): "
                                     f"{log.read()[-2000:]!r}")
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("server did not become healthy in time")
                time.sleep(0.05)
            yield url, proc, time.perf_counter() - t0
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def _load(url: str, endpoint: str, questions: list[str], clients: int, max_s: float
                ) -> dict[str, Any]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for q in questions:
        queue.put_nowait(q)
    lat: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    deadline = time.monotonic() + max_s

    async with httpx.AsyncClient(base_url=url, timeout=120.0, limits=limits) as client:

        async def worker() -> None:
            while time.monotonic() < deadline:
                try:
                    q = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t = time.perf_counter()
                try:
                    if endpoint == "/search":
                        r = await client.get("/search", params={"q": q, "k": 5})
                    else:
                        r = await client.post("/ask", json={"question": q})
                    if r.status_code != 200:
                        errors.append(f"{r.status_code}: {r.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(repr(exc))
                lat.append((time.perf_counter() - t) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - t0
    return {"endpoint": endpoint, "clients": clients, "requests": len(lat),
            "rps": round(len(lat) / wall, 2), "latency_ms": u.summary_ms(lat),
            "errors": len(errors), "error_samples": errors[:3]}


def load(url: str, endpoint: str, questions: list[str], clients: int, max_s: float
         ) -> dict[str, Any]:
    return asyncio.run(_load(url, endpoint, questions, clients, max_s))


def run_scenarios(url: str, pool: list[str], embedder: Any, quick: bool) -> dict[str, Any]:
    levels = (1, 4, 16)
    per = {1: 12, 4: 24, 16: 32} if quick else {1: 60, 4: 120, 16: 160}
    max_s = 30.0 if quick else 120.0
    repeated = pool[:10]
    fresh = iter(pool[10:])
    # Query embedding alone, in this process, same threads, server idle.
    alone = u.time_each(embedder.embed_query, [next(fresh) for _ in range(per[1] // 2 + 3)])
    runs: list[dict[str, Any]] = []
    for endpoint in ("/search", "/ask"):
        load(url, endpoint, repeated, 2, max_s)  # warms the server and the cache
        for c in levels:
            qs = [next(fresh) for _ in range(per[c])]
            r = load(url, endpoint, qs, c, max_s)
            r["cache"] = "miss"
            runs.append(r)
            u.say(f"{endpoint} x{c} distinct: {r['rps']} req/s, p50 "
                  f"{r['latency_ms']['p50']:.1f} ms, errors {r['errors']}")
            r = load(url, endpoint, repeated * (per[c] // len(repeated) + 1), c, max_s)
            r["cache"] = "hit"
            runs.append(r)
            u.say(f"{endpoint} x{c} repeated: {r['rps']} req/s, p50 "
                  f"{r['latency_ms']['p50']:.1f} ms, errors {r['errors']}")
    return {"embed_alone_ms": u.summary_ms(alone), "runs": runs}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--no-100k", action="store_true", help="skip the 100k-chunk server")
    p.add_argument("--out", default=None)
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    u.say(f"HTTP benchmark ({mode}), loadavg {info['loadavg']}")
    embedder = u.make_embedder()
    name = "articles-quick" if args.quick else "articles"
    src = u.cached_index(name, embedder)
    pool = u.questions(400 if args.quick else 1400, with_piaf=True)
    pool = [FR_TROOPS] + [q for q in pool if q != FR_TROOPS]
    results: dict[str, Any] = {"meta": info, "corpus": name}
    with tempfile.TemporaryDirectory(prefix="rag-bench-http-") as tmp:
        index = u.copy_index(src, Path(tmp))
        with server(index) as (url, proc, ready_s):
            u.say(f"server ready in {ready_s:.1f} s at {url}")
            res = run_scenarios(url, pool, embedder, args.quick)
            res["server_vm_hwm_mb"] = round(u.vm_hwm_mb(proc.pid), 1)
            res["server_vm_rss_mb"] = round(u.vm_hwm_mb(proc.pid, "VmRSS"), 1)
            res["ready_s"] = round(ready_s, 2)
            results["articles"] = res
        shutil.rmtree(index, ignore_errors=True)
    if not args.quick and not args.no_100k:
        idx = u.synthetic_index(100_000, False, embedder)
        with server(idx) as (url, proc, ready_s):
            u.say(f"100k server ready in {ready_s:.1f} s")
            big: dict[str, Any] = {"ready_s": round(ready_s, 2), "runs": []}
            fresh = pool[-200:]
            for endpoint in ("/search", "/ask"):
                r = load(url, endpoint, fresh[:40] if endpoint == "/search" else fresh[40:80],
                         4, 120.0)
                r["cache"] = "miss"
                big["runs"].append(r)
            big["server_vm_hwm_mb"] = round(u.vm_hwm_mb(proc.pid), 1)
            big["server_vm_rss_mb"] = round(u.vm_hwm_mb(proc.pid, "VmRSS"), 1)
            results["synthetic_100k"] = big
            u.say(f"100k server VmHWM {big['server_vm_hwm_mb']} MB")

    art = results["articles"]
    emb = art["embed_alone_ms"]["p50"]
    u.table(["endpoint", "cache", "clients", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms",
             "errors"],
            [[r["endpoint"], r["cache"], r["clients"], r["requests"], r["rps"],
              r["latency_ms"]["p50"], r["latency_ms"]["p95"], r["latency_ms"]["p99"],
              r["errors"]] for r in art["runs"]],
            title=f"HTTP load, {name} index (loadavg {u.loadavg()})")
    s1 = next(r for r in art["runs"] if r["endpoint"] == "/search" and r["clients"] == 1
              and r["cache"] == "miss")
    a1 = next(r for r in art["runs"] if r["endpoint"] == "/ask" and r["clients"] == 1
              and r["cache"] == "miss")
    a4 = next(r for r in art["runs"] if r["endpoint"] == "/ask" and r["clients"] == 4
              and r["cache"] == "miss")
    a4h = next(r for r in art["runs"] if r["endpoint"] == "/ask" and r["clients"] == 4
               and r["cache"] == "hit")
    errors = sum(r["errors"] for r in art["runs"])
    targets = {
        "search_p50_over_embed": {"value": round(s1["latency_ms"]["p50"] / emb, 3),
                                  "embed_alone_p50_ms": emb, "target": 1.2},
        "ask_p50_ms": {"value": a1["latency_ms"]["p50"], "target": 100},
        "ask_rps_4_clients": {"value": a4["rps"], "value_cached": a4h["rps"], "target": 20},
        "errors": {"value": errors, "target": 0},
        "server_vm_hwm_mb": {"value": art["server_vm_hwm_mb"]},
    }
    if "synthetic_100k" in results:
        targets["server_vm_hwm_mb_100k"] = {
            "value": results["synthetic_100k"]["server_vm_hwm_mb"], "target": 600}
    results["targets"] = targets
    print(f"  query embedding alone p50 {emb:.1f} ms; /search (1 client, new questions) p50 / "
          f"embedding p50 = {targets['search_p50_over_embed']['value']} (target <= 1.2)")
    print(f"  server VmHWM {art['server_vm_hwm_mb']} MB; errors {errors}")
    if "synthetic_100k" in results:
        big = results["synthetic_100k"]
        for r in big["runs"]:
            print(f"  100k synthetic: {r['endpoint']} x4 new questions {r['rps']} req/s, p50 "
                  f"{r['latency_ms']['p50']} ms, errors {r['errors']}")
        print(f"  100k synthetic server: ready in {big['ready_s']} s, VmHWM "
              f"{big['server_vm_hwm_mb']} MB (target <= 600), VmRSS after the load "
              f"{big['server_vm_rss_mb']} MB")
    suffix = "-quick" if args.quick else ""
    u.write_json(out, f"http{suffix}", results)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
