"""Twenty-ninth review: the title reader fed html.parser the whole head, however long, when
the page closed it (`</head>` 5 MB in): one tag of 1,250,000 `a=b` attributes (a 5 MB page,
the URL fetch cap) took 1 GB of memory and 3 s, 20 MB (an upload) about four times that. The
head is read for its first 500,000 characters, as a page without `</head>` always was."""

from __future__ import annotations

import tracemalloc

from rag.markup import html_title


def test_a_huge_head_is_read_for_its_start_only() -> None:
    page = ("<html><head><title>Orage sur Lyon</title><meta " + "a=b " * 600_000
            + "></head><body><p>Un orage.</p></body></html>")
    tracemalloc.start()
    try:
        title = html_title(page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert title == "Orage sur Lyon"
    assert peak < 120 * 1024 * 1024, peak  # before: ~400 MB for this 2.4 MB head


def test_titles_of_ordinary_heads_unchanged() -> None:
    assert html_title("<html><head><title>A | Site</title><meta property='og:site_name' "
                      "content='Site'></head><body></body></html>") == "A"
    assert html_title("<head><meta property='og:title' content='B'></head>") == "B"
