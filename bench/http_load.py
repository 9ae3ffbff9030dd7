"""HTTP load: a real `rag serve` (uvicorn) subprocess on 127.0.0.1 under 1, 4 and 16
concurrent async clients (httpx), for GET /search and POST /ask with the extractive backend.

    python bench/http_load.py [--quick] [--no-100k] [--out DIR]

Per scenario: requests/s, p50/p95/p99 latency, errors (any non-200 or transport error), with
distinct questions (the query-embedding cache misses: every question is new to the server)
and with a few repeated questions (cache hits). For the /search-vs-embedding ratio, one client
alternates per question: the query embedding alone in this process (same thread count), then
the request. The server's peak memory is its VmHWM. RAG_RATE_LIMIT_PER_MINUTE=0 so the
limiter stays out of the way, and RAG_ANSWER_CONCURRENCY=64 so one address holds 16
places. Full mode also serves a synthetic 100k-chunk index (built by
bench/query.py's helper) for its memory.
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
    # (the 16 clients stand for 16 users but come from one address: the work gate's share
    # for one client, a quarter of RAG_ANSWER_CONCURRENCY, is raised to hold them all)
    env = u.rag_env(RAG_INDEX_DIR=str(index), RAG_RATE_LIMIT_PER_MINUTE="0",
                    RAG_LLM="extractive", RAG_CORPUS_DIR=str(index / "no-corpus"),
                    RAG_ANSWER_CONCURRENCY="64")
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
    abstained = 0
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
                    elif endpoint == "/ask" and r.json().get("abstained"):
                        nonlocal abstained
                        abstained += 1
                except httpx.HTTPError as exc:
                    errors.append(repr(exc))
                lat.append((time.perf_counter() - t) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - t0
    return {"endpoint": endpoint, "clients": clients, "requests": len(lat),
            "rps": round(len(lat) / wall, 2), "latency_ms": u.summary_ms(lat),
            "errors": len(errors), "error_samples": errors[:3], "abstained": abstained}


def load(url: str, endpoint: str, questions: list[str], clients: int, max_s: float
         ) -> dict[str, Any]:
    return asyncio.run(_load(url, endpoint, questions, clients, max_s))


def interleaved_search(url: str, questions: list[str], embedder: Any) -> dict[str, Any]:
    """One client, side by side per question: the query embedding alone in this process (same
    threads, on a variant of the question so the server's cache is not involved), then GET
    /search on the server; the server's own `took_ms` (retrieval with the embedding) too."""
    alone: list[float] = []
    http: list[float] = []
    took: list[float] = []
    with httpx.Client(base_url=url, timeout=120.0) as client:
        client.get("/search", params={"q": questions[0] + " ?", "k": 5})  # connection warm-up
        for q in questions:
            t = time.perf_counter()
            embedder.embed_query(q + " ?")
            alone.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            r = client.get("/search", params={"q": q, "k": 5})
            http.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
            took.append(float(r.json()["took_ms"]))
    return {"embed_alone_ms": u.summary_ms(alone), "search_http_ms": u.summary_ms(http),
            "search_server_took_ms": u.summary_ms(took),
            "ratio_p50": round(u.pct(http, 50) / u.pct(alone, 50), 3)}


def run_scenarios(url: str, pool: list[str], n_gold: int, embedder: Any, quick: bool
                  ) -> dict[str, Any]:
    """`pool`: the gold questions about the articles first (`n_gold`), then PIAF's. /ask runs
    get unseen on-topic questions (PIAF's are off-topic for the articles and would mostly
    abstain early); /search runs get PIAF's (retrieval cost does not depend on the topic)."""
    levels = (1, 4, 16)
    per = {1: 12, 4: 24, 16: 32} if quick else {1: 60, 4: 120, 16: 160}
    max_s = 30.0 if quick else 120.0
    repeated = pool[:10]
    gold = pool[10:n_gold]
    # Unseen on-topic questions for /ask: the gold ones, then the same with " ?" appended once,
    # twice...: new to the embedding cache, no new BM25 term, the same answer to find.
    on_topic = iter(gold + [gold[i % len(gold)] + " ?" * (1 + i // len(gold))
                            for i in range(4 * len(gold))])
    fresh = iter(pool[n_gold:])
    side = interleaved_search(url, [next(fresh) for _ in range(per[1])], embedder)
    u.say(f"/search x1 interleaved with the embedding alone: {side['ratio_p50']}x")
    runs: list[dict[str, Any]] = []
    for endpoint in ("/search", "/ask"):
        load(url, endpoint, repeated, 2, max_s)  # warms the server and the cache
        for c in levels:
            if endpoint == "/ask":
                qs, kind = [next(on_topic) for _ in range(per[c])], "gold (articles)"
            else:
                qs, kind = [next(fresh) for _ in range(per[c])], "PIAF (off-topic)"
            r = load(url, endpoint, qs, c, max_s)
            r["cache"] = "miss"
            r["questions"] = kind
            runs.append(r)
            u.say(f"{endpoint} x{c} distinct: {r['rps']} req/s, p50 "
                  f"{r['latency_ms']['p50']:.1f} ms, errors {r['errors']}")
            r = load(url, endpoint, repeated * (per[c] // len(repeated) + 1), c, max_s)
            r["cache"] = "hit"
            r["questions"] = "10 gold, repeated"
            runs.append(r)
            u.say(f"{endpoint} x{c} repeated: {r['rps']} req/s, p50 "
                  f"{r['latency_ms']['p50']:.1f} ms, errors {r['errors']}")
    return {"side_by_side": side, "embed_alone_ms": side["embed_alone_ms"], "runs": runs}


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
    gold = set(u.gold_questions())
    n_gold = next((i for i, q in enumerate(pool) if i and q not in gold), len(pool))
    results: dict[str, Any] = {"meta": info, "corpus": name}
    with tempfile.TemporaryDirectory(prefix="rag-bench-http-") as tmp:
        index = u.copy_index(src, Path(tmp))
        with server(index) as (url, proc, ready_s):
            u.say(f"server ready in {ready_s:.1f} s at {url}")
            res = run_scenarios(url, pool, n_gold, embedder, args.quick)
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
    side = art["side_by_side"]
    emb = side["embed_alone_ms"]["p50"]
    u.table(["endpoint", "questions", "cache", "clients", "requests", "req/s", "p50 ms",
             "p95 ms", "p99 ms", "errors", "abstained"],
            [[r["endpoint"], r["questions"], r["cache"], r["clients"], r["requests"], r["rps"],
              r["latency_ms"]["p50"], r["latency_ms"]["p95"], r["latency_ms"]["p99"],
              r["errors"], r["abstained"] if r["endpoint"] == "/ask" else "-"]
             for r in art["runs"]],
            title=f"HTTP load, {name} index (loadavg {u.loadavg()})")
    a1 = next(r for r in art["runs"] if r["endpoint"] == "/ask" and r["clients"] == 1
              and r["cache"] == "miss")
    a4 = next(r for r in art["runs"] if r["endpoint"] == "/ask" and r["clients"] == 4
              and r["cache"] == "miss")
    a4h = next(r for r in art["runs"] if r["endpoint"] == "/ask" and r["clients"] == 4
               and r["cache"] == "hit")
    errors = sum(r["errors"] for r in art["runs"])
    targets = {
        "search_p50_over_embed": {"value": side["ratio_p50"], "embed_alone_p50_ms": emb,
                                  "search_p50_ms": side["search_http_ms"]["p50"],
                                  "server_took_p50_ms": side["search_server_took_ms"]["p50"],
                                  "target": 1.2},
        "ask_p50_ms": {"value": a1["latency_ms"]["p50"], "target": 100},
        "ask_rps_4_clients": {"value": a4["rps"], "value_cached": a4h["rps"], "target": 20},
        "errors": {"value": errors, "target": 0},
        "server_vm_hwm_mb": {"value": art["server_vm_hwm_mb"]},
    }
    if "synthetic_100k" in results:
        targets["server_vm_hwm_mb_100k"] = {
            "value": results["synthetic_100k"]["server_vm_hwm_mb"], "target": 600}
    results["targets"] = targets
    print(f"  side by side, 1 client, new questions: query embedding alone p50 {emb:.1f} ms, "
          f"/search p50 {side['search_http_ms']['p50']:.1f} ms (server-side took_ms "
          f"{side['search_server_took_ms']['p50']:.1f}): {side['ratio_p50']}x (target <= 1.2)")
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
