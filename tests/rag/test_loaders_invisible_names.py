"""Thirty-fifth review, F3: ids and upload names holding invisible characters that the
hand-written list missed (the Arabic letter mark, tag characters, the soft hyphen, the Hangul
filler) were accepted and listed as written; every format, separator, private-use or
unassigned character is refused now, and ordinary accented, CJK or emoji names still pass."""

from __future__ import annotations

import pytest

from rag.loaders import _Skip, check_doc_id, upload_name


@pytest.mark.parametrize("bad", ["a\u061cb", "x\U000e0041\U000e0042y", "a\u00adb", "a\u3164b",
                                 "a\ue000b", "a\u2029b"])
def test_invisible_characters_are_refused_in_ids_and_names(bad: str) -> None:
    with pytest.raises(_Skip, match="invisible"):
        check_doc_id(bad)
    with pytest.raises(ValueError, match="invisible"):
        upload_name(f"rapport{bad}.txt")


@pytest.mark.parametrize("good", ["Tokaïev-été", "東京の記事", "rapport 😀", "Ça ira"])
def test_visible_names_pass(good: str) -> None:
    assert check_doc_id(good) == good
    assert upload_name(f"{good}.txt") == f"{good}.txt"
