"""`rag cluster ...`: sharded ingest, delete, search, status and serving (Ray optional).

Without `--address` everything runs in this process (embedding and shards), which is how a
cluster index is built and checked on one box; with `--address HOST:PORT` the ingest embeds on a
Ray Data actor pool and `serve` deploys on Ray Serve.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.config import RETRIEVERS, Settings
from rag.errors import RagError
from rag.terminal import printable

if TYPE_CHECKING:
    from rag.retrieval import Hit

DEFAULT_DIR = "cluster-index"


def add_cluster_commands(group: argparse.ArgumentParser) -> None:
    sub = group.add_subparsers(dest="cluster_command", required=True, metavar="ACTION")

    def action(name: str, help: str, fn: Any) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.add_argument("--dir", default=DEFAULT_DIR, metavar="DIR",
                        help=f"cluster index directory (default ./{DEFAULT_DIR}); on a real "
                        "cluster a path every node sees (shared filesystem)")
        sp.set_defaults(func=fn)
        return sp

    sp = action("ingest", "add or update documents, sharded by document id", cmd_ingest)
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--shards", type=int, default=None, help="shard count of a new cluster "
                    "index (default 2; an existing one keeps its own)")
    sp.add_argument("--address", help="Ray cluster (HOST:PORT): embed on a Ray Data actor pool")
    sp.add_argument("--actors", type=int, default=2, help="embedding actors (one model each)")
    sp.add_argument("--rebuild", action="store_true", help="re-embed every document")
    sp.add_argument("--json", action="store_true", help="print the summary as JSON")
    sp = action("delete", "remove documents by id from the shards holding them", cmd_delete)
    sp.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    sp = action("search", "search the sharded index from this process", cmd_search)
    sp.add_argument("question")
    sp.add_argument("-k", type=int, default=5)
    sp.add_argument("--retriever", choices=RETRIEVERS, default=None)
    action("status", "print the cluster manifest (generation, shards, counts)", cmd_status)
    # `serve` is the service's (service/cli.py, added through the `rag.commands` entry point)


def _settings(args: argparse.Namespace) -> tuple[Path, Settings]:
    root = Path(args.dir).resolve()
    return root, Settings(index_dir=root)


def _ray(address: str | None) -> None:
    if not address:
        return
    try:
        import ray
    except ImportError:
        raise RagError("Ray is not installed: pip install -e '.[cluster]'") from None
    host = address.rsplit(":", 1)[0]
    ray.init(address=address, _node_ip_address=host if host in ("127.0.0.1", "localhost")
             else None, log_to_driver=False)


def cmd_ingest(args: argparse.Namespace) -> int:
    from rag.cluster import ingest
    from rag.embedders import make_embedder
    from rag.loaders import load_paths

    root, settings = _settings(args)
    loaded = load_paths([Path(p) for p in args.paths])
    embedder = make_embedder(settings)
    _ray(args.address)
    embed = ingest.ray_embed(settings, args.actors) if args.address else None
    prepared = ingest.prepare(root, settings, embedder, loaded.documents, loaded.skipped,
                              n_shards=args.shards, rebuild=args.rebuild, embed=embed)
    report = ingest.commit(root, settings, embedder, prepared)
    if args.json:
        print(json.dumps({"documents": report.documents, "added": report.added,
                          "updated": report.updated, "unchanged": report.unchanged,
                          "chunks": report.chunks, "seconds": round(report.seconds, 2),
                          "total_documents": report.total_documents,
                          "total_chunks": report.total_chunks}))
    else:
        print(printable(report.summary()))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from rag.cluster import ingest

    root, settings = _settings(args)
    deleted, missing = ingest.delete(root, settings, args.doc_ids)
    for d in deleted:
        print(printable(f"deleted {d}"))
    for d in missing:
        print(printable(f"not found: {d}"), file=sys.stderr)
    return 0 if deleted or not missing else 1


def cmd_search(args: argparse.Namespace) -> int:
    from rag.cluster.engine import local_engine

    root, settings = _settings(args)
    for i, h in enumerate(local_engine(root, settings).searcher().search(
            args.question, args.k, args.retriever), 1):
        for line in hit_lines(i, h):
            print(line)
    return 0


def _one_line(text: object) -> str:
    """`text` on one line, as `rag.cli._one_line` writes it: a newline in a title or passage
    would forge a line of output."""
    return " ".join(str(text).split())


def hit_lines(i: int, h: Hit) -> list[str]:
    """The two lines `cluster search` prints for its `i`-th hit: rank, score, chunk id and
    title, then the passage's start; document text on one line each, made printable."""
    c = h.chunk
    return [printable(f"[{i}] {h.score:.4f} {_one_line(c.id)}  {_one_line(c.title)}"),
            printable(f"    {_one_line(c.text)[:160]}")]


def cmd_status(args: argparse.Namespace) -> int:
    from rag.cluster.manifest import read_manifest

    m = read_manifest(Path(args.dir))
    print(json.dumps({"generation": m.generation, "documents": m.documents,
                      "chunks": m.chunks, "updated_at": m.updated_at,
                      "shards": [{"name": s.name, "generation": s.generation,
                                  "documents": s.documents, "chunks": s.chunks}
                                 for s in m.shards]}, indent=2))
    return 0
