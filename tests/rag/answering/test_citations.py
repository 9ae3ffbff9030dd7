"""The citation checker and renumberer on small answers: what is kept, dropped and renumbered."""

from __future__ import annotations

import pytest

from rag.answering.citations import (
    StreamRenumberer,
    check_citations,
    markers_in,
    strip_markers,
)
from rag.answering.inert import inert
from rag.chunking import Chunk
from rag.retrieval import Hit


def _hit(doc_id: str, text: str = "Un passage.") -> Hit:
    return Hit(Chunk(doc_id, 0, text, 0, len(text), doc_id), 1.0)


PASSAGES = [_hit("a"), _hit("b"), _hit("c")]


def _docs(text: str) -> tuple[str, list[str]]:
    checked = check_citations(text, PASSAGES)
    return checked.text, [c.hit.chunk.doc_id for c in checked.citations]


def test_markers_are_renumbered_in_order_of_first_use() -> None:
    checked = check_citations("A [3]. B [1]. C [3].", PASSAGES)
    assert checked.text == "A [1]. B [2]. C [1]."
    assert [(c.n, c.hit.chunk.doc_id) for c in checked.citations] == [(1, "c"), (2, "a")]
    assert checked.dropped_markers == 0
    assert markers_in(checked.text) == [1, 2, 1]


def test_markers_out_of_range_are_dropped_with_their_space() -> None:
    checked = check_citations("A [5]. B [0] [2]. C [4, 1].", PASSAGES)
    assert checked.text == "A. B [1]. C [2]."
    assert [c.hit.chunk.doc_id for c in checked.citations] == ["b", "a"]
    assert checked.dropped_markers == 3
    # with no passage at all every marker goes, and the text still reads
    empty = check_citations("Rien [1] ici [2].", [])
    assert (empty.text, empty.citations, empty.dropped_markers) == ("Rien ici.", [], 2)


def test_a_passage_cited_twice_in_one_group_is_cited_once() -> None:
    assert _docs("A [2, 2]. B [1,1,  2].") == ("A [1]. B [2][1].", ["b", "a"])


def test_groups_and_ranges_become_one_marker_per_passage() -> None:
    assert _docs("A [1-3].") == ("A [1][2][3].", ["a", "b", "c"])
    assert _docs("A [3–2] [2, 1].") == ("A [1][2][3].", ["c", "b", "a"])  # en dash
    # a wide "range" is two numbers, not a span: 20 is no passage
    checked = check_citations("A [1-20].", PASSAGES)
    assert (checked.text, checked.dropped_markers) == ("A [1].", 1)


def test_adjacent_markers_are_each_read() -> None:
    assert _docs("Texte [2][3].") == ("Texte [1] [2].", ["b", "c"])
    assert _docs("Texte [3] [2], suite [2][3].") == ("Texte [1] [2], suite [2] [1].", ["c", "b"])


def test_markers_before_punctuation_stay_before_it() -> None:
    assert _docs("Fin[2]. Oui [1]! « Cité » [3], dit-il [2]…") == (
        "Fin [1]. Oui [2]! « Cité » [3], dit-il [1]…", ["b", "a", "c"])
    assert _docs("[2] ouvre la phrase.") == ("[1] ouvre la phrase.", ["b"])


def test_brackets_that_are_not_markers_are_left_alone() -> None:
    # words: editorial brackets, not citations
    text = "Il [le président] a parlé [sic] [du Kazakhstan] [OTSC]."
    checked = check_citations(text, PASSAGES)
    assert checked.text == text and checked.citations == []


def test_what_a_client_could_read_as_a_marker_becomes_parentheses() -> None:
    """Spaces inside, four digits, an escaped bracket (markdown shows `\\[1]` as `[1]`), what
    NFKC folds into brackets or digits: none is a citation, and none may reach a client as
    one (a `[2022]` left as it was reads as citation 2022)."""
    text = ("Il a parlé [ 2 ] en [2022] [1000] ; voir \\[1] et \\[3\\], le bilan ［3］, "
            "la note [¹] ou [①, ②].")
    checked = check_citations(text, PASSAGES)
    assert checked.text == ("Il a parlé (2) en (2022) (1000) ; voir (1) et (3), le bilan (3), "
                            "la note (1) ou (1, 2).")
    assert checked.citations == [] and checked.dropped_markers == 0
    assert _docs("Voir \\[1] puis [2].") == ("Voir (1) puis [1].", ["b"])
    assert _docs("Voir \\\\[1].") == ("Voir \\\\ [1].", ["a"])  # an escaped backslash


