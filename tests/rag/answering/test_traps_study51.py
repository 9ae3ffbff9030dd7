"""Traps of evals/traps_study51.jsonl (a study set): what someone is asked to have said, and
the sentences that do not say it."""

from __future__ import annotations

import pytest

from rag.answering.evidence import gather_evidence
from rag.answering.speakers import credited, said_by
from rag.chunking import Chunk
from rag.retrieval import Hit
from tests.rag.answering.test_traps_study50 import _kind_of


@pytest.mark.parametrize(("question", "asked"), [
    ("What did President Joe Biden personally say about the CSTO deployment to Kazakhstan?",
     ("joe", "biden")),
    # "State" is no verb of saying here: the name asked is the one before "call"
    ("Why did US State Department spokesman Ned Price call suggestions that CSTO troops were "
     "occupiers 'total stupidity'?", ("ned", "price")),
    ("Pourquoi Jen Psaki a-t-elle affirmé qu'une fois les Russes dans votre maison, il est "
     "très difficile de les faire partir ?", ("jen", "psaki")),
    ("Qu'a déclaré Emmanuel Macron au sujet de l'OTSC ?", ("emmanuel", "macron")),
    # a title or a body is no full name; a question asking no words asks no speaker
    ("Qu'a déclaré le secrétaire général de l'ONU au sujet de l'intervention ?", ()),
    ("What did the State Department say?", ()),
    ("Who is Jen Psaki?", ()),
])
def test_who_is_asked_to_have_said_something(question: str, asked: tuple[str, ...]) -> None:
    assert said_by(question) == asked


@pytest.mark.parametrize(("text", "names"), [
    ("«Joe Biden et Vladimir Poutine se sont rencontrés à Genève», ajoute Laurent Goetschel.",
     [{"laurent", "goetschel"}]),
    ("Le secrétaire général de l’OTSC, Stanislav Zas, a qualifié de « stupidité totale » les "
     "suggestions.", [{"stanislav", "zas"}]),
    ("Vendredi soir, Blinken s’est dit préoccupé par la décision de l’OTSC.", [{"blinken"}]),
    ("«Nous partons», a déclaré à Sputnik Earl Rasmussen.", [{"sputnik", "earl", "rasmussen"}]),
    # a pronoun credits no one by name, and what follows "que" is what was said (b16_002)
    ("Elle a ajouté que les États-Unis avaient « des questions ».", []),
    ("Il a déclaré qu’Antonov était parti.", []),
])
def test_whom_a_sentence_credits(text: str, names: list[set[str]]) -> None:
    assert credited(text) == names


BIDEN = "What did President Joe Biden personally say about the CSTO deployment to Kazakhstan?"


@pytest.mark.parametrize(("text", "held"), [
    # t51_005: Biden is named in Goetschel's words, and in a sentence that tells no words
    ("«Joe Biden et Vladimir Poutine se sont rencontrés à Genève, alors bien sûr, cela "
     "souligne la continuité», ajoute Laurent Goetschel.", False),
    ("Contrairement au sommet entre Vladimir Poutine et Joe Biden, la rencontre de lundi se "
     "déroule à la mission diplomatique des États-Unis à Genève.", False),
    ("Le déploiement de l’OTSC au Kazakhstan est « une erreur », a déclaré Joe Biden.", True),
])
def test_words_asked_of_someone_are_his(text: str, held: bool) -> None:
    assert _kind_of(BIDEN, text, text[:20]) is held


def test_words_said_on_after_a_pronoun_are_his() -> None:
    """b16_002: "Elle a ajouté que ..." after a sentence naming Jen Psaki is hers."""
    text = ("Les plans de l’OTAN ne changent pas, a déclaré jeudi Jen Psaki, porte-parole de la "
            "Maison Blanche. Elle a ajouté que les États-Unis avaient « des questions sur la "
            "nature de cette demande ».")
    assert _kind_of("What did Jen Psaki say the US had questions about?", text, "Elle a")


