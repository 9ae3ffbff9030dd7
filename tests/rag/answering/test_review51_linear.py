"""Fifty-first review: a question's run of spaces after "did" was split every way between two
quantifiers of `presupposed._PAST_ASKED` (F0: a 2,000-character question held the server 10 s);
`speakers._AFTER` read a run of capitalised credit words ("Selon Selon ...") to its end from
each of them (F2, quadratic); and a question naming 220 places had each looked for in every
word of every sentence retrieved (F3, 2-5 s an /ask). The runs are read once now, a credited
name is of five words at most, and a question gives `FOCUS_MOST` focus names at most."""

from __future__ import annotations

import pytest

from rag.answering.presupposed import _PAST_ASKED, event_asked_done
from rag.answering.speakers import _AFTER, credited
from tests.rag.deadline import deadline


@pytest.mark.parametrize("run", [" ", "\u00a0", "\t", " \n"])
def test_past_asked_reads_a_run_of_spaces_once(run: str) -> None:
    with deadline(1.0):
        assert event_asked_done("What did the conference did" + run * 50_000 + "x?") == ""
        assert event_asked_done("What did the conference did x" + run * 50_000
                                + "decidex?") == ""
        assert _PAST_ASKED.search("meeting " + ("did" + run * 30 + "a ") * 2_000) is None
        assert _PAST_ASKED.search("meeting " + "did " * 25_000) is None
    # ... runs of spaces still count for nothing: "did" and the verb at most 60 characters
    # apart, past them
    assert event_asked_done("What did   the summit" + run * 100 + "decide?") == "summ"
    assert event_asked_done("What did" + run * 2 + "decide the vote?") == "vote"


@pytest.mark.parametrize(("question", "event"), [
    ("What did the leaders decide at the Geneva summit?", "summ"),
    ("Did the meeting achieve anything?", "meet"),
    ("What did the talks result in?", "talk"),
    ("What did the CSTO leaders at the emergency meeting in Moscow decide?", "meet"),
    ("What was decided at the Lugano conference?", "conf"),
    ("Qu'a décidé la réunion de Genève ?", "reun"),
    ("What did Nazarenko hope would be true by the time of the conference?", ""),
    ("In which city was a conference due to take place?", ""),
    ("What could the summit decide?", ""),
    # (more than 60 characters between "did" and the verb: as before)
    ("What did the delegates of the twelve member states meeting in the capital city finally "
     "decide?", ""),
])
def test_past_asked_of_ordinary_questions_is_unchanged(question: str, event: str) -> None:
    assert event_asked_done(question) == event


@pytest.mark.parametrize("text", ["Selon\t" * 10_000 + "x.", "Selon " * 10_000 + "x.",
                                  "»" + " " * 60_000 + "x", "Selon " * 10 + "A" * 60_000 + " x",
                                  "said " + "Aa " * 20_000 + "x"])
def test_credited_is_linear(text: str) -> None:
    with deadline(1.0):
        assert credited(text) == []


@pytest.mark.parametrize(("text", "names"), [
    ("«Nous appelons au calme», ajoute Laurent Goetschel.", [{"laurent", "goetschel"}]),
    ("Selon Emilia Nazarenko, la situation est grave.", [{"emilia", "nazarenko"}]),
    ("Il l'a déclaré à Sputnik Earl Rasmussen.", [{"sputnik", "earl", "rasmussen"}]),
    ("« C'est une stupidité totale », a-t-il dit Stanislav Zas.", [{"stanislav", "zas"}]),
    ("«Rien ne change»,   a déclaré Jen Psaki.", [{"jen", "psaki"}]),
    ("according to Secretary General Jens Stoltenberg.", [{"jens", "stoltenberg"}]),
    ("D'après le ministère de la Défense, 3 000 soldats ont été envoyés.", [{"defense"}]),
    ("Le président a déclaré à Genève que tout allait bien.", []),
    ("US officials told Reuters that troops would leave.", []),
])
def test_credited_of_ordinary_sentences_is_unchanged(text: str, names: list[set[str]]) -> None:
    assert credited(text) == names


def test_a_credited_name_is_of_five_words_at_most() -> None:
    m = _AFTER.search("selon Alpha Beta Gamma Delta Epsilon Zeta.")
    assert m is not None and m.group(1) == "Beta Gamma Delta Epsilon Zeta"
