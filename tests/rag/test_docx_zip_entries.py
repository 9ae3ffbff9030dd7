"""A .docx whose zip lists hundreds of thousands of entries: zipfile built them all before they
were counted (380,000 in a 19.3 MB file: 2.3 s and 220 MB; forty-seventh review, F4). They are
counted from the zip's bytes first, and the file is refused before zipfile reads it."""

from __future__ import annotations

import struct
import zipfile
from typing import Any

import pytest

from rag.loaders_office import MAX_DOCX_PARTS, Unreadable, read_docx
from tests.rag.test_loaders_office_bombs import word_file


def many_entries_zip(entries: int, declared: int | None = None, zip64: bool = False) -> bytes:
    """One empty stored file, then a central directory of `entries` entries pointing at it;
    its end record declares `declared` entries (default: as many), in a zip64 end record when
    `zip64`."""
    name = b"a"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
    central = b"".join(
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(n), 0, 0, 0,
                    0, 0, 0) + n for n in (b"%x" % i for i in range(entries)))
    count = entries if declared is None else declared
    data = local + central
    if zip64:
        data += struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count,
                            len(central), len(local))
        data += struct.pack("<4sLQL", b"PK\x06\x07", 0, len(local) + len(central), 1)
        return data + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                                  0xFFFFFFFF, 0)
    return data + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central),
                              len(local), 0)


@pytest.fixture
def zips_opened(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many zipfile.ZipFile were built (sizes of the files they read)."""
    opened: list[int] = []
    original = zipfile.ZipFile

    class Counted(original):  # type: ignore[misc,valid-type]
        def __init__(self, file: Any, *args: Any, **kwargs: Any) -> None:
            opened.append(len(file.getbuffer()) if hasattr(file, "getbuffer") else -1)
            super().__init__(file, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", Counted)
    return opened


@pytest.mark.parametrize(("data", "parts"), [
    pytest.param(lambda: many_entries_zip(20_000), 20_000, id="as-declared"),
    # zipfile reads the central directory by its size, whatever count the end record says
    pytest.param(lambda: many_entries_zip(20_000, declared=1), 20_000, id="declared-fewer"),
    pytest.param(lambda: many_entries_zip(70_000, zip64=True), 70_000, id="zip64"),
    pytest.param(lambda: many_entries_zip(1, declared=1_000_000, zip64=True), 1_000_000,
                 id="zip64-declared-more"),
])
def test_docx_of_too_many_zip_entries_is_refused_before_zipfile_lists_them(
        zips_opened: list[int], data: object, parts: int) -> None:
    assert callable(data)
    docx_bytes = data()
    assert len(docx_bytes) < 4 << 20

    with pytest.raises(Unreadable) as refused:
        read_docx(docx_bytes)

    assert str(refused.value) == f"Word file with {parts} parts (limit {MAX_DOCX_PARTS})"
    assert zips_opened == [], "zipfile read the file"


def test_docx_of_ordinary_zip_entries_is_read(zips_opened: list[int]) -> None:
    doc = read_docx(word_file(b"<w:p><w:r><w:t>Le volcan Zorglub dort.</w:t></w:r></w:p>"))

    assert "Le volcan Zorglub dort." in doc.text
    assert zips_opened  # (the spy sees zipfile)