@pytest.mark.parametrize(("question", "text", "held"), [
    # t51_008, b16_020: the CSTO's secretary general is not the UN's nor NATO's
    ("Qu'a déclaré le secrétaire général de l'ONU au sujet de l'intervention ?",
     "Le secrétaire général de l’OTSC, Stanislav Zas, a qualifié de « stupidité totale » les "
     "suggestions.", False),
    # ... nor "le secrétaire général du bloc", nor a sentence naming NATO but not its title
    ("What did NATO's secretary general say about the CSTO deployment?",
     "L’intervention est justifiée, selon le secrétaire général du bloc, Stanislav Zas.",
     False),
    ("What did NATO's secretary general say about the CSTO deployment?",
     "Des troupes sont massées, provoquant des discussions entre Washington, Moscou et "
     "l’OTAN.", False),
    ("What did NATO's secretary general say about the CSTO deployment?",
     "Le secrétaire général de l’OTAN a dit que le déploiement de l’OTSC l’inquiétait.", True),
])
def test_a_title_asked_of_a_body_is_that_body_s(question: str, text: str,
                                               held: bool) -> None:
    assert _kind_of(question, text, text[:20]) is held


@pytest.mark.parametrize(("question", "figures"), [
    ("Which Kazakh organisations received the USD 750,000 the State Department allocated?",
     {"n:750000"}),
    ("Which single sold 54, 435 copies in a week?", {"n:54435"}),  # a translation's thousands
    # years, small numbers and a figure asked are none a sentence must give again
    ("What did the CSTO decide in 2022?", set()),
    ("Why were the three explosions heard?", set()),
    ("How many of the 3,000 troops were Russian?", set()),
])
def test_the_figures_a_question_gives(question: str, figures: set[str]) -> None:
    from rag.answering.question import analyse_question
    assert analyse_question(question).figures == figures


FUNDS = "Which Kazakh organisations received the USD 750,000 the State Department allocated?"


@pytest.mark.parametrize(("text", "held"), [
    # t51_045: organisations listed with no such sum
    ("Les participants les plus actifs sont des entités telles que l’USAID, le National "
     "Endowment for Democracy et Freedom House.", False),
    ("Le bureau a alloué 750 000 $ à Freedom House et au National Endowment for Democracy.",
     True),
])
def test_a_figure_the_question_gives_is_given_again(text: str, held: bool) -> None:
    assert _kind_of(FUNDS, text, text[:20]) is held


LARGER = "Le Kirghizistan a-t-il envoyé plus de soldats que le Tadjikistan ?"


@pytest.mark.parametrize(("text", "held"), [
    # t48_023, b14_017: one range said of each side compares none
    ("Le Kirghizistan et le Tadjikistan ont envoyé entre 100 et 200 personnes chacun.", False),
    ("Le Kirghizistan et le Tadjikistan ont envoyé des soldats.", False),
    # a year is no figure of a side
    ("Le bloc de six États, dont le Kirghizistan et le Tadjikistan, a été formé en 1992.",
     False),
    ("Le Kirghizistan a envoyé 150 soldats et le Tadjikistan 100.", True),
    ("Le Kirghizistan a envoyé plus de soldats que le Tadjikistan.", True),
    # a comparative standing alone compares; a bound on one figure does not
    ("Le Kirghizistan a envoyé des dizaines de soldats, moins le Tadjikistan.", True),
    ("Le Kirghizistan et le Tadjikistan ont envoyé au moins 100 soldats.", False),
    # a first is no ranking of the sides; a figure before does not make a range said of each
    # compare them
    ("Le Kirghizistan et le Tadjikistan ont mené leur première action militaire.", False),
    ("Le Kirghizistan a envoyé le plus grand contingent, devant le Tadjikistan.", True),
])
def test_a_comparison_asked_is_answered_by_one_made(text: str, held: bool) -> None:
    assert _kind_of(LARGER, text, text[:20]) is held


