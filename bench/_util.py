"""Shared helpers of the benchmarks: environment, corpora, cached indexes, timing, output.

Every script sets OMP_WAIT_POLICY=PASSIVE before FAISS or the embedder load (imported first),
prints the load average with its table, and writes one JSON under bench/results/.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

os.environ["OMP_WAIT_POLICY"] = "PASSIVE"

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
ARTICLES = ROOT / "data" / "articles"
GOLD = ROOT / "evals" / "gold.jsonl"
CACHE = Path(os.environ.get("RAG_BENCH_CACHE", Path(tempfile.gettempdir()) / "rag-bench-cache"))

if str(ROOT) not in sys.path:  # `python bench/x.py` from a fresh clone without an install
    sys.path.insert(0, str(ROOT))


# ---- environment and output -----------------------------------------------------------------


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def meta(mode: str) -> dict[str, Any]:
    import numpy as np

    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "mode": mode,
        "loadavg": loadavg(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
    }


def out_dir(arg: str | None) -> Path:
    path = Path(arg) if arg else RESULTS
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_json(directory: Path, name: str, payload: dict[str, Any]) -> Path:
    payload = {**payload, "loadavg_end": loadavg()}
    path = directory / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path}")
    return path


def say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} load {' '.join(map(str, loadavg()))}] {msg}",
          flush=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "") -> str:
    cells = [[_fmt(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = [title] if title else []
    lines.append("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    text = "\n".join(lines)
    print(text, flush=True)
    return text


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v)


# ---- statistics -----------------------------------------------------------------------------


def pct(samples: Sequence[float], q: float) -> float:
    """Percentile by linear interpolation (numpy's default)."""
    import numpy as np

    return float(np.percentile(np.asarray(samples, dtype=np.float64), q)) if samples else 0.0


def summary_ms(samples: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/mean of samples given in milliseconds."""
    return {"n": len(samples), "p50": round(pct(samples, 50), 4), "p95": round(pct(samples, 95), 4),
            "p99": round(pct(samples, 99), 4),
            "mean": round(statistics.fmean(samples), 4) if samples else 0.0}


def time_each(fn: Callable[[Any], Any], args: Sequence[Any], warmup: int = 3) -> list[float]:
    """Milliseconds of fn(a) for each a, after `warmup` untimed calls."""
    for a in list(args)[:warmup]:
        fn(a)
    out: list[float] = []
    for a in args:
        t = time.perf_counter()
        fn(a)
        out.append((time.perf_counter() - t) * 1000)
    return out


# ---- processes ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rag_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", "PYTHONUNBUFFERED": "1"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def vm_hwm_mb(pid: int) -> float:
    """Peak resident memory of a live process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def self_hwm_mb() -> float:
    return vm_hwm_mb(os.getpid())


def run_measured(cmd: Sequence[str], env: dict[str, str], timeout: float
                 ) -> tuple[int, float, float, str, str]:
    """Run a command; return (rc, wall seconds, peak RSS MB from wait4, stdout, stderr)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(list(cmd), env=env, stdout=out, stderr=err, cwd=ROOT)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, wall, usage.ru_maxrss / 1024, out.read().decode(),
                err.read().decode())


# ---- corpora --------------------------------------------------------------------------------


def _hash_paths(paths: Sequence[Path]) -> str:
    h = hashlib.sha1()
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file():
                h.update(f.name.encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:12]


def quick_articles(max_chars: int = 1500) -> Path:
    """The five articles cut to their first `max_chars` characters (at a paragraph end when
    there is one): the same kind of text in a few chunks each, for the quick mode."""
    dest = CACHE / f"articles-quick-{max_chars}"
    if not dest.is_dir():
        tmp = Path(tempfile.mkdtemp(dir=CACHE.mkdir(parents=True, exist_ok=True) or CACHE))
        for f in sorted(ARTICLES.glob("*.txt")):
            text = f.read_text(encoding="utf-8-sig")
            cut = text.rfind("\n", 0, max_chars)
            (tmp / f.name).write_text(text[: cut if cut > max_chars // 2 else max_chars],
                                      encoding="utf-8")
        tmp.rename(dest)
    return dest


def piaf_corpus() -> Path | None:
    """PIAF converted to corpus.jsonl + gold.jsonl (all kept questions), or None without the
    source file (shared/datasets/piaf-v1.0)."""
    from rag.datasets.piaf import DEFAULT_SRC

    if not DEFAULT_SRC.is_file():
        return None
    dest = CACHE / "piaf"
    if not (dest / "corpus.jsonl").is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "rag.datasets.piaf", "--out", str(dest),
                        "--max-questions", "0"], check=True, env=rag_env(), cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    return dest


def corpus_paths(name: str) -> list[Path]:
    if name == "articles":
        return [ARTICLES]
    if name == "articles-quick":
        return [quick_articles()]
    if name == "piaf":
        p = piaf_corpus()
        if p is None:
            raise SystemExit("PIAF source not found (shared/datasets/piaf-v1.0)")
        return [p / "corpus.jsonl"]
    raise ValueError(name)


def questions(n: int, with_piaf: bool = True) -> list[str]:
    """Distinct real questions: the project's gold set, then PIAF's (French)."""
    qs = [json.loads(line)["question"] for line in GOLD.read_text().splitlines() if line.strip()]
    piaf = piaf_corpus() if with_piaf and len(qs) < n else None
    if piaf is not None:
        qs += [json.loads(line)["question"]
               for line in (piaf / "gold.jsonl").read_text().splitlines() if line.strip()]
    return list(dict.fromkeys(qs))[:n]


# ---- indexes --------------------------------------------------------------------------------


def make_embedder(threads: int | None = None) -> Any:
    from rag.config import Settings
    from rag.embedders.e5 import E5Embedder

    s = Settings()
    return E5Embedder(threads=threads or s.embed_threads, batch_size=s.embed_batch_size)


def identity_for(embedder: Any) -> dict[str, Any]:
    from rag.config import Settings
    from rag.ingest import index_identity, make_chunker

    s = Settings()
    return index_identity(s, embedder, make_chunker(s, embedder))


def cached_index(name: str, embedder: Any) -> Path:
    """An index of corpus `name` built once (in process) and reused while the corpus and the
    index identity are unchanged. Benchmarks that serve it copy it first."""
    from rag.config import Settings
    from rag.ingest import Ingestor
    from rag.loaders import load_paths
    from rag.store import IndexStore

    paths = corpus_paths(name)
    ident = identity_for(embedder)
    key = hashlib.sha1((_hash_paths(paths) + json.dumps(ident, sort_keys=True)).encode())
    dest = CACHE / f"index-{name}-{key.hexdigest()[:12]}"
    if (dest / "manifest.json").is_file():
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    say(f"building the {name} index in {dest} (once; cached)")
    tmp = CACHE / f".tmp-{name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    settings = Settings(index_dir=tmp)
    Ingestor(settings, embedder, IndexStore.open(settings)).run(load_paths(paths).documents)
    tmp.rename(dest)
    return dest


def copy_index(src: Path, parent: Path) -> Path:
    dest = parent / src.name
    shutil.copytree(src, dest)
    return dest


def open_searcher(index: Path, embedder: Any) -> Any:
    from rag.config import Settings
    from rag.retrieval import Searcher
    from rag.store import IndexStore

    settings = Settings(index_dir=index)
    return Searcher(IndexStore.open(settings).load(identity_for(embedder)), embedder, settings)


def stored_rows(index: Path) -> tuple[list[str], list[str], Any]:
    """(chunk texts, BM25 token strings, vectors [n, dim]) of an index, in id order."""
    import sqlite3

    import numpy as np

    conn = sqlite3.connect(index / "store.sqlite")
    try:
        rows = conn.execute("SELECT text, tokens, vector FROM chunks ORDER BY id").fetchall()
    finally:
        conn.close()
    vecs = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows])
    return [r[0] for r in rows], [r[1] for r in rows], vecs
