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


def vm_hwm_mb(pid: int, field: str = "VmHWM") -> float:
    """Peak resident memory of a live process (VmHWM; or another field: VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a live process has used so far (it and its reaped children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


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


def _publish(tmp: Path, dest: Path) -> None:
    """Move a finished cache entry into place; another process may have won the race."""
    try:
        tmp.rename(dest)
    except OSError:
        if not dest.is_dir():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


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
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=CACHE))
        for f in sorted(ARTICLES.glob("*.txt")):
            text = f.read_text(encoding="utf-8-sig")
            cut = text.rfind("\n", 0, max_chars)
            (tmp / f.name).write_text(text[: cut if cut > max_chars // 2 else max_chars],
                                      encoding="utf-8")
        _publish(tmp, dest)
    return dest


def piaf_corpus() -> Path | None:
    """PIAF converted to corpus.jsonl + gold.jsonl (all kept questions), or None without the
    source file (shared/datasets/piaf-v1.0)."""
    from rag.evaluation.datasets.piaf import DEFAULT_SRC

    if not DEFAULT_SRC.is_file():
        return None
    dest = CACHE / "piaf"
    if not (dest / "corpus.jsonl").is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "rag.evaluation.datasets.piaf", "--out", str(dest),
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


def gold_questions() -> list[str]:
    """The project's gold questions about the five articles (evals/gold.jsonl), distinct."""
    return list(dict.fromkeys(json.loads(line)["question"]
                              for line in GOLD.read_text().splitlines() if line.strip()))


def questions(n: int, with_piaf: bool = True) -> list[str]:
    """Distinct real questions: the project's gold set, then PIAF's (French)."""
    qs = gold_questions()
    piaf = piaf_corpus() if with_piaf and len(qs) < n else None
    if piaf is not None:
        qs += [json.loads(line)["question"]
               for line in (piaf / "gold.jsonl").read_text().splitlines() if line.strip()]
    qs = list(dict.fromkeys(qs))
    base = list(qs)
    i = 0
    while len(qs) < n:  # without PIAF: numbered variants, still new to a query cache
        qs.append(f"{base[i % len(base)]} ({i // len(base) + 1})")
        i += 1
    return qs[:n]


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
    from rag import Engine, Settings

    paths = corpus_paths(name)
    # BM25 settings are left out of the key: an index differing only there is migrated in
    # place (terms rebuilt from the stored text) instead of being embedded again.
    ident = {k: v for k, v in identity_for(embedder).items() if k != "bm25"}
    key = hashlib.sha1((_hash_paths(paths) + json.dumps(ident, sort_keys=True)).encode())
    dest = CACHE / f"index-{name}-{key.hexdigest()[:12]}"
    if (dest / "manifest.json").is_file():
        Engine.open(Settings(index_dir=dest), embedder=embedder, build=False)  # migrates BM25
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    say(f"building the {name} index in {dest} (once; cached)")
    tmp = CACHE / f".tmp-{name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    Engine.open(Settings(index_dir=tmp), embedder=embedder, build=False).ingest(paths)
    _publish(tmp, dest)
    return dest


def copy_index(src: Path, parent: Path) -> Path:
    dest = parent / src.name
    shutil.copytree(src, dest)
    return dest


def open_searcher(index: Path, embedder: Any) -> Any:
    """The searcher of an existing index (benchmarks time its parts: retrievers, snapshot)."""
    from rag import Engine, Settings

    return Engine.open(Settings(index_dir=index), embedder=embedder, build=False,
                       require_index=True).searcher()


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


# ---- synthetic scales -----------------------------------------------------------------------

SYNTH_CHUNKS_PER_DOC = 10
SYNTH_NOISE = 0.015  # per dimension: the noise vector's norm is about 0.3


def real_rows(quick: bool, embedder: Any) -> tuple[list[str], list[str], Any]:
    """Real chunks (text, BM25 tokens, vectors) to replicate: the articles, plus PIAF in full
    mode when its source is there."""
    import numpy as np

    names = ["articles-quick"] if quick else ["articles"]
    if not quick and piaf_corpus() is not None:
        names.append("piaf")
    texts: list[str] = []
    tokens: list[str] = []
    vecs = []
    for name in names:
        t, k, v = stored_rows(cached_index(name, embedder))
        texts += t
        tokens += k
        vecs.append(v)
    return texts, tokens, np.vstack(vecs)