def test_a_figure_before_a_range_said_of_each_compares_nothing() -> None:
    """t48_023: "La Russie a envoyé 3 000 soldats." before the sides' shared range."""
    text = ("La Russie a envoyé 3 000 soldats. Le Kirghizistan et le Tadjikistan ont envoyé "
            "entre 100 et 200 personnes chacun.")
    assert not _kind_of(LARGER, text, "Le Kirghizistan")


def test_davantage_asks_a_comparison() -> None:
    from rag.answering.question import analyse_question
    assert analyse_question("Les États-Unis ont-ils davantage financé la société civile "
                            "kazakhe que le Royaume-Uni ?").compared



@pytest.mark.parametrize(("question", "verb"), [
    ("Did Kazakhstan accept the EU's offer of support to deal with the crisis?",
     ("accept", "en")),
    ("Was Tokayev re-elected president after the unrest?", ("re-elected", "en")),
    ("Noursoultan Nazarbaïev a-t-il conservé la présidence du Conseil de sécurité ?",
     ("conserve", "fr")),
    ("Le Kazakhstan a-t-il fini par se retirer de l'Union économique eurasiatique ?",
     ("retirer", "fr")),
    # a preposition after the subject is no verb; a verb of saying is no deed (what was said
    # is the question)
    ("Did the US-Russia security talks in Geneva end with an agreement?", ("", "")),
    ("Tokaïev a-t-il plus tard déclaré que la Russie partirait ?", ("", "")),
])
def test_the_deed_a_yes_no_question_asks_about(question: str, verb: tuple[str, str]) -> None:
    from rag.answering.yes_no import yes_no_verb
    assert yes_no_verb(question) == verb


@pytest.mark.parametrize(("question", "text", "held"), [
    # t51_020: the offer alone does not tell whether it was accepted
    ("Did Kazakhstan accept the EU's offer of support to deal with the crisis?",
     "« L’UE est prête à apporter son soutien pour faire face à cette crise », a déclaré "
     "Josep Borrell à propos du Kazakhstan.", False),
    ("Did Kazakhstan accept the EU's offer of support to deal with the crisis?",
     "Le Kazakhstan a accepté l’offre de soutien de l’UE.", True),
    # t51_038: "conséquence" is no "conservé"
    ("Noursoultan Nazarbaïev a-t-il conservé la présidence du Conseil de sécurité ?",
     "Nazarbaïev a appelé à soutenir le gouvernement, comme conséquence des émeutes.", False),
    ("Noursoultan Nazarbaïev a-t-il conservé la présidence du Conseil de sécurité ?",
     "Nazarbaïev conserve la présidence du Conseil de sécurité.", True),
    # den048: a reaction answers whether they responded (the lexicon's "respond")
    ("Had Western capitals responded to the Russian announcement by Thursday morning?",
     "Pour l’heure, en ce jeudi matin, les Occidentaux n’ont pas réagi à l’annonce russe.",
     True),
])
def test_a_yes_no_question_is_answered_of_its_deed(question: str, text: str,
                                                  held: bool) -> None:
    assert _kind_of(question, text, text[:20]) is held


# The session's diff review (a helper): ordinary questions the new rules misread


@pytest.mark.parametrize(("question", "asked"), [
    ("When did Joe Biden call Vladimir Putin?", ()),  # a deed, not words, asked
    ("Qu'a déclaré Emmanuel Macron sur Vladimir Poutine ?", ("emmanuel", "macron")),
    ("What did Joe Biden and Vladimir Putin say after the summit?", ()),
    ("What did Joe Biden's spokeswoman say about Kazakhstan?", ()),
    ("What did the United States say about the deployment?", ()),
    ("What did the White House say?", ()),
    ("What did " + " " * 1990 + "happen?", ()),  # (linear: 2,000 spaces cost 15 s before)
])
def test_review_who_is_asked_to_have_said(question: str, asked: tuple[str, ...]) -> None:
    assert said_by(question) == asked


@pytest.mark.parametrize("text", [
    "He told Reuters that the deal was dead.", "He said in Washington that talks would go on.",
    "Il a déclaré à Genève que les pourparlers continueraient.",
    "He said Russia would pay a heavy price."])
