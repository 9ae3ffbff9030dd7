"""Sentence spans: exact offsets, French and English abbreviations, quotes, markers."""

from __future__ import annotations

import itertools

import pytest

from rag.sentence_store import chunk_sentences
from rag.sentences import joined_sentences, split_sentences
from tests.conftest import ARTICLES
from tests.rag.deadline import deadline


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("a déclaré M. Tokaïev. Puis il est parti.", ["a déclaré M. Tokaïev.", "Puis il est parti."]),
    ("MM. Dupont et Durand sont là. Mme Psaki aussi.",
     ["MM. Dupont et Durand sont là.", "Mme Psaki aussi."]),
    ("Le chef J. Borrell parle. Fin.", ["Le chef J. Borrell parle.", "Fin."]),
    ("The U.S. State Department said so. The U.S. economy grew.",
     ["The U.S. State Department said so.", "The U.S. economy grew."]),
    ("He lives in the U.K. The rest is history.",
     ["He lives in the U.K.", "The rest is history."]),
    ("Dr. Smith met Prof. Jones and St. Peter. Done.",
     ["Dr. Smith met Prof. Jones and St. Peter.", "Done."]),
    ("Des armes, p. ex. des fusils, etc. Le reste suit.",
     ["Des armes, p. ex. des fusils, etc.", "Le reste suit."]),
    ("Il y avait 3.5 tonnes, publié le 7.1.2022. Ensuite.",
     ["Il y avait 3.5 tonnes, publié le 7.1.2022.", "Ensuite."]),
    ("Et puis... rien. Alors… Il partit.", ["Et puis... rien.", "Alors…", "Il partit."]),
    ("« Stupidité totale ! », a dit M. Zas. Ensuite", ["« Stupidité totale ! », a dit M. Zas.",
                                                      "Ensuite"]),
    ("Il a dit : « Je pars. » Puis il est parti.",
     ["Il a dit : « Je pars. »", "Puis il est parti."]),
    ("Pourquoi ? demande-t-il. Non !", ["Pourquoi ? demande-t-il.", "Non !"]),
    ("Titre\nLigne deux sans point\n\nTroisième.", ["Titre", "Ligne deux sans point",
                                                     "Troisième."]),
    ("Russia sent 3,000 [1]. Armenia sent 100. [2] Then", ["Russia sent 3,000 [1].",
                                                          "Armenia sent 100. [2]", "Then"]),
    # a month cut short before its day or year ends no sentence; seven in French may
    ("Emergency lasts until Jan. 19. Then calm.", ["Emergency lasts until Jan. 19.",
                                                   "Then calm."]),
    ("Publié le 5 janv. 2022. Fin.", ["Publié le 5 janv. 2022.", "Fin."]),
    ("Ils étaient sept. 19 sont partis.", ["Ils étaient sept.", "19 sont partis."]),
    ("It ended in Jan. The rest followed.", ["It ended in Jan.", "The rest followed."]),
    ("  ", []),
])
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_are_exact_on_the_articles() -> None:
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        spans = split_sentences(text)
        assert len(spans) > 20
        for s in spans:
            assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_joined_sentences_keep_a_continuation_with_its_sentence() -> None:
    text = "« Nous partons demain. »\n, a déclaré le ministre. Puis il est parti."
    spans = joined_sentences(text)
    assert [s.text for s in spans] == ["« Nous partons demain. »\n, a déclaré le ministre.",
                                       "Puis il est parti."]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_chunk_sentences_carry_document_offsets() -> None:
    doc = "Titre.\n\nLe pont mesure 343 m. Il a été inauguré en 2004.   Fin du texte."
    start = doc.index("Le pont")
    chunk = doc[start:]
    got = chunk_sentences(chunk, start)
    assert [doc[s.start:s.end] for s in got] == [
        "Le pont mesure 343 m.", "Il a été inauguré en 2004.", "Fin du texte."]
    assert [s.idx for s in got] == [0, 1, 2]
    assert chunk_sentences("x" * 1300 + ". Court.", 0)[0].text == "Court."  # too long: skipped


def test_a_long_text_is_split_in_linear_time() -> None:
    """The word before each dot was searched for from the text's start: 152 KB took 32 s."""
    text = "Le ministre a parlé. " * 8000  # 168 KB, 8 000 sentence ends
    with deadline(10):
        spans = split_sentences(text)
    assert len(spans) == 8000


@pytest.mark.parametrize("mark", [".", "!", "?", "…"])
def test_a_run_of_terminators_is_read_once(mark: str) -> None:
    """Each terminator of a run started a candidate that read the rest of the run: 20,000 dots
    before a letter took 20 s, holding the GIL (eleventh review, F1)."""
    with deadline(2):
        spans = split_sentences("Il a dit" + mark * 20_000 + "x. Puis il est parti.")
    assert spans[-1].text == "Puis il est parti."
    # ... and a run still ends a sentence as one
    assert [s.text for s in split_sentences("Quoi ?!! Non...")] == ["Quoi ?!!", "Non..."]


@pytest.mark.parametrize("run", ["«", ".", "!»"])
def test_a_long_run_of_marks_in_the_next_word_is_read_once(run: str) -> None:
    """Thirty-sixth review, F1: after a dot, a word of a capital, 20,000 marks and a letter took
    4 s to split (the marks it ends with were stripped by a pattern tried from each of them),
    50 s a POST /verify of two such texts."""
    text = "Tokaïev a dit. A" + run * (20_000 // len(run)) + "b"
    with deadline(1.0):
        spans = split_sentences(text)
    assert spans[0].text == "Tokaïev a dit."
    # ... and the marks still come off a short one: "etc. »" before a starter
    assert [s.text for s in split_sentences("Des armes, etc. Le» jour.")] == ["Des armes, etc.",
                                                                              "Le» jour."]
