"""Fifty-first review: a question's run of spaces after "did" was split every way between two
quantifiers of `presupposed._PAST_ASKED` (F0: a 2,000-character question held the server 10 s);
`speakers._AFTER` read a run of capitalised credit words ("Selon Selon ...") to its end from
each of them (F2, quadratic); and a question naming 220 places had each looked for in every
word of every sentence retrieved (F3, 2-5 s an /ask). The runs are read once now, a credited
name is of five words at most, and a question gives `FOCUS_MOST` focus names at most."""

from __future__ import annotations

import pytest

from rag.answering import evidence
from rag.answering.evidence import gather_evidence
from rag.answering.presupposed import _PAST_ASKED, event_asked_done
from rag.answering.question import FOCUS_MOST, analyse_question
from rag.answering.speakers import _AFTER, credited
from rag.retrieval import Hit
from rag.store import Chunk
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


_PLACES = [f"{c}{v}rtanol" for c in "BCDFGHJKLMNPRSTVZ" for v in "aeiou"]  # 85 names


def test_a_question_gives_at_most_focus_most_names() -> None:
    question = ("Combien de soldats ont été envoyés " + " ".join(f"à {p}" for p in _PLACES)
                + " ?")
    info = analyse_question(question)
    assert info.focus == tuple(p.lower() for p in _PLACES[:FOCUS_MOST])
    # ... while a question naming a few keeps them all
    info = analyse_question("Apart from Almaty, Pavlodar, Aktobe, Nur-Sultan and Karaganda, "
                            "which other Kazakh cities are covered by the American Corners "
                            "programme?")
    assert len(info.focus) == 8 < FOCUS_MOST
    info = analyse_question("Combien de soldats ont été envoyés à Almaty et à Aktobe ?")
    assert info.focus == info.places == ("almaty", "aktobe")


def test_focus_scoring_does_not_grow_with_the_names_asked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The names each looked for in every word of every sentence: as many lookups for 85
    names as for `FOCUS_MOST` of them (not 5 times as many)."""
    passage = ("La Russie a envoyé 3 000 soldats au Kazakhstan, selon le ministère de la "
               "Défense. " * 12)[:1000]
    hits = [Hit(Chunk(f"d{i}", 0, passage, 0, len(passage), "Kazakhstan"), 1.0)
            for i in range(5)]
    calls = [0]
    has_focus = evidence._has_focus

    def counted(name: str, words: set[str]) -> bool:
        calls[0] += 1
        return has_focus(name, words)

    monkeypatch.setattr(evidence, "_has_focus", counted)
    spent = []
    for places in (_PLACES[:FOCUS_MOST], _PLACES):
        calls[0] = 0
        gather_evidence("Combien de soldats ont été envoyés "
                        + " ".join(f"à {p}" for p in places) + " ?",
                        hits, None, None, lambda _: 1.0, "french")
        spent.append(calls[0])
    assert spent[0] > 0 and spent[1] <= spent[0] * 1.1, spent