def synth_vectors(real: Any, n: int, seed: int = 7, start: int = 0, stop: int | None = None
                  ) -> Any:
    """Rows [start, stop) of n synthetic unit vectors: each a random blend w*a + (1-w)*b of two
    real passage vectors (w in [0.5, 1]) plus Gaussian noise, normalised. Deterministic per
    block of 65536 rows, so any slice can be regenerated."""
    import numpy as np

    stop = n if stop is None else stop
    block = 65536
    out = np.empty((stop - start, real.shape[1]), dtype=np.float32)
    for b0 in range(start - start % block, stop, block):
        rng = np.random.default_rng([seed, b0])
        m = min(block, n - b0)
        a = rng.integers(0, len(real), m)
        b = rng.integers(0, len(real), m)
        w = rng.uniform(0.5, 1.0, (m, 1)).astype(np.float32)
        v = w * real[a] + (1 - w) * real[b]
        v += rng.standard_normal(v.shape, dtype=np.float32) * SYNTH_NOISE
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        lo, hi = max(start, b0), min(stop, b0 + m)
        out[lo - start : hi - start] = v[lo - b0 : hi - b0]
    return out


def _refresh_dense(root: Path, cfg: Any, ident: dict[str, Any]) -> None:
    """Rebuild a cached index's FAISS file from its stored vectors when the project now builds
    another kind at that size (e.g. float16 IVF lists instead of float32): minutes, instead of
    writing the whole store again."""
    from rag.dense import kind_of, wanted_kind
    from rag.store import IndexStore

    store = IndexStore(root, cfg)
    snap = store.load(ident)
    if kind_of(snap.dense) != wanted_kind(snap.n_chunks, cfg):
        say(f"rebuilding the FAISS index of {root.name} as {wanted_kind(snap.n_chunks, cfg)}")
        store.rebuild_derived(ident)
    store.close()


def synthetic_index(n: int, quick: bool, embedder: Any, dense_cfg: Any = None) -> Path:
    """A real index (SQLite + FAISS + BM25, written by IndexStore.commit) of n chunks: real chunk
    texts and BM25 tokens replicated in turn, synthetic vectors (see synth_vectors), documents
    of SYNTH_CHUNKS_PER_DOC chunks. FAISS is built by rag.dense.build with `dense_cfg` (the
    project's DenseConfig from Settings by default). Cached."""
    from rag.chunking import Chunk
    from rag.config import Settings
    from rag.dense import DenseConfig
    from rag.documents import Document
    from rag.store import IndexedDocument, IndexStore

    s = Settings()
    cfg = dense_cfg or DenseConfig(s.ivf_threshold, s.ivf_nprobe)
    texts, tokens, real = real_rows(quick, embedder)
    ident = identity_for(embedder)
    key = hashlib.sha1(json.dumps([n, quick, len(texts), float(real.sum()), SYNTH_NOISE,
                                   ident, cfg.ivf_threshold], sort_keys=True).encode())
    dest = CACHE / f"synth-{n}-{key.hexdigest()[:12]}"
    if (dest / "manifest.json").is_file():
        _refresh_dense(dest, cfg, ident)
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    tmp = CACHE / f".tmp-synth-{n}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    say(f"building a synthetic index of {n} chunks in {dest} (once; cached)")
    t0 = time.perf_counter()
    vecs = synth_vectors(real, n)
    toks = [t.split() for t in tokens]
    docs: list[IndexedDocument] = []
    per = SYNTH_CHUNKS_PER_DOC
    for d0 in range(0, n, per):
        rows = range(d0, min(n, d0 + per))
        parts = [texts[i % len(texts)] for i in rows]
        doc_text = "\n\n".join(parts)
        doc = Document(f"synth-{d0 // per:07d}", doc_text, f"Synthetic document {d0 // per}")
        chunks, pos = [], 0
        for j, part in enumerate(parts):
            chunks.append(Chunk(doc.id, j, part, pos, pos + len(part), doc.title))
            pos += len(part) + 2
        docs.append(IndexedDocument(doc, chunks, [toks[i % len(toks)] for i in rows],
                                    vecs[d0 : d0 + len(parts)]))
    store = IndexStore(tmp, cfg)
    with store.write_lock():
        store.commit(ident, upserts=docs)
    store.close()
    _publish(tmp, dest)
    say(f"synthetic index of {n} chunks built in {time.perf_counter() - t0:.0f} s")
    return dest
