"""The time one load (the files of an upload request) may spend parsing, all its files
together, and whether its client still wants it.

A PDF has PDF_READ_SECONDS of its own and a Word file a node cap of its own, but an upload
may hold a thousand files: three 5.5 KB PDFs built to take 10.8 s each kept the server busy
39 s after their client had hung up, and 1,000 such files fit in one 20 MiB request (about
8 hours; twenty-fourth review, F1). Readers check the clock between files, between PDF pages
and operators, and as Word XML is counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rag.errors import RagError

# What the files of one upload request may take to parse, all of them together (a real
# request of a hundred ordinary PDFs takes a few seconds).
UPLOAD_READ_SECONDS = 60.0


class ReadTooSlow(RagError):
    """The files of one load took longer than its clock allows to parse: nothing is kept."""


class ReadCancelled(RagError):
    """The load's client went away: nothing is kept, nobody reads the answer."""


class ReadClock:
    """A deadline (None: none) and a `cancelled` callable, read by the loaders."""

    def __init__(self, seconds: float | None = UPLOAD_READ_SECONDS,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self._cancelled = cancelled

    def _stop(self) -> RagError | None:
        if self._cancelled is not None and self._cancelled():
            return ReadCancelled("the client went away")
        if self.deadline is not None and time.monotonic() > self.deadline:
            return ReadTooSlow(f"the files took over {self.seconds:g} s to read in all (limit "
                               "per request); send fewer or smaller files in each request")
        return None

    def late(self) -> bool:
        """Whether the load is to stop (cheap enough to ask every few thousand operators)."""
        return self._stop() is not None

    def check(self) -> None:
        """ReadCancelled or ReadTooSlow when the load is to stop."""
        if (stop := self._stop()) is not None:
            raise stop
