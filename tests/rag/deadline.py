"""A time limit for text processing that must not backtrack.

A backtracking regex over a long line runs for minutes to hours holding the GIL; under
`deadline` it is interrupted (the re engine checks for signals as it runs) and the test fails
saying how long it had run, instead of hanging the suite. Code that catches every exception
(a loader skipping the file it was reading) is interrupted again each 0.1 s, and the test fails
on the time it took.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import pytest


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail the test if the block runs longer than `seconds` (main thread only)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError

    start = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)  # again if code under test catches it
    interrupted = False
    try:
        yield
    except TimeoutError:
        interrupted = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    took = time.perf_counter() - start
    if interrupted:
        pytest.fail(f"still running after {took:.1f} s (limit {seconds} s): time more than "
                    "linear in the input's length?", pytrace=False)
    assert took < seconds, f"took {took:.1f} s (limit {seconds} s)"
