"""`rag` command line: ingest, search, list, delete, eval. Errors are one line and exit 1."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import textwrap
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from rag.config import RETRIEVERS, Settings
from rag.errors import RagError
from rag.terminal import PrintableFormatter, printable

if TYPE_CHECKING:  # (imported when run: the CLI starts without the ingest machinery)
    from rag.ingest import IngestReport

log = logging.getLogger("rag")


# ---- helpers --------------------------------------------------------------------------------

# What a terminal acts on instead of showing: C0 controls but tab and newline (ESC starts the
# sequences that retitle the window, erase or recolour lines, write the clipboard (OSC 52); CR
# and backspace overwrite what was printed), DEL, and C1 (0x9b is a one-byte CSI).
_DEL_C1 = re.compile(r"[\x7f-\x9f]")


def _say(text: object = "", *, err: bool = False) -> None:
    """`print` for a person (stdout, or stderr with `err`), made `printable`."""
    print(printable(text), file=sys.stderr if err else sys.stdout)


def _json(data: object) -> str:
    """`--json` output: UTF-8 JSON whose strings carry no raw control character (json.dumps
    escapes C0 but leaves DEL and C1, a terminal's one-byte CSI among them, as they are)."""
    text = json.dumps(data, ensure_ascii=False)
    if text.isascii():
        return text
    # ... nor an invisible one (bidi overrides, zero-width, U+2028/9), as `printable` escapes
    return "".join(json.dumps(ch)[1:-1] if _DEL_C1.match(ch)
                   or unicodedata.category(ch) in ("Cf", "Zl", "Zp") else ch for ch in text)


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = Path(args.index)
    return Settings(**overrides)


@contextmanager
def _progress(total: int, unit: str, desc: str) -> Iterator[Callable[[int], None]]:
    """A bar on a terminal, nothing in pipes or CI logs."""
    if not sys.stderr.isatty() or total <= 0:
        yield lambda n: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, leave=False) as bar:

        def update(n: int) -> None:
            bar.update(n)

        yield update


@contextmanager
def _embedding_bar() -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """(on_chunks, progress) for an ingest: the bar starts once the number of chunks is known
    and is closed with this block, however the ingest ends."""
    with ExitStack() as stack:
        bars: list[Callable[[int], None]] = []

        def on_chunks(n: int) -> None:
            bars.append(stack.enter_context(_progress(n, "chunk", "embedding")))

        def progress(n: int) -> None:
            if bars:
                bars[-1](n)

        yield on_chunks, progress


def _open(settings: Settings) -> Any:
    """The index for a command that reads it, through the library's one way in. A missing one
    is built as rag.engine.builds_missing_index decides; naming the corpus (RAG_CORPUS_DIR)
    asks for it."""
    from rag.engine import Engine

    def announce(corpus: Path) -> None:
        _say(f"No index yet: building it from {corpus} ...", err=True)

    named = "corpus_dir" in settings.model_fields_set
    with _embedding_bar() as (on_chunks, progress):
        engine = Engine.open(settings, build=True if named else None, require_index=True,
                             on_build=announce, on_chunks=on_chunks, progress=progress)
    if engine.built is not None:
        _print_skipped(engine.built.skipped)
        _say(engine.built.summary(), err=True)
    return engine


def _print_skipped(skipped: Sequence[Any]) -> None:
    for s in skipped:
        _say(f"skipped {s.source}: {s.reason}", err=True)


# ---- commands -------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from rag.engine import ingest_sources
    from rag.fetch import is_url

    settings = _settings(args)
    paths = [p if is_url(p) else Path(p) for p in args.paths]  # Path() would eat a URL's "//"
    with _embedding_bar() as (on_chunks, progress):
        report = ingest_sources(settings, paths, rebuild=args.rebuild, on_chunks=on_chunks,
                                progress=progress)
    return _report_ingest(report, args.json)


