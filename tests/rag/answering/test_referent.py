"""A sentence opening on "Il/Elle/Son ..." borrows the question's focus from the sentence it
refers to (`evidence._referent`), and only from that one: not across someone else named in
between, not from a sentence that names someone else first, not for a plural pronoun, not
from the passage's title. Lexical signals only (no embedder)."""

from __future__ import annotations

from rag.answering.evidence import EvidenceSentence, EvidenceWeights, gather_evidence
from rag.chunking import Chunk
from rag.retrieval import Hit


def _sentence(question: str, text: str, starts: str, title: str = "Un article",
              weights: EvidenceWeights | None = None) -> EvidenceSentence:
    hits = [Hit(Chunk("d", 0, text, 0, len(text), title), 1.0)]
    ev = gather_evidence(question, hits, None, None, lambda term: 1.0, "french",
                         weights=weights)
    return next(s for s in ev.sentences if s.text.startswith(starts))


_MARTIN = ("Martin Pierre Brodeur naît le 6 mai 1972 à Montréal. Il est le cinquième enfant de "
           "la famille : Line, Claude, Sylvie et Denis junior le précèdent.")


def test_a_pronoun_borrows_the_focus_the_sentence_before_names() -> None:
    """PIAF p140295203314856: "Il est le cinquième enfant ..." answers who Martin's siblings
    are; it holds his name through the sentence before, as much as that one does."""
    question = "Qui sont les frères et soeurs de Martin ?"
    on = _sentence(question, _MARTIN, "Il est")
    off = _sentence(question, _MARTIN, "Il est", weights=EvidenceWeights(referent=0.0))
    named = _sentence(question, _MARTIN, "Martin Pierre")
    assert on.focus == 1.0 and off.focus < 1.0
    assert on.coverage > off.coverage
    assert on.coverage >= named.coverage


def test_a_possessive_borrows_the_focus_of_a_full_name() -> None:
    """"En 2010, Edwige Lawson dispute ..." names Lawson first: her first name is no one
    else."""
    text = ("En 2010, Edwige Lawson dispute sa troisième saison à San Antonio. Son temps de jeu "
            "progresse et elle débute 19 des 33 rencontres.")
    s = _sentence("Combien de rencontres débute Edwige Lawson en 2010 ?", text, "Son temps")
    assert s.focus == 1.0


def test_someone_named_in_between_takes_the_pronoun() -> None:
    text = ("Martin Pierre Brodeur naît le 6 mai 1972 à Montréal. Le photographe Denis Lemieux "
            "arrive en ville. Il est le cinquième enfant de la famille.")
    s = _sentence("Qui sont les frères et soeurs de Martin ?", text, "Il est")
    assert s.focus < 1.0


def test_a_referent_naming_someone_else_first_lends_nothing() -> None:
    """"Étienne Báthory, roi de Pologne, ... Il invite les Jésuites": he is Báthory, not
    Poland."""
    text = ("Étienne Báthory, roi de Pologne, prend la ville de Polotsk en 1579. Il invite "
            "bientôt les Jésuites à s'y installer.")
    question = "Qui a invité les Jésuites en Pologne ?"
    on = _sentence(question, text, "Il invite")
    off = _sentence(question, text, "Il invite", weights=EvidenceWeights(referent=0.0))
    assert on.focus == off.focus < 1.0 and on.coverage == off.coverage


def test_a_plural_pronoun_or_the_title_lends_nothing() -> None:
    text = "Du Bosc prêche devant le roi. Ils obtinrent une lettre de cachet en 1664."
    s = _sentence("Qu'obtint Du Bosc en 1664 ?", text, "Ils obtinrent")
    assert s.focus < 1.0
    text = "Elle s'engage en 1917 auprès de la Croix-Rouge américaine."
    s = _sentence("Quelle association Clelia Mosher rejoint-elle ?", text, "Elle s",
                  title="Clelia Mosher")
    assert s.focus < 1.0