def test_review_a_place_or_an_addressee_is_not_credited(text: str) -> None:
    assert credited(text) == []


@pytest.mark.parametrize(("question", "text", "holding", "held"), [
    # words told by a pronoun with an adverb
    ("What did Antony Blinken say about Kazakhstan?",
     "Antony Blinken s’est exprimé lundi. Il a également souligné que le Kazakhstan devait "
     "respecter les manifestants.", "Il a", True),
    # a title asked with the person named in full: the person is enough
    ("What did UN Secretary-General Antonio Guterres say about the violence in Kazakhstan?",
     "Antonio Guterres a déclaré que toutes les parties devaient s’abstenir de la violence au "
     "Kazakhstan.", "Antonio", True),
    ("What did the Russian ambassador to the UN say about the resolution?",
     "L’ambassadeur russe à l’ONU, Vassili Nebenzia, a déclaré que la résolution était "
     "inacceptable.", "L’amb", True),
    # a title someone speaks to is not his
    ("What did NATO's secretary general say about the CSTO?",
     "Le secrétaire général de l’OTAN s’est exprimé mardi. Jens Stoltenberg a déclaré au "
     "secrétaire général de l’OTSC que l’Alliance surveillait le déploiement.", "Jens", True),
    # yes/no: adverbs, possessives, a name ending in -ed, a "no" answer, a synonym
    ("Did Armenia also send troops to Kazakhstan?",
     "Armenia sent 70 soldiers to Kazakhstan.", "Armenia", True),
    ("Did Russia's troops leave Kazakhstan?",
     "Russian troops left Kazakhstan on 19 January.", "Russian", True),
    ("Was Ahmed Mansoor arrested?", "Ahmed Mansoor was arrested in 2017.", "Ahmed", True),
    ("Did Kazakhstan accept the EU's offer of support?",
     "Le Kazakhstan a décliné l’offre de soutien de l’UE.", "Le Kaz", True),
    ("Was Karim Massimov arrested?",
     "Karim Massimov was detained on suspicion of treason.", "Karim", True),
    ("Tokaïev a-t-il lui-même demandé l'aide de l'OTSC ?",
     "Tokaïev a demandé l’aide de l’OTSC.", "Tokaïev", True),
    # comparisons: a figure of four digits is no year; figures in two sentences
    ("Did Russia send more troops than Armenia?",
     "La Russie a déployé 2 000 soldats et l’Arménie 70.", "La Russie", True),
    ("Did Russia send more troops than Armenia?",
     "La Russie a envoyé environ 3 000 parachutistes. L’Arménie n’en a envoyé que 70.",
     "L’Arm", True),
    # a number naming something is no figure to find again
    ("Why was the Boeing 737 MAX grounded?",
     "Regulators grounded the aircraft in March 2019 after two crashes.", "Regul", True),
])
def test_review_ordinary_questions_answered(question: str, text: str, holding: str,
                                           held: bool) -> None:
    assert _kind_of(question, text, holding) is held


def test_review_a_figure_given_earlier_in_the_passage() -> None:
    text = ("Le bureau a alloué 750 000 $ à cette cause. Les bénéficiaires sont Freedom House "
            "et le National Endowment for Democracy.")
    assert _kind_of(FUNDS, text, "Les bén")


def test_review_a_yes_no_deed_across_passages_of_two_languages() -> None:
    """The language compared is each passage's, not the first passage's."""
    en, fr = "Russia sent troops to Kazakhstan on 6 January.", \
        "La Russie a envoyé des troupes au Kazakhstan le 6 janvier."
    ev = gather_evidence("Did Russia send troops to Kazakhstan?",
                         [Hit(Chunk("d0", 0, en, 0, len(en), "T"), 1.0),
                          Hit(Chunk("d1", 0, fr, 0, len(fr), "T"), 1.0)],
                         None, None, lambda term: 1.0, "french")
    assert all(s.kind for s in ev.sentences)
