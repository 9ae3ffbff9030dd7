"""The source's wording quoted beside a claim written in another language: which clause, how
short, and never for a claim in its source's own language."""

from __future__ import annotations

import pytest

from rag.answering.extractive import cite
from rag.answering.grounding import Grounder
from rag.answering.language import answer_language
from rag.answering.verify import Verifier, split_claims
from rag.answering.wording import (
    CONTEXT,
    MAX_WORDS,
    source_wording,
    with_wording,
    without_wording,
)
from rag.chunking import Chunk
from rag.embedders.e5 import E5Embedder
from rag.retrieval import Hit
from tests.cpu import cpu_spent

AGE = ("L’ancien président Noursoultan Nazarbaïev, 81 ans, a été limogé de son poste de "
       "président du Conseil de sécurité.")
GUARD = ("Selon le porte-parole du ministère de la Défense, le général de division Igor "
         "Konashenkov, les casques bleus russes seront utilisés pour protéger les consulats dans "
         "le pays, ainsi que l’aéroport international de la plus grande ville du Kazakhstan, "
         "Almaty.")
POLICE = ("Au moins 13 policiers ont été tués et 353 blessés dans le chaos, deux des personnes "
          "tuées ayant été décapitées, ont rapporté les médias officiels.")
PRICE = ("Le porte-parole du département d’État, Ned Price, a appelé les forces de l’OTSC à "
         "respecter les droits de l’homme.")


@pytest.mark.parametrize(("claim", "sentence", "quote"), [
    # a figure, with the words before it when its clause is bare ("81 ans")
    ("Nursultan Nazarbayev was 81 years old at the time.", AGE,
     "ancien président Noursoultan Nazarbaïev, 81 ans"),
    # no figure: the words shared with the claim ("consulates" / "consulats") and context
    ("Russian peacekeepers will protect consulates.", GUARD,
     "russes seront utilisés pour protéger les consulats dans le pays"),
    ("At least 13 police officers were killed.", POLICE, "Au moins 13 policiers ont été tués"),
    # the name is not what needs quoting: what Ned Price did
    ("Ned Price called on the forces to respect human rights.", PRICE,
     "a appelé les forces de l’OTSC à respecter les droits"),
    # a figure across a comma: "30" is in the clause after "indépendance"
    ("Kazakhstan had been independent from the Soviet Union for 30 years.",
     "Les villes du Kazakhstan ont connu les pires troubles de rue depuis que le pays a obtenu "
     "son indépendance de l’Union soviétique, il y a 30 ans.",
     "pays a obtenu son indépendance de l’Union soviétique, il y a 30 ans"),
    # one word in common ("difficult"), the names aside: its stretch of the sentence
    ("Blinken said that once the Russians are in your house, it is very difficult to get them "
     "out.", "Blinken a ajouté qu’une fois que les Russes sont dans votre maison, il est "
     "parfois très difficile de les faire partir.",
     "il est parfois très difficile de les faire partir"),
    # nothing but a name in common: nothing to quote
    ("Ned Price was born in 1983.", PRICE, None),
])
def test_source_wording(claim: str, sentence: str, quote: str | None) -> None:
    got = source_wording(claim, sentence)
    assert got == quote
    if got is not None:
        assert got in sentence and len(got.split()) <= MAX_WORDS + 2 * CONTEXT


def test_a_long_clause_is_cut_around_what_it_shares() -> None:
    long = ("Les autorités ont annoncé dans un communiqué publié tard dans la soirée de jeudi "
            "après une longue réunion du gouvernement que les consulats resteraient fermés "
            "jusqu’à nouvel ordre pour des raisons de sécurité évidentes")
    got = source_wording("The consulates would stay closed for security reasons.", long)
    assert got is not None and got in long and "consulats" in got
    assert len(got.split()) <= MAX_WORDS + 2 * CONTEXT and not got.startswith("Les autorités")


def test_the_quote_goes_before_the_markers_and_only_across_languages() -> None:
    assert with_wording("Nazarbayev was 81 years old [1].", AGE) == (
        "Nazarbayev was 81 years old (« ancien président Noursoultan Nazarbaïev, 81 ans ») [1].")
    same = "Nazarbaïev avait 81 ans [1]."
    assert with_wording(same, AGE, "fr") == same  # a French answer over a French source
    quoted = "Nazarbayev was « 81 ans » [1]."
    assert with_wording(quoted, AGE) == quoted  # the model quoted already


def test_a_translated_sentence_quotes_its_whole_source() -> None:
    said = "Zakharova denounced the “rude” comments [1]."
    source = "Moscou a dénoncé les commentaires «grossiers» du secrétaire d’État, a dit Zakharova."
    out = with_wording(said, source, "en", whole=True)
    # the whole sentence, its own quotation marks made inner ones
    assert out == ("Zakharova denounced the “rude” comments (« Moscou a dénoncé les commentaires "
                   "“grossiers” du secrétaire d’État, a dit Zakharova ») [1].")
    assert without_wording(out) == said
    assert answer_language(out, "fr") == "en"


