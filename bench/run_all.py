"""Run every benchmark, each in its own process: `python bench/run_all.py [--quick] [--out DIR]`.

Quick mode (CI) runs each at small sizes in under two minutes in all on 2 cores; the full mode
is run by hand and takes long (see bench/README.md). Exits non-zero if any benchmark fails
(an HTTP error counts as a failure).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

import _util as u

BENCHMARKS = ("ingest", "query", "http_load", "peer", "cold_start", "local_llm")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--only", default=None, help="comma-separated subset of " +
                   ", ".join(BENCHMARKS))
    p.add_argument("--out", default=None, help="results folder (default bench/results)")
    args = p.parse_args(argv)
    names = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")
    out = u.out_dir(args.out)
    u.say(f"running {', '.join(names)} ({'quick' if args.quick else 'full'}) -> {out}")
    status: list[tuple[str, int, float]] = []
    t_all = time.perf_counter()
    for name in names:
        cmd = [sys.executable, str(u.BENCH / f"{name}.py"), "--out", str(out)]
        if args.quick:
            cmd.append("--quick")
        print(f"\n=== {name} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, env=u.rag_env(), cwd=u.ROOT).returncode
        status.append((name, rc, time.perf_counter() - t0))
    print()
    u.table(["benchmark", "exit", "seconds"], [[n, rc, round(s, 1)] for n, rc, s in status],
            title=f"total {time.perf_counter() - t_all:.0f} s, loadavg {u.loadavg()}")
    return 1 if any(rc for _, rc, _ in status) else 0


if __name__ == "__main__":
    raise SystemExit(main())
