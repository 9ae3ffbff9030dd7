"""When something began is not the date it lasts until (blind34 trap b34_004: "À quelle date
l'état d'urgence a-t-il été décrété ?" answered by "... jusqu'au 19 janvier"); a quote in the
first person plural borrows the coverage of the sentence before that names its speaker (b34_022:
"« Nous préconisons ... »" after "Le ministère ... a confirmé ...")."""

from __future__ import annotations

from rag.answering.evidence import gather_evidence
from rag.answering.holds import end_dates_only
from rag.answering.question import analyse_question
from rag.chunking import Chunk
from rag.retrieval import Hit

DECREE = "Le gouverneur a instauré le couvre-feu jusqu'au 3 mars dans toute la province."


def _sentences(question: str, text: str) -> dict[str, tuple[bool, float]]:
    hits = [Hit(Chunk("d", 0, text, 0, len(text), "Un article"), 1.0)]
    ev = gather_evidence(question, hits, None, None, lambda term: 1.0, "french")
    return {s.text: (s.kind, s.coverage) for s in ev.sentences}


def test_a_date_something_lasts_until_is_only_an_end() -> None:
    assert end_dates_only(DECREE)
    assert end_dates_only("The curfew was imposed until March 3.")
    assert not end_dates_only("Le couvre-feu a été instauré le 1er mars jusqu'au 3 mars.")
    assert not end_dates_only("Le couvre-feu a été instauré le 1er mars.")


def test_when_it_began_is_not_answered_by_its_end_and_how_long_is() -> None:
    start = analyse_question("À quelle date le couvre-feu a-t-il été instauré ?", "fr")
    assert start.start_asked
    assert not analyse_question("Jusqu'à quelle date le couvre-feu a-t-il été instauré ?",
                                "fr").start_asked
    assert not analyse_question("When does the curfew end?", "en").start_asked
    kind, _ = _sentences("À quelle date le couvre-feu a-t-il été instauré ?", DECREE)[DECREE]
    assert not kind
    kind, _ = _sentences("Jusqu'à quelle date le couvre-feu a-t-il été instauré ?",
                         DECREE)[DECREE]
    assert kind


def test_a_quote_in_the_first_person_plural_borrows_its_speakers_coverage() -> None:
    said = "Le ministère de l'Agriculture a réagi jeudi aux manifestations des fermiers."
    quote = "« Nous voulons un accord durable », indique un communiqué."
    got = _sentences("Qu'a dit le ministère de l'Agriculture sur les fermiers ?",
                     f"{said} {quote}")
    alone = _sentences("Qu'a dit le ministère de l'Agriculture sur les fermiers ?", quote)
    assert got[quote][1] > alone[quote][1]


def test_what_a_question_says_of_a_share_is_not_said_of_the_figure() -> None:
    # blind34 trap b34_018: "How many NGOs ... are funded by the United States?" over "38 000
    # ONG actives ..., tandis que la majorité d'entre elles sont financées par les États-Unis"
    text = ("On compte 4 000 associations actives dans la région, tandis que la majorité d'entre "
            "elles sont financées par des donateurs privés.")
    funded, _ = _sentences("Combien d'associations sont financées par des donateurs privés ?",
                           text)[text]
    active, _ = _sentences("Combien d'associations sont actives dans la région ?", text)[text]
    assert not funded
    assert active
