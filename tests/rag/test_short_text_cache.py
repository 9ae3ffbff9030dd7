"""rag/short_text_cache.py: short texts cached as lru_cache does; a long text is cached apart,
a few entries by its digest, never held; the cached function pickles by name."""

from __future__ import annotations

import pickle

from rag.answering.countries import nations_of
from rag.sentences import CACHED_SENTENCE_CHARS
from rag.short_text_cache import LONG_ENTRIES, short_text_cache


def test_a_long_text_is_read_once_and_not_held() -> None:
    """Diff review 43: bypassing the cache for long texts read a 20,000-character claim once
    per passage again (`_offices_given`: 50 calls over 50 passages; review 25 F2)."""
    calls: list[int] = []

    @short_text_cache(8)
    def words(text: str, lang: str = "fr") -> int:
        calls.append(len(text))
        return len(text.split())

    long = "mot " * CACHED_SENTENCE_CHARS
    assert words(long) == words(long) == CACHED_SENTENCE_CHARS
    assert len(calls) == 1 and words.long_entries() == 1
    assert words.cache_info().currsize == 0  # the short texts' cache never saw it
    for i in range(LONG_ENTRIES + 5):
        words(f"{i} " + long)
    assert words.long_entries() == LONG_ENTRIES  # a few, by digest
    assert words("deux mots") == 2 and words("deux mots") == 2
    assert calls.count(len("deux mots")) == 1 and words.cache_info().currsize == 1
    words.cache_clear()
    assert words.long_entries() == 0 and words.cache_info().currsize == 0


def test_a_cached_function_pickles_by_name() -> None:
    """Diff review 43: the wrapper did not pickle (lru_cache's functions pickle by name;
    Ray ships functions by pickling)."""
    assert pickle.loads(pickle.dumps(nations_of)) is nations_of


def test_a_long_word_is_kept_in_no_name_cache() -> None:
    """Forty-fourth review, F2: a /verify claim and passage of one 9,500-letter capitalised
    word left it in the name caches (same_name, the edit distance, the skeleton: up to
    65,536 entries each) and the border cache kept the whole passage; words longer than a
    name are compared uncached now, and a long passage is kept by digest."""
    from rag.answering import anchors, borders

    word = "b" * 9_500
    anchors._same_name.cache_clear()
    anchors._skeleton.cache_clear()
    anchors._banded_distance.cache_clear()
    assert anchors.same_name(word, "d" * 9_500, True) is False
    assert anchors.same_name(word, word, True) is True
    anchors.skeleton(word)
    kept = [anchors._same_name.cache_info().currsize, anchors._skeleton.cache_info().currsize,
            anchors._banded_distance.cache_info().currsize]
    assert kept == [0, 0, 0]
    assert anchors.same_name("tokayev", "tokaiev", True)  # names are cached as before
    assert anchors._same_name.cache_info().currsize == 1
    passage = "Le Kazakhstan partage une frontière avec la Chine. " + "mot " * 2_000
    borders._border_sides.cache_clear()
    borders.border_swapped("Le Kazakhstan a une frontière avec la Russie.", passage)
    assert borders._border_sides.cache_info().currsize == 0
    assert borders._border_sides.long_entries() == 1