def test_a_run_of_ranges_is_read_not_a_crash() -> None:
    """"[1-2-3]" from a model was a ValueError (two ends expected)."""
    assert _docs("A [1-2-3].") == ("A [1][2][3].", ["a", "b", "c"])


@pytest.mark.parametrize("size", [1, 2, 3, 1000])
def test_a_streamed_look_alike_is_never_let_out_by_halves(size: int) -> None:
    """The stream held a "[" for 12 characters: "[1000000000000" then "0]" reached the client
    whole; an escaped or fullwidth one was not held at all."""
    model = "A [10000000000000000000] B \\[2\\] C ［3］ D [2]."
    pieces = [model[i:i + size] for i in range(0, len(model), size)]
    renum = StreamRenumberer(len(PASSAGES))
    sent = [renum.feed(p) for p in pieces] + [renum.flush()]
    out = "".join(sent)
    assert out == check_citations(model, PASSAGES).text == (
        "A (10000000000000000000) B (2) C (3) D [1].")


def test_markers_inside_quoted_source_text_are_inert() -> None:
    """A source's "[3]" quoted in an answer must not cite passage 3; only our own marker counts."""
    quoted = inert("La Russie a envoyé 3 000 soldats, selon l'OTSC [3] et l'agence TASS [1, 2].")
    assert "[3]" not in quoted and "(3)" in quoted and "(1, 2)" in quoted
    checked = check_citations(f"{quoted} [2]", PASSAGES)
    assert [c.hit.chunk.doc_id for c in checked.citations] == ["b"]
    assert markers_in(checked.text) == [1]
    assert checked.text.endswith("(3) et l'agence TASS (1, 2). [1]")


def test_strip_markers_removes_markers_and_their_space_only() -> None:
    assert strip_markers("A [1]. B [2][3], c [1, 2] [4-5].") == "A. B, c."
    assert strip_markers("Il [le président] a dit (3).") == "Il [le président] a dit (3)."


@pytest.mark.parametrize("size", [1, 2, 4, 1000])
def test_streamed_renumbering_matches_the_whole_text(size: int) -> None:
    """Markers split across streamed pieces ("[", "3", "]") are renumbered as a whole."""
    model = "A [3]. B et [1][3]. C [2, 2]. D [3-1]."
    pieces = [model[i:i + size] for i in range(0, len(model), size)]
    renum = StreamRenumberer(len(PASSAGES))
    out = "".join(renum.feed(p) for p in pieces) + renum.flush()
    assert out == check_citations(model, PASSAGES).text == (
        "A [1]. B et [2] [1]. C [3]. D [1][2].")
    assert renum.mapping == {3: 1, 1: 2, 2: 3}


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_a_marker_repeated_back_to_back_is_shown_once(size: int) -> None:
    """A small model writes "[2][2]" or "[2] [2]": one citation of passage 2, streamed or not;
    the same passage cited again after other words stays."""
    model = "A [2][2]. B [2] [2] [3]. C [3] puis [3]."
    assert check_citations(model, PASSAGES).text == "A [1]. B [1] [2]. C [2] puis [2]."
    pieces = [model[i:i + size] for i in range(0, len(model), size)]
    renum = StreamRenumberer(len(PASSAGES))
    out = "".join(renum.feed(p) for p in pieces) + renum.flush()
    assert out == "A [1]. B [1] [2]. C [2] puis [2]."


@pytest.mark.parametrize("size", [1, 2, 1000])
def test_a_marker_at_the_start_of_a_line_keeps_its_line_break(size: int) -> None:
    """A list the model writes one item per line keeps its lines; a marker glued to a word
    still gets its space."""
    model = "fin [3]\n[1] suite. A[2]."
    assert check_citations(model, PASSAGES).text == "fin [1]\n[2] suite. A [3]."
    pieces = [model[i:i + size] for i in range(0, len(model), size)]
    renum = StreamRenumberer(len(PASSAGES))
    assert "".join(renum.feed(p) for p in pieces) + renum.flush() == "fin [1]\n[2] suite. A [3]."


def test_a_model_answer_loses_bidi_controls_checked_and_streamed() -> None:
    """Security review 47 (F3): an override a model copies from a source reorders nothing."""
    text = "Le bloc [1] a \u202eenvoyé\u202c des troupes [2] \u2066ici\u2069."
    checked = check_citations(text, PASSAGES)
    assert not any(c in checked.text for c in "\u202e\u202c\u2066\u2069")
    assert checked.text == "Le bloc [1] a envoyé des troupes [2] ici."
    stream = StreamRenumberer(len(PASSAGES))
    shown = "".join(stream.feed(piece) for piece in (text[:12], text[12:30], text[30:]))
    shown += stream.flush()
    assert not any(c in shown for c in "\u202e\u202c\u2066\u2069")