def cmd_reindex(args: argparse.Namespace) -> int:
    from rag.engine import reindex

    settings = _settings(args)
    with _embedding_bar() as (on_chunks, progress):
        report = reindex(settings, on_chunks=on_chunks, progress=progress)
    return _report_ingest(report, args.json)


def _report_ingest(report: IngestReport, as_json: bool) -> int:
    _print_skipped(report.skipped)
    if as_json:
        print(_json({
            "documents": report.documents, "added": report.added, "updated": report.updated,
            "unchanged": report.unchanged, "chunks": report.chunks,
            "skipped": [{"source": s.source, "reason": s.reason} for s in report.skipped],
            "dropped_lines": report.dropped_lines, "seconds": round(report.seconds, 3),
            "chunks_per_s": round(report.chunks_per_second, 1),
            "total_documents": report.total_documents, "total_chunks": report.total_chunks,
        }))
    else:
        _say(report.summary())
    return 0


def _print_hits(hits: Sequence[Any]) -> None:
    if not hits:
        _say("No passage found.")
    for i, h in enumerate(hits, 1):
        ranks = ", ".join(f"{k} #{v}" for k, v in h.ranks.items())
        c = h.chunk
        page = f", p. {h.page}" if h.page is not None else ""
        _say(f"[{i}] {_one_line(c.doc_id)}  score={h.score:.4f}  ({ranks})  "
             f"chars {c.start}-{c.end}{page}")
        _say(f"    {_one_line(c.title)}")
        body = " ".join(c.text.split())
        _say(textwrap.indent(textwrap.fill(body, width=96), "    "))
        _say()


