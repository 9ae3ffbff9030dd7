"""Page numbers of passages: documents read page by page (PDF, Word) keep where each page
starts (`metadata["pages"] = [[offset, page_no], ...]`); a chunk is on the page where it
starts. Citations name it ("p. 3") so a reader can find the passage in the original."""

from __future__ import annotations

import bisect
from typing import Any


def page_starts(value: Any) -> list[tuple[int, int]] | None:
    """The `pages` metadata as sorted (offset, page) pairs; None when absent or not that
    shape (a JSONL document may carry its own `pages` field meaning something else)."""
    if not isinstance(value, list) or not value:
        return None
    out: list[tuple[int, int]] = []
    for item in value:
        if (not isinstance(item, list | tuple) or len(item) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in item)):
            return None
        out.append((item[0], item[1]))
    return sorted(out)


def page_at(starts: list[tuple[int, int]] | None, offset: int) -> int | None:
    """The page holding character `offset` of the document text."""
    if not starts:
        return None
    i = bisect.bisect_right([s for s, _ in starts], offset) - 1
    return starts[max(i, 0)][1]
