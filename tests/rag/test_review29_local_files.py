"""Twenty-ninth review: files a user names on the command line, and an index's manifest, are
read only when they are regular files of a bounded size. `rag verify --passages /dev/zero` and
`rag eval --gold /dev/zero` read until memory ran out (a MemoryError traceback under a 2 GB
limit, all of the machine's memory without one); a FIFO blocked them for ever; a
`manifest.json` linked to /dev/zero or made a FIFO did the same to every load of the index."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rag.config import Settings
from rag.embedders.e5 import E5Embedder
from rag.errors import IndexCorruptError
from rag.ingest import Ingestor
from rag.store import IndexStore
from tests.conftest import ROOT, small_docs

AS_LIMIT = 2 * 1024 ** 3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env["PYTHONPATH"] = str(ROOT)
    try:
        return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args} still running after {timeout} s")


@pytest.fixture()
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("hostile", ["/dev/zero", "fifo"])
def test_cli_refuses_a_device_or_pipe_named_as_a_file(tmp_path: Path, fifo: Path,
                                                      hostile: str) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("Russia sent 3,000 people [1].", encoding="utf-8")
    passage = tmp_path / "passage.txt"
    passage.write_text("La Russie a envoyé quelque 3 000 personnes.", encoding="utf-8")
    bad = str(fifo) if hostile == "fifo" else hostile
    for args in (["verify", "--answer", str(answer), "--passages", bad],
                 ["verify", "--answer", bad, "--passages", str(passage)],
                 ["eval", "--gold", bad]):
        out = _run("-m", "rag.cli", *args, timeout=40)
        assert out.returncode == 1, (args, out.returncode, out.stderr[-500:])
        assert "Traceback" not in out.stderr, out.stderr[-500:]
        assert "not a regular file" in out.stderr, out.stderr[-500:]


def test_regular_gold_files_still_read(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "q1", "question": "Où a décollé Ariane 6 ?", "doc_ids": ["astro"]}'
                    '\r\n', encoding="utf-8")
    from rag.evaluation.evals import load_gold

    assert [g.question for g in load_gold(gold)] == ["Où a décollé Ariane 6 ?"]


@pytest.fixture()
def built_index(tmp_path: Path, embedder: E5Embedder) -> tuple[Path, Ingestor]:
    root = tmp_path / "index"
    ing = Ingestor(Settings(index_dir=root), embedder, IndexStore(root))
    ing.run(small_docs())
    return root, ing


def test_manifest_linked_to_dev_zero_is_damaged_not_read(
        built_index: tuple[Path, Ingestor]) -> None:
    root, _ = built_index
    (root / "manifest.json").unlink()
    (root / "manifest.json").symlink_to("/dev/zero")
    code = ("import sys\nfrom pathlib import Path\nfrom rag.store import IndexStore\n"
            "from rag.errors import IndexCorruptError\n"
            f"try:\n    IndexStore(Path({str(root)!r})).read_manifest()\n"
            "except IndexCorruptError as exc:\n    print('corrupt:', exc)\n")
    out = _run("-c", code, timeout=40)
    assert out.returncode == 0 and "corrupt:" in out.stdout, (out.stdout, out.stderr[-500:])
    assert "not a regular file" in out.stdout


def test_manifest_fifo_is_rebuilt_not_waited_on(built_index: tuple[Path, Ingestor]) -> None:
    root, ing = built_index
    manifest = root / "manifest.json"
    manifest.unlink()
    os.mkfifo(manifest)
    result: dict[str, object] = {}

    def load() -> None:
        try:
            result["snap"] = IndexStore(root).load(ing.identity)
        except Exception as exc:  # reported below
            result["error"] = exc

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # unblock the open so the thread ends, then fail
        fd = os.open(manifest, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(30)
        pytest.fail("loading the index waited on a FIFO named manifest.json")
    assert "error" not in result, result
    assert manifest.is_file() and not manifest.is_fifo()  # rebuilt, a regular file again
    with pytest.raises(IndexCorruptError):
        manifest.unlink()
        os.mkfifo(manifest)
        IndexStore(root).read_manifest()