def cmd_search(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not 1 <= args.k <= settings.max_k:
        raise RagError(f"--k must be between 1 and {settings.max_k}")
    engine = _open(settings)
    t0 = time.perf_counter()
    hits = engine.search(args.question, args.k, args.retriever, _filters(args))
    ms = (time.perf_counter() - t0) * 1000
    if args.json:
        # the shape of GET /search
        print(_json({"query": args.question, "retriever": args.retriever or
                     settings.retriever, "k": args.k,
                     "hits": [h.to_dict() for h in hits], "took_ms": round(ms, 2)}))
    else:
        _print_hits(hits)
    return 0


def _filters(args: argparse.Namespace) -> dict[str, object] | None:
    """`--filter KEY=VALUE` / `KEY>=VALUE` / `KEY<=VALUE` (repeatable) as the JSON filter."""
    from rag.filters import from_cli

    return from_cli(args.filter) if args.filter else None


def cmd_ask(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = _open(settings)
    if args.k is not None and not 1 <= args.k <= 20:
        raise RagError("--k must be between 1 and 20")
    answer = engine.ask(args.question, args.k, args.retriever, filters=_filters(args))
    if args.json:
        print(_json(answer.to_dict()))
        return 0
    _say(textwrap.fill(answer.answer, width=100))
    if answer.citations:
        _say()
    for c in answer.citations:
        h = c.hit.chunk
        _say(f"[{c.n}] {_one_line(h.doc_id)} ({_one_line(h.title, 70)}), "
             f"chars {h.start}-{h.end}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from rag.store import IndexStore

    settings = _settings(args)
    store = IndexStore.open(settings)
    if not store.exists():
        raise RagError(f"no index at {settings.index_dir}: run `rag ingest PATH` first")
    docs = store.list_documents()
    if args.json:
        print(_json([{"doc_id": d.doc_id, "title": d.title, "chunks": d.n_chunks,
                      "source": d.source} for d in docs]))
        return 0
    ids = [printable(_one_line(d.doc_id)) for d in docs]  # escapes widen: pad what is shown
    width = max([len(i) for i in ids] + [6])
    _say(f"{'DOC_ID':<{width}}  CHUNKS  TITLE")
    for d, doc_id in zip(docs, ids, strict=True):
        _say(f"{doc_id:<{width}}  {d.n_chunks:>6}  {_one_line(d.title, 80)}")
    _say(f"{len(docs)} documents, {sum(d.n_chunks for d in docs)} chunks")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from rag.ingest import delete_documents
    from rag.store import IndexStore

    settings = _settings(args)
    store = IndexStore.open(settings)
    if not store.exists():
        raise RagError(f"no index at {settings.index_dir}: nothing to delete")
    deleted, missing, _ = delete_documents(store, args.doc_ids)
    for d in deleted:
        _say(f"deleted {d}")
    if missing:
        raise RagError(f"not in the index: {', '.join(missing)}")
    return 0


def _feedback_store(settings: Settings) -> Any:
    """The service's answer log beside the index; a missing one is an error (a typo'd --index
    must not read as "no feedback")."""
    from rag.feedback import FILENAME, FeedbackStore

    path = settings.index_dir / FILENAME
    if not path.exists():
        raise RagError(f"no feedback log at {path}: `rag serve` writes it there once it answers")
    return FeedbackStore(path)


def cmd_feedback(args: argparse.Namespace) -> int:
    """`rag feedback list`: the latest votes, newest first."""
    store = _feedback_store(_settings(args))
    try:
        items = [f.to_dict() for f in store.list_feedback(args.rating, args.limit)]
    finally:
        store.close()
    if args.json:
        print(_json(items))
        return 0
    if not items:
        _say("no feedback yet", err=True)
    for f in items:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(f["created"]))
        _say(f"{when}  {f['rating']:<4}  {f['answer_id'][:12]}  {_one_line(f['question'], 70)}")
        for label in ("comment", "expected"):
            if f[label]:
                _say(f"{'':<20}{label}: {_one_line(f[label], 90)}")
    return 0


def _one_line(text: object, width: int | None = None) -> str:
    """`text` on one line (a newline in a title or comment would forge a line of output),
    shortened to `width`; `_say` then makes it printable."""
    flat = " ".join(str(text).split())
    return flat if width is None or len(flat) <= width else flat[:width - 3] + "..."


def _eval_from_feedback(args: argparse.Namespace, settings: Settings) -> int:
    """Thumbs-down as candidate gold lines: a person checks each before it joins a gold file."""
    out = Path(args.from_feedback)
    if out.exists() and not args.force:
        raise RagError(f"{out} exists; use --force to overwrite it")
    store = _feedback_store(settings)
    try:
        lines = store.candidates()
    finally:
        store.close()
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in lines),
                       encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        raise RagError(f"cannot write {out}: {exc}") from None
    missing = sum(1 for c in lines if not c["answers"])
    _say(f"{out}: {len(lines)} candidate gold lines from thumbs-down ({missing} without an "
         "expected answer, marked unanswerable). Review each (question, answers, doc_ids) "
         "before adding it to a gold file.", err=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from rag.evaluation.evals import METRICS, evaluate_retrieval, load_gold
    from rag.evaluation.reports import write_report

    settings = _settings(args)
    if args.from_feedback:
        return _eval_from_feedback(args, settings)
    if not args.gold:
        raise RagError("eval needs --gold FILE (or --from-feedback OUT.jsonl)")
    gold = load_gold(Path(args.gold))
    if not 1 <= args.k <= settings.max_k:
        raise RagError(f"--k must be between 1 and {settings.max_k}")
    if args.compare:
        return _eval_compare(args, settings, gold)
    if args.answers:
        return _eval_answers(args, settings, gold)
    engine = _open(settings)
    names = [args.retriever] if args.retriever else list(RETRIEVERS)
    results = []
    for name in names:

        def search(q: str, k: int, name: str = name) -> list[Any]:
            hits: list[Any] = engine.search(q, k, name)
            return hits

        with _progress(len(gold), "q", f"eval {name}") as bar:
            res = evaluate_retrieval(gold, search, args.k, name, bar, rewrite=not args.no_rewrite)
        results.append(res)
    if args.report:
        label = f"{settings.chunk_tokens}/{settings.chunk_overlap}"
        table = [{"config": f"{r['retriever']} {label}", **r} for r in results]
        written = write_report(Path(args.report), args.gold, table,
                               {row["config"]: r for row, r in zip(table, results, strict=True)},
                               {}, table[0]["config"])
        _say(f"report: {', '.join(str(p) for p in written)}", err=True)
    per_question = {r["retriever"]: r.pop("questions") for r in results}
    if args.per_question and not args.json:
        for name, rows in per_question.items():
            _print_questions(f"{name}: per question", rows,
                             ("recall@1", "recall@5", "mrr@10", "answer_hit@5"))
    elif args.per_question:
        for r in results:
            r["questions"] = per_question[r["retriever"]]
    if args.json:
        print(_json(results[0] if len(results) == 1 else results))
        return 0
    cols = METRICS
    _say(f"{args.gold}: {results[0]['n']} answerable questions "
         f"({results[0]['unanswerable_skipped']} unanswerable skipped), k={args.k}")
    _say(f"{'retriever':<10} {'lang':<5} {'n':>4} " + " ".join(f"{c:>12}" for c in cols))
    for r in results:
        rows = [("all", r), *r["by_lang"].items()]
        for lang, m in rows:
            _say(f"{r['retriever']:<10} {lang:<5} {m['n']:>4} "
                  + " ".join(f"{m[c]:>12.3f}" for c in cols))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from rag.check import check_index

    settings = _settings(args)
    report = check_index(settings.index_dir)
    if args.json:
        print(_json(report.to_dict()))
    else:
        for p in report.problems:
            _say(f"PROBLEM {p.where}: {p.detail}" + (f" [{p.fix}]" if p.fix else ""))
        for note in report.notes:
            _say(f"note: {note}")
        counts = ", ".join(f"{v} {k}" for k, v in report.counts.items())
        verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        _say(f"{settings.index_dir}: {verdict} ({counts or 'nothing read'})")
    return 0 if report.ok else 1


def _cosine(raw: str) -> float:
    """A finite number in [-1, 1], as RAG_VERIFY_THRESHOLD (review 16 F4: "nan" was taken,
    and every claim refused)."""
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {raw!r}") from None
    if not -1 <= value <= 1:  # (nan compares false)
        raise argparse.ArgumentTypeError(f"must be a number in [-1, 1], not {raw!r}")
    return value


def cmd_verify(args: argparse.Namespace) -> int:
    """Check an answer's `[n]`-cited sentences against passage files (text, or a JSON list)."""
    from rag.answering.verify import DEFAULT_THRESHOLD, Passage, Verifier, passages_from_json
    from rag.embedders import make_embedder
    from rag.local_files import read_file_text

    def read(name: str) -> str:
        try:
            return sys.stdin.read() if name == "-" else read_file_text(name, encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise RagError(f"cannot read {name}: {exc}") from None

    passages: list[Passage] = []
    for name in args.passages:
        if name.lower().endswith(".json"):
            try:
                passages += passages_from_json(json.loads(read(name)))
            except json.JSONDecodeError as exc:
                raise RagError(f"{name}: not JSON ({exc.msg}, line {exc.lineno})") from None
            except RecursionError:  # review 16 F3: "[" x 100,000 gave a traceback
                raise RagError(f"{name}: JSON nested too deeply") from None
            except ValueError:  # a 5,000-digit integer (twenty-fifth review, F4)
                raise RagError(f"{name}: not JSON (a number too long)") from None
        else:
            passages.append(Passage(read(name), Path(name).stem))
    answer = read(args.answer)
    if not answer.strip():
        raise RagError(f"{args.answer}: the answer is empty")
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    result = Verifier(make_embedder(_settings(args)), threshold).verify(answer, passages)
    if args.json:
        print(_json(result.to_dict()))
        return 0
    for i, c in enumerate(result.claims, 1):
        cites = "".join(f"[{n}]" for n in c.citations) or "-"
        _say(f"{i:>3}  {'yes' if c.supported else 'NO ':<3}  {c.score:.3f}  {cites:<8} "
             f"{c.reason:<10} {textwrap.shorten(c.text, 70)}")
        ev = c.evidence
        if ev:
            gone = f"  missing: {', '.join(ev.missing)}" if ev.missing else ""
            _say(f"{'':>5}[{ev.passage}] chars {ev.start}-{ev.end}: "
                 f"{textwrap.shorten(ev.text, 80)}{gone}")
        if c.support:
            _say(f"{'':>5}supported by [{c.support.passage}] instead: "
                 f"{textwrap.shorten(c.support.text, 70)}")
    ok = sum(c.supported for c in result.claims)
    _say(f"{ok} of {len(result.claims)} claims supported (threshold {threshold})")
    return 0


def _eval_compare(args: argparse.Namespace, settings: Settings, gold: list[Any]) -> int:
    from rag.embedders import make_embedder
    from rag.evaluation.compare import parse_chunkings, run_compare
    from rag.evaluation.reports import answer_table, retrieval_table, write_report

    try:
        chunkings = parse_chunkings(args.chunkings)
    except ValueError as exc:
        raise RagError(str(exc)) from None
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for b in backends:
        if b not in ("extractive", "local", "openai"):
            raise RagError(f"unknown backend {b!r} in --backends")
    corpus = [Path(p) for p in (args.corpus or [str(settings.corpus_dir)])]
    for p in corpus:
        if not p.exists():
            raise RagError(f"corpus path not found: {p}")
    embedder = make_embedder(settings)

    def say(msg: str) -> None:
        _say(f"... {msg}", err=True)

    res = run_compare(gold, settings, embedder, corpus, chunkings, backends, args.k, say)
    default = f"{settings.retriever} {settings.chunk_tokens}/{settings.chunk_overlap}"
    if args.report:
        written = write_report(Path(args.report), args.gold, res.rows, res.retrieval,
                               res.answers, default)
        _say(f"report: {', '.join(str(p) for p in written)}", err=True)
    if args.json:
        answers = {b: {k: v for k, v in r.items() if k != "questions"}
                   for b, r in res.answers.items()}
        print(_json({"retrieval": res.rows, "answers": answers}))
        return 0
    _say(retrieval_table(res.rows))
    if res.answers:
        _say()
        _say(answer_table(res.answers))
    return 0


def _eval_answers(args: argparse.Namespace, settings: Settings, gold: list[Any]) -> int:
    from rag.answering.sentence_vectors import CachedSentenceVectors
    from rag.answering.verify import Verifier
    from rag.evaluation.evals import evaluate_answers
    from rag.evaluation.reports import ANSWER_TABLE, write_answer_report

    if args.llm:
        settings = settings.model_copy(update={"llm": args.llm})
    engine = _open(settings)  # builds the default index when missing, refuses a foreign one
    # The judge of the claim metrics is the answer path's own verifier, over the same cache.
    cache = settings.index_dir / "sentences.sqlite" if settings.sentence_cache else None
    verifier = Verifier(CachedSentenceVectors(engine.embedder, path=cache),
                        settings.verify_threshold)

    def ask(g: Any) -> Any:
        history = g.extra.get("history") or []
        return engine.ask(g.question, None, args.retriever, history)

    with _progress(len(gold), "q", f"answers {engine.answerer.backend}") as bar:
        res = evaluate_answers(gold, ask, engine.answerer.backend, bar, verifier)
    if args.report:
        written = write_answer_report(Path(args.report), args.gold, res)
        _say(f"report: {', '.join(str(p) for p in written)}", err=True)
    questions = res.pop("questions")
    if args.json:
        print(_json({**res, "questions": questions} if args.per_question else res))
        return 0
    if args.per_question:
        _print_questions("per question", questions,
                         ("match", "abstained", "f1", "claims_n", "claims_supported",
                          "answer_lang", "ms"))
    # One row per metric, one column per language: every name whole, any number of metrics.
    langs = [("all", res), *res["by_lang"].items()]
    w = max(len(c) for c in ANSWER_TABLE)
    _say(f"{args.gold}: {res['n']} questions, backend {res['backend']}")
    _say(f"{'metric':<{w}} " + " ".join(f"{lang:>8}" for lang, _ in langs))
    for c in ("n", *ANSWER_TABLE):
        _say(f"{c:<{w}} " + " ".join(
            f"{'-' if m.get(c) is None else _cell(m.get(c)):>8}" for _, m in langs))
    return 0


def _cell(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _print_questions(title: str, rows: list[dict[str, Any]], cols: tuple[str, ...]) -> None:
    """`--per-question` without `--json`: one line per question, its id first."""
    w = min(max([len(str(q.get("id", ""))) for q in rows] + [2]), 40)
    _say(f"\n{title}")
    _say(f"{'id':<{w}} {'lang':<5} " + " ".join(f"{c:>12}" for c in cols) + "  question")
    for q in rows:
        _say(f"{_one_line(q.get('id', ''))[:w]:<{w}} {q.get('lang', '')!s:<5} "
             + " ".join(f"{_cell(q.get(c)):>12}" for c in cols)
             + f"  {_one_line(q.get('question', ''))[:60]}")


# ---- entry point ----------------------------------------------------------------------------


FILTER_HELP = ("restrict retrieval (repeatable, ANDed): doc_id=a, source=..., title=..., "
               "date>=2022-01-06, date<=..., page_count>=2, or any metadata key with = (a "
               "range on another key needs it in RAG_FILTER_KEYS); a key repeated with = is "
               "one of")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag", description=__doc__)
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str, fn: Callable[[argparse.Namespace], int]) -> Any:
        sp = sub.add_parser(name, help=help, description=help)
        sp.add_argument("--index", metavar="DIR", help="index directory (default: RAG_INDEX_DIR "
                        "or ./index)")
        sp.set_defaults(func=fn)
        return sp

    sp = add("ingest", "add or update documents (files or folders: .txt .md .html .jsonl .pdf "
             ".docx; or http(s) URLs of web pages)", cmd_ingest)
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--rebuild", action="store_true",
                    help="replace the whole index with these documents (after a settings change)")
    sp.add_argument("--json", action="store_true", help="print the summary as JSON")

    sp = add("reindex", "chunk and embed again the documents the index holds, under the "
             "current settings (after a chunking or embedder change)", cmd_reindex)
    sp.add_argument("--json", action="store_true", help="print the summary as JSON")

    sp = add("search", "print the passages that best match a question", cmd_search)
    sp.add_argument("question")
    sp.add_argument("--k", type=int, default=5, help="number of passages (default 5)")
    sp.add_argument("--retriever", choices=RETRIEVERS, default=None)
    sp.add_argument("--json", action="store_true", help="print hits as JSON")
    sp.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE", help=FILTER_HELP)

    sp = add("ask", "answer a question with cited passages (backend: RAG_LLM)", cmd_ask)
    sp.add_argument("question")
    sp.add_argument("--k", type=int, default=None, help="passages given to the answer")
    sp.add_argument("--retriever", choices=RETRIEVERS, default=None)
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE", help=FILTER_HELP)

    sp = add("list", "list indexed documents", cmd_list)
    sp.add_argument("--json", action="store_true")

    sp = add("delete", "remove documents by id", cmd_delete)
    sp.add_argument("doc_ids", nargs="+", metavar="DOC_ID")

    sp = add("verify", "check an answer's [n]-cited sentences against the passages", cmd_verify)
    sp.add_argument("--answer", required=True, metavar="FILE", help="answer text ('-': stdin)")
    sp.add_argument("--passages", required=True, nargs="+", metavar="FILE",
                    help="one passage per text file ([1], [2], ... in order); a .json file "
                    "holds a list of strings or {text, title}")
    sp.add_argument("--threshold", type=_cosine, default=None,
                    help="meaning threshold, a cosine in [-1, 1]")
    sp.add_argument("--json", action="store_true")

    sp = add("check", "verify an index: SQLite integrity, per-row checksums of text and "
             "vectors, counts and ids of the FAISS and BM25 files (exit 1 on any problem)",
             cmd_check)
    sp.add_argument("--json", action="store_true", help="print the report as JSON")

    sp = add("feedback", "votes on the service's answers (thumbs up/down, comments)",
             cmd_feedback)
    sp.add_argument("action", choices=["list"])
    sp.add_argument("--rating", choices=["up", "down"], default=None)
    sp.add_argument("--limit", type=int, default=100, help="newest N (default 100)")
    sp.add_argument("--json", action="store_true")

    sp = add("eval", "retrieval metrics on a gold JSONL file", cmd_eval)
    sp.add_argument("--gold", metavar="FILE", help="gold questions (JSONL); required unless "
                    "--from-feedback")
    sp.add_argument("--from-feedback", metavar="OUT.jsonl",
                    help="write thumbs-down answers as candidate gold lines for review, then stop")
    sp.add_argument("--force", action="store_true", help="overwrite --from-feedback's file")
    sp.add_argument("--k", type=int, default=10, help="retrieval depth (default 10)")
    sp.add_argument("--retriever", choices=RETRIEVERS, default=None,
                    help="one retriever (default: all three)")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--per-question", action="store_true",
                    help="include each question's metrics and retrieved chunks in --json")
    sp.add_argument("--answers", action="store_true",
                    help="evaluate whole answers (match, citations, abstention, latency)")
    sp.add_argument("--llm", choices=["extractive", "local", "openai"], default=None,
                    help="answer backend for --answers (default RAG_LLM)")
    sp.add_argument("--no-rewrite", action="store_true",
                    help="search follow-up questions as asked, without their history")
    sp.add_argument("--compare", action="store_true",
                    help="compare retrievers, chunkings, the follow-up rewrite and backends")
    sp.add_argument("--chunkings", default="96/16,128/24,256/32",
                    help="TOKENS/OVERLAP list for --compare (others than the index's are "
                    "ingested into temporary indexes)")
    sp.add_argument("--backends", default="extractive",
                    help="answer backends for --compare, comma-separated")
    sp.add_argument("--corpus", nargs="+", default=None, metavar="PATH",
                    help="documents for --compare's temporary indexes (default RAG_CORPUS_DIR)")
    sp.add_argument("--report", metavar="DIR",
                    help="write report.md, recall_at_k.png and results.jsonl there (with "
                    "--answers: BACKEND-GOLD.md and .json, worst answers listed)")
    from rag.cluster.cli import add_cluster_commands

    add_cluster_commands(add("cluster", "scale out: sharded ingest, search and serving on Ray "
                             "(extra `cluster`; README 'Scale-out on Ray')", cmd_list))  # each
    # action sets its own func
    from importlib.metadata import entry_points

    for plugin in entry_points(group="rag.commands"):  # `serve`: the service's (service/cli.py)
        plugin.load()(p, add)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from rag.threads import quiet_openmp

    quiet_openmp()  # before FAISS, the embedder or llama.cpp load (the commands import them)
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        handlers=[handler])
    try:
        code: int = args.func(args)
        return code
    except RagError as exc:
        _say(f"rag: error: {exc}", err=True)
        return 1
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        _say(f"rag: error: invalid setting {where.upper() and 'RAG_' + where.upper()}: "
             f"{first.get('msg')}", err=True)
        return 1
    except KeyboardInterrupt:
        _say("rag: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
