"""Cold start: from spawning `rag serve` to the first answered POST /ask, with the articles'
index and with PIAF's (full mode).

    python bench/cold_start.py [--quick] [--repeat 3] [--out DIR]

Each round spawns `python -m rag.cli serve` on a free loopback port over a prebuilt index
(RAG_INDEX_DIR, extractive backend), polls GET /health every 20 ms, then POSTs one question;
times are measured from the spawn. A breakdown in separate processes (imports; model load;
index load) shows what bounds it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _util as u
import httpx

# (answered in the quick corpus too, the articles cut at 1,500 characters: they hold no count
# of soldiers, and "Combien de soldats ... ?" was answered there with "des dizaines de
# personnes", which is none, until the twenty-fifth session declined it)
QUESTION = "Combien de morts la crise a-t-elle faits ?"

_BREAKDOWN = r"""
import json, sys, time
t0 = time.perf_counter()
c0 = time.process_time()
import service.app  # FastAPI, pydantic, the rag package
t1 = time.perf_counter()
import faiss, numpy  # noqa
t2 = time.perf_counter()
from rag.config import Settings
from rag.embedders import make_embedder
s = Settings()
emb = make_embedder(s)
t3 = time.perf_counter()
from rag.ingest import Ingestor
from rag.store import IndexStore
snap = Ingestor(s, emb, IndexStore.open(s)).load()
t4 = time.perf_counter()
emb.embed_query("warm-up")
t5 = time.perf_counter()
print(json.dumps({"total_cpu_s": time.process_time() - c0, "import_service_s": t1 - t0,
                  "import_faiss_s": t2 - t1,
                  "model_load_s": t3 - t2, "index_load_s": t4 - t3,
                  "first_embedding_s": t5 - t4}))
"""


def one_round(index: Path, timeout: float = 180.0) -> dict[str, float]:
    port = u.free_port()
    env = u.rag_env(RAG_INDEX_DIR=str(index), RAG_RATE_LIMIT_PER_MINUTE="0",
                    RAG_LLM="extractive", RAG_CORPUS_DIR=str(index / "no-corpus"))
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--host",
                                 "127.0.0.1", "--port", str(port)], env=env, stdout=log,
                                stderr=log, cwd=u.ROOT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"server exited: {log.read()[-2000:]!r}")
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("server not healthy in time")
                time.sleep(0.02)
            healthy = time.perf_counter() - t0
            r = httpx.post(f"{url}/ask", json={"question": QUESTION}, timeout=60)
            answered = time.perf_counter() - t0
            if r.status_code != 200 or not r.json().get("citations"):
                raise SystemExit(f"/ask failed: {r.status_code} {r.text[:300]}")
            hwm = u.vm_hwm_mb(proc.pid)
            cpu = u.cpu_seconds(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return {"healthy_s": round(healthy, 3), "first_ask_s": round(answered, 3),
            "ask_ms": round((answered - healthy) * 1000, 1), "vm_hwm_mb": round(hwm, 1),
            "server_cpu_s": round(cpu, 3)}


def breakdown(index: Path) -> dict[str, float]:
    env = u.rag_env(RAG_INDEX_DIR=str(index))
    out = subprocess.run([sys.executable, "-c", _BREAKDOWN], env=env, cwd=u.ROOT,
                         capture_output=True, text=True, check=True, timeout=300)
    return {k: round(v, 3) for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--repeat", type=int, default=None, help="rounds per index (default 3; "
                   "quick 1)")
    p.add_argument("--out", default=None)
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    u.say(f"cold-start benchmark ({mode}), loadavg {info['loadavg']}")
    repeat = args.repeat or (1 if args.quick else 3)
    embedder = u.make_embedder()
    names = ["articles-quick"] if args.quick else ["articles"]
    if not args.quick and u.piaf_corpus() is not None:
        names.append("piaf")
    indexes = {n: u.cached_index(n, embedder) for n in names}
    del embedder
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rag-bench-cold-") as tmp:
        for name, src in indexes.items():
            index = u.copy_index(src, Path(tmp))
            rounds = []
            for i in range(repeat):
                rounds.append(one_round(index))
                u.say(f"{name} round {i + 1}: {rounds[-1]}")
            parts = breakdown(index)
            manifest = json.loads((index / "manifest.json").read_text())
            rows.append({"index": name, "chunks": manifest["counts"]["chunks"],
                         "rounds": rounds,
                         "first_ask_s": statistics.median(r["first_ask_s"] for r in rounds),
                         "healthy_s": statistics.median(r["healthy_s"] for r in rounds),
                         "ask_ms": statistics.median(r["ask_ms"] for r in rounds),
                         "vm_hwm_mb": max(r["vm_hwm_mb"] for r in rounds),
                         "server_cpu_s": statistics.median(r["server_cpu_s"] for r in rounds),
                         "breakdown": parts})
    u.table(["index", "chunks", "spawn->healthy s", "first /ask ms", "spawn->answer s",
             "server CPU s", "server MB"],
            [[r["index"], r["chunks"], r["healthy_s"], r["ask_ms"], r["first_ask_s"],
              r["server_cpu_s"], r["vm_hwm_mb"]] for r in rows],
            title=f"cold start, median of {repeat} (target <= 2 s with the articles; "
                  f"loadavg {u.loadavg()})")
    print("  server CPU s = user+system CPU time the server used up to the answer: what the "
          "wall time tends to on an idle machine (the wall time waits for CPU under load)")
    for r in rows:
        b = r["breakdown"]
        print(f"  {r['index']} breakdown (separate process): " +
              ", ".join(f"{k} {v:.2f}" for k, v in b.items()))
    suffix = "-quick" if args.quick else ""
    u.write_json(out, f"cold_start{suffix}", {"meta": info, "indexes": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
