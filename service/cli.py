"""`rag serve` and `rag cluster serve`: the commands that run the HTTP service.

They are added to rag's command line through the `rag.commands` entry point (pyproject.toml),
so the library's CLI lists and runs them without importing the service itself.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from rag import RagError
from service.settings import ServiceSettings

Add = Callable[[str, str, Callable[[argparse.Namespace], int]], argparse.ArgumentParser]


def register(parser: argparse.ArgumentParser, add: Add) -> None:
    """Add `serve` (with rag's common options, through `add`) and `cluster serve`."""
    sp = add("serve", "run the HTTP service (builds the default index from the corpus if "
             "missing)", cmd_serve)
    sp.add_argument("--build", action="store_true",
                    help="build a missing index from RAG_CORPUS_DIR at a non-default --index "
                    "too (otherwise refused: a typo or an unmounted volume)")
    sp.add_argument("--host", default=None, help="bind address (default RAG_HOST, 127.0.0.1)")
    sp.add_argument("--port", type=int, default=None, help="port (default RAG_PORT, 8000)")
    cluster = _subcommands(parser).choices.get("cluster")
    if cluster is not None:
        _add_cluster_serve(_subcommands(cluster))


def _subcommands(parser: argparse.ArgumentParser
                 ) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def cmd_serve(args: argparse.Namespace) -> int:
    from rag.engine import Engine, builds_missing_index
    from service.app import create_app
    from service.server import run_server

    settings = ServiceSettings(index_dir=Path(args.index)) if args.index else ServiceSettings()
    missing = not settings.index_dir.joinpath("store.sqlite").exists()
    if missing and not builds_missing_index(settings, True if args.build else None):
        raise RagError(f"no index at {settings.index_dir}: check the path (only the default "
                       "index is built automatically); run `rag ingest PATH --index DIR` "
                       "first, or pass --build to build it from RAG_CORPUS_DIR")
    host = args.host or settings.host
    port = args.port or settings.port
    settings = settings.model_copy(update={"host": host})  # trusted Host names derive from it
    logging.getLogger("rag.service").setLevel(logging.INFO)
    print(f"Loading the index and model ({settings.index_dir}) ...", file=sys.stderr)
    app = create_app(settings, Engine(settings, auto_build=True) if args.build else None)
    print(_serving(host, port, settings), file=sys.stderr)
    run_server(app, settings, host, port)  # the options `cluster serve --local` has too
    return 0


def _serving(host: str, port: int, settings: ServiceSettings) -> str:
    """The start line; it names /docs only when the page is served (RAG_DOCS_PAGES: off by
    default, review 48 F3; the line named it anyway: security review 50, note)."""
    docs = " (API docs at /docs)" if settings.docs_pages else ""
    return f"Serving on http://{host}:{port}{docs}"


def _add_cluster_serve(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from rag.cluster.cli import DEFAULT_DIR

    text = "serve the HTTP API on Ray Serve (or in this process with --local)"
    sp = actions.add_parser("serve", help=text, description=text)
    sp.add_argument("--dir", default=DEFAULT_DIR, metavar="DIR",
                    help=f"cluster index directory (default ./{DEFAULT_DIR}); on a real "
                    "cluster a path every node sees (shared filesystem)")
    sp.add_argument("--address", help="Ray cluster (HOST:PORT)")
    sp.add_argument("--local", action="store_true", help="no Ray: uvicorn, shards in-process")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--replicas", type=int, default=2, help="replicas per shard")
    sp.add_argument("--shard-cpus", type=float, default=0.5)
    sp.add_argument("--shard-memory-mb", type=int, default=512)
    sp.add_argument("--routers", type=int, default=1, help="router (HTTP app) replicas")
    sp.set_defaults(func=cmd_cluster_serve)


def cmd_cluster_serve(args: argparse.Namespace) -> int:
    from rag.cluster.cli import _ray as connect_ray
    from service import cluster

    root = Path(args.dir).resolve()
    settings = ServiceSettings(index_dir=root, host=args.host)
    logging.getLogger("rag.service").setLevel(logging.INFO)  # a line per request, as `serve`
    if args.local:
        from service.server import run_server

        app = cluster.cluster_app(root, settings, cluster.local_engine(root, settings))
        print(_serving(args.host, args.port, settings), file=sys.stderr)
        run_server(app, settings, args.host, args.port)  # the options `rag serve` has
        return 0
    if not args.address:
        raise RagError("serve needs --address HOST:PORT of a Ray cluster (or --local)")
    connect_ray(args.address)
    cluster.run(root, settings, host=args.host, port=args.port, replicas=args.replicas,
                shard_cpus=args.shard_cpus, shard_memory_mb=args.shard_memory_mb,
                router_replicas=args.routers)
    print(f"Serving on http://{args.host}:{args.port} (Ray Serve app {cluster.APP_NAME!r}; "
          "stop with `serve shutdown -y` or `ray stop`)", file=sys.stderr)
    return 0
