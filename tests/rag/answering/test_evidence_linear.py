"""Security review 51 F1: the range pattern of the comparison rules ("entre 100 et 200") read a
run of spaces after "de" in cubic time (1,000 spaces: 8.7 s a sentence, holding the GIL), from
a document anyone with an upload could index and a "How did X compare ...?" question."""

from __future__ import annotations

from rag.answering.evidence import _RANGE, _compares
from tests.rag.deadline import deadline


def test_a_run_of_spaces_after_de_is_read_in_linear_time() -> None:
    sentence = "L'aide américaine au Kazakhstan est passée de" + " " * 20_000 + "x."
    with deadline(2.0):
        assert _RANGE.search(sentence) is None
        assert not _compares(sentence)


def test_ranges_are_still_one_figure() -> None:
    for text, left in [("entre 100 et 200 personnes", " 200 personnes"),
                       ("de 3 000 à 4 000 soldats", " 4 000 soldats"),
                       ("between 1,000 and 2,000 troops", " 2,000 troops"),
                       ("de 3 000 et 4 000", " 4 000")]:
        assert _RANGE.sub(" ", text) == left
