"""Reading a file a user names on the command line (or an index's small files) without
following it into a device or a pipe.

`Path.read_text` reads until end of file: `/dev/zero` (or a link to it) grew without bound
until the process died, and a FIFO blocked the open itself, waiting for a writer that never
came (twenty-ninth review). The file is opened without blocking, must be a regular file once
open (what it is, not what its name said before: no race with a swap), and is read up to a
bound, past which it is refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rag.errors import RagError

MAX_USER_FILE_BYTES = 256 * 1024 * 1024


class NotARegularFile(RagError):
    """The path names a device, a pipe, a socket or a directory, or a file over the bound."""


def read_file_bytes(path: str | Path, limit: int = MAX_USER_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path`: NotARegularFile for anything else (a device,
    a FIFO, a directory) or past `limit` bytes; OSError when it cannot be opened."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(f"{path} is not a regular file")
        if st.st_size > limit:
            raise NotARegularFile(f"{path} is larger than {limit} bytes")
        data = f.read(limit + 1)
    if len(data) > limit:  # grew while it was read
        raise NotARegularFile(f"{path} is larger than {limit} bytes")
    return data


def read_file_text(path: str | Path, limit: int = MAX_USER_FILE_BYTES,
                   encoding: str = "utf-8") -> str:
    """`read_file_bytes` decoded (UnicodeDecodeError as `bytes.decode` raises it), line ends
    read as `Path.read_text` reads them ("\r\n" and "\r" as "\n")."""
    text = read_file_bytes(path, limit).decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n")