def test_a_claim_as_long_as_its_sentence_quotes_all_of_it() -> None:
    said = ("At least 13 police officers were killed and 353 wounded in the chaos, two of the "
            "dead beheaded, official media reported [1].")
    assert with_wording(said, POLICE, "en") == said.replace(
        " [1].", f" (« {POLICE.rstrip('.')} ») [1].")


def test_quoted_source_text_never_acts() -> None:
    """A "[3]" in the source would be read as a citation of passage 3, markup would render."""
    source = "Selon l’OTSC [3], la force compte 2 600 militaires <img src=x onerror=alert(1)>."
    out = with_wording("The force has 2 600 troops [1].", source, "en", whole=True)
    assert "[3]" not in out and "(3)" in out and "<img" not in out and "&lt;img" in out
    assert out.endswith(" [1].")


def test_the_answer_language_is_read_outside_quotations() -> None:
    text = ("The Russian peacekeepers will protect the consulates (« les casques bleus russes "
            "seront utilisés pour protéger les consulats dans le pays »)")
    assert answer_language(text, "fr") == "en"


def test_a_verified_cross_lingual_claim_carries_its_source_wording(embedder: E5Embedder
                                                                    ) -> None:
    hit = Hit(Chunk("a", 0, AGE, 0, len(AGE), "Kazakhstan"), 1.0)
    out = Grounder(Verifier(embedder), [hit]).check(
        "Nursultan Nazarbayev was 81 years old [1].")
    assert out == ("Nursultan Nazarbayev was 81 years old (« ancien président Noursoultan "
                   "Nazarbaïev, 81 ans ») [1].")
    # an unsupported claim is still dropped, quote or not
    assert Grounder(Verifier(embedder), [hit]).check("Nazarbayev was 79 years old [1].") == ""


def test_evidence_of_two_sentences_is_quoted_from_one() -> None:
    """The verifier may support a claim with two adjacent sentences; a quote holding the break
    between them would be split there into a claim of its own (local gold q020)."""
    pair = ("La force est composée d’environ 2 600 militaires au total. Des soldats russes, "
            "biélorusses et arméniens sont déjà arrivés.")
    out = with_wording("The CSTO force consisted of approximately 2 600 military personnel "
                       "[1].", pair, "en")
    assert "(« La force est composée d’environ 2 600 militaires au total »)" in out
    assert len(split_claims(out)) == 1
    whole = with_wording("Russian, Belarusian and Armenian soldiers have already arrived [1].",
                         pair, "en", whole=True)
    assert "Des soldats russes, biélorusses et arméniens sont déjà arrivés" in whole
    assert "au total" not in whole and len(split_claims(whole)) == 1


def test_a_claims_trailer_is_found_in_linear_time() -> None:
    """Three whitespace loops side by side made the trailer cubic in a run of spaces a model
    may write: 1,000 spaces cost 2.3 s (eleventh review, F3)."""
    claim = "Russia sent" + " " * 3000 + "3,000 soldiers [1]."
    with cpu_spent() as spent:
        out = with_wording(claim, "La Russie a envoyé 3 000 soldats.", "en")
    assert spent.seconds < 0.5
    assert out.endswith("(« La Russie a envoyé 3 000 soldats ») [1].")
    assert with_wording("Russia sent 3,000 soldiers [1] [2].", "La Russie a envoyé 3 000 "
                        "soldats.", "en").endswith("soldats ») [1] [2].")


def test_cite_finds_closing_punctuation_in_linear_time() -> None:
    with cpu_spent() as spent:
        out = cite("x" + "." * 20_000 + "y", 3)
    assert spent.seconds < 0.5 and out.endswith("y [3]")
    assert cite("Il a parlé !..", 2) == "Il a parlé [2] !.."


def test_the_source_wording_reads_each_word_once() -> None:
    """Each word of the sentence was read again for each figure of the claim: a 2,000
    character claim of dates over a 1,200 character sentence cost 2 s (twelfth review, F2)."""
    claim, sentence = ("le 5 " * 400)[:2000], ("le 5 " * 240)[:1200]
    # (once first: what is loaded on a first call, such as the country names, is not the
    # growth measured: 0.32 s of a CI run went to it when no test before had loaded them)
    source_wording("le 5 janvier", "le 5 janvier")
    with_wording("on 5 January [1].", "le 5 janvier", "en")
    with cpu_spent() as spent:
        quote = source_wording(claim, sentence)
    assert spent.seconds < 0.3
    assert quote is not None and "le 5" in quote
    with cpu_spent() as spent:
        out = with_wording(("on 5 January, " * 100)[:600] + " [1].",
                           ("le 5 janvier, " * 200)[:1200], "en")
    assert spent.seconds < 0.1
    assert "le 5 janvier" in out
